// Package browser finds the computer's own Chromium-family browser (Chrome, Edge, Chromium, Brave) and
// says how Key Relay starts it for browser assist: a normal, visible window on a profile of Key Relay's
// own, without the automation defaults that would break a merchant's ordinary session.
package browser

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is one found browser.
type Browser struct {
	Name string // as the merchant knows it: "Google Chrome", "Microsoft Edge", "Chromium", "Brave"
	Path string // the executable
}

// ErrNotFound means no Chromium-family browser is installed where browsers are installed.
var ErrNotFound = errors.New("no Chrome, Edge, Chromium or Brave was found on this computer")

// candidate is a browser in one usual place: an absolute path, a path under an environment variable's
// folder (Windows' program folders, the user's local app data), or a command name looked up on PATH.
type candidate struct {
	name, env, path string
}

// candidates lists the usual places on goos, most common first. Edge is on every Windows, so it is looked
// for there (chromedp's own finder doesn't).
func candidates(goos string) []candidate {
	switch goos {
	case "windows":
		var c []candidate
		for _, b := range []struct{ name, path string }{
			{"Google Chrome", `Google\Chrome\Application\chrome.exe`},
			{"Microsoft Edge", `Microsoft\Edge\Application\msedge.exe`},
			{"Brave", `BraveSoftware\Brave-Browser\Application\brave.exe`},
			{"Chromium", `Chromium\Application\chrome.exe`},
		} {
			for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
				c = append(c, candidate{b.name, env, b.path})
			}
		}
		return c
	case "darwin":
		var c []candidate
		for _, b := range []struct{ name, app string }{
			{"Google Chrome", "Google Chrome.app/Contents/MacOS/Google Chrome"},
			{"Microsoft Edge", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"},
			{"Brave", "Brave Browser.app/Contents/MacOS/Brave Browser"},
			{"Chromium", "Chromium.app/Contents/MacOS/Chromium"},
		} {
			c = append(c, candidate{b.name, "", "/Applications/" + b.app}, candidate{b.name, "HOME", "Applications/" + b.app})
		}
		return c
	}
	return []candidate{
		{"Google Chrome", "", "google-chrome"}, {"Google Chrome", "", "google-chrome-stable"},
		{"Microsoft Edge", "", "microsoft-edge"}, {"Microsoft Edge", "", "microsoft-edge-stable"},
		{"Chromium", "", "chromium"}, {"Chromium", "", "chromium-browser"},
		{"Brave", "", "brave-browser"}, {"Brave", "", "brave"},
		{"Chromium", "", "/snap/bin/chromium"},
	}
}

// Find returns the first Chromium-family browser installed in its usual place.
func Find() (Browser, error) { return find(runtime.GOOS, os.Getenv, exec.LookPath, exists) }

func find(goos string, getenv func(string) string, lookPath func(string) (string, error), exists func(string) bool) (Browser, error) {
	for _, c := range candidates(goos) {
		switch {
		case c.env != "":
			dir := getenv(c.env)
			if dir == "" {
				continue
			}
			if p := filepath.Join(dir, c.path); exists(p) {
				return Browser{c.name, p}, nil
			}
		case filepath.IsAbs(c.path):
			if exists(c.path) {
				return Browser{c.name, c.path}, nil
			}
		default:
			if p, err := lookPath(c.path); err == nil {
				return Browser{c.name, p}, nil
			}
		}
	}
	return Browser{}, ErrNotFound
}

func exists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// ProfileDir is Key Relay's own browser profile, in the user's config folder: the merchant's own browser
// profile stays untouched (and Chrome 136+ refuses remote control of the default one), and a WordPress
// login with Remember Me lasts there from one walk to the next. Deleting the folder clears it.
func ProfileDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "keyrelay", "browser-profile"), nil
}

// Flags are the switches Key Relay starts the browser with. A driver's defaults aim at tests
// (enable-automation, password-store=basic, use-mock-keychain, disable-extensions, disable-sync), which
// would show an "automated" bar, keep logins in a plain file and switch off the merchant's own setup;
// none of them is here. headless is for tests only.
func Flags(profile string, headless bool) []string {
	f := []string{"--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0"}
	if headless {
		f = append(f, "--headless=new", "--disable-gpu")
	}
	return f
}

// noSaving are the profile preferences that keep the browser from remembering what is typed into forms
// there: a service's key form has the secret in a password field, and the browser's "Save password?"
// offer kept the consumer key as the user name (measured: Default/Login Data, table stats) even when
// declined. Key Relay's window handles API keys, so it saves no passwords and no form entries; a
// WordPress login lasts by Remember Me instead.
var noSaving = map[string]any{
	"credentials_enable_service": false,
	"profile":                    map[string]any{"password_manager_enabled": false},
	"autofill":                   map[string]any{"enabled": false, "profile_enabled": false, "credit_card_enabled": false},
}

// forgetForms writes noSaving into the profile's preferences, keeping whatever else the browser keeps.
func forgetForms(profile string) error {
	p := filepath.Join(profile, "Default", "Preferences")
	prefs := map[string]any{}
	if b, err := os.ReadFile(p); err == nil {
		if err := json.Unmarshal(b, &prefs); err != nil {
			return err // the browser's own file, not understood: left alone
		}
	}
	merge(prefs, noSaving)
	b, err := json.Marshal(prefs)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o600)
}

// merge sets src's values in dst, into nested objects.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if sub, ok := v.(map[string]any); ok {
			d, ok := dst[k].(map[string]any)
			if !ok {
				d = map[string]any{}
				dst[k] = d
			}
			merge(d, sub)
			continue
		}
		dst[k] = v
	}
}

// AutomationDefaults are the switches Flags never includes (they break a normal session).
var AutomationDefaults = []string{"--enable-automation", "--password-store=basic", "--use-mock-keychain", "--disable-extensions", "--disable-sync"}

// Open starts b on Key Relay's profile folder and returns a context that drives its first tab; cancel
// closes the browser. extra adds switches a machine needs (tests on a locked-down machine add
// --no-sandbox and the like).
func Open(ctx context.Context, b Browser, profile string, headless bool, extra ...string) (context.Context, context.CancelFunc) {
	// Best effort: a profile whose preferences can't be written still works; the tests search it for keys.
	_ = forgetForms(profile)
	forgetSessions(profile) // what a walk that was killed left behind
	// A browser starting cold from a slow disk may take long to open its DevTools endpoint: it is waited
	// for as long as the process lives (its exit ends the wait at once, with what it printed), and the
	// caller's Cancel ends it sooner.
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(b.Path), chromedp.WSURLReadTimeout(24 * time.Hour)}
	for _, f := range append(Flags(profile, headless), extra...) {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		switch {
		case name == "remote-debugging-port":
			continue // the driver picks the port itself
		case hasValue:
			opts = append(opts, chromedp.Flag(name, value))
		default:
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(alloc)
	var once sync.Once
	return tab, func() {
		once.Do(func() {
			// Closed gracefully, so the profile keeps what a normal close keeps (a login with Remember Me).
			_ = chromedp.Cancel(tab)
			cancelTab()
			cancelAlloc() // waits for the browser to exit
			forgetSessions(profile)
		})
	}
}

// sessionFiles are what Chromium keeps to restore a session: the tabs, their history and each page's
// form state (measured: the Add key page's key and secret, as UTF-16LE text, in Sessions/Session_* and
// Tabs_*, across closes and restarts). Key Relay's window restores nothing, so they go when it closes
// and before it starts; the login (Cookies, with Remember Me) stays.
var sessionFiles = []string{"Sessions", "Current Session", "Current Tabs", "Last Session", "Last Tabs", "Session Storage"}

// forgetSessions removes the profile's session files (best effort: a file the system won't let go of
// stays, and the tests search the profile for keys).
func forgetSessions(profile string) {
	for _, f := range sessionFiles {
		_ = os.RemoveAll(filepath.Join(profile, "Default", f))
	}
}

// encodings are the forms a value is searched for in a profile: as it is, as UTF-16LE text (how
// Chromium keeps page state) and in base64 (standard and URL alphabets) at each of the three positions
// a value can take within a longer encoded run.
func encodings(v string) [][]byte {
	out := [][]byte{[]byte(v)}
	u16 := make([]byte, 0, 2*len(v))
	for i := 0; i < len(v); i++ {
		u16 = append(u16, v[i], 0)
	}
	out = append(out, u16)
	for skip := 0; skip < 3 && len(v)-skip >= 12; skip++ {
		part := []byte(v[skip:])
		part = part[:len(part)/3*3] // whole groups of three bytes encode to the same four characters anywhere
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			out = append(out, []byte(enc.EncodeToString(part)))
		}
	}
	return out
}

// FilesHolding lists the files under the profile folder that hold any of values (a key, a secret) as
// text, as UTF-16LE text or in base64: what a profile must never keep, checked after every walk in the
// tests.
func FilesHolding(profile string, values ...string) []string {
	var forms [][]byte
	for _, v := range values {
		if v != "" {
			forms = append(forms, encodings(v)...)
		}
	}
	var found []string
	_ = filepath.WalkDir(profile, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		for _, f := range forms {
			if bytes.Contains(b, f) {
				found = append(found, p)
				break
			}
		}
		return nil
	})
	return found
}
