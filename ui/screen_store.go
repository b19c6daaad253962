package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// storeScreen is step 1's: the service, "Another app" as typed, the address field and why it was refused.
type storeScreen struct {
	another        anotherApp
	addrErr        string
	addrSuggestion string // the address the merchant most likely meant, offered with addrErr
	addressEntry   *widget.SelectEntry
	serviceSelect  *widget.Select
}

// Step 1: choose the service and type the store's address; discovery runs at once.
func (s *storeScreen) ofStore(w *Wizard) screen {
	var c []fyne.CanvasObject
	if w.at.Store.Discovery == nil { // once the store was looked at, its answer needs the room
		c = append(c, wrapLabel(w.at.Source.Profile().Intro, widget.MediumImportance))
	}
	c = append(c, w.sourceSelect(), heading("Which service are you connecting?"), s.serviceChoice(w))
	if s.another.chosen {
		c = append(c, w.anotherForm()...)
	}
	known := w.knownStores()
	last := s.addressField(w, known)
	c = append(c, heading("Your store's address"), s.addressEntry)
	if s.addrErr != "" {
		c = append(c, wrapLabel(s.addrErr, widget.DangerImportance))
		if sug := s.addrSuggestion; sug != "" {
			c = append(c, container.NewHBox(widget.NewButton("Use "+sug, func() {
				w.at.Store.Address = sug
				s.addressEntry.SetText(sug)
				w.checkStore()
			})))
		}
	}
	if w.at.Store.AddressKey.Key != "" || w.at.Store.AddressKey.Secret != "" {
		c = append(c, w.addressKeyCard())
	}
	c = append(c, last)
	sc := screen{primary: "Check my store", action: w.checkStore}
	c = append(c, s.found(w, &sc)...)
	if len(known) > 0 {
		c = append(c, widget.NewSeparator(), w.connectionsButton())
	}
	if w.deps.Extra != nil {
		c = append(c, widget.NewSeparator(), w.deps.Extra)
	}
	sc.content = c
	return sc
}

// serviceChoice is "Which service are you connecting?": the services, and "Another app".
func (s *storeScreen) serviceChoice(w *Wizard) *widget.Select {
	names := make([]string, 0, len(w.deps.Services)+1)
	for _, p := range w.deps.Services {
		names = append(names, p.Name)
	}
	names = append(names, anotherChoice)
	s.serviceSelect = widget.NewSelect(names, func(name string) {
		if name == anotherChoice {
			if !s.another.chosen {
				s.another.chosen, w.at.Checked = true, nil
				w.render()
			}
			return
		}
		for _, p := range w.deps.Services {
			if p.Name == name && (p.ID != w.at.Store.Profile.ID || s.another.chosen) {
				w.at.Store.Profile, w.at.Checked, s.another.chosen = p, nil, false
				w.prefs().SetString(prefLastService, p.ID)
				w.render()
			}
		}
	})
	if s.another.chosen {
		s.serviceSelect.SetSelected(anotherChoice)
	} else {
		s.serviceSelect.SetSelected(w.at.Store.Profile.Name)
	}
	return s.serviceSelect
}

// addressField is the address field (its dropdown offers the stores connected before) and, returned, the
// line under it that says how the last check of the address typed ended.
func (s *storeScreen) addressField(w *Wizard, known []string) *widget.Label {
	s.addressEntry = widget.NewSelectEntry(known)
	if len(known) == 0 {
		none := widget.NewButton("", nil) // nothing to offer yet: no dropdown arrow that opens nothing
		none.Hide()
		s.addressEntry.ActionItem = none
	}
	s.addressEntry.SetPlaceHolder("mystore.com")
	s.addressEntry.SetText(w.at.Store.Address)
	// The last result is an aside only when there is one: an empty italic label still has Fyne parse the
	// italic fonts (about 3 MB and a few tens of milliseconds before the first frame).
	last := wrapLabel("", widget.MediumImportance)
	setLast := func(text string) {
		last.Text, last.TextStyle.Italic, last.Hidden = text, text != "", text == ""
	}
	setLast(w.lastResult())
	last.Hidden = last.Hidden || w.at.Store.Discovery != nil
	s.addressEntry.OnChanged = func(typed string) {
		if typed != w.at.Store.Address {
			w.at.Store.Address, w.at.Store.Parsed, w.at.Store.Discovery, w.at.Checked = typed, nil, nil, nil
			s.addrErr, s.addrSuggestion = "", ""
			// Only this line follows the typing: rebuilding the screen would take the cursor away.
			setLast(w.lastResult())
			last.Refresh()
		}
	}
	s.addressEntry.OnSubmitted = func(string) {
		// Enter presses the main button: after a good check of this address, that is Continue.
		if d := w.at.Store.Discovery; d != nil && d.Blocker == nil && !w.busy() && w.f.primaryAction != nil {
			w.f.primaryAction()
			return
		}
		w.checkStore()
	}
	return last
}

// found is what the look at the store found: its blocker first, with the fix, or the findings and
// warnings, and the main button that goes on.
func (s *storeScreen) found(w *Wizard, sc *screen) []fyne.CanvasObject {
	d := w.at.Store.Discovery
	switch {
	case d == nil:
		return nil
	case d.Blocker != nil:
		// The fix and its button first, in view without scrolling; what led to it below.
		sc.primary, sc.action = "Check again", w.checkStore
		return []fyne.CanvasObject{w.issueCard(d.Blocker, w.checkStore, false), heading("What we found"), findingsList(d)}
	}
	var c []fyne.CanvasObject
	if w.assistFirst() { // above the findings: in view beside the button it explains
		c = append(c, aside("Next, Key Relay opens your store's Add key page in a browser window of its own and fills it in: you log in there and click “Generate API key”. Rather use your own browser? The next step has a button for that."))
	}
	c = append(c, heading("What we found"), findingsList(d))
	for _, warn := range d.Warnings {
		c = append(c, w.fixCard(warn)) // its title is already among the findings
	}
	sc.primary, sc.action = "Continue", func() { w.send(walk.Continue) }
	return c
}

func findingsList(d *woo.Discovery) fyne.CanvasObject {
	box := container.NewVBox()
	for _, f := range d.Findings {
		imp := widget.SuccessImportance
		switch f.Status {
		case woo.StatusWarn:
			imp = widget.WarningImportance
		case woo.StatusBlock:
			imp = widget.DangerImportance
		}
		box.Add(wrapLabel(f.Status.Symbol()+" "+f.Text, imp))
	}
	return box
}
