package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// holdButton reveals only while held down, by mouse or by the space bar: a secret on a shared screen shows
// for as long as the merchant deliberately holds it, never because of a stray click.
type holdButton struct {
	widget.Button
	onHold func(held bool)
}

func newHoldButton(label string, onHold func(bool)) *holdButton {
	b := &holdButton{onHold: onHold}
	b.Text, b.Icon = label, theme.VisibilityIcon()
	b.ExtendBaseWidget(b)
	return b
}

func (b *holdButton) MouseDown(*desktop.MouseEvent) { b.onHold(true) }
func (b *holdButton) MouseUp(*desktop.MouseEvent)   { b.onHold(false) }
func (b *holdButton) MouseOut() {
	b.onHold(false)
	b.Button.MouseOut()
}
func (b *holdButton) Tapped(*fyne.PointEvent) {} // a click alone reveals nothing
func (b *holdButton) TypedKey(*fyne.KeyEvent) {}
func (b *holdButton) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		b.onHold(true)
	}
}
func (b *holdButton) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace {
		b.onHold(false)
	}
}
func (b *holdButton) FocusLost() {
	b.onHold(false)
	b.Button.FocusLost()
}
