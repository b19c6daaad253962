package ui

import (
	"context"
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/walk"
)

// frame is the window's chrome around every screen (the header with the step and the support code, the
// status line, the scrolled body, the buttons) and what the current screen says beside its content.
type frame struct {
	header, code, status *widget.Label
	body                 *fyne.Container
	scroll               *container.Scroll
	back, primary, help  *widget.Button
	primaryAction        func()
	cancelButton         *widget.Button
	note                 string           // a short message on the current screen ("Check cancelled…")
	revealed             bool             // the merchant holds "Reveal"
	browserIssue         *diagnosis.Issue // the default browser wouldn't open a page on this step
	// keyring is a keyring write the screen didn't wait for that failed (a re-check's result, a walk
	// marked finished), shown as its row until the step changes; keyringWhat says what wasn't kept.
	keyring     *diagnosis.Issue
	keyringWhat string
	content     fyne.CanvasObject
	// shown closes once the window's first frame is painted: what the first screen doesn't show (the
	// keyring) waits for it, so it never holds up or competes with the first frame.
	shown <-chan struct{}
	// gone closes when the window closes: what waits for the first frame stops waiting then, since a
	// window closed before it painted never will.
	gone chan struct{}
}

// build makes the chrome: the header (and the demo's banner), the scrolled body, the status line and the
// buttons, which act on w.
func (f *frame) build(w *Wizard, banner string) {
	f.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.header.SizeName = theme.SizeNameSubHeadingText
	f.code = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), w.goBack)
	f.help = widget.NewButtonWithIcon("Copy details for support", theme.ContentCopyIcon(), w.copySupportDetails)
	f.primary = widget.NewButton("", func() {
		if f.primaryAction != nil {
			f.primaryAction()
		}
	})
	f.primary.Importance = widget.HighImportance
	f.body = container.NewVBox()
	f.scroll = container.NewVScroll(container.NewPadded(f.body))
	top := container.NewBorder(nil, nil, nil, f.code, f.header)
	if banner != "" {
		b := widget.NewLabelWithStyle(banner, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		b.Importance = widget.WarningImportance
		top = container.NewVBox(b, top)
	}
	status := fyne.CanvasObject(f.status)
	if f.shown == nil {
		var mark fyne.CanvasObject
		f.shown, mark = paintedMark()
		status = container.NewStack(container.NewWithoutLayout(mark), f.status)
	}
	footer := container.NewVBox(status, container.NewHBox(f.back, f.help, layout.NewSpacer(), f.primary))
	f.content = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), footer, nil, nil, f.scroll)
}

// paintedMark is a transparent pixel whose channel closes when Fyne first paints it: a raster's generator
// runs only as the window is drawn, and Fyne has no first-frame event of its own (Lifecycle's OnStarted
// runs before the first paint).
func paintedMark() (<-chan struct{}, fyne.CanvasObject) {
	shown := make(chan struct{})
	var once sync.Once
	pixel := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	mark := canvas.NewRaster(func(int, int) image.Image {
		once.Do(func() { close(shown) })
		return pixel
	})
	mark.Resize(fyne.NewSize(1, 1))
	return shown, mark
}

// waitShown waits for the first frame; false if ctx ended or the window closed first.
func (w *Wizard) waitShown(ctx context.Context) bool {
	select {
	case <-w.f.shown:
		return true
	case <-w.f.gone:
		return false
	case <-ctx.Done():
		return false
	}
}

func (w *Wizard) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if w.busy() {
			w.cancelJob()
		} else if !w.f.back.Disabled() {
			w.goBack()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !w.f.primary.Disabled() && !w.f.primary.Hidden && w.f.primaryAction != nil {
			w.f.primaryAction()
		}
	}
}

// render rebuilds the current screen from the wizard's state.
func (w *Wizard) render() {
	sc := w.row(w.step).view(w)
	if sc.title == "" {
		sc.title = w.step.Title()
	}
	if w.step == walk.Home {
		w.f.header.SetText(sc.title) // outside the walk's numbered steps
	} else {
		w.f.header.SetText(fmt.Sprintf("Step %d of %d · %s", w.step+1, stepCount, sc.title))
	}
	w.showSupportCode()
	objs := sc.content
	if w.busy() {
		w.f.cancelButton = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), w.cancelJob)
		objs = append([]fyne.CanvasObject{container.NewVBox(widget.NewLabel(w.jobs.What), widget.NewProgressBarInfinite(), container.NewHBox(w.f.cancelButton))}, objs...)
	}
	if w.f.keyring != nil {
		objs = append([]fyne.CanvasObject{wrapLabel(w.f.keyringWhat, widget.WarningImportance), w.issueCard(w.f.keyring, nil, false)}, objs...)
	}
	if w.f.note != "" {
		objs = append([]fyne.CanvasObject{wrapLabel(w.f.note, widget.MediumImportance)}, objs...)
	}
	w.f.body.Objects = objs
	w.f.body.Refresh()
	w.f.primary.SetText(sc.primary)
	w.f.primaryAction = sc.action
	if sc.primary == "" {
		w.f.primary.Hide()
	} else {
		w.f.primary.Show()
	}
	if sc.disabled || w.busy() && !sc.whileBusy {
		w.f.primary.Disable()
	} else {
		w.f.primary.Enable()
	}
	if walk.CanGoBack(w.step) {
		w.f.back.Enable()
	} else {
		w.f.back.Disable()
	}
}

// run does job off the UI goroutine with progress and a Cancel that works even while a request hangs:
// cancelling returns at once, and whatever the job brings back later is dropped.
func (w *Wizard) run(what string, job func(ctx context.Context) func()) {
	w.runTelling(what, func(ctx context.Context, _ func(func() string)) func() { return job(ctx) })
}

// runTelling is run for a job that says, as it goes, what it is waiting for: tell replaces the progress
// line while the job is the running one; its words are made on the UI goroutine.
func (w *Wizard) runTelling(what string, job func(ctx context.Context, tell func(words func() string)) func()) {
	ctx, gen := w.jobs.Start(what)
	w.render()
	tell := func(words func() string) {
		w.deps.Do(func() {
			if w.jobs.Say(gen, words()) {
				w.render()
			}
		})
	}
	go func() {
		apply := job(ctx, tell)
		w.deps.Do(func() {
			if !w.jobs.Finish(gen) {
				return // cancelled or superseded
			}
			if apply != nil {
				apply()
			}
			w.render()
		})
	}()
}

func (w *Wizard) cancelJob() {
	if !w.jobs.Cancel() {
		return
	}
	w.f.note = "Cancelled. Nothing was lost; click the button below when you're ready."
	w.render()
}

// busy reports whether a background job runs.
func (w *Wizard) busy() bool { return w.jobs.Busy() }
