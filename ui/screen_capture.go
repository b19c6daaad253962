package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// captureScreen is step 3's: the paste fields and what they say of the values taken.
type captureScreen struct {
	fromClip              [2]bool   // the key / secret was picked up from the clipboard
	secretCleared         bool      // the secret was on the clipboard when captured, and Key Relay cleared it
	fieldErr              [2]string // why the last value pasted for the key / secret was refused
	typed                 [2]string // what is typed in the key / secret field and not yet taken
	typingHint            [2]*widget.Label
	keyEntry, secretEntry *widget.Entry
}

// Step 3: the key and secret arrive from the clipboard by themselves, or are pasted. A bad value is refused
// with the precise reason and what was already captured stays.
func (s *captureScreen) ofStore(w *Wizard) screen {
	s.keyEntry = w.pasteEntry(woo.FieldKey)
	s.secretEntry = w.pasteEntry(woo.FieldSecret)
	c := []fyne.CanvasObject{
		wrapLabel(w.at.Source.Profile().CaptureHint, widget.MediumImportance),
		w.slot(woo.FieldKey, s.keyEntry),
		w.slot(woo.FieldSecret, s.secretEntry),
	}
	if w.at.Store.Creds.Key != "" || w.at.Store.Creds.Secret != "" {
		c = append(c, container.NewHBox(w.revealButton()))
	}
	return screen{content: c, primary: "Test the key", action: w.captured, disabled: !w.at.Store.Creds.Complete()}
}

// slot shows one value: masked once captured, where it came from, and the paste field.
func (w *Wizard) slot(f woo.Field, entry *widget.Entry) fyne.CanvasObject {
	i := int(f) - 1
	value := w.at.Store.Creds.Key
	if f == woo.FieldSecret {
		value = w.at.Store.Creds.Secret
	}
	box := container.NewVBox(heading(capitalize(f.String())))
	switch {
	case value == "":
		box.Add(aside("Waiting…"))
	default:
		shown := w.shown(f, value)
		src := "pasted"
		if w.s.capture.fromClip[i] {
			src = "picked up from the clipboard"
		}
		if f == woo.FieldSecret && w.s.capture.secretCleared {
			src += "; Key Relay cleared it from the clipboard"
		}
		box.Add(wrapLabel("✓ "+shown+"  ("+src+")", widget.SuccessImportance))
	}
	if w.s.capture.fieldErr[i] != "" {
		box.Add(wrapLabel(w.s.capture.fieldErr[i], widget.DangerImportance))
	}
	box.Add(entry)
	box.Add(w.s.capture.typingHint[i])
	return box
}

// shown is a value as the screen may show it: masked, unless the merchant holds Reveal.
func (w *Wizard) shown(f woo.Field, value string) string {
	if w.f.revealed {
		return value
	}
	if f == woo.FieldSecret {
		return redact.MaskSecret(value)
	}
	return redact.MaskKey(value)
}

func (w *Wizard) revealButton() fyne.CanvasObject {
	return newHoldButton("Hold to reveal", func(held bool) {
		if held != w.f.revealed {
			w.f.revealed = held
			w.render()
		}
	})
}

// pasteEntry is a password field: what is pasted is never shown in full. A paste (or Enter after typing)
// is read at once; accepted values leave the field.
func (w *Wizard) pasteEntry(f woo.Field) *widget.Entry {
	i := int(f) - 1
	e := widget.NewPasswordEntry()
	// No eye button: Fyne's would show the value until clicked again; only "Hold to reveal" shows it.
	e.ActionItem = layout.NewSpacer()
	e.SetPlaceHolder("Paste the " + f.String() + " here")
	// What was typed but not yet taken survives the screen being rebuilt (a value taken in the other
	// field rebuilds it): nothing typed is lost.
	e.SetText(w.s.capture.typed[i])
	e.CursorColumn = len([]rune(w.s.capture.typed[i])) // typing goes on at the end
	hint := widget.NewLabel(typingHint(f, w.s.capture.typed[i]))
	hint.TextStyle.Italic = true
	w.s.capture.typingHint[i] = hint
	prev := len(w.s.capture.typed[i])
	accept := func(text string) {
		if text == "" {
			return
		}
		w.s.capture.typed[i] = ""
		w.paste(f, text)
	}
	e.OnChanged = func(text string) {
		jump := len(text) - prev
		prev = len(text)
		w.s.capture.typed[i] = text
		hint.SetText(typingHint(f, text))
		if jump > 1 || complete(text) { // a paste, or a value typed to its full length
			accept(text)
		}
	}
	e.OnSubmitted = accept
	return e
}

// complete reports a value typed to a key's full length, whichever field it belongs in.
func complete(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	return len(t) >= 43 && (strings.HasPrefix(t, "ck_") || strings.HasPrefix(t, "cs_"))
}

// typingHint is the feedback under a field while a value is typed: how far along, or that it belongs in
// the other field (it goes there by itself once complete).
func typingHint(f woo.Field, text string) string {
	t := strings.ToLower(strings.TrimSpace(text))
	switch {
	case t == "":
		return ""
	case f == woo.FieldKey && strings.HasPrefix(t, "cs_"), f == woo.FieldSecret && strings.HasPrefix(t, "ck_"):
		return "This starts like the other value; when it's complete Key Relay puts it in its own field."
	}
	return fmt.Sprintf("%d of 43 characters typed.", len([]rune(t)))
}

// paste reads text pasted into field f. A value that belongs in the other field goes there; what was
// captured before stays unless replaced by a good value.
func (w *Wizard) paste(f woo.Field, text string) {
	value, other, p := woo.ExtractFor(f, text)
	otherField := woo.FieldKey
	if f == woo.FieldKey {
		otherField = woo.FieldSecret
	}
	var c woo.Credentials
	set := func(field woo.Field, v string) {
		if field == woo.FieldKey {
			c.Key = v
		} else {
			c.Secret = v
		}
	}
	set(f, value)
	set(otherField, other)
	if c.Key != "" || c.Secret != "" {
		w.take(c, false) // clears the messages of the fields it fills
	}
	if p != nil {
		msg := p.Message
		if p.Code == woo.ProblemWrongField && other != "" {
			msg = "That was the " + otherField.String() + ", so it went into its own field. The " + f.String() + " starts with " + prefix(f) + "."
		}
		w.s.capture.fieldErr[int(f)-1] = msg
		w.render()
	}
}

func prefix(f woo.Field) string {
	if f == woo.FieldSecret {
		return "cs_"
	}
	return "ck_"
}

// captured runs the moment both values are in: save them at once (WooCommerce shows the secret only
// once), then test them.
func (w *Wizard) captured() {
	if !w.at.Store.Creds.Complete() {
		return
	}
	w.savePending()
	w.send(walk.KeyCaptured)
	w.win.RequestFocus() // the merchant is in the browser: bring the check's answer to them
}

// savePending keeps the captured pair in the keyring before anything else, marked unfinished in the same
// write, so a crash or a closed window loses nothing; the next start offers to continue with it.
func (w *Wizard) savePending() {
	item := w.item()
	done := make(chan struct{})
	w.at.Store.Pending = done
	go func() {
		err := w.deps.Vault.Save(item)
		w.deps.Do(func() {
			defer close(done)
			w.at.SaveErr = err
		})
	}()
}

// store names the store as everything names it: as discovered (its home), else as parsed, else as typed.
func (w *Wizard) store() string {
	if a := w.at.Store.Parsed; a != nil {
		return connect.StoreOf(w.at.Store.Discovery, *a)
	}
	return w.at.Store.Address
}

func (w *Wizard) item() vault.Item {
	store := w.store()
	it := vault.Item{Key: w.at.Store.Creds.Key, Secret: w.at.Store.Creds.Secret, Store: store, Service: w.at.Store.Profile.ID, App: connect.AppOf(w.at.Store.Profile), Created: now(), Replacing: w.at.Store.Replacing,
		Unfinished: w.step < stepDone}
	if v := w.verdict(); v != nil {
		it.LastResult, it.LastCheck = connect.Result(v), now()
		if v.Fit {
			// Where it was proven: a re-check sends its probes there at once (connect.CheckAll).
			it.Permission, it.Verified, it.API = string(v.Permission), now(), v.Address
		}
	}
	return it
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
