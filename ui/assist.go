package ui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// assistState is browser assist's: whether a browser to drive was found (browserFinder), Key Relay's
// browser window (nil when closed; set by the job that opens it, off the UI goroutine), why assist stopped
// on this step, and whether the window is closed (a browser window opened late is closed at once).
type assistState struct {
	there  func() bool
	win    atomic.Pointer[assist.Session]
	issue  *diagnosis.Issue
	closed atomic.Bool
}

// Browser assist in the wizard: "Do it for me" on step 2 makes the key in Key Relay's own browser window,
// step 6 fills the service's form there, and Done watches the keys list for the service's first use. Any
// failure is a diagnosis on the step, and the walk goes on by hand with everything captured so far.

// useWithin is how long Done watches the keys list for the service's first use of the key.
const useWithin = 3 * time.Minute

// phaseWords are what the progress line says while browser assist waits.
func (w *Wizard) phaseWords(p assist.Phase) string {
	switch p {
	case assist.Opening:
		return "Opening the page in the Key Relay browser window…"
	case assist.LogIn:
		return "Log in to WordPress in the Key Relay browser window, and tick Remember Me so it remembers you next time. Key Relay never sees your password."
	case assist.LoggedOut:
		return diagnosis.Lookup(browser.LoggedOut).Title + " Log in there again (tick Remember Me); Key Relay carries on by itself."
	case assist.Generate:
		return "Key Relay filled in the form for " + w.at.Store.Profile.Name + ". Check it, then click “Generate API key” (highlighted) in the Key Relay browser window."
	case assist.Submit:
		return "Key Relay filled in the key and secret in " + w.at.Store.Profile.Name + ". Click its highlighted button in the Key Relay browser window to save them."
	case assist.FindForm:
		return "Looking for " + w.at.Store.Profile.Name + "'s key form in the Key Relay browser window: log in there if it asks, and follow the steps below to open the form. Key Relay fills it in the moment it shows."
	case assist.WaitingForUse:
		return "Waiting for " + w.at.Store.Profile.Name + " to use the key: WordPress's keys list shows it (to the minute)…"
	}
	return ""
}

// runAssist runs browser-assist work: its progress line says what the window waits for (assist's
// phases), and what stopped assist on this step before is forgotten.
func (w *Wizard) runAssist(what string, job func(ctx context.Context, say func(assist.Phase)) func()) {
	w.assist.issue = nil
	w.runTelling(what, func(ctx context.Context, tell func(func() string)) func() {
		return job(ctx, func(p assist.Phase) { tell(func() string { return w.phaseWords(p) }) })
	})
}

// window returns Key Relay's browser window, opening it when there is none (or it was closed). Called off
// the UI goroutine; the window is recorded at once, so it is closed with Key Relay even if the job that
// opened it was cancelled.
func (w *Wizard) window(ctx context.Context) (*assist.Session, error) {
	if s := w.assist.win.Load(); s != nil && s.Alive() {
		return s, nil
	} else if s != nil && w.assist.win.CompareAndSwap(s, nil) {
		s.Close() // the merchant closed it: what the driver still holds for it goes too
	}
	s, err := assist.Start(ctx, w.deps.Assist)
	if err != nil {
		return nil, err
	}
	w.assist.win.Store(s)
	if w.assist.closed.Load() && w.assist.win.CompareAndSwap(s, nil) {
		s.Close() // Key Relay's window closed while the browser started
		return nil, context.Canceled
	}
	return s, nil
}

// assistFailed records why browser assist stopped; a cancel is no failure.
func (w *Wizard) assistFailed(err error) {
	if i := assist.Issue(err); i != nil {
		if i.Page != wpadmin.None {
			i.Link = wpadmin.URL(mustURL(w.store()), i.Page, "")
			if w.at.Store.Discovery != nil {
				i.Link = w.at.Store.Discovery.AdminURL(i.Page)
			}
		}
		w.assist.issue = i
		if i.Code == browser.Closed {
			w.assist.win.Store(nil)
		}
	}
}

// assistFirst reports whether step 2 starts browser assist by itself, coming from step 1: a browser is
// there to drive, nothing is captured yet, and the merchant hasn't chosen their own browser before.
func (w *Wizard) assistFirst() bool {
	return w.at.Store.Creds == (woo.Credentials{}) && !w.at.Store.Delivery.OpenedAdd && w.prefs().String(prefByHand) != "yes" && w.assist.there()
}

// browserFinder says once per run whether a browser is there to drive (a look at a few paths: no
// browser is started), not on every redraw of step 1.
func browserFinder(find func() (browser.Browser, error)) func() bool {
	if find == nil {
		find = browser.Find
	}
	return sync.OnceValue(func() bool { _, err := find(); return err == nil })
}

// chooseAssist is the merchant's own "Do it for me": remembered, so the next key starts assisted too.
func (w *Wizard) chooseAssist() {
	w.prefs().RemoveValue(prefByHand)
	w.doItForMe()
}

// doItForMe is step 2's "Do it for me": the key is made in Key Relay's browser window and read from the
// page, never from the clipboard.
func (w *Wizard) doItForMe() {
	if w.at.Store.Discovery == nil {
		return // no store looked at yet: there is no Add key page to open
	}
	addKey := w.at.Store.Discovery.AdminURL(wpadmin.AddKey)
	want := assist.Want{AddKey: addKey, Description: w.at.Store.Profile.KeyDescription, Permission: w.at.Store.Profile.Permission, Service: w.at.Store.Profile.Name}
	w.at.Store.Delivery.Assisted = true
	w.runAssist("Opening the Key Relay browser window…", func(ctx context.Context, say func(assist.Phase)) func() {
		s, err := w.window(ctx)
		if err == nil {
			var c woo.Credentials
			if c, err = s.MakeKey(ctx, want, say); err == nil {
				return func() { w.take(c, false) }
			}
		}
		return func() { w.assistFailed(err) }
	})
}

// assistSending reports whether step 6 is done in Key Relay's browser window.
func (w *Wizard) assistSending() bool {
	return w.at.Store.Delivery.Assisted && w.assist.win.Load() != nil && w.at.Store.Profile.AccountURL != ""
}

// fillService is step 6 with browser assist: read the key's row in the keys list (right after Key
// Relay's own last use of it: the baseline for proof of delivery), then find the service's form by its
// words (the profile's, the merchant's language's), fill it and wait for the merchant's click on its
// button. When the form can't be filled the copy buttons carry on, and the baseline still proves delivery.
func (w *Wizard) fillService() {
	d := assist.Delivery{Service: w.at.Store.Profile.Name, AccountURL: w.at.Store.Profile.AccountURL}
	if w.at.Store.Profile.Form != nil {
		d.Form = *w.at.Store.Profile.Form
	}
	creds, keys := w.at.Store.Creds, w.keysList()
	w.at.Store.Delivery.WatchUse = false
	w.runAssist("Opening "+w.at.Store.Profile.Name+" in the Key Relay browser window…", func(ctx context.Context, say func(assist.Phase)) func() {
		s, err := w.window(ctx)
		if err != nil {
			return func() { w.assistFailed(err) }
		}
		before, listed, err := s.LastUse(ctx, keys, creds.Key)
		if err != nil {
			return func() { w.assistFailed(err) }
		}
		if err = s.FillService(ctx, d, creds, say); err != nil {
			return func() {
				w.at.Store.Delivery.WatchUse, w.at.Store.Delivery.UsedBefore = listed, before // pasted by hand, the use is still proof
				w.assistFailed(err)
			}
		}
		return func() {
			w.at.Store.Delivery.WatchUse, w.at.Store.Delivery.UsedBefore = true, before
			w.send(walk.Sent)
		}
	})
}

// readBaseline reads the key's row in the keys list when the key goes to the service by the copy buttons
// (no form map): right after Key Relay's own last call, so Done can tell the service's first use.
func (w *Wizard) readBaseline() {
	creds, keys := w.at.Store.Creds, w.keysList()
	w.at.Store.Delivery.WatchUse = false
	w.runAssist("Reading the key's row in WordPress's keys list…", func(ctx context.Context, say func(assist.Phase)) func() {
		s, err := w.window(ctx)
		if err != nil {
			return nil // no window: the key goes by hand as it would anyway, without the proof
		}
		before, ok, err := s.LastUse(ctx, keys, creds.Key)
		if err != nil || !ok {
			return nil
		}
		return func() { w.at.Store.Delivery.UsedBefore, w.at.Store.Delivery.WatchUse = before, true }
	})
}

// keysList is the store's keys list page.
func (w *Wizard) keysList() string {
	if w.at.Store.Discovery != nil {
		return w.at.Store.Discovery.AdminURL(wpadmin.Keys)
	}
	return wpadmin.URL(mustURL(w.store()), wpadmin.Keys, "")
}

// awaitUse is Done's proof of delivery: the store's keys list shows the key used after Key Relay's own
// last call with it.
func (w *Wizard) awaitUse() {
	creds, keys, before := w.at.Store.Creds, w.keysList(), w.at.Store.Delivery.UsedBefore
	w.at.Store.Delivery.UsedAt = nil
	w.runAssist(w.phaseWords(assist.WaitingForUse), func(ctx context.Context, say func(assist.Phase)) func() {
		s, err := w.window(ctx)
		if err != nil {
			return func() { w.assistFailed(err) }
		}
		row, err := s.WaitForUse(ctx, keys, creds.Key, before, useWithin, say)
		if err != nil {
			return func() { w.assistFailed(err) }
		}
		return func() { w.at.Store.Delivery.UsedAt = &row }
	})
}

// assistNote is why browser assist stopped on this step, with Try again where the row offers it.
func (w *Wizard) assistNote() []fyne.CanvasObject {
	var c []fyne.CanvasObject
	if w.assist.issue != nil {
		c = append(c, w.issueCard(w.assist.issue, w.retryAssist, true))
		if w.assist.issue.Offer(diagnosis.OfferTryAgain) && w.step != stepCreate { // step 2's own button tries again
			c = append(c, container.NewHBox(widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), w.retryAssist)))
		}
	}
	return c
}

// retryAssist runs the step's browser-assist work again.
func (w *Wizard) retryAssist() {
	switch w.step {
	case stepCreate:
		w.doItForMe()
	case stepSend:
		w.fillService()
	case stepDone:
		w.awaitUse()
	}
}
