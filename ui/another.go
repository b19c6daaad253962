package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/service"
)

// anotherChoice is step 1's choice beside the built-in services: an app the merchant names.
const anotherChoice = "Another app…"

// anotherApp is what the merchant typed on step 1 for an app Key Relay has no profile of. It becomes
// the walk's profile (service.Another) when the store is checked; what is typed survives a bad try.
type anotherApp struct {
	chosen     bool
	name, page string
	needs      access.Permission
	err        map[string]string // why a field was refused, by service.AppError's Field
}

// The two permissions an app may need, in the merchant's words.
var anotherNeeds = []struct {
	perm  access.Permission
	label string
}{
	{access.PermRead, "Read: it only reads your store (reports, accounting, e-mail lists)"},
	{access.PermReadWrite, "Read and write: it also changes your store (stock, orders, products)"},
}

// anotherForm is step 1's fields for another app: its name, what it needs, and its page (optional).
func (w *Wizard) anotherForm() []fyne.CanvasObject {
	a := &w.s.store.another
	name := widget.NewEntry()
	name.SetPlaceHolder("The app's name, e.g. Xero, Mailchimp, our own shop app")
	name.SetText(a.name)
	name.OnChanged = func(s string) { a.name = s } // no redraw while typing: the cursor stays
	labels := make([]string, len(anotherNeeds))
	selected := ""
	for i, n := range anotherNeeds {
		labels[i] = n.label
		if n.perm == a.needs {
			selected = n.label
		}
	}
	needs := widget.NewRadioGroup(labels, func(s string) {
		for _, n := range anotherNeeds {
			if n.label == s {
				a.needs = n.perm
			}
		}
	})
	needs.SetSelected(selected)
	page := widget.NewEntry()
	page.SetPlaceHolder("https://app.example.com/settings/woocommerce")
	page.SetText(a.page)
	page.OnChanged = func(s string) { a.page = s }
	c := []fyne.CanvasObject{heading("The app's name"), name}
	c = append(c, a.fieldError("name")...)
	c = append(c, heading("What it needs from your store"), needs)
	c = append(c, a.fieldError("needs")...)
	c = append(c, heading("The app's page that takes the key (optional)"), page)
	c = append(c, a.fieldError("page")...)
	c = append(c,
		aside("Paste the address of the page where the app asks for a WooCommerce consumer key and secret: Key Relay then fills them in for you there. Leave it empty to paste them yourself."),
		aside("Key Relay tests the key the way most apps call a store: Basic authentication over HTTPS."))
	return c
}

func (a *anotherApp) fieldError(field string) []fyne.CanvasObject {
	if m := a.err[field]; m != "" {
		return []fyne.CanvasObject{wrapLabel(m, widget.DangerImportance)}
	}
	return nil
}

// takeAnother makes the walk's profile from what was typed for another app; false (with the reason shown
// under its field) when something is missing or wrong.
func (w *Wizard) takeAnother() bool {
	a := &w.s.store.another
	a.err = nil
	p, err := service.Another(a.name, a.needs, a.page)
	if err != nil {
		ae := &service.AppError{Field: "name", Message: err.Error()}
		errors.As(err, &ae) // every refusal of Another's is an AppError; anything else goes under the name
		a.err = map[string]string{ae.Field: ae.Message}
		switch { // a key pasted into the wrong field leaves it at once: neither shown nor kept
		case ae.Drop && ae.Field == "name":
			a.name = ""
		case ae.Drop && ae.Field == "page":
			a.page = ""
		}
		return false
	}
	w.at.Store.Profile, w.at.Checked = p, nil
	return true
}
