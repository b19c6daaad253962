package woo

import (
	"fmt"
	"slices"
	"time"

	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Code is a diagnosis's stable identifier: support articles, the support code and scripts rely on it, so a
// code is never renamed or reused.
type Code string

// Kind says whose side a problem is on; keyrelay-check turns it into its exit code.
type Kind int

const (
	KindReach    Kind = iota + 1 // this computer could not talk to the store
	KindStore                    // the store (or its host) must change something
	KindKey                      // the key or secret must change
	KindComputer                 // this computer's keyring or browser failed (client/vault and ui report these)
)

func (k Kind) String() string {
	switch k {
	case KindReach:
		return "reach"
	case KindStore:
		return "store"
	case KindKey:
		return "key"
	case KindComputer:
		return "computer"
	}
	return "unknown"
}

// Severity says whether a diagnosis stops the merchant or is only worth knowing.
type Severity int

const (
	Blocker Severity = iota + 1
	Warning
)

// Diagnosis is one row of the table below: everything a merchant is told about one kind of failure.
type Diagnosis struct {
	Code     Code
	Number   int // stable small number for the support code (KR-…); never reused
	Kind     Kind
	Severity Severity
	Title    string   // one sentence a shop owner understands
	Meaning  string   // what it means, plainly
	Fix      []string // the steps, in order
	Page     wpadmin.Page
	PageText string // label of the button that opens Page
	// Offers is what a screen offers the merchant beside the fix steps: screens read it here rather than
	// deciding from codes.
	Offers []Offer
}

// Offer is one thing a screen offers beside a diagnosis (the wp-admin page button is offered wherever the
// row has a Page).
type Offer int

const (
	OfferCheckAgain     Offer = iota + 1 // the fix is made elsewhere (WordPress, the host): look again
	OfferNewKey                          // the key itself must change: enter a different one, or make one
	OfferFixInPlace                      // edit the key in WordPress; the same key and secret then work
	OfferContinueAnyway                  // worth knowing; the walk goes on
	OfferOtherAddress                    // the store named another address: is it the merchant's?
	OfferTryAgain                        // this computer's part (the keyring) may work on a second try
)

// Offer reports whether the row offers o.
func (d *Diagnosis) Offer(o Offer) bool { return slices.Contains(d.Offers, o) }

// The diagnosis codes.
const (
	DNSFailure         Code = "dns_failure"
	NoNetwork          Code = "no_network"
	ConnectionRefused  Code = "connection_refused"
	Timeout            Code = "timeout"
	ClockWrong         Code = "clock_wrong"
	CertExpired        Code = "cert_expired"
	CertUntrusted      Code = "cert_untrusted"
	CertWrongName      Code = "cert_wrong_name"
	TLSFailed          Code = "tls_failed"
	NotWordPress       Code = "not_wordpress"
	RESTBlocked        Code = "rest_blocked"
	WooCommerceMissing Code = "woocommerce_missing"
	WooRESTMissing     Code = "wc_rest_missing"
	PlainPermalinks    Code = "plain_permalinks"
	PlainHTTP          Code = "plain_http"
	HTTPSNotDetected   Code = "https_not_detected"
	AuthHeaderStripped Code = "auth_header_stripped"
	StoreMoved         Code = "store_moved"
	RateLimited        Code = "rate_limited"
	Maintenance        Code = "maintenance"
	ServerError        Code = "server_error"
	KeyFormat          Code = "key_format"
	KeyUnknown         Code = "key_unknown"
	WrongSecret        Code = "wrong_secret"
	KeySecretSwapped   Code = "key_secret_swapped"
	KeyReadOnly        Code = "key_read_only"
	KeyWriteOnly       Code = "key_write_only"
	UserLacksRights    Code = "user_lacks_rights"
	MorePermission     Code = "more_permission_than_needed"
	UnexpectedResponse Code = "unexpected_response"
	KeyringUnavailable Code = "keyring_unavailable"
	KeyringLocked      Code = "keyring_locked"
	KeyringItemDamaged Code = "keyring_item_damaged"
	// The field reports' second round.
	CertChainIncomplete Code = "cert_chain_incomplete"
	WriteMethodBlocked  Code = "write_method_blocked"
	BasicAuthPlugin     Code = "basic_auth_plugin"
	RESTRewriteBroken   Code = "rest_rewrite_broken"
	AppPasswordNotKey   Code = "app_password_not_key"
	BrowserNotOpened    Code = "browser_not_opened"
	LanguagePrefix      Code = "language_prefix"
	WCRoutesMissing     Code = "wc_routes_missing"
	APIElsewhere        Code = "api_elsewhere"
	RedirectedAway      Code = "redirected_elsewhere"
	HTTPSRequired       Code = "https_required"
	VisitorsFiltered    Code = "visitors_filtered"
	BotChallenge        Code = "bot_challenge"
	RequestFiltered     Code = "request_filtered"
	SitePassword        Code = "site_password"
	AuthHeaderTaken     Code = "auth_header_taken"
	RESTLoginRequired   Code = "rest_login_required"
	JunkBeforeJSON      Code = "junk_before_json"
	CachedAPI           Code = "cached_api"
	MultisiteSubsite    Code = "multisite_subsite"
	// Browser assist (client/assist): Key Relay's own browser window.
	BrowserNotFound     Code = "browser_not_found"
	BrowserNotStarted   Code = "browser_not_started"
	BrowserProfileInUse Code = "browser_profile_in_use"
	BrowserClosed       Code = "browser_closed"
	BrowserLoggedOut    Code = "browser_logged_out"
	PageNotLoading      Code = "page_not_loading"
	WPUserCannotManage  Code = "wp_user_cannot_manage"
	ServiceFormChanged  Code = "service_form_changed"
	// Two places on the service's page are equally good for the key: Key Relay fills neither.
	ServiceFormAmbiguous Code = "service_form_ambiguous"
	NotUsedYet           Code = "not_used_yet"
	PageLeftSite         Code = "page_left_site"
	PageDialog           Code = "page_dialog"
	PageChanged          Code = "page_changed"
	PageKeyRefused       Code = "page_key_refused"
	// A redirect from the store's https:// address to http://.
	HTTPSDowngrade Code = "https_downgrade"
	// Syncore (client/syncore): a key source beside WooCommerce.
	SyncoreKeyFormat     Code = "syncore_key_format"
	SyncoreKeyRefused    Code = "syncore_key_refused"
	SyncoreNoAPIAccess   Code = "syncore_no_api_access"
	SyncoreCheckOutdated Code = "syncore_check_outdated"
	SyncoreOldKeyWorks   Code = "syncore_old_key_works"
	SyncoreUnavailable   Code = "syncore_unavailable"
)

// Diagnoses is the one table of everything that can go wrong: with the store and the key (this package),
// and with this computer's keyring (client/vault) and browser (ui). Screens, the command line, the support
// report and the README's troubleshooting table all read it; nothing else words a failure.
var Diagnoses = []Diagnosis{
	{DNSFailure, 1, KindReach, Blocker,
		"We can't find a website at this address.",
		"The address doesn't exist on the internet: usually a typing mistake, or a domain that has expired.",
		[]string{"Check the spelling of the address: open it in your web browser and make sure your shop appears.", "Copy the address from the browser's address bar and paste it here."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{NoNetwork, 2, KindReach, Blocker,
		"This computer isn't connected to the internet.",
		"The connection failed before it could reach any website.",
		[]string{"Check your Wi-Fi or network cable.", "Open any website in your browser to confirm, then click Check again."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{ConnectionRefused, 3, KindReach, Blocker,
		"The store's server refused the connection.",
		"The address was found, but nothing there is accepting web visits: the server is down, or the address points to the wrong place.",
		[]string{"Open the store in your web browser. If it doesn't load either, contact your hosting company.", "If it loads there, check that you typed the same address here (including any :port)."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{Timeout, 4, KindReach, Blocker,
		"The store took too long to answer.",
		"The server didn't reply in time. It may be overloaded or a firewall may be silently dropping the connection.",
		[]string{"Wait a minute and click Check again.", "If it keeps happening, ask your hosting company whether a firewall blocks requests to /wp-json/."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{ClockWrong, 5, KindReach, Blocker,
		"This computer's clock is wrong, so the store refused the signed request.",
		"On a store without HTTPS every request carries the time; the store refuses times more than 15 minutes off.",
		[]string{"Set this computer's date, time and time zone to automatic.", "Click Check again."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{CertExpired, 10, KindStore, Blocker,
		"The store's security certificate has expired.",
		"Browsers and sync services refuse to connect securely to the store until the certificate is renewed.",
		[]string{"Ask your hosting company to renew the SSL certificate (many hosts do it for free with Let's Encrypt, in the hosting control panel).", "Click Check again once it is renewed."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{CertUntrusted, 11, KindStore, Blocker,
		"The store's security certificate isn't trusted.",
		"The certificate is self-signed or issued by an unknown authority, so sync services will refuse to connect.",
		[]string{"Ask your hosting company for a certificate from a trusted authority (Let's Encrypt is free).", "Support agents: if the store uses a private certificate on purpose, run keyrelay-check with --ca-file."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{CertWrongName, 12, KindStore, Blocker,
		"The store's security certificate is for a different address.",
		"The certificate doesn't cover this address (often www. versus no www., or a domain that was changed).",
		[]string{"Try the address exactly as it appears in your browser when the shop loads with a padlock.", "If that doesn't help, ask your hosting company to issue the certificate for this address."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{TLSFailed, 13, KindStore, Blocker,
		"A secure connection to the store couldn't be set up.",
		"The server's HTTPS setup failed before any page was sent.",
		[]string{"Open the store in your browser with https:// and see whether it shows a warning.", "Send your hosting company the details from “Copy details for support”."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{LanguagePrefix, 14, KindStore, Warning,
		"Your store's address includes a language folder.",
		"Addresses like mystore.com/en/ are made by translation plugins for visitors; WooCommerce's API answers only at the site's root, so Key Relay tested the root instead.",
		[]string{"In your sync service, use your store's address without the language folder (shown under “What we saw”).", "If you use WPML, Polylang or TranslatePress, leave its settings as they are: only the address you give the service changes."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{WCRoutesMissing, 15, KindStore, Blocker,
		"WordPress lists WooCommerce's API but can't find its addresses.",
		"Your site's address rules (permalinks) are out of date, so WooCommerce's API addresses lead to a “page not found” page. Saving the permalink settings rebuilds them.",
		[]string{"In WordPress, go to Settings > Permalinks.", "Click Save Changes without changing anything.", "Come back and click Check again."},
		wpadmin.Permalinks, "Open Permalink settings",
		[]Offer{OfferCheckAgain}},
	{APIElsewhere, 16, KindStore, Blocker,
		"Your store says its API is at another address.",
		"WordPress named a different website as the home of its API. Key Relay sends your key only to the address you typed, never to another one.",
		[]string{"If the address under “What we saw” is your store too, type that address here and click Check again.", "Otherwise, in WordPress, Settings > General: make both addresses the one your shop opens at."},
		wpadmin.General, "Open General settings",
		[]Offer{OfferOtherAddress, OfferCheckAgain}},
	{RedirectedAway, 17, KindStore, Blocker,
		"This address forwards to another website.",
		"The address you typed sends visitors on to a different website. Key Relay stopped before sending your key anywhere.",
		[]string{"If the website named under “What we saw” is your shop, type its address here and click Check again.", "If it isn't, check the spelling of your store's address."},
		wpadmin.None, "",
		[]Offer{OfferOtherAddress, OfferCheckAgain}},
	{HTTPSRequired, 18, KindStore, Blocker,
		"Your sync service connects only to stores that use HTTPS.",
		"Your store opens only without HTTPS, and the service sends keys in a way WooCommerce accepts only over HTTPS. The key itself can still be fine.",
		[]string{"Ask your hosting company to turn on HTTPS (free with Let's Encrypt).", "Then, in WordPress, Settings > General: change both addresses to start with https://, and click Check again."},
		wpadmin.General, "Open General settings",
		[]Offer{OfferCheckAgain}},
	{VisitorsFiltered, 19, KindStore, Warning,
		"Something in front of your store treats visitors differently.",
		"The test passed from this computer, but a firewall or bot check answered part of it. Such filters often let a shop owner's computer through and stop a sync service's servers.",
		[]string{"If your sync service still can't connect, ask your host (or check Cloudflare's Security settings) to let requests to /wp-json/wc/ through without a challenge.", "Bot Fight Mode in Cloudflare ignores such rules: turn it off if the service is blocked."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{NotWordPress, 20, KindStore, Blocker,
		"This address isn't a WordPress site.",
		"The site answered, but it isn't WordPress, so WooCommerce can't be there (or the shop lives at another address).",
		[]string{"Open your shop in your browser and copy the address of its home page.", "If your shop is in a folder (for example mystore.com/shop), include the folder."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{RESTBlocked, 21, KindStore, Blocker,
		"Something in front of your store is blocking the connection.",
		"A firewall, security plugin, maintenance page or login wall answered instead of WooCommerce, so sync services are blocked too.",
		[]string{"In WordPress, check security plugins (Wordfence, iThemes, “Disable REST API”…) and allow the REST API (/wp-json/).", "If your host or Cloudflare has a firewall, allow requests to /wp-json/wc/.", "Turn off “coming soon” or password-protection modes, then click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{WooCommerceMissing, 22, KindStore, Blocker,
		"WooCommerce isn't active on this site.",
		"This is a WordPress site, but the WooCommerce plugin isn't installed or is switched off.",
		[]string{"In WordPress, go to Plugins and activate WooCommerce (or install it).", "If your shop runs on another WordPress site, use that site's address."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{WooRESTMissing, 23, KindStore, Blocker,
		"WooCommerce's connection for apps (its REST API) isn't available.",
		"WooCommerce is there, but its REST API (wc/v3) isn't: WooCommerce is too old, or something switched the API off.",
		[]string{"Update WooCommerce to the latest version (Dashboard > Updates).", "If it is up to date, check plugins that disable the REST API."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{PlainPermalinks, 24, KindStore, Blocker,
		"Your store's permalink setting blocks API keys.",
		"With “Plain” permalinks WordPress never checks API keys, so every key looks wrong.",
		[]string{"In WordPress, go to Settings > Permalinks.", "Choose “Post name” and click Save Changes.", "Come back and click Check again."},
		wpadmin.Permalinks, "Open Permalink settings",
		[]Offer{OfferCheckAgain}},
	{PlainHTTP, 25, KindStore, Warning,
		"Your store doesn't use HTTPS.",
		"Keys still work (Key Relay signs each request, so the secret isn't sent), but everything else your store sends can be read on the way.",
		[]string{"Ask your hosting company to turn on HTTPS (free with Let's Encrypt).", "Then, in WordPress, Settings > General: change both addresses to start with https://."},
		wpadmin.General, "Open General settings",
		[]Offer{OfferContinueAnyway}},
	{HTTPSNotDetected, 26, KindStore, Blocker,
		"Your store doesn't know it is being visited over HTTPS.",
		"A proxy or CDN in front of WordPress handles HTTPS but doesn't tell WordPress, so WooCommerce ignores keys sent the normal way.",
		[]string{"Ask your hosting company to pass the HTTPS flag to WordPress (the X-Forwarded-Proto header, or $_SERVER['HTTPS'] = 'on' in wp-config.php).", "Then click Check again."},
		wpadmin.SiteHealth, "Open Site Health",
		[]Offer{OfferCheckAgain}},
	{AuthHeaderStripped, 27, KindStore, Blocker,
		"Your web host removes the login details that apps send.",
		"The server strips the Authorization header before WordPress sees it, so sync services that send keys that way look anonymous. The key itself is fine.",
		[]string{"Ask your hosting company to allow the Authorization header: “CGIPassAuth on” in Apache, or the HTTP_AUTHORIZATION rewrite rule in .htaccess.", "Then click Check again."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{StoreMoved, 28, KindStore, Warning,
		"Your store answers at a different address.",
		"The address you typed forwards to another one. Key Relay uses the new address; your sync service must use it too.",
		[]string{"Use the new address shown here in your sync service.", "If the store shouldn't move, check Settings > General in WordPress."},
		wpadmin.General, "Open General settings",
		[]Offer{OfferContinueAnyway}},
	{RateLimited, 29, KindStore, Blocker,
		"The store asked us to slow down.",
		"The server or a security plugin limits how many requests arrive per minute.",
		[]string{"Wait for the time shown, then click Check again.", "If sync services are limited too, ask your host to raise the limit for /wp-json/wc/."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{Maintenance, 30, KindStore, Blocker,
		"Your store is in maintenance mode.",
		"WordPress or a maintenance plugin is showing a “briefly unavailable” page, so nothing can connect right now.",
		[]string{"Wait for updates to finish, or turn off the maintenance plugin.", "Click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{ServerError, 31, KindStore, Blocker,
		"The store had an internal error.",
		"The server hit an error while answering (often a plugin conflict or the server running out of memory).",
		[]string{"Open WooCommerce > Status > Logs in WordPress, or ask your hosting company for the PHP error log.", "Click Check again; if it persists, send the details from “Copy details for support”."},
		wpadmin.Status, "Open WooCommerce Status",
		[]Offer{OfferCheckAgain}},
	{UnexpectedResponse, 32, KindStore, Blocker,
		"The store gave an answer we didn't expect.",
		"WooCommerce's API answered in a way that doesn't match how WooCommerce works; something on the server changed it.",
		[]string{"Click Check again.", "If it persists, send the details from “Copy details for support”."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{BotChallenge, 33, KindStore, Blocker,
		"A bot check in front of your store stops apps.",
		"Your host or Cloudflare shows a “checking your browser” challenge. A browser passes it without you noticing; a sync service's servers can't, so they never reach WooCommerce.",
		[]string{"In Cloudflare, turn off Bot Fight Mode and add a WAF skip rule for the path /wp-json/ (or “I'm Under Attack” mode off).", "On SiteGround or other hosts with a captcha, ask support to turn the bot check off for /wp-json/ or to allow your sync service's servers.", "Click Check again."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{RequestFiltered, 34, KindStore, Blocker,
		"A security filter on your server rejected the request.",
		"A firewall on your server or in WordPress (ModSecurity, Imunify360, Wordfence, Sucuri or similar; the name is below when its page said it) refused the request before WooCommerce saw it, often only for updates. The same rule can block your sync service's requests.",
		[]string{"Allowlist your sync service in that firewall: in Wordfence, Firewall > All Firewall Options > Allowlisted IP addresses (the service publishes its addresses) or allowlist /wp-json/wc/; for ModSecurity or Imunify360 ask your hosting company (send them the details from “Copy details for support”).", "Click Check again."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{SitePassword, 35, KindStore, Blocker,
		"Your site is password-protected, so the key can't get through.",
		"A site-wide password (from your host or a plugin) uses the same login field that apps use for their key, so the key never reaches WooCommerce.",
		[]string{"Turn the site password off, or ask your host to lift it for /wp-json/.", "If the site must stay protected (a staging site, say), use a sync service that sends keys in the address instead.", "Click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{AuthHeaderTaken, 36, KindStore, Blocker,
		"Another plugin answers for app logins before WooCommerce can.",
		"A plugin (often a JWT or single sign-on plugin) claims every login that apps send and refuses WooCommerce keys. The key itself is fine.",
		[]string{"In that plugin's settings, allow the WooCommerce API (wc/v3) or turn the plugin off.", "Click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{RESTLoginRequired, 37, KindStore, Warning,
		"A plugin limits your store's API to logged-in users.",
		"A security or “Disable REST API” plugin turns visitors away from the API. A valid key counts as logged in, so keys still work, but anything a service does before using the key is refused.",
		[]string{"If your sync service can't connect, allow the WooCommerce API (wc/v3) in that plugin's settings."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferContinueAnyway}},
	{JunkBeforeJSON, 38, KindStore, Warning,
		"Your store adds stray characters before its answers.",
		"Something on the site (a file saved with a byte-order mark, a blank line in a theme or plugin, or PHP warnings shown on screen) puts text before every answer. Key Relay reads past it, but sync services may fail with “Syntax error”.",
		[]string{"Ask your developer or host to look for a BOM or blank lines before <?php in wp-config.php, the theme's functions.php and recently changed plugins.", "Turn off “display errors” in PHP (WP_DEBUG_DISPLAY false)."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{CachedAPI, 39, KindStore, Blocker,
		"A cache is answering for your store's API.",
		"A caching plugin, your host or a CDN keeps copies of API answers and hands them out regardless of the key, so a sync service can get stale answers or someone else's.",
		[]string{"Exclude /wp-json/ from caching: in LiteSpeed Cache turn off “Cache REST API” (LiteSpeed Cache > Cache > Cache REST API); in W3 Total Cache or your CDN add /wp-json/* to the pages never cached.", "If WooCommerce's own REST API caching is on (WooCommerce > Settings > Advanced > Features), turn it off.", "Purge the cache, then click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{KeyFormat, 40, KindKey, Blocker,
		"That isn't a complete WooCommerce key.",
		"The value pasted can't be a working key: see the message next to it.",
		[]string{"Copy the key and secret again with WooCommerce's Copy buttons, right after Generate API key.", "If that page is gone, make a new key: the secret is only shown once."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{KeyUnknown, 41, KindKey, Blocker,
		"The store doesn't know this key: it was revoked, deleted or belongs to another store.",
		"No key with this ending exists on this store any more.",
		[]string{"Make a new key: WooCommerce > Settings > Advanced > REST API > Add key.", "Copy the new key and secret into Key Relay.", "If the key's WordPress user was deleted, its keys went with it: make the new key under a user who stays, e.g. a dedicated shop-manager user."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{WrongSecret, 42, KindKey, Blocker,
		"The key is right but the secret doesn't match it.",
		"The secret belongs to another key, or it was mistyped or cut short.",
		[]string{"If the page that showed the new key is still open, copy the secret again with its Copy button.", "Otherwise make a new key: the secret can't be shown again."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{KeySecretSwapped, 43, KindKey, Blocker,
		"The key and the secret were swapped.",
		"The consumer key starts with ck_ and the secret with cs_; they were entered the other way round.",
		[]string{"Put the value starting with ck_ in the key field and the one starting with cs_ in the secret field."},
		wpadmin.None, "",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{KeyReadOnly, 44, KindKey, Blocker,
		"This key can only read, but your sync service also needs to write.",
		"The key was made with Read permission, so the service could see products but not update stock or orders.",
		[]string{"In WordPress, open WooCommerce > Settings > Advanced > REST API and click this key's description to edit it.", "Set Permissions to Read/Write and click Save changes. The key and secret stay the same.", "Click Check again."},
		wpadmin.Keys, "Open the keys list",
		[]Offer{OfferFixInPlace, OfferCheckAgain}},
	{KeyWriteOnly, 45, KindKey, Blocker,
		"This key can only write, but your sync service also needs to read.",
		"The key was made with Write permission only.",
		[]string{"In WordPress, open WooCommerce > Settings > Advanced > REST API and click this key's description to edit it.", "Set Permissions to Read/Write and click Save changes. The key and secret stay the same.", "Click Check again."},
		wpadmin.Keys, "Open the keys list",
		[]Offer{OfferFixInPlace, OfferCheckAgain}},
	{UserLacksRights, 46, KindKey, Blocker,
		"The key belongs to a user who isn't allowed to manage the shop.",
		"Keys act as the WordPress user chosen when they were made; this user (for example a Customer, or a user whose role was changed since) can no longer manage the shop's products.",
		[]string{"Make a new key and choose your administrator account as the User.", "Or give this user the Administrator or Shop manager role (Users in WordPress)."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{MorePermission, 47, KindKey, Warning,
		"This key has more permission than your sync service needs.",
		"It works, but a key that can only do what the service needs is safer.",
		[]string{"In WordPress, edit the key under WooCommerce > Settings > Advanced > REST API and choose the permission your service asks for."},
		wpadmin.Keys, "Open the keys list",
		[]Offer{OfferContinueAnyway}},
	{MultisiteSubsite, 48, KindKey, Blocker,
		"This key was made on another site of your WordPress network.",
		"Your WordPress runs several sites, and each keeps its own keys. The key belongs to a different site of the network than the address you gave.",
		[]string{"Open the Add key page of the site your sync service uses (the address you typed here) and make the key there.", "Or give your sync service the address of the site where the key was made."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{KeyringUnavailable, 50, KindComputer, Warning,
		"This computer has no keyring Key Relay can use, so it can't keep the key.",
		"Key Relay keeps keys only in the system's keyring (Keychain, Credential Manager, GNOME Keyring or KWallet), never in a file, and none answered. The key itself is fine.",
		[]string{"Click Continue without saving and put the key into your sync service now: it keeps its own copy.", "To have Key Relay keep keys next time on Linux, install your desktop's keyring (GNOME Keyring or KWallet), log out and in, then click Try again."},
		wpadmin.None, "",
		[]Offer{OfferTryAgain, OfferContinueAnyway}},
	{KeyringLocked, 51, KindComputer, Warning,
		"This computer's keyring is locked, so Key Relay couldn't keep the key.",
		"The keyring asked for its password, or didn't answer within a few seconds. The key itself is fine.",
		[]string{"Look for a password prompt, perhaps behind other windows, and unlock the keyring with your login password.", "Click Try again.", "Or click Continue without saving and put the key into your sync service now."},
		wpadmin.None, "",
		[]Offer{OfferTryAgain, OfferContinueAnyway}},
	{BrowserNotOpened, 52, KindComputer, Warning,
		"Key Relay couldn't open your web browser.",
		"This computer has no default web browser set, or it wouldn't start.",
		[]string{"The page's address is on the clipboard: open your web browser, paste it into the address bar and press Enter.", "To let Key Relay open pages itself, choose a default web browser in your system settings."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{BrowserNotFound, 53, KindComputer, Warning,
		"Key Relay can't do this for you: there is no Chrome, Edge, Chromium or Brave on this computer.",
		"“Do it for me” works in a browser window Key Relay drives, and only these browsers let it. Your key is not affected.",
		[]string{"Click “I'll do it in my browser”: Key Relay walks you through the same steps in the browser you use.", "Or install Google Chrome or Microsoft Edge and click “Do it for me” again."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{BrowserNotStarted, 54, KindComputer, Warning,
		"The browser Key Relay uses wouldn't start.",
		"Key Relay found the browser but it closed as soon as it started, often because the computer's security software stops it. Your key is not affected.",
		[]string{"Click “I'll do it in my browser” to go on in the browser you use.", "Or restart the computer and click “Do it for me” again."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{BrowserProfileInUse, 55, KindComputer, Warning,
		"Another Key Relay window is using Key Relay's browser.",
		"Key Relay keeps one browser profile of its own, and a browser is already open on it: most likely from another Key Relay window that is still open.",
		[]string{"Close the other Key Relay window (and the browser window it opened), then click “Do it for me” again.", "Or click “I'll do it in my browser” to go on in the browser you use."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{BrowserClosed, 56, KindComputer, Warning,
		"The Key Relay browser window was closed.",
		"Key Relay was working in that window when it closed. Nothing captured so far is lost.",
		[]string{"Click “Do it for me” to open the window again and carry on, or click “I'll do it in my browser” to finish in your own browser."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{BrowserLoggedOut, 57, KindComputer, Warning,
		"WordPress logged you out in the Key Relay browser window.",
		"Your WordPress login there ended (it expired, or you logged out somewhere else). Key Relay never types your password, so it is waiting for you.",
		[]string{"Log in to WordPress in the Key Relay browser window, and tick “Remember Me” so it remembers you next time.", "Key Relay carries on by itself once you're in; or click Cancel and “I'll do it in my browser”."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{PageNotLoading, 58, KindComputer, Warning,
		"A page didn't load in the Key Relay browser window.",
		"The browser asked for the page but it never finished loading: the site is slow or not answering browsers right now.",
		[]string{"Check that the page opens in your own browser.", "Click “Do it for me” to try again, or “I'll do it in my browser” to go on there."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{WPUserCannotManage, 59, KindComputer, Warning,
		"The WordPress user logged in to the Key Relay browser window can't manage the shop.",
		"WordPress answered “Sorry, you are not allowed to access this page.”: keys can only be made by an Administrator or a Shop manager. Nothing was generated.",
		[]string{"In the Key Relay browser window, log out of WordPress (top right) and log in as an Administrator or Shop manager.", "Then click “Do it for me” again."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{ServiceFormChanged, 60, KindComputer, Warning,
		"Key Relay couldn't find your sync service's key form, so it filled nothing in.",
		"Key Relay looks on the service's page, in the Key Relay browser window, for two fields a person would call Consumer key and Consumer secret. It didn't see them there in time, or saw them only inside a part of the page that comes from another site, where it never types. Your key is fine and saved.",
		[]string{"In the Key Relay browser window, log in to the service if it asks, and open its key form (the steps below say how); then click Try again.", "Or paste the key and secret with the copy buttons below, then click the service's Update button."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{ServiceFormAmbiguous, 75, KindComputer, Warning,
		"Your sync service's page has two places for the key, so Key Relay filled in neither.",
		"Key Relay finds the key form by its words (Consumer key, Consumer secret). On this page two sets of fields read the same, and Key Relay never guesses which one the service uses. Your key is fine and saved.",
		[]string{"Paste the key and secret with the copy buttons below into the fields the service's own help names, then click its Update button.", "If the page shows two forms by mistake, reload it in the Key Relay browser window and click Try again."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{NotUsedYet, 61, KindComputer, Warning,
		"Your store hasn't seen your sync service use the key yet.",
		"After you clicked Update, Key Relay watched the key's Last access in WordPress's keys list for a few minutes, and the service didn't use the key in that time. It may still: some services wait before their first sync.",
		[]string{"In your sync service, check that the page said the key was saved, and click Update again if it didn't.", "Look at the keys list in WordPress later: when Last access changes, the service is using the key.", "If the service says it can't connect, click “Copy details for support”."},
		wpadmin.Keys, "Open the keys list",
		[]Offer{OfferContinueAnyway, OfferCheckAgain}},
	{PageLeftSite, 64, KindComputer, Warning,
		"The Key Relay browser window went to another website, so Key Relay stopped there.",
		"Key Relay puts your key into, and reads it from, only the page it opened: your store's or your sync service's own. The window moved to the website named below, so Key Relay typed nothing there and read nothing from it.",
		[]string{"Look at the Key Relay browser window: if you followed a link, go back to the page Key Relay opened and click Try again.", "If you had already clicked the service's own button, the service may have the key: Done shows whether it uses it. Otherwise use the copy buttons below."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{PageDialog, 65, KindComputer, Warning,
		"A message box in the Key Relay browser window is waiting for you.",
		"The page opened a message box (its words are below), and nothing on the page goes on until it is answered. Key Relay never answers a page's questions for you, so it stopped.",
		[]string{"Read the message in the Key Relay browser window and click OK or Cancel there.", "Then click Try again, or go on by hand with what Key Relay has captured."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{PageChanged, 66, KindComputer, Warning,
		"The page changed while Key Relay was working on it.",
		"The page in the Key Relay browser window reloaded, moved on or closed in the middle of what Key Relay was doing there, so Key Relay stopped. Nothing was sent anywhere, and nothing captured so far is lost.",
		[]string{"Click Try again: Key Relay opens the page again and carries on.", "Or click “I'll do it in my browser” to go on by hand."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{PageKeyRefused, 67, KindComputer, Warning,
		"What WordPress's page showed isn't a WooCommerce key, so Key Relay didn't keep it.",
		"Key Relay takes a key from the Add key page only after you clicked Generate API key there, and only when both values look exactly like a key (ck_ and cs_ with 40 letters and digits). The page showed something else: nothing was saved or sent.",
		[]string{"Open WordPress's keys list: if a key Key Relay's description names is listed, revoke it.", "Click “Do it for me” again, or make the key by hand with “I'll do it in my browser”."},
		wpadmin.Keys, "Open the keys list",
		[]Offer{OfferContinueAnyway, OfferTryAgain}},
	{HTTPSDowngrade, 68, KindStore, Blocker,
		"Your store forwards its secure (https://) address to an insecure (http://) one.",
		"The store's https:// address sends visitors on to http://, without the padlock. Anything sent there can be read on the way, so Key Relay stopped before sending your key.",
		[]string{"In WordPress, open Settings > General and make WordPress Address and Site Address both start with https://.", "If they already do, ask your hosting company which plugin or server rule forwards to http://, then click Check again."},
		wpadmin.General, "Open General settings",
		[]Offer{OfferCheckAgain}},
	{KeyringItemDamaged, 69, KindComputer, Warning,
		"A connection kept in this computer's keyring can't be read.",
		"Key Relay's item for the connection named below holds something that isn't one of its keys (it was changed outside Key Relay, or the keyring damaged it). Your other connections are fine, and nothing was overwritten.",
		[]string{"Open your keyring's own viewer (Passwords and Keys, Keychain Access or Credential Manager), find the item under “Key Relay” with the name below and delete it.", "Then make a new key for that connection: New connection."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway}},
	{CertChainIncomplete, 70, KindStore, Blocker,
		"The store's security certificate is missing a piece (its intermediate certificate).",
		"Your server sends its certificate without the intermediate certificate that links it to a trusted authority. Browsers fetch the missing piece by themselves, so your shop shows a padlock; sync services' servers don't, and refuse to connect.",
		[]string{"Ask your hosting company to install the full certificate chain (the “intermediate” or “CA bundle” certificate) with your SSL certificate.", "Click Check again once they have: nothing changes in WordPress or in your key."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{WriteMethodBlocked, 71, KindStore, Blocker,
		"A firewall refuses updates sent the way your sync service sends them.",
		"Reading works, and an empty test update sent as POST is accepted, but the same empty update sent as PUT (how this service changes stock and prices) is refused by a firewall before WooCommerce sees it. Your key is fine; the service's updates will fail.",
		[]string{"In All-In-One WP Security: Firewall > 6G Blacklist Firewall Rules, turn the 6G rules off (they block PUT), or in the other firewall named below allow PUT and PATCH for /wp-json/wc/.", "If it is your host's ModSecurity, ask them to allow PUT, PATCH and DELETE for /wp-json/wc/, then click Check again."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferCheckAgain}},
	{BasicAuthPlugin, 72, KindStore, Warning,
		"A login plugin in your store answers for keys WooCommerce doesn't know.",
		"A plugin that lets apps log in to WordPress with a user name and password (JSON Basic Authentication, or Application Passwords used that way) answers every key WooCommerce doesn't recognise with “invalid_username”. A good key isn't affected, but a service's error will say “invalid username” rather than that the key is wrong.",
		[]string{"Give the service the right key (see the other message).", "If nothing in your store needs that plugin, deactivate it in Plugins."},
		wpadmin.Plugins, "Open Plugins",
		[]Offer{OfferContinueAnyway}},
	{RESTRewriteBroken, 73, KindStore, Blocker,
		"Your store's /wp-json/ address shows a page-not-found, though its API works.",
		"WordPress's API answers at ?rest_route=/ but not at /wp-json/, the address every sync service calls: WordPress's rewrite rules are broken (often after a move, a restore or a plugin change).",
		[]string{"In WordPress, open Settings > Permalinks and click Save Changes without changing anything: that rebuilds the rules.", "If /wp-json/ still fails, ask your host to allow .htaccess rules (Apache's mod_rewrite) or to add WordPress's nginx rules, then click Check again."},
		wpadmin.Permalinks, "Open Permalink settings",
		[]Offer{OfferCheckAgain}},
	{AppPasswordNotKey, 74, KindKey, Blocker,
		"That is a WordPress application password, not a WooCommerce key.",
		"A user name with a password in six groups of four characters is an Application Password from a WordPress profile. It logs in as that user to all of WordPress; a sync service needs a WooCommerce REST API key (ck_… and cs_…), which opens only the shop and can be revoked on its own. Nothing was sent.",
		[]string{"If you made that application password for this service, revoke it: Users > Profile > Application Passwords.", "Make a WooCommerce key instead: WooCommerce > Settings > Advanced > REST API > Add key."},
		wpadmin.AddKey, "Open Add key page",
		[]Offer{OfferNewKey}},
	{SyncoreKeyFormat, 62, KindKey, Blocker,
		"This isn't a Syncore API key.",
		"What was pasted or copied can't be a key from Syncore Settings > API: see what Key Relay says about it below. Nothing was sent anywhere.",
		[]string{"In Syncore, open Syncore Settings > API and click “Reveal API Keys”.", "Click the copy icon right of the Primary key (not the key's text: the copy icon copies all of it)."},
		wpadmin.None, "",
		[]Offer{OfferNewKey}},
	{SyncoreKeyRefused, 63, KindKey, Blocker,
		"Syncore refused this API key.",
		"Syncore answered that it doesn't know the key: either the keys were regenerated since it was copied (only the newest keys work), or part of it was left out when copying.",
		[]string{"In Syncore, open Syncore Settings > API and click “Reveal API Keys”.", "Copy the Primary key again with its copy icon: Key Relay checks it at once."},
		wpadmin.None, "",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{SyncoreNoAPIAccess, 49, KindKey, Blocker,
		"Syncore knows this key but doesn't allow API access with it.",
		"Syncore answered “forbidden”: the key is right, but your Syncore account (or its plan) doesn't have API access switched on.",
		[]string{"Ask an admin of your Syncore account, or Syncore's support, to switch on API access.", "Then click Check again: the same key will work."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
	{SyncoreCheckOutdated, 6, KindStore, Warning,
		"Key Relay's check address for Syncore may be out of date, so it couldn't test the key.",
		"Syncore answered “not found” for the address Key Relay reads to test a key. That says nothing about your key: Key Relay's address comes from public client code, not Syncore's own documentation, and Syncore may have moved it.",
		[]string{"Your key may well be fine: continue, give it to the app, and see whether the app connects.", "Click “Copy details for support” and send it to Key Relay's support, so the check address can be brought up to date."},
		wpadmin.None, "",
		[]Offer{OfferContinueAnyway, OfferCheckAgain}},
	{SyncoreOldKeyWorks, 7, KindKey, Warning,
		"Syncore still accepts the old key.",
		"After a regeneration only the new keys work. Syncore still answers the old one, so the keys weren't regenerated yet (or the old key was copied instead of the new one).",
		[]string{"In Syncore Settings > API, click “Regenerate API Keys”, tick “I agree” and click “Regenerate”; Syncore says “API Key has been regenerated”.", "Copy the new Primary key with its copy icon, then click Check again."},
		wpadmin.None, "",
		[]Offer{OfferNewKey, OfferCheckAgain}},
	{SyncoreUnavailable, 8, KindStore, Blocker,
		"Syncore couldn't answer the check just now.",
		"Syncore's API answered with an error of its own, asked to slow down, or sent something that isn't an API answer. That says nothing about your key.",
		[]string{"Wait a minute and click Check again.", "If it lasts, look at Syncore's status page or ask Syncore's support, with the details from “Copy details for support”."},
		wpadmin.None, "",
		[]Offer{OfferCheckAgain}},
}

var byCode = func() map[Code]*Diagnosis {
	m := make(map[Code]*Diagnosis, len(Diagnoses))
	for i := range Diagnoses {
		m[Diagnoses[i].Code] = &Diagnoses[i]
	}
	return m
}()

// Lookup returns the table row for c. An unknown code panics: codes are constants of this package.
func Lookup(c Code) *Diagnosis {
	d := Find(c)
	if d == nil {
		panic("woo: unknown diagnosis code " + string(c))
	}
	return d
}

// Find returns the table row for c, or nil when c is no code of this version (one read from an old
// preference file, say).
func Find(c Code) *Diagnosis { return byCode[c] }

// ByNumber returns the diagnosis with support number n, or nil.
func ByNumber(n int) *Diagnosis {
	for i := range Diagnoses {
		if Diagnoses[i].Number == n {
			return &Diagnoses[i]
		}
	}
	return nil
}

// Issue is a diagnosis as it applies to one store: the table row plus what was actually seen.
type Issue struct {
	*Diagnosis
	Detail string // what exactly was seen, e.g. "HTTP 503 from https://…/wp-json/"; never a secret
	Link   string // Page resolved for this store; "" when there is none
	// Technical is what a system said in its own terms (a keyring's bus error, say), for the support
	// report only: a merchant reads Detail.
	Technical  string
	RetryAfter time.Duration // for rate limits and maintenance: how long the store asked us to wait
	// Elsewhere is the other address a redirect or the store's API named (redirected_elsewhere,
	// api_elsewhere), so a screen can ask "is this your store?" by name; "" otherwise.
	Elsewhere string
}

func (i *Issue) Error() string {
	if i.Detail == "" {
		return i.Title
	}
	return i.Title + " (" + i.Detail + ")"
}

// NewIssue is the diagnosis c as it applies here, with what was seen (never a secret).
func NewIssue(c Code, detail string) *Issue { return &Issue{Diagnosis: Lookup(c), Detail: detail} }

func newIssue(c Code, format string, args ...any) *Issue {
	return NewIssue(c, fmt.Sprintf(format, args...))
}
