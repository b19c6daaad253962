package woo

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
)

// Verdict is the answer for one key, one store and one service.
type Verdict struct {
	access.Requirement
	Fit      bool
	Issue    *diagnosis.Issue   // why the key is not fit; nil when it is
	Warnings []*diagnosis.Issue // true, worth knowing, not blocking
	// KeyValid is true once the store recognised the key and its secret (by whatever route).
	KeyValid bool
	// Permission is what the key may do, when the probes could tell.
	Permission    access.Permission
	UserCanManage bool
	// Transport is how the read and write probes that decide the verdict were sent: the service's own
	// transport, or "" when none was sent that way (a plain-HTTP store for an HTTPS-only service).
	Transport access.Transport
	// Address is the API address the probes went to (the store's own origin; no credentials in it).
	Address string
	// Tested says in words how the key was tested: "Tested over HTTPS with the key in the Authorization
	// header, as Syncio sends it."
	Tested string
	Key    string   // the key, masked
	Proven []string // what the live check proved, in words
}

// ValidateCredentials says what is wrong with a key pair before anything is sent.
func ValidateCredentials(c Credentials) *diagnosis.Issue {
	if IsAppPassword(c.Secret) || IsAppPassword(c.Key) {
		return diagnosis.Newf(AppPasswordNotKey, "%s", appPasswordWords)
	}
	for _, f := range []struct {
		field Field
		value string
	}{{FieldKey, c.Key}, {FieldSecret, c.Secret}} {
		if _, _, p := ExtractFor(f.field, f.value); p != nil {
			if p.Code == ProblemWrongField {
				return diagnosis.Newf(KeySecretSwapped, "%s", p.Message)
			}
			return diagnosis.Newf(KeyFormat, "%s", p.Message)
		}
	}
	return nil
}

// outcome is what one probe's answer means.
type outcome int

const (
	outOK           outcome = iota + 1
	outAnonymous            // the request counted as anonymous: bad key, or credentials ignored
	outNoRead               // the key lacks read permission
	outNoWrite              // the key lacks write permission
	outForbidden            // a good key whose user lacks shop rights
	outBadSecret            // Basic/query: known key, wrong secret
	outUnknownKey           // OAuth: no such key
	outBadSignature         // OAuth: known key, signature mismatch
	outBadTimestamp         // OAuth: clock off by more than 15 minutes
	outAuthOther            // an authentication error in words we do not know (a translated store)
	outIssue                // the server, not WooCommerce, answered: see probe.issue
)

type probe struct {
	out   outcome
	issue *diagnosis.Issue
	msg   string // the store's own message, for details
	cache string // "hit" when a cache answered, "miss" when one kept a copy, "" when none said so
	junk  bool   // something stood before the JSON
	route string // the path asked, for details
	// cacheName names the cache that said so, for the fix: ", LiteSpeed Cache's “Cache REST API”".
	cacheName string
	// wpLogin: WordPress read the key's Authorization header as a login to the site (invalid_username).
	wpLogin bool
}

// classify reads one authenticated answer using the facts page's table.
func classify(r *reply, d *Discovery) probe {
	p := probe{cache: cacheStatus(r.Header), junk: r.Junk, route: pathOf(r.URL), cacheName: cacheName(r.Header)}
	issue := func(i *diagnosis.Issue) probe { p.out, p.issue = outIssue, i; return p }
	if r.Status == http.StatusNotModified {
		// No probe asks "has it changed?" (no If-None-Match): a 304 is a cache's answer, not WooCommerce's.
		name := p.cacheName
		if name == "" {
			name = ", WooCommerce's REST API caching (WooCommerce > Settings > Advanced > Features) or a caching plugin"
		}
		return issue(diagnosis.Newf(CachedAPI, "HTTP 304 Not Modified (ETag %s) for %s, to a request that sent no If-None-Match: a cache answered, not WooCommerce%s", orWord(r.Header.Get("ETag"), "none"), pathOf(r.URL), name))
	}
	if r.Status >= 300 && r.Status < 400 {
		return issue(diagnosis.Newf(StoreMoved, "the API at %s forwards to %s; Key Relay does not follow a forward with your key", pathOf(r.URL), redactLocation(r.Header.Get("Location"))))
	}
	if i := statusIssue(r); i != nil {
		return issue(i)
	}
	if !r.isJSON() {
		if r.Status == http.StatusNotFound && r.isHTML() && (slices.Contains(d.Namespaces, "wc/v3") || d.IndexHidden) {
			// The index lists WooCommerce's routes, yet the theme answers them: stale rewrite rules.
			return issue(diagnosis.Newf(WCRoutesMissing, "the API index lists wc/v3, but %s is the theme's page-not-found (HTTP 404, HTML)", pathOf(r.URL)))
		}
		return issue(diagnosis.Newf(RESTBlocked, "%s answered %s with %s", hostOf(r.URL), pathOf(r.URL), describe(r)))
	}
	if r.Status >= 200 && r.Status < 300 {
		if r.Status == http.StatusAccepted || r.Err != nil {
			return issue(diagnosis.Newf(UnexpectedResponse, "%s from %s: not an answer to the request", describe(r), pathOf(r.URL)))
		}
		p.out = outOK
		return p
	}
	if r.Err == nil {
		return issue(diagnosis.Newf(UnexpectedResponse, "%s from %s", describe(r), pathOf(r.URL)))
	}
	p.msg = r.Err.Message
	switch code, msg := r.Err.Code, r.Err.Message; {
	case code == "woocommerce_rest_cannot_view" || code == "woocommerce_rest_cannot_batch" ||
		code == "rest_forbidden" || code == "rest_login_required" || code == "rest_cannot_access" || code == "rest_not_logged_in":
		p.out = outAnonymous
		if r.Status == http.StatusForbidden && strings.HasPrefix(code, "woocommerce_") {
			p.out = outForbidden
		}
	case code == "woocommerce_rest_authentication_error":
		switch {
		case msg == "Consumer secret is invalid.":
			p.out = outBadSecret
		case msg == "Consumer key is invalid.":
			p.out = outUnknownKey
		case strings.Contains(msg, "does not have read permissions"):
			p.out = outNoRead
		case strings.Contains(msg, "does not have write permissions"):
			p.out = outNoWrite
		case strings.HasPrefix(msg, "Invalid signature - provided signature"):
			p.out = outBadSignature
		case msg == "Invalid timestamp.":
			p.out = outBadTimestamp
		default:
			p.out = outAuthOther
		}
	case code == "rest_no_route":
		return issue(diagnosis.Newf(WooRESTMissing, "the store has no route %s", pathOf(r.URL)))
	case r.SentHeader && (code == "invalid_username" || code == "incorrect_password" || code == "invalid_email" || code == "empty_username"):
		// WordPress read the key's header as a login to the site itself: a site password owns the header.
		p.wpLogin = true
		return issue(diagnosis.Newf(SitePassword, "HTTP %d %s: WordPress read the key as a login to the site (%q)", r.Status, code, r.Err.Message))
	case r.SentHeader && (r.Status == 401 || r.Status == 403) && !strings.HasPrefix(code, "woocommerce_") && !strings.HasPrefix(code, "rest_"):
		// Neither WooCommerce nor WordPress's REST server words it: a plugin claimed the header.
		return issue(diagnosis.Newf(AuthHeaderTaken, "HTTP %d %s: %q", r.Status, code, r.Err.Message))
	default:
		return issue(diagnosis.Newf(UnexpectedResponse, "HTTP %d %s: %q", r.Status, code, r.Err.Message))
	}
	return p
}

// cacheStatus reads the headers caches add: "hit" when the answer came from a cache, "miss" when a cache
// passed it on (and may keep it), "" when no cache said anything or one said it stays out.
func cacheStatus(h http.Header) string {
	status := ""
	for _, name := range []string{"X-LiteSpeed-Cache", "CF-Cache-Status", "X-Cache", "X-Proxy-Cache", "X-Cache-Status", "X-WP-Super-Cache", "X-Varnish-Cache"} {
		v := strings.ToLower(h.Get(name))
		switch {
		case strings.Contains(v, "hit"):
			return "hit"
		case strings.Contains(v, "miss") || strings.Contains(v, "expired") || strings.Contains(v, "stale") || strings.Contains(v, "updating"):
			status = "miss"
		}
	}
	if age, err := strconv.Atoi(strings.TrimSpace(h.Get("Age"))); err == nil && age > 0 {
		return "hit"
	}
	return status
}

// cacheName names a cache by the header it answers with, for the detail (the fix names each setting).
func cacheName(h http.Header) string {
	switch {
	case h.Get("X-LiteSpeed-Cache") != "":
		return ", LiteSpeed Cache's “Cache REST API” (LiteSpeed Cache > Cache)"
	case h.Get("CF-Cache-Status") != "":
		return ", Cloudflare's cache"
	case h.Get("X-WP-Super-Cache") != "":
		return ", WP Super Cache"
	}
	return ""
}

// redactLocation keeps a redirect target's scheme, host and path: the query could echo credentials.
func redactLocation(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return "another address"
	}
	u.RawQuery, u.User, u.Fragment = "", nil, ""
	return u.String()
}

// way is one way of sending the key.
type way struct {
	t access.Transport
	// baseScheme is the scheme OAuth signs with: what the server believes, which behind a proxy that
	// hides HTTPS is "http" although we connect with https.
	baseScheme string
}

// send makes one authenticated request to a wc/v3 route of the store. Where the key may go is decided
// here and nowhere else: only the store's own origin (d.Home's scheme, host and port), only wc/ routes,
// and the secret itself only over HTTPS.
func (c *Client) send(ctx context.Context, d *Discovery, creds Credentials, w way, method, route string, query url.Values, body []byte) (*reply, error) {
	return c.sendTo(ctx, d, d.APIRoot, creds, w, method, route, query, body)
}

func (c *Client) sendTo(ctx context.Context, d *Discovery, root *url.URL, creds Credentials, w way, method, route string, query url.Values, body []byte) (*reply, error) {
	u, err := url.Parse(routeOn(root, route))
	if err != nil {
		return nil, err
	}
	if !sameOrigin(u, d.Home) || !strings.Contains(u.Path+"?"+u.RawQuery, "wc/") {
		return nil, diagnosis.Newf(APIElsewhere, "the API address %s is not on the store's own address %s, so the key was not sent", hostOf(u), hostRoot(d.Home))
	}
	q := u.Query()
	for k, vs := range query {
		q[k] = vs
	}
	// Every probe asks for a fresh answer: a cache keyed on the address can't answer it from a copy.
	q.Set("_kr", cacheBuster())
	req := request{method: method, body: body}
	switch w.t {
	case access.TransportBasic, access.TransportQuery:
		if u.Scheme != "https" {
			// The facts page: over HTTP these are ignored anyway, and the secret would travel in clear.
			return nil, diagnosis.Newf(HTTPSRequired, "the API address %s is not HTTPS, so the secret was not sent", hostOf(u))
		}
		if w.t == access.TransportQuery {
			q.Set("consumer_key", creds.Key)
			q.Set("consumer_secret", creds.Secret)
		} else {
			req.basic = &creds
		}
		u.RawQuery = q.Encode()
		req.url = u.String()
	case access.TransportOAuth:
		u.RawQuery = q.Encode()
		base := *u
		base.Scheme = w.baseScheme
		signed, err := signURLWithBase(method, u.String(), base.String(), newOAuthParams(creds.Key, c.opts.Now()), creds.Secret)
		if err != nil {
			return nil, err
		}
		req.url = signed
	}
	return c.do(ctx, req)
}

// routeOn is the address of a wc/v3 route under the API root.
func routeOn(root *url.URL, route string) string {
	u := *root
	if q := u.Query(); q.Has("rest_route") {
		q.Set("rest_route", "/wc/v3/"+route)
		u.RawQuery = q.Encode()
		return u.String()
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/wc/v3/" + route
	return u.String()
}

func cacheBuster() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

const (
	readRoute  = "products"
	writeRoute = "products/batch"
)

var readQuery = url.Values{"per_page": {"1"}}

// probeRead sends the read probe: GET products?per_page=1.
func (c *Client) probeRead(ctx context.Context, d *Discovery, creds Credentials, w way) (probe, error) {
	r, err := c.send(ctx, d, creds, w, http.MethodGet, readRoute, readQuery, nil)
	return result(r, err, d)
}

// probeWrite sends the non-destructive write probe: POST products/batch with {} creates nothing.
func (c *Client) probeWrite(ctx context.Context, d *Discovery, creds Credentials, w way) (probe, error) {
	r, err := c.send(ctx, d, creds, w, http.MethodPost, writeRoute, nil, []byte("{}"))
	return result(r, err, d)
}

func result(r *reply, err error, d *Discovery) (probe, error) {
	if err != nil {
		if i, ok := err.(*diagnosis.Issue); ok {
			return probe{out: outIssue, issue: i}, nil
		}
		return probe{}, err
	}
	return classify(r, d), nil
}

// parallel runs fns at once; the first context error wins.
func parallel(fns ...func() (probe, error)) ([]probe, error) {
	out := make([]probe, len(fns))
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() { defer wg.Done(); out[i], errs[i] = fn() }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// both sends the read and the write probe at once.
func (c *Client) both(ctx context.Context, d *Discovery, creds Credentials, w way) (read, write probe, err error) {
	pr, err := parallel(
		func() (probe, error) { return c.probeRead(ctx, d, creds, w) },
		func() (probe, error) { return c.probeWrite(ctx, d, creds, w) },
	)
	if err != nil {
		return probe{}, probe{}, err
	}
	return pr[0], pr[1], nil
}

// Check proves creds against the store found by d for the service described by need: it reads, and writes
// without changing anything, at the same time, the way the service will call. A success by any other
// route is evidence for a diagnosis, never "works". The error is only ever the context's; everything the
// merchant must fix is in the Verdict.
func (c *Client) Check(ctx context.Context, d *Discovery, creds Credentials, need access.Requirement) (*Verdict, error) {
	creds.Key = strings.TrimSpace(creds.Key)
	v := &Verdict{Requirement: need, Key: redact.MaskKey(creds.Key)}
	defer func() { d.link(v.Issue, v.Warnings); v.redact(creds) }() // wherever an issue was found, it gets its wp-admin page here
	fail := func(i *diagnosis.Issue) (*Verdict, error) {
		v.Fit, v.Issue = false, i
		return v, nil
	}
	if d.Blocker != nil {
		return fail(d.Blocker)
	}
	v.Warnings = append(v.Warnings, d.Warnings...)
	if creds.Swapped {
		v.Warnings = append(v.Warnings, diagnosis.Newf(KeySecretSwapped, "the consumer key was given as the secret and the secret as the key; tested the right way round. In %s, put %s in the Consumer key field and %s in the Consumer secret field", orWord(need.Service, "the service"), redact.MaskKey(creds.Key), redact.MaskSecret(creds.Secret)))
	}
	if i := ValidateCredentials(creds); i != nil {
		return fail(i)
	}
	svc := need.Sends()
	v.Address = d.APIRoot.String()
	https := d.APIRoot.Scheme == "https"
	as := " as " + orWord(need.Service, "the service") + " sends it"

	if svc != access.TransportOAuth && !https {
		return c.signedOnly(ctx, d, creds, v, fail)
	}

	w := way{t: svc, baseScheme: d.APIRoot.Scheme}
	v.Transport, v.Tested = svc, "Tested "+svc.Words(https)+","+as+"."
	read, write, err := c.both(ctx, d, creds, w)
	if err != nil {
		return nil, err
	}
	if i := contradiction(read, write); i != nil {
		return fail(i) // a layer in between answered one probe: the key is not to blame
	}
	if read.wpLogin && write.wpLogin {
		return c.loginPlugin(ctx, d, creds, v, read, fail)
	}

	// Ignored credentials: unknown key, a host that drops the header, a proxy that hides HTTPS, a scheme
	// the service signs with that WordPress doesn't see. Signed requests tell them apart without sending
	// the secret; what they prove is evidence, never "works".
	ignored := svc != access.TransportOAuth && read.out == outAnonymous && write.out == outAnonymous
	misSigned := svc == access.TransportOAuth && https && (read.out == outBadSignature || write.out == outBadSignature)
	if ignored || misSigned {
		return c.explain(ctx, d, creds, v, read, write, fail)
	}
	out, err := c.judge(v, d, creds, read, write, fail)
	if err != nil {
		return nil, err
	}
	if !out.Fit {
		if out.Issue.Code == KeyUnknown {
			return c.multisite(ctx, d, creds, out)
		}
		return out, nil
	}
	if strings.EqualFold(need.WriteMethod, http.MethodPut) {
		if i, err := c.writeByPUT(ctx, d, creds, w); err != nil || i != nil {
			if err != nil {
				return nil, err
			}
			out.Fit, out.Proven = false, nil
			return fail(i)
		}
	}
	return c.fitWarnings(d, out, read, write)
}

// signedOnly checks the key of a store on plain HTTP for a service that sends the secret itself, which
// WooCommerce takes over HTTPS only: whether the key is good is still worth knowing, and a signed request
// tells without sending the secret; the verdict is https_required either way.
func (c *Client) signedOnly(ctx context.Context, d *Discovery, creds Credentials, v *Verdict, fail func(*diagnosis.Issue) (*Verdict, error)) (*Verdict, error) {
	need := v.Requirement
	svc := need.Sends()
	read, write, err := c.both(ctx, d, creds, way{t: access.TransportOAuth, baseScheme: "http"})
	if err != nil {
		return nil, err
	}
	v.Tested = "Tested the key itself " + access.TransportOAuth.Words(false) + "; " + orWord(need.Service, "the service") + " sends keys " + svc.Words(true) + "."
	v.Transport = ""
	out, err := c.judge(v, d, creds, read, write, fail)
	if err != nil || !out.Fit {
		return out, err
	}
	out.Proven = []string{"The store recognises this key and its secret (tested with signed requests, which never send the secret).", "Nothing in your store was changed."}
	return fail(diagnosis.Newf(HTTPSRequired, "%s answers only over http://; %s sends keys %s", d.Home.Host, orWord(need.Service, "the service"), svc.Words(true)))
}

// writeByPUT sends the write probe's empty batch by PUT, as a service that updates by PUT will (the batch
// route takes PUT and PATCH as it takes POST, and {} changes nothing). A refusal by something in front of
// WooCommerce is write_method_blocked: the key wrote by POST a moment ago.
func (c *Client) writeByPUT(ctx context.Context, d *Discovery, creds Credentials, w way) (*diagnosis.Issue, error) {
	r, err := c.send(ctx, d, creds, w, http.MethodPut, writeRoute, nil, []byte("{}"))
	if err != nil {
		if i, ok := err.(*diagnosis.Issue); ok {
			return i, nil
		}
		return nil, err
	}
	if r.isJSON() && r.Status >= 200 && r.Status < 300 {
		return nil, nil
	}
	switch r.Status {
	case http.StatusForbidden, http.StatusMethodNotAllowed, http.StatusNotAcceptable, http.StatusPreconditionFailed, http.StatusNotImplemented:
		if !r.isJSON() {
			return diagnosis.Newf(WriteMethodBlocked, "POST %s was accepted, PUT %s answered %s%s", pathOf(r.URL), pathOf(r.URL), describe(r), methodFirewall(r)), nil
		}
	}
	p := classify(r, d)
	if p.out == outIssue {
		return p.issue, nil
	}
	return diagnosis.Newf(UnexpectedResponse, "POST %s was accepted, PUT answered %s", pathOf(r.URL), describe(r)), nil
}

// methodFirewall names the firewall that refused a method, when its page says, or says which usually do.
func methodFirewall(r *reply) string {
	if n := filterName(r); n != "" {
		return n
	}
	if r.Status == http.StatusForbidden {
		return ", likely All-In-One WP Security's 6G rules or a host firewall"
	}
	return ", likely a ModSecurity (OWASP CRS) rule"
}

// loginPlugin tells a site password from a Basic-auth plugin when WordPress read the key's header as a
// login to the site: a signed request (no header) asks WooCommerce about the key itself. Known → the
// header never reaches WooCommerce (site_password, as before); unknown → the key is unknown, and a login
// plugin answers for keys it doesn't know (basic_auth_plugin).
func (c *Client) loginPlugin(ctx context.Context, d *Discovery, creds Credentials, v *Verdict, read probe, fail func(*diagnosis.Issue) (*Verdict, error)) (*Verdict, error) {
	signed, err := c.probeRead(ctx, d, creds, way{t: access.TransportOAuth, baseScheme: d.APIRoot.Scheme})
	if err != nil {
		return nil, err
	}
	if signed.out == outUnknownKey {
		v.Warnings = append(v.Warnings, diagnosis.Newf(BasicAuthPlugin, "WordPress answered the key's Authorization header as a login (%s), and a signed request without it said the store has no key %s", read.issue.Detail, redact.MaskKey(creds.Key)))
		out, _ := fail(diagnosis.Newf(KeyUnknown, "no key %s on this store (a signed request said so)", redact.MaskKey(creds.Key)))
		return c.multisite(ctx, d, creds, out)
	}
	return fail(read.issue)
}

// contradiction is the verdict when the two probes disagree about the key itself (one anonymous, the
// other accepted): a cache or another layer answered one of them.
func contradiction(read, write probe) *diagnosis.Issue {
	var anon, ok probe
	var anonName string
	switch {
	case read.out == outAnonymous && (write.out == outOK || write.out == outForbidden):
		anon, ok, anonName = read, write, "the read"
	case write.out == outAnonymous && read.out == outOK:
		anon, ok, anonName = write, read, "the write"
	default:
		return nil
	}
	if anon.cache != "" || ok.cache == "hit" {
		return diagnosis.Newf(CachedAPI, "%s was answered as if no key was sent (cache: %s) while the other probe with the same key was accepted%s", anonName, orWord(anon.cache, ok.cache), orWord(anon.cacheName, ok.cacheName))
	}
	return diagnosis.Newf(RESTBlocked, "%s was answered as if no key was sent while the other probe with the same key was accepted: something between this computer and WooCommerce answered it", anonName)
}

// explain finds out why the service's way of sending the key was ignored, with signed requests over the
// store's own https:// address, and returns the diagnosis. The key's own problems come first.
func (c *Client) explain(ctx context.Context, d *Discovery, creds Credentials, v *Verdict, read, write probe, fail func(*diagnosis.Issue) (*Verdict, error)) (*Verdict, error) {
	alt, err := parallel(
		func() (probe, error) {
			return c.probeRead(ctx, d, creds, way{t: access.TransportOAuth, baseScheme: "https"})
		},
		func() (probe, error) {
			return c.probeRead(ctx, d, creds, way{t: access.TransportOAuth, baseScheme: "http"})
		},
	)
	if err != nil {
		return nil, err
	}
	oauthS, oauthP := alt[0], alt[1]
	svc := v.Requirement.Sends()
	masked := redact.MaskKey(creds.Key)
	accepted := func(p probe) bool {
		return p.out != outBadSignature && p.out != outIssue && p.out != outAnonymous && p.out != outUnknownKey && p.out != outBadTimestamp
	}
	var found *diagnosis.Issue
	var via way
	switch {
	case oauthS.out == outUnknownKey || oauthP.out == outUnknownKey:
		v.Warnings = append(v.Warnings, ignoredWarning(d)...)
		out, _ := fail(diagnosis.Newf(KeyUnknown, "no key %s on this store (a signed request said so)", masked))
		return c.multisite(ctx, d, creds, out)
	case oauthS.out == outBadTimestamp || oauthP.out == outBadTimestamp:
		return fail(diagnosis.Newf(ClockWrong, "the store said %q", orWord(oauthS.msg, oauthP.msg)))
	case svc == access.TransportOAuth && accepted(oauthP):
		found, via = diagnosis.Newf(HTTPSNotDetected, "requests signed for https:// were refused; signed for http:// they were accepted"), way{t: access.TransportOAuth, baseScheme: "http"}
	case svc != access.TransportOAuth && accepted(oauthS):
		if svc == access.TransportQuery {
			found = diagnosis.Newf(RESTBlocked, "the key in the address was ignored while a signed request with it was accepted: something between this computer and WooCommerce removed it")
		} else {
			found = diagnosis.Newf(AuthHeaderStripped, "the key in the Authorization header was ignored; a signed request with it was accepted")
		}
		via = way{t: access.TransportOAuth, baseScheme: "https"}
	case svc != access.TransportOAuth && accepted(oauthP):
		// Signed as http:// it worked: WordPress believes it is on HTTP.
		found, via = diagnosis.Newf(HTTPSNotDetected, "keys sent over HTTPS were ignored; a request signed for http:// was accepted"), way{t: access.TransportOAuth, baseScheme: "http"}
	case oauthS.out == outBadSignature && oauthP.out == outBadSignature:
		// The store knows the key but neither signature matches: the secret is wrong. Why the service's
		// way was ignored is still worth saying.
		v.Warnings = append(v.Warnings, ignoredWarning(d)...)
		return fail(diagnosis.Newf(WrongSecret, "the store knows the key %s, but the secret does not match", masked))
	case oauthS.out == outIssue:
		return fail(oauthS.issue)
	default:
		return fail(diagnosis.Newf(UnexpectedResponse, "keys were ignored and signed requests gave %q", orWord(oauthS.msg, oauthP.msg)))
	}
	if d.HTTPSHidden != "" && found.Code != HTTPSNotDetected {
		found = diagnosis.Newf(HTTPSNotDetected, "WordPress gives its address as %s although the store is reached over https://; %s", d.HTTPSHidden, found.Detail)
	}
	// The key itself: read and write by the route that works, for its permission.
	rd, wr, err := c.both(ctx, d, creds, via)
	if err != nil {
		return nil, err
	}
	out, err := c.judge(v, d, creds, rd, wr, fail)
	if err != nil {
		return nil, err
	}
	if !out.Fit { // the key has its own problem; the host's is still true and comes next
		out.Warnings = append(out.Warnings, found)
		return out, nil
	}
	out.Proven = []string{"The store recognises this key and its secret, but only by a route " + orWord(v.Service, "the service") + " doesn't use.", "Nothing in your store was changed."}
	return fail(found)
}

// ignoredWarning says why keys sent the service's way were ignored, when the store showed a sign of it.
func ignoredWarning(d *Discovery) []*diagnosis.Issue {
	switch {
	case d.HTTPSHidden != "":
		return []*diagnosis.Issue{diagnosis.Newf(HTTPSNotDetected, "WordPress gives its address as %s although the store is reached over https://", d.HTTPSHidden)}
	case d.NoAuthMethods:
		return []*diagnosis.Issue{diagnosis.Newf(HTTPSNotDetected, "keys sent over HTTPS were ignored, and WordPress offers no login methods for apps over HTTPS")}
	}
	return nil
}

// multisite looks, for a key this store doesn't know, whether the site at the root of the same address
// (the main site of a WordPress network in folders) knows it: keys belong to the site that made them. The
// question goes signed, so the secret is not sent, and only to the store's own origin.
func (c *Client) multisite(ctx context.Context, d *Discovery, creds Credentials, v *Verdict) (*Verdict, error) {
	if d.WordPress == nil || d.WordPress.Path == "/" || d.APIRoot.Query().Has("rest_route") {
		return v, nil
	}
	root, _ := url.Parse(hostRoot(d.Home) + "wp-json/")
	idx, err := c.do(ctx, request{method: http.MethodGet, url: root.String() + "?_fields=namespaces"})
	if err != nil || idx.Status != http.StatusOK || !isIndex(idx.Body) || !strings.Contains(string(idx.Body), "wc") {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return v, nil
	}
	r, err := c.sendTo(ctx, d, root, creds, way{t: access.TransportOAuth, baseScheme: d.Home.Scheme}, http.MethodGet, readRoute, readQuery, nil)
	p, err := result(r, err, d)
	if err != nil {
		return nil, err
	}
	if p.out == outUnknownKey || p.out == outIssue || p.out == outAnonymous {
		return v, nil
	}
	v.Issue = diagnosis.Newf(MultisiteSubsite, "the key %s belongs to the site at %s, not to %s", redact.MaskKey(creds.Key), hostRoot(d.Home), d.WordPress)
	return v, nil
}

// fitWarnings adds to a fit verdict what a pass from this computer doesn't prove about the service.
func (c *Client) fitWarnings(d *Discovery, v *Verdict, read, write probe) (*Verdict, error) {
	for _, p := range []probe{read, write} {
		if p.cache == "hit" {
			v.Fit, v.Issue, v.Proven = false, diagnosis.Newf(CachedAPI, "the answer to %s came from a cache, not from WooCommerce%s", p.route, p.cacheName), nil
			return v, nil
		}
	}
	if read.cache == "miss" {
		v.Warnings = append(v.Warnings, diagnosis.Newf(CachedAPI, "a cache passed on the answer to %s with the key in it and may keep a copy for others%s", read.route, read.cacheName))
	}
	if read.junk || write.junk {
		if !slices.ContainsFunc(v.Warnings, func(i *diagnosis.Issue) bool { return i.Code == JunkBeforeJSON }) {
			v.Warnings = append(v.Warnings, diagnosis.Newf(JunkBeforeJSON, "WooCommerce's answers start with %s", junkWords))
		}
	}
	if len(d.Filtered) > 0 {
		v.Warnings = append(v.Warnings, diagnosis.Newf(VisitorsFiltered, "seen on the way: %s", strings.Join(d.Filtered, "; ")))
	}
	return v, nil
}

// redact passes every word of the verdict that came from outside through the one redactor, with the pair
// itself, so no form of it survives in a detail.
func (v *Verdict) redact(creds Credentials) {
	for _, i := range append([]*diagnosis.Issue{v.Issue}, v.Warnings...) {
		if i != nil {
			i.Detail = redact.Text(i.Detail, creds.Key, creds.Secret)
			i.Elsewhere = redact.Shapes(i.Elsewhere)
		}
	}
}

// judge turns the two probes' outcomes into the verdict.
func (c *Client) judge(v *Verdict, d *Discovery, creds Credentials, read, write probe, fail func(*diagnosis.Issue) (*Verdict, error)) (*Verdict, error) {
	masked := redact.MaskKey(creds.Key)
	signed := v.Transport == access.TransportOAuth || v.Transport == ""
	for _, p := range []probe{read, write} {
		switch p.out {
		case outIssue:
			return fail(p.issue)
		case outBadTimestamp:
			return fail(diagnosis.Newf(ClockWrong, "the store said %q", p.msg))
		case outUnknownKey:
			return fail(diagnosis.Newf(KeyUnknown, "no key %s on this store", masked))
		case outBadSecret, outBadSignature:
			return fail(diagnosis.Newf(WrongSecret, "the store knows the key %s, but the secret does not match", masked))
		case outAnonymous:
			if signed {
				return fail(diagnosis.Newf(UnexpectedResponse, "a signed request counted as anonymous (%q)", p.msg))
			}
			return fail(diagnosis.Newf(KeyUnknown, "the store treated the key %s as no key at all", masked))
		}
	}
	// A translated store words its errors differently; the pair still tells which is which.
	if read.out == outAuthOther || write.out == outAuthOther {
		switch {
		case read.out == outAuthOther && write.out == outAuthOther:
			if signed {
				return fail(diagnosis.Newf(UnexpectedResponse, "the store refused the signed request: %q", read.msg))
			}
			return fail(diagnosis.Newf(WrongSecret, "the store refused the secret: %q", read.msg))
		case read.out == outAuthOther:
			read.out = outNoRead
		default:
			write.out = outNoWrite
		}
	}

	v.KeyValid = true
	keyReads := read.out == outOK || read.out == outForbidden
	keyWrites := write.out == outOK || write.out == outForbidden
	switch {
	case keyReads && keyWrites:
		v.Permission = access.PermReadWrite
	case keyReads:
		v.Permission = access.PermRead
	case keyWrites:
		v.Permission = access.PermWrite
	}
	v.UserCanManage = read.out != outForbidden && write.out != outForbidden
	need := v.Requirement.Permission

	if (need.CanRead() && read.out == outForbidden) || (need.CanWrite() && write.out == outForbidden) {
		return fail(diagnosis.Newf(UserLacksRights, "the key works, but its user may not manage products"))
	}
	if !v.Permission.Covers(need) {
		if need.CanWrite() && !v.Permission.CanWrite() {
			return fail(diagnosis.Newf(KeyReadOnly, "the key %s has %s permission; %s needs %s", masked, v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
		}
		return fail(diagnosis.Newf(KeyWriteOnly, "the key %s has %s permission; %s needs %s", masked, v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
	}
	if v.Permission != need && need != "" {
		v.Warnings = append(v.Warnings, diagnosis.Newf(MorePermission, "the key has %s permission; %s needs %s", v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
	}
	v.Fit = true
	v.Proven = []string{"The store recognises this key and its secret."}
	if v.Permission.CanRead() {
		v.Proven = append(v.Proven, "It can read your products.")
	}
	if v.Permission.CanWrite() {
		v.Proven = append(v.Proven, "It can write (tested with an empty update).")
	}
	v.Proven = append(v.Proven, "Nothing in your store was changed.")
	return v, nil
}
