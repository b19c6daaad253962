package ui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// saveScreen is step 5's: the tested key into the keyring, the same for every key source.
type saveScreen struct{}

// Step 5: the tested key goes into the OS keyring (a store's was already kept there, unverified, at
// capture).
func (*saveScreen) view(w *Wizard) screen {
	a := w.at
	sc := screen{}
	switch {
	case w.busy():
	case a.Saved:
		sc.content = []fyne.CanvasObject{
			wrapLabel("✓ Saved in "+w.deps.Vault.Where()+".", widget.SuccessImportance),
			aside(a.Source.Profile().Kept),
		}
		sc.primary, sc.action = "Continue to "+w.partner().Name, w.toSend
		if a.Regen != nil {
			sc.primary = "Continue to each app" // every app that used the old keys gets the new one
		}
	case a.SaveErr != nil:
		i := vault.Issue(a.SaveErr)
		sc.content = []fyne.CanvasObject{w.issueCard(i, nil, false)}
		if i.Offer(diagnosis.OfferTryAgain) {
			sc.content = append(sc.content, container.NewHBox(widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), w.startSave)))
		}
		sc.primary, sc.action = "Continue without saving", w.toSend
	}
	if c := a.Checked; c != nil && c.Works {
		// The test's result, seen on the way forward: step 4 passes straight on to this one.
		sc.content = append([]fyne.CanvasObject{w.checkedBox(c)}, sc.content...)
	}
	return sc
}

// partner is the app the key goes to: a store's service, or another source's partner.
func (w *Wizard) partner() walk.Partner {
	if w.onStore() {
		return connect.PartnerOf(w.at.Store.Profile)
	}
	return w.at.Partner
}

// toSend goes on to step 6. A store's key opens the service's page with the key on the clipboard, ready to
// paste (one click fewer), unless browser assist fills the service's form in its own window.
func (w *Wizard) toSend() {
	w.at.Store.Delivery.AccountOpened = false
	w.send(walk.Continue)
	if !w.onStore() || w.assistSending() {
		return
	}
	if w.at.Store.Profile.AccountURL == "" || w.open(w.at.Store.Profile.AccountURL) {
		w.at.Store.Delivery.AccountOpened = w.at.Store.Profile.AccountURL != ""
		w.copySecret("Consumer key", w.at.Store.Creds.Key)
	}
}

// toKeep is what the keyring keeps of the walk: a store's key for its service, or another source's for
// each partner.
func (w *Wizard) toKeep() []vault.Item {
	if w.onStore() {
		return []vault.Item{w.item()}
	}
	return w.at.Items(now())
}

// startSave keeps the tested key. A store's key saved unverified at capture must land first.
func (w *Wizard) startSave() {
	a, items, pending := w.at, w.toKeep(), w.at.Store.Pending
	w.run("Saving the key in "+w.deps.Vault.Where()+"…", func(ctx context.Context) func() {
		if pending != nil { // the unverified item saved at capture must not land after this one
			select {
			case <-pending:
			case <-ctx.Done():
				return nil
			}
		}
		var err error
		for _, it := range items {
			if err = w.deps.Vault.Save(it); err != nil { // the keyring call has its own timeout
				break
			}
		}
		w.whenLate(err, func() {
			if a == w.at && !a.Saved {
				w.savedTested(items)
				w.f.note = "Your keyring answered after all: the key is saved in " + w.deps.Vault.Where() + "."
				w.render()
			}
		})
		return func() {
			a.Saved, a.SaveErr = err == nil, err
			if err == nil {
				w.savedTested(items)
				if w.assistSending() && w.step == stepSave {
					w.send(walk.Continue) // browser assist carries on to the service's form by itself
				}
			}
		}
	})
}

// savedTested records that the tested items are in the keyring.
func (w *Wizard) savedTested(items []vault.Item) {
	w.at.Saved, w.at.SaveErr = true, nil
	for _, it := range items {
		w.rememberSaved(it)
	}
}

// rememberSaved notes in the preferences that item is kept in the keyring (its account name only), so
// the next start shows Your connections and the address field offers the store.
func (w *Wizard) rememberSaved(item vault.Item) {
	p := w.prefs()
	// Newest last: the address field offers the most recent first.
	entry := vault.Account(item.Store, item.Service)
	known := slices.DeleteFunc(p.StringList(prefKnownStores), func(k string) bool { return k == entry })
	p.SetStringList(prefKnownStores, append(known, entry))
}

// saveAside keeps it in the keyring off the UI goroutine, for a step that doesn't wait on it; if the
// keyring refuses, the screen shows its row with what wasn't kept, and takes it back if a keyring that
// gave up waiting lands the write after all.
func (w *Wizard) saveAside(it vault.Item, what string) {
	w.keepAside(func() error { return w.deps.Vault.Save(it) }, what)
}

// keepAside runs keep, a keyring write, off the UI goroutine, as saveAside does: for a write that reads
// the item first, in the same goroutine, so nothing written between its read and its write is lost to a
// later hop through the UI goroutine.
func (w *Wizard) keepAside(keep func() error, what string) {
	go func() {
		err := keep()
		if err == nil {
			return
		}
		w.deps.Do(func() { w.keyringRefused(err, what) })
		w.whenLate(err, func() {
			if w.f.keyringWhat == what {
				w.f.keyring, w.f.keyringWhat = nil, ""
				w.render()
			}
		})
	}()
}

// keyringRefused shows the keyring's row for a write the screen didn't wait on.
func (w *Wizard) keyringRefused(err error, what string) {
	w.f.keyring, w.f.keyringWhat = vault.Issue(err), what
	w.render()
}

// whenLate runs landed on the UI goroutine if err is a keyring call that gave up waiting and then
// succeeded after all: what the screen said must follow what the keyring holds.
func (w *Wizard) whenLate(err error, landed func()) {
	var late *vault.Late
	if !errors.As(err, &late) {
		return
	}
	go func() {
		if <-late.Done() == nil {
			w.deps.Do(landed)
		}
	}()
}
