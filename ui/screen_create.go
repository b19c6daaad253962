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

// createScreen is step 2's: the documented steps and the two ways to make the key.
type createScreen struct{}

// Step 2: the documented steps, tailored to the service, and a button to WordPress's Add key page.
func (*createScreen) ofStore(w *Wizard) screen {
	t := createKeyTexts
	addKey, wooVersion := "", ""
	if d := w.at.Store.Discovery; d != nil {
		addKey, wooVersion = d.AdminURL(wpadmin.AddKey), d.WooVersion
	}
	menu := wpadmin.Menu(wooVersion) // the page model knows where the menu was in older WooCommerce
	copied := t.NotCopied
	if w.clip.own[w.at.Store.Profile.KeyDescription] {
		copied = t.Copied
	}
	r := strings.NewReplacer("{menu}", menu, "{description}", w.at.Store.Profile.KeyDescription, "{permission}", w.at.Store.Profile.Permission.Label(), "{copied}", copied)
	steps := make([]string, len(t.Steps))
	for i, s := range t.Steps {
		steps[i] = r.Replace(s)
	}
	desc := w.at.Store.Profile.KeyDescription
	copyDesc := widget.NewButtonWithIcon("Copy “"+desc+"”", theme.ContentCopyIcon(), func() {
		w.copyText(desc)
		w.f.status.SetText("“" + desc + "” copied: paste it as the Description.")
		w.render()
	})
	c := []fyne.CanvasObject{
		wrapLabel("In WordPress: "+menu, widget.MediumImportance),
		numbered(steps),
		container.NewHBox(copyDesc),
		aside(w.at.Store.Profile.WhyPermission),
		wrapLabel("⚠ "+t.SecretOnce, widget.WarningImportance),
		aside(w.at.Source.Profile().Watching),
	}
	byHand := w.byHand
	if w.at.Store.Delivery.OpenedAdd {
		sc := screen{content: append(c, container.NewHBox(widget.NewButtonWithIcon("Open the Add key page again", theme.ComputerIcon(), func() { w.open(addKey) }))),
			primary: "I have the key and secret", action: func() { w.send(walk.Continue) }}
		return sc
	}
	// Two ways: Key Relay does it in its own browser window (the merchant logs in and clicks Generate), or
	// the merchant does it in their browser with the steps above. The second is also the way on whenever
	// the first stops.
	hand := widget.NewButtonWithIcon("I'll do it in my browser", theme.ComputerIcon(), byHand)
	choice := []fyne.CanvasObject{
		wrapLabel("Key Relay can do this for you in a browser window of its own: it opens the Add key page, fills it in, and you log in and click “Generate API key”. The key and secret go straight to Key Relay, never through the clipboard.", widget.MediumImportance),
		container.NewHBox(hand),
	}
	if w.busy() {
		choice = []fyne.CanvasObject{aside("Key Relay never types your password and never clicks “Generate API key” for you: that click is yours."), container.NewHBox(hand)}
	}
	sc := screen{content: append(append(w.assistNote(), choice...), c...), primary: "Do it for me", action: w.chooseAssist}
	if w.assist.issue != nil {
		// Browser assist stopped: the way on by hand comes first; "Do it for me" stays to try again.
		sc.primary, sc.action = "I'll do it in my browser", byHand
		again := widget.NewButtonWithIcon("Do it for me", theme.ViewRefreshIcon(), w.chooseAssist)
		choice[len(choice)-1] = container.NewHBox(again)
		sc.content = append(append(w.assistNote(), choice...), c...)
	}
	if addKey == "" {
		sc.disabled = true
		hand.Disable()
	}
	return sc
}

// byHand is step 2's "I'll do it in my browser": the Add key page opens in the merchant's own browser and
// the description goes on the clipboard; the key comes back by WooCommerce's Copy buttons.
func (w *Wizard) byHand() {
	w.jobs.Cancel() // browser assist gives way; its window stays open for the merchant to use
	w.prefs().SetString(prefByHand, "yes")
	desc := w.at.Store.Profile.KeyDescription
	w.at.Store.Delivery.OpenedAdd = true
	if w.at.Store.Discovery != nil && w.open(w.at.Store.Discovery.AdminURL(wpadmin.AddKey)) {
		w.copyText(desc) // ready to paste as the Description
		w.f.status.SetText("The Add key page is opening in your browser. “" + desc + "” is on the clipboard for the Description.")
	}
	w.render()
}
