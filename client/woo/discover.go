package woo

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
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
	Findings    []Finding
	Blocker     *Issue   // what stops the walk, if anything
	Warnings    []*Issue // worth knowing; the walk goes on
}

// AdminURL is a wp-admin page of this store, with the menu of its WooCommerce version.
func (d *Discovery) AdminURL(p AdminPage) string {
	if d.WordPress == nil {
		return AdminURL(d.Home, p, d.WooVersion) // not known yet: WordPress usually lives at the store's address
	}
	return AdminURL(d.WordPress, p, d.WooVersion)
}

// Route is the address of a wc/v3 route (e.g. "products") on this store.
func (d *Discovery) Route(route string) string {
	u := *d.APIRoot
	if q := u.Query(); q.Has("rest_route") {
		q.Set("rest_route", "/wc/v3/"+route)
		u.RawQuery = q.Encode()
		return u.String()
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/wc/v3/" + route
	return u.String()
}

func (d *Discovery) find(s Status, text string) { d.Findings = append(d.Findings, Finding{s, text}) }

func (d *Discovery) block(i *Issue) *Discovery {
	d.Blocker = i
	d.find(StatusBlock, i.Title)
	return d
}

// link gives the issue and the warnings their wp-admin page on this store, where they have one.
func (d *Discovery) link(issue *Issue, warnings []*Issue) {
	for _, i := range append([]*Issue{issue}, warnings...) {
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
// in the result's Blocker; the error is only ever the context's.
func (c *Client) Discover(ctx context.Context, addr Address) (*Discovery, error) {
	d := &Discovery{Typed: addr, Home: addr.URL}
	defer func() { d.link(d.Blocker, d.Warnings) }()
	home, err := c.do(ctx, request{method: http.MethodGet, url: addr.URL.String(), follow: true})
	if issue, ok := err.(*Issue); ok && !addr.SchemeTyped && addr.URL.Scheme == "https" &&
		(issue.Code == ConnectionRefused || issue.Code == TLSFailed) {
		// Nobody typed https: the store may only speak HTTP.
		plain := *addr.URL
		plain.Scheme = "http"
		if h, err2 := c.do(ctx, request{method: http.MethodGet, url: plain.String(), follow: true}); err2 == nil {
			home, err = h, nil
		}
	}
	if err != nil {
		if issue, ok := err.(*Issue); ok {
			return d.block(issue), nil
		}
		return nil, err
	}

	d.Home = siteURL(home.URL)
	d.HTTPS = d.Home.Scheme == "https"
	if d.Home.Scheme != addr.URL.Scheme || d.Home.Host != addr.URL.Host {
		d.Moved = true
		d.find(StatusWarn, "Your store answers at "+d.Home.String()+" (you typed "+addr.URL.Host+"). Key Relay uses that address; use it in your sync service too.")
	} else {
		d.find(StatusOK, "Store reached at "+d.Home.String())
	}
	if i := statusIssue(home); i != nil && i.Code != ServerError {
		return d.block(i), nil
	}
	if strings.HasSuffix(home.URL.Path, "/wp-login.php") {
		// Every page forwards to the login form: a "coming soon" or password-protection mode.
		return d.block(newIssue(RESTBlocked, "every page of %s forwards to the WordPress login", home.URL.Host)), nil
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

	// The API root: the Link header every WordPress page sends, else the usual places.
	var candidates []string
	for _, l := range home.Header.Values("Link") {
		if m := linkRE.FindStringSubmatch(l); m != nil {
			if u, err := home.URL.Parse(m[1]); err == nil {
				candidates = append(candidates, u.String())
			}
		}
	}
	hasLink := len(candidates) > 0
	candidates = append(candidates, d.Home.String()+"wp-json/", d.Home.String()+"?rest_route=/")
	if root := hostRoot(d.Home); root != d.Home.String() {
		candidates = append(candidates, root+"wp-json/", root+"?rest_route=/")
	}

	var index *reply
	for _, cand := range candidates {
		u, _ := url.Parse(cand)
		q := u.Query()
		q.Set("_fields", "name,url,namespaces,authentication")
		u.RawQuery = q.Encode()
		r, err := c.do(ctx, request{method: http.MethodGet, url: u.String(), follow: true})
		if err != nil {
			if issue, ok := err.(*Issue); ok {
				return d.block(issue), nil
			}
			return nil, err
		}
		if i := statusIssue(r); i != nil && (i.Code == RateLimited || i.Code == Maintenance) {
			return d.block(i), nil
		}
		if r.Status == http.StatusOK && r.isJSON() && isIndex(r.Body) {
			d.APIRoot = apiRoot(u, r.URL, d.Home)
			index = r
			break
		}
		if r.Err != nil && (r.Status == 401 || r.Status == 403) {
			// A plugin requires login for the REST API; keys authenticate before that rule applies.
			d.APIRoot = apiRoot(u, r.URL, d.Home)
			d.IndexHidden = true
			break
		}
		if hasLink && cand == candidates[0] {
			// WordPress told us where its API is, and something else answered there.
			if i := statusIssue(r); i != nil {
				return d.block(i), nil
			}
			return d.block(newIssue(RESTBlocked, "%s answered the API address %s with %s", hostOf(r.URL), pathOf(r.URL), describe(r))), nil
		}
	}

	if d.APIRoot == nil {
		if d.WPVersion != "" || d.WooVersion != "" {
			return d.block(newIssue(RESTBlocked, "WordPress %s answers, but its REST API does not (%s)", d.WPVersion, describe(home))), nil
		}
		if i := statusIssue(home); i != nil {
			return d.block(i), nil
		}
		return d.block(newIssue(NotWordPress, "%s has no WordPress REST API", d.Home.Host)), nil
	}
	// WordPress's own address, for wp-admin links; also the true site root when the merchant typed a page.
	d.WordPress = d.Home
	if index != nil {
		var idx struct {
			Name           string          `json:"name"`
			URL            string          `json:"url"`
			Namespaces     []string        `json:"namespaces"`
			Authentication json.RawMessage `json:"authentication"`
		}
		_ = json.Unmarshal(index.Body, &idx)
		d.Namespaces = idx.Namespaces
		if u, err := url.Parse(idx.URL); err == nil && u.Host != "" {
			u.Scheme = d.Home.Scheme // the index may still say http:// on a store that moved to https
			d.WordPress = siteURL(u)
		}
		auth := strings.TrimSpace(string(idx.Authentication))
		d.NoAuthMethods = d.HTTPS && (auth == "" || auth == "[]" || auth == "{}")
		if d.Home.Path != "/" && !strings.HasPrefix(d.APIRoot.Path, d.Home.Path) {
			d.Home = siteURL(d.APIRoot) // the merchant typed a page (e.g. /shop/) of a store at the root
		}
		d.find(StatusOK, "WordPress "+orWord(d.WPVersion, "site")+" with its REST API")
	} else {
		d.find(StatusWarn, "The store hides its REST API from visitors; the check with your key will tell whether keys get through")
	}
	if d.APIRoot.Query().Has("rest_route") {
		return d.block(newIssue(PlainPermalinks, "the API is only at %s", d.APIRoot.String())), nil
	}

	if index != nil {
		switch {
		case slices.Contains(d.Namespaces, "wc/v3"):
			d.find(StatusOK, "WooCommerce "+orWord(d.WooVersion, "")+" with its REST API (wc/v3)")
		case d.WooVersion != "" || slices.ContainsFunc(d.Namespaces, func(n string) bool { return strings.HasPrefix(n, "wc/") }):
			return d.block(newIssue(WooRESTMissing, "WooCommerce %s; API namespaces: %s", d.WooVersion, strings.Join(d.Namespaces, ", "))), nil
		default:
			return d.block(newIssue(WooCommerceMissing, "no WooCommerce among the API namespaces")), nil
		}
	}
	if d.HTTPS {
		d.find(StatusOK, "Secure connection (HTTPS)")
	} else {
		w := newIssue(PlainHTTP, "%s is served over plain HTTP", d.Home.Host)
		d.Warnings = append(d.Warnings, w)
		d.find(StatusWarn, w.Title+" Keys still work; the secret is never sent.")
	}
	return d, nil
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

// statusIssue diagnoses answers that say the server, not WooCommerce, is in the way.
func statusIssue(r *reply) *Issue {
	host := hostOf(r.URL)
	switch {
	case r.Status == http.StatusTooManyRequests:
		i := newIssue(RateLimited, "HTTP 429 from %s", host)
		i.RetryAfter = retryAfter(r.Header, r.At)
		return i
	case r.Status == http.StatusServiceUnavailable:
		i := newIssue(Maintenance, "HTTP 503 from %s", host)
		if r.Header.Get("Retry-After") != "" {
			i.RetryAfter = retryAfter(r.Header, r.At)
		}
		return i
	case r.Status >= 500:
		return newIssue(ServerError, "HTTP %d from %s", r.Status, host)
	}
	return nil
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
