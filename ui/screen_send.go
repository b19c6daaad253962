package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// sendScreen is step 6's: the service's steps and the copy buttons.
type sendScreen struct{}

// Step 6: the service's own steps and two large copy buttons; copies are cleared from the clipboard.
func (*sendScreen) ofStore(w *Wizard) screen {
	p := w.at.Store.Profile
	copyKey := widget.NewButtonWithIcon("Copy consumer key", theme.ContentCopyIcon(), func() { w.copySecret("Consumer key", w.at.Store.Creds.Key) })
	copySecret := widget.NewButtonWithIcon("Copy consumer secret", theme.ContentCopyIcon(), func() { w.copySecret("Consumer secret", w.at.Store.Creds.Secret) })
	copyKey.Importance, copySecret.Importance = widget.HighImportance, widget.HighImportance
	steps := slices.Clone(p.UpdateSteps)
	switch {
	case p.AccountURL == "": // no page to open: the steps say to open the app
	case !w.at.Store.Delivery.AccountOpened && len(steps) > 0 && w.at.Store.Delivery.Assisted:
		steps[0] = p.Name + "'s page is " + p.AccountURL + ": open it in the Key Relay browser window or your own, and log in."
	case !w.at.Store.Delivery.AccountOpened && len(steps) > 0:
		// The first step says the page just opened; it didn't. Say what to do instead.
		steps[0] = "Open " + p.AccountURL + " in your web browser and log in to " + p.Name + " (Key Relay couldn't open it; its address is on the clipboard)."
	}
	var c []fyne.CanvasObject
	switch {
	case w.assistSending() && w.busy():
		c = append(c, aside("Key Relay puts the key only into "+p.Name+"'s own page, and never clicks its button for you. If anything there isn't where Key Relay expects it, it says so and you paste with the buttons below."))
	case w.at.Store.Delivery.Assisted && p.AccountURL == "":
		c = append(c, wrapLabel("Key Relay has no address for "+p.Name+"'s page, so it can't fill it in for you: paste the key and secret with the buttons below.", widget.MediumImportance))
	}
	c = append(c, w.assistNote()...)
	c = append(c, wrapLabel("In "+p.Name+":", widget.MediumImportance), numbered(steps))
	if p.AccountURL != "" {
		c = append(c, container.NewHBox(widget.NewButtonWithIcon("Open "+p.Name, theme.ComputerIcon(), func() {
			if w.open(p.AccountURL) && !w.at.Store.Delivery.AccountOpened {
				w.at.Store.Delivery.AccountOpened = true
				w.render()
			}
		})))
	}
	c = append(c,
		container.NewGridWithColumns(2, copyKey, copySecret),
		container.NewGridWithColumns(2, keyText(w.shown(woo.FieldKey, w.at.Store.Creds.Key)), keyText(w.shown(woo.FieldSecret, w.at.Store.Creds.Secret))),
		container.NewHBox(w.revealButton()),
	)
	if w.clip.note != "" {
		w.clip.label = wrapLabel(w.clip.note, widget.MediumImportance)
		c = append(c, w.clip.label)
	}
	sent := "I've clicked Update in " + p.Name
	if p.IsAnother() { // its button's name isn't known
		sent = "I've saved the key in " + p.Name
	}
	return screen{title: "Send to " + p.Name, content: c, primary: sent, action: func() { w.send(walk.Sent) }}
}
