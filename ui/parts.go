package ui

import (
	"fmt"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/diagnosis"
)

// The pieces every screen is built from: labels sized and coloured for a shared screen, numbered steps,
// and the card that shows a diagnosis.

func wrapLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// aside is a remark beside the main text: italic rather than dimmed, because dim text is lost on a
// compressed screen share.
func aside(text string) *widget.Label {
	l := wrapLabel(text, widget.MediumImportance)
	l.TextStyle.Italic = true
	return l
}

// keyText shows a key or secret (masked unless revealed) in a typewriter face, as it would be typed.
func keyText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Monospace = true
	// Wraps rather than widening: revealing a 43-character secret must not change the window's layout.
	l.Wrapping = fyne.TextWrapBreak
	return l
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// numbered shows steps as a numbered list.
func numbered(steps []string) fyne.CanvasObject {
	box := container.NewVBox()
	for i, s := range steps {
		box.Add(wrapLabel(fmt.Sprintf("%d. %s", i+1, s), widget.MediumImportance))
	}
	return box
}

// fixCard is a warning's meaning and fix, for a warning whose title is shown elsewhere.
func (w *Wizard) fixCard(i *diagnosis.Issue) fyne.CanvasObject {
	box := container.NewVBox(wrapLabel(i.Meaning, widget.MediumImportance), numbered(i.Fix))
	if b := w.pageButton(i); b != nil {
		box.Add(container.NewHBox(b))
	}
	return box
}

// pageButton opens the wp-admin page that fixes i; nil when there is none.
func (w *Wizard) pageButton(i *diagnosis.Issue) *widget.Button {
	if i.Link == "" {
		return nil
	}
	link := i.Link
	return widget.NewButtonWithIcon(i.PageText, theme.ComputerIcon(), func() { w.open(link) })
}

// issueCard shows a diagnosis: what is wrong, what it means, the fix, and the buttons its row offers.
// A warning (a warning row, or any row a verdict lists among its warnings) is drawn as one.
func (w *Wizard) issueCard(i *diagnosis.Issue, again func(), warning bool) fyne.CanvasObject {
	imp := widget.DangerImportance
	sym := "✗ "
	if warning || i.Severity == diagnosis.Warning {
		imp, sym = widget.WarningImportance, "⚠ "
	}
	title := wrapLabel(sym+i.Title, imp)
	title.TextStyle.Bold = true
	box := container.NewVBox(title, wrapLabel(i.Meaning, widget.MediumImportance))
	if i.RetryAfter > 0 {
		box.Add(wrapLabel(fmt.Sprintf("The store asked to wait %s before trying again.", i.RetryAfter.Round(time.Second)), widget.MediumImportance))
	}
	box.Add(heading("How to fix it"))
	box.Add(numbered(i.Fix))
	var buttons []fyne.CanvasObject
	if i.Offer(diagnosis.OfferOtherAddress) && i.Elsewhere != "" && w.step == stepStore {
		// The store forwarded to, or named, another website: ask by name whether it is theirs.
		other := i.Elsewhere
		buttons = append(buttons, widget.NewButton("Yes, "+hostName(other)+" is my store", func() {
			w.at.Store.Address = other
			if w.s.store.addressEntry != nil {
				w.s.store.addressEntry.SetText(other)
			}
			w.checkStore()
		}))
	}
	if b := w.pageButton(i); b != nil {
		buttons = append(buttons, b)
	}
	if again != nil && i.Offer(diagnosis.OfferCheckAgain) {
		buttons = append(buttons, widget.NewButtonWithIcon("Check again", theme.ViewRefreshIcon(), again))
	}
	if i.Offer(diagnosis.OfferNewKey) && w.step == stepCheck && !warning {
		buttons = append(buttons, widget.NewButtonWithIcon("Enter a different key", theme.NavigateBackIcon(), w.differentKey))
	}
	box.Add(container.NewHBox(buttons...))
	if i.Detail != "" {
		// Read out by support agents: full size and contrast, not a faint caption.
		box.Add(wrapLabel("What we saw: "+i.Detail, widget.MediumImportance))
	}
	return box
}

// hostName is the host of an address, for a button that names a website.
func hostName(address string) string {
	if u, err := url.Parse(address); err == nil && u.Host != "" {
		return u.Host
	}
	return address
}
