package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// watchClipboard starts or stops reading the clipboard. It runs only while the merchant is creating or
// capturing a key, so nothing else they copy is ever looked at.
func (w *Wizard) watchClipboard(on bool) {
	if on == w.watching {
		return
	}
	w.watching = on
	if !on {
		if w.stopPoll != nil {
			close(w.stopPoll)
			w.stopPoll = nil
		}
		return
	}
	// Whatever is on the clipboard when the key is about to be made was copied before it existed. Once a
	// key was captured, a copy made in the meantime (on another step) is the merchant's fresh copy.
	w.lastClip = ""
	if w.creds.Key == "" && w.creds.Secret == "" {
		w.lastClip = w.app.Clipboard().Content()
	}
	if w.deps.ClipboardPoll < 0 {
		return
	}
	stop := make(chan struct{})
	w.stopPoll = stop
	go func() {
		t := time.NewTicker(w.deps.ClipboardPoll)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				w.deps.Do(func() {
					if w.watching {
						w.pollClipboard()
					}
				})
			}
		}
	}()
}

// pollClipboard takes a key or secret the merchant copied with WooCommerce's Copy buttons.
func (w *Wizard) pollClipboard() {
	text := w.app.Clipboard().Content()
	if text == w.lastClip {
		return
	}
	w.lastClip = text
	if text == "" || w.ownClip[text] {
		return
	}
	if w.onSource() {
		w.offerValue(text, -1, true)
		return
	}
	c, problems := woo.Extract(text)
	if c.Key == "" && c.Secret == "" {
		// Report a bad key only when the text was meant as one; other copies are none of our business.
		for _, p := range problems {
			if p.Code != woo.ProblemNotAKey && p.Field != 0 && looksMeant(text) {
				w.fieldErr[p.Field-1] = "From the clipboard: " + p.Message
			}
		}
		if w.fieldErr != [2]string{} {
			w.render()
		}
		return
	}
	w.take(c, true)
}

func looksMeant(text string) bool {
	t := strings.ToLower(text)
	return strings.Contains(t, "ck_") || strings.Contains(t, "cs_") || strings.Contains(t, "consumer") || strings.Contains(t, "…")
}

// take stores captured values and moves the walk on.
func (w *Wizard) take(c woo.Credentials, fromClipboard bool) {
	changed := false
	if c.Key != "" {
		if c.Key != w.creds.Key {
			w.verdict, w.saved, changed = nil, false, true
		}
		w.creds.Key, w.fromClip[0], w.fieldErr[0] = c.Key, fromClipboard, ""
	}
	if c.Secret != "" {
		if c.Secret != w.creds.Secret {
			w.verdict, w.saved, changed = nil, false, true
		}
		w.creds.Secret, w.fromClip[1], w.fieldErr[1] = c.Secret, fromClipboard, ""
		// Key Relay has the secret now; left on the clipboard it could be pasted anywhere, a support chat
		// included. Its Copy buttons put it back when the sync service needs it.
		w.secretCleared = false
		if cb := w.app.Clipboard(); strings.Contains(cb.Content(), c.Secret) {
			cb.SetContent("")
			w.lastClip, w.secretCleared = "", true
		}
	}
	switch {
	case w.creds.Complete() && (w.step <= stepCapture || w.step == stepCheck && changed):
		w.captured() // on the test step, a fresh copy replaced a refused value: tested at once
	case w.step == stepCreate:
		w.send(walk.ValueCaptured)
	default:
		w.render()
	}
}

// copyText puts text on the clipboard; the watcher ignores what Key Relay put there itself.
func (w *Wizard) copyText(text string) {
	w.ownClip[text] = true
	w.app.Clipboard().SetContent(text)
}

// clearCopiedSecret empties the clipboard if it still holds a key or secret Key Relay put there; anything
// the merchant copied since is left alone.
func (w *Wizard) clearCopiedSecret() {
	if w.secretCopy != nil {
		w.secretCopy.Clear()
		w.secretCopy = nil
		return
	}
	if cb := w.app.Clipboard(); cb != nil && w.copiedSecrets[cb.Content()] {
		cb.SetContent("")
	}
}

// holds reports whether the clipboard still holds value as Key Relay put it there.
func (w *Wizard) holds(value string) bool {
	if w.secretCopy != nil {
		return w.secretCopyOf == value && w.secretCopy.Held()
	}
	return w.app.Clipboard().Content() == value
}

// copySecret copies a key or secret as password managers do: marked, where the system allows, so
// clipboard history and cloud sync keep out of it; cleared after a minute if the clipboard still holds it,
// with the seconds counted down on screen.
func (w *Wizard) copySecret(what, value string) {
	if w.secretCopy != nil {
		w.secretCopy.Clear()
		w.secretCopy = nil
	}
	if c, err := w.deps.SecretClipboard(value); err == nil {
		w.secretCopy, w.secretCopyOf = c, value
		w.ownClip[value] = true
	} else {
		w.copyText(value) // this system's clipboard can't be marked: the README says which
	}
	w.copiedSecrets[value] = true
	w.clipGen++
	gen, left := w.clipGen, int(clipboardClearAfter/time.Second)
	note := func() string {
		return fmt.Sprintf("%s copied. Key Relay clears the clipboard in %d seconds.", what, left)
	}
	w.copyNote = note()
	var tick func()
	tick = func() { // the countdown, a second at a time, while this copy is the latest and still there
		if gen != w.clipGen || left <= 1 || !w.holds(value) {
			return
		}
		left--
		w.copyNote = note()
		if w.copyLabel != nil {
			w.copyLabel.SetText(w.copyNote) // the label alone: redrawing the screen would take the focus away
		}
		w.deps.After(time.Second, tick)
	}
	w.deps.After(time.Second, tick)
	w.deps.After(clipboardClearAfter, func() {
		if w.holds(value) {
			if w.secretCopy != nil && w.secretCopyOf == value {
				w.secretCopy.Clear()
				w.secretCopy = nil
			} else {
				w.app.Clipboard().SetContent("")
			}
			w.copyNote = "The clipboard was cleared, so the " + strings.ToLower(what) + " isn't left there."
			if w.step == stepSend {
				w.render()
			}
		}
	})
	w.render()
}
