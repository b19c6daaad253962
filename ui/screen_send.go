package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/woo"
)

// Step 6: the service's own steps and two large copy buttons; copies are cleared from the clipboard.
func (w *Wizard) sendScreen() screen {
	p := w.profile
	copyKey := widget.NewButtonWithIcon("Copy consumer key", theme.ContentCopyIcon(), func() { w.copySecret("Consumer key", w.creds.Key) })
	copySecret := widget.NewButtonWithIcon("Copy consumer secret", theme.ContentCopyIcon(), func() { w.copySecret("Consumer secret", w.creds.Secret) })
	copyKey.Importance, copySecret.Importance = widget.HighImportance, widget.HighImportance
	c := []fyne.CanvasObject{
		wrapLabel("In "+p.Name+":", widget.MediumImportance),
		numbered(p.UpdateSteps),
		container.NewHBox(widget.NewButtonWithIcon("Open "+p.Name, theme.ComputerIcon(), func() { w.open(p.AccountURL) })),
		container.NewGridWithColumns(2, copyKey, copySecret),
		container.NewGridWithColumns(2, keyText(w.shown(woo.FieldKey, w.creds.Key)), keyText(w.shown(woo.FieldSecret, w.creds.Secret))),
		container.NewHBox(w.revealButton()),
	}
	if w.copyNote != "" {
		c = append(c, wrapLabel(w.copyNote, widget.MediumImportance))
	}
	return screen{title: "Send to " + p.Name, content: c, primary: "I've clicked Update in " + p.Name, action: func() { w.goTo(stepDone) }}
}
