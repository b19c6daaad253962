package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/walk"
)

// Step 2: the source's documented steps (or, for a regeneration, who stops working first), and its page.
func (*createScreen) ofSource(w *Wizard) screen {
	src, a := w.at.Source, w.at
	p := src.Profile()
	open := widget.NewButtonWithIcon("Open "+p.Where, theme.ComputerIcon(), func() { w.open(p.Page) })
	var c []fyne.CanvasObject
	steps := p.Steps
	if a.Regen != nil {
		steps = p.Regenerate
		c = append(c, heading("These stop working the moment you click Regenerate"))
		for _, it := range a.Regen.Affected {
			c = append(c, wrapLabel("• "+walk.PartnerOf(src, it.Service).Name+" (key "+src.Mask(it.Key)+")", widget.WarningImportance))
		}
		c = append(c, wrapLabel(p.Regenerated, widget.MediumImportance))
	}
	c = append(c, wrapLabel("In "+src.Name()+": "+p.Where, widget.MediumImportance), numbered(steps), container.NewHBox(open))
	for _, n := range p.Notes {
		c = append(c, aside("⚠ "+n))
	}
	c = append(c, w.refusedCards()...)
	c = append(c, aside(p.Watching))
	title := "Find the API key"
	if a.Regen != nil {
		title = "Regenerate the keys"
	}
	return screen{title: title, content: c, primary: "I have the key", action: func() { w.send(walk.Continue) }}
}

// refusedCards are the reasons the last values offered were refused.
func (w *Wizard) refusedCards() []fyne.CanvasObject {
	var c []fyne.CanvasObject
	for _, i := range w.at.Refused {
		if i != nil {
			c = append(c, w.issueCard(i, nil, false))
		}
	}
	return c
}

// Step 3: the values, picked up from the clipboard or pasted: the first copied goes first, the next into
// the next field, unless pasted into another.
func (*captureScreen) ofSource(w *Wizard) screen {
	src, a := w.at.Source, w.at
	c := []fyne.CanvasObject{wrapLabel(src.Profile().CaptureHint, widget.MediumImportance)}
	for slot, v := range src.Values() {
		label := v.Name
		if v.Optional {
			label += " (optional)"
		}
		row := []fyne.CanvasObject{heading(label)}
		if got := a.Values[slot]; got != "" {
			how := "pasted"
			if a.FromClip[slot] {
				how = "picked up from the clipboard"
			}
			row = append(row, wrapLabel("✓ "+src.Mask(got)+" ("+how+")", widget.SuccessImportance))
		} else {
			e := widget.NewPasswordEntry()
			e.SetPlaceHolder("Paste the " + strings.ToLower(v.Name) + " here")
			e.SetText(a.Typed[slot])
			e.OnChanged = func(s string) { a.Typed[slot] = s }
			e.OnSubmitted = func(s string) { w.offerValue(s, slot, false) }
			take := widget.NewButton("Use it", func() { w.offerValue(e.Text, slot, false) })
			row = append(row, container.NewBorder(nil, nil, nil, take, e))
		}
		c = append(c, container.NewVBox(row...))
	}
	if len(a.Values) > 1 && a.Values[0] != "" && a.Values[1] != "" {
		c = append(c, container.NewHBox(widget.NewButton("These are the other way round", func() {
			a.Swap()
			w.render()
		})))
	}
	c = append(c, w.refusedCards()...)
	return screen{title: "Capture the key", content: c, primary: "Check the key", action: func() { w.send(walk.KeyCaptured) },
		disabled: a.Values[0] == ""}
}

// offerValue takes a value offered for slot (-1: the next free one, as the clipboard gives them) or says
// why it is refused; nothing captured before is lost. A value taken is tested at once.
func (w *Wizard) offerValue(text string, slot int, fromClip bool) {
	if !w.at.Offer(text, slot, fromClip) {
		w.render()
		return
	}
	if cb := w.app.Clipboard(); fromClip && cb.Content() == text {
		cb.SetContent("") // Key Relay has it; left on the clipboard it could be pasted anywhere
		w.clip.last = ""
	}
	if w.step <= stepCapture || w.step == stepCheck {
		w.send(walk.KeyCaptured) // test at once; a second value arriving on the check step is tested too
		w.win.RequestFocus()
		return
	}
	w.render()
}
