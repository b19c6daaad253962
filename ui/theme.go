package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's theme with text large enough to read on a shared screen.
type readableTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return readableTheme{theme.DefaultTheme()} }

func (t readableTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameCaptionText: // "What we saw" under a diagnosis, read out by support
		return 14
	case theme.SizeNameText:
		return 16
	case theme.SizeNameSubHeadingText:
		return 20
	case theme.SizeNameHeadingText:
		return 26
	case theme.SizeNameInlineIcon:
		return 22
	}
	return t.Theme.Size(n)
}
