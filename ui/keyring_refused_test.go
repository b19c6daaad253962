package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// The three keyring writes no step waits on (the answer to "Continue where you left off?", what Check all
// found, the walk marked finished on Done) are shown as the keyring's row when the keyring refuses them
// at that moment: no screen goes on saying the key is kept as it was meant to be.

// errLocked is what a keyring that locked itself since the last write answers.
var errLocked = fmt.Errorf("%w: %w: the collection is locked", vault.ErrUnavailable, vault.ErrLocked)

func refuseAll(vault.Item) error { return errLocked }

func TestKeyringRefusesTheAnswerToResume(t *testing.T) {
	mem := vault.NewMemory()
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	if err := mem.Save(vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: s.URL(), Service: "syncio", Unfinished: true}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, test.NewTempApp(t), s, mem)
	h.wait("the offer to continue", func() bool { return h.button("No") != nil })
	mem.RefuseSaves(refuseAll)
	h.tap("No")
	h.wait("the keyring's answer", func() bool { return h.w.f.keyring != nil })
	h.see("keyring is locked", "may offer to continue with that key again next time", "Step 1 of 7")
	if it, err := mem.Load(s.URL(), "syncio"); err != nil || !it.Unfinished {
		t.Fatalf("kept %v %v", it.Unfinished, err)
	}
	h.ui(func() {
		if h.w.currentIssue() == nil || h.w.currentIssue().Code != vault.KeyringLocked {
			t.Error("the support code doesn't carry the keyring's row")
		}
	})
}

func TestKeyringRefusesWhatCheckAllFound(t *testing.T) {
	h, _, _ := connectionsHarness(t)
	mem := h.vault.(*vault.Memory)
	mem.RefuseSaves(refuseAll)
	h.tap("Check all")
	h.wait("the checks", func() bool { return !h.w.busy() && h.w.f.keyring != nil })
	h.see("✓ Works for Syncio (checked just now)", "your keyring didn't keep it", "keyring is locked")
	items, err := mem.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.LastResult != "" {
			t.Fatalf("%s kept a result the keyring refused: %q", it.Store, it.LastResult)
		}
	}
}

func TestKeyringRefusesTheFinishedMark(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{}, mem)
	h.toSaved()
	h.tap("Continue to Syncio")
	mem.RefuseSaves(refuseAll)
	h.tap("I've clicked Update in Syncio")
	h.wait("the keyring's answer", func() bool { return h.w.f.keyring != nil })
	h.see("Step 7 of 7", "couldn't note in your keyring that this walk is finished", "keyring is locked")
	if it, err := mem.Load(h.store.URL(), "syncio"); err != nil || !it.Unfinished {
		t.Fatalf("kept %v %v", it.Unfinished, err)
	}
}
