package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/syncore/syncoretest"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// syncoreHarness is the wizard with the sandbox Syncore (its API over real loopback HTTPS).
type syncoreHarness struct {
	*harness
	sb  *syncoretest.Syncore
	src syncore.Source
}

func newSyncoreHarness(t *testing.T, cfg syncoretest.Config, v vault.Store, prefs func(Preferences)) *syncoreHarness {
	t.Helper()
	sb := syncoretest.Start(cfg)
	t.Cleanup(sb.Close)
	src := sb.Source()
	src.Partners = append(src.Partners, syncore.Partner{ID: "promo-sync", Number: 3, Name: "PromoSync", UpdateSteps: []string{"In PromoSync, open Settings > Syncore and paste the key."}})
	store := wootest.Start(wootest.Config{})
	t.Cleanup(store.Close)
	a := test.NewTempApp(t)
	if prefs != nil {
		prefs(a.Preferences())
	}
	h := newHarnessDeps(t, a, store, Deps{Client: woo.NewClient(woo.Options{}), Vault: v, Services: service.Builtin(),
		Sources: []walk.Source{connect.Syncore{Source: src, Client: syncore.NewClient(5*time.Second, wootest.CAPool())}}})
	return &syncoreHarness{harness: h, sb: sb, src: src}
}

// chooseSyncore picks Syncore in "What are you connecting from?".
func (h *syncoreHarness) chooseSyncore() {
	h.t.Helper()
	h.act("choose Syncore")
	h.ui(func() {
		for _, o := range h.objects() {
			if s, ok := o.(*widget.Select); ok && len(s.Options) == 2 && strings.HasPrefix(s.Options[1], "Syncore") {
				s.SetSelected(s.Options[1])
				return
			}
		}
		h.t.Fatal("no source choice on screen")
	})
}

// copyFromSyncore is a click on a copy icon in Syncore; the wizard's watcher reads the clipboard.
func (h *syncoreHarness) copyFromSyncore(v string) {
	h.act("Syncore: copy")
	h.ui(func() {
		h.app.Clipboard().SetContent(v)
		h.w.pollClipboard()
	})
}

func TestSyncoreHappyPath(t *testing.T) {
	mem := vault.NewMemory()
	h := newSyncoreHarness(t, syncoretest.Config{}, mem, nil)
	h.chooseSyncore()
	h.see("Which app gets the key?", "<Another app>", "Only Syncore admin users")
	h.tap("Continue")
	h.see("Step 2 of 7", "Syncore Settings", "+ Generate API Key", "Reveal API Keys")
	h.tap("Open Syncore Settings > API")
	if len(h.opened) != 1 || h.opened[0] != h.src.SettingsURL {
		t.Fatalf("opened %v", h.opened)
	}
	primary, secondary := h.sb.Generate()
	h.copyFromSyncore(primary)
	h.wait("the check", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	if h.app.Clipboard().Content() == primary {
		t.Fatal("the key stays on the clipboard after it was picked up")
	}
	h.see("Step 5 of 7", "Saved in")
	h.tap("Continue to Another app")
	h.see("Step 6 of 7", "In Another app:", "[Copy the Primary key]")
	h.notSee("[Copy the Secondary key]")
	h.tap("Copy the Primary key")
	h.act("Another app: paste and save")
	h.tap("I've given the key to Another app")
	h.see("Step 7 of 7", "went to Another app", syncore.Mask(primary))
	h.notSee(primary)
	it, err := mem.Load(h.src.Host(), "another-app")
	if err != nil || it.Source != syncore.ID || it.Key != primary || it.Verified.IsZero() || it.LastResult != "fit" {
		t.Fatalf("kept: %v %+v", err, it.Source)
	}
	for _, k := range h.sb.Seen() {
		if k != primary {
			t.Fatal("Syncore's API received something other than the key")
		}
	}
	if strings.Contains(h.w.supportReport(), primary) || strings.Contains(h.w.supportReport(), secondary) {
		t.Fatal("the support report holds the key")
	}
}

// A WooCommerce key copied by mistake is refused with the reason; the right key then works, and nothing
// typed is lost.
func TestSyncoreWrongValuePasted(t *testing.T) {
	h := newSyncoreHarness(t, syncoretest.Config{}, vault.NewMemory(), nil)
	h.chooseSyncore()
	h.tap("Continue")
	h.copyFromSyncore("ck_" + strings.Repeat("4", 40))
	h.see(diagnosis.Lookup(syncore.KeyFormat).Title, "a WooCommerce key or secret (it starts with ck_), not a Syncore API key", "Support code KR-")
	if h.w.step != stepCreate || h.w.at.Values[0] != "" {
		t.Fatal("a WooCommerce key was taken")
	}
	h.tap("I have the key")
	h.see("Step 3 of 7", "Primary key", "WooCommerce key")
	primary, _ := h.sb.Generate()
	h.ui(func() {
		for _, o := range h.objects() {
			if e, ok := o.(*widget.Entry); ok && e.Password && e.PlaceHolder == "Paste the primary key here" {
				test.Type(e, "Primary: "+primary)
				e.OnSubmitted(e.Text)
				return
			}
		}
		t.Fatal("no Primary key field")
	})
	h.see("spaces or line breaks inside")
	h.ui(func() { h.w.offerValue(primary, 0, false) })
	h.wait("the passed check", func() bool { return h.w.step == stepSave && !h.w.busy() })
}

// Regenerating with two saved partners: both are listed before the merchant regenerates; Syncore still
// taking the old key is said; then the old key is proven refused and the new one working, and each
// partner is walked through.
func TestSyncoreRegenerateWithTwoPartners(t *testing.T) {
	mem := vault.NewMemory()
	h := newSyncoreHarness(t, syncoretest.Config{OldKeysWork: true}, mem, nil)
	oldP, oldS := h.sb.Generate()
	for _, partner := range []string{"another-app", "promo-sync"} {
		if err := mem.Save(vault.Item{Source: syncore.ID, Store: h.src.Host(), Service: partner, Key: oldP, Secret: oldS, Created: time.Now().Add(-400 * 24 * time.Hour), LastResult: "fit"}); err != nil {
			t.Fatal(err)
		}
	}
	h.ui(func() { h.w.step = -2; h.w.loadConnections() })
	h.wait("the list", func() bool { return len(h.w.s.conns.items) == 2 && !h.w.busy() })
	h.see(sourceTo(h.w.sourceFor(syncore.ID), "Another app"), sourceTo(h.w.sourceFor(syncore.ID), "PromoSync"), syncore.Mask(oldP))
	h.tap("Check all")
	h.wait("the checks", func() bool { return !h.w.busy() })
	h.see("✓ Syncore accepts the key")
	h.ui(func() {
		for _, o := range h.objects() {
			if b, ok := o.(*widget.Button); ok && b.Text == "Regenerate keys safely" {
				test.Tap(b)
				return
			}
		}
	})
	h.see("Step 2 of 7", "These stop working the moment you click Regenerate", "• Another app", "• PromoSync", "Regenerate API Keys", "I agree")
	h.copyFromSyncore(oldP)
	h.see("this is the key in use now")
	newP, _ := h.sb.Regenerate() // the merchant ticks I agree and clicks Regenerate… but Syncore still takes the old key
	h.copyFromSyncore(newP)
	h.wait("the check", func() bool { return h.w.step == stepCheck && !h.w.busy() && h.w.at.Checked != nil })
	h.see(diagnosis.Lookup(syncore.OldKeyWorks).Title)
	h.sb.SetConfig(syncoretest.Config{}) // now only the new keys work
	h.tap("Check again")
	h.wait("the saved keys", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.see("✓ Saved in")
	h.tap("Continue to each app")
	h.see("Give the new key to every app", "In Another app:", "In PromoSync:")
	if !h.button("Every app has the new key").Disabled() {
		t.Fatal("the walk can end before every app has the new key")
	}
	h.tap("Copy the Primary key")
	h.tap("Another app has the new key")
	h.tap("PromoSync has the new key")
	h.tap("Every app has the new key")
	h.see("regenerated safely", "The old key "+syncore.Mask(oldP)+" is refused", "works and went to: ", "Another app", "PromoSync")
	for _, partner := range []string{"another-app", "promo-sync"} {
		it, err := mem.Load(h.src.Host(), partner)
		if err != nil || it.Key != newP || it.Secret != "" || it.LastResult != "fit" {
			t.Fatalf("%s kept: %v, new key %v", partner, err, it.Key == newP)
		}
	}
}

// Syncore answers 404 on the check's route: said as Key Relay's address being out of date, never as the
// key's fault, and the walk may go on.
func TestSyncoreCheckAddressOutOfDate(t *testing.T) {
	h := newSyncoreHarness(t, syncoretest.Config{RouteMissing: true}, vault.NewMemory(), nil)
	h.chooseSyncore()
	h.tap("Continue")
	primary, _ := h.sb.Generate()
	h.copyFromSyncore(primary)
	h.wait("the check", func() bool { return h.w.step == stepCheck && !h.w.busy() && h.w.at.Checked != nil })
	h.see("check address for Syncore may be out of date", "That says nothing about your key", "HTTP 404")
	h.notSee("Syncore refused this API key", "[Enter a different key]")
	h.tap("Continue without a test")
	h.wait("saved", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
}

// A saved Syncore key that Syncore refuses now: Check all says so, and Fix walks that app's key again.
func TestSyncoreFixFromTheList(t *testing.T) {
	mem := vault.NewMemory()
	h := newSyncoreHarness(t, syncoretest.Config{}, mem, nil)
	h.sb.Generate()
	stale := "sk" + strings.Repeat("0a", 24) // regenerated away elsewhere
	if err := mem.Save(vault.Item{Source: syncore.ID, Store: h.src.Host(), Service: "promo-sync", Key: stale, Created: time.Now()}); err != nil {
		t.Fatal(err)
	}
	h.ui(func() { h.w.step = -2; h.w.loadConnections() })
	h.wait("the list", func() bool { return len(h.w.s.conns.items) == 1 && !h.w.busy() })
	h.tap("Check all")
	h.wait("the check", func() bool { return !h.w.busy() && h.w.s.conns.items[0].LastResult != "" })
	h.see("✗ "+diagnosis.Lookup(syncore.KeyRefused).Title, "[Fix]")
	h.tap("Fix")
	h.see("Step 1 of 7", "<PromoSync>")
	h.tap("Continue")
	primary, _ := h.sb.Keys()
	h.copyFromSyncore(primary)
	h.wait("saved", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	if it, err := mem.Load(h.src.Host(), "promo-sync"); err != nil || it.Key != primary {
		t.Fatal("the fixed key isn't kept for PromoSync")
	}
}
