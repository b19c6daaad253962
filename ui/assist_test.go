package ui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/service/servicetest"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// assisted is a wizard with browser assist on real chromium (headless), a fake store behind WordPress's
// login wall over HTTPS (the browser trusts the fake stores' certificate alone) and the sandbox Syncio with
// its form map, on loopback.
type assisted struct {
	*harness
	svc     *servicetest.Service
	later   *atomic.Int64 // the store's clock moves on: the service's call comes minutes after Key Relay's
	profile string        // the browser profile folder
}

func newAssisted(t *testing.T, change func(*service.Profile, *assist.Options)) *assisted {
	t.Helper()
	return newAssistedIn(t, vault.NewMemory(), change)
}

// newAssistedIn is newAssisted keeping keys in v.
func newAssistedIn(t *testing.T, v vault.Store, change func(*service.Profile, *assist.Options)) *assisted {
	t.Helper()
	later := &atomic.Int64{}
	store := wootest.Start(wootest.Config{TLS: true, AdminPassword: "shop-owner", WooVersion: "8.9.1",
		Now: func() time.Time { return time.Now().Add(time.Duration(later.Load())) }})
	t.Cleanup(store.Close)
	client := woo.NewClient(woo.Options{RootCAs: wootest.CAPool(), Timeout: 5 * time.Second})
	p, _ := service.Find("syncio")
	need := p.Requirement()
	svc := servicetest.Start(p.Name, func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) {
		_, v, err := connect.Run(ctx, client, store.URL(), c, need)
		return v, err
	})
	t.Cleanup(svc.Close)
	p.AccountURL = svc.URL()
	profile := filepath.Join(t.TempDir(), "browser-profile")
	o := assist.Options{Profile: profile, Headless: true,
		Extra:       []string{"--disable-background-networking", "--disable-component-update", "--disable-sync", wootest.BrowserTrust()},
		PageTimeout: 15 * time.Second, FormTimeout: 3 * time.Second, Poll: 50 * time.Millisecond,
		LoginCheck: 500 * time.Millisecond, UsePoll: 200 * time.Millisecond}
	if change != nil {
		change(&p, &o)
	}
	h := newHarnessDeps(t, test.NewTempApp(t), store, Deps{Client: client, Vault: v, Services: []service.Profile{p}, Assist: o})
	t.Cleanup(func() {
		h.ui(func() {
			if !h.w.assist.closed.Load() {
				h.w.win.Close()
			}
		})
	}) // the browser window closes with it
	return &assisted{harness: h, svc: svc, later: later, profile: profile}
}

// waitLong is wait with the patience a real browser needs on a loaded 2-core machine.
func (a *assisted) waitLong(what string, cond func() bool) {
	a.t.Helper()
	a.waitUpTo(45*time.Second, what, cond)
}

func (a *assisted) saying(words string) func() bool {
	return func() bool { return strings.Contains(a.w.jobs.What, words) }
}

// inBrowser plays the merchant in Key Relay's browser window; what is counted as a merchant action.
func (a *assisted) inBrowser(what string, actions ...chromedp.Action[chromedp.Void]) {
	a.t.Helper()
	if what != "" {
		a.act(what)
	}
	s := a.w.assist.win.Load()
	ctx, cancel := context.WithTimeout(s.Tab(), 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		a.t.Fatalf("%s: %v", what, err)
	}
}

func logInActions() []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{chromedp.WaitVisible("#user_login"), chromedp.SetValue("#user_login", "admin"),
		chromedp.SetValue("#user_pass", "shop-owner"), chromedp.Click("#rememberme"), chromedp.Click("#wp-submit")}
}

// toGenerate walks to the filled Add key form: the address (step 1's main button goes on in Key Relay's
// browser window by itself, the way by hand one click away), the login.
func (a *assisted) toGenerate() {
	a.t.Helper()
	a.toLoginWall()
	a.inBrowser("WordPress: log in", logInActions()...)
	a.waitLong("the filled form", a.saying("click “Generate API key”"))
}

// toLoginWall types the address; step 2 opens the Add key page in Key Relay's window by itself.
func (a *assisted) toLoginWall() {
	a.t.Helper()
	a.typeAddress(a.store.URL())
	a.waitLong("the create step", func() bool { return a.w.step == stepCreate })
	a.waitLong("the login wall", a.saying("Log in to WordPress in the Key Relay browser window, and tick Remember Me"))
	a.see("Key Relay never types your password", "[Cancel]", "[I'll do it in my browser]")
}

// The assisted happy path: no copy, no paste. The merchant types the address, logs in, clicks Generate
// and the service's Update in Key Relay's browser window, and closes Key Relay; the secret never reaches
// the clipboard, and the browser profile keeps nothing of it.
func TestHappyPathWithBrowserAssist(t *testing.T) {
	a := newAssisted(t, nil)
	happyAssisted(a, func() { a.toGenerate() })
	if n := len(a.actions); n > 5 {
		t.Fatalf("%d merchant actions", n)
	}
	fmt.Printf("happy path with browser assist: %d merchant actions (clicks, submitting key presses, copies; pastes not counted): %s\n", len(a.actions), strings.Join(a.actions, ", "))
}

// The same, with Key Relay's browser window still logged in to WordPress from before (Remember Me): the
// merchant types the address and clicks Generate and Update.
func TestHappyPathWithBrowserAssistLoggedIn(t *testing.T) {
	a := newAssisted(t, nil)
	// Before: an earlier walk left the window logged in. Not counted: it isn't this walk's.
	if _, err := a.w.window(context.Background()); err != nil {
		t.Fatal(err)
	}
	keys := wpadmin.URL(mustURL(a.store.URL()), wpadmin.Keys, "")
	a.inBrowser("", chromedp.Navigate(keys))
	a.inBrowser("", append(logInActions(), chromedp.WaitReady("#wpadminbar"))...) // WordPress comes back to the keys list
	happyAssisted(a, func() {
		a.typeAddress(a.store.URL())
		a.waitLong("the filled form", a.saying("click “Generate API key”"))
	})
	if n := len(a.actions); n > 4 {
		t.Fatalf("%d merchant actions", n)
	}
	fmt.Printf("happy path with browser assist, logged in: %d merchant actions (clicks, submitting key presses, copies; pastes not counted): %s\n", len(a.actions), strings.Join(a.actions, ", "))
}

// happyAssisted walks from step 1 to Done by browser assist: toForm gets to WordPress's filled Add key
// form; the merchant clicks Generate, then Syncio's Update, and closes Key Relay.
func happyAssisted(a *assisted, toForm func()) {
	t := a.t
	t.Helper()
	var clipboardHeld atomic.Bool // sampled all along the walk
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			a.ui(func() {
				if c := a.app.Clipboard().Content(); a.w.at.Store.Creds.Secret != "" && strings.Contains(c, a.w.at.Store.Creds.Secret) {
					clipboardHeld.Store(true)
				}
			})
		}
	}()
	toForm()
	a.inBrowser("WordPress: Generate API key", chromedp.Click("#"+wpadmin.ButtonGenerate))
	a.waitLong("Syncio's form filled", a.saying("Click its highlighted button"))
	if a.w.step != stepSend || !a.w.at.Saved {
		t.Fatalf("the walk is at %v, saved %v", a.w.step, a.w.at.Saved)
	}
	k := a.store.Keys()[0]
	if it, err := a.vault.Load(a.store.URL(), "syncio"); err != nil || it.Secret != k.Secret || it.Verified.IsZero() {
		t.Fatalf("the key in the keyring: %v", err)
	}
	a.later.Store(int64(2 * time.Minute))
	a.inBrowser("Syncio: Update", chromedp.Click("#update"))
	a.waitLong("proof of delivery", func() bool { return a.w.step == stepDone && a.w.at.Store.Delivery.UsedAt != nil })
	a.see("Step 7 of 7", "Syncio used the key at", "connected")
	a.notSee(k.Secret, k.ConsumerKey)
	if rs := a.svc.Received(); len(rs) != 1 || rs[0].Credentials.Secret != k.Secret || !rs[0].Verified {
		t.Fatal("Syncio didn't receive the working key")
	}
	a.tap("Close Key Relay")
	if clipboardHeld.Load() || len(a.marked) != 0 {
		t.Fatalf("the secret reached the clipboard (marked copies: %d)", len(a.marked))
	}
	for _, f := range browser.FilesHolding(a.profile, k.Secret[3:], k.ConsumerKey[3:]) {
		t.Errorf("the key or secret stayed in the browser profile: %s", f)
	}
}

// No Chromium-family browser: said on step 2, and the walk goes on by hand from there.
func TestAssistWithoutABrowser(t *testing.T) {
	a := newAssisted(t, func(_ *service.Profile, o *assist.Options) {
		o.Find = func() (browser.Browser, error) { return browser.Browser{}, browser.ErrNotFound }
	})
	a.typeAddress(a.store.URL())
	a.wait("the create step", a.atStep(stepCreate))
	a.tap("Do it for me")
	a.wait("the diagnosis", func() bool { return a.w.assist.issue != nil && !a.w.busy() })
	a.see(diagnosis.Lookup(browser.NotFound).Title, "Support code KR-")
	if c := a.w.supportCode(); !strings.Contains(a.w.supportReport(), string(browser.NotFound)) {
		t.Fatalf("the support report doesn't name the diagnosis (%s)", c)
	}
	a.tap("I'll do it in my browser")
	if len(a.opened) == 0 || !strings.HasSuffix(a.opened[len(a.opened)-1], string(wpadmin.AddKey)) {
		t.Fatalf("the Add key page wasn't opened by hand: %v", a.opened)
	}
	a.see("I have the key and secret", "Syncio API Key")
}

// The merchant closes Key Relay's browser window once the key is made: step 6 says so and offers the copy
// buttons; the key, tested and saved, is all still there.
func TestAssistWindowClosedBeforeSending(t *testing.T) {
	a := newAssisted(t, func(p *service.Profile, o *assist.Options) {
		f := *p.Form
		f.OpenWords = []string{"Change key"} // the form never shows: the window is closed while Key Relay looks for it
		p.Form = &f
		o.FormTimeout = time.Minute // longer than the test takes to close the window, however loaded the machine
	})
	a.toGenerate()
	a.inBrowser("WordPress: Generate API key", chromedp.Click("#"+wpadmin.ButtonGenerate))
	// Closed while Key Relay works on Syncio's page (closed before, the window would simply open again).
	a.waitLong("step 6", func() bool {
		return a.w.step == stepSend && a.saying("Opening the page in the Key Relay browser window")()
	})
	a.inBrowser("", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: chromedp.FromContext(ctx).Target.TargetID})
		return err
	}))
	a.waitLong("the diagnosis", func() bool { return a.w.assist.issue != nil && !a.w.busy() })
	i := a.w.assist.issue
	if i.Code != browser.Closed {
		t.Fatalf("said %s", i.Code)
	}
	a.see(i.Title, "[Copy consumer key]", "[Copy consumer secret]", "[I've clicked Update in Syncio]")
	k := a.store.Keys()[0]
	if a.w.at.Store.Creds.Key != k.ConsumerKey || a.w.at.Store.Creds.Secret != k.Secret || !a.w.at.Saved {
		t.Fatal("the captured key was lost")
	}
	a.tap("Copy consumer secret")
	a.tap("I've clicked Update in Syncio")
	a.see("Step 7 of 7", "is connected to Syncio")
}

// The service's page never shows a key form (its link to it is called something the profile doesn't
// say): said after the wait, nothing filled, the copy buttons; the keys list's baseline is still read, so a
// paste by hand is proven by Done.
func TestAssistFormNotFound(t *testing.T) {
	a := newAssisted(t, func(p *service.Profile, _ *assist.Options) {
		f := *p.Form
		f.OpenWords = []string{"Change key"} // the page's link says "Update"
		p.Form = &f
	})
	a.toGenerate()
	a.inBrowser("WordPress: Generate API key", chromedp.Click("#"+wpadmin.ButtonGenerate))
	a.waitLong("the diagnosis", func() bool { return a.w.step == stepSend && a.w.assist.issue != nil && !a.w.busy() })
	a.see(diagnosis.Lookup(keyform.ServiceFormChanged).Title, "no fields called consumer key and consumer secret", "[Try again]", "[Copy consumer key]")
	var left string
	a.inBrowser("", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		var err error
		left, err = chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('input')).map(function (e) { return e.value; }).join('')`))
		return err
	}))
	if left != "" || len(a.svc.Received()) != 0 {
		t.Fatal("the service's form was left filled in, or submitted")
	}
	pasteByHand(a)
}

// pasteByHand is the merchant pasting the key into the service's form themselves, and Done's proof.
func pasteByHand(a *assisted) {
	a.t.Helper()
	if !a.w.at.Store.Delivery.WatchUse {
		a.t.Fatal("the keys list's baseline wasn't kept")
	}
	a.later.Store(int64(2 * time.Minute))
	k := a.store.Keys()[0]
	a.act("Syncio: paste, paste, Update")
	resp, err := http.PostForm(strings.TrimSuffix(a.svc.URL(), "/")+"/account/api-key", url.Values{"consumer_key": {k.ConsumerKey}, "consumer_secret": {k.Secret}})
	if err != nil {
		a.t.Fatal(err)
	}
	resp.Body.Close()
	a.tap("I've clicked Update in Syncio")
	a.waitLong("proof of delivery", func() bool { return a.w.step == stepDone && a.w.at.Store.Delivery.UsedAt != nil })
	a.see("Syncio used the key at")
}

// A profile with no address for the service's page: the key is made in Key Relay's window and pasted by
// hand, and Done still shows the service's first use from the keys list.
func TestAssistProofWithoutAPage(t *testing.T) {
	a := newAssisted(t, func(p *service.Profile, _ *assist.Options) { p.AccountURL = "" })
	a.toGenerate()
	a.inBrowser("WordPress: Generate API key", chromedp.Click("#"+wpadmin.ButtonGenerate))
	a.waitLong("the saved key", func() bool { return a.w.step == stepSave && a.w.at.Saved && !a.w.busy() })
	a.tap("Continue to Syncio")
	a.see("Key Relay has no address for Syncio's page")
	a.waitLong("the keys list read", func() bool { return a.w.at.Store.Delivery.WatchUse && !a.w.busy() })
	pasteByHand(a)
}

// Waiting at the login wall is cancellable: Cancel stops the wait at once, nothing is lost, and the way by
// hand opens the Add key page in the merchant's own browser.
func TestAssistCancelAtTheLoginWall(t *testing.T) {
	a := newAssisted(t, nil)
	a.toLoginWall()
	a.tap("Cancel")
	a.see("Cancelled. Nothing was lost", "[Do it for me]", "[I'll do it in my browser]")
	if a.w.busy() || a.w.assist.win.Load() == nil || !a.w.assist.win.Load().Alive() {
		t.Fatal("Cancel didn't stop the wait, or closed the window the merchant may still use")
	}
	a.tap("I'll do it in my browser")
	if len(a.opened) != 1 || !strings.HasSuffix(a.opened[0], string(wpadmin.AddKey)) {
		t.Fatalf("opened %v", a.opened)
	}
	if len(a.store.Keys()) != 0 {
		t.Fatal("a key was made")
	}
}
