package woo

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// Permission is what a key may do, as WooCommerce names it.
type Permission string

const (
	PermRead      Permission = "read"
	PermWrite     Permission = "write"
	PermReadWrite Permission = "read_write"
)

func (p Permission) canRead() bool  { return p == PermRead || p == PermReadWrite }
func (p Permission) canWrite() bool { return p == PermWrite || p == PermReadWrite }

// Covers reports whether a key with permission p can do everything need asks for.
func (p Permission) Covers(need Permission) bool {
	return (!need.canRead() || p.canRead()) && (!need.canWrite() || p.canWrite())
}

// Label is the permission as WordPress's Permissions menu shows it.
func (p Permission) Label() string {
	switch p {
	case PermRead:
		return "Read"
	case PermWrite:
		return "Write"
	case PermReadWrite:
		return "Read/Write"
	}
	return "unknown"
}

// Requirement is what a sync service needs from a key.
type Requirement struct {
	Service    string     // display name, e.g. "Syncio"
	Permission Permission // e.g. read_write
	// AuthHeader is true when the service sends keys in the Authorization header (HTTP Basic): a host
	// that strips the header then breaks the service even though the key is fine.
	AuthHeader bool
}

// Transport is how the key travels.
type Transport string

const (
	TransportBasic Transport = "basic"       // HTTPS, Authorization: Basic
	TransportQuery Transport = "query"       // HTTPS, consumer_key/consumer_secret in the query string
	TransportOAuth Transport = "oauth1-hmac" // OAuth 1.0a signed: the secret never travels
)

// Verdict is the answer for one key, one store and one service.
type Verdict struct {
	Requirement
	Fit      bool
	Issue    *Issue   // why the key is not fit; nil when it is
	Warnings []*Issue // true, worth knowing, not blocking
	// KeyValid is true once the store recognised the key and its secret.
	KeyValid bool
	// Permission is what the key may do, when the probes could tell.
	Permission    Permission
	UserCanManage bool
	Transport     Transport
	Key           string   // the key, masked
	Proven        []string // what the live check proved, in words
}

// ValidateCredentials says what is wrong with a key pair before anything is sent.
func ValidateCredentials(c Credentials) *Issue {
	for _, f := range []struct {
		field Field
		value string
	}{{FieldKey, c.Key}, {FieldSecret, c.Secret}} {
		if _, _, p := ExtractFor(f.field, f.value); p != nil {
			if p.Code == ProblemWrongField {
				return newIssue(KeySecretSwapped, "%s", p.Message)
			}
			return newIssue(KeyFormat, "%s", p.Message)
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
	issue *Issue
	msg   string // the store's own message, for details
}

// classify reads one authenticated answer using the facts page's table.
func classify(r *reply, d *Discovery) probe {
	if r.Status >= 300 && r.Status < 400 {
		return probe{out: outIssue, issue: newIssue(StoreMoved, "the API at %s forwards to %s; Key Relay does not follow a forward with your key", pathOf(r.URL), redactLocation(r.Header.Get("Location")))}
	}
	if i := statusIssue(r); i != nil {
		return probe{out: outIssue, issue: i}
	}
	if !r.isJSON() {
		return probe{out: outIssue, issue: newIssue(RESTBlocked, "%s answered %s with %s", hostOf(r.URL), pathOf(r.URL), describe(r))}
	}
	if r.Status >= 200 && r.Status < 300 {
		return probe{out: outOK}
	}
	if r.Err == nil {
		return probe{out: outIssue, issue: newIssue(UnexpectedResponse, "%s from %s", describe(r), pathOf(r.URL))}
	}
	p := probe{msg: r.Err.Message}
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
		return probe{out: outIssue, issue: newIssue(WooRESTMissing, "the store has no route %s", pathOf(r.URL))}
	default:
		return probe{out: outIssue, issue: newIssue(UnexpectedResponse, "HTTP %d %s: %q", r.Status, code, r.Err.Message)}
	}
	return p
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
	t Transport
	// baseScheme is the scheme OAuth signs with: what the server believes, which behind a proxy that
	// hides HTTPS is "http" although we connect with https.
	baseScheme string
}

func (c *Client) send(ctx context.Context, d *Discovery, creds Credentials, w way, method, route string, query url.Values, body []byte) (*reply, error) {
	u, err := url.Parse(d.Route(route))
	if err != nil {
		return nil, err
	}
	q := u.Query()
	for k, vs := range query {
		q[k] = vs
	}
	req := request{method: method, body: body}
	switch w.t {
	case TransportBasic, TransportQuery:
		if u.Scheme != "https" {
			// The facts page: over HTTP these are ignored anyway, and the secret would travel in clear.
			// Check chooses OAuth for a plain-HTTP API; this guards that choice without crashing the app.
			return nil, newIssue(UnexpectedResponse, "the API address %s is not HTTPS, so the secret was not sent", hostOf(u))
		}
		if w.t == TransportQuery {
			q.Set("consumer_key", creds.Key)
			q.Set("consumer_secret", creds.Secret)
		} else {
			req.basic = &creds
		}
		u.RawQuery = q.Encode()
		req.url = u.String()
	case TransportOAuth:
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
		if i, ok := err.(*Issue); ok {
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

// Check proves creds against the store found by d for the service described by need: it reads, and writes
// without changing anything, at the same time. The error is only ever the context's; everything the
// merchant must fix is in the Verdict.
func (c *Client) Check(ctx context.Context, d *Discovery, creds Credentials, need Requirement) (*Verdict, error) {
	creds.Key = strings.TrimSpace(creds.Key)
	v := &Verdict{Requirement: need, Key: MaskKey(creds.Key)}
	defer func() { d.link(v.Issue, v.Warnings) }() // wherever an issue was found, it gets its wp-admin page here
	fail := func(i *Issue) (*Verdict, error) {
		v.Fit, v.Issue = false, i
		return v, nil
	}
	if d.Blocker != nil {
		return fail(d.Blocker)
	}
	v.Warnings = append(v.Warnings, d.Warnings...)
	if i := ValidateCredentials(creds); i != nil {
		return fail(i)
	}

	w := way{t: TransportBasic}
	if d.APIRoot.Scheme != "https" { // where the key goes decides how, whatever the home page used
		w = way{t: TransportOAuth, baseScheme: "http"}
	}
	pr, err := parallel(
		func() (probe, error) { return c.probeRead(ctx, d, creds, w) },
		func() (probe, error) { return c.probeWrite(ctx, d, creds, w) },
	)
	if err != nil {
		return nil, err
	}
	read, write := pr[0], pr[1]

	if w.t == TransportBasic && read.out == outAnonymous && write.out == outAnonymous {
		// Over HTTPS an unknown key looks exactly like no key, and so do credentials the host drops.
		// Ask the three ways the facts page says tell the causes apart, all at once.
		alt, err := parallel(
			func() (probe, error) { return c.probeRead(ctx, d, creds, way{t: TransportQuery}) },
			func() (probe, error) { return c.probeRead(ctx, d, creds, way{t: TransportOAuth, baseScheme: "https"}) },
			func() (probe, error) { return c.probeRead(ctx, d, creds, way{t: TransportOAuth, baseScheme: "http"}) },
		)
		if err != nil {
			return nil, err
		}
		query, oauthS, oauthP := alt[0], alt[1], alt[2]
		var found *Issue
		switch {
		case query.out == outIssue:
			return fail(query.issue)
		case query.out != outAnonymous:
			// The same key in the query string reached WooCommerce: the header was dropped on the way.
			found, w, read = newIssue(AuthHeaderStripped, "Basic authentication was ignored; the same key in the query string was read"), way{t: TransportQuery}, query
		case oauthS.out == outUnknownKey || oauthP.out == outUnknownKey:
			return fail(newIssue(KeyUnknown, "no key %s on this store", MaskKey(creds.Key)))
		case oauthP.out != outBadSignature && oauthP.out != outIssue && oauthP.out != outAnonymous:
			// Signed as http:// it worked: WordPress believes it is on HTTP.
			found, w, read = newIssue(HTTPSNotDetected, "keys sent over HTTPS were ignored; a request signed for http:// was accepted"), way{t: TransportOAuth, baseScheme: "http"}, oauthP
		case oauthS.out == outBadSignature && oauthP.out == outBadSignature:
			// The store knows the key but neither signature matches, and keys over HTTPS are ignored.
			v.Warnings = append(v.Warnings, newIssue(HTTPSNotDetected, "keys sent over HTTPS were ignored"))
			return fail(newIssue(WrongSecret, "the store knows the key %s, but the secret does not match", MaskKey(creds.Key)))
		case oauthS.out == outIssue:
			return fail(oauthS.issue)
		default:
			return fail(newIssue(UnexpectedResponse, "keys were ignored over HTTPS and signed requests gave %q", oauthS.msg))
		}
		if write, err = c.probeWrite(ctx, d, creds, w); err != nil {
			return nil, err
		}
		v.Transport = w.t
		out, err := c.judge(v, d, creds, read, write, fail)
		if err != nil {
			return nil, err
		}
		if !out.Fit { // the key has its own problem; the host's is still true and comes next
			out.Warnings = append(out.Warnings, found)
			return out, nil
		}
		// The key itself is fine; whether the host's quirk blocks the service depends on how it sends keys.
		if need.AuthHeader || found.Code == HTTPSNotDetected {
			out.Fit, out.Issue = false, found
		} else {
			out.Warnings = append(out.Warnings, found)
		}
		return out, nil
	}
	v.Transport = w.t
	return c.judge(v, d, creds, read, write, fail)
}

// judge turns the two probes' outcomes into the verdict.
func (c *Client) judge(v *Verdict, d *Discovery, creds Credentials, read, write probe, fail func(*Issue) (*Verdict, error)) (*Verdict, error) {
	masked := MaskKey(creds.Key)
	for _, p := range []probe{read, write} {
		switch p.out {
		case outIssue:
			return fail(p.issue)
		case outBadTimestamp:
			return fail(newIssue(ClockWrong, "the store said %q", p.msg))
		case outUnknownKey:
			return fail(newIssue(KeyUnknown, "no key %s on this store", masked))
		case outBadSecret, outBadSignature:
			return fail(newIssue(WrongSecret, "the store knows the key %s, but the secret does not match", masked))
		case outAnonymous:
			if v.Transport == TransportOAuth {
				return fail(newIssue(UnexpectedResponse, "a signed request counted as anonymous (%q)", p.msg))
			}
			return fail(newIssue(KeyUnknown, "the store treated the key %s as no key at all", masked))
		}
	}
	// A translated store words its errors differently; the pair still tells which is which.
	if read.out == outAuthOther || write.out == outAuthOther {
		switch {
		case read.out == outAuthOther && write.out == outAuthOther:
			if v.Transport == TransportOAuth {
				return fail(newIssue(UnexpectedResponse, "the store refused the signed request: %q", read.msg))
			}
			return fail(newIssue(WrongSecret, "the store refused the secret: %q", read.msg))
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
		v.Permission = PermReadWrite
	case keyReads:
		v.Permission = PermRead
	case keyWrites:
		v.Permission = PermWrite
	}
	v.UserCanManage = read.out != outForbidden && write.out != outForbidden
	need := v.Requirement.Permission

	if (need.canRead() && read.out == outForbidden) || (need.canWrite() && write.out == outForbidden) {
		return fail(newIssue(UserLacksRights, "the key works, but its user may not manage products"))
	}
	if !v.Permission.Covers(need) {
		if need.canWrite() && !v.Permission.canWrite() {
			return fail(newIssue(KeyReadOnly, "the key %s has %s permission; %s needs %s", masked, v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
		}
		return fail(newIssue(KeyWriteOnly, "the key %s has %s permission; %s needs %s", masked, v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
	}
	if v.Permission != need && need != "" {
		v.Warnings = append(v.Warnings, newIssue(MorePermission, "the key has %s permission; %s needs %s", v.Permission.Label(), orWord(v.Service, "the service"), need.Label()))
	}
	v.Fit = true
	v.Proven = []string{"The store recognises this key and its secret."}
	if v.Permission.canRead() {
		v.Proven = append(v.Proven, "It can read your products.")
	}
	if v.Permission.canWrite() {
		v.Proven = append(v.Proven, "It can write (tested with an empty update).")
	}
	v.Proven = append(v.Proven, "Nothing in your store was changed.")
	return v, nil
}
