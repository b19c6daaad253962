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
	// Parsed once, here: everything after step 1 uses it, never the typed text again.
	w.at.Store.Parsed = &addr
	w.s.store.addrErr, w.s.store.addrSuggestion, w.at.Store.Discovery, w.at.Checked = "", "", nil, nil
	// The address as parsed, never as typed: the typed text can hold anything pasted with it.
	w.prefs().SetString(prefLastStore, addr.String())
	w.run("Looking at your store…", func(ctx context.Context) func() {
		l, err := connect.LookAt(ctx, w.deps.Client, addr)
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
