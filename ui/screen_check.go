package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

var now = time.Now

// checkScreen is step 4's: the live check's verdict.
type checkScreen struct{}

// Step 4: the live check, off the UI goroutine, with progress and Cancel.
func (*checkScreen) view(w *Wizard) screen {
	sc := screen{}
	v := w.at.Store.Verdict
	switch {
	case w.busy():
		sc.content = []fyne.CanvasObject{aside("Key Relay reads one product and sends an empty update that changes nothing, to prove the key can read and write.")}
	case v == nil:
		sc.primary, sc.action = "Check again", w.checkAgain
	case v.Fit:
		sc.content = append([]fyne.CanvasObject{w.verdictBox(v)}, w.warnings(v)...)
		sc.primary, sc.action = "Save the key", func() { w.send(walk.Continue) }
	default:
		sc.content = append([]fyne.CanvasObject{w.issueCard(v.Issue, w.checkAgain, false)}, w.warnings(v)...)
		sc.primary, sc.action = "Check again", w.checkAgain
	}
	return sc
}

// verdictBox is a passed test: for whom, how it was tested, and what it proved.
func (w *Wizard) verdictBox(v *woo.Verdict) fyne.CanvasObject {
	box := container.NewVBox(heading("✓ The key works for " + w.at.Store.Profile.Name))
	if v.Tested != "" {
		box.Add(aside(v.Tested))
	}
	for _, p := range v.Proven {
		box.Add(wrapLabel("✓ "+p, widget.SuccessImportance))
	}
	return box
}

func (w *Wizard) warnings(v *woo.Verdict) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, warn := range v.Warnings {
		out = append(out, w.issueCard(warn, nil, true))
	}
	return out
}

// startCheck tests the key. Right after capture it uses what step 1 found; checkAgain looks at the store
// afresh first, so what the merchant fixed in WordPress since counts.
func (w *Wizard) startCheck() { w.check(false) }

func (w *Wizard) checkAgain() { w.check(true) }

func (w *Wizard) check(fresh bool) {
	addr := w.at.Store.Parsed
	if addr == nil { // no address that parses: step 1 says why
		w.send(walk.ChangeStore)
		return
	}
	creds, need := w.at.Store.Creds, w.at.Store.Profile.Requirement()
	looked := connect.Found(*addr, w.at.Store.Discovery)
	w.at.Store.Verdict, w.at.Saved = nil, false
	w.run("Checking the key with your store…", func(ctx context.Context) func() {
		l, v, err := connect.Check(ctx, w.deps.Client, looked, creds, need, fresh)
		if err != nil {
			return nil
		}
		return func() {
			w.at.Store.Discovery, w.at.Store.Verdict = l.Discovery, v
			rememberResult(w.prefs(), l.Typed, l.Store(), connect.Result(v))
			if v.Fit {
				w.send(walk.CheckPassed)
			}
		}
	})
}
