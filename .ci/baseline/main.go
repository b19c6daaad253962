// Command baseline is a bare Fyne window, measured next to Key Relay by `make test` so the first-frame
// and memory numbers can be told apart from what Fyne and the machine's OpenGL cost on their own. It is
// built with the app's build tags (no_emoji), so both draw with the same Fyne.
//
//	baseline            a window holding one label
//	baseline -widgets   the widgets Key Relay's first screen draws, built the same way but with nothing
//	                    behind them: a menu, a bold heading and a monospace line, a separator, wrapped and
//	                    bold labels, two drop-downs, an entry with a placeholder, buttons with icons (one
//	                    disabled, one of high importance) in a scrolled body, at Key Relay's text sizes and
//	                    with as many letters in each text.
//	                    Under Mesa's software OpenGL the first rounded and the first square rectangle each
//	                    compile a shader, and each text style parses its fonts, which costs a bare window
//	                    that has them about as much as everything else together.
package main

import (
	"flag"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/ui/textsize"
)

func main() {
	widgets := flag.Bool("widgets", false, "the kinds of widget Key Relay's first screen draws")
	flag.Parse()
	a := app.NewWithID("app.keyrelay.baseline")
	w := a.NewWindow("Key Relay")
	if *widgets {
		a.Settings().SetTheme(sizes{theme.DefaultTheme()})
		w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Help", fyne.NewMenuItem("About", nil))))
		content, entry := firstScreen()
		w.SetContent(content)
		w.Canvas().Focus(entry) // as Key Relay's address entry: its cursor is drawn
	} else {
		w.SetContent(container.NewVBox(widget.NewLabel("A bare Fyne window: the baseline Key Relay's first frame is compared with.")))
	}
	w.Resize(fyne.NewSize(860, 680))
	w.ShowAndRun()
}

// firstScreen is laid out as Key Relay's step 1, and its entry. Each text has as many letters as the app's
// in the same place: Fyne's first frame is mostly shaping and drawing text, so a baseline with fewer
// letters (it had 30 % fewer) compares the app's wording, not its code.
func firstScreen() (fyne.CanvasObject, fyne.Focusable) {
	head := widget.NewLabelWithStyle("Step 1 of 7 · Bare frame", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	code := widget.NewLabelWithStyle("Baseline code AB-0000C1", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	intro := widget.NewLabel("A bare Fyne window holds the widgets of Key Relay's first screen with nothing behind them. Its words are as long as the app's, so the two of them draw just as many letters.")
	intro.Wrapping = fyne.TextWrapWord
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	from := widget.NewSelect([]string{"A first choice here", "A second choice"}, nil)
	from.SetSelected("A first choice here")
	to := widget.NewSelect([]string{"Second", "Another"}, nil)
	to.SetSelected("Second")
	entry := widget.NewEntry()
	entry.SetPlaceHolder("example.com")
	// As the app's demo lines: a lead and a button, and words beside them that wrap.
	line := func(lead, button, words string) fyne.CanvasObject {
		l := widget.NewLabel(words)
		l.Wrapping = fyne.TextWrapWord
		b := widget.NewButtonWithIcon(button, theme.MediaPlayIcon(), nil)
		return container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(lead), b), nil, l)
	}
	body := container.NewVBox(intro, bold("What will you pick first now?"), from, bold("Which of these do you pick after?"), to,
		bold("An address, typed in"), entry, widget.NewSeparator(),
		line("Is nothing handy?", "Try this one", "A line of words beside a button, just as long as the app's line is."),
		line("Or:", "Try that one", "Another line of words, beside another button, just as long."))
	back := widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), nil)
	back.Disable()
	next := widget.NewButton("Go to the next", nil)
	next.Importance = widget.HighImportance
	footer := container.NewVBox(widget.NewLabel(""), container.NewHBox(back,
		widget.NewButtonWithIcon("Copy the details to help", theme.ContentCopyIcon(), nil), layout.NewSpacer(), next))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, code, head), widget.NewSeparator())
	return container.NewBorder(top, footer, nil, nil, container.NewVScroll(container.NewPadded(body))), entry
}

// sizes are Key Relay's text sizes (ui/textsize, which links nothing of the app), which decide how many
// glyphs are drawn.
type sizes struct{ fyne.Theme }

func (t sizes) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := textsize.Sizes[n]; ok {
		return s
	}
	return t.Theme.Size(n)
}
