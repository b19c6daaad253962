// Command baseline is the smallest Fyne window, measured next to Key Relay by `make test` so the first-frame
// and memory numbers can be told apart from what Fyne and the machine's OpenGL cost on their own.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("app.keyrelay.baseline")
	w := a.NewWindow("Key Relay")
	w.SetContent(widget.NewLabel("A bare Fyne window: the baseline Key Relay's first frame is compared with."))
	w.Resize(fyne.NewSize(860, 680))
	w.ShowAndRun()
}
