// Package ui is Key Relay's desktop wizard: one file per screen, all state in Wizard, everything outside the
// app (stores, the keyring, sync services) reached through client packages.
package ui

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/secretclip"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Deps is everything the wizard talks to.
type Deps struct {
	Client   *woo.Client
	Vault    vault.Store
	Services []service.Profile
	// OpenURL opens a page in the default browser; nil means the app's OpenURL.
	OpenURL func(*url.URL) error
	// After runs f on the UI goroutine after d and returns a stop function; nil means a real timer.
	After func(d time.Duration, f func()) (stop func())
	// ClipboardPoll is how often the clipboard is read while the wizard watches it; 0 means 400ms,
	// negative means never by itself (tests call pollClipboard).
	ClipboardPoll time.Duration
	// Banner, when set, is shown on every screen (the demo says it is a demo).
	Banner string
	// Demo is true for the demo's sandbox walk; the support code says so.
	Demo bool
	// Extra is placed on the first screen (the demo button).
	Extra fyne.CanvasObject
	// OnClose runs when the window closes.
	OnClose func()
	// Do runs f on the UI goroutine; nil means fyne.Do. Tests serialise it with their own actions.
	Do func(f func())
	// SecretClipboard puts a key or secret on the clipboard marked as a secret; nil means secretclip.Put.
	// Where it fails, the app's clipboard is used unmarked.
	SecretClipboard func(string) (secretclip.Copy, error)
	// Assist says how browser assist starts Key Relay's browser window (tests: headless, a test profile,
	// no browser at all); the zero value is the computer's own browser on Key Relay's profile.
	Assist assist.Options
	// Sources are the key sources offered beside a WooCommerce store (nil: the built-in Syncore, checked
	// with the system's certificate authorities; the demo and tests point it at the sandbox).
	Sources []walk.Source
	// Prefs keeps what the wizard remembers between runs (known stores, the last result); nil means the
	// app's preferences. The demo remembers nothing: MemoryPreferences.
	Prefs Preferences
}

// The walk's steps are client/walk's; the screens are named after them.
type step = walk.Step

const (
	stepStore   = walk.Store
	stepCreate  = walk.Create
	stepCapture = walk.Capture
	stepCheck   = walk.Check
	stepSave    = walk.Save
	stepSend    = walk.Send
	stepDone    = walk.Done
	stepCount   = walk.Count
)

// clipboardClearAfter is how long a copied key or secret stays on the clipboard.
const clipboardClearAfter = 60 * time.Second

// Wizard is the walk from a store address to a tested key in the sync service's form: the window, the
// walk (its step, its state and its background job) and the screens. Each screen's own widgets and what
// it alone remembers are in its struct (screens); the walk's state is a walk.Attempt.
type Wizard struct {
	app  fyne.App
	win  fyne.Window
	deps Deps

	step step
	// at is the walk being made; walks keeps each source's (by id; "" a WooCommerce store), so choosing
	// another on step 1 loses nothing captured for this one.
	at    *walk.Attempt
	walks map[string]*walk.Attempt
	jobs  walk.Jobs // the step's background job: progress, Cancel, results of a superseded job dropped

	f      frame       // the window's chrome around every screen
	s      screens     // the screens' own widgets and state
	clip   clipWatch   // the clipboard: watched for a key, and what Key Relay put there
	assist assistState // browser assist: Key Relay's browser window
}

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
}

// screens are the screens' own widgets and what each alone remembers.
type screens struct {
	store   storeScreen
	capture captureScreen
	conns   connectionsScreen
}

// storeScreen is step 1's: the service, "Another app" as typed, the address field and why it was refused.
type storeScreen struct {
	another        anotherApp
	addrErr        string
	addrSuggestion string // the address the merchant most likely meant, offered with addrErr
	addressEntry   *widget.SelectEntry
	serviceSelect  *widget.Select
}

// captureScreen is step 3's: the paste fields and what they say of the values taken.
type captureScreen struct {
	fromClip              [2]bool   // the key / secret was picked up from the clipboard
	secretCleared         bool      // the secret was on the clipboard when captured, and Key Relay cleared it
	fieldErr              [2]string // why the last value pasted for the key / secret was refused
	typed                 [2]string // what is typed in the key / secret field and not yet taken
	typingHint            [2]*widget.Label
	keyEntry, secretEntry *widget.Entry
}

// connectionsScreen is Your connections: the connections as kept in the keyring, why they couldn't be
// read, which are being checked, and the keys list to revoke a removed one's key.
type connectionsScreen struct {
	items           []vault.Item
	err             error
	checking        map[int]bool
	removedKeysPage string
}

// clipWatch is the clipboard: watched for a key while a key is made or captured, and what Key Relay put
// there itself.
type clipWatch struct {
	watching bool
	stopPoll chan struct{}
	last     string
	own      map[string]bool // what Key Relay itself put on the clipboard
	// copiedSecrets are the keys and secrets Key Relay put on the clipboard: cleared on close and quit if
	// the clipboard still holds one.
	copiedSecrets map[string]bool
	// secretCopy is the marked copy on the clipboard (nil when the system's can't be marked), of
	// secretCopyOf; gen counts copies, so an older copy's countdown stops.
	secretCopy   secretclip.Copy
	secretCopyOf string
	gen          int
	note         string // what the copy buttons last did
	label        *widget.Label
}

// assistState is browser assist's: whether a browser to drive was found (browserFinder), Key Relay's
// browser window (nil when closed; set by the job that opens it, off the UI goroutine), why assist stopped
// on this step, and whether the window is closed (a browser window opened late is closed at once).
type assistState struct {
	there  func() bool
	win    atomic.Pointer[assist.Session]
	issue  *diagnosis.Issue
	closed atomic.Bool
}

// New builds the wizard in a new window of a. Call Show (or ShowAndRun) on Window().
func New(a fyne.App, deps Deps) *Wizard {
	if deps.OpenURL == nil {
		deps.OpenURL = a.OpenURL
	}
	if deps.Do == nil {
		deps.Do = fyne.Do
	}
	if deps.Prefs == nil {
		deps.Prefs = a.Preferences()
	}
	if deps.After == nil {
		deps.After = func(d time.Duration, f func()) func() {
			t := time.AfterFunc(d, func() { deps.Do(f) })
			return func() { t.Stop() }
		}
	}
	if deps.SecretClipboard == nil {
		deps.SecretClipboard = secretclip.Put
	}
	if deps.Sources == nil {
		deps.Sources = []walk.Source{connect.Syncore{Source: syncore.Builtin(), Client: syncore.NewClient(15*time.Second, nil)}}
	}
	if deps.ClipboardPoll == 0 {
		deps.ClipboardPoll = 400 * time.Millisecond
	}
	a.Settings().SetTheme(newTheme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon)) // every window takes the app's icon
	w := &Wizard{app: a, deps: deps, walks: map[string]*walk.Attempt{}}
	w.clip.own, w.clip.copiedSecrets = map[string]bool{}, map[string]bool{}
	w.assist.there = browserFinder(deps.Assist.Find)
	w.win = a.NewWindow("Key Relay")
	w.startStore(w.freshStore())
	if r := w.prefs().String(prefLastResult); r != "" { // kept by an older version for one store only
		rememberResult(w.prefs(), "", w.at.Store.Address, r)
		w.prefs().RemoveValue(prefLastResult)
	}

	w.f.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.f.header.SizeName = theme.SizeNameSubHeadingText
	w.f.code = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	w.f.status = widget.NewLabel("")
	w.f.status.Wrapping = fyne.TextWrapWord
	w.f.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), w.goBack)
	w.f.help = widget.NewButtonWithIcon("Copy details for support", theme.ContentCopyIcon(), w.copySupportDetails)
	w.f.primary = widget.NewButton("", func() {
		if w.f.primaryAction != nil {
			w.f.primaryAction()
		}
	})
	w.f.primary.Importance = widget.HighImportance
	w.f.body = container.NewVBox()
	w.f.scroll = container.NewVScroll(container.NewPadded(w.f.body))

	top := container.NewBorder(nil, nil, nil, w.f.code, w.f.header)
	if deps.Banner != "" {
		banner := widget.NewLabelWithStyle(deps.Banner, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		banner.Importance = widget.WarningImportance
		top = container.NewVBox(banner, top)
	}
	footer := container.NewVBox(w.f.status, container.NewHBox(w.f.back, w.f.help, layout.NewSpacer(), w.f.primary))
	w.win.SetContent(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), footer, nil, nil,
		w.f.scroll))
	w.win.Resize(fyne.NewSize(860, 680))
	w.win.Canvas().SetOnTypedKey(w.typedKey)
	// Quitting (the menu or its shortcut) closes no window, so it clears a copied secret itself.
	quit := fyne.NewMenuItem("Quit", func() { w.clearCopiedSecret(); a.Quit() })
	quit.IsQuit = true
	w.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Help",
		fyne.NewMenuItem("About Key Relay", w.showAbout),
		fyne.NewMenuItem("Copy details for support", w.copySupportDetails), quit)))
	// A key or secret Key Relay copied doesn't outlive it: its 60-second timer dies with the process.
	// (Not on the app's OnStopped: it runs once the driver has stopped, with no clipboard left to reach.)
	w.win.SetCloseIntercept(func() { w.clearCopiedSecret(); w.win.Close() })
	w.win.SetOnClosed(func() {
		w.clearCopiedSecret()
		w.watchClipboard(false)
		w.jobs.Cancel() // whatever the job brings back now is dropped: the window is gone
		w.assist.closed.Store(true)
		if s := w.assist.win.Swap(nil); s != nil {
			s.Close() // gracefully, here: the app may end right after, and the profile keeps a Remember Me login
		}
		if deps.OnClose != nil {
			deps.OnClose()
		}
	})
	if len(w.knownStores()) > 0 {
		// Connections were saved here: they come first, read from the keyring off the UI goroutine.
		w.step = walk.Home
		w.loadConnections()
	}
	w.render()
	if w.step == stepStore {
		w.win.Canvas().Focus(w.s.store.addressEntry)
	}
	w.offerResume()
	return w
}

// prefs are where the wizard remembers things between runs.
func (w *Wizard) prefs() Preferences { return w.deps.Prefs }

// About says what this is, its version and the commit it was built from.
func (w *Wizard) About() string {
	return fmt.Sprintf("Key Relay %s (commit %s)\nConnects a WooCommerce store to a sync service with a tested REST API key.\n%s/%s", assets.Version, assets.BuildCommit(), runtime.GOOS, runtime.GOARCH)
}

func (w *Wizard) showAbout() { dialog.ShowInformation("About Key Relay", w.About(), w.win) }

// Window is the wizard's window.
func (w *Wizard) Window() fyne.Window { return w.win }

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

// send tells the walk what happened; the walk's table says which step follows. An event that leads
// nowhere from this step just redraws it.
func (w *Wizard) send(e walk.Event) {
	if to, ok := walk.Next(w.step, e); ok {
		w.goTo(to)
		return
	}
	w.render()
}

// goTo shows step s: only send (the walk's table) and tests call it. Leaving a step cancels its running
// job; nothing entered is lost.
func (w *Wizard) goTo(s step) {
	from := w.step
	w.jobs.Cancel()
	w.step, w.f.note, w.f.revealed, w.f.browserIssue, w.assist.issue = s, "", false, nil, nil
	w.f.status.SetText("")
	// The clipboard is read while a key is made, captured or tested: a key or secret copied again after
	// the test refused one replaces it (and is tested at once).
	w.watchClipboard(s == stepCreate || s == stepCapture || s == stepCheck)
	w.render()
	w.f.scroll.ScrollToTop() // every step opens at its top, wherever the last one was scrolled
	switch {
	case w.onSource():
		w.sourceEnter(s)
	case s == stepCheck && w.at.Store.Verdict == nil: // Back to a finished check shows it; it does not rerun
		w.startCheck()
	case s == stepSave && !w.at.Saved:
		w.startSave()
	case s == stepCreate && from == stepStore && w.assistFirst():
		w.doItForMe() // step 1's main button is the assisted walk; the walk by hand is one click away
	case s == stepSend && w.assistSending():
		w.fillService()
	case s == stepSend && w.at.Store.Delivery.Assisted && w.assist.win.Load() != nil:
		w.readBaseline() // pasted by hand: the keys list still shows when the service uses the key
	case s == stepDone:
		w.finish()
		if w.at.Store.Delivery.WatchUse && w.assist.win.Load() != nil {
			w.awaitUse()
		}
	}
}

func (w *Wizard) goBack() { w.send(walk.Back) }

// screen is what a step shows: its content and its one main action.
type screen struct {
	title    string // "" means the step's name in report.Steps
	content  []fyne.CanvasObject
	primary  string
	action   func()
	disabled bool
	// whileBusy keeps the main button usable while the step's job runs (pressing it leaves the step,
	// which cancels the job).
	whileBusy bool
}

// screen builds step s's screen; the list is in walk order.
func (w *Wizard) screen(s step) screen {
	if s == walk.Home {
		return w.connectionsScreen()
	}
	if w.onSource() {
		return w.sourceScreen(s)
	}
	return [stepCount]func() screen{
		w.storeScreen, w.createScreen, w.captureScreen, w.checkScreen, w.saveScreen, w.sendScreen, w.doneScreen,
	}[s]()
}

// render rebuilds the current screen from the wizard's state.
func (w *Wizard) render() {
	sc := w.screen(w.step)
	if sc.title == "" {
		sc.title = report.Steps[w.step]
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

// open shows a page in the default browser and reports whether it could. When it can't, the address goes
// on the clipboard and the screen says what to do with it.
func (w *Wizard) open(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return false
	}
	if err := w.deps.OpenURL(u); err != nil {
		i := diagnosis.New(browser.NotOpened, err.Error())
		w.f.browserIssue = i
		w.copyText(raw)
		w.f.status.SetText("⚠ " + i.Title + " " + i.Fix[0])
		w.showSupportCode()
		return false
	}
	return true
}
