// Package assist is browser assist: Key Relay drives a real browser window on its own profile to make the
// key in WordPress and to fill the sync service's update form, while the merchant gives consent by
// clicking the pages' own buttons (Generate API key, the service's Update). The key and secret are read
// from the page and written into the service's fields; they never touch the clipboard. Every way it can
// fail is a row of the diagnosis table, and the walk then goes on by hand with what was captured.
package assist

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Options say which browser, on which profile, and how patient to be.
type Options struct {
	// Find finds the browser; nil means browser.Find (Chrome, Edge, Chromium or Brave in their usual places).
	Find func() (browser.Browser, error)
	// Profile is the browser profile folder; "" means browser.ProfileDir (Key Relay's own).
	Profile string
	// Headless and Extra are for tests and locked-down machines (see browser.Open).
	Headless bool
	Extra    []string
	// PageTimeout is how long a page may take to load; 0 means 30 s.
	PageTimeout time.Duration
	// FormTimeout is how long Key Relay watches the service's page for its key form while the merchant
	// logs in or clicks through to it; 0 means 10 minutes.
	FormTimeout time.Duration
	// Poll is how often the page is read while Key Relay waits for the merchant; 0 means 250 ms.
	Poll time.Duration
	// LoginCheck is how often, while waiting for the merchant's click, Key Relay checks that WordPress
	// still has them logged in; 0 means 3 s.
	LoginCheck time.Duration
	// UsePoll is how often the keys list is read for proof of delivery; 0 means 10 s.
	UsePoll time.Duration
	// Words finds a service's key form; nil means keyform.Builtin (assets/forms/words.json).
	Words *keyform.Words
}

func (o *Options) defaults() {
	if o.Find == nil {
		o.Find = browser.Find
	}
	if o.Words == nil {
		o.Words = keyform.Builtin()
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&o.PageTimeout, 30 * time.Second}, {&o.FormTimeout, 10 * time.Minute}, {&o.Poll, 250 * time.Millisecond},
		{&o.LoginCheck, 3 * time.Second}, {&o.UsePoll, 10 * time.Second}} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
}

// Error is a browser-assist failure: its diagnosis and what was seen.
type Error struct {
	Code   diagnosis.Code
	Detail string // never a secret
	Err    error  // what the browser or the driver said, for the support report
}

func (e *Error) Error() string {
	if e.Err != nil {
		return string(e.Code) + ": " + e.Detail + ": " + e.Err.Error()
	}
	return string(e.Code) + ": " + e.Detail
}

func (e *Error) Unwrap() error { return e.Err }

// Issue is err as a diagnosis, or nil when err is no browser-assist failure (a cancel, say).
func Issue(err error) *diagnosis.Issue {
	var e *Error
	if !errors.As(err, &e) {
		return nil
	}
	i := diagnosis.New(e.Code, e.Detail)
	if e.Err != nil {
		i.Technical = e.Err.Error()
	}
	return i
}

func fail(c diagnosis.Code, err error, format string, args ...any) *Error {
	return &Error{Code: c, Detail: fmt.Sprintf(format, args...), Err: err}
}

// Session is one browser window Key Relay drives. It outlives the walk's steps (the key is made on one,
// sent on another); Close ends it. Its methods are not for concurrent use.
type Session struct {
	Browser browser.Browser
	Profile string
	opts    Options
	tab     context.Context
	close   context.CancelFunc
	// attached ends when the browser lets go of the tab (the merchant closed it): work waiting on the tab
	// ends at once rather than at its timeout.
	attached context.Context
	mu       sync.Mutex
	closed   bool
	ps       pageState
}

// Start finds the browser and opens its window on Key Relay's profile, waiting as long as the browser is
// alive and starting. ctx bounds the start only; the window stays open until Close.
func Start(ctx context.Context, o Options) (*Session, error) {
	o.defaults()
	b, err := o.Find()
	if err != nil {
		return nil, fail(browser.NotFound, err, "looked for Chrome, Edge, Chromium and Brave in their usual places")
	}
	if o.Profile == "" {
		if o.Profile, err = browser.ProfileDir(); err != nil {
			return nil, fail(browser.NotStarted, err, "no folder for Key Relay's browser profile")
		}
	}
	if err := os.MkdirAll(o.Profile, 0o700); err != nil {
		return nil, fail(browser.NotStarted, err, "couldn't make the folder %s", o.Profile)
	}
	extra := o.Extra
	if runtime.GOOS == "linux" && os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox; a root desktop session is rare but real.
		extra = append(extra, "--no-sandbox")
	}
	tab, cancel := browser.Open(context.Background(), b, o.Profile, o.Headless, extra...)
	s := &Session{Browser: b, Profile: o.Profile, opts: o, tab: tab, close: cancel}
	// The first action starts the browser, on the tab's own context: a shorter-lived context there would
	// take the browser down with it when it ends. ctx and the timeout bound the wait instead.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tab, chromedp.Navigate("about:blank")) }()
	// No time limit of its own: a slow start is no failure. The start ends when the browser answers, when
	// its process exits (browser_not_started, with what it said), or when the merchant cancels.
	var err2 error
	select {
	case err2 = <-started:
	case <-ctx.Done():
		err2 = ctx.Err()
	}
	if err2 == nil {
		err2 = s.listen()
	}
	if err2 == nil {
		var det <-chan struct{}
		if det, err2 = chromedp.Detached(tab); err2 == nil {
			var lost context.CancelFunc
			s.attached, lost = context.WithCancel(context.Background())
			go func() {
				select {
				case <-det:
				case <-tab.Done():
				}
				lost()
			}()
		}
	}
	if err := err2; err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if inUse(o.Profile) {
			return nil, fail(browser.ProfileInUse, err, "%s is already open on %s", b.Name, o.Profile)
		}
		return nil, fail(browser.NotStarted, err, "%s (%s) closed as it started", b.Name, b.Path)
	}
	return s, nil
}

// inUse reports whether a running browser holds the profile: Chromium's SingletonLock (a link to
// "host-pid") on Linux and macOS, its lockfile on Windows. A stale lock after a crash is taken over by the
// next start, so it only matters once a start has failed.
func inUse(profile string) bool {
	for _, name := range []string{"SingletonLock", "lockfile"} {
		if _, err := os.Lstat(filepath.Join(profile, name)); err == nil {
			return true
		}
	}
	return false
}

// Close closes the browser window (gracefully: a Remember Me login stays in the profile).
func (s *Session) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.close()
}

// Tab is the window's tab, for the demo tour and tests, which play the merchant's own clicks there (Key
// Relay itself never clicks Generate or a service's button).
func (s *Session) Tab() context.Context { return s.tab }

// Alive reports whether the window is still there to drive.
func (s *Session) Alive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.closed && s.tab.Err() == nil && s.attached.Err() == nil
}

// op is a context for one piece of work on the tab: it ends with ctx (the walk's job, whose Cancel must
// work while the browser hangs), after d when d > 0, when the browser goes, or when the page opens a
// dialog (which holds the page until someone answers it).
func (s *Session) op(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancel(s.tab)
	stop := context.AfterFunc(ctx, cancel)
	lost := context.AfterFunc(s.attached, cancel)
	asked := context.AfterFunc(s.dialogCtx(), cancel)
	var timer context.CancelFunc = func() {}
	if d > 0 {
		c, timer = context.WithTimeout(c, d)
	}
	return c, func() { timer(); stop(); lost(); asked(); cancel() }
}

// gone turns a driver error into what happened: the job was cancelled (ctx's error), the window was
// closed, the page is showing a dialog, or nil when the error was something else.
func (s *Session) gone(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if d := s.dialogIssue(); d != nil {
		return d
	}
	if s.attached.Err() != nil || errors.Is(err, chromedp.ErrTargetDetached) || s.tab.Err() != nil || s.tabGone() {
		s.Close()
		return fail(browser.Closed, err, "the %s window Key Relay opened was closed", s.Browser.Name)
	}
	return nil
}

// tabGone asks the tab for a trivial answer: a tab the merchant closed is detached (an action in flight
// when it closed may have failed otherwise).
func (s *Session) tabGone() bool {
	c, cancel := context.WithTimeout(s.tab, 2*time.Second)
	defer cancel()
	_, err := chromedp.Run(c, chromedp.Evaluate[int]("1"))
	return errors.Is(err, chromedp.ErrTargetDetached) || s.tab.Err() != nil
}

// navigate loads u in the tab, within PageTimeout.
func (s *Session) navigate(ctx context.Context, u string) error {
	c, stop := s.op(ctx, s.opts.PageTimeout)
	defer stop()
	err := chromedp.Do(c, chromedp.Navigate(u))
	if err == nil {
		return nil
	}
	if g := s.gone(ctx, err); g != nil {
		return g
	}
	return fail(browser.PageNotLoading, err, "%s didn't load within %s", siteOf(u), s.opts.PageTimeout.Round(time.Second))
}

// leave moves the tab from a page Key Relay filled or read to u, answering that page's own "Leave site?"
// with Leave: staying would keep the page that showed the secret open behind the dialog.
func (s *Session) leave(ctx context.Context, u string) error {
	s.ps.mu.Lock()
	s.ps.leaving = true
	s.ps.mu.Unlock()
	defer func() {
		s.ps.mu.Lock()
		s.ps.leaving = false
		s.ps.mu.Unlock()
	}()
	return s.navigate(ctx, u)
}

// settle makes every error a public method returns a row: a cancel stays a cancel, a row stays itself,
// and anything the driver said in its own words (a page that went away midway, say) is page_changed.
func (s *Session) settle(ctx context.Context, err error) error {
	var e *Error
	switch {
	case err == nil, ctx.Err() != nil && errors.Is(err, ctx.Err()), errors.As(err, &e):
		return err
	}
	if d := s.dialogIssue(); d != nil {
		return d
	}
	return fail(browser.PageChanged, err, "the page in the %s window (%s) changed while Key Relay worked on it", s.Browser.Name, siteOf(s.currentURL()))
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Phase is what the merchant is waited for, or what Key Relay is doing, for the screen to say.
type Phase int

const (
	Opening       Phase = iota + 1 // a page is loading
	LogIn                          // WordPress's login form is showing: the merchant logs in (never Key Relay)
	LoggedOut                      // WordPress logged the merchant out midway: log in again
	Generate                       // the form is filled: the merchant clicks Generate API key
	Submit                         // the service's form is filled: the merchant clicks its Update button
	WaitingForUse                  // the key went to the service: its first use is awaited in the keys list
	FindForm                       // Key Relay looks for the service's key form while the merchant logs in or clicks through
)

// Want is the key to make: where the Add key page is, and what goes into its form.
type Want struct {
	AddKey      string // the Add key page's address (wpadmin.AddKey for this store)
	Description string // the service's description, typed as the key's Description
	Permission  access.Permission
	Service     string // the service's name, for the note beside Generate
}

// addKeyState is what the tab shows, read in one go in Key Relay's world.
type addKeyState struct {
	URL    string `json:"url"`
	Here   bool   `json:"here"`   // the document is at the store's own origin: nothing else is read or filled
	Login  bool   `json:"login"`  // WordPress's login form
	Denied bool   `json:"denied"` // wp_die's "Sorry, you are not allowed to access this page."
	Form   bool   `json:"form"`   // the Add key form
	Ours   bool   `json:"ours"`   // Key Relay filled this very document (its world's own mark: a page can't set it)
	// Clicked: the merchant's own click (a trusted event) on Generate in this document, after Key Relay
	// filled it with the key fields empty. Only then are Key and Secret read.
	Clicked bool   `json:"clicked"`
	Key     string `json:"key"`
	Secret  string `json:"secret"`
	Long    bool   `json:"long"` // a key field held more than any key: not read
	UID     string `json:"uid"`  // the logged-in user (every wp-admin page says: userSettings.uid)
	User    string `json:"user"`
}

// String never shows the pair, whatever the format verb.
func (st addKeyState) String() string {
	return fmt.Sprintf("Add key page %s (form %v, ours %v, clicked %v, key %s, secret %s)", siteOf(st.URL), st.Form, st.Ours, st.Clicked, redact.MaskKey(st.Key), redact.MaskSecret(st.Secret))
}

// GoString is String: %#v must not print the pair either.
func (st addKeyState) GoString() string { return st.String() }

// Format makes every verb (%v, %+v, %s, %q, %#v, %d) print String.
func (st addKeyState) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, st.String(), st.GoString())
}

// maxField is the longest value read from a key field: a key is 43 characters, and anything longer is
// refused unread rather than carried (a page once offered 10 MB).
const maxField = 64

// addKeyIDs are the Add key page's element ids, handed to the scripts.
var addKeyIDs = map[string]string{"desc": wpadmin.FieldDescription, "generate": wpadmin.ButtonGenerate, "key": wpadmin.FieldConsumerKey,
	"secret": wpadmin.FieldConsumerSecret, "user": wpadmin.FieldUser, "perm": wpadmin.FieldPermissions}

// readAddKey is the Add key page's state. It runs in Key Relay's world; its globals (__kr) are that
// world's, one set per document.
const readAddKey = `function (ids, origin, max) {
  var st = {url: String(location.href), here: location.origin === origin};
  if (!st.here) return st;
  var el = function (id) { return document.getElementById(id); };
  var die = document.querySelector('.wp-die-message');
  var kr = window.__kr || {};
  st.login = !!el('loginform');
  st.denied = !!die && /not allowed/i.test(die.textContent);
  st.form = !!el(ids.desc) && !!el(ids.generate);
  st.ours = kr.filled === true;
  st.clicked = st.ours && kr.clicked === true;
  var v = function (id) { var e = el(id); return e && typeof e.value === 'string' ? e.value : ''; };
  if (st.clicked) {
    var k = v(ids.key), s = v(ids.secret);
    if (k.length > max || s.length > max) { st.long = true; } else { st.key = k; st.secret = s; }
  }
  st.uid = window.userSettings && window.userSettings.uid ? String(window.userSettings.uid).slice(0, 20) : '';
  st.user = v(ids.user).slice(0, 20);
  return st;
}`

// MakeKey opens the Add key page, waits (saying so) while the merchant logs in, fills Description, the
// logged-in user and Permissions, highlights Generate API key and waits for the merchant's click — Key
// Relay never clicks it — then reads the new pair from the page, empties its fields and moves the tab to
// the keys list, away from the page that showed the secret. Only the store's own origin is read or
// filled, and a pair is taken only as the merchant's Generate made it, in the format a paste must have.
// say tells the screen what is awaited.
func (s *Session) MakeKey(ctx context.Context, w Want, say func(Phase)) (woo.Credentials, error) {
	c, err := s.makeKey(ctx, w, say)
	return c, s.settle(ctx, err)
}

func (s *Session) makeKey(ctx context.Context, w Want, say func(Phase)) (woo.Credentials, error) {
	say(Opening)
	if err := s.navigate(ctx, w.AddKey); err != nil {
		return woo.Credentials{}, err
	}
	k := &addKeyWatch{s: s, w: w, say: say, lastLogin: time.Now(), lastSeenOK: time.Now()}
	origin := originOf(w.AddKey)
	for {
		st, err := inWorld[addKeyState](s, ctx, readAddKey, addKeyIDs, origin, maxField)
		if err != nil {
			var e *Error
			if errors.As(err, &e) || ctx.Err() != nil {
				return woo.Credentials{}, err
			}
			// A page between two loads has no document to read: read it again.
		}
		if err == nil {
			if c, done, err := k.next(ctx, st); done || err != nil {
				return c, err
			}
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			return woo.Credentials{}, err
		}
	}
}

// addKeyWatch is makeKey's watch over the Add key page: the phase the merchant was last told, whether the
// form was filled (a login wall after that is a logout midway), and when the login and the page were last
// seen right.
type addKeyWatch struct {
	s                     *Session
	w                     Want
	say                   func(Phase)
	phase                 Phase
	filled                bool
	lastLogin, lastSeenOK time.Time
}

func (k *addKeyWatch) tell(p Phase) {
	if p != k.phase {
		k.phase = p
		k.say(p)
	}
}

// next acts on what the page shows: done with the key or a failure, or a look again after the poll.
func (k *addKeyWatch) next(ctx context.Context, st addKeyState) (woo.Credentials, bool, error) {
	s, w := k.s, k.w
	switch {
	case !st.Here:
		// Another site (a sign-in service, a link the merchant followed): nothing there is read or
		// filled. After a while, back to the form.
		return woo.Credentials{}, false, k.backAfterAWhile(ctx)
	case st.Denied:
		return woo.Credentials{}, true, fail(browser.WPUserCannotManage, nil, "WordPress refused the Add key page to the user logged in there")
	case st.Login:
		k.lastSeenOK = time.Now()
		if k.filled {
			k.tell(LoggedOut)
		} else {
			k.tell(LogIn)
		}
	case st.Long:
		s.emptyAddKey(w.AddKey)
		return woo.Credentials{}, true, fail(browser.PageKeyRefused, nil, "the Add key page's key fields held more than %d characters", maxField)
	case st.Key != "" && st.Secret != "":
		c, err := pageKey(st.Key, st.Secret)
		// Away from the page that shows the secret, emptied first so the browser's session keeps no
		// copy of it; the keys list shows the new key's ending only.
		s.emptyAddKey(w.AddKey)
		if nerr := s.leave(ctx, keysPage(w.AddKey)); nerr != nil && ctx.Err() != nil {
			return woo.Credentials{}, true, nerr
		}
		return c, true, err
	case st.Form && !st.Ours:
		k.lastSeenOK = time.Now()
		if err := s.fillAddKey(ctx, w, st); err != nil {
			return woo.Credentials{}, true, err
		}
		k.filled = true
		k.tell(Generate)
	case st.Form:
		k.lastSeenOK = time.Now()
		return woo.Credentials{}, false, k.stillLoggedIn(ctx)
	default:
		// Somewhere else on the store (the merchant clicked away, a page between loads): after a
		// while, back to the form.
		return woo.Credentials{}, false, k.backAfterAWhile(ctx)
	}
	return woo.Credentials{}, false, nil
}

// backAfterAWhile opens the Add key page again once the page was away from it for PageTimeout.
func (k *addKeyWatch) backAfterAWhile(ctx context.Context) error {
	if time.Since(k.lastSeenOK) <= k.s.opts.PageTimeout {
		return nil
	}
	k.lastSeenOK = time.Now()
	return k.s.navigate(ctx, k.w.AddKey)
}

// stillLoggedIn checks, every LoginCheck, that the session behind the filled form is still logged in:
// Generate would fail without a word (admin-ajax answers 0), so the login is shown again, which comes
// back to the form.
func (k *addKeyWatch) stillLoggedIn(ctx context.Context) error {
	if time.Since(k.lastLogin) <= k.s.opts.LoginCheck {
		return nil
	}
	k.lastLogin = time.Now()
	out, err := k.s.loggedOut(ctx, k.w.AddKey)
	if err != nil || !out {
		return err
	}
	k.tell(LoggedOut)
	return k.s.navigate(ctx, k.w.AddKey)
}

// pageKey is the pair read from the Add key page, taken only as a paste would be: each value exactly a
// key of its kind (nothing around it, no markup, no address), else page_key_refused.
func pageKey(key, secret string) (woo.Credentials, error) {
	c := woo.Credentials{Key: strings.TrimSpace(key), Secret: strings.TrimSpace(secret)}
	for _, v := range []struct {
		field woo.Field
		value string
	}{{woo.FieldKey, c.Key}, {woo.FieldSecret, c.Secret}} {
		got, _, p := woo.ExtractFor(v.field, v.value)
		if p != nil || got != v.value {
			why := "isn't one"
			if p != nil {
				why = p.Message
			}
			return woo.Credentials{}, fail(browser.PageKeyRefused, nil, "the page's %s field didn't hold a %s: %s", v.field, v.field, pageWords(why, 160))
		}
	}
	return c, nil
}

// keysPage is the keys list beside an Add key page's address.
func keysPage(addKey string) string { return strings.Replace(addKey, "&create-key=1", "", 1) }

// outlineButton ends a fill script: it outlines the button b the merchant is to click, puts Key Relay's
// note above it (pages never have it), scrolls it into view and returns "" (all went well).
const outlineButton = `  b.style.outline = '4px solid #f08c00'; b.style.outlineOffset = '3px';
  var n = b.ownerDocument.createElement('div'); // b's own document: it may be a frame's
  n.style.cssText = 'background:#fff4e0;border:2px solid #f08c00;border-radius:6px;padding:8px 12px;margin:10px 0;font:15px/1.4 sans-serif;color:#1d2327';
  n.textContent = note;
  b.parentNode.insertBefore(n, b);
  b.scrollIntoView({block: 'center'}); b.focus();
  return '';
}`

// fillAddKeyScript fills the Add key form in Key Relay's world, on the store's origin only: Description,
// Permissions and (when the form shows another) the logged-in user; empties the key fields, marks the
// document as Key Relay's and listens for the merchant's own click on Generate; outlines Generate with a
// note from Key Relay above it (pages never have it). It returns "" or what went wrong.
const fillAddKeyScript = `function (ids, origin, fills, uid, note) {
  if (location.origin !== origin) return 'moved';
  var el = function (id) { return document.getElementById(id); };
  var set = function (e, v) {
    e.focus(); e.value = v;
    e.dispatchEvent(new Event('input', {bubbles: true}));
    e.dispatchEvent(new Event('change', {bubbles: true}));
  };
  for (var i = 0; i < fills.length; i++) {
    var e = el(fills[i][0]);
    if (!e) return 'no field ' + fills[i][0];
    set(e, fills[i][1]);
  }
  if (uid) {
    var u = el(ids.user);
    if (u && u.value !== uid) {
      set(u, uid);
      if (u.value !== uid && u.tagName === 'SELECT') { u.add(new Option('#' + uid, uid, true, true)); set(u, uid); }
    }
  }
  [ids.key, ids.secret].forEach(function (id) { var e = el(id); if (e) e.value = ''; });
  var b = el(ids.generate);
  if (!b) return 'no button';
  window.__kr = {filled: true, clicked: false};
  b.addEventListener('click', function (ev) { if (ev.isTrusted && window.__kr) window.__kr.clicked = true; }, true);
` + outlineButton

// fillAddKey fills the Add key form and highlights Generate. The User stays the logged-in user (the
// form's default): reaching this page at all means WordPress lets them manage the shop.
func (s *Session) fillAddKey(ctx context.Context, w Want, st addKeyState) error {
	fills := [][2]string{{wpadmin.FieldDescription, w.Description}, {wpadmin.FieldPermissions, string(w.Permission)}}
	note := "Key Relay filled this in for " + w.Service + ". Check it, then click “Generate API key”."
	why, err := inWorld[string](s, ctx, fillAddKeyScript, addKeyIDs, originOf(w.AddKey), fills, st.UID, note)
	switch {
	case errors.Is(err, errNavigated) || err == nil && why == "moved":
		return nil // the next read sees the page as it is now
	case err != nil:
		return err
	case why != "":
		return fail(browser.PageChanged, nil, "the Add key page had %s", why)
	}
	return nil
}

// emptyAddKey empties the Add key page's key fields, so the browser's session restore keeps no copy of
// the pair.
func (s *Session) emptyAddKey(addKey string) {
	s.emptyFields(originOf(addKey), "#"+wpadmin.FieldConsumerKey, "#"+wpadmin.FieldConsumerSecret)
}

// loggedOut asks WordPress, from the page, whether the session still holds: wp-admin sends a visitor
// without one to the login form, which a fetch that doesn't follow redirects sees as a redirect.
func (s *Session) loggedOut(ctx context.Context, page string) (bool, error) {
	out, err := inWorld[bool](s, ctx, `function (u, origin) {
  if (location.origin !== origin) return false;
  return fetch(u, {redirect: 'manual', credentials: 'same-origin', cache: 'no-store'}).then(function (r) { return r.type === 'opaqueredirect'; }, function () { return false; });
}`, page, originOf(page))
	if errors.Is(err, errNavigated) {
		return false, nil
	}
	return out, err
}
