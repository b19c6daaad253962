package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Step 7: what was connected, and what to do if the service still complains.
func (w *Wizard) doneScreen() screen {
	store := w.store()
	perm := "unknown"
	if w.verdict != nil {
		perm = w.verdict.Permission.Label()
	}
	kept := "Not saved: the key isn't kept on this computer."
	if i := vault.Issue(w.saveErr); i != nil {
		kept = "Not saved: " + i.Title
	}
	if w.saved {
		kept = "Kept in " + w.deps.Vault.Where() + "."
	}
	c := []fyne.CanvasObject{
		heading("✓ " + store + " is connected to " + w.profile.Name),
		wrapLabel("Key: "+woo.MaskKey(w.creds.Key)+" ("+perm+")", widget.MediumImportance),
		wrapLabel(kept, widget.MediumImportance),
		heading("If " + w.profile.Name + " still complains"),
		numbered(w.profile.StillFailing),
	}
	c = append(c, container.NewHBox(widget.NewButtonWithIcon("Your connections", theme.ListIcon(), func() {
		w.send(walk.Connections)
		w.loadConnections()
	})))
	return screen{content: c, primary: "Close Key Relay", action: func() { w.win.Close() }}
}

// finish clears the "continue where you left off" marker: the walk is complete.
func (w *Wizard) finish() {
	p := w.prefs()
	clearPending(p)
	// The clipboard must not keep a secret once the merchant is done.
	if c := w.app.Clipboard(); c.Content() == w.creds.Secret || c.Content() == w.creds.Key {
		c.SetContent("")
	}
}
