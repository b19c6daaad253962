package assist

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/service/servicetest"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// machineFlags are what this machine needs (root, no network): not Key Relay's flags.
var machineFlags = []string{"--disable-background-networking", "--disable-component-update", "--disable-sync"}

func testOptions(t *testing.T) Options {
	return Options{Profile: filepath.Join(t.TempDir(), "browser-profile"), Headless: true, Extra: machineFlags,
		PageTimeout: 15 * time.Second, FormTimeout: 2 * time.Second, Poll: 50 * time.Millisecond,
		LoginCheck: 300 * time.Millisecond, UsePoll: 100 * time.Millisecond}
}

func start(t *testing.T, o Options) *Session {
	t.Helper()
	s, err := Start(context.Background(), o)
	if err != nil {
		t.Fatalf("%v (make test installs Debian's chromium)", err)
	}
	t.Cleanup(s.Close)
	return s
}

// phases records what MakeKey said, for the test to wait on.
type phases struct {
	mu   sync.Mutex
	seen []Phase
}

func (p *phases) say(ph Phase) { p.mu.Lock(); p.seen = append(p.seen, ph); p.mu.Unlock() }

func (p *phases) wait(t *testing.T, ph Phase) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		n := len(p.seen)
		last := Phase(0)
		if n > 0 {
			last = p.seen[n-1]
		}
		p.mu.Unlock()
		if last == ph {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("Key Relay never said phase %d (said %v)", ph, p.seen)
}

// merchant does what the merchant does in the window: chromedp actions on the same tab.
func merchant(t *testing.T, s *Session, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.tab, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("the merchant's clicks: %v", err)
	}
}

func logIn(user string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.WaitVisible("#user_login"), chromedp.SetValue("#user_login", user),
		chromedp.SetValue("#user_pass", "shop-owner"), chromedp.Click("#rememberme"), chromedp.Click("#wp-submit"),
	}
}

type made struct {
	c   woo.Credentials
	err error
}

func makeKey(s *Session, store *wootest.Store, p *phases) chan made {
	return makeKeyAt(s, context.Background(), syncioWant(store), p)
}

// syncioWant is Syncio's key on store's Add key page.
func syncioWant(store *wootest.Store) Want {
	return Want{AddKey: store.URL() + "wp-admin/" + string(wpadmin.AddKey), Description: "Syncio API Key", Permission: access.PermReadWrite, Service: "Syncio"}
}

// makeKeyAt runs MakeKey for w in the background; the channel gives its end.
func makeKeyAt(s *Session, ctx context.Context, w Want, p *phases) chan made {
	done := make(chan made, 1)
	go func() {
		c, err := s.MakeKey(ctx, w, p.say)
		done <- made{c, err}
	}()
	return done
}

// generated is the merchant's walk on an Add key page: Key Relay fills it, the merchant clicks Generate,
// and MakeKey's result comes back.
func generated(t *testing.T, s *Session, w Want) made {
	t.Helper()
	p := &phases{}
	done := makeKeyAt(s, context.Background(), w, p)
	p.wait(t, Generate)
	merchant(t, s, chromedp.Click("#"+wpadmin.ButtonGenerate))
	return <-done
}

func noSecretIn(t *testing.T, profile, secret string) {
	t.Helper()
	for _, f := range browser.FilesHolding(profile, secret[3:]) {
		t.Errorf("the secret stayed in the browser profile: %s", f)
	}
}

// The whole assisted relay on the fake store and the sandbox Syncio, in real chromium: the login wall
// waited out, the form filled, Generate left to the merchant, the pair read and the tab moved away, the
// service's form filled and its Update left to the merchant, and the key's first use seen in the keys list.
func TestAssistedRelay(t *testing.T) {
	var later atomic.Int64 // the store's clock: moved on by the test, as when the service calls minutes later
	store := wootest.Start(wootest.Config{AdminPassword: "shop-owner", Now: func() time.Time { return time.Now().Add(time.Duration(later.Load())) }})
	t.Cleanup(store.Close)
	client := woo.NewClient(woo.Options{Timeout: 5 * time.Second})
	need := access.Requirement{Service: "Syncio", Permission: access.PermReadWrite, Transport: access.TransportOAuth}
	svc := servicetest.Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) {
		_, v, err := connect.Run(ctx, client, store.URL(), c, need)
		return v, err
	})
	t.Cleanup(svc.Close)
	o := testOptions(t)
	s := start(t, o)
	p := &phases{}
	done := makeKey(s, store, p)

	p.wait(t, LogIn)
	merchant(t, s, logIn("admin")...)
	p.wait(t, Generate)
	time.Sleep(time.Second) // Key Relay never clicks Generate itself
	if n := len(store.Keys()); n != 0 {
		t.Fatalf("%d keys were made before the merchant clicked Generate", n)
	}
	merchant(t, s, chromedp.Click("#"+wpadmin.ButtonGenerate))
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	keys := store.Keys()
	if len(keys) != 1 || keys[0].ConsumerKey != r.c.Key || keys[0].Secret != r.c.Secret || keys[0].Permissions != "read_write" || keys[0].Description != "Syncio API Key" || keys[0].UserLogin != "admin" {
		t.Fatalf("made %d keys; the one read back matches: %v", len(keys), len(keys) == 1 && keys[0].ConsumerKey == r.c.Key)
	}
	where, _ := chromedp.Run(s.tab, chromedp.Location())
	if !strings.HasSuffix(where, string(wpadmin.Keys)) {
		t.Fatalf("the tab stayed at %s, not the keys list", where)
	}
	html, _ := chromedp.Run(s.tab, chromedp.Evaluate[string]("document.documentElement.outerHTML"))
	if strings.Contains(html, r.c.Secret) {
		t.Fatal("the page the tab moved to shows the secret")
	}

	// Key Relay's own check is its last call with the key; the row is read right after it.
	keysList := store.URL() + "wp-admin/" + string(wpadmin.Keys)
	if _, _, err := connect.Run(context.Background(), client, store.URL(), r.c, need); err != nil {
		t.Fatal(err)
	}
	before, ok, err := s.LastUse(context.Background(), keysList, r.c.Key)
	if err != nil || !ok || before.LastAccess.IsZero() {
		t.Fatalf("the key's row after Key Relay's check: %+v %v %v", before, ok, err)
	}

	sent := make(chan error, 1)
	p2 := &phases{}
	go func() {
		sent <- s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: svc.URL(), Form: syncioForm()}, r.c, p2.say)
	}()
	p2.wait(t, Submit)
	if n := len(svc.Received()); n != 0 {
		t.Fatal("the form was submitted before the merchant clicked Update")
	}
	later.Store(int64(2 * time.Minute)) // the service's call comes two minutes after Key Relay's
	merchant(t, s, chromedp.Click("#update"))
	if err := <-sent; err != nil {
		t.Fatal(err)
	}
	if rs := svc.Received(); len(rs) != 1 || rs[0].Credentials != r.c || !rs[0].Verified {
		t.Fatalf("Syncio received %d submissions; the key matches and works: %v", len(rs), len(rs) == 1 && rs[0].Credentials == r.c && rs[0].Verified)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	used, err := s.WaitForUse(ctx, keysList, r.c.Key, before, 20*time.Second, p2.say)
	if err != nil || !used.LastAccess.After(before.LastAccess) {
		t.Fatalf("proof of delivery: %+v %v", used, err)
	}
	s.Close()
	noSecretIn(t, o.Profile, r.c.Secret)
	noSecretIn(t, o.Profile, r.c.Key) // the browser's "Save password?" would keep it as the user name
}

// Key Relay's own use of the key is not the service's: in the same minute, no proof; not_used_yet after
// the wait.
func TestNoUseIsNotProof(t *testing.T) {
	store := wootest.Start(wootest.Config{Admin: true})
	t.Cleanup(store.Close)
	k := store.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	client := woo.NewClient(woo.Options{Timeout: 5 * time.Second})
	need := access.Requirement{Service: "Syncio", Permission: access.PermReadWrite, Transport: access.TransportOAuth}
	c := woo.Credentials{Key: k.ConsumerKey, Secret: k.Secret}
	if _, _, err := connect.Run(context.Background(), client, store.URL(), c, need); err != nil {
		t.Fatal(err)
	}
	s := start(t, testOptions(t))
	keysList := store.URL() + "wp-admin/" + string(wpadmin.Keys)
	before, ok, err := s.LastUse(context.Background(), keysList, k.ConsumerKey)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	_, err = s.WaitForUse(context.Background(), keysList, k.ConsumerKey, before, 500*time.Millisecond, func(Phase) {})
	if i := Issue(err); i == nil || i.Code != browser.NotUsedYet {
		t.Fatalf("got %v, want not_used_yet", err)
	}
}

func wantIssue(t *testing.T, err error, c diagnosis.Code) {
	t.Helper()
	i := Issue(err)
	if i == nil || i.Code != c {
		t.Fatalf("got %v, want %s", err, c)
	}
	if i.Kind != diagnosis.KindComputer || len(i.Fix) == 0 || !i.Offer(diagnosis.OfferContinueAnyway) {
		t.Fatalf("%s: a computer-side row with a fix and the way on by hand: %+v", c, i.Diagnosis)
	}
}

func TestNoBrowserFound(t *testing.T) {
	o := testOptions(t)
	o.Find = func() (browser.Browser, error) { return browser.Browser{}, browser.ErrNotFound }
	_, err := Start(context.Background(), o)
	wantIssue(t, err, browser.NotFound)
}

func TestBrowserThatWontStart(t *testing.T) {
	o := testOptions(t)
	o.Find = func() (browser.Browser, error) { return browser.Browser{Name: "Chromium", Path: "/bin/false"}, nil }
	_, err := Start(context.Background(), o)
	wantIssue(t, err, browser.NotStarted)
}

// A browser that takes long to start (a cold start from a slow disk: here a wrapper that sleeps 6 s
// before it starts Chromium) is waited for, far past PageTimeout, and the walk goes on; Cancel still
// ends the wait at once.
func TestSlowBrowserStartIsNoFailure(t *testing.T) {
	real, err := browser.Find()
	if err != nil {
		t.Fatalf("%v (make test installs Debian's chromium)", err)
	}
	wrapper := filepath.Join(t.TempDir(), "slow-chromium")
	script := "#!/bin/sh\nsleep 6\nexec " + real.Path + ` "$@"` + "\n"
	if err := os.WriteFile(wrapper, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	o := testOptions(t)
	o.PageTimeout = 2 * time.Second
	o.Find = func() (browser.Browser, error) { return browser.Browser{Name: "Chromium", Path: wrapper}, nil }
	begun := time.Now()
	s := start(t, o)
	if time.Since(begun) < 6*time.Second {
		t.Fatal("the wrapper didn't slow the start")
	}
	store := wootest.Start(wootest.Config{Admin: true})
	t.Cleanup(store.Close)
	if r := generated(t, s, syncioWant(store)); r.err != nil || !r.c.Complete() {
		t.Fatalf("%v %v", r.c, r.err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	o.Profile = filepath.Join(t.TempDir(), "another-profile")
	time.AfterFunc(time.Second, cancel)
	begun = time.Now()
	if _, err := Start(ctx, o); !errors.Is(err, context.Canceled) || time.Since(begun) > 5*time.Second {
		t.Fatalf("Cancel during a slow start: %v after %s", err, time.Since(begun))
	}
}

// A second Key Relay on the same profile: the browser refuses it (SingletonLock), said as such.
func TestProfileInUse(t *testing.T) {
	o := testOptions(t)
	start(t, o)
	_, err := Start(context.Background(), o)
	wantIssue(t, err, browser.ProfileInUse)
}

func TestWindowClosed(t *testing.T) {
	store := wootest.Start(wootest.Config{Admin: true})
	t.Cleanup(store.Close)
	s := start(t, testOptions(t))
	p := &phases{}
	done := makeKey(s, store, p)
	p.wait(t, Generate)
	// The merchant closes the window.
	if _, err := chromedp.CallBrowser(s.tab, target.CloseTarget, target.CloseTargetParams{TargetID: chromedp.FromContext(s.tab).Target.TargetID}); err != nil {
		t.Fatal(err)
	}
	r := <-done
	wantIssue(t, r.err, browser.Closed)
	if s.Alive() {
		t.Fatal("the session still counts as alive")
	}
}

// loggedIn starts MakeKey on a store behind the login wall and logs in there as user, as the merchant does.
func loggedIn(t *testing.T, user string) (*wootest.Store, *Session, *phases, chan made) {
	t.Helper()
	store := wootest.Start(wootest.Config{AdminPassword: "shop-owner"})
	t.Cleanup(store.Close)
	s := start(t, testOptions(t))
	p := &phases{}
	done := makeKey(s, store, p)
	p.wait(t, LogIn)
	merchant(t, s, logIn(user)...)
	return store, s, p, done
}

// WordPress logs the merchant out while Key Relay waits for Generate: Key Relay says so and shows the login
// form again (a Generate then would fail without a word); after logging in the form is filled again.
func TestLoggedOutMidway(t *testing.T) {
	store, s, p, done := loggedIn(t, "admin")
	p.wait(t, Generate)
	store.Logout()
	p.wait(t, LoggedOut)
	if d := diagnosis.Lookup(browser.LoggedOut); d.Kind != diagnosis.KindComputer || !strings.Contains(d.Fix[0], "Remember Me") {
		t.Fatalf("the row the screen shows then: %+v", d)
	}
	merchant(t, s, logIn("admin")...)
	p.wait(t, Generate)
	merchant(t, s, chromedp.Click("#"+wpadmin.ButtonGenerate))
	r := <-done
	if r.err != nil || len(store.Keys()) != 1 || store.Keys()[0].ConsumerKey != r.c.Key {
		t.Fatalf("after logging in again: %v", r.err)
	}
}

func TestUserCannotManageTheShop(t *testing.T) {
	store, _, _, done := loggedIn(t, "customer")
	r := <-done
	wantIssue(t, r.err, browser.WPUserCannotManage)
	if len(store.Keys()) != 0 {
		t.Fatal("a key was made")
	}
}

// A page that never loads (the server takes the connection and never answers): said within the timeout,
// and Cancel works before it.
func TestPageNeverLoads(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	o := testOptions(t)
	o.PageTimeout = 2 * time.Second
	s := start(t, o)
	_, err = s.MakeKey(context.Background(), Want{AddKey: "http://" + ln.Addr().String() + "/wp-admin/" + string(wpadmin.AddKey), Description: "Syncio API Key", Permission: access.PermReadWrite}, func(Phase) {})
	wantIssue(t, err, browser.PageNotLoading)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	o.PageTimeout = time.Minute
	s.opts.PageTimeout = time.Minute
	begun := time.Now()
	_, err = s.MakeKey(ctx, Want{AddKey: "http://" + ln.Addr().String() + "/"}, func(Phase) {})
	if !errors.Is(err, context.Canceled) || time.Since(begun) > 5*time.Second {
		t.Fatalf("Cancel while the page hangs: %v after %v", err, time.Since(begun))
	}
}

// The key goes only into a page at the service's own address: an account page that sends the browser to
// another site (a look-alike login, say) gets nothing.
func TestKeyOnlyIntoTheServicesOwnPage(t *testing.T) {
	svc := servicetest.Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) { return &woo.Verdict{}, nil })
	t.Cleanup(svc.Close)
	away := httptest.NewServer(http.RedirectHandler(svc.URL(), http.StatusFound)) // another origin
	t.Cleanup(away.Close)
	s := start(t, testOptions(t))
	c := woo.Credentials{Key: "ck_" + strings.Repeat("a", 40), Secret: "cs_" + strings.Repeat("b", 40)}
	account := strings.Replace(away.URL, "127.0.0.1", "localhost", 1) + "/"
	err := s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: account, Form: syncioForm()}, c, func(Phase) {})
	wantIssue(t, err, browser.PageLeftSite)
	if !strings.Contains(err.Error(), "isn't") || !strings.Contains(err.Error(), strings.TrimSuffix(svc.URL(), "/")) {
		t.Fatalf("the detail doesn't say the page moved: %v", err)
	}
	left, _ := chromedp.Run(s.tab, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('input')).map(function (e) { return e.value; }).join('')`))
	if left != "" {
		t.Fatal("the key went into another site's page")
	}
}
