package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/demo"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// DemoDeps are the wizard's dependencies for a running sandbox: its store's client, an in-memory vault,
// the sandbox service, the demo banner, preferences kept for this run only, and the sandbox stopped when the
// window closes.
func DemoDeps(d *demo.Demo, o assist.Options) Deps {
	return Deps{
		Assist:   o,
		Client:   d.Client,
		Vault:    d.Vault,
		Services: []service.Profile{d.Profile},
		Banner:   demo.Banner,
		Demo:     true,
		OnClose:  d.Close,
		Prefs:    MemoryPreferences(),
	}
}

// StartDemo starts the sandbox and a wizard walking it, its address already typed.
func StartDemo(a fyne.App, o assist.Options) (*Wizard, *demo.Demo, error) {
	d, err := demo.Start()
	if err != nil {
		return nil, nil, err
	}
	w := New(a, DemoDeps(d, o))
	w.at.Store.Address = d.Store.URL()
	w.render()
	return w, d, nil
}

// StartSyncoreDemo starts the Syncore sandbox and a wizard walking a Syncore key to another app.
func StartSyncoreDemo(a fyne.App) (*Wizard, *demo.Syncore) {
	d := demo.StartSyncore()
	w := New(a, Deps{
		Client:   woo.NewClient(woo.Options{}),
		Vault:    d.Vault,
		Services: service.Builtin(),
		Sources:  []walk.Source{connect.Syncore{Source: d.Source, Client: d.Client}},
		Banner:   demo.SyncoreBanner,
		Demo:     true,
		OnClose:  d.Close,
		Prefs:    MemoryPreferences(),
	})
	w.chooseSource(w.sourceFor(syncore.ID))
	return w, d
}

// DemoButton is the first screen's "Try the demo": WooCommerce → Syncio, or Syncore → another app. It
// opens a demo window and closes the current one.
func DemoButton(a fyne.App, o assist.Options, current func() fyne.Window) fyne.CanvasObject {
	show := func(w *Wizard) {
		w.Window().Show()
		current().Close()
	}
	b := widget.NewButtonWithIcon("Try the demo", theme.MediaPlayIcon(), func() {
		w, _, err := StartDemo(a, o)
		if err != nil {
			dialog.ShowError(err, current())
			return
		}
		show(w)
	})
	sy := widget.NewButtonWithIcon("Syncore demo", theme.MediaPlayIcon(), func() {
		w, _ := StartSyncoreDemo(a)
		show(w)
	})
	// The words beside each button wrap: a line wider than the window would widen it as it first shows,
	// and the first frame would be drawn twice.
	line := func(lead string, b *widget.Button, words string) fyne.CanvasObject {
		return container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lead), b), nil, wrapLabel(words, widget.MediumImportance))
	}
	return container.NewVBox(
		line("No store at hand?", b, "WooCommerce to Syncio: a sandbox store and Syncio on this computer."),
		line("Or:", sy, "Syncore to another app: a sandbox Syncore on this computer."))
}
