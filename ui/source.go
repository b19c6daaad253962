package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// A walk of a key source other than a WooCommerce store (Syncore, and whatever source comes next): the
// same steps and transitions, drawn by the screens in source_*.go from the source (client/walk.Source)
// and the walk's state (walk.Attempt). A source's screens hold no source's name: its words are its
// profile's.

// onStore reports whether the walk is a WooCommerce store's key; onSource, another source's.
func (w *Wizard) onStore() bool { return w.at.Source.ID() == walk.StoreID }

func (w *Wizard) onSource() bool { return !w.onStore() }

// sourceFor is the source whose connections carry id (vault.Item.Source); nil when none does.
func (w *Wizard) sourceFor(id string) walk.Source {
	for _, s := range w.deps.Sources {
		if s.ID() == id {
			return s
		}
	}
	return nil
}

// chooseSource switches what the merchant connects from; what was captured for the other stays.
func (w *Wizard) chooseSource(src walk.Source) {
	id := src.ID()
	if id == w.at.Source.ID() {
		return
	}
	switch {
	case w.walks[id] != nil:
	case id == walk.StoreID:
		w.startStore(w.freshStore())
	default:
		w.startSource(src, src.Partners()[0], nil)
	}
	w.at = w.walks[id]
	w.render()
}

// startSource starts a fresh walk of src for partner p, with a regeneration when regen is set.
func (w *Wizard) startSource(src walk.Source, p walk.Partner, regen *walk.Regeneration) {
	a := walk.NewAttempt(src, p)
	a.Regen = regen
	w.walks[src.ID()], w.at = &a, &a
}

// sourceSelect is "What are you connecting from?" on the first screen.
func (w *Wizard) sourceSelect() fyne.CanvasObject {
	var names []string
	for _, s := range w.deps.Sources {
		names = append(names, s.Profile().Choice)
	}
	sel := widget.NewSelect(names, func(choice string) {
		for _, s := range w.deps.Sources {
			if s.Profile().Choice == choice {
				w.chooseSource(s)
			}
		}
	})
	sel.SetSelected(w.at.Source.Profile().Choice)
	return container.NewVBox(heading("What are you connecting from?"), sel)
}

// Step 1: what it connects from and the app it goes to.
func (*storeScreen) ofSource(w *Wizard) screen {
	src, a := w.at.Source, w.at
	names := make([]string, 0, len(src.Partners()))
	for _, p := range src.Partners() {
		names = append(names, p.Name)
	}
	partner := widget.NewSelect(names, func(name string) {
		for _, p := range src.Partners() {
			if p.Name == name {
				a.Partner = p
			}
		}
	})
	partner.SetSelected(a.Partner.Name)
	c := []fyne.CanvasObject{wrapLabel(src.Profile().Intro, widget.MediumImportance), w.sourceSelect(),
		heading("Which app gets the key?"), partner}
	for _, n := range src.Profile().Notes {
		c = append(c, aside("⚠ "+n))
	}
	return screen{title: "What you're connecting", content: c, primary: "Continue", action: func() { w.send(walk.Continue) }}
}

// sourceRow is a saved connection of another source on the list: the app, the keys' endings, its last
// check, and the safe way to regenerate.
func (w *Wizard) sourceRow(i int, src walk.Source) fyne.CanvasObject {
	it := w.s.conns.items[i]
	box := container.NewVBox(heading(sourceTo(src, walk.PartnerOf(src, it.Service).Name)))
	values := src.Values()
	line := values[0].Name + " " + src.Mask(it.Key)
	if it.Secret != "" && len(values) > 1 {
		line += " and " + values[1].Name + " " + src.Mask(it.Secret)
	}
	box.Add(wrapLabel(line+" · saved "+ago(it.Created), widget.MediumImportance))
	buttons := w.lastCheck(box, i, src.Name()+" accepts the key", func(*diagnosis.Diagnosis) {
		w.startSource(src, walk.PartnerOf(src, it.Service), nil)
		w.send(walk.ChangeStore) // the key is copied again from the source: the walk for this app, from its start
	})
	if src.Profile().Regenerate != nil {
		buttons = append(buttons, widget.NewButtonWithIcon("Regenerate keys safely", theme.ViewRefreshIcon(), func() { w.regenerateSafely(src, it) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { w.askRemove(it) }))
	box.Add(container.NewHBox(buttons...))
	return box
}

// regenerateSafely starts a regeneration of the keys a saved connection uses: every connection using them
// is listed before the merchant clicks Regenerate at the source.
func (w *Wizard) regenerateSafely(src walk.Source, it vault.Item) {
	r := &walk.Regeneration{Old: it, Updated: map[string]bool{}}
	for _, c := range w.s.conns.items {
		if c.Source == it.Source && c.Store == it.Store && c.Key == it.Key {
			r.Affected = append(r.Affected, c)
		}
	}
	w.startSource(src, walk.PartnerOf(src, it.Service), r)
	w.send(walk.Regenerate)
}

// sourceTo names another source's connection by its app, in words: "Syncore to PromoSync". Not with
// "→": Fyne's Noto Sans has no arrow, the symbol font that draws it has no space, and the space after it
// shows as "�" (ui/glyphs_test.go checks every screen the tests look at).
func sourceTo(src walk.Source, partner string) string { return src.Name() + " to " + partner }
