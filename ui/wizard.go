// Package ui is Key Relay's desktop wizard: one struct per screen and one row per step (steps.go), drawing
// the walk's state (a client/walk Attempt) for any key source and sending events; everything outside the
// app (stores, the keyring, sync services) is reached through client packages.
package ui

import (
	"fmt"
	"net/url"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
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
	// Sources are the key sources offered beside a WooCommerce store, which comes first (nil: the built-in
	// Syncore, checked with the system's certificate authorities; the demo and tests point it at the
	// sandbox).
	Sources []walk.Source
	// Shown, when set, stands for the window's first frame (tests: a closed channel); nil means the
	// window's own first paint. The keyring is first asked after it.
	Shown <-chan struct{}
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
	deps.Sources = append([]walk.Source{connect.Woo{Client: deps.Client, Services: deps.Services}}, deps.Sources...)
	if deps.ClipboardPoll == 0 {
		deps.ClipboardPoll = 400 * time.Millisecond
	}
	a.Settings().SetTheme(newTheme())
	a.SetIcon(fyne.NewStaticResource("window-icon.png", assets.Icon)) // every window takes the app's icon
	w := &Wizard{app: a, deps: deps, walks: map[string]*walk.Attempt{}}
	w.clip.own, w.clip.copiedSecrets = map[string]bool{}, map[string]bool{}
	w.assist.there = browserFinder(deps.Assist.Find)
	w.win = a.NewWindow("Key Relay")
	w.startStore(w.freshStore())
	if r := w.prefs().String(prefLastResult); r != "" { // kept by an older version for one store only
		rememberResult(w.prefs(), "", w.at.Store.Address, r)
		w.prefs().RemoveValue(prefLastResult)
	}

	w.f.shown, w.f.gone = deps.Shown, make(chan struct{})
	w.f.build(w, deps.Banner)
	w.win.SetContent(w.f.content)
	w.win.Resize(fyne.NewSize(860, 680))
	w.win.Canvas().SetOnTypedKey(w.typedKey)
	w.buildMenu()
	w.win.SetCloseIntercept(func() { w.clearCopiedSecret(); w.win.Close() })
	w.win.SetOnClosed(w.closed)
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

// buildMenu is the window's menu. Quitting (the menu or its shortcut) closes no window, so it clears a
// copied secret itself.
func (w *Wizard) buildMenu() {
	quit := fyne.NewMenuItem("Quit", func() { w.clearCopiedSecret(); w.app.Quit() })
	quit.IsQuit = true
	w.win.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Help",
		fyne.NewMenuItem("About Key Relay", w.showAbout),
		fyne.NewMenuItem("Copy details for support", w.copySupportDetails), quit)))
}

// closed ends what the window started. A key or secret Key Relay copied doesn't outlive it: its
// 60-second timer dies with the process. (Not on the app's OnStopped: it runs once the driver has stopped,
// with no clipboard left to reach.)
func (w *Wizard) closed() {
	select {
	case <-w.f.gone: // closed once already
	default:
		close(w.f.gone)
	}
	w.clearCopiedSecret()
	w.watchClipboard(false)
	w.jobs.Cancel() // whatever the job brings back now is dropped: the window is gone
	w.assist.closed.Store(true)
	if s := w.assist.win.Swap(nil); s != nil {
		s.Close() // gracefully, here: the app may end right after, and the profile keeps a Remember Me login
	}
	if w.deps.OnClose != nil {
		w.deps.OnClose()
	}
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
