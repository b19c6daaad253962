package ui

import (
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// createTexts are the step texts in assets/steps/create-key.json.
type createTexts struct {
	Steps      []string `json:"steps"`
	Copied     string   `json:"copied"`     // said of the description once Key Relay has copied it …
	NotCopied  string   `json:"not_copied"` // … and before: only what actually happened
	SecretOnce string   `json:"secret_once"`
}

var createKeyTexts = func() createTexts {
	b, err := assets.Steps.ReadFile("steps/create-key.json")
	if err != nil {
		panic(err)
	}
	var t createTexts
	if err := json.Unmarshal(b, &t); err != nil {
		panic("assets/steps/create-key.json: " + err.Error())
	}
	return t
}()

// Step 2: the documented steps, tailored to the service, and a button to WordPress's Add key page.
func (w *Wizard) createScreen() screen {
	t := createKeyTexts
	addKey, wooVersion := "", ""
	if d := w.discovery; d != nil {
		addKey, wooVersion = d.AdminURL(wpadmin.AddKey), d.WooVersion
	}
	menu := wpadmin.Menu(wooVersion) // the page model knows where the menu was in older WooCommerce
	copied := t.NotCopied
	if w.ownClip[w.profile.KeyDescription] {
		copied = t.Copied
	}
	r := strings.NewReplacer("{menu}", menu, "{description}", w.profile.KeyDescription, "{permission}", w.profile.Permission.Label(), "{copied}", copied)
	steps := make([]string, len(t.Steps))
	for i, s := range t.Steps {
		steps[i] = r.Replace(s)
	}
	desc := w.profile.KeyDescription
	copyDesc := widget.NewButtonWithIcon("Copy “"+desc+"”", theme.ContentCopyIcon(), func() {
		w.copyText(desc)
		w.status.SetText("“" + desc + "” copied: paste it as the Description.")
		w.render()
	})
	c := []fyne.CanvasObject{
		wrapLabel("In WordPress: "+menu, widget.MediumImportance),
		numbered(steps),
		container.NewHBox(copyDesc),
		aside(w.profile.WhyPermission),
		wrapLabel("⚠ "+t.SecretOnce, widget.WarningImportance),
		aside("Key Relay is watching the clipboard for the key and secret while this step is open, and comes back to the front when it has both."),
	}
	sc := screen{content: c, primary: "Open the Add key page", action: func() {
		w.openedAdd = true
		if w.open(addKey) {
			w.copyText(desc) // ready to paste as the Description
			w.status.SetText("The Add key page is opening in your browser. “" + desc + "” is on the clipboard for the Description.")
		}
		w.render()
	}}
	if addKey == "" {
		sc.disabled = true
	}
	if w.openedAdd {
		sc.primary, sc.action = "I have the key and secret", func() { w.send(walk.Continue) }
		c = append(c, container.NewHBox(widget.NewButtonWithIcon("Open the Add key page again", theme.ComputerIcon(), func() { w.open(addKey) })))
		sc.content = c
	}
	return sc
}
