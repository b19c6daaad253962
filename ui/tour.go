package ui

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"fyne.io/fyne/v2"

	"github.com/keyrelay/keyrelay/client/demo"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Tour walks the demo in the real window, doing what a merchant does (the browser's part over HTTP, like
// the demo test), and calls shot with a name once each step's screen is showing: .ci/screenshots answers
// by taking a real X screenshot and checking that it rendered.
func (w *Wizard) Tour(d *demo.Demo, shot func(name string) error) error {
	ctx := context.Background()
	w.deps.OpenURL = func(*url.URL) error { return nil } // the tour plays the browser's part itself
	wait := func(what string, cond func() bool) error {
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			ok := false
			fyne.DoAndWait(func() { ok = cond() && !w.busy() })
			if ok {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("tour: timed out waiting for %s", what)
			}
		}
	}
	do := fyne.DoAndWait
	primary := func() { do(func() { w.primaryAction() }) }

	steps := []func() error{
		func() error { return shot("store") },
		func() error {
			do(w.checkStore)
			return wait("discovery", func() bool { return w.discovery != nil })
		},
		func() error { return shot("store-checked") },
		func() error { primary(); return wait("create", func() bool { return w.step == stepCreate }) },
		func() error { primary(); return shot("create-key") },
		func() error {
			// A merchant who leaves Permissions at WordPress's default makes a read-only key: the tour
			// shows that diagnosis, then the fix in place.
			c, err := d.Generate(ctx, w.profile.KeyDescription, woo.PermRead)
			if err != nil {
				return err
			}
			do(func() { w.app.Clipboard().SetContent(c.Key); w.pollClipboard() })
			if err := wait("capture", func() bool { return w.step == stepCapture }); err != nil {
				return err
			}
			if err := shot("capture"); err != nil {
				return err
			}
			do(func() { w.app.Clipboard().SetContent(c.Secret); w.pollClipboard() })
			if err := wait("the diagnosis", func() bool { return w.step == stepCheck && w.verdict != nil }); err != nil {
				return err
			}
			if err := shot("diagnosis"); err != nil {
				return err
			}
			d.Store.SetPermissions(c.Key, string(woo.PermReadWrite)) // edited in WordPress: same key and secret
			primary()                                                // Check again
			return wait("the saved key", func() bool { return w.step == stepSave && w.saved })
		},
		func() error {
			do(func() { w.send(walk.Back) }) // the passed test, on the screen before
			return shot("test")
		},
		func() error { primary(); return wait("save", func() bool { return w.step == stepSave && w.saved }) },
		func() error { return shot("save") },
		func() error { primary(); return shot("send") },
		func() error {
			var c woo.Credentials
			do(func() { c = w.creds })
			if _, err := d.Submit(ctx, c); err != nil {
				return err
			}
			primary()
			return shot("done")
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
