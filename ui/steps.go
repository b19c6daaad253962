package ui

import (
	"fyne.io/fyne/v2"
	"github.com/keyrelay/keyrelay/client/walk"
)

// screens are the screens, one struct each: their own widgets and what each alone remembers.
type screens struct {
	conns   connectionsScreen
	store   storeScreen
	create  createScreen
	capture captureScreen
	check   checkScreen
	save    saveScreen
	send    sendScreen
	done    doneScreen
}

// screen is what a step shows: its content and its one main action.
type screen struct {
	title    string // "" means the step's own title (walk.Step.Title)
	content  []fyne.CanvasObject
	primary  string
	action   func()
	disabled bool
	// whileBusy keeps the main button usable while the step's job runs (pressing it leaves the step,
	// which cancels the job).
	whileBusy bool
}

// A step is one row: its screen and what entering it starts. Its title is the walk's (walk.Step.Title)
// unless its screen names itself. The screens are the same for every key source: each draws the source's
// words and values, and a store's key adds the store's own parts (its address, browser assist). Your
// connections is outside the numbered steps.
type stepRow struct {
	view  func(w *Wizard) screen
	enter func(w *Wizard, from step) // nil: entering starts nothing
}

// The table is filled in init: its rows call what draws and renders the walk, which reads it.
var homeStep, steps = stepRow{}, [stepCount]stepRow{}

func init() {
	homeStep = stepRow{view: func(w *Wizard) screen { return w.s.conns.view(w) }}
	steps = [stepCount]stepRow{
		stepStore: {view: func(w *Wizard) screen { return w.byKind(w.s.store.ofStore, w.s.store.ofSource) }},
		stepCreate: {view: func(w *Wizard) screen { return w.byKind(w.s.create.ofStore, w.s.create.ofSource) }, enter: func(w *Wizard, from step) {
			if from == stepStore && w.assistFirst() {
				w.doItForMe() // step 1's main button is the assisted walk; the walk by hand is one click away
			}
		}},
		stepCapture: {view: func(w *Wizard) screen { return w.byKind(w.s.capture.ofStore, w.s.capture.ofSource) }},
		stepCheck: {view: func(w *Wizard) screen { return w.s.check.view(w) }, enter: func(w *Wizard, _ step) {
			if w.at.Checked == nil { // Back to a finished check shows it; it does not rerun
				w.startCheck()
			}
		}},
		stepSave: {view: func(w *Wizard) screen { return w.s.save.view(w) }, enter: func(w *Wizard, _ step) {
			if !w.at.Saved {
				w.startSave()
			}
		}},
		stepSend: {view: func(w *Wizard) screen { return w.byKind(w.s.send.ofStore, w.s.send.ofSource) }, enter: func(w *Wizard, _ step) {
			switch {
			case w.assistSending():
				w.fillService()
			case w.at.Store.Delivery.Assisted && w.assist.win.Load() != nil:
				w.readBaseline() // pasted by hand: the keys list still shows when the service uses the key
			}
		}},
		stepDone: {view: func(w *Wizard) screen { return w.byKind(w.s.done.ofStore, w.s.done.ofSource) }, enter: func(w *Wizard, _ step) {
			if !w.onStore() {
				return
			}
			w.finish()
			if w.at.Store.Delivery.WatchUse && w.assist.win.Load() != nil {
				w.awaitUse()
			}
		}},
	}
}

// byKind is the screen for the walk being made: a store's parts, or another source's.
func (w *Wizard) byKind(ofStore, ofSource func(*Wizard) screen) screen {
	if w.onStore() {
		return ofStore(w)
	}
	return ofSource(w)
}

// row is step s's row.
func (w *Wizard) row(s step) stepRow {
	if s == walk.Home {
		return homeStep
	}
	return steps[s]
}

// send tells the walk what happened; the walk's table says which step follows. An event that leads
// nowhere from this step just redraws it.
func (w *Wizard) send(e walk.Event) {
	if to, ok := walk.Next(w.step, e); ok {
		w.goTo(to)
		return
	}
	w.render()
}

// goTo shows step s: only send (the walk's table) and tests call it. Leaving a step cancels its running
// job; nothing entered is lost.
func (w *Wizard) goTo(s step) {
	from := w.step
	w.jobs.Cancel()
	w.step, w.f.note, w.f.revealed, w.f.browserIssue, w.assist.issue = s, "", false, nil, nil
	w.f.keyring, w.f.keyringWhat = nil, ""
	w.f.status.SetText("")
	// The clipboard is read while a key is made, captured or tested: a key or secret copied again after
	// the test refused one replaces it (and is tested at once).
	w.watchClipboard(s == stepCreate || s == stepCapture || s == stepCheck)
	w.render()
	w.f.scroll.ScrollToTop() // every step opens at its top, wherever the last one was scrolled
	if enter := w.row(s).enter; enter != nil {
		enter(w, from)
	}
}

func (w *Wizard) goBack() { w.send(walk.Back) }
