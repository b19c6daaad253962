package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
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
func (s *storeScreen) view(w *Wizard) screen {
	names := make([]string, 0, len(w.deps.Services)+1)
	for _, p := range w.deps.Services {
		names = append(names, p.Name)
	}
	names = append(names, anotherChoice)
	s.serviceSelect = widget.NewSelect(names, func(name string) {
		if name == anotherChoice {
			if !s.another.chosen {
				s.another.chosen, w.at.Store.Verdict = true, nil
				w.render()
			}
			return
		}
		for _, p := range w.deps.Services {
			if p.Name == name && (p.ID != w.at.Store.Profile.ID || s.another.chosen) {
				w.at.Store.Profile, w.at.Store.Verdict, s.another.chosen = p, nil, false
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

	known := w.knownStores()
	s.addressEntry = widget.NewSelectEntry(known) // the dropdown offers stores connected before
	if len(known) == 0 {
		none := widget.NewButton("", nil) // nothing to offer yet: no dropdown arrow that opens nothing
		none.Hide()
		s.addressEntry.ActionItem = none
	}
	s.addressEntry.SetPlaceHolder("mystore.com")
	s.addressEntry.SetText(w.at.Store.Address)
	last := aside(w.lastResult())
	last.Hidden = last.Text == "" || w.at.Store.Discovery != nil
	s.addressEntry.OnChanged = func(typed string) {
		if typed != w.at.Store.Address {
			w.at.Store.Address, w.at.Store.Discovery, w.at.Store.Verdict, s.addrErr, s.addrSuggestion = typed, nil, nil, "", ""
			// Only this line follows the typing: rebuilding the screen would take the cursor away.
			last.SetText(w.lastResult())
			last.Hidden = last.Text == ""
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

	var c []fyne.CanvasObject
	if w.at.Store.Discovery == nil { // once the store was looked at, its answer needs the room
		c = append(c, wrapLabel("Key Relay connects your WooCommerce store to your sync service. It makes sure the key works before you hand it over, and tells you exactly what to do if something is wrong.", widget.MediumImportance))
	}
	c = append(c, w.sourceSelect(), heading("Which service are you connecting?"), s.serviceSelect)
	if s.another.chosen {
		c = append(c, w.anotherForm()...)
	}
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
	if d := w.at.Store.Discovery; d != nil {
		switch {
		case d.Blocker != nil:
			// The fix and its button first, in view without scrolling; what led to it below.
			c = append(c, w.issueCard(d.Blocker, w.checkStore, false), heading("What we found"), findingsList(d))
			sc.primary, sc.action = "Check again", w.checkStore
		default:
			if w.assistFirst() { // above the findings: in view beside the button it explains
				c = append(c, aside("Next, Key Relay opens your store's Add key page in a browser window of its own and fills it in: you log in there and click “Generate API key”. Rather use your own browser? The next step has a button for that."))
			}
			c = append(c, heading("What we found"), findingsList(d))
			for _, warn := range d.Warnings {
				c = append(c, w.fixCard(warn)) // its title is already among the findings
			}
			sc.primary, sc.action = "Continue", func() { w.send(walk.Continue) }
		}
	}
	if len(known) > 0 {
		c = append(c, widget.NewSeparator(), w.connectionsButton())
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
	w.takeKeyFromAddress()
	if w.s.store.another.chosen && !w.takeAnother() {
		w.render() // what is wrong shows under its field; the address and the rest stay as typed
		return
	}
	addr, err := woo.ParseAddress(w.at.Store.Address)
	if err != nil {
		var ae *woo.AddressError
		if errors.As(err, &ae) {
			w.s.store.addrErr, w.s.store.addrSuggestion = ae.Message, ae.Suggestion
		}
		w.render()
		return
	}
	w.s.store.addrErr, w.s.store.addrSuggestion, w.at.Store.Discovery, w.at.Store.Verdict = "", "", nil, nil
	// The address as parsed, never as typed: the typed text can hold anything pasted with it.
	w.prefs().SetString(prefLastStore, addr.String())
	typed := w.at.Store.Address
	w.run("Looking at your store…", func(ctx context.Context) func() {
		l, err := connect.Look(ctx, w.deps.Client, typed)
		if err != nil {
			return nil
		}
		d := l.Discovery
		return func() {
			w.at.Store.Discovery = d
			if d.Blocker != nil {
				rememberResult(w.prefs(), l.Typed, l.Store(), string(d.Blocker.Code))
				return
			}
			if len(d.Warnings) == 0 && w.at.Store.AddressKey == (woo.Credentials{}) { // a key in the address waits for the merchant's word
				w.send(walk.AddressClean)
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

// takeKeyFromAddress: a pasted address that carries a key (…?consumer_key=ck_…&consumer_secret=cs_…)
// loses it from the field at once, so it is neither shown nor kept; the merchant is offered to use it.
func (w *Wizard) takeKeyFromAddress() {
	c, _ := woo.Extract(w.at.Store.Address)
	if c.Key == "" && c.Secret == "" {
		return
	}
	text := w.at.Store.Address
	for _, v := range []string{c.Key, c.Secret} {
		if v != "" {
			text = strings.ReplaceAll(text, v, "")
		}
	}
	if a, err := woo.ParseAddress(text); err == nil {
		text = a.String() // drops the emptied query too
	}
	w.at.Store.Address, w.at.Store.AddressKey = strings.TrimSpace(text), c
	if w.s.store.addressEntry != nil {
		w.s.store.addressEntry.SetText(w.at.Store.Address)
	}
}

// addressKeyCard offers the key found in the pasted address.
func (w *Wizard) addressKeyCard() fyne.CanvasObject {
	c := w.at.Store.AddressKey
	what := "a consumer key (" + redact.MaskKey(c.Key) + ") and its secret"
	switch {
	case c.Secret == "":
		what = "a consumer key (" + redact.MaskKey(c.Key) + ")"
	case c.Key == "":
		what = "a consumer secret"
	}
	use := widget.NewButton("Use it as the key", func() {
		c := w.at.Store.AddressKey
		w.at.Store.AddressKey = woo.Credentials{}
		if d := w.at.Store.Discovery; d != nil && d.Blocker == nil && !w.busy() {
			w.take(c, false) // the store is ready: a complete pair is saved and tested at once
			return
		}
		if c.Key != "" {
			w.at.Store.Creds.Key = c.Key
		}
		if c.Secret != "" {
			w.at.Store.Creds.Secret = c.Secret
		}
		w.f.note = "The key from the address is kept for step 3, where it will be tested. It was not saved anywhere yet."
		w.render()
	})
	ignore := widget.NewButton("Don't use it", func() { w.at.Store.AddressKey = woo.Credentials{}; w.render() })
	return container.NewVBox(
		wrapLabel("The address you pasted also held "+what+". Key Relay took it out of the address, so it isn't shown or remembered with it.", widget.WarningImportance),
		container.NewHBox(use, ignore))
}

// lastResult says how the last check of the address in the field ended, for a merchant coming back;
// "" when this address was not checked here before.
func (w *Wizard) lastResult() string {
	a, err := woo.ParseAddress(w.at.Store.Address)
	if w.at.Store.Address == "" || err != nil {
		return ""
	}
	_, r := resultFor(w.prefs(), a.String())
	if r == "fit" {
		return "Last time Key Relay checked this store, the key worked."
	}
	if d := diagnosis.Find(diagnosis.Code(r)); d != nil {
		return "Last time Key Relay checked this store: " + d.Title
	}
	return ""
}
