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

// Step 7: what was connected, and what to do if the service still complains.
func (w *Wizard) doneScreen() screen {
	store := w.store()
	perm := "unknown"
	if w.verdict != nil {
		perm = w.verdict.Permission.Label()
	}
	kept := "Not saved: the key isn't kept on this computer."
	if i := vault.Issue(w.saveErr); i != nil {
		kept = "Not saved: " + i.Title
	}
	if w.saved {
		kept = "Kept in " + w.deps.Vault.Where() + "."
	}
	var proof []fyne.CanvasObject
	switch {
	case w.usedAt != nil:
		// Proof of delivery: the store itself shows the service using the key (its own clock, to the minute).
		proof = append(proof, wrapLabel("✓ "+w.profile.Name+" used the key at "+w.usedAt.LastAccess.Format("15:04")+" (your store's time) — connected.", widget.SuccessImportance))
	case w.watchUse && w.busy():
		proof = append(proof, aside("You can close Key Relay at any time; this only confirms that "+w.profile.Name+" has started using the key."))
	}
	proof = append(proof, w.assistNote()...)
	c := []fyne.CanvasObject{
		heading("✓ " + store + " is connected to " + w.profile.Name),
		wrapLabel("Key: "+redact.MaskKey(w.creds.Key)+" ("+perm+")", widget.MediumImportance),
		wrapLabel(kept, widget.MediumImportance),
		heading("If " + w.profile.Name + " still complains"),
		numbered(w.profile.StillFailing),
	}
	c = append(c[:1], append(proof, c[1:]...)...)
	c = append(c, w.connectionsButton())
	sc := screen{content: c, primary: "Close Key Relay", action: func() { w.win.Close() }, whileBusy: w.watchUse}
	if old := w.replacing; old != nil {
		// A replacement: the new key is delivered; the old one goes now, and only a live check proves it.
		keys := wpadmin.URL(mustURL(store), wpadmin.Keys, "")
		if w.discovery != nil {
			keys = w.discovery.AdminURL(wpadmin.Keys)
		}
		sc.content = append([]fyne.CanvasObject{
			heading("Now retire the old key"),
			wrapLabel("The old key "+redact.MaskKey(old.Key)+" keeps working until you revoke it. In WordPress, open WooCommerce > Settings > Advanced > REST API, find the key ending in "+woo.KeyEnding(old.Key)+" and click Revoke. "+w.profile.Name+" uses the new key from now on.", widget.WarningImportance),
			container.NewHBox(widget.NewButtonWithIcon("Open the keys list", theme.ComputerIcon(), func() { w.open(keys) })),
		}, sc.content...)
		sc.primary, sc.action = "Check the old key is gone", w.proveOldKeyGone
	}
	return sc
}

// proveOldKeyGone checks, live, that the store refuses the replaced key; only then is it forgotten.
func (w *Wizard) proveOldKeyGone() {
	old, store, need := *w.replacing, w.store(), w.profile.Requirement()
	w.run("Checking that the store refuses the old key…", func(ctx context.Context) func() {
		gone, v, err := connect.ProveRefused(ctx, w.deps.Client, store, old, need)
		if err != nil {
			return nil
		}
		if gone {
			if it, err := w.deps.Vault.Load(store, w.profile.ID); err == nil && it.Replacing != nil && it.Replacing.Key == old.Key {
				it.Replacing = nil
				err = w.deps.Vault.Save(it)
				if err != nil {
					return func() {
						w.saveErr = err
						w.note = "The old key is gone, but the keyring couldn't be updated: " + vault.Issue(err).Title
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
				w.note = "The old key " + redact.MaskKey(old.Key) + " isn't refused yet (" + what + "). Revoke it in WordPress, then check again."
				return
			}
			w.replacing = nil
			w.note = "Old key " + redact.MaskKey(old.Key) + " revoked and refused by the store at " + at.Format("15:04") + "."
		}
	})
}

// finish clears the "continue where you left off" marker: the walk is complete.
func (w *Wizard) finish() {
	clearPending(w.prefs()) // a mark an older version left
	if w.saved {            // the walk is complete: the key is no longer offered as unfinished
		store, svc, key := w.store(), w.profile.ID, w.creds.Key
		go func() {
			if it, err := w.deps.Vault.Load(store, svc); err == nil && it.Unfinished && it.Key == key {
				it.Unfinished = false
				_ = w.deps.Vault.Save(it)
			}
		}()
	}
	// The clipboard must not keep a secret once the merchant is done.
	if c := w.app.Clipboard(); c.Content() == w.creds.Secret || c.Content() == w.creds.Key {
		c.SetContent("")
	}
}
