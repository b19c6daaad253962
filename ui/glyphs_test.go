package ui

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// The tour reads every screen it shoots: a space after "→" (drawn from Fyne's symbol font, which has no
// space) is found in a label, a button or a choice, however deep in the screen's containers.
func TestTheTourReadsEachScreensText(t *testing.T) {
	hidden := widget.NewLabel("Hidden → not shown")
	hidden.Hide()
	screen := container.NewVBox(hidden, container.NewVScroll(container.NewHBox(
		widget.NewButton("WooCommerce to Syncio", nil), widget.NewSelect([]string{"A", "Syncore → another app"}, nil))))
	var found []string
	for _, s := range screenTexts(screen) {
		if bad := unrenderable(s); bad != "" {
			found = append(found, s)
		}
	}
	if len(found) != 1 || found[0] != "Syncore → another app" {
		t.Fatalf("found %q", found)
	}
}
