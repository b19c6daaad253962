// Package syncore is Syncore as a source of API keys: its profile (where keys are made, how they look,
// how one is checked — data in assets/sources/syncore.json, several facts of it provisional), reading a
// key out of what a merchant copies, and a live check that sends the key only to the profile's API host,
// over HTTPS, and follows no redirect with it.
package syncore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/reach"
)

// ID is the source's id: saved connections made from Syncore keys carry it (vault.Item.Source).
const ID = "syncore"

// Source is Syncore's profile.
type Source struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	What        string `json:"what"`         // what Syncore is, in a few words
	SettingsURL string `json:"settings_url"` // Syncore Settings > API
	API         string `json:"api"`          // the API's base address, https
	Header      string `json:"header"`       // the header the key goes in
	CheckPath   string `json:"check_path"`   // a cheap read that needs no id
	AdminOnly   string `json:"admin_only"`
	Words       Words  `json:"words"`
	// Steps and RegenerateSteps are Syncore's documented steps, in its words.
	Steps           []string `json:"steps"`
	RegenerateSteps []string `json:"regenerate_steps"`
	Rules           KeyRules `json:"key_rules"`
	// Provisional says which of these facts are not from Syncore's own documentation.
	Provisional []string `json:"provisional"`
	// Partners are the apps a Syncore key is handed to, as service profiles are for WooCommerce keys.
	Partners []Partner `json:"partners"`

	charset *regexp.Regexp // Rules.Charset, compiled once by Builtin
}

// Words are what the walk's screens say of Syncore.
type Words struct {
	Intro       string `json:"intro"`        // step 1's first sentence
	Where       string `json:"where"`        // where keys are made: Syncore Settings > API
	CaptureHint string `json:"capture_hint"` // which copy icons give the keys
	Watching    string `json:"watching"`     // step 2, while the clipboard is watched
	Checking    string `json:"checking"`     // what the live check does
	Regenerated string `json:"regenerated"`  // what regenerating does to the apps using the keys
	Kept        string `json:"kept"`         // how a kept key is shown
}

// Partner is an app that takes a Syncore key.
type Partner struct {
	ID     string `json:"id"`
	Number int    `json:"number"` // its small number in support codes (1 to 6), not shared with a service (7: another app)
	Name   string `json:"name"`
	// UpdateSteps are how the key is given to it; the copy buttons come with them.
	UpdateSteps []string `json:"update_steps"`
}

// Partner finds a partner by id.
func (s Source) Partner(id string) (Partner, bool) {
	for _, p := range s.Partners {
		if p.ID == id {
			return p, true
		}
	}
	return Partner{}, false
}

// KeyRules is how a Syncore key can look; loose on purpose (the format is not documented publicly): only
// what is clearly something else is refused.
type KeyRules struct {
	MinLength int    `json:"min_length"`
	MaxLength int    `json:"max_length"`
	Charset   string `json:"charset"` // a regexp character class body, e.g. A-Za-z0-9_-
	Example   string `json:"example"`
}

// Builtin is the profile shipped in the binary (checked by tests: an error is a bug).
func Builtin() Source {
	b, err := assets.Sources.ReadFile("sources/syncore.json")
	if err != nil {
		panic(err)
	}
	var s Source
	if err := json.Unmarshal(b, &s); err != nil {
		panic("assets/sources/syncore.json: " + err.Error())
	}
	if err := s.validate(); err != nil {
		panic("assets/sources/syncore.json: " + err.Error())
	}
	s.charset = s.charsetRE()
	return s
}

func (s Source) validate() error {
	u, err := url.Parse(s.API)
	switch {
	case err != nil || u.Scheme != "https" || u.Host == "":
		return fmt.Errorf("api must be an https address")
	case s.Header == "" || !strings.HasPrefix(s.CheckPath, "/"):
		return fmt.Errorf("header and check_path (starting with /) are needed")
	case s.Rules.MinLength < 8 || s.Rules.MaxLength < s.Rules.MinLength:
		return fmt.Errorf("key_rules lengths")
	case len(s.Steps) == 0 || len(s.RegenerateSteps) == 0:
		return fmt.Errorf("steps and regenerate_steps are needed")
	case len(s.Partners) == 0:
		return fmt.Errorf("at least one partner is needed")
	case s.Words.Intro == "" || s.Words.Where == "" || s.Words.CaptureHint == "" || s.Words.Checking == "":
		return fmt.Errorf("words: intro, where, capture_hint and checking are needed")
	}
	for _, p := range s.Partners {
		if p.ID == "" || p.Name == "" || p.Number < 1 || p.Number > 6 || len(p.UpdateSteps) == 0 { // 7 is "another app"
			return fmt.Errorf("partner %q needs an id, a name, a number 1 to 6 and update_steps", p.ID)
		}
	}
	_, err = regexp.Compile("^[" + s.Rules.Charset + "]+$")
	return err
}

// charsetRE is the key rules' character class as a whole-value pattern.
func (s Source) charsetRE() *regexp.Regexp {
	if s.charset != nil {
		return s.charset
	}
	return regexp.MustCompile("^[" + s.Rules.Charset + "]+$")
}

// Host is the API's host: the only place a Syncore key is ever sent.
func (s Source) Host() string {
	u, _ := url.Parse(s.API)
	return u.Host
}

// Key takes a Syncore key out of text (a copy or a paste), or says why text is clearly no Syncore key
// (a syncore_key_format issue whose Detail says what it is instead). Surrounding spaces and line breaks
// are trimmed; nothing inside is changed.
func (s Source) Key(text string) (string, *diagnosis.Issue) {
	t := strings.TrimSpace(text)
	bad := func(format string, args ...any) (string, *diagnosis.Issue) {
		return "", diagnosis.New(KeyFormat, fmt.Sprintf(format, args...))
	}
	lower := strings.ToLower(t)
	switch {
	case t == "":
		return bad("nothing was copied")
	case strings.HasPrefix(lower, "ck_") || strings.HasPrefix(lower, "cs_"):
		return bad("this is a WooCommerce key or secret (it starts with %s), not a Syncore API key", t[:3])
	case strings.Contains(lower, "://") || strings.HasPrefix(lower, "www."):
		return bad("this is a web address, not a key")
	case strings.ContainsAny(t, "•*●…") || strings.Contains(t, "..."):
		return bad("this is the hidden form of a key (dots or stars): click “Reveal API Keys” first, then the copy icon")
	case strings.IndexFunc(t, unicode.IsSpace) >= 0:
		return bad("it has spaces or line breaks inside, so it is more than one key, or a key with words around it")
	case len(t) < s.Rules.MinLength:
		return bad("it is %d characters long: a Syncore key is longer, so part of it is missing", len(t))
	case len(t) > s.Rules.MaxLength:
		return bad("it is %d characters long: much longer than a Syncore key", len(t))
	case !s.charsetRE().MatchString(t):
		return bad("it has characters a Syncore key doesn't have")
	}
	return t, nil
}

// Mask shows a key by its last four characters, never more.
func Mask(key string) string {
	if len(key) <= 8 {
		return "…"
	}
	return "…" + key[len(key)-4:]
}

// Result is a live check's answer.
type Result struct {
	Works  bool
	Issue  *diagnosis.Issue // nil when it works
	Status int              // the HTTP status; 0 when none came back
	Tested string           // how it was tested, in words, for the screen and the support report
}

// Client calls Syncore's API.
type Client struct {
	http *http.Client
}

// NewClient makes a client; roots, when set, are the only trusted certificate authorities (the sandbox's).
func NewClient(timeout time.Duration, roots *x509.CertPool) *Client {
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	return &Client{http: &http.Client{Timeout: timeout, Transport: tr,
		// A key never follows a redirect: the answer to the first request is the answer.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// Check reads CheckPath with key, at the profile's API host over HTTPS: a 2xx JSON answer proves the key;
// 401 is syncore_key_refused, 403 syncore_no_api_access, 404 syncore_check_outdated (the check's address,
// not the key); reach and certificate failures are the table's reach rows. err is only a cancel.
func (c *Client) Check(ctx context.Context, s Source, key string) (*Result, error) {
	u, err := url.Parse(strings.TrimSuffix(s.API, "/") + s.CheckPath)
	if err != nil || u.Scheme != "https" || u.Host != s.Host() {
		return &Result{Issue: diagnosis.New(CheckOutdated, "the profile's check address isn't an https address at "+s.Host())}, nil
	}
	tested := "Read " + u.Path + " at " + u.Host + " over HTTPS, the key in the " + s.Header + " header."
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(s.Header, key)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "KeyRelay/"+assets.Version+" (+https://keyrelay.app)")
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return &Result{Issue: reach.NetworkIssue(err, u.String()), Tested: tested}, nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	r := &Result{Status: resp.StatusCode, Tested: tested}
	switch st := resp.StatusCode; {
	case st >= 200 && st < 300 && json.Valid(body):
		r.Works = true
	case st >= 200 && st < 300:
		r.Issue = diagnosis.New(Unavailable, fmt.Sprintf("Syncore answered %d from %s, but not with JSON", st, u.Path))
	case st == http.StatusUnauthorized:
		r.Issue = diagnosis.New(KeyRefused, fmt.Sprintf("HTTP 401 from %s%s", u.Host, u.Path))
	case st == http.StatusForbidden:
		r.Issue = diagnosis.New(NoAPIAccess, fmt.Sprintf("HTTP 403 from %s%s", u.Host, u.Path))
	case st == http.StatusNotFound:
		r.Issue = diagnosis.New(CheckOutdated, fmt.Sprintf("HTTP 404 from %s%s", u.Host, u.Path))
	case st >= 300 && st < 400:
		r.Issue = diagnosis.New(CheckOutdated, fmt.Sprintf("%s%s forwards elsewhere; Key Relay doesn't follow a forward with a key", u.Host, u.Path))
	case st == http.StatusTooManyRequests:
		r.Issue = diagnosis.New(Unavailable, fmt.Sprintf("HTTP 429 (too many requests) from %s", u.Host))
	default:
		r.Issue = diagnosis.New(Unavailable, fmt.Sprintf("HTTP %d from %s%s", st, u.Host, u.Path))
	}
	return r, nil
}

// Result words a check's outcome for saved connections: "fit" or the diagnosis code.
func (r *Result) Result() string {
	if r.Works {
		return "fit"
	}
	return string(r.Issue.Code)
}
