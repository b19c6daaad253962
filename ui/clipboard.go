package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/keyrelay/keyrelay/client/secretclip"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// clipWatch is the clipboard: watched for a key while a key is made or captured, and what Key Relay put
// there itself.
type clipWatch struct {
	watching bool
	stopPoll chan struct{}
	last     string
	own      map[string]bool // what Key Relay itself put on the clipboard
	// copiedSecrets are the keys and secrets Key Relay put on the clipboard: cleared on close and quit if
	// the clipboard still holds one.
	copiedSecrets map[string]bool
	// secretCopy is the marked copy on the clipboard (nil when the system's can't be marked), of
	// secretCopyOf; gen counts copies, so an older copy's countdown stops.
	secretCopy   secretclip.Copy
	secretCopyOf string
	gen          int
	note         string // what the copy buttons last did
	label        *widget.Label
}

// watchClipboard starts or stops reading the clipboard. It runs only while the merchant is creating or
// capturing a key, so nothing else they copy is ever looked at.
func (w *Wizard) watchClipboard(on bool) {
	if on == w.clip.watching {
		return
	}
	w.clip.watching = on
	if !on {
		if w.clip.stopPoll != nil {
			close(w.clip.stopPoll)
			w.clip.stopPoll = nil
		}
		return
	}
	// Whatever is on the clipboard when the key is about to be made was copied before it existed. Once a
	// key was captured, a copy made in the meantime (on another step) is the merchant's fresh copy.
	w.clip.last = ""
	if w.at.Store.Creds.Key == "" && w.at.Store.Creds.Secret == "" {
		w.clip.last = w.app.Clipboard().Content()
	}
	if w.deps.ClipboardPoll < 0 {
		return
	}
	stop := make(chan struct{})
	w.clip.stopPoll = stop
	go func() {
		t := time.NewTicker(w.deps.ClipboardPoll)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				w.deps.Do(func() {
					if w.clip.watching {
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
	if text == w.clip.last {
		return
	}
	w.clip.last = text
	if text == "" || w.clip.own[text] {
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
				w.s.capture.fieldErr[p.Field-1] = "From the clipboard: " + p.Message
			}
		}
		if w.s.capture.fieldErr != [2]string{} {
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
		if c.Key != w.at.Store.Creds.Key {
			w.at.Checked, w.at.Saved, changed = nil, false, true
		}
		w.at.Store.Creds.Key, w.s.capture.fromClip[0], w.s.capture.fieldErr[0] = c.Key, fromClipboard, ""
	}
	if c.Secret != "" {
		if c.Secret != w.at.Store.Creds.Secret {
			w.at.Checked, w.at.Saved, changed = nil, false, true
		}
		w.at.Store.Creds.Secret, w.s.capture.fromClip[1], w.s.capture.fieldErr[1] = c.Secret, fromClipboard, ""
		// Key Relay has the secret now; left on the clipboard it could be pasted anywhere, a support chat
		// included. Its Copy buttons put it back when the sync service needs it.
		w.s.capture.secretCleared = false
		if cb := w.app.Clipboard(); strings.Contains(cb.Content(), c.Secret) {
			cb.SetContent("")
			w.clip.last, w.s.capture.secretCleared = "", true
		}
	}
	switch {
	case w.at.Store.Creds.Complete() && (w.step <= stepCapture || w.step == stepCheck && changed):
		w.captured() // on the test step, a fresh copy replaced a refused value: tested at once
	case w.step == stepCreate:
		w.send(walk.ValueCaptured)
	default:
		w.render()
	}
}

// copyText puts text on the clipboard; the watcher ignores what Key Relay put there itself.
func (w *Wizard) copyText(text string) {
	w.clip.own[text] = true
	w.app.Clipboard().SetContent(text)
}

// clearCopiedSecret empties the clipboard if it still holds a key or secret Key Relay put there; anything
// the merchant copied since is left alone.
func (w *Wizard) clearCopiedSecret() {
	if w.clip.secretCopy != nil {
		w.clip.secretCopy.Clear()
		w.clip.secretCopy = nil
		return
	}
	if cb := w.app.Clipboard(); cb != nil && w.clip.copiedSecrets[cb.Content()] {
		cb.SetContent("")
	}
}

// holds reports whether the clipboard still holds value as Key Relay put it there.
func (w *Wizard) holds(value string) bool {
	if w.clip.secretCopy != nil {
		return w.clip.secretCopyOf == value && w.clip.secretCopy.Held()
	}
	return w.app.Clipboard().Content() == value
}

// copySecret copies a key or secret as password managers do: marked, where the system allows, so
// clipboard history and cloud sync keep out of it; cleared after a minute if the clipboard still holds it,
// with the seconds counted down on screen.
func (w *Wizard) copySecret(what, value string) {
	if w.clip.secretCopy != nil {
		w.clip.secretCopy.Clear()
		w.clip.secretCopy = nil
	}
	if c, err := w.deps.SecretClipboard(value); err == nil {
		w.clip.secretCopy, w.clip.secretCopyOf = c, value
		w.clip.own[value] = true
	} else {
		w.copyText(value) // this system's clipboard can't be marked: the README says which
	}
	w.clip.copiedSecrets[value] = true
	w.clip.gen++
	gen, left := w.clip.gen, int(clipboardClearAfter/time.Second)
	note := func() string {
		return fmt.Sprintf("%s copied. Key Relay clears the clipboard in %d seconds.", what, left)
	}
	w.clip.note = note()
	var tick func()
	tick = func() { // the countdown, a second at a time, while this copy is the latest and still there
		if gen != w.clip.gen || left <= 1 || !w.holds(value) {
			return
		}
		left--
		w.clip.note = note()
		if w.clip.label != nil {
			w.clip.label.SetText(w.clip.note) // the label alone: redrawing the screen would take the focus away
		}
		w.deps.After(time.Second, tick)
	}
	w.deps.After(time.Second, tick)
	w.deps.After(clipboardClearAfter, func() {
		if w.holds(value) {
			if w.clip.secretCopy != nil && w.clip.secretCopyOf == value {
				w.clip.secretCopy.Clear()
				w.clip.secretCopy = nil
			} else {
				w.app.Clipboard().SetContent("")
			}
			w.clip.note = "The clipboard was cleared, so the " + strings.ToLower(what) + " isn't left there."
			if w.step == stepSend {
				w.render()
			}
		}
	})
	w.render()
}
