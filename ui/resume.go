package ui

import (
	"context"

	"fyne.io/fyne/v2/dialog"

	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// offerResume: a key captured in an earlier run that never reached Done (a crash, a closed window) is in
// the keyring, marked unfinished in the same write as the key itself (a separate mark in the preferences
// could reach the disk up to 0.2 s later: Fyne holds back writes that follow one another); offer to
// continue with it rather than making the merchant generate another.
func (w *Wizard) offerResume() {
	go func() {
		if !w.waitShown(context.Background()) { // the keyring (and the Secret Service it may start) after the first frame
			return // the window closed before it painted
		}
		items, err := w.deps.Vault.List()
		if err != nil && !vault.Partly(err) {
			return // no keyring, or a locked one: nothing to offer now
		}
		var item *vault.Item
		for i := range items { // newest first
			if items[i].Unfinished {
				item = &items[i]
				break
			}
		}
		if item == nil {
			return
		}
		w.deps.Do(func() {
			msg := "Key Relay closed before it finished. A key (" + redact.MaskKey(item.Key) + ") for " + item.Store +
				" was saved. Continue with it instead of making a new one?"
			dialog.ShowConfirm("Continue where you left off?", msg, func(yes bool) {
				if !yes {
					w.markFinished(*item) // not offered again
					return
				}
				w.resumeWith(*item)
			}, w.win)
		})
	}()
}

// markFinished keeps the item without its unfinished mark, off the UI goroutine.
func (w *Wizard) markFinished(it vault.Item) {
	it.Unfinished = false
	w.saveAside(it, "Key Relay couldn't note in your keyring that you said no, so it may offer to continue with that key again next time.")
}

func (w *Wizard) resumeWith(it vault.Item) {
	w.startStore(w.partOf(it, keyOf(it)))
	w.send(walk.Resume)
}
