package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/woo"
)

// Step 1: choose the service and type the store's address; discovery runs at once.
func (w *Wizard) storeScreen() screen {
	names := make([]string, len(w.deps.Services))
	for i, p := range w.deps.Services {
		names[i] = p.Name
	}
	w.serviceSelect = widget.NewSelect(names, func(name string) {
		for _, p := range w.deps.Services {
			if p.Name == name && p.ID != w.profile.ID {
				w.profile, w.verdict = p, nil
				w.prefs().SetString(prefLastService, p.ID)
				w.render()
			}
		}
	})
	w.serviceSelect.SetSelected(w.profile.Name)

	known := w.knownStores()
	w.addressEntry = widget.NewSelectEntry(known) // the dropdown offers stores connected before
	if len(known) == 0 {
		none := widget.NewButton("", nil) // nothing to offer yet: no dropdown arrow that opens nothing
		none.Hide()
		w.addressEntry.ActionItem = none
	}
	w.addressEntry.SetPlaceHolder("mystore.com")
	w.addressEntry.SetText(w.address)
	last := aside(w.lastResult())
	last.Hidden = last.Text == "" || w.discovery != nil
	w.addressEntry.OnChanged = func(s string) {
		if s != w.address {
			w.address, w.discovery, w.verdict, w.addrErr = s, nil, nil, ""
			// Only this line follows the typing: rebuilding the screen would take the cursor away.
			last.SetText(w.lastResult())
			last.Hidden = last.Text == ""
			last.Refresh()
		}
	}
	w.addressEntry.OnSubmitted = func(string) { w.checkStore() }

	c := []fyne.CanvasObject{
		wrapLabel("Key Relay connects your WooCommerce store to your sync service. It makes sure the key works before you hand it over, and tells you exactly what to do if something is wrong.", widget.MediumImportance),
		heading("Which service are you connecting?"), w.serviceSelect,
		heading("Your store's address"), w.addressEntry,
	}
	if w.addrErr != "" {
		c = append(c, wrapLabel(w.addrErr, widget.DangerImportance))
	}
	c = append(c, last)
	sc := screen{primary: "Check my store", action: w.checkStore}
	if d := w.discovery; d != nil {
		c = append(c, heading("What we found"), findingsList(d))
		switch {
		case d.Blocker != nil:
			c = append(c, w.issueCard(d.Blocker, w.checkStore))
			sc.primary, sc.action = "Check again", w.checkStore
		default:
			for _, warn := range d.Warnings {
				c = append(c, w.fixCard(warn)) // its title is already among the findings
			}
			sc.primary, sc.action = "Continue", func() { w.goTo(stepCreate) }
		}
	}
	if w.deps.Extra != nil {
		c = append(c, widget.NewSeparator(), w.deps.Extra)
	}
	sc.content = c
	return sc
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

// checkStore parses the address and runs discovery. With nothing to warn about it moves straight on.
func (w *Wizard) checkStore() {
	addr, err := woo.ParseAddress(w.address)
	if err != nil {
		var ae *woo.AddressError
		if errors.As(err, &ae) {
			w.addrErr = ae.Message
		}
		w.render()
		return
	}
	w.addrErr, w.discovery, w.verdict = "", nil, nil
	w.prefs().SetString(prefLastStore, w.address)
	w.run("Looking at your store…", func(ctx context.Context) func() {
		d, err := w.deps.Client.Discover(ctx, addr)
		if err != nil {
			return nil
		}
		return func() {
			w.discovery = d
			w.noteIssue(d.Blocker, d.Warnings)
			if d.Blocker != nil {
				w.prefs().SetString(prefLastResult, string(d.Blocker.Code))
				return
			}
			if len(d.Warnings) == 0 {
				w.goTo(stepCreate)
			}
		}
	})
}

// knownStores are the stores a key was saved for on this computer, newest first, each once.
func (w *Wizard) knownStores() []string {
	known := w.prefs().StringList(prefKnownStores)
	var stores []string
	for i := len(known) - 1; i >= 0; i-- {
		if _, store, ok := strings.Cut(known[i], " "); ok && !slices.Contains(stores, store) {
			stores = append(stores, store)
		}
	}
	return stores
}

// lastResult says how the last check of the address in the field ended, for a merchant coming back;
// "" when this address was not checked here before.
func (w *Wizard) lastResult() string {
	p := w.prefs()
	if w.address == "" || w.address != p.String(prefLastStore) {
		return ""
	}
	r := p.String(prefLastResult)
	if r == "fit" {
		return "Last time Key Relay checked this store, the key worked."
	}
	if d := woo.Find(woo.Code(r)); d != nil {
		return "Last time Key Relay checked this store: " + d.Title
	}
	return ""
}
