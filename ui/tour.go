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
	press := func() { do(func() { w.primaryAction() }) } // the screen's main button
	send := func(e walk.Event) func() { return func() { do(func() { w.send(e) }) } }
	copyFromWordPress := func(v func() string) func() {
		return func() { do(func() { w.app.Clipboard().SetContent(v()); w.pollClipboard() }) }
	}
	// A merchant who leaves Permissions at WordPress's default makes a read-only key: the tour shows that
	// diagnosis, then the fix in place.
	var c woo.Credentials
	var failed error // what went wrong in the merchant's part, played by the tour
	generate := func() { c, failed = d.Generate(ctx, w.profile.KeyDescription, woo.PermRead) }

	// The script: what the merchant does (or what happens), until when, and the screenshot then.
	script := []struct {
		do    func()
		until func() bool
		shot  string
	}{
		{nil, nil, "store"},
		{func() { do(w.checkStore) }, func() bool { return w.discovery != nil }, "store-checked"},
		{press, func() bool { return w.step == stepCreate }, ""},
		{press, nil, "create-key"},
		{func() { generate(); copyFromWordPress(func() string { return c.Key })() }, func() bool { return w.step == stepCapture }, "capture"},
		{copyFromWordPress(func() string { return c.Secret }), func() bool { return w.step == stepCheck && w.verdict != nil }, "diagnosis"},
		{func() { d.Store.SetPermissions(c.Key, string(woo.PermReadWrite)); press() }, // edited in WordPress: same key; Check again
			func() bool { return w.step == stepSave && w.saved }, ""},
		{send(walk.Back), nil, "test"}, // the passed test, on the screen before
		{press, func() bool { return w.step == stepSave && w.saved }, "save"},
		{press, nil, "send"},
		{func() {
			var creds woo.Credentials
			do(func() { creds = w.creds })
			if _, failed = d.Submit(ctx, creds); failed == nil {
				press()
			}
		}, nil, "done"},
		{send(walk.Connections), func() bool { return w.step == walk.Home }, ""},
		{func() { do(w.loadConnections) }, func() bool { return len(w.conns) > 0 }, "connections"},
	}
	steps := make([]func() error, len(script))
	for i, s := range script {
		steps[i] = func() error {
			if s.do != nil {
				if s.do(); failed != nil {
					return failed
				}
			}
			if s.until != nil {
				if err := wait(s.shot, s.until); err != nil {
					return err
				}
			}
			if s.shot == "" {
				return nil
			}
			return shot(s.shot)
		}
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
