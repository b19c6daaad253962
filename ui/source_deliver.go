package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/walk"
)

// sendPartners are the apps step 6 gives the key to: the one chosen, or in a regeneration each app that
// used the old keys.
func (w *Wizard) sendPartners() []walk.Partner {
	a := w.at
	if a.Regen == nil {
		return []walk.Partner{a.Partner}
	}
	var ps []walk.Partner
	for _, it := range a.Regen.Affected {
		ps = append(ps, walk.PartnerOf(w.at.Source, it.Service))
	}
	return ps
}

// Step 6: a copy button per value and the app's steps; in a regeneration, each app that used the old keys.
func (*sendScreen) ofSource(w *Wizard) screen {
	src, a := w.at.Source, w.at
	var keys []fyne.CanvasObject
	for i, v := range src.Values() {
		if value := a.Values[i]; value != "" {
			b := widget.NewButtonWithIcon("Copy the "+v.Name, theme.ContentCopyIcon(), func() { w.copySecret(v.Name, value) })
			if i == 0 {
				b.Importance = widget.HighImportance
			}
			keys = append(keys, b)
		}
	}
	var c []fyne.CanvasObject
	partners := w.sendPartners()
	if a.Regen != nil {
		c = append(c, wrapLabel("Give the new key to every app that used the old one: they stopped working when you regenerated.", widget.WarningImportance))
	}
	c = append(c, container.NewGridWithColumns(len(keys), keys...))
	all := true
	for _, p := range partners {
		c = append(c, heading("In "+p.Name+":"), numbered(p.UpdateSteps))
		switch {
		case a.Regen == nil:
		case a.Regen.Updated[p.ID]:
			c = append(c, wrapLabel("✓ "+p.Name+" has the new key.", widget.SuccessImportance))
		default:
			all = false
			c = append(c, container.NewHBox(widget.NewButtonWithIcon(p.Name+" has the new key", theme.ConfirmIcon(), func() {
				a.Regen.Updated[p.ID] = true
				w.render()
			})))
		}
	}
	if w.clip.note != "" {
		w.clip.label = wrapLabel(w.clip.note, widget.MediumImportance)
		c = append(c, w.clip.label)
	}
	sc := screen{title: "Give the key to " + partners[0].Name, content: c, primary: "I've given the key to " + partners[0].Name, action: func() { w.send(walk.Sent) }}
	if a.Regen != nil {
		sc.title, sc.primary, sc.disabled = "Give the new key to each app", "Every app has the new key", !all
	}
	return sc
}

// Step 7: what was handed over, and for a regeneration what was proven.
func (*doneScreen) ofSource(w *Wizard) screen {
	src, a := w.at.Source, w.at
	var c []fyne.CanvasObject
	if g := a.Regen; g != nil {
		c = append(c, heading("✓ "+src.Name()+"'s keys were regenerated safely"))
		if g.OldCheck != nil && !g.OldCheck.Works {
			c = append(c, wrapLabel("✓ The old key "+src.Mask(g.Old.Key)+" is refused by "+src.Name()+".", widget.SuccessImportance))
		}
		var names []string
		for _, p := range w.sendPartners() {
			names = append(names, p.Name)
		}
		c = append(c, wrapLabel("✓ The new key "+src.Mask(a.Values[0])+" works and went to: "+strings.Join(names, ", ")+".", widget.SuccessImportance))
	} else {
		c = append(c, heading("✓ Your "+src.Name()+" key went to "+a.Partner.Name),
			wrapLabel("Key: "+src.Mask(a.Values[0]), widget.MediumImportance))
	}
	kept := "Not saved: the key isn't kept on this computer."
	if a.Saved {
		kept = "Kept in " + w.deps.Vault.Where() + "."
		if src.Profile().Regenerate != nil {
			kept += " When the keys are regenerated one day, start from Your connections: Key Relay lists every app that uses them first."
		}
	}
	c = append(c, wrapLabel(kept, widget.MediumImportance), w.connectionsButton())
	return screen{title: "Done", content: c, primary: "Close Key Relay", action: func() { w.win.Close() }}
}
