package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/secretclip"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// harness drives the wizard as a merchant would, against a fake store over real loopback HTTPS, and
// counts the merchant's actions: clicks, key presses that submit, copies, and the clicks in WordPress and
// the sync service that the walk asks for.
type harness struct {
	t       *testing.T
	app     fyne.App
	w       *Wizard
	store   *wootest.Store
	vault   vault.Store
	opened  []string
	timers  []func()
	marked  []string // what went on the clipboard marked as a secret
	actions []string
	mu      *sync.Mutex // the UI goroutine: held by the test's actions and by the wizard's Do
	// noBrowser makes opening a page fail, as on a computer without a default browser.
	noBrowser bool
}

// testCopy is a marked copy on the test app's clipboard.
type testCopy struct {
	cb    fyne.Clipboard
	value string
}

func (c *testCopy) Held() bool { return c.cb.Content() == c.value }
func (c *testCopy) Clear() {
	if c.Held() {
		c.cb.SetContent("")
	}
}

// uiThread is shared by every harness: Fyne's text shaping is not safe across goroutines, and a wizard
// from an earlier test may still be finishing a job.
var uiThread sync.Mutex

func newHarness(t *testing.T, cfg wootest.Config, v vault.Store) *harness {
	t.Helper()
	cfg.TLS = true
	s := wootest.Start(cfg)
	t.Cleanup(s.Close)
	return newHarnessOn(t, test.NewTempApp(t), s, v)
}

func newHarnessOn(t *testing.T, a fyne.App, s *wootest.Store, v vault.Store) *harness {
	return newHarnessDeps(t, a, s, storeDeps(v))
}

// storeDeps are the wizard's parts for the fake store's HTTPS and the built-in services, keeping keys in v.
func storeDeps(v vault.Store) Deps {
	return Deps{
		Client:   woo.NewClient(woo.Options{RootCAs: wootest.CAPool(), Timeout: 5 * time.Second}),
		Vault:    v,
		Services: service.Builtin(),
	}
}

// newHarnessDeps builds the wizard with deps, with the browser, timers and the UI goroutine under the
// test's control.
func newHarnessDeps(t *testing.T, a fyne.App, s *wootest.Store, deps Deps) *harness {
	h := &harness{t: t, app: a, store: s, vault: deps.Vault, mu: &uiThread}
	h.mu.Lock()
	defer h.mu.Unlock()
	deps.OpenURL = func(u *url.URL) error {
		if h.noBrowser {
			return errors.New("exec: \"xdg-open\": executable file not found in $PATH")
		}
		h.opened = append(h.opened, u.String())
		return nil
	}
	deps.After = func(_ time.Duration, f func()) func() { h.timers = append(h.timers, f); return func() {} }
	if deps.SecretClipboard == nil { // the system's marked clipboard, played on the test app's
		deps.SecretClipboard = func(v string) (secretclip.Copy, error) {
			a.Clipboard().SetContent(v)
			h.marked = append(h.marked, v)
			return &testCopy{cb: a.Clipboard(), value: v}, nil
		}
	}
	deps.ClipboardPoll = -1
	if deps.Assist.Find == nil && deps.Assist.Profile == "" {
		// Walks by hand: "Do it for me" finds no browser (the assisted tests bring real chromium).
		deps.Assist.Find = func() (browser.Browser, error) { return browser.Browser{}, browser.ErrNotFound }
	}
	deps.Do = func(f func()) { h.mu.Lock(); defer h.mu.Unlock(); f() }
	if deps.Shown == nil { // the test driver paints only when asked to
		shown := make(chan struct{})
		close(shown)
		deps.Shown = shown
	}
	h.w = New(a, deps)
	h.w.win.Resize(fyne.NewSize(860, 680))
	h.w.win.Show()
	return h
}

func (h *harness) act(what string) { h.actions = append(h.actions, what) }

// tap clicks the visible button with this text (on the window or a dialog).
func (h *harness) tap(text string) {
	h.t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	b := h.button(text)
	if b == nil {
		h.t.Fatalf("no button %q on screen:\n%s", text, h.text())
	}
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", text)
	}
	h.act("click " + text)
	test.Tap(b)
}

func (h *harness) button(text string) *widget.Button {
	for _, o := range h.objects() {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text && b.Visible() {
				return b
			}
		case *holdButton:
			if b.Text == text {
				return &b.Button
			}
		}
	}
	return nil
}

func (h *harness) objects() []fyne.CanvasObject {
	c := h.w.win.Canvas()
	objs := test.LaidOutObjects(c.Content())
	for _, o := range c.Overlays().List() {
		objs = append(objs, test.LaidOutObjects(o)...)
	}
	return objs
}

// ui runs f as the UI goroutine would.
func (h *harness) ui(f func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f()
}

// screen is all the text a person sees: labels, buttons, choices, unmasked entries.
func (h *harness) screen() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.text()
}

func (h *harness) text() string {
	var out []string
	for _, o := range h.objects() {
		if !o.Visible() {
			continue
		}
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			if x.Text != "" { // an icon alone (the address field's dropdown) says nothing to read
				out = append(out, "["+x.Text+"]")
			}
		case *widget.SelectEntry:
			out = append(out, "{"+x.Text+"}")
		case *widget.Select:
			out = append(out, "<"+x.Selected+">")
		case *widget.Entry:
			if !x.Password {
				out = append(out, "{"+x.Text+"}")
			}
		}
	}
	return strings.Join(out, "\n")
}

func (h *harness) see(parts ...string) {
	h.t.Helper()
	s := h.screen()
	if bad := unrenderable(s); bad != "" { // every screen a test looks at is also checked for "�"
		h.t.Fatalf("the screen would show �: %s", bad)
	}
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

func (h *harness) notSee(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			h.t.Fatalf("screen shows %q:\n%s", p, s)
		}
	}
}

// wait polls until cond holds: network work runs off the UI goroutine.
func (h *harness) wait(what string, cond func() bool) {
	h.t.Helper()
	h.waitUpTo(10*time.Second, what, cond)
}

// waitUpTo is wait with its own patience (a real browser needs more on a loaded 2-core machine).
func (h *harness) waitUpTo(d time.Duration, what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(d)
	for {
		h.mu.Lock()
		ok := cond()
		h.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; on screen:\n%s", what, h.screen())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (h *harness) atStep(s step) func() bool {
	return func() bool { return h.w.step == s && !h.w.busy() }
}

func (h *harness) atStepEvenBusy(s step) func() bool { return func() bool { return h.w.step == s } }

// typeAddress types the store's address and presses Enter.
func (h *harness) typeAddress(addr string) {
	h.act("Enter")
	h.ui(func() {
		h.w.s.store.addressEntry.SetText("")
		test.Type(h.w.s.store.addressEntry, addr)
		h.w.s.store.addressEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
}

// wpCopy is a click on one of WooCommerce's Copy buttons; the wizard's watcher then reads the clipboard.
func (h *harness) wpCopy(text string) {
	h.act("WordPress: Copy")
	h.ui(func() {
		h.app.Clipboard().SetContent(text)
		h.w.pollClipboard()
	})
}

// toCapture walks from the address to an opened Add key page and returns the key WordPress generates.
func (h *harness) toCreate() {
	h.t.Helper()
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.see("Step 2 of 7", "Syncio API Key", "Read/Write", "WooCommerce > Settings > Advanced > REST API > Add key")
	h.tap("I'll do it in my browser")
	if len(h.opened) == 0 || !strings.HasSuffix(h.opened[len(h.opened)-1], "wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys&create-key=1") {
		h.t.Fatalf("opened %v", h.opened)
	}
}

func (h *harness) generate(perm string) wootest.Key {
	h.act("WordPress: choose Permissions")
	h.act("WordPress: Generate API key")
	return h.store.AddKey("Syncio API Key", wootest.Administrator, perm)
}

// toCapture walks to the capture step with a new key's consumer key picked up from the clipboard.
func (h *harness) toCapture(perm string) wootest.Key {
	h.t.Helper()
	h.toCreate()
	k := h.generate(perm)
	h.wpCopy(k.ConsumerKey)
	h.wait("capture", h.atStep(stepCapture))
	return k
}

func TestHappyPath(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{WooVersion: "8.9.1"}, mem)
	h.see("Step 1 of 7", "<Syncio>", "Your store's address")
	h.toCreate()
	if h.app.Clipboard().Content() != "Syncio API Key" {
		t.Fatal("the description is not on the clipboard for pasting")
	}
	k := h.generate("read_write")

	h.wpCopy(k.ConsumerKey)
	h.wait("the capture step", h.atStep(stepCapture))
	h.see("Step 3 of 7", "✓ "+redact.MaskKey(k.ConsumerKey), "picked up from the clipboard", "Waiting…")
	h.notSee(k.ConsumerKey)

	h.wpCopy(k.Secret)
	h.ui(func() {
		if strings.Contains(h.app.Clipboard().Content(), k.Secret) {
			t.Error("the captured secret stays on the clipboard, ready to be pasted anywhere")
		}
	})
	h.wait("the saved key", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.see("Step 5 of 7", "Saved in")
	if it, err := mem.Load(h.store.URL(), "syncio"); err != nil || it.Secret != k.Secret || it.Verified.IsZero() || it.Permission != "read_write" {
		t.Fatalf("vault item: %v %v", err, it)
	}

	h.tap("Continue to Syncio")
	h.see("Step 6 of 7", "Scroll to the bottom, to the API Key section")
	if h.opened[len(h.opened)-1] != "https://app.syncio.io/" {
		t.Fatalf("opened %v", h.opened)
	}
	h.see("Consumer key copied")
	if h.app.Clipboard().Content() != k.ConsumerKey {
		t.Fatal("the key is not on the clipboard for pasting into Syncio")
	}
	h.act("Syncio: paste")
	h.tap("Copy consumer secret")
	h.see("clears the clipboard in 60 seconds")
	h.act("Syncio: Update")
	for _, fire := range h.timers {
		fire()
	}
	if h.app.Clipboard().Content() != "" {
		t.Fatal("the clipboard still holds the secret after 60 seconds")
	}
	h.see("The clipboard was cleared")
	h.tap("I've clicked Update in Syncio")
	h.see("Step 7 of 7", "is connected to Syncio", redact.MaskKey(k.ConsumerKey), "Read/Write", "Kept in", "If Syncio still complains")
	h.notSee(k.Secret, k.ConsumerKey)
	h.wait("the unfinished mark cleared after Done", func() bool {
		it, err := h.vault.Load(h.store.URL(), "syncio")
		return err == nil && !it.Unfinished
	})
	looks := 0
	for _, r := range h.store.Requests() {
		if r.Path == "/wp-json/" {
			looks++
		}
	}
	if looks != 1 {
		t.Fatalf("the store's API index was read %d times: discovery should run once on the happy path", looks)
	}
	for _, r := range h.store.Requests() {
		if r.Method == "POST" && r.Path != "/wp-json/wc/v3/products/batch" {
			t.Fatalf("the check changed something: %+v", r)
		}
	}
	counted := 0
	for _, a := range h.actions {
		if a != "Syncio: paste" {
			counted++
		}
	}
	fmt.Printf("happy path: %d merchant actions (clicks, submitting key presses, copies; pastes not counted): %s\n", counted, strings.Join(h.actions, ", "))
}

func TestPlainPermalinksBlockThenFixed(t *testing.T) {
	h := newHarness(t, wootest.Config{PlainPermalinks: true}, vault.NewMemory())
	h.typeAddress(h.store.URL())
	h.wait("discovery", h.atStep(stepStore))
	h.wait("the blocker", func() bool { return h.w.at.Store.Discovery != nil })
	h.see("✗ Your store's permalink setting blocks API keys.", "Settings > Permalinks", "Post name", "[Open Permalink settings]", "[Check again]")
	h.tap("Open Permalink settings")
	if !strings.HasSuffix(h.opened[0], "wp-admin/options-permalink.php") {
		t.Fatalf("opened %v", h.opened)
	}
	var code string
	h.ui(func() { code = h.w.supportCode() })
	if s, _ := report.DecodeSupportCode(code); s.Diagnosis != diagnosis.Lookup(woo.PlainPermalinks).Number || s.Step != 1 {
		t.Fatalf("support code %s decodes to %+v", code, s)
	}
	h.store.Configure(func(c *wootest.Config) { c.PlainPermalinks = false })
	h.tap("Check again")
	h.wait("the create step", h.atStep(stepCreate))
}

func TestWrongSecretThenRight(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toWrongSecret()
	h.see("Step 4 of 7", "✗ The key is right but the secret doesn't match it.", "[Open Add key page]", "[Check again]", "[Enter a different key]")
	h.tap("Enter a different key")
	h.see("Step 3 of 7", redact.MaskKey(k.ConsumerKey))
	h.ui(func() { h.w.s.capture.secretEntry.SetText(k.Secret) }) // a paste
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
	h.see("Saved in")
}

func TestReadOnlyKeyThenFixedInPlace(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCreate()
	k := h.generate("read")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret) // the QR code's text, copied at once
	h.wait("the check result", func() bool { return h.w.step == stepCheck && h.w.verdict() != nil && !h.w.busy() })
	h.see("This key can only read", "Set Permissions to Read/Write and click Save changes. The key and secret stay the same.", "[Open the keys list]")
	h.notSee("[Enter a different key]")
	h.tap("Open the keys list")
	if !strings.HasSuffix(h.opened[len(h.opened)-1], "section=keys") {
		t.Fatalf("opened %v", h.opened)
	}
	h.store.SetPermissions(k.ConsumerKey, "read_write")
	h.tap("Check again")
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
}

// The support code carries the diagnosis, not a warning shown beside it (a plain-HTTP store warns).
func TestSupportCodeCarriesTheDiagnosis(t *testing.T) {
	s := wootest.Start(wootest.Config{})
	t.Cleanup(s.Close)
	h := newHarnessOn(t, test.NewTempApp(t), s, vault.NewMemory())
	h.typeAddress(s.URL())
	h.wait("discovery", func() bool { return h.w.at.Store.Discovery != nil && !h.w.busy() })
	h.ui(func() {
		if st, _ := report.DecodeSupportCode(h.w.supportCode()); st.Diagnosis != diagnosis.Lookup(woo.PlainHTTP).Number {
			t.Errorf("step 1 with only a warning: %+v", st)
		}
	})
	h.tap("Continue")
	h.tap("I'll do it in my browser")
	k := h.generate("read")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the check result", func() bool { return h.w.step == stepCheck && h.w.verdict() != nil && !h.w.busy() })
	h.see("This key can only read", "⚠ Your store doesn't use HTTPS.")
	h.ui(func() {
		if st, _ := report.DecodeSupportCode(h.w.supportCode()); st.Diagnosis != diagnosis.Lookup(woo.KeyReadOnly).Number || st.Step != 4 {
			t.Errorf("support code %s decodes to %+v", h.w.supportCode(), st)
		}
	})
}

func TestCancelDuringHungRequest(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCreate()
	k := h.generate("read_write")
	h.store.Configure(func(c *wootest.Config) { c.Hang = true })
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the check to start", func() bool { return h.w.step == stepCheck && h.w.busy() })
	h.see("Checking the key with your store…", "[Cancel]")
	h.ui(func() {
		if !h.w.f.primary.Disabled() {
			t.Fatal("the main button works while checking")
		}
	})
	h.tap("Cancel")
	h.ui(func() { // the store still hangs, so an idle wizard means Cancel did not wait for the request
		if h.w.busy() {
			t.Fatal("Cancel did not stop the check at once")
		}
	})
	h.see("Cancelled. Nothing was lost", "[Check again]")
	h.store.Configure(func(c *wootest.Config) { c.Hang = false })
	h.tap("Check again")
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
}

// atSaveWithoutKeyring walks a tested key to the save step on a computer whose keyring doesn't answer.
func atSaveWithoutKeyring(t *testing.T) (*harness, *vault.Memory) {
	kr := vault.NewMemory()
	kr.Unavailable = true
	h := newHarness(t, wootest.Config{}, kr)
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the save step", func() bool { return h.w.step == stepSave && h.w.at.SaveErr != nil && !h.w.busy() })
	return h, kr
}

func TestNoKeyringAvailable(t *testing.T) {
	h, _ := atSaveWithoutKeyring(t)
	h.see("⚠ This computer has no keyring Key Relay can use", "Click Continue without saving", "[Try again]", "[Continue without saving]")
	h.ui(func() {
		if st, _ := report.DecodeSupportCode(h.w.supportCode()); st.Diagnosis != diagnosis.Lookup(vault.KeyringUnavailable).Number || st.Step != 5 {
			t.Errorf("support code %s decodes to %+v", h.w.supportCode(), st)
		}
		if r := h.w.supportReport(); !strings.Contains(r, "Keyring: This computer has no keyring") || !strings.Contains(r, "KR50") {
			t.Errorf("support report:\n%s", r)
		}
	})
	h.tap("Continue without saving")
	h.tap("Copy consumer key")
	h.tap("I've clicked Update in Syncio")
	h.see("is connected to Syncio", "Not saved: This computer has no keyring")
}

// A keyring that comes back (unlocked, installed) is used by Try again, and the support code moves on.
func TestKeyringTryAgain(t *testing.T) {
	h, kr := atSaveWithoutKeyring(t)
	kr.SetUnavailable(false)
	h.tap("Try again")
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.see("✓ Saved in", "[Continue to Syncio]")
	h.ui(func() {
		if st, _ := report.DecodeSupportCode(h.w.supportCode()); st.Diagnosis != 0 {
			t.Errorf("support code %s still carries diagnosis %d", h.w.supportCode(), st.Diagnosis)
		}
		if it, err := h.vault.Load(h.store.URL(), "syncio"); err != nil || !it.Unfinished {
			t.Error("a restart before Done would not offer the kept key")
		}
	})
}

// The app "restarts" right after capture: the next start offers to continue with the saved key.
func TestRestartRightAfterCapture(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{}, mem)
	h.toCreate()
	k := h.generate("read_write")
	h.store.Configure(func(c *wootest.Config) { c.Hang = true }) // the check never ends: the app is closed
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the key kept, marked unfinished", func() bool { return mem.Len() == 1 })
	h.ui(h.w.win.Close) // as the window manager would: on the UI goroutine
	h.store.Configure(func(c *wootest.Config) { c.Hang = false })

	h2 := newHarnessOn(t, test.NewTempApp(t), h.store, mem) // a new start: nothing but the keyring kept
	h2.wait("the offer to continue", func() bool { return h2.button("Yes") != nil })
	h2.see("Continue where you left off?", redact.MaskKey(k.ConsumerKey))
	h2.tap("Yes")
	h2.wait("the saved key", func() bool { return h2.w.step == stepSave && h2.w.at.Saved && !h2.w.busy() })
	if len(h.store.Keys()) != 1 {
		t.Fatal("a second key was made")
	}
}

// slowFirstSave is a keyring whose first Save (the one made at capture) waits until released.
type slowFirstSave struct {
	*vault.Memory
	calls   atomic.Int32
	release chan struct{}
}

func (v *slowFirstSave) Save(it vault.Item) error {
	if v.calls.Add(1) == 1 {
		<-v.release
	}
	return v.Memory.Save(it)
}

// The item saved at capture is unverified; when that save is slow it must not overwrite the tested item.
func TestTestedItemIsNotOverwrittenBySlowCaptureSave(t *testing.T) {
	v := &slowFirstSave{Memory: vault.NewMemory(), release: make(chan struct{})}
	h := newHarness(t, wootest.Config{}, v)
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the check to pass", h.atStepEvenBusy(stepSave))
	time.Sleep(50 * time.Millisecond) // room for the tested item's save to run first, were it allowed to
	close(v.release)
	h.wait("both saves", func() bool {
		return h.w.at.Saved && !h.w.busy() && v.Len() == 1
	})
	var store string
	h.ui(func() { store = h.w.at.Store.Discovery.Home.String() })
	it, err := v.Load(store, "syncio")
	if err != nil {
		t.Fatal(err)
	}
	if it.Permission != "read_write" || it.Verified.IsZero() {
		t.Fatalf("kept item is the unverified one: permission %q, verified %v", it.Permission, it.Verified)
	}
}

// Without a browser the page's address goes on the clipboard, and the screen and support code say so.
func TestNoBrowser(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.noBrowser = true
	h.tap("I'll do it in my browser")
	h.see("⚠ Key Relay couldn't open your web browser. The page's address is on the clipboard", "[I have the key and secret]")
	h.ui(func() {
		if got := h.app.Clipboard().Content(); !strings.HasSuffix(got, "section=keys&create-key=1") {
			t.Errorf("clipboard holds %q", got)
		}
		if st, _ := report.DecodeSupportCode(h.w.supportCode()); st.Diagnosis != diagnosis.Lookup(browser.NotOpened).Number {
			t.Errorf("support code %s decodes to %+v", h.w.supportCode(), st)
		}
	})
	// The walk goes on: the merchant opened the page by hand and copies the key there.
	h.noBrowser = false
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the saved key", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
}

// A merchant coming back finds the store they connected in the address field's dropdown, and how its last
// check ended; the support report says so too.
func TestReturningMerchant(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.ui(func() {
		if h.w.s.store.addressEntry.ActionItem.Visible() {
			t.Error("a dropdown with no stores to offer")
		}
	})
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.ui(h.w.win.Close)

	h2 := newHarnessOn(t, h.app, h.store, h.vault)
	h2.see("Your connections") // connections saved here come first
	h2.tap("New connection")
	h2.see("{"+h.store.URL()+"}", "Last time Key Relay checked this store, the key worked.")
	h2.ui(func() {
		if !slices.Contains(h2.w.knownStores(), h.store.URL()) || !h2.w.s.store.addressEntry.ActionItem.Visible() {
			t.Errorf("the dropdown offers %v", h2.w.knownStores())
		}
		if r := h2.w.supportReport(); !strings.Contains(r, "Last result on this computer: fit (for "+h.store.URL()+")") ||
			!strings.Contains(r, "Keys saved on this computer for: "+h.store.URL()) {
			t.Errorf("support report:\n%s", r)
		}
	})
	// Typing another address: nothing is claimed about it, and the line comes back for the known one.
	h2.ui(func() { h2.w.s.store.addressEntry.SetText("other.example") })
	h2.notSee("Last time")
	h2.ui(func() { h2.w.s.store.addressEntry.SetText(h.store.URL()) })
	h2.see("Last time Key Relay checked this store, the key worked.")
}

func TestBackAndForthKeepsEntries(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCreate()
	h.tap("Back")
	h.see("Step 1 of 7", "{"+h.store.URL()+"}")
	h.tap("Continue")
	h.see("Step 2 of 7")
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey)
	h.wait("capture", h.atStep(stepCapture))
	h.tap("Back")
	h.tap("I have the key and secret")
	h.see("Step 3 of 7", redact.MaskKey(k.ConsumerKey))
	h.ui(func() { h.w.s.capture.secretEntry.SetText(k.Secret) })
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
	h.tap("Back")
	h.see("Step 4 of 7", "✓ The key works for Syncio", "[Save the key]") // shown again, not rerun
	h.tap("Back")
	h.see("Step 3 of 7", redact.MaskKey(k.ConsumerKey), redact.MaskSecret(k.Secret))
	// Esc goes back as well.
	h.ui(func() { h.w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	h.see("Step 2 of 7")
}

func TestBadPastesAreRefusedAndNothingIsLost(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toCapture("read_write")
	h.ui(func() { h.w.s.capture.keyEntry.SetText(k.ConsumerKey[:30]) })
	h.see("too short", "✓ "+redact.MaskKey(k.ConsumerKey)) // the earlier key stays
	h.ui(func() { h.w.s.capture.keyEntry.SetText("Consumer key ending in …" + k.Truncated()) })
	h.see("only the end of a key")
	h.ui(func() { h.w.s.capture.keyEntry.SetText(strings.ToUpper(k.Secret)) })
	h.see("capital letters")
	h.ui(func() { h.w.s.capture.secretEntry.SetText(k.ConsumerKey) }) // the key pasted where the secret belongs
	h.see("That was the consumer key")
	h.ui(func() { h.w.s.capture.keyEntry.SetText(k.Secret) }) // the secret pasted into the key field: it goes where it belongs
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
}

func TestRevealOnlyWhileHeld(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toCapture("read_write")
	h.tap("Hold to reveal") // a click alone reveals nothing
	h.notSee(k.ConsumerKey)
	hold := func() (b *holdButton) {
		h.ui(func() {
			for _, o := range h.objects() {
				if hb, ok := o.(*holdButton); ok {
					b = hb
				}
			}
		})
		return b
	}
	b := hold()
	h.ui(func() { b.MouseDown(&desktop.MouseEvent{}) })
	h.see(k.ConsumerKey)
	b = hold() // the screen was rebuilt; release the new button
	h.ui(func() { b.MouseUp(&desktop.MouseEvent{}) })
	h.notSee(k.ConsumerKey)
	// Typing into a paste field shows nothing either: it has no eye button of its own to click.
	h.ui(func() {
		for _, e := range []*widget.Entry{h.w.s.capture.keyEntry, h.w.s.capture.secretEntry} {
			if _, tappable := e.ActionItem.(fyne.Tappable); tappable || !e.Password {
				t.Fatal("a paste field can be revealed by a click")
			}
		}
	})
}

func TestAddressMistakes(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.typeAddress("owner@mystore.com")
	h.see("That looks like an e-mail address", "Step 1 of 7")
	h.typeAddress("ftp://mystore.com")
	h.see("is not a web address")
}

func TestOldWooCommerceMenu(t *testing.T) {
	h := newHarness(t, wootest.Config{WooVersion: "3.3.5"}, vault.NewMemory())
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.see("WooCommerce > Settings > API > Keys/Apps > Add key")
	h.tap("I'll do it in my browser")
	if !strings.Contains(h.opened[0], "tab=api&section=keys&create-key=1") {
		t.Fatalf("opened %v", h.opened)
	}
}

func TestKeyboardOnly(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	if h.ui(func() {}); h.w.win.Canvas().Focused() != h.w.s.store.addressEntry {
		t.Fatal("the address field is not focused at start")
	}
	h.typeAddress(h.store.URL()) // Enter in the field
	h.wait("the create step", h.atStep(stepCreate))
	h.ui(func() { h.w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }) // Enter: "Do it for me"
	h.wait("no browser for it", func() bool { return h.w.assist.issue != nil && !h.w.busy() })
	h.ui(func() { h.w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }) // Enter: by hand, then
	if len(h.opened) != 1 {
		t.Fatal("Enter did not open the Add key page")
	}
	h.ui(func() { h.w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	h.see("Step 1 of 7")
}

// After a full walk, the secret and the full key are in no preference, file, log or support report.
func TestNoSecretReachesDisk(t *testing.T) {
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))

	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(k.Secret)
	h.wait("the saved key", func() bool { return h.w.step == stepSave && !h.w.busy() })
	h.tap("Continue to Syncio")
	h.tap("Copy consumer secret")
	h.tap("I've clicked Update in Syncio")

	secrets := []string{k.Secret, k.Secret[3:], k.ConsumerKey, k.ConsumerKey[3:]}
	leak := func(where, text string) {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Fatalf("%s holds the secret or the full key", where)
			}
		}
	}
	if p, ok := h.app.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		p.ReadValues(func(m map[string]any) { leak("preferences", fmt.Sprint(m)) })
	} else {
		t.Fatal("cannot read the preferences back")
	}
	for _, key := range allPrefs {
		leak("preference "+key, h.app.Preferences().String(key)+fmt.Sprint(h.app.Preferences().StringList(key)))
	}
	files := 0
	for _, root := range []string{home, os.TempDir()} {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil && info.Size() < 4<<20 && info.Mode().IsRegular() {
				b, _ := os.ReadFile(p)
				files++
				leak(p, string(b))
			}
			return nil
		})
	}
	leak("log output", logs.String())
	leak("support report", h.w.supportReport())
	h.tap("Copy details for support")
	leak("support report on the clipboard", h.app.Clipboard().Content())
	h.see("No secret is in them")
	t.Logf("searched %d files, the preferences, the log and the support report", files)
}

// Space held on the focused Reveal button reveals, and letting go hides again, though the screen is
// rebuilt in between: key events go to whatever has the focus then, as the desktop driver sends them.
func TestRevealWithSpaceBar(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toCapture("read_write")
	key := func(down bool) {
		h.ui(func() {
			f, ok := h.w.win.Canvas().Focused().(desktop.Keyable)
			if !ok {
				t.Fatalf("focus is on %T, not the Reveal button", h.w.win.Canvas().Focused())
			}
			if ev := (&fyne.KeyEvent{Name: fyne.KeySpace}); down {
				f.KeyDown(ev)
			} else {
				f.KeyUp(ev)
			}
		})
	}
	h.ui(func() {
		for _, o := range h.objects() {
			if hb, ok := o.(*holdButton); ok {
				h.w.win.Canvas().Focus(hb)
			}
		}
	})
	key(true)
	h.see(k.ConsumerKey)
	key(false)
	h.notSee(k.ConsumerKey)
}
