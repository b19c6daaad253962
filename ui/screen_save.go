package ui

import (
	"context"
	"errors"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// saveScreen is step 5's: the key into the keyring.
type saveScreen struct{}

// Step 5: the tested key goes into the OS keyring (it was already kept there, unverified, at capture).
func (*saveScreen) view(w *Wizard) screen {
	sc := screen{}
	cont := func() {
		w.at.Store.Delivery.AccountOpened = false
		w.send(walk.Continue)
		if w.assistSending() {
			return // the key goes into the service's form in Key Relay's browser window, not by the clipboard
		}
		if w.at.Store.Profile.AccountURL == "" || w.open(w.at.Store.Profile.AccountURL) {
			w.at.Store.Delivery.AccountOpened = w.at.Store.Profile.AccountURL != ""
			w.copySecret("Consumer key", w.at.Store.Creds.Key) // ready to paste: one click fewer
		}
	}
	switch {
	case w.busy():
	case w.at.Saved:
		sc.content = []fyne.CanvasObject{
			wrapLabel("✓ Saved in "+w.deps.Vault.Where()+".", widget.SuccessImportance),
			aside("Only the key's ending is ever shown; the secret is stored nowhere else."),
		}
		sc.primary, sc.action = "Continue to "+w.at.Store.Profile.Name, cont
	case w.at.SaveErr != nil:
		i := vault.Issue(w.at.SaveErr)
		sc.content = []fyne.CanvasObject{w.issueCard(i, nil, false)}
		if i.Offer(diagnosis.OfferTryAgain) {
			sc.content = append(sc.content, container.NewHBox(widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), w.startSave)))
		}
		sc.primary, sc.action = "Continue without saving", cont
	}
	if v := w.at.Store.Verdict; v != nil && v.Fit {
		// The test's result, seen on the way forward: step 4 passes straight on to this one.
		sc.content = append([]fyne.CanvasObject{w.verdictBox(v)}, sc.content...)
	}
	return sc
}

func (w *Wizard) startSave() {
	item := w.item()
	pending := w.at.Store.Pending
	w.run("Saving the key in "+w.deps.Vault.Where()+"…", func(ctx context.Context) func() {
		if pending != nil { // the unverified item saved at capture must not land after this one
			select {
			case <-pending:
			case <-ctx.Done():
				return nil
			}
		}
		err := w.deps.Vault.Save(item) // the keyring call has its own timeout
		w.whenLate(err, func() {
			if !w.at.Saved && w.at.Store.Creds.Key == item.Key {
				w.savedTested(item)
				w.f.note = "Your keyring answered after all: the key is saved in " + w.deps.Vault.Where() + "."
				w.render()
			}
		})
		return func() {
			w.at.Saved, w.at.SaveErr = err == nil, err
			if err == nil {
				w.savedTested(item)
				if w.assistSending() && w.step == stepSave {
					w.send(walk.Continue) // browser assist carries on to the service's form by itself
				}
			}
		}
	})
}

// savedTested records that the tested item is in the keyring.
func (w *Wizard) savedTested(item vault.Item) {
	w.at.Saved, w.at.SaveErr = true, nil
	w.rememberSaved(item)
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
	go func() {
		err := w.deps.Vault.Save(it)
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
