package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// connectionsHarness is a returning merchant with three saved connections: one working, one whose key
// was revoked since, one whose key was made read-only; one of them over a year old.
func connectionsHarness(t *testing.T) (*harness, []*wootest.Store, []vault.Item) {
	mem := vault.NewMemory()
	a := test.NewTempApp(t)
	var stores []*wootest.Store
	var items []vault.Item
	for i, perm := range []string{"read_write", "read_write", "read"} {
		s := wootest.Start(wootest.Config{TLS: true})
		t.Cleanup(s.Close)
		k := s.AddKey("Syncio API Key", wootest.Administrator, perm)
		if i == 1 {
			s.Revoke(k.ConsumerKey)
		}
		it := vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: s.URL(), Service: "syncio", Created: time.Now().Add(-time.Duration(i*200) * 24 * time.Hour)}
		if err := mem.Save(it); err != nil {
			t.Fatal(err)
		}
		a.Preferences().SetStringList(prefKnownStores, append(a.Preferences().StringList(prefKnownStores), vault.Account(it.Store, it.Service)))
		stores, items = append(stores, s), append(items, it)
	}
	h := newHarnessDeps(t, a, stores[0], storeDeps(mem))
	h.wait("the list", func() bool { return !h.w.busy() && len(h.w.s.conns.items) == 3 })
	return h, stores, items
}

// The list: every connection with its key's ending, age and last check; Check all re-checks them all at
// once and each row follows; the results are kept with the connections.
func TestConnectionsListAndCheckAll(t *testing.T) {
	h, stores, items := connectionsHarness(t)
	h.see("Your connections", "Not checked yet on this computer.", "over a year old")
	for _, it := range items {
		h.see(it.Store+" (Syncio)", "Key "+redact.MaskKey(it.Key))
	}
	h.notSee(items[0].Secret, items[0].Key)
	h.tap("Check all")
	h.wait("every answer", func() bool { return !h.w.busy() })
	h.see("✓ Works for Syncio (checked just now)",
		"✗ "+diagnosis.Lookup(woo.KeyUnknown).Title, "✗ "+diagnosis.Lookup(woo.KeyReadOnly).Title, "[Fix]")
	if it, _ := h.vault.Load(items[1].Store, "syncio"); it.LastResult != string(woo.KeyUnknown) || it.LastCheck.IsZero() {
		t.Fatalf("the result wasn't kept: %+v", it.LastResult)
	}
	for _, s := range stores {
		if len(s.Keys()) > 1 {
			t.Fatal("a store changed")
		}
	}
}

// Fix opens the walk where the problem is fixed: a revoked key → a new key from the store's step (which
// moves on to making one); a read-only key → tested again as it is, with the fix in WordPress.
func TestConnectionsFix(t *testing.T) {
	h, _, items := connectionsHarness(t)
	h.tap("Check all")
	h.wait("every answer", func() bool { return !h.w.busy() })
	fixRow := func(store string) {
		h.ui(func() {
			for i, it := range h.w.s.conns.items {
				if it.Store == store {
					h.w.fix(it, diagnosis.Find(diagnosis.Code(h.w.s.conns.items[i].LastResult)))
				}
			}
		})
	}
	fixRow(items[1].Store)
	h.wait("the create step for the revoked key's store", h.atStep(stepCreate))
	h.ui(func() {
		if h.w.at.Store.Address != items[1].Store || h.w.at.Store.Creds.Key != "" {
			t.Fatalf("walking %s with a key %v", h.w.at.Store.Address, h.w.at.Store.Creds.Key != "")
		}
	})
	h.tap("Back")
	h.ui(func() { h.w.send("show connections"); h.w.loadConnections() })
	h.wait("the list", func() bool { return !h.w.busy() && len(h.w.s.conns.items) == 3 })
	fixRow(items[2].Store)
	h.wait("the read-only key tested again", func() bool { return h.w.step == stepCheck && h.w.verdict() != nil && !h.w.busy() })
	h.see("This key can only read", "[Open the keys list]")
}

// Remove asks first, forgets the key here, and says the key still exists in WordPress and how to revoke it.
func TestConnectionsRemove(t *testing.T) {
	h, _, items := connectionsHarness(t)
	h.ui(func() { h.w.askRemove(items[0]) })
	h.see("Remove this connection?", "keeps working until you revoke it")
	h.tap("Yes")
	h.see("Removed.", "ending in "+woo.KeyEnding(items[0].Key), "[Open the keys list]")
	h.notSee(items[0].Store + " (Syncio)")
	if _, err := h.vault.Load(items[0].Store, "syncio"); err == nil {
		t.Fatal("still in the keyring")
	}
	h.ui(func() {
		if strings.Contains(strings.Join(h.w.knownStores(), " "), items[0].Store) {
			t.Fatal("still offered in the address field")
		}
	})
	h.tap("Open the keys list")
	if !strings.HasPrefix(h.opened[len(h.opened)-1], items[0].Store+"wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys") {
		t.Fatalf("opened %v", h.opened)
	}
}

// Replace key, end to end: a new key made, tested and saved (the old one kept beside it before anything is
// revoked), delivered, then the old key revoked in WordPress and proven refused by a live check.
func TestReplaceKey(t *testing.T) {
	h, stores, items := connectionsHarness(t)
	k := h.replaceWithNewKey(items[0])
	it, _ := h.vault.Load(items[0].Store, "syncio")
	if it.Key != k.ConsumerKey || it.Replacing == nil || it.Replacing.Key != items[0].Key {
		t.Fatalf("kept %s, replacing %+v", redact.MaskKey(it.Key), it.Replacing != nil)
	}
	h.tap("Continue to Syncio")
	h.tap("I've clicked Update in Syncio")
	h.see("Now retire the old key", "ending in "+woo.KeyEnding(items[0].Key), "[Check the old key is gone]")
	h.tap("Check the old key is gone") // not revoked yet
	h.wait("the check", func() bool { return !h.w.busy() })
	h.see("isn't refused yet")
	stores[0].Revoke(items[0].Key) // the merchant clicks Revoke in WordPress
	h.tap("Check the old key is gone")
	h.wait("the proof", func() bool { return !h.w.busy() && h.w.at.Store.Replacing == nil })
	h.see("Old key " + redact.MaskKey(items[0].Key) + " revoked and refused by the store at")
	if it, _ := h.vault.Load(items[0].Store, "syncio"); it.Replacing != nil || it.Key != k.ConsumerKey {
		t.Fatal("the old key is still kept")
	}
}

// The app stops between delivering the new key and revoking the old: the next start shows the old key
// still works and finishes the replacement.
func TestReplaceKeyInterrupted(t *testing.T) {
	h, stores, items := connectionsHarness(t)
	k := h.replaceWithNewKey(items[0])
	h.tap("Continue to Syncio")
	h.ui(h.w.win.Close) // stopped before Done

	h2 := newHarnessDeps(t, h.app, stores[0], Deps{Client: woo.NewClient(woo.Options{RootCAs: wootest.CAPool()}), Vault: h.vault, Services: service.Builtin()})
	h2.wait("the list", func() bool { return !h2.w.busy() && len(h2.w.s.conns.items) == 3 })
	h2.see("The old key "+redact.MaskKey(items[0].Key)+" still works", "[Finish replacing]")
	h2.tap("Finish replacing")
	h2.see("Now retire the old key")
	stores[0].Revoke(items[0].Key)
	h2.tap("Check the old key is gone")
	h2.wait("the proof", func() bool { return !h2.w.busy() && h2.w.at.Store.Replacing == nil })
	h2.see("revoked and refused by the store")
	if it, _ := h2.vault.Load(items[0].Store, "syncio"); it.Replacing != nil || it.Key != k.ConsumerKey {
		t.Fatal("the replacement wasn't finished")
	}
}

// Cancel works while a store hangs during Check all; what did answer stays shown.
func TestCheckAllCancel(t *testing.T) {
	h, stores, _ := connectionsHarness(t)
	stores[1].Configure(func(c *wootest.Config) { c.Hang = true })
	h.tap("Check all")
	h.wait("the answers that come", func() bool { return h.w.s.conns.items[0].LastResult == "fit" })
	h.tap("Cancel")
	h.ui(func() {
		if h.w.busy() || h.w.s.conns.items[1].LastResult != "" {
			t.Fatalf("busy %v, hung row %q", h.w.busy(), h.w.s.conns.items[1].LastResult)
		}
	})
	h.see("Cancelled. Nothing was lost", "✓ Works for Syncio")
	stores[1].Configure(func(c *wootest.Config) { c.Hang = false })
}

// replaceWithNewKey starts replacing the key of it and walks to the new key, tested and saved.
func (h *harness) replaceWithNewKey(it vault.Item) wootest.Key {
	h.t.Helper()
	h.ui(func() { h.w.replace(it) })
	h.wait("the create step", h.atStep(stepCreate))
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the new key saved", func() bool { return h.w.at.Saved && !h.w.busy() })
	return k
}

// A keyring that can't be read: the list says so, and Try again reads it once it can.
func TestConnectionsKeyringUnavailable(t *testing.T) {
	h, _, _ := connectionsHarness(t)
	h.vault.(*vault.Memory).SetUnavailable(true)
	h.ui(h.w.loadConnections)
	h.wait("the list", func() bool { return !h.w.busy() })
	h.see("This computer has no keyring Key Relay can use", "[Try again]")
	h.vault.(*vault.Memory).SetUnavailable(false)
	h.tap("Try again")
	h.wait("the list", func() bool { return !h.w.busy() && len(h.w.s.conns.items) == 3 })
	h.notSee("no keyring Key Relay can use")
}

// New connection starts afresh: nothing of the walk before (its address, its key, its test, a Syncore
// regeneration) carries into it.
func TestNewConnectionStartsAfresh(t *testing.T) {
	h, _, items := connectionsHarness(t)
	h.ui(func() {
		h.w.at.Store.Address, h.w.at.Store.Creds, h.w.at.Saved = items[0].Store, woo.Credentials{Key: items[0].Key, Secret: items[0].Secret}, true
		h.w.at.Checked, h.w.at.Store.Delivery.OpenedAdd, h.w.at.Store.Delivery.Assisted = &walk.Checked{Works: true, Verdict: &woo.Verdict{Fit: true}}, true, true
		src := h.w.sourceFor(syncore.ID)
		a := walk.NewAttempt(src, src.Partners()[0])
		a.Regen, a.Values[0] = &walk.Regeneration{}, "sk"+strings.Repeat("1", 40)
		h.w.walks[src.ID()] = &a
	})
	h.tap("New connection")
	h.see("Step 1 of 7", "Your store's address")
	h.notSee(redact.MaskKey(items[0].Key))
	h.ui(func() {
		if h.w.at.Store.Creds.Key != "" || h.w.at.Saved || h.w.verdict() != nil || h.w.at.Store.Delivery.OpenedAdd || h.w.at.Store.Delivery.Assisted || h.w.walks["syncore"] != nil {
			t.Fatal("the last walk carried into the new one")
		}
	})
}

// The vault's index is the one that counts: reading the list makes the preferences' list of stores (what
// the next start and the address field use before the keyring is asked) the vault's.
func TestThePreferencesFollowTheVault(t *testing.T) {
	h, _, items := connectionsHarness(t)
	mem := h.vault.(*vault.Memory)
	if err := mem.Delete(items[1].Store, items[1].Service); err != nil { // removed elsewhere (keyrelay-check, another copy)
		t.Fatal(err)
	}
	h.ui(func() {
		h.w.prefs().SetStringList(prefKnownStores, append(h.w.prefs().StringList(prefKnownStores), "gone.example syncio"))
		h.w.loadConnections()
	})
	h.wait("the list", func() bool { return !h.w.busy() && len(h.w.s.conns.items) == 2 })
	h.ui(func() {
		known := h.w.knownStores()
		if len(known) != 2 || slices.Contains(known, items[1].Store) || slices.Contains(known, "gone.example") {
			t.Fatalf("the address field offers %v", known)
		}
	})
}
