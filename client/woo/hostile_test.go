package woo_test

// Hostile stores on loopback: each tries to make Key Relay send the key somewhere it shouldn't, or to put
// the key into words. Every test here failed before the rule it pins (one rule for where a key may go,
// one redactor for every text from outside).

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// witness is a server that records whether anything key-like reached it.
type witness struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string // what credentials arrived, by kind
}

func newWitness(t *testing.T, tls bool, h http.HandlerFunc) *witness {
	w := &witness{}
	handler := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		if r.Header.Get("Authorization") != "" {
			w.got = append(w.got, "Authorization header")
		}
		if q := r.URL.Query(); q.Has("consumer_secret") || q.Has("oauth_signature") || q.Has("consumer_key") || q.Has("oauth_consumer_key") {
			w.got = append(w.got, "key in the query")
		}
		w.mu.Unlock()
		if h != nil {
			h(rw, r)
		}
	})
	if tls {
		w.srv = httptest.NewUnstartedServer(handler)
		w.srv.TLS = wootest.ServerTLS()
		w.srv.StartTLS()
	} else {
		w.srv = httptest.NewServer(handler)
	}
	t.Cleanup(w.srv.Close)
	return w
}

func (w *witness) keysSeen() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.got...)
}

// 1. An HTTPS store whose Link names http://…/wp-json/ is never probed over plain HTTP, and the verdict
// isn't "works" with "✓ Secure connection (HTTPS)".
func TestHTTPSStoreIsNeverProbedOverHTTP(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"})
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	c := newClient(woo.Options{})
	d := discover(t, c, s.URL())
	if d.HTTPSHidden == "" || !strings.HasPrefix(d.APIRoot.String(), "https://") {
		t.Fatalf("Link http:// not noticed: hidden %q, API root %s", d.HTTPSHidden, d.APIRoot)
	}
	v := check(t, c, d, creds(k), syncio)
	if v.Fit || issueCode(v) != woo.HTTPSNotDetected {
		t.Fatalf("verdict %v (fit %v), want https_not_detected", v.Issue, v.Fit)
	}
	text := woo.Report(d, v).Text()
	if strings.Contains(text, "✓ Secure connection (HTTPS)") {
		t.Fatalf("the report claims a secure connection:\n%s", text)
	}
	keyOnlyWhereAllowed(t, s, true)
}

// 1b. /wp-json/ answering 301 to an http:// address doesn't move the check there either.
func TestAPIIndexForwardedToHTTPIsNotFollowedWithTheKey(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true, PlainHTTP: "served"})
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	front := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Link", `</wp-json/>; rel="https://api.w.org/"`)
			fmt.Fprint(w, `<meta name="generator" content="WooCommerce 8.9.1">`)
		default:
			http.Redirect(w, r, "http://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
		}
	})
	c := newClient(woo.Options{})
	d := discover(t, c, front.srv.URL)
	v := check(t, c, d, creds(k), syncio)
	if v.Fit {
		t.Fatalf("fit through a forward to http://: %+v", v)
	}
	for _, r := range s.Requests() {
		if r.Basic || r.QuerySecret || r.OAuth {
			t.Fatalf("the key reached the store the forward named: %+v", r)
		}
	}
}

// 2. A Link naming another host and port gets no key, and the finding names that address.
func TestLinkToAnotherHostGetsNoKey(t *testing.T) {
	other := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"namespaces":["wc/v3"],"url":"https://`+r.Host+`"}`)
	})
	otherURL, _ := url.Parse(other.srv.URL)
	elsewhere := "https://localhost:" + otherURL.Port() + "/"
	store := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "<"+elsewhere+"wp-json/>; rel=\"https://api.w.org/\"")
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<meta name="generator" content="WordPress 6.5" /><meta name="generator" content="WooCommerce 8.9.1">`)
	})
	c := newClient(woo.Options{})
	d := discover(t, c, store.srv.URL)
	v := check(t, c, d, woo.Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}, syncio)
	if v.Fit || issueCode(v) != woo.APIElsewhere || v.Issue.Elsewhere != elsewhere {
		t.Fatalf("verdict %v (elsewhere %q), want api_elsewhere naming %s", v.Issue, issueElsewhere(v), elsewhere)
	}
	if !strings.Contains(fmt.Sprint(d.Findings), elsewhere) {
		t.Fatalf("no finding names %s: %v", elsewhere, d.Findings)
	}
	if got := other.keysSeen(); len(got) > 0 {
		t.Fatalf("the other host got the key: %v", got)
	}
	js := string(woo.Report(d, v).JSON())
	if !strings.Contains(js, elsewhere) {
		t.Fatalf("--json doesn't name the other address:\n%s", js)
	}
}

func issueElsewhere(v *woo.Verdict) string {
	if v.Issue == nil {
		return ""
	}
	return v.Issue.Elsewhere
}

// 2b. The index's url can't point the wp-admin buttons at another host.
func TestIndexURLCannotMoveAdminLinks(t *testing.T) {
	store := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/wp-json/" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"namespaces":["wc/v3"],"url":"https://evil.example/","authentication":{"application-passwords":{}}}`)
			return
		}
		w.Header().Set("Link", `</wp-json/>; rel="https://api.w.org/"`)
		fmt.Fprint(w, `<meta name="generator" content="WooCommerce 8.9.1">`)
	})
	d := discover(t, newClient(woo.Options{}), store.srv.URL)
	for _, p := range []wpadmin.Page{wpadmin.AddKey, wpadmin.Keys, wpadmin.Permalinks} {
		if got := d.AdminURL(p); !strings.HasPrefix(got, store.srv.URL+"/wp-admin/") {
			t.Fatalf("admin page %s points at %s", p, got)
		}
	}
}

// 3. A home page forwarding to another registrable domain stops before any key is sent, and names it.
func TestRedirectToAnotherSiteStopsBeforeTheKey(t *testing.T) {
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			other := start(t, wootest.Config{TLS: true})
			k := other.AddKey("k", wootest.Administrator, "read_write")
			front := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "https://other-store.test:"+other.Port()+r.URL.RequestURI(), status)
			})
			frontURL, _ := url.Parse(front.srv.URL)
			c := newClient(woo.Options{DialContext: dialByName(map[string]string{"store.test": frontURL.Port(), "other-store.test": other.Port()})})
			d := discover(t, c, "https://store.test:"+frontURL.Port())
			v := check(t, c, d, creds(k), syncio)
			if issueCode(v) != woo.RedirectedAway || !strings.Contains(v.Issue.Elsewhere, "other-store.test") {
				t.Fatalf("verdict %v (elsewhere %q), want redirected_elsewhere naming other-store.test", v.Issue, issueElsewhere(v))
			}
			for _, r := range other.Requests() {
				if r.Basic || r.QuerySecret || r.OAuth {
					t.Fatalf("the key went to the other site: %+v", r)
				}
			}
		})
	}
}

// 4. The key never goes in the query string unless the service sends it that way: a key that looks
// anonymous over Basic is explained with signed requests, which never carry the secret.
func TestNoSecretInTheQueryString(t *testing.T) {
	for _, cfg := range []wootest.Config{{TLS: true, StripAuthHeader: true}, {TLS: true, ProxyHidesHTTPS: true}, {TLS: true}} {
		s := start(t, cfg)
		c := newClient(woo.Options{})
		d := discover(t, c, s.URL())
		check(t, c, d, unknownKey(s), syncio)
		check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
		for _, r := range s.Requests() {
			if r.QuerySecret {
				t.Fatalf("%+v: the secret went in the query string: %+v", cfg, r)
			}
		}
	}
}

// 5. A store that echoes the request (address, Authorization header, user name) can't put any form of
// the key into a diagnosis, the text report or --json.
func TestEchoedCredentialsAreRedacted(t *testing.T) {
	k := woo.Credentials{Key: "ck_" + strings.Repeat("3a", 20), Secret: "cs_" + strings.Repeat("9f", 20)}
	basic := base64.StdEncoding.EncodeToString([]byte(k.Key + ":" + k.Secret))
	for name, echo := range map[string]func(r *http.Request) string{
		"the address":        func(r *http.Request) string { return "Bad request: " + r.URL.String() },
		"the header":         func(r *http.Request) string { return "Bad header " + r.Header.Get("Authorization") },
		"the decoded header": func(r *http.Request) string { u, p, _ := r.BasicAuth(); return "login " + u + ":" + p },
		"url-encoded":        func(r *http.Request) string { return url.QueryEscape(k.Key + "&" + k.Secret) },
	} {
		t.Run(name, func(t *testing.T) {
			store := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == "/":
					w.Header().Set("Link", `</wp-json/>; rel="https://api.w.org/"`)
					fmt.Fprint(w, `<meta name="generator" content="WooCommerce 8.9.1">`)
				case r.URL.Path == "/wp-json/":
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"namespaces":["wc/v3"],"url":"https://`+r.Host+`"}`)
				default:
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(400)
					b, _ := json.Marshal(map[string]any{"code": "bad_request", "message": echo(r), "data": map[string]int{"status": 400}})
					_, _ = w.Write(b)
				}
			})
			c := newClient(woo.Options{})
			d := discover(t, c, store.srv.URL)
			v := check(t, c, d, k, syncio)
			rep := woo.Report(d, v)
			for _, text := range []string{rep.Text(), string(rep.JSON()), fmt.Sprintf("%+v", v.Issue)} {
				for _, leak := range []string{k.Secret, k.Secret[3:], k.Key, basic, url.QueryEscape(k.Secret)} {
					if strings.Contains(text, leak) {
						t.Fatalf("the words carry %q:\n%s", leak, text)
					}
				}
			}
			if v.Issue == nil || v.Issue.Detail == "" {
				t.Fatalf("no detail to check: %+v", v.Issue)
			}
		})
	}
}

// 9. A firewall answering 403 HTML everywhere is something blocking the store, not "not WordPress"; a
// Link of javascript: or file: is ignored, not reported as a refused connection with an empty host.
func TestFirewallEverywhereAndOddLinks(t *testing.T) {
	fw := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(403)
		fmt.Fprint(w, "<html><body><h1>403 Forbidden</h1><p>Request blocked.</p></body></html>")
	})
	if d := discover(t, newClient(woo.Options{}), fw.srv.URL); d.Blocker == nil || d.Blocker.Code != woo.RESTBlocked {
		t.Fatalf("firewall everywhere: %v, want rest_blocked", d.Blocker)
	}
	for _, link := range []string{"javascript:alert(1)", "file:///etc/passwd", "data:text/plain,x"} {
		store := start(t, wootest.Config{TLS: true})
		odd := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/" {
				w.Header().Set("Link", "<"+link+">; rel=\"https://api.w.org/\"")
			}
			proxyTo(w, r, store)
		})
		d := discover(t, newClient(woo.Options{}), odd.srv.URL)
		if d.Blocker != nil {
			t.Fatalf("Link %s: %v", link, d.Blocker)
		}
	}
}

// proxyTo answers r as the fake store s would, for a front that changes one thing.
func proxyTo(w http.ResponseWriter, r *http.Request, s *wootest.Store) {
	u := s.Origin() + r.URL.RequestURI()
	req, _ := http.NewRequestWithContext(r.Context(), r.Method, u, r.Body)
	req.Header = r.Header.Clone()
	resp, err := loopbackHTTP.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for k, v := range resp.Header {
		if k != "Link" || w.Header().Get("Link") == "" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// loopbackHTTP trusts the fake stores' certificates and follows no redirect.
var loopbackHTTP = &http.Client{
	Transport:     &http.Transport{TLSClientConfig: wootest.ServerTLS().Clone()},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// dialByName sends a connection for a name to that name's port on loopback: store.test and
// other-store.test stand for two real websites.
func dialByName(ports map[string]string) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, p, _ := net.SplitHostPort(addr)
		if mapped, ok := ports[host]; ok {
			p = mapped
		}
		return (&net.Dialer{}).DialContext(ctx, network, "127.0.0.1:"+p)
	}
}

// 10. A store typed as https:// whose home page forwards to plain http:// on the same host is a
// downgrade: stopped before any key is sent (not even OAuth-signed, which carries the key in the
// address), and said by name.
func TestDowngradeToPlainHTTPStopsBeforeTheKey(t *testing.T) {
	for _, status := range []int{301, 302, 307, 308} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			plain := start(t, wootest.Config{})
			k := plain.AddKey("k", wootest.Administrator, "read_write")
			front := newWitness(t, true, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, plain.URL()+strings.TrimPrefix(r.URL.RequestURI(), "/"), status)
			})
			c := newClient(woo.Options{})
			for _, need := range []access.Requirement{syncio, {Service: "Signed", Permission: access.PermReadWrite, Transport: access.TransportOAuth}} {
				d := discover(t, c, front.srv.URL)
				v := check(t, c, d, creds(k), need)
				if issueCode(v) != woo.HTTPSDowngrade || !strings.Contains(v.Issue.Detail, "http://127.0.0.1:"+plain.Port()) {
					t.Fatalf("%s: verdict %v, want https_downgrade naming the plain address", need.Transport, v.Issue)
				}
			}
			for _, r := range plain.Requests() {
				if r.Basic || r.QuerySecret || r.OAuth {
					t.Fatalf("the key went to the plain-HTTP port: %+v", r)
				}
			}
			if got := front.keysSeen(); len(got) != 0 {
				t.Fatalf("the key went to the front: %v", got)
			}
		})
	}
}
