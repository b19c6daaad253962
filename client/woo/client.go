package woo

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"
	"golang.org/x/net/publicsuffix"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/reach"
)

// Options configure a Client. The zero value is ready to use.
type Options struct {
	// RootCAs replaces the system's trusted certificates; nil means the system's. See LoadCAFile.
	RootCAs *x509.CertPool
	// Timeout bounds each request; 0 means 20 seconds. Cancelling the context stops a request sooner.
	Timeout time.Duration
	// MaxRetryWait is the longest Retry-After the client waits out by itself before trying once more;
	// longer waits are reported as a diagnosis. 0 means 5 seconds; negative means never wait.
	MaxRetryWait time.Duration
	// Now is the clock for OAuth timestamps; nil means time.Now.
	Now func() time.Time
	// UserAgent is sent with every request; empty means "KeyRelay/<version> (+https://keyrelay.app)": an
	// ordinary agent that says who calls, since host bot rules block empty or odd ones.
	UserAgent string
	// DialContext replaces the dialer (tests use it to simulate DNS and network failures); nil means net.Dialer.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Client talks to WooCommerce stores. It keeps connections alive between discovery and the key check, so
// the check costs one round trip. A Client is safe for concurrent use.
type Client struct {
	opts Options
	// discover follows redirects (up to 10) and never carries credentials.
	discover *resty.Client
	// auth never follows a redirect: a redirected POST turns into a GET, and credentials must not
	// travel to an address the merchant did not choose.
	auth *resty.Client
}

const maxBody = 4 << 20 // a store's answer larger than this is not an API answer

// LoadCAFile returns the system's trusted certificates plus those in the PEM file at path, so a store with
// a private certificate can be checked without turning verification off.
func LoadCAFile(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// NewClient returns a Client with opts.
func NewClient(opts Options) *Client {
	if opts.Timeout == 0 {
		opts.Timeout = 20 * time.Second
	}
	if opts.MaxRetryWait == 0 {
		opts.MaxRetryWait = 5 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "KeyRelay/" + assets.Version + " (+https://keyrelay.app)"
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = http.ProxyFromEnvironment
	tr.TLSClientConfig = &tls.Config{RootCAs: opts.RootCAs, MinVersion: tls.VersionTLS12}
	tr.ForceAttemptHTTP2 = true // both probes share one connection on HTTPS
	tr.MaxIdleConnsPerHost = 4
	tr.ResponseHeaderTimeout = opts.Timeout
	if opts.DialContext != nil {
		tr.DialContext = opts.DialContext
	}
	mk := func(redirects func(*http.Request, []*http.Request) error) *resty.Client {
		c := resty.NewWithClient(&http.Client{Transport: tr, CheckRedirect: redirects, Timeout: opts.Timeout})
		c.SetLogger(quietLogger{}).SetResponseBodyLimit(maxBody).SetHeader("User-Agent", opts.UserAgent).
			SetHeader("Accept", "application/json, */*") // mod_security rules refuse requests without one
		return c
	}
	return &Client{
		opts: opts,
		discover: mk(func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			if !sameSite(via[0].URL, req.URL) {
				// Another website: not followed, so nothing, a key later least of all, goes there unasked.
				return &crossSite{to: req.URL}
			}
			if via[len(via)-1].URL.Scheme == "https" && req.URL.Scheme == "http" {
				// From HTTPS to plain HTTP, even on the same host: a downgrade, stopped before any key goes
				// (even signed: a signed request carries the key in the address).
				return &downgrade{from: via[len(via)-1].URL, to: req.URL}
			}
			return nil
		}),
		auth: mk(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }),
	}
}

// CloseIdle closes kept-alive connections.
func (c *Client) CloseIdle() { c.discover.GetClient().CloseIdleConnections() }

// quietLogger drops resty's log lines: they would go to stderr and could describe requests.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Warnf(string, ...any)  {}
func (quietLogger) Debugf(string, ...any) {}

// reply is one HTTP answer, read in full.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
	URL    *url.URL  // the address that answered (after redirects, for discovery)
	At     time.Time // when it arrived, on the client's clock (Retry-After dates count from it)
	Err    *apiError // the WordPress error body, when the answer is one
	// Junk is true when something (a BOM, blank lines, a PHP notice) came before the JSON; Body starts
	// at the JSON.
	Junk bool
	// SentHeader is true when the request carried the key in the Authorization header.
	SentHeader bool
}

// apiError is WordPress's REST error body: {"code":…,"message":…,"data":{"status":…}}.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (r *reply) isJSON() bool {
	ct := r.Header.Get("Content-Type")
	if strings.Contains(ct, "json") {
		return true
	}
	b := strings.TrimSpace(string(r.Body[:min(len(r.Body), 64)]))
	return strings.HasPrefix(b, "{") || strings.HasPrefix(b, "[")
}

func (r *reply) isHTML() bool {
	if r.isJSON() {
		return false
	}
	ct := r.Header.Get("Content-Type")
	b := strings.ToLower(strings.TrimSpace(string(r.Body[:min(len(r.Body), 512)])))
	return strings.Contains(ct, "html") || strings.HasPrefix(b, "<") || strings.Contains(b, "<html")
}

// request is one call: what to send and how to authenticate it.
type request struct {
	method string
	url    string // the address, with any query string; for OAuth already signed
	body   []byte // JSON body or nil
	basic  *Credentials
	follow bool   // discovery only: follow redirects
	agent  string // replaces the User-Agent (discovery's question whether a host calls apps bots)
}

// do sends req, waiting out a short Retry-After once. Network failures come back as an *diagnosis.Issue; a
// cancelled context comes back as ctx.Err().
func (c *Client) do(ctx context.Context, req request) (*reply, error) {
	for attempt := 0; ; attempt++ {
		rc := c.auth
		if req.follow {
			rc = c.discover
		}
		r := rc.R().SetContext(ctx)
		if req.basic != nil {
			r.SetBasicAuth(req.basic.Key, req.basic.Secret)
		}
		if req.agent != "" {
			r.SetHeader("User-Agent", req.agent)
		}
		if req.body != nil {
			r.SetHeader("Content-Type", "application/json").SetBody(req.body)
		}
		resp, err := r.Execute(req.method, req.url)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			var down *downgrade
			if errors.As(err, &down) {
				return nil, diagnosis.Newf(HTTPSDowngrade, "%s forwards to %s", hostRoot(down.from), hostRoot(down.to))
			}
			var away *crossSite
			if errors.As(err, &away) {
				from, _ := url.Parse(req.url)
				i := diagnosis.Newf(RedirectedAway, "%s forwards to %s", hostOf(from), away.to.Host)
				i.Elsewhere = siteURL(away.to).String()
				return nil, i
			}
			i := networkIssue(err, req.url)
			if i.Code == reach.CertUntrusted {
				if chain := c.missingIntermediate(ctx, err, req.url); chain != nil {
					return nil, chain
				}
			}
			return nil, i
		}
		rep := &reply{Status: resp.StatusCode(), Header: resp.Header(), Body: resp.Body(), URL: resp.RawResponse.Request.URL, At: c.opts.Now(), SentHeader: req.basic != nil}
		rep.Body, rep.Junk = trimJunk(rep.Body, rep.Header.Get("Content-Type"))
		if rep.isJSON() {
			var e apiError
			if json.Unmarshal(rep.Body, &e) == nil && e.Code != "" {
				rep.Err = &e
			}
		}
		if rep.Status == http.StatusTooManyRequests && attempt == 0 {
			if wait := retryAfter(rep.Header, rep.At); wait <= c.opts.MaxRetryWait && c.opts.MaxRetryWait > 0 {
				select {
				case <-time.After(wait):
					continue
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
		}
		return rep, nil
	}
}

// maxRetryAfter bounds what a store may ask us to wait: beyond a day the number means nothing to a merchant.
const maxRetryAfter = 24 * time.Hour

// retryAfter reads Retry-After as seconds or an HTTP date, at most a day; missing means one minute.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return time.Minute
	}
	if n, err := strconv.ParseUint(v, 10, 64); err == nil {
		return time.Duration(min(n, uint64(maxRetryAfter/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter)
	}
	return time.Minute
}

// networkIssue turns a failed connection into a diagnosis: an answer too large, a connection closed
// without one and a redirect loop are the store's doing (its rows); the rest is reaching a server at all
// (client/reach). The detail names only the host: the request address can hold credentials.
func networkIssue(err error, rawURL string) *diagnosis.Issue {
	if i := reach.Classify(err, rawURL); i != nil {
		return i
	}
	host := reach.Host(rawURL)
	switch {
	case errors.Is(err, resty.ErrResponseBodyTooLarge):
		return diagnosis.Newf(UnexpectedResponse, "%s sent an answer larger than %d MB", host, maxBody>>20)
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return diagnosis.Newf(RESTBlocked, "%s closed the connection without answering", host)
	case strings.Contains(err.Error(), "redirects"):
		return diagnosis.Newf(StoreMoved, "%s forwards in a loop", host)
	}
	return reach.NetworkIssue(err, rawURL)
}

// downgrade stops discovery at a redirect from https:// to http://.
type downgrade struct{ from, to *url.URL }

func (e *downgrade) Error() string { return "forwarded from https:// to http://" + e.to.Host }

// missingIntermediate tells a certificate sent without its intermediate from one no authority vouches
// for: when the leaf names where its issuer's certificate is (AIA "CA Issuers", as browsers use it and Go
// never does: golang/go#31773), that certificate is fetched over plain HTTP, for this diagnosis only, and
// the leaf verified with it. nil when that doesn't make the chain whole. The fetched certificate is never
// used to trust the store: the check stays stopped.
func (c *Client) missingIntermediate(ctx context.Context, err error, rawURL string) *diagnosis.Issue {
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) || unknown.Cert == nil || len(unknown.Cert.IssuingCertificateURL) == 0 {
		return nil
	}
	leaf := unknown.Cert
	aia, perr := url.Parse(leaf.IssuingCertificateURL[0])
	if perr != nil || (aia.Scheme != "http" && aia.Scheme != "https") {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment, DialContext: c.opts.DialContext}
	defer tr.CloseIdleConnections()
	req, rerr := http.NewRequestWithContext(ctx, http.MethodGet, aia.String(), nil)
	if rerr != nil {
		return nil
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	resp, gerr := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Do(req)
	if gerr != nil {
		return nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if blk, _ := pem.Decode(b); blk != nil {
		b = blk.Bytes
	}
	inter, xerr := x509.ParseCertificate(b)
	if resp.StatusCode != http.StatusOK || xerr != nil {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(inter)
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		host = u.Hostname()
	}
	if _, verr := leaf.Verify(x509.VerifyOptions{Roots: c.opts.RootCAs, Intermediates: pool, DNSName: host}); verr != nil {
		return nil
	}
	return diagnosis.Newf(CertChainIncomplete, "the certificate of %s (issued by %q) is sent without its intermediate certificate; with %q, fetched from %s as browsers do, it is valid", host, leaf.Issuer.CommonName, inter.Subject.CommonName, hostRoot(aia))
}

// crossSite stops discovery at a redirect to another website.
type crossSite struct{ to *url.URL }

func (e *crossSite) Error() string { return "forwarded to another website: " + e.to.Host }

// sameSite reports whether a and b belong to one website: the same host, or the same registrable domain
// (apex and www, shop.example.com and example.com). An IP address or a single-label name matches only
// itself.
func sameSite(a, b *url.URL) bool {
	ha, hb := strings.ToLower(a.Hostname()), strings.ToLower(b.Hostname())
	if ha == hb {
		return true
	}
	if net.ParseIP(ha) != nil || net.ParseIP(hb) != nil {
		return false
	}
	ea, errA := publicsuffix.EffectiveTLDPlusOne(ha)
	eb, errB := publicsuffix.EffectiveTLDPlusOne(hb)
	return errA == nil && errB == nil && ea == eb
}

// sameOrigin reports whether a and b are one origin: scheme, host and port.
func sameOrigin(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

// port is u's port, or its scheme's default.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

var phpNotice = regexp.MustCompile(`(?i)<b>(notice|warning|deprecated|fatal error|strict standards)</b>|^\s*(php )?(notice|warning|deprecated):`)

// trimJunk cuts what stands before a JSON answer: a byte-order mark, blank lines, or PHP's notices printed
// on screen. junk is true when anything was cut; a body that isn't JSON after the cut is left as it is.
func trimJunk(body []byte, contentType string) ([]byte, bool) {
	i := 0
	for i < len(body) {
		switch {
		case bytes.HasPrefix(body[i:], []byte("\xef\xbb\xbf")):
			i += 3
		case body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n':
			i++
		default:
			goto cut
		}
	}
cut:
	rest := body[i:]
	if len(rest) > 0 && rest[0] != '{' && rest[0] != '[' {
		// Text before the JSON: only a PHP notice, on an answer that says it is JSON, is read past.
		j := bytes.IndexAny(rest, "{[")
		if j < 0 || !strings.Contains(contentType, "json") || !phpNotice.Match(rest[:j]) {
			return body, false
		}
		rest = rest[j:]
	}
	if len(rest) == len(body) || !json.Valid(rest) {
		return body, false
	}
	return rest, true
}
