package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/demo"
	"github.com/keyrelay/keyrelay/client/reach"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// The demo end to end: Generate on the sandbox Add key page over HTTP, as the browser would → key and
// secret captured from the clipboard → check passes → relay → submit to the sandbox Syncio form → the
// sandbox reports it received that same key, verified.
func TestDemoEndToEnd(t *testing.T) {
	d, err := demo.Start()
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessDeps(t, test.NewTempApp(t), d.Store, DemoDeps(d, assist.Options{}))
	h.see(demo.Banner, "Step 1 of 7")
	h.typeAddress(d.Store.URL())
	h.wait("discovery", func() bool { return h.w.at.Store.Discovery != nil && !h.w.busy() })
	h.see(demo.Banner, "✓ WooCommerce 8.9.1", "⚠ Your store doesn't use HTTPS.") // the sandbox is plain HTTP on loopback
	h.tap("Continue")
	h.tap("I'll do it in my browser")
	if got := h.opened[len(h.opened)-1]; got != d.Store.URL()+"wp-admin/"+string(wpadmin.AddKey) {
		t.Fatalf("opened %s", got)
	}

	creds, err := d.Generate(context.Background(), h.app.Clipboard().Content(), access.PermReadWrite) // the description, pasted
	if err != nil {
		t.Fatal(err)
	}
	h.wpCopy(creds.Key)
	h.wpCopy(creds.Secret)
	h.wait("the saved key", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.see(demo.Banner, "Saved in this demo's memory (not your real keyring).")
	if d.Vault.Len() != 1 {
		t.Fatal("the demo key is not in the demo's memory vault")
	}

	h.tap("Continue to Syncio")
	if h.opened[len(h.opened)-1] != d.Service.URL() {
		t.Fatalf("opened %v", h.opened)
	}
	key := h.app.Clipboard().Content() // pasted into the sandbox's Consumer Key field
	h.tap("Copy consumer secret")
	secret := h.app.Clipboard().Content()
	page, err := d.Submit(context.Background(), woo.Credentials{Key: key, Secret: secret})
	if err != nil || !strings.Contains(page, "API key updated") {
		t.Fatalf("sandbox Syncio: %v\n%s", err, page)
	}
	got := d.Service.Received()
	if len(got) != 1 || got[0].Credentials != creds || !got[0].Verified {
		t.Fatalf("the sandbox Syncio received %+v", got)
	}
	h.tap("I've clicked Update in Syncio")
	h.see(demo.Banner, "Step 7 of 7", "is connected to Syncio")

	storeURL := d.Store.URL()
	h.ui(func() { h.w.win.Close() })
	if disc, _ := woo.NewClient(woo.Options{}).Discover(context.Background(), mustAddress(t, storeURL)); disc.Blocker == nil || disc.Blocker.Code != reach.ConnectionRefused {
		t.Fatal("closing the demo window did not stop the sandbox store")
	}
	for _, k := range allPrefs { // the sandbox's addresses change every run: nothing of it may linger
		if v := h.app.Preferences().String(k); v != "" || len(h.app.Preferences().StringList(k)) > 0 {
			t.Fatalf("the demo wrote the merchant's preferences: %s = %q", k, v)
		}
	}
}

func mustAddress(t *testing.T, s string) woo.Address {
	a, err := woo.ParseAddress(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAboutShowsVersionAndCommit(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	if a := h.w.About(); !strings.Contains(a, "Key Relay 0.") || !strings.Contains(a, "commit ") {
		t.Fatal(a)
	}
	if h.w.win.MainMenu() == nil {
		t.Fatal("no main menu with About")
	}
}

// "Try the demo" on the first screen opens the demo in a new window and closes the current one: WooCommerce
// → Syncio, or Syncore → another app.
func TestTryTheDemoButton(t *testing.T) {
	for _, c := range []struct{ button, banner, shows string }{
		{"Try the demo", demo.Banner, "Your store's address"},
		{"Syncore demo", demo.SyncoreBanner, "Which app gets the key?"},
	} {
		t.Run(c.button, func(t *testing.T) { tryDemo(t, c.button, c.banner, c.shows) })
	}
}

func tryDemo(t *testing.T, button, banner, shows string) {
	a := test.NewTempApp(t)
	var w *Wizard
	w = New(a, Deps{
		Client:   woo.NewClient(woo.Options{}),
		Vault:    vault.NewMemory(),
		Services: service.Builtin(),
		Extra:    DemoButton(a, assist.Options{}, func() fyne.Window { return w.Window() }),
	})
	w.Window().Show()
	var try *widget.Button
	for _, o := range test.LaidOutObjects(w.Window().Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == button {
			try = b
		}
	}
	if try == nil {
		t.Fatal("no Try the demo button on the first screen")
	}
	test.Tap(try)
	var demoWin fyne.Window
	seen := false
	for _, win := range a.Driver().AllWindows() {
		if win == w.Window() {
			t.Fatal("the first window is still open")
		}
		for _, o := range test.LaidOutObjects(win.Content()) {
			if l, ok := o.(*widget.Label); ok && l.Text == banner {
				demoWin = win
			}
			if l, ok := o.(*widget.Label); ok && l.Text == shows {
				seen = true
			}
		}
	}
	if demoWin == nil || !seen {
		t.Fatalf("no window with the demo banner and %q", shows)
	}
	demoWin.Close() // stops the sandboxes
}
