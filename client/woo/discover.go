package woo

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/reach"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Status is how a discovery finding looks on screen.
type Status int

const (
	StatusOK Status = iota + 1
	StatusWarn
	StatusBlock
)

func (s Status) Symbol() string {
	switch s {
	case StatusOK:
		return "✓"
	case StatusWarn:
		return "⚠"
	}
	return "✗"
}

// Finding is one line of what discovery learned, worded for the merchant.
type Finding struct {
	Status Status
	Text   string
}

// Discovery is what a store tells anyone, before any key is used.
type Discovery struct {
	Typed Address  // what the merchant typed, normalised
	Home  *url.URL // the address the store answers at, after redirects
	// APIRoot is the REST API's root from the Link header, e.g. https://mystore.com/wp-json/; with plain
	// permalinks it is https://mystore.com/?rest_route=/ .
	APIRoot *url.URL
	// WordPress is where WordPress itself lives (its "url"); wp-admin pages hang off it.
	WordPress  *url.URL
	HTTPS      bool
	Moved      bool // the typed address forwards to Home
	WPVersion  string
	WooVersion string
	Namespaces []string
	// NoAuthMethods is true when the API index lists no authentication methods over HTTPS: WordPress
	// offers application passwords only when it sees HTTPS, so this hints at a proxy hiding HTTPS.
	NoAuthMethods bool
	// IndexHidden is true when the API index refused anonymous visitors (a plugin can require login for
	// the REST API; keys can still work).
	IndexHidden bool
	// HTTPSHidden is the http:// address WordPress gave for itself (Link header, index url) on a store
	// reached over https://: WordPress doesn't know it is on HTTPS. "" when there was none.
	HTTPSHidden string
	// Elsewhere is an API address WordPress named on another origin; the key never goes there.
	Elsewhere string
	// Filtered lists what a layer in front of the store answered instead of WordPress on some request
	// discovery got past (a bot check on the home page, say): a pass from this computer may not be a pass
	// from the service's servers.
	Filtered []string
	Findings []Finding
	Blocker  *diagnosis.Issue   // what stops the walk, if anything
	Warnings []*diagnosis.Issue // worth knowing; the walk goes on
}

// AdminURL is a wp-admin page of this store, with the menu of its WooCommerce version.
func (d *Discovery) AdminURL(p wpadmin.Page) string {
	if d.WordPress == nil {
		return wpadmin.URL(d.Home, p, d.WooVersion) // not known yet: WordPress usually lives at the store's address
	}
	return wpadmin.URL(d.WordPress, p, d.WooVersion)
}

func (d *Discovery) find(s Status, text string) { d.Findings = append(d.Findings, Finding{s, text}) }

func (d *Discovery) block(i *diagnosis.Issue) *Discovery {
	d.Blocker = i
	d.find(StatusBlock, i.Title)
	return d
}

// link gives the issue and the warnings their wp-admin page on this store, where they have one.
func (d *Discovery) link(issue *diagnosis.Issue, warnings []*diagnosis.Issue) {
	for _, i := range append([]*diagnosis.Issue{issue}, warnings...) {
		if i != nil && i.Link == "" {
			i.Link = d.AdminURL(i.Page)
		}
	}
}

var (
	linkRE      = regexp.MustCompile(`<([^>]+)>\s*;\s*rel="?https://api\.w\.org/"?`)
	generatorRE = regexp.MustCompile(`(?i)<meta[^>]+name=["']generator["'][^>]+content=["']([^"']+)["']`)
	versionRE   = regexp.MustCompile(`^(WordPress|WooCommerce)\s+([0-9][0-9.]*)`)
)

// Discover finds out, without a key, whether the store at addr can use REST API keys at all. Failures are
// in the result's Blocker; the error is only ever the context's. Everything it learns about where the key
// may go is fixed here: the store's origin (Home), and an API root on that origin only. Its steps: reach
// the store, read its home page, find the API's index, read it for WooCommerce, and say how it is fronted.
func (c *Client) Discover(ctx context.Context, addr Address) (*Discovery, error) {
	d := &Discovery{Typed: addr, Home: addr.URL}
	defer func() { d.link(d.Blocker, d.Warnings); d.redact() }()
	blocked, err := c.steps(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	if blocked != nil {
		return d.block(blocked), nil
	}
	d.fronts()
	return d, nil
}

// steps runs Discover's steps in order; the first that blocks ends it.
func (c *Client) steps(ctx context.Context, d *Discovery, addr Address) (*diagnosis.Issue, error) {
	home, blocked, err := c.reachHome(ctx, d, addr)
	if blocked != nil || err != nil {
		return blocked, err
	}
	pageBlock, blocked := d.readHome(home, addr)
	if blocked != nil {
		return blocked, nil
	}
	candidates, linkCand := d.apiCandidates(home)
	index, langFolder, blocked, err := c.findIndex(ctx, d, candidates, linkCand)
	if blocked != nil || err != nil {
		return blocked, err
	}
	if d.APIRoot == nil {
		return c.noAPI(ctx, d, home, candidates[0], pageBlock)
	}
	return d.readIndex(index, langFolder), nil
}

// reachHome fetches the store's home page, over HTTP too when nobody typed https and HTTPS isn't spoken.
func (c *Client) reachHome(ctx context.Context, d *Discovery, addr Address) (*reply, *diagnosis.Issue, error) {
	home, err := c.do(ctx, request{method: http.MethodGet, url: addr.URL.String(), follow: true})
	if issue, ok := err.(*diagnosis.Issue); ok && !addr.SchemeTyped && addr.URL.Scheme == "https" &&
		(issue.Code == reach.ConnectionRefused || issue.Code == reach.TLSFailed) {
		// Nobody typed https: the store may only speak HTTP.
		plain := *addr.URL
		plain.Scheme = "http"
		if h, err2 := c.do(ctx, request{method: http.MethodGet, url: plain.String(), follow: true}); err2 == nil {
			home, err = h, nil
		}
	}
	if err != nil {
		if issue, ok := err.(*diagnosis.Issue); ok {
			return nil, issue, nil
		}
		return nil, nil, err
	}
	return home, nil, nil
}

// readHome learns what the home page tells: where the store answers, a filter's page in front of it, a
// login wall, the versions. pageBlock is a filter's page, which blocks only if the API is blocked too.
func (d *Discovery) readHome(home *reply, addr Address) (pageBlock, blocked *diagnosis.Issue) {
	d.Home = siteURL(home.URL)
	d.HTTPS = d.Home.Scheme == "https"
	if d.Home.Scheme != addr.URL.Scheme || d.Home.Host != addr.URL.Host {
		d.Moved = true
		d.find(StatusWarn, "Your store answers at "+d.Home.String()+" (you typed "+addr.URL.Host+"). Key Relay uses that address; use it in your sync service too.")
		// A warning card too: the service must be given the address the store answers at, and step 1
		// waits for the merchant to read it.
		d.Warnings = append(d.Warnings, diagnosis.Newf(StoreMoved, "%s forwards to %s", addr.URL, d.Home))
	} else {
		d.find(StatusOK, "Store reached at "+d.Home.String())
	}
	// A page the host's layers answered instead of WordPress: the API may still get through (a bot check
	// that skips /wp-json/), so it blocks only if the API is blocked too.
	if i := statusIssue(home); i != nil && i.Code != ServerError {
		if i.Code == RateLimited || i.Code == Maintenance {
			return nil, i
		}
		pageBlock = i
		d.Filtered = append(d.Filtered, i.Detail)
	} else if home.Status == http.StatusForbidden && !home.isJSON() {
		pageBlock = diagnosis.Newf(RESTBlocked, "%s answered its home page with %s", home.URL.Host, describe(home))
		d.Filtered = append(d.Filtered, pageBlock.Detail)
	}
	if wpadmin.IsLoginWall(home.URL) {
		// Every page forwards to the login form: a "coming soon" or password-protection mode.
		return nil, diagnosis.Newf(RESTBlocked, "every page of %s forwards to the WordPress login", home.URL.Host)
	}
	for _, m := range generatorRE.FindAllStringSubmatch(string(home.Body), -1) {
		if v := versionRE.FindStringSubmatch(m[1]); v != nil {
			if v[1] == "WordPress" {
				d.WPVersion = v[2]
			} else {
				d.WooVersion = v[2]
			}
		}
	}

	return pageBlock, nil
}

// apiCandidates are where the API root may be: the Link header every WordPress page sends, else the
// usual places, all on the store's own origin; linkCand is the Link header's.
func (d *Discovery) apiCandidates(home *reply) (candidates []string, linkCand string) {
	// The API root: the Link header every WordPress page sends, else the usual places, all on the store's
	// own origin.
	for _, l := range home.Header.Values("Link") {
		m := linkRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if u := d.onOrigin(home.URL, m[1], "the Link header"); u != nil {
			candidates = append(candidates, u.String())
		}
	}
	if len(candidates) > 0 {
		linkCand = candidates[0]
	}
	candidates = append(candidates, d.Home.String()+"wp-json/", d.Home.String()+"?rest_route=/")
	if root := hostRoot(d.Home); root != d.Home.String() {
		if languageFolder(d.Home.Path) != "" {
			// A translation plugin's folder: the site root's API comes before the folder's ?rest_route=,
			// which such plugins may pass through and which would read as plain permalinks.
			candidates = slices.Insert(candidates, len(candidates)-1, root+"wp-json/")
		}
		candidates = append(candidates, root+"wp-json/", root+"?rest_route=/")
	}

	return candidates, linkCand
}

// findIndex tries each candidate for the API's index, and sets the API root where one answers.
func (c *Client) findIndex(ctx context.Context, d *Discovery, candidates []string, linkCand string) (index *reply, langFolder string, blocked *diagnosis.Issue, err error) {
	for _, cand := range candidates {
		u := indexURL(cand)
		r, err := c.do(ctx, request{method: http.MethodGet, url: u.String(), follow: true})
		if err != nil {
			if issue, ok := err.(*diagnosis.Issue); ok {
				return nil, "", issue, nil
			}
			return nil, "", nil, err
		}
		if i := statusIssue(r); i != nil && i.Code != ServerError {
			return nil, "", i, nil // the API itself is behind a bot check, a filter, a password or a limit
		}
		if r.Status == http.StatusOK && r.isJSON() && isIndex(r.Body) {
			d.APIRoot = apiRoot(u, r.URL, d.Home)
			index = r
			if r.Junk {
				d.Warnings = append(d.Warnings, diagnosis.Newf(JunkBeforeJSON, "the API index of %s starts with %s", hostOf(r.URL), junkWords))
			}
			break
		}
		if r.Err != nil && (r.Status == 401 || r.Status == 403) {
			// A plugin requires login for the REST API; keys authenticate before that rule applies.
			d.APIRoot = apiRoot(u, r.URL, d.Home)
			d.IndexHidden = true
			d.Warnings = append(d.Warnings, diagnosis.Newf(RESTLoginRequired, "the API index answered %d %s: %q%s", r.Status, r.Err.Code, r.Err.Message, loginPluginName(r.Err.Message)))
			break
		}
		if cand == linkCand {
			if f := languageFolder(u.Path); f != "" {
				langFolder = f // a translation plugin's address: the site root is tried next
				continue
			}
			// WordPress told us where its API is, and something else answered there.
			if i := statusIssue(r); i != nil {
				return nil, "", i, nil
			}
			if i, err := c.rewriteBroken(ctx, d, u, r); err != nil || i != nil {
				if err != nil {
					return nil, "", nil, err
				}
				return nil, "", i, nil
			}
			if r.Status == http.StatusBadRequest && d.HTTPSHidden != "" {
				return nil, "", diagnosis.Newf(HTTPSNotDetected, "WordPress gives its API address as %s although the store is reached over https://", d.HTTPSHidden), nil
			}
			return nil, "", diagnosis.Newf(RESTBlocked, "%s answered the API address %s with %s", hostOf(r.URL), pathOf(r.URL), describe(r)), nil
		}
	}
	return index, langFolder, nil, nil
}

// noAPI words why a store has no API index anywhere: a browser-only filter, a filter's page, an API
// elsewhere, WordPress without its REST API, or no WordPress at all.
func (c *Client) noAPI(ctx context.Context, d *Discovery, home *reply, first string, pageBlock *diagnosis.Issue) (*diagnosis.Issue, error) {
	if pageBlock == nil {
		if i, err := c.blockedByAgent(ctx, first); err != nil || i != nil {
			if err != nil {
				return nil, err
			}
			return i, nil
		}
	}
	switch {
	case pageBlock != nil:
		return pageBlock, nil
	case d.Elsewhere != "":
		i := diagnosis.Newf(APIElsewhere, "WordPress names its API at %s, and %s has none of its own", d.Elsewhere, d.Home.Host)
		i.Elsewhere = d.Elsewhere
		return i, nil
	case d.WPVersion != "" || d.WooVersion != "":
		return diagnosis.Newf(RESTBlocked, "WordPress %s answers, but its REST API does not (%s)", d.WPVersion, describe(home)), nil
	}
	if i := statusIssue(home); i != nil {
		return i, nil
	}
	return diagnosis.Newf(NotWordPress, "%s has no WordPress REST API", d.Home.Host), nil
}

// readIndex reads the API's index (when the store shows it): WordPress's own address, how keys may
// authenticate, the store's true root, a language folder; then whether WooCommerce's API is there.
func (d *Discovery) readIndex(index *reply, langFolder string) *diagnosis.Issue {
	// WordPress's own address, for wp-admin links; also the true site root when the merchant typed a page.
	d.WordPress = d.Home
	if index == nil {
		d.find(StatusWarn, "The store hides its API from visitors; the check with your key will tell whether keys get through")
		return d.wooReady(false)
	}
	var idx struct {
		Name           string          `json:"name"`
		URL            string          `json:"url"`
		Namespaces     []string        `json:"namespaces"`
		Authentication json.RawMessage `json:"authentication"`
	}
	_ = json.Unmarshal(index.Body, &idx)
	d.Namespaces = idx.Namespaces
	if u := d.onOrigin(index.URL, idx.URL, "the API index"); u != nil {
		d.WordPress = siteURL(u) // admin links are built on the store's own origin, never elsewhere
	}
	auth := strings.TrimSpace(string(idx.Authentication))
	d.NoAuthMethods = d.HTTPS && (auth == "" || auth == "[]" || auth == "{}")
	if d.Home.Path != "/" && !strings.HasPrefix(d.APIRoot.Path, d.Home.Path) {
		typed := d.Home
		d.Home = siteURL(d.APIRoot) // the merchant typed a page (e.g. /shop/) of a store at the root
		if f := languageFolder(typed.Path); f != "" || langFolder != "" {
			d.Warnings = append(d.Warnings, diagnosis.Newf(LanguagePrefix, "use %s, not %s: WooCommerce's API isn't under the language folder", d.Home, typed))
		}
	} else if langFolder != "" {
		d.Warnings = append(d.Warnings, diagnosis.Newf(LanguagePrefix, "the store's pages name their API under /%s/, where it doesn't answer; Key Relay used %s", langFolder, d.APIRoot))
	}
	d.find(StatusOK, "WordPress "+orWord(d.WPVersion, "site")+" found")
	return d.wooReady(true)
}

// wooReady says whether WooCommerce's REST API is there: not under plain permalinks' ?rest_route=, and
// (when the index was read) among its namespaces.
func (d *Discovery) wooReady(indexed bool) *diagnosis.Issue {
	if d.APIRoot.Query().Has("rest_route") {
		return diagnosis.Newf(PlainPermalinks, "the API is only at %s", d.APIRoot.String())
	}

	if indexed {
		switch {
		case slices.Contains(d.Namespaces, "wc/v3"):
			d.find(StatusOK, "WooCommerce "+orWord(d.WooVersion, "")+" ready for keys")
		case d.WooVersion != "" || slices.ContainsFunc(d.Namespaces, func(n string) bool { return strings.HasPrefix(n, "wc/") }):
			return diagnosis.Newf(WooRESTMissing, "WooCommerce %s; API namespaces: %s", d.WooVersion, strings.Join(d.Namespaces, ", "))
		default:
			return diagnosis.Newf(WooCommerceMissing, "no WooCommerce among the API namespaces")
		}
	}
	return nil
}

// fronts says how the store is fronted: its HTTPS as WordPress knows it, and any filter the API got past.
func (d *Discovery) fronts() {
	switch {
	case d.HTTPSHidden != "":
		d.find(StatusWarn, "Your store is reached over HTTPS, but WordPress gives its own address as "+d.HTTPSHidden+": it doesn't know it is on HTTPS")
	case d.HTTPS:
		d.find(StatusOK, "Secure connection (HTTPS)")
	default:
		w := diagnosis.Newf(PlainHTTP, "%s is served over plain HTTP", d.Home.Host)
		d.Warnings = append(d.Warnings, w)
		d.find(StatusWarn, w.Title+" Keys still work; the secret is never sent.")
	}
	if len(d.Filtered) > 0 {
		d.find(StatusWarn, "A filter in front of your store answered part of the check ("+d.Filtered[0]+"); the API let Key Relay through")
	}
}

// onOrigin resolves an address the store named (a Link header, the index's url) against base and keeps it
// only on the store's own origin. An http:// address on an https:// store's host is the sign that
// WordPress doesn't know it is on HTTPS: it is recorded, and its https:// form on the store's origin is
// used. Anything else (another host or port, javascript:, file:) is recorded as a finding and not used.
func (d *Discovery) onOrigin(base *url.URL, raw, from string) *url.URL {
	u, err := base.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	u.User = nil
	switch {
	case sameOrigin(u, d.Home):
		return u
	case d.HTTPS && u.Scheme == "http" && strings.EqualFold(u.Hostname(), d.Home.Hostname()) &&
		(u.Port() == d.Home.Port() || port(u) == "80" && port(d.Home) == "443"):
		if d.HTTPSHidden == "" {
			d.HTTPSHidden = siteURL(u).String()
		}
		fixed := *u
		fixed.Scheme, fixed.Host = d.Home.Scheme, d.Home.Host
		return &fixed
	case !d.HTTPS && u.Scheme == "https" && strings.EqualFold(u.Hostname(), d.Home.Hostname()):
		return nil // WordPress knows an https:// address the store didn't answer at: the plain one is used
	}
	if d.Elsewhere == "" {
		d.Elsewhere = siteURL(u).String()
		d.find(StatusWarn, "WordPress names "+d.Elsewhere+" in "+from+", another address: Key Relay sends your key only to "+hostRoot(d.Home))
	}
	return nil
}

// languageFolder is the first folder of path when it looks like a translation plugin's ("en", "de-at",
// "pt-br"); "" otherwise.
func languageFolder(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if first != "wp-json" && langRE.MatchString(first) { // "wp-json" has the shape of "pt-br" too
		return first
	}
	return ""
}

var langRE = regexp.MustCompile(`^[a-z]{2}([-_][a-zA-Z]{2,4})?$`)

// junkWords says what came before the JSON, for a detail.
const junkWords = "stray characters before the JSON (a byte-order mark, blank lines or PHP notices)"

// redact passes every word that came from outside through the one redactor.
func (d *Discovery) redact() {
	for i := range d.Findings {
		d.Findings[i].Text = redact.Shapes(d.Findings[i].Text)
	}
	for _, i := range append([]*diagnosis.Issue{d.Blocker}, d.Warnings...) {
		if i != nil {
			i.Detail, i.Elsewhere = redact.Shapes(i.Detail), redact.Shapes(i.Elsewhere)
		}
	}
}

// apiRoot is the API's address where the index actually answered, after the redirects discovery followed
// (a Link header that says http:// on a store that forwards to https://, say), without the _fields asked
// for. An answer from a host that is neither the one asked nor the store's is not where the key goes: the
// address asked is kept.
func apiRoot(asked, answered, home *url.URL) *url.URL {
	u := *answered
	if u.Host != asked.Host && u.Host != home.Host {
		u = *asked
	}
	var keep []string // the query as sent, so ?rest_route=/ keeps its readable slash
	for _, p := range strings.Split(u.RawQuery, "&") {
		if p != "" && !strings.HasPrefix(p, "_fields=") {
			keep = append(keep, p)
		}
	}
	u.RawQuery = strings.Join(keep, "&")
	return &u
}

// statusIssue diagnoses answers that say the server, not WooCommerce, is in the way: a bot check (a 202
// among them, which is no answer), a security filter, a site password, a limit, maintenance, an error.
func statusIssue(r *reply) *diagnosis.Issue {
	host := hostOf(r.URL)
	switch {
	case strings.EqualFold(r.Header.Get("cf-mitigated"), "challenge"):
		return diagnosis.Newf(BotChallenge, "HTTP %d from %s with cf-mitigated: challenge (Cloudflare)", r.Status, host)
	case r.Header.Get("SG-Captcha") != "":
		return diagnosis.Newf(BotChallenge, "HTTP %d from %s with SG-Captcha: %s (SiteGround)", r.Status, host, r.Header.Get("SG-Captcha"))
	case r.Status == http.StatusAccepted && r.isHTML():
		return diagnosis.Newf(BotChallenge, "HTTP 202 with an HTML page from %s: a check, not an answer", host)
	case r.Status == http.StatusNotAcceptable && !r.isJSON():
		return diagnosis.Newf(RequestFiltered, "HTTP 406 Not Acceptable from %s%s", host, filterName(r))
	case (r.Status == http.StatusForbidden || r.Status == http.StatusBadRequest) && !r.isJSON() && filterName(r) != "":
		return diagnosis.Newf(RequestFiltered, "HTTP %d from %s%s", r.Status, host, filterName(r))
	case r.Status == http.StatusUnauthorized && !r.isJSON() && strings.HasPrefix(strings.ToLower(r.Header.Get("WWW-Authenticate")), "basic"):
		return diagnosis.Newf(SitePassword, "HTTP 401 from %s asking for a password (WWW-Authenticate: Basic)", host)
	case r.Status == http.StatusTooManyRequests:
		i := diagnosis.Newf(RateLimited, "HTTP 429 from %s", host)
		i.RetryAfter = retryAfter(r.Header, r.At)
		return i
	case r.Status == http.StatusServiceUnavailable:
		i := diagnosis.Newf(Maintenance, "HTTP 503 from %s", host)
		if r.Header.Get("Retry-After") != "" {
			i.RetryAfter = retryAfter(r.Header, r.At)
		}
		return i
	case r.Status >= 500:
		return diagnosis.Newf(ServerError, "HTTP %d from %s", r.Status, host)
	}
	return nil
}

// indexURL is the API index's address at a candidate root, asking only for the fields discovery reads
// (about 400 bytes). Candidates are addresses discovery built itself.
func indexURL(root string) *url.URL {
	u, err := url.Parse(root)
	if err != nil {
		u = &url.URL{}
	}
	q := u.Query()
	q.Set("_fields", "name,url,namespaces,authentication")
	u.RawQuery = q.Encode()
	return u
}

// browserAgent is an ordinary browser's User-Agent, sent only to ask a host whether it treats apps as
// bots (never with a key).
const browserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// indexAt asks address for the API index, as an anonymous visitor, with agent ("" Key Relay's own).
func (c *Client) indexAt(ctx context.Context, address, agent string) (*reply, error) {
	r, err := c.do(ctx, request{method: http.MethodGet, url: indexURL(address).String(), follow: true, agent: agent})
	if _, ok := err.(*diagnosis.Issue); ok {
		return nil, nil // unreachable that way too: nothing to tell
	}
	return r, err
}

// blockedByAgent asks the API index again with a browser's User-Agent: a host that serves Key Relay's
// ordinary agent a cached page (the query string dropped) and a browser the API calls apps bots, and the
// sync service's servers will meet the same. Never a key verdict.
func (c *Client) blockedByAgent(ctx context.Context, address string) (*diagnosis.Issue, error) {
	r, err := c.indexAt(ctx, address, browserAgent)
	if err != nil || r == nil || r.Status != http.StatusOK || !r.isJSON() || !isIndex(r.Body) {
		return nil, err
	}
	return diagnosis.Newf(BotChallenge, "%s answered Key Relay's request with a web page, and the same request with a browser's User-Agent with the API: the host serves apps a cached page (its bot rules)", hostOf(r.URL)), nil
}

// rewriteBroken tells broken rewrite rules from a site without an API: the /wp-json/ address WordPress
// names is the theme's page-not-found while ?rest_route=/ answers as the API (woocommerce#15064). The
// service calls /wp-json/, so the key can't be checked there either.
func (c *Client) rewriteBroken(ctx context.Context, d *Discovery, asked *url.URL, r *reply) (*diagnosis.Issue, error) {
	if r.Status != http.StatusNotFound || !r.isHTML() || !strings.HasSuffix(asked.Path, "/wp-json/") {
		return nil, nil
	}
	alt := strings.TrimSuffix(asked.Path, "wp-json/")
	a := &url.URL{Scheme: asked.Scheme, Host: asked.Host, Path: alt, RawQuery: "rest_route=/"}
	ar, err := c.indexAt(ctx, a.String(), "")
	if err != nil || ar == nil || ar.Status != http.StatusOK || !ar.isJSON() || !isIndex(ar.Body) {
		return nil, err
	}
	return diagnosis.Newf(RESTRewriteBroken, "%s is the theme's page-not-found (HTTP 404), while %s answers as WordPress's API", hostRoot(asked)+strings.TrimPrefix(asked.Path, "/"), hostRoot(a)+strings.TrimPrefix(alt, "/")+"?rest_route=/"), nil
}

// loginPluginName names the plugin that limits the API to logged-in users, where its words say which.
func loginPluginName(msg string) string {
	if strings.HasPrefix(msg, "DRA:") {
		return ` (the words of the "Disable REST API" plugin; in its settings, allow WooCommerce's wc/v3 routes for unauthenticated users or whitelist them)`
	}
	return ""
}

// filterName names the security filter an HTML refusal comes from, when its page says: ", ModSecurity".
func filterName(r *reply) string {
	b := strings.ToLower(string(r.Body[:min(len(r.Body), 4096)]))
	for _, f := range []struct{ sign, name string }{{"mod_security", "ModSecurity"}, {"modsecurity", "ModSecurity"}, {"imunify360", "Imunify360"},
		{"generated by wordfence", "Wordfence"}, {"your access to this site has been limited by the site owner", "Wordfence"},
		{"sucuri website firewall", "Sucuri"}, {"not acceptable", "a server rule"}} {
		if strings.Contains(b, f.sign) {
			return ", " + f.name
		}
	}
	return ""
}

func isIndex(body []byte) bool {
	var idx struct {
		Namespaces []string `json:"namespaces"`
	}
	return json.Unmarshal(body, &idx) == nil && idx.Namespaces != nil
}

// describe says what kind of answer came back, for an Issue's detail.
func describe(r *reply) string {
	kind := "a non-JSON answer"
	switch {
	case r.Err != nil:
		kind = "error " + r.Err.Code
	case r.isHTML():
		kind = "an HTML page"
	case r.isJSON():
		kind = "unexpected JSON"
	}
	return "HTTP " + http.StatusText(r.Status) + ", " + kind
}

// siteURL cuts u to scheme://host/path/ with no query.
func siteURL(u *url.URL) *url.URL {
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: sitePath(u.Path)}
}

func hostRoot(u *url.URL) string { return u.Scheme + "://" + u.Host + "/" }

func hostOf(u *url.URL) string {
	if u == nil {
		return "the store"
	}
	return u.Host
}

func pathOf(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.Path
}

func orWord(v, alt string) string {
	if v == "" {
		return alt
	}
	return v
}
