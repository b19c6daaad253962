package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// doneScreen is step 7's: what was connected, its proof, and retiring a replaced key.
type doneScreen struct{}

// Step 7: what was connected, and what to do if the service still complains.
func (*doneScreen) ofStore(w *Wizard) screen {
	store := w.store()
	perm := "unknown"
	if w.verdict() != nil {
		perm = w.verdict().Permission.Label()
	}
	kept := "Not saved: the key isn't kept on this computer."
	if i := vault.Issue(w.at.SaveErr); i != nil {
		kept = "Not saved: " + i.Title
	}
	if w.at.Saved {
		kept = "Kept in " + w.deps.Vault.Where() + "."
	}
	var proof []fyne.CanvasObject
	switch {
	case w.at.Store.Delivery.UsedAt != nil:
		// Proof of delivery: the store itself shows the service using the key (its own clock, to the minute).
		proof = append(proof, wrapLabel("✓ "+w.at.Store.Profile.Name+" used the key at "+w.at.Store.Delivery.UsedAt.LastAccess.Format("15:04")+" (your store's time) — connected.", widget.SuccessImportance))
	case w.at.Store.Delivery.WatchUse && w.busy():
		proof = append(proof, aside("You can close Key Relay at any time; this only confirms that "+w.at.Store.Profile.Name+" has started using the key."))
	}
	proof = append(proof, w.assistNote()...)
	c := []fyne.CanvasObject{
		heading("✓ " + store + " is connected to " + w.at.Store.Profile.Name),
		wrapLabel("Key: "+redact.MaskKey(w.at.Store.Creds.Key)+" ("+perm+")", widget.MediumImportance),
		wrapLabel(kept, widget.MediumImportance),
		heading("If " + w.at.Store.Profile.Name + " still complains"),
		numbered(w.at.Store.Profile.StillFailing),
	}
	c = append(c[:1], append(proof, c[1:]...)...)
	c = append(c, w.connectionsButton())
	sc := screen{content: c, primary: "Close Key Relay", action: func() { w.win.Close() }, whileBusy: w.at.Store.Delivery.WatchUse}
	if old := w.at.Store.Replacing; old != nil {
		// A replacement: the new key is delivered; the old one goes now, and only a live check proves it.
		keys := wpadmin.URL(mustURL(store), wpadmin.Keys, "")
		if w.at.Store.Discovery != nil {
			keys = w.at.Store.Discovery.AdminURL(wpadmin.Keys)
		}
		sc.content = append([]fyne.CanvasObject{
			heading("Now retire the old key"),
			wrapLabel("The old key "+redact.MaskKey(old.Key)+" keeps working until you revoke it. In WordPress, open WooCommerce > Settings > Advanced > REST API, find the key ending in "+woo.KeyEnding(old.Key)+" and click Revoke. "+w.at.Store.Profile.Name+" uses the new key from now on.", widget.WarningImportance),
			container.NewHBox(widget.NewButtonWithIcon("Open the keys list", theme.ComputerIcon(), func() { w.open(keys) })),
		}, sc.content...)
		sc.primary, sc.action = "Check the old key is gone", w.proveOldKeyGone
	}
	return sc
}

// proveOldKeyGone checks, live, that the store refuses the replaced key; only then is it forgotten.
func (w *Wizard) proveOldKeyGone() {
	old, store, need := *w.at.Store.Replacing, w.store(), w.at.Store.Profile.Requirement()
	w.run("Checking that the store refuses the old key…", func(ctx context.Context) func() {
		gone, v, err := connect.ProveRefused(ctx, w.deps.Client, store, old, need)
		if err != nil {
			return nil
		}
		if gone {
			if it, err := w.deps.Vault.Load(store, w.at.Store.Profile.ID); err == nil && it.Replacing != nil && it.Replacing.Key == old.Key {
				it.Replacing = nil
				err = w.deps.Vault.Save(it)
				if err != nil {
					return func() {
						w.at.SaveErr = err
						w.f.note = "The old key is gone, but the keyring couldn't be updated: " + vault.Issue(err).Title
					}
				}
			}
		}
		at := now()
		return func() {
			if !gone {
				what := "it still works"
				if v != nil && v.Issue != nil {
					what = "the store said: " + v.Issue.Title
				}
				w.f.note = "The old key " + redact.MaskKey(old.Key) + " isn't refused yet (" + what + "). Revoke it in WordPress, then check again."
				return
			}
			w.at.Store.Replacing = nil
			w.f.note = "Old key " + redact.MaskKey(old.Key) + " revoked and refused by the store at " + at.Format("15:04") + "."
		}
	})
}

// finish clears the "continue where you left off" marker: the walk is complete.
func (w *Wizard) finish() {
	clearPending(w.prefs()) // a mark an older version left
	if w.at.Saved {         // the walk is complete: the key is no longer offered as unfinished
		store, svc, key := w.store(), w.at.Store.Profile.ID, w.at.Store.Creds.Key
		w.keepAside(func() error {
			it, err := w.deps.Vault.Load(store, svc)
			if err != nil || !it.Unfinished || it.Key != key {
				return nil // nothing to mark: another walk's key, or none
			}
			it.Unfinished = false
			return w.deps.Vault.Save(it)
		}, "The key is kept, but Key Relay couldn't note in your keyring that this walk is finished: the next start may offer to continue with it.")
	}
	// The clipboard must not keep a secret once the merchant is done.
	if c := w.app.Clipboard(); c.Content() == w.at.Store.Creds.Secret || c.Content() == w.at.Store.Creds.Key {
		c.SetContent("")
	}
}
