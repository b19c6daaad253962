// Command baseline is the smallest Fyne window, measured next to Key Relay by `make test` so the first-frame
// and memory numbers can be told apart from what Fyne and the machine's OpenGL cost on their own.
//
//	baseline            a window holding one label
//	baseline -widgets   the same plus an entry, a button and a separator: the kinds of widget Key Relay's
//	                    first screen draws. Under Mesa's software OpenGL the first rounded and the first
//	                    square rectangle each compile a shader, which costs a bare window that has them
//	                    about as much as everything else together.
package main

import (
	"flag"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	widgets := flag.Bool("widgets", false, "add an entry, a button and a separator")
	flag.Parse()
	a := app.NewWithID("app.keyrelay.baseline")
	w := a.NewWindow("Key Relay")
	content := container.NewVBox(widget.NewLabel("A bare Fyne window: the baseline Key Relay's first frame is compared with."))
	if *widgets {
		content.Add(widget.NewEntry())
		content.Add(widget.NewButton("Continue", nil))
		content.Add(widget.NewSeparator())
	}
	w.SetContent(content)
	w.Resize(fyne.NewSize(860, 680))
	w.ShowAndRun()
}
