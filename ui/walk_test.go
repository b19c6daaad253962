package ui

// The walk as a new user tries it: each test here failed before its fix.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/keyrelay/keyrelay/client/crashlog"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// 1. After "wrong secret", copying the right secret again with WooCommerce's Copy button replaces the
// refused one on step 4, is tested at once, and is cleared from the clipboard; on step 3 too.
func TestRecopiedSecretReplacesTheRefusedOne(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toWrongSecret()
	h.see("The key is right but the secret doesn't match it.")
	h.wpCopy(k.Secret) // on step 4
	h.wait("the right secret tested and saved", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.ui(func() {
		if h.w.at.Store.Creds.Secret != k.Secret || h.app.Clipboard().Content() != "" {
			t.Fatalf("secret %s, clipboard %q", redact.MaskSecret(h.w.at.Store.Creds.Secret), h.app.Clipboard().Content())
		}
	})

	// The same after Back to step 3, with the copy made while step 4 was showing.
	h2 := newHarness(t, wootest.Config{}, vault.NewMemory())
	h2.toCreate()
	k2 := h2.generate("read_write")
	wrong := h2.store.AddKey("other", wootest.Administrator, "read_write")
	h2.wpCopy(k2.ConsumerKey + "|" + wrong.Secret)
	h2.wait("the check result", func() bool { return h2.w.step == stepCheck && h2.w.verdict() != nil && !h2.w.busy() })
	h2.tap("Enter a different key")
	h2.see("Step 3 of 7")
	h2.wpCopy(k2.Secret)
	h2.wait("the right secret tested and saved", func() bool { return h2.w.step == stepSave && h2.w.at.Saved && !h2.w.busy() })
}

// 2. Typed into the wrong fields: both values are kept and put in their places as each is complete, with
// feedback while typing; nothing the merchant typed vanishes.
func TestTypedIntoTheWrongFields(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toCaptureEmpty()
	h.ui(func() { test.Type(h.w.s.capture.keyEntry, k.Secret[:10]) })
	h.see("This starts like the other value")
	h.ui(func() { test.Type(h.w.s.capture.secretEntry, k.ConsumerKey[:12]) }) // both half typed
	h.see("This starts like the other value")
	h.ui(func() { test.Type(h.w.s.capture.keyEntry, k.Secret[10:]) }) // the secret, complete, in the key field
	h.see("✓ "+redact.MaskSecret(k.Secret), "That was the consumer secret, so it went into its own field.")
	h.ui(func() {
		if h.w.s.capture.secretEntry.Text != k.ConsumerKey[:12] {
			t.Fatalf("the half-typed key was lost: %d characters left", len(h.w.s.capture.secretEntry.Text))
		}
		test.Type(h.w.s.capture.secretEntry, k.ConsumerKey[12:])
	})
	h.wait("both in place, tested and saved", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.ui(func() {
		if h.w.at.Store.Creds.Key != k.ConsumerKey || h.w.at.Store.Creds.Secret != k.Secret {
			t.Fatalf("creds %v", h.w.at.Store.Creds)
		}
	})
}

// toCaptureEmpty walks to step 3 with nothing captured yet (the merchant will type).
func (h *harness) toCaptureEmpty() wootest.Key {
	h.t.Helper()
	h.toCreate()
	k := h.generate("read_write")
	h.ui(func() { h.w.goTo(stepCapture) })
	h.see("Step 3 of 7")
	return k
}

// A window closed before it ever painted ends what waits for its first frame (the offer to resume, the
// saved connections' keyring reads): a frame that never comes would hold them forever.
func TestClosedBeforePaintingStopsWaiting(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	deps := storeDeps(vault.NewMemory())
	deps.Shown = make(chan struct{}) // never closed: this window never paints
	h := newHarnessDeps(t, test.NewTempApp(t), s, deps)
	h.mu.Lock()
	h.w.win.Close()
	h.mu.Unlock()
	if h.w.waitShown(context.Background()) {
		t.Fatal("the first frame counted as shown in a window that closed without painting")
	}
}

// 3. The key reaches the keyring marked unfinished in the same write, so whatever stops the app (a
// preference written beside it could reach the disk up to 0.2 s later), the next start offers it; once the
// walk is done it isn't offered again, nor after the merchant declines.
func TestUnfinishedKeyIsOfferedFromTheKeyring(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{}, mem)
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the key kept", func() bool { return mem.Len() == 1 })
	if it, _ := mem.Load(h.store.URL(), "syncio"); !it.Unfinished {
		t.Fatal("the key was kept without its unfinished mark")
	}
	h.ui(h.w.win.Close)
	h2 := newHarnessOn(t, test.NewTempApp(t), h.store, mem) // no preferences at all
	h2.wait("the offer to continue", func() bool { return h2.button("No") != nil })
	h2.tap("No")
	h2.wait("the mark cleared", func() bool { it, _ := mem.Load(h.store.URL(), "syncio"); return !it.Unfinished })
	h3 := newHarnessOn(t, test.NewTempApp(t), h.store, mem)
	h3.ui(func() {})
	time.Sleep(50 * time.Millisecond) // the keyring is read in the background; nothing must be offered
	if h3.button("Yes") != nil {
		t.Fatal("offered again after the merchant declined")
	}
}

// 8. The support code says the current state: a fixed problem leaves it, success says success, and it
// tells the service and the demo. 9. Done points at the code where it is.
func TestSupportCodeSaysTheCurrentState(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	decode := func() report.SupportState {
		var code string
		h.ui(func() { code = h.w.supportCode() })
		s, err := report.DecodeSupportCode(code)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	h.typeAddress("https://no-such-store.invalid")
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	if s := decode(); s.Diagnosis == 0 || s.Service != 1 || s.Demo {
		t.Fatalf("a failed lookup: %+v", s)
	}
	h.typeAddress("owner@mystore.com") // refused before any lookup: the old diagnosis is gone
	h.see("That looks like an e-mail address")
	if s := decode(); s.Diagnosis != 0 {
		t.Fatalf("an e-mail address refused, the code still says %d", s.Diagnosis)
	}
	h.noBrowser = true
	h.toCreateNoBrowser()
	h.noBrowser = false
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.tap("Continue to Syncio")
	h.tap("I've clicked Update in Syncio")
	h.see("Step 7 of 7")
	h.notSee("bottom of this window")
	h.see("top right of this window")
	if s := decode(); !s.Fit || s.Diagnosis != 0 || s.Step != 7 {
		t.Fatalf("Done after success: %+v", s)
	}
}

// toCreateNoBrowser reaches step 2 and clicks its button on a computer where no browser opens.
func (h *harness) toCreateNoBrowser() {
	h.t.Helper()
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.tap("I'll do it in my browser")
	h.see("Key Relay couldn't open your web browser.")
}

// 5. Every step opens at its top, however far the last one was scrolled.
func TestEveryStepOpensAtTheTop(t *testing.T) {
	h := newHarness(t, wootest.Config{JunkBeforeJSON: "\ufeff"}, vault.NewMemory()) // a warning keeps step 1 open
	h.ui(func() { h.w.win.Resize(fyne.NewSize(860, 420)) })
	h.typeAddress(h.store.URL())
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.ui(func() {
		h.w.f.scroll.Refresh()                                                     // lays the content out, as a frame would
		h.w.f.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -200)}) // the mouse wheel
		if h.w.f.scroll.Offset.Y == 0 {
			t.Fatalf("step 1 doesn't scroll: the test proves nothing (scroll %v, content %v, window %v)", h.w.f.scroll.Size(), h.w.f.scroll.Content.MinSize(), h.w.win.Canvas().Size())
		}
	})
	h.tap("Continue")
	h.see("Step 2 of 7")
	h.ui(func() {
		if h.w.f.scroll.Offset.Y != 0 {
			t.Fatalf("step 2 opened scrolled to %v", h.w.f.scroll.Offset.Y)
		}
	})
}

// 6. The test's result is on the screen the walk moves on to.
func TestTestResultShownOnTheWayForward(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.see("Step 5 of 7", "✓ The key works for Syncio", "It can read your products.", "It can write", "Nothing in your store was changed.", "as Syncio sends it")
}

// 7. Enter in the address field: after a good check, it continues, as the main button does.
func TestEnterContinuesAfterTheCheck(t *testing.T) {
	h := newHarness(t, wootest.Config{JunkBeforeJSON: "\ufeff"}, vault.NewMemory())
	h.typeAddress(h.store.URL())
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.see("Step 1 of 7", "[Continue]")
	checks := len(h.store.Requests())
	h.ui(func() { h.w.s.store.addressEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	h.wait("step 2", h.atStep(stepCreate))
	if len(h.store.Requests()) != checks {
		t.Fatal("Enter looked at the store again instead of continuing")
	}
}

// 13. Revealing the secret doesn't change the layout: the window's least width stays the same.
func TestRevealKeepsTheLayout(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toSaved()
	h.tap("Continue to Syncio")
	for _, step := range []step{stepSend, stepCapture} {
		h.ui(func() { h.w.goTo(step) })
		var hidden, shown fyne.Size
		h.ui(func() {
			hidden = h.w.win.Content().MinSize()
			h.w.f.revealed = true
			h.w.render()
			shown = h.w.win.Content().MinSize()
			h.w.f.revealed = false
			h.w.render()
		})
		if shown.Width != hidden.Width {
			t.Fatalf("step %d: revealing widens the window's least width from %v to %v", step+1, hidden.Width, shown.Width)
		}
	}
}

// 12. The screens say what actually happened: nothing is "copied for you" before it is, and no page
// "just opened" when the browser wouldn't start.
func TestScreensSayWhatHappened(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.notSee("has put it on the clipboard")
	h.see("click Copy below to put it on the clipboard")
	h.tap("I'll do it in my browser")
	h.see("Key Relay has put it on the clipboard")
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.noBrowser = true
	h.tap("Continue to Syncio")
	h.see("Key Relay couldn't open your web browser.", "Open https://app.syncio.io/ in your web browser and log in to Syncio")
	h.notSee("the page that just opened")
	h.noBrowser = false
	h.tap("Open Syncio")
	h.see("the page that just opened")
}

// 11. A scheme typed wrong is recognised, said once, and its fix offered; nothing is looked up.
func TestSchemeTypoSaidOnceWithTheFix(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	typo := strings.Replace(h.store.URL(), "https://", "htps:/", 1)
	h.typeAddress(typo)
	h.see("has a typing mistake", "[Use "+strings.TrimSuffix(h.store.URL(), "/")+"/]")
	if n := strings.Count(h.screen(), "typing mistake"); n != 1 {
		t.Fatalf("said %d times", n)
	}
	h.notSee("We can't find a website")
	h.tap("Use " + strings.TrimSuffix(h.store.URL(), "/") + "/")
	h.wait("the create step", h.atStep(stepCreate))
}

// 10. On step 1, a diagnosis's fix and its wp-admin button are in view at 1024×768 without scrolling.
func TestStoreFixInViewAt1024x768(t *testing.T) {
	h := newHarness(t, wootest.Config{PlainPermalinks: true}, vault.NewMemory())
	h.ui(func() { h.w.win.Resize(fyne.NewSize(1024, 768-60)) }) // less a title bar and a panel
	h.typeAddress(h.store.URL())
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.ui(func() {
		h.w.f.scroll.Refresh()
		b := h.button("Open Permalink settings")
		if b == nil {
			t.Fatal("no wp-admin button")
		}
		d := h.app.Driver()
		bottom := d.AbsolutePositionForObject(b).Y + b.Size().Height
		visible := d.AbsolutePositionForObject(h.w.f.scroll).Y + h.w.f.scroll.Size().Height
		if bottom > visible {
			t.Fatalf("the fix's button ends at %v, below the visible %v", bottom, visible)
		}
	})
}

// 15. Tab reaches "Hold to reveal", and the space bar held on it reveals.
func TestTabReachesHoldToReveal(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.toCapture("read_write")
	reached := false
	h.ui(func() {
		c := h.w.win.Canvas()
		for i := 0; i < 30 && !reached; i++ {
			c.FocusNext()
			_, reached = c.Focused().(*holdButton)
		}
	})
	if !reached {
		t.Fatal("Tab never reaches Hold to reveal")
	}
}

// 15. The focus highlight is the primary colour at full strength, not Fyne's faint half.
func TestFocusHighlightIsPlain(t *testing.T) {
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if _, _, _, a := newTheme().Color(theme.ColorNameFocus, v).RGBA(); a != 0xffff {
			t.Fatalf("focus colour alpha %x", a)
		}
	}
}

// jargon is what a shop owner shouldn't have to read outside "What we saw" (kept for support) and the
// WordPress menu names they click. The diagnosis table explains such words where it must use them.
var jargon = []string{"REST API", "wc/v3", "Secret Service", "D-Bus", "namespace", "endpoint", "characters after", "/org/freedesktop"}

// 14. The words a merchant reads on the way are shop words, in the diagnosis table's style.
func TestMerchantWordsAreShopWords(t *testing.T) {
	var words []string
	for _, cfg := range []wootest.Config{{TLS: true}, {}, {TLS: true, HideIndex: true}, {TLS: true, JunkBeforeJSON: "\ufeff"}} {
		s := wootest.Start(cfg)
		a, _ := woo.ParseAddress(s.URL())
		d, err := woo.NewClient(woo.Options{RootCAs: wootest.CAPool()}).Discover(context.Background(), a)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.Findings {
			words = append(words, f.Text)
		}
	}
	t2 := createKeyTexts
	words = append(append(words, t2.Steps...), t2.SecretOnce, t2.Copied, t2.NotCopied)
	for _, in := range []string{"ck_abc", "cs_" + strings.Repeat("a", 20), "CK_" + strings.Repeat("A", 40), "…3157696"} {
		_, problems := woo.Extract(in)
		for _, p := range problems {
			words = append(words, p.Message)
		}
	}
	words = append(words, vault.Keyring{}.Where(), vault.Issue(vault.ErrUnavailable).Detail, vault.Issue(vault.ErrLocked).Detail)
	for _, w := range words {
		for _, j := range jargon {
			if strings.Contains(w, j) {
				t.Errorf("%q says %q", w, j)
			}
		}
	}
}

// The same store typed one way and picked from the list another is one store: the last result is found
// either way, keyed by the store as discovered (it failed for the address picked from the list).
func TestTypedAndPickedStoreAreOne(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{}, mem)
	// The typed address forwards (http:// on another port → the store's https://), as apex → www does.
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://127.0.0.1:"+h.store.Port()+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	t.Cleanup(front.Close)
	h.typeAddress(front.URL)
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.see("⚠ Your store answers at https://127.0.0.1:"+h.store.Port()+"/", "Use the new address shown here in your sync service.")
	h.tap("Continue") // the move is a warning card: step 1 waits for the merchant to read it
	h.wait("the create step", h.atStep(stepCreate))
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.ui(h.w.win.Close)

	h2 := newHarnessOn(t, h.app, h.store, mem)
	h2.wait("the list", func() bool { return !h2.w.busy() })
	h2.see("Your connections", h.store.URL()+" (Syncio)")
	h2.tap("New connection")
	h2.ui(func() {
		if known := h2.w.knownStores(); len(known) != 1 || known[0] != h.store.URL() {
			t.Fatalf("the list offers %v", known)
		}
		h2.w.s.store.addressEntry.SetText(h.store.URL()) // picked from the list
	})
	h2.see("Last time Key Relay checked this store, the key worked.")
	h2.ui(func() { h2.w.s.store.addressEntry.SetText(front.URL) }) // typed as before
	h2.see("Last time Key Relay checked this store, the key worked.")
}

// The support report says when Key Relay crashed here before, and where the log is.
func TestSupportReportMentionsACrashLog(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	h.ui(func() {
		if strings.Contains(h.w.supportReport(), "crash") {
			t.Fatal("a crash mentioned before any")
		}
	})
	p, _ := crashlog.Path()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("panic: boom\n\ngoroutine 1 [running]:\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.ui(func() {
		if r := h.w.supportReport(); !strings.Contains(r, "crash log is "+p) {
			t.Fatalf("the report doesn't mention the crash log:\n%s", r)
		}
	})
}

// toSaved walks to a tested, saved key (WordPress's Copy buttons pick up both values) and returns it.
func (h *harness) toSaved() wootest.Key {
	h.t.Helper()
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the saved key", func() bool { return h.w.at.Saved && !h.w.busy() })
	return k
}

// toWrongSecret walks to the test of a key captured with another key's secret, and returns the key.
func (h *harness) toWrongSecret() wootest.Key {
	h.t.Helper()
	h.toCreate()
	k := h.generate("read_write")
	other := h.store.AddKey("other", wootest.Administrator, "read_write")
	h.wpCopy(k.ConsumerKey)
	h.wpCopy(other.Secret)
	h.wait("the check result", func() bool { return h.w.step == stepCheck && h.w.verdict() != nil && !h.w.busy() })
	return k
}
