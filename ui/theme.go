package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/keyrelay/keyrelay/ui/textsize"
)

// readableTheme is Fyne's theme with text large enough to read on a shared screen.
type readableTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return readableTheme{theme.DefaultTheme()} }

// Color makes the keyboard focus plain to see on a compressed screen share: Fyne's own focus colour is the
// primary colour at half strength, lost in a video call.
func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		r, g, b, _ := t.Theme.Color(theme.ColorNamePrimary, v).RGBA()
		return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0xff}
	}
	return t.Theme.Color(n, v)
}

func (t readableTheme) Size(n fyne.ThemeSizeName) float32 {
	if s, ok := textsize.Sizes[n]; ok {
		return s
	}
	return t.Theme.Size(n)
}
