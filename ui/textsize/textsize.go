// Package textsize holds Key Relay's text sizes, large enough to read on a shared screen: the wizard's
// theme uses them, and so does the bare window make window compares the first frame with, which must
// draw text at the same sizes without linking the app.
package textsize

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Sizes replace Fyne's own for these names.
var Sizes = map[fyne.ThemeSizeName]float32{
	theme.SizeNameCaptionText:    14, // "What we saw" under a diagnosis, read out by support
	theme.SizeNameText:           16,
	theme.SizeNameSubHeadingText: 20,
	theme.SizeNameHeadingText:    26,
	theme.SizeNameInlineIcon:     22,
}
