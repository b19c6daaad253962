package ui

import (
	"errors"

	"fyne.io/fyne/v2/dialog"

	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// offerResume: a key captured in an earlier run that never reached Done (a crash, a closed window) is in
// the keyring; offer to continue with it rather than making the merchant generate another.
func (w *Wizard) offerResume() {
	p := w.prefs()
	store, svc := pending(p)
	if store == "" || svc == "" {
		return
	}
	go func() {
		item, err := w.deps.Vault.Load(store, svc)
		w.deps.Do(func() {
			if errors.Is(err, vault.ErrNotFound) {
				// Marked, but the save never landed (the app stopped first): nothing to offer.
				clearPending(p)
			}
			if err != nil {
				return // nothing kept after all, or no keyring: start fresh
			}
			msg := "Key Relay closed before it finished. A key (" + woo.MaskKey(item.Key) + ") for " + store +
				" was saved. Continue with it instead of making a new one?"
			dialog.ShowConfirm("Continue where you left off?", msg, func(yes bool) {
				if !yes {
					clearPending(p)
					return
				}
				w.resumeWith(item.Store, item.Service, woo.Credentials{Key: item.Key, Secret: item.Secret})
			}, w.win)
		})
	}()
}

func (w *Wizard) resumeWith(store, svc string, c woo.Credentials) {
	for _, p := range w.deps.Services {
		if p.ID == svc {
			w.profile = p
		}
	}
	w.address, w.creds, w.saved = store, c, false
	w.send(walk.Resume)
}
