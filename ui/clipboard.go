package ui

import (
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
	if cb := w.app.Clipboard(); cb != nil && w.copiedSecrets[cb.Content()] {
		cb.SetContent("")
	}
}

// copySecret copies a key or secret and clears the clipboard after a minute if it still holds it.
func (w *Wizard) copySecret(what, value string) {
	w.copyText(value)
	w.copiedSecrets[value] = true
	w.copyNote = what + " copied. Key Relay clears the clipboard in 60 seconds."
	w.deps.After(clipboardClearAfter, func() {
		if w.app.Clipboard().Content() == value {
			w.app.Clipboard().SetContent("")
			w.copyNote = "The clipboard was cleared, so the " + strings.ToLower(what) + " isn't left there."
			if w.step == stepSend {
				w.render()
			}
		}
	})
	w.render()
}
