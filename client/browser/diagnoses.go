package browser

import (
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// The browser's rows: Key Relay's own browser window, the pages browser assist drives, and the default
// browser that wouldn't open a page.
const (
	NotOpened diagnosis.Code = "browser_not_opened"
	// Browser assist (client/assist): Key Relay's own browser window.
	NotFound           diagnosis.Code = "browser_not_found"
	NotStarted         diagnosis.Code = "browser_not_started"
	ProfileInUse       diagnosis.Code = "browser_profile_in_use"
	Closed             diagnosis.Code = "browser_closed"
	LoggedOut          diagnosis.Code = "browser_logged_out"
	PageNotLoading     diagnosis.Code = "page_not_loading"
	WPUserCannotManage diagnosis.Code = "wp_user_cannot_manage"
	NotUsedYet         diagnosis.Code = "not_used_yet"
	PageLeftSite       diagnosis.Code = "page_left_site"
	PageDialog         diagnosis.Code = "page_dialog"
	PageChanged        diagnosis.Code = "page_changed"
	PageKeyRefused     diagnosis.Code = "page_key_refused"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: NotOpened, Number: 52, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Key Relay couldn't open your web browser.",
		Meaning: "This computer has no default web browser set, or it wouldn't start.",
		Fix:     []string{"The page's address is on the clipboard: open your web browser, paste it into the address bar and press Enter.", "To let Key Relay open pages itself, choose a default web browser in your system settings."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: NotFound, Number: 53, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Key Relay can't do this for you: there is no Chrome, Edge, Chromium or Brave on this computer.",
		Meaning: "“Do it for me” works in a browser window Key Relay drives, and only these browsers let it. Your key is not affected.",
		Fix:     []string{"Click “I'll do it in my browser”: Key Relay walks you through the same steps in the browser you use.", "Or install Google Chrome or Microsoft Edge and click “Do it for me” again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: NotStarted, Number: 54, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "The browser Key Relay uses wouldn't start.",
		Meaning: "Key Relay found the browser but it closed as soon as it started, often because the computer's security software stops it. Your key is not affected.",
		Fix:     []string{"Click “I'll do it in my browser” to go on in the browser you use.", "Or restart the computer and click “Do it for me” again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: ProfileInUse, Number: 55, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Another Key Relay window is using Key Relay's browser.",
		Meaning: "Key Relay keeps one browser profile of its own, and a browser is already open on it: most likely from another Key Relay window that is still open.",
		Fix:     []string{"Close the other Key Relay window (and the browser window it opened), then click “Do it for me” again.", "Or click “I'll do it in my browser” to go on in the browser you use."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: Closed, Number: 56, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "The Key Relay browser window was closed.",
		Meaning: "Key Relay was working in that window when it closed. Nothing captured so far is lost.",
		Fix:     []string{"Click “Do it for me” to open the window again and carry on, or click “I'll do it in my browser” to finish in your own browser."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: LoggedOut, Number: 57, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "WordPress logged you out in the Key Relay browser window.",
		Meaning: "Your WordPress login there ended (it expired, or you logged out somewhere else). Key Relay never types your password, so it is waiting for you.",
		Fix:     []string{"Log in to WordPress in the Key Relay browser window, and tick “Remember Me” so it remembers you next time.", "Key Relay carries on by itself once you're in; or click Cancel and “I'll do it in my browser”."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
	{Code: PageNotLoading, Number: 58, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "A page didn't load in the Key Relay browser window.",
		Meaning: "The browser asked for the page but it never finished loading: the site is slow or not answering browsers right now.",
		Fix:     []string{"Check that the page opens in your own browser.", "Click “Do it for me” to try again, or “I'll do it in my browser” to go on there."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: WPUserCannotManage, Number: 59, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "The WordPress user logged in to the Key Relay browser window can't manage the shop.",
		Meaning: "WordPress answered “Sorry, you are not allowed to access this page.”: keys can only be made by an Administrator or a Shop manager. Nothing was generated.",
		Fix:     []string{"In the Key Relay browser window, log out of WordPress (top right) and log in as an Administrator or Shop manager.", "Then click “Do it for me” again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: NotUsedYet, Number: 61, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Your store hasn't seen your sync service use the key yet.",
		Meaning: "After you clicked Update, Key Relay watched the key's Last access in WordPress's keys list for a few minutes, and the service didn't use the key in that time. It may still: some services wait before their first sync.",
		Fix:     []string{"In your sync service, check that the page said the key was saved, and click Update again if it didn't.", "Look at the keys list in WordPress later: when Last access changes, the service is using the key.", "If the service says it can't connect, click “Copy details for support”."},
		Page:    wpadmin.Keys, PageText: "Open the keys list",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferCheckAgain}},
	{Code: PageLeftSite, Number: 64, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "The Key Relay browser window went to another website, so Key Relay stopped there.",
		Meaning: "Key Relay puts your key into, and reads it from, only the page it opened: your store's or your sync service's own. The window moved to the website named below, so Key Relay typed nothing there and read nothing from it.",
		Fix:     []string{"Look at the Key Relay browser window: if you followed a link, go back to the page Key Relay opened and click Try again.", "If you had already clicked the service's own button, the service may have the key: Done shows whether it uses it. Otherwise use the copy buttons below."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: PageDialog, Number: 65, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "A message box in the Key Relay browser window is waiting for you.",
		Meaning: "The page opened a message box (its words are below), and nothing on the page goes on until it is answered. Key Relay never answers a page's questions for you, so it stopped.",
		Fix:     []string{"Read the message in the Key Relay browser window and click OK or Cancel there.", "Then click Try again, or go on by hand with what Key Relay has captured."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: PageChanged, Number: 66, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "The page changed while Key Relay was working on it.",
		Meaning: "The page in the Key Relay browser window reloaded, moved on or closed in the middle of what Key Relay was doing there, so Key Relay stopped. Nothing was sent anywhere, and nothing captured so far is lost.",
		Fix:     []string{"Click Try again: Key Relay opens the page again and carries on.", "Or click “I'll do it in my browser” to go on by hand."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: PageKeyRefused, Number: 67, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "What WordPress's page showed isn't a WooCommerce key, so Key Relay didn't keep it.",
		Meaning: "Key Relay takes a key from the Add key page only after you clicked Generate API key there, and only when both values look exactly like a key (ck_ and cs_ with 40 letters and digits). The page showed something else: nothing was saved or sent.",
		Fix:     []string{"Open WordPress's keys list: if a key Key Relay's description names is listed, revoke it.", "Click “Do it for me” again, or make the key by hand with “I'll do it in my browser”."},
		Page:    wpadmin.Keys, PageText: "Open the keys list",
		Offers: []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
}

func init() { diagnosis.Register(diagnoses...) }
