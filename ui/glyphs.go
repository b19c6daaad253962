package ui

import (
	"bytes"
	"fmt"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"
)

// fonts are the faces Fyne draws text with, in its order: the text font, then the emoji and symbol fonts
// for what the text font lacks.
var fonts = sync.OnceValue(func() (faces []*font.Face) {
	for _, r := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultEmojiFont(), theme.DefaultSymbolFont()} {
		if r == nil {
			continue // built without the emoji font
		}
		f, err := font.ParseTTF(bytes.NewReader(r.Content()))
		if err != nil {
			panic(err)
		}
		faces = append(faces, f)
	}
	return faces
})

// screenTexts are the words the window shows now (labels, buttons, choices), read from the screen's own
// containers: the tour checks each screen it shoots with unrenderable.
func screenTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Select:
			out = append(out, x.Selected)
			out = append(out, x.Options...)
		}
	}
	walk(o)
	return out
}

// unrenderable says where s would show "�" in Fyne: a space right after a character drawn from one of
// Fyne's fallback fonts that has no space (Fyne's shaper keeps the space in that font's
// run: "→ " shows as "→�").
func unrenderable(s string) string {
	rs := []rune(s)
	faces := fonts()
	for i, r := range rs {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			continue
		}
		var face *font.Face
		for _, f := range faces {
			if _, ok := f.NominalGlyph(r); ok {
				face = f
				break
			}
		}
		switch {
		case face == nil: // none of Fyne's own: the system's fonts draw it (✓ and ✗ on these machines), spaces and all
		case face == faces[0] || i+1 == len(rs) || !unicode.Is(unicode.Zs, rs[i+1]):
		default:
			if _, ok := face.NominalGlyph(rs[i+1]); !ok {
				return fmt.Sprintf("%q: the space after %c (%U) is drawn as �", s, r, r)
			}
		}
	}
	return ""
}
