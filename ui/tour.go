package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/demo"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Tour walks the demo in the real window, doing what a merchant does (the browser's part over HTTP, like
// the demo test), and calls shot with a name once each step's screen is showing: .ci/screenshots answers
// by taking a real X screenshot and checking that it rendered.
func (w *Wizard) Tour(d *demo.Demo, shot func(name string) error) error {
	shot = w.readShots(shot)
	ctx := context.Background()
	w.deps.OpenURL = func(*url.URL) error { return nil } // the tour plays the browser's part itself
	wait := w.tourWait(20*time.Second, true)
	do := fyne.DoAndWait
	press := func() { do(func() { w.f.primaryAction() }) } // the screen's main button
	send := func(e walk.Event) func() { return func() { do(func() { w.send(e) }) } }
	copyFromWordPress := func(v func() string) func() {
		return func() { do(func() { w.app.Clipboard().SetContent(v()); w.pollClipboard() }) }
	}
	// A merchant who leaves Permissions at WordPress's default makes a read-only key: the tour shows that
	// diagnosis, then the fix in place.
	var c woo.Credentials
	var failed error // what went wrong in the merchant's part, played by the tour
	generate := func() { c, failed = d.Generate(ctx, w.at.Store.Profile.KeyDescription, access.PermRead) }

	// The script: what the merchant does (or what happens), until when, and the screenshot then.
	script := []struct {
		do    func()
		until func() bool
		shot  string
	}{
		{func() { do(func() { w.prefs().SetString(prefByHand, "yes") }) }, nil, "store"}, // this merchant makes the key in their own browser
		{func() { do(w.checkStore) }, func() bool { return w.at.Store.Discovery != nil }, "store-checked"},
		{press, func() bool { return w.step == stepCreate }, ""},
		{func() { do(w.byHand) }, nil, "create-key"},
		{func() { generate(); copyFromWordPress(func() string { return c.Key })() }, func() bool { return w.step == stepCapture }, "capture"},
		{copyFromWordPress(func() string { return c.Secret }), func() bool { return w.step == stepCheck && w.verdict() != nil }, "diagnosis"},
		{func() { d.Store.SetPermissions(c.Key, string(access.PermReadWrite)); press() }, // edited in WordPress: same key; Check again
			func() bool { return w.step == stepSave && w.at.Saved }, ""},
		{send(walk.Back), nil, "test"}, // the passed test, on the screen before
		{press, func() bool { return w.step == stepSave && w.at.Saved }, "save"},
		{press, nil, "send"},
		{func() {
			var creds woo.Credentials
			do(func() { creds = w.at.Store.Creds })
			if _, failed = d.Submit(ctx, creds); failed == nil {
				press()
			}
		}, nil, "done"},
		{send(walk.Connections), func() bool { return w.step == walk.Home }, ""},
		{func() { do(w.loadConnections) }, func() bool { return len(w.s.conns.items) > 0 }, "connections"},
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
	return runTour(steps)
}

// TourAssist walks the demo with browser assist, in Key Relay's real browser window: the tour plays the
// merchant's two clicks there (Generate API key, the sandbox Syncio's Update) and asks for screenshots of
// both windows ("browser-…" names the browser's). It ends on Done once the keys list shows Syncio's use of the key.
func (w *Wizard) TourAssist(d *demo.Demo, shot func(name string) error) error {
	shot = w.readShots(shot)
	w.deps.OpenURL = func(*url.URL) error { return nil }
	wait := w.tourWait(60*time.Second, false) // the browser's part may take a while; a job runs while it waits
	saying := func(words string) func() bool {
		return func() bool { return strings.Contains(w.jobs.What, words) }
	}
	click := func(sel string) error { // the merchant's own click, in the browser window
		s := w.assist.win.Load()
		if s == nil {
			return fmt.Errorf("tour: no browser window")
		}
		ctx, cancel := context.WithTimeout(s.Tab(), 20*time.Second)
		defer cancel()
		return chromedp.Do(ctx, chromedp.Click(sel))
	}
	steps := []func() error{
		func() error {
			fyne.DoAndWait(func() { w.prefs().RemoveValue(prefByHand); w.checkStore() })
			return wait("the store", func() bool { return w.at.Store.Discovery != nil && !w.busy() })
		},
		func() error { return shot("assist-choice") }, // step 1 says its main button goes on in Key Relay's browser window
		func() error {
			fyne.DoAndWait(func() { w.f.primaryAction() }) // Continue past the sandbox's plain-HTTP warning: assist starts
			return wait("the filled form", saying("Generate API key"))
		},
		func() error { time.Sleep(time.Second); return shot("assist-waiting") },
		func() error { return shot("browser-generate") },
		func() error { return click("#" + wpadmin.ButtonGenerate) },
		func() error { return wait("Syncio's form", saying("Click its highlighted button")) },
		func() error { time.Sleep(time.Second); return shot("browser-send") },
		func() error { return click("#update") }, // the sandbox Syncio's own button: Key Relay found the form by its words
		func() error { return wait("Done", func() bool { return w.step == stepDone }) },
		func() error { return shot("assist-done") },
		func() error {
			// Proof of delivery: WordPress's Last access is to the minute, so it passes Key Relay's own last
			// call once the sandbox Syncio (syncing every 20 s) calls in a later minute: up to 80 s.
			if err := w.tourWait(100*time.Second, false)("proof of delivery", func() bool { return w.at.Store.Delivery.UsedAt != nil }); err != nil {
				return err
			}
			var at string
			fyne.DoAndWait(func() { at = w.at.Store.Delivery.UsedAt.LastAccess.Format("15:04") })
			fmt.Printf("happy path with browser assist on the real binary: proof of delivery, Syncio used the key at %s (the store's time)\n", at)
			return nil
		},
	}
	return runTour(steps)
}

// TourSyncore walks the Syncore demo: the choice, the documented steps, the key picked up and checked,
// the hand-over, the saved connection, and the start of a safe regeneration (who stops working first).
func (w *Wizard) TourSyncore(d *demo.Syncore, shot func(name string) error) error {
	shot = w.readShots(shot)
	w.deps.OpenURL = func(*url.URL) error { return nil }
	wait := w.tourWait(20*time.Second, true)
	do := fyne.DoAndWait
	press := func() { do(func() { w.f.primaryAction() }) }
	steps := []func() error{
		func() error { return shot("syncore-choice") },
		func() error { press(); return wait("step 2", func() bool { return w.step == stepCreate }) },
		func() error { return shot("syncore-steps") },
		func() error {
			primary, _ := d.Sandbox.Generate() // the merchant clicks + Generate API Key, Reveal, then the copy icon
			do(func() { w.app.Clipboard().SetContent(primary); w.pollClipboard() })
			return wait("the saved key", func() bool { return w.step == stepSave && w.at.Saved })
		},
		func() error {
			send := func() { do(func() { w.send(walk.Back) }) }
			send()
			return shot("syncore-check")
		},
		func() error {
			do(func() { w.send(walk.Continue) })
			return wait("step 5", func() bool { return w.step == stepSave })
		},
		func() error { press(); return shot("syncore-send") },
		func() error { press(); return wait("Done", func() bool { return w.step == stepDone }) },
		func() error {
			do(func() { w.send(walk.Connections); w.loadConnections() })
			return wait("the list", func() bool { return len(w.s.conns.items) > 0 })
		},
		func() error { return shot("syncore-connections") },
		func() error {
			do(func() { w.regenerateSafely(w.sourceFor(syncore.ID), w.s.conns.items[0]) })
			return wait("the regeneration", func() bool { return w.step == stepCreate })
		},
		func() error { return shot("syncore-regenerate") },
	}
	return runTour(steps)
}

// readShots reads the text of each screen before it is shot: one that would show "�" (a space after a
// character drawn from a fallback font without one) fails the tour, as it would fail a merchant's eye.
func (w *Wizard) readShots(shot func(name string) error) func(name string) error {
	return func(name string) error {
		var bad string
		fyne.DoAndWait(func() {
			for _, t := range screenTexts(w.win.Content()) {
				if bad = unrenderable(t); bad != "" {
					return
				}
			}
		})
		if bad != "" {
			return fmt.Errorf("tour: the %q screen would show �: %s", name, bad)
		}
		return shot(name)
	}
}

// tourWait returns what a tour waits with: cond, read on the UI goroutine (and, when idle, with no job
// running), until it holds or limit passes.
func (w *Wizard) tourWait(limit time.Duration, idle bool) func(what string, cond func() bool) error {
	return func(what string, cond func() bool) error {
		for deadline := time.Now().Add(limit); ; time.Sleep(20 * time.Millisecond) {
			ok := false
			fyne.DoAndWait(func() { ok = cond() && (!idle || !w.busy()) })
			if ok {
				return nil
			}
			if time.Now().After(deadline) {
				var state string
				fyne.DoAndWait(func() { state = fmt.Sprintf("step %v, job %q, note %q", w.step, w.jobs.What, w.f.note) })
				return fmt.Errorf("tour: timed out waiting for %s (%s)", what, state)
			}
		}
	}
}

// runTour runs a tour's steps in order, stopping at the first that fails.
func runTour(steps []func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
