package assist

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/redact"
)

// Key Relay's scripts never run in the page's own JavaScript. Each runs in an isolated world of the tab's
// current document (Page.createIsolatedWorld): the page's scripts can't see its arguments, its globals or
// its DOM wrappers, so a page that replaces getElementById or an input's value setter learns nothing and
// fools nothing. A world belongs to one document: once the tab navigates, a call into it fails instead
// of running in whatever page came next, and a script that writes a key checks the document's origin
// in the same synchronous call that writes.

// pageState is what the session hears from the tab's own events, between Key Relay's calls.
type pageState struct {
	mu     sync.Mutex
	world  runtime.ExecutionContextID // Key Relay's world in the current document; 0 when none
	url    string                     // the main frame's address, as last navigated
	dialog *page.EventJavascriptDialogOpening
	// leaving is set while Key Relay itself moves the tab away from a page: a "Leave site?" dialog then
	// is answered Leave, since the move is what empties the page that showed the secret.
	leaving bool
	// dialogOpen is cancelled when a page opens a dialog Key Relay doesn't answer: work waiting on the
	// tab ends at once (an alert() while loading holds the load forever).
	dialogOpen   context.Context
	cancelDialog context.CancelFunc
}

// listen follows the tab's navigations and dialogs. It runs on the driver's reading goroutine: quick,
// and no calls from there (the beforeunload answer goes from a goroutine of its own).
func (s *Session) listen() error {
	s.ps.dialogOpen, s.ps.cancelDialog = context.WithCancel(context.Background())
	return chromedp.Listen(s.tab, func(ev any) {
		ps := &s.ps
		switch e := ev.(type) {
		case *page.EventFrameNavigated:
			if e.Frame != nil && e.Frame.ParentID == "" {
				ps.mu.Lock()
				ps.world, ps.url = 0, e.Frame.URL+e.Frame.URLFragment
				ps.mu.Unlock()
			}
		case *page.EventNavigatedWithinDocument:
			ps.mu.Lock()
			ps.url = e.URL
			ps.mu.Unlock()
		case *runtime.EventExecutionContextsCleared:
			ps.mu.Lock()
			ps.world = 0
			ps.mu.Unlock()
		case *page.EventJavascriptDialogOpening:
			ps.mu.Lock()
			leaving := ps.leaving && e.Type == page.DialogTypeBeforeunload
			if !leaving {
				ps.dialog = e
				ps.cancelDialog()
			}
			ps.mu.Unlock()
			if leaving {
				go func() {
					_, _ = chromedp.Call(s.tab, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
				}()
			}
		case *page.EventJavascriptDialogClosed:
			ps.mu.Lock()
			if ps.dialog != nil {
				ps.dialog = nil
				ps.dialogOpen, ps.cancelDialog = context.WithCancel(context.Background())
			}
			ps.mu.Unlock()
		}
	})
}

// dialogCtx ends when the page opens a dialog (at once if one is open).
func (s *Session) dialogCtx() context.Context {
	s.ps.mu.Lock()
	defer s.ps.mu.Unlock()
	if s.ps.dialogOpen == nil {
		return context.Background()
	}
	return s.ps.dialogOpen
}

// dialogIssue is the open dialog as its row, or nil when none is open.
func (s *Session) dialogIssue() error {
	s.ps.mu.Lock()
	d := s.ps.dialog
	s.ps.mu.Unlock()
	if d == nil {
		return nil
	}
	return fail(browser.PageDialog, nil, "the page at %s opened a %s box saying %q", siteOf(d.URL), d.Type, pageWords(d.Message, 160))
}

// currentURL is the main frame's address as the tab's events last told it.
func (s *Session) currentURL() string {
	s.ps.mu.Lock()
	defer s.ps.mu.Unlock()
	return s.ps.url
}

// errNavigated means the document Key Relay's world belonged to is gone: the tab navigated (or is
// between two pages). Nothing ran in the document that replaced it.
var errNavigated = errors.New("the page changed while Key Relay was working on it")

// worldID is Key Relay's world in the tab's current document, made when there is none yet.
func (s *Session) worldID(ctx context.Context) (runtime.ExecutionContextID, error) {
	s.ps.mu.Lock()
	id := s.ps.world
	s.ps.mu.Unlock()
	if id != 0 {
		return id, nil
	}
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return 0, err
	}
	if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
		return 0, errNavigated
	}
	w, err := chromedp.Call(ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: tree.FrameTree.Frame.ID, WorldName: "keyrelay"})
	if err != nil {
		return 0, err
	}
	s.ps.mu.Lock()
	if s.ps.world == 0 {
		s.ps.world = w.ExecutionContextID
	}
	id = s.ps.world
	s.ps.mu.Unlock()
	return id, nil
}

// forgetWorld drops id after a call into it found it gone.
func (s *Session) forgetWorld(id runtime.ExecutionContextID) {
	s.ps.mu.Lock()
	if s.ps.world == id {
		s.ps.world = 0
	}
	s.ps.mu.Unlock()
}

// contextGone reports whether err says the world's document is gone.
func contextGone(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "Cannot find context") || strings.Contains(m, "context was destroyed") ||
		strings.Contains(m, "Inspected target navigated") || strings.Contains(m, "Cannot find default execution context")
}

// inWorld calls fn (a JavaScript function's source) with args in Key Relay's world of the current
// document, and decodes its result into T. Arguments travel as protocol values: never source text the
// page could read. A document that went away midway is errNavigated.
func inWorld[T any](s *Session, ctx context.Context, fn string, args ...any) (T, error) {
	c, stop := s.op(ctx, s.opts.PageTimeout)
	defer stop()
	var zero T
	id, err := s.worldID(c)
	if err == nil {
		var v T
		v, err = chromedp.Run(c, chromedp.CallFunctionOn[T](fn, func(p *runtime.CallFunctionOnParams) {
			p.ExecutionContextID = id
			p.AwaitPromise = ptrTrue()
		}, args...))
		if err == nil {
			return v, nil
		}
		if contextGone(err) {
			s.forgetWorld(id)
		}
	}
	if g := s.gone(ctx, err); g != nil {
		return zero, g
	}
	if contextGone(err) {
		return zero, errNavigated
	}
	return zero, err
}

// readInWorld is inWorld for a script that only reads: a document between two loads is read again,
// every Poll, until one answers (or ctx ends).
func readInWorld[T any](s *Session, ctx context.Context, fn string, args ...any) (T, error) {
	for {
		v, err := inWorld[T](s, ctx, fn, args...)
		if !errors.Is(err, errNavigated) {
			return v, err
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			return v, err
		}
	}
}

// emptyFields empties the fields selectors name, in the current document only when it is at origin
// (best effort, on a short clock of its own: the window may be gone, the walk cancelled). Key Relay
// leaves no field it filled holding a key once it stops watching, and no copy for the browser's
// session restore.
func (s *Session) emptyFields(origin string, selectors ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), shortClock)
	defer cancel()
	_, _ = inWorld[bool](s, ctx, `function (origin, sels) {
  if (location.origin !== origin) return false;
  sels.forEach(function (sel) { var e = document.querySelector(sel); if (e) e.value = ''; });
  return true;
}`, origin, selectors)
}

// shortClock is how long a clean-up after the walk stopped may take: the window may be gone.
const shortClock = 2 * time.Second

func ptrTrue() *bool { t := true; return &t }

// originOf is u's origin as a page's location.origin says it ("https://shop.example:8443").
func originOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return ""
	}
	return strings.ToLower(p.Scheme + "://" + p.Host)
}

// siteOf is where an address points, for words: its origin only (a path or query may carry anything a
// page chose, a key included).
func siteOf(u string) string {
	if o := originOf(u); o != "" {
		return pageWords(o, 100)
	}
	return "another page"
}

// pageWords is text a page supplied, made fit for the merchant's screen and the support report: any
// key- or secret-shaped run masked, control characters dropped, cut to at most n characters.
func pageWords(s string, n int) string {
	if len(s) > 4*n {
		s = s[:4*n] // the redactor reads a bounded text
	}
	s = redact.Shapes(s)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return s
}
