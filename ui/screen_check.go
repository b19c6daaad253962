package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

var now = time.Now

// checkScreen is step 4's: the live check's answer, the same for every key source.
type checkScreen struct{}

// Step 4: the live check, off the UI goroutine, with progress and Cancel; in a regeneration, also the old
// key, which must be refused.
func (*checkScreen) view(w *Wizard) screen {
	a := w.at
	c := a.Checked
	sc := screen{primary: "Check again", action: w.checkAgain}
	switch {
	case w.busy():
		sc.content = []fyne.CanvasObject{aside(a.Source.Profile().Checking)}
	case c == nil:
		return sc
	case c.Works:
		sc.content = []fyne.CanvasObject{w.checkedBox(c)}
		for _, o := range c.Others {
			if o != nil && !o.Works {
				sc.content = append(sc.content, w.issueCard(o.Issue, w.checkAgain, true))
			}
		}
	default:
		sc.content = []fyne.CanvasObject{w.issueCard(c.Issue, w.checkAgain, false)}
	}
	if c == nil { // the check runs
		return sc
	}
	for _, warn := range c.Warnings {
		sc.content = append(sc.content, w.issueCard(warn, nil, true))
	}
	sc.content = append(sc.content, w.oldKeyCheck()...)
	switch {
	case c.Works && (a.Regen == nil || a.Regen.OldCheck == nil || !a.Regen.OldCheck.Works):
		sc.primary, sc.action = "Save the key", func() { w.send(walk.Continue) }
	case !c.Works && c.Issue.Offer(diagnosis.OfferContinueAnyway):
		sc.primary, sc.action = "Continue without a test", func() { w.send(walk.Continue) }
	}
	return sc
}

// checkedBox is a passed check: what works, how it was tested, what it proved, and the other values that
// work too.
func (w *Wizard) checkedBox(c *walk.Checked) fyne.CanvasObject {
	box := container.NewVBox(heading("✓ " + c.Headline))
	if c.Tested != "" {
		box.Add(aside(c.Tested))
	}
	for _, p := range c.Proven {
		box.Add(wrapLabel("✓ "+p, widget.SuccessImportance))
	}
	src, a := w.at.Source, w.at
	for i, o := range c.Others {
		if o != nil && o.Works {
			box.Add(wrapLabel("✓ The "+src.Values()[i+1].Name+" "+src.Mask(a.Values[i+1])+" works too.", widget.SuccessImportance))
		}
	}
	return box
}

// oldKeyCheck is, in a regeneration, what the old key's check proved.
func (w *Wizard) oldKeyCheck() []fyne.CanvasObject {
	src, g := w.at.Source, w.at.Regen
	switch {
	case g == nil || g.OldCheck == nil:
		return nil
	case g.OldCheck.Works:
		return []fyne.CanvasObject{w.issueCard(diagnosis.New(src.Profile().OldKeyWorks, "the old key "+src.Mask(g.Old.Key)+" still reads "+g.OldCheck.Tested), w.checkAgain, false)}
	case g.OldGone():
		return []fyne.CanvasObject{wrapLabel("✓ The old key "+src.Mask(g.Old.Key)+" is refused by "+src.Name()+" now.", widget.SuccessImportance)}
	}
	return nil
}

// differentKey goes back to capture another key. A store's paste fields stay open beside what was
// captured; another source's refused first value is let go, so its field opens again.
func (w *Wizard) differentKey() {
	if w.onSource() {
		w.at.Values[0], w.at.Checked = "", nil
	}
	w.send(walk.DifferentKey)
}

// verdict is a store's check as the engine gave it; nil before one, or for another source's key.
func (w *Wizard) verdict() *woo.Verdict {
	if w.at.Checked == nil {
		return nil
	}
	return w.at.Checked.Verdict
}

// startCheck tests the key. Right after capture it uses what step 1 found; checkAgain looks at a store
// afresh first, so what the merchant fixed in WordPress since counts.
func (w *Wizard) startCheck() { w.check(false) }

func (w *Wizard) checkAgain() { w.check(true) }

// check runs the source's live check, and in a regeneration the old key's, off the UI goroutine.
func (w *Wizard) check(again bool) {
	a := w.at
	if w.onStore() && a.Store.Parsed == nil { // no address that parses: step 1 says why
		w.send(walk.ChangeStore)
		return
	}
	src, snap, regen := a.Source, a.Snapshot(), a.Regen
	a.Checked, a.Saved = nil, false
	if regen != nil {
		regen.OldCheck = nil
	}
	w.run("Checking the key with "+src.Profile().CheckedBy+"…", func(ctx context.Context) func() {
		c, err := src.Check(ctx, snap, again)
		if err != nil {
			return nil
		}
		var old *walk.Checked
		if regen != nil && c.Works {
			if old, err = src.Check(ctx, walk.Attempt{Source: src, Values: []string{regen.Old.Key}}, false); err != nil {
				return nil
			}
		}
		return func() {
			a.Checked = c
			if regen != nil {
				regen.OldCheck = old
			}
			if c.Discovery != nil { // a store's check: what it found is the store's, and its result is remembered
				a.Store.Discovery = c.Discovery
				typed := *snap.Store.Parsed
				rememberResult(w.prefs(), typed.String(), connect.StoreOf(c.Discovery, typed), c.Result)
			}
			if a.Passed() {
				w.send(walk.CheckPassed)
			}
		}
	})
}
