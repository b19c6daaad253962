package wootest_test

// One test per row of shared/woocommerce-key-facts.md, sent as raw HTTP: the fake store must answer exactly
// as the real store was measured to. Signed requests use the client's signer (itself checked against
// RFC 5849 and an OpenSSL vector); the store verifies them with its own, separate implementation.

import (
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

type answer struct {
	status int
	code   string
	msg    string
	body   string
	header http.Header
}

func start(t *testing.T, cfg wootest.Config) *wootest.Store {
	s := wootest.Start(cfg)
	t.Cleanup(s.Close)
	return s
}

var httpClient = &http.Client{
	Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: wootest.CAPool()}, ForceAttemptHTTP2: true},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func send(t *testing.T, method, u string, body string, header map[string]string) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, body: string(b), header: resp.Header}
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Data    struct {
			Status int `json:"status"`
		} `json:"data"`
	}
	if json.Unmarshal(b, &e) == nil && e.Code != "" {
		a.code, a.msg = e.Code, e.Message
		if e.Data.Status != resp.StatusCode {
			t.Fatalf("data.status %d differs from HTTP %d", e.Data.Status, resp.StatusCode)
		}
	}
	return a
}

func basic(k wootest.Key) map[string]string {
	r, _ := http.NewRequest("GET", "/", nil)
	r.SetBasicAuth(k.ConsumerKey, k.Secret)
	return map[string]string{"Authorization": r.Header.Get("Authorization")}
}

func basicPair(key, secret string) map[string]string {
	return basic(wootest.Key{ConsumerKey: key, Secret: secret})
}

func withQuery(u, key, secret string) string {
	return u + "&" + url.Values{"consumer_key": {key}, "consumer_secret": {secret}}.Encode()
}

// signed signs u for method with key/secret; base is the scheme the signature claims (the server's view).
func signed(t *testing.T, method, u, key, secret string, mutate func(*woo.OAuthParams)) string {
	t.Helper()
	p := woo.OAuthParams{ConsumerKey: key, Method: woo.HMACSHA256, Timestamp: time.Now().Unix(), Nonce: woo.NewNonce()}
	if mutate != nil {
		mutate(&p)
	}
	s, err := woo.SignURL(method, u, p, secret)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func expect(t *testing.T, what string, a answer, status int, code, msg string) {
	t.Helper()
	if a.status != status || a.code != code || (msg != "" && a.msg != msg) {
		t.Errorf("%s: got %d %s %q, want %d %s %q", what, a.status, a.code, a.msg, status, code, msg)
	}
}

const (
	cannotView = "Sorry, you cannot list resources."
	authErr    = "woocommerce_rest_authentication_error"
)

func TestFactsKeyFormat(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("d", wootest.Administrator, "read_write")
	for _, v := range []string{k.ConsumerKey, k.Secret} {
		if len(v) != 43 || strings.ToLower(v) != v {
			t.Fatalf("%d characters, lowercase=%v", len(v), strings.ToLower(v) == v)
		}
	}
	if !strings.HasPrefix(k.ConsumerKey, "ck_") || !strings.HasPrefix(k.Secret, "cs_") || len(k.Truncated()) != 7 {
		t.Fatal("prefixes or truncated key")
	}
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "key with spaces around it", send(t, "GET", u, "", basicPair(" "+k.ConsumerKey+" ", k.Secret)), 200, "", "")
	expect(t, "secret with a trailing space", send(t, "GET", u, "", basicPair(k.ConsumerKey, k.Secret+" ")), 401, authErr, "Consumer secret is invalid.")
	expect(t, "uppercase key", send(t, "GET", u, "", basicPair(strings.ToUpper(k.ConsumerKey), k.Secret)), 401, "woocommerce_rest_cannot_view", cannotView)
}

func TestFactsHTTPSAnonymousCases(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("d", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	for name, h := range map[string]map[string]string{
		"no credentials":   nil,
		"unknown key":      basicPair("ck_"+strings.Repeat("0", 40), k.Secret),
		"swapped":          basicPair(k.Secret, k.ConsumerKey),
		"truncated key":    basicPair(k.ConsumerKey[:30], k.Secret),
		"empty secret":     basicPair(k.ConsumerKey, ""),
		"query empty pair": nil,
	} {
		expect(t, name, send(t, "GET", u, "", h), 401, "woocommerce_rest_cannot_view", cannotView)
	}
	s.Revoke(k.ConsumerKey)
	expect(t, "revoked key", send(t, "GET", u, "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
}

func TestFactsOAuthAnonymousCases(t *testing.T) {
	s := start(t, wootest.Config{})
	k := s.AddKey("d", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "unknown key", send(t, "GET", signed(t, "GET", u, "ck_"+strings.Repeat("0", 40), k.Secret, nil), "", nil), 401, authErr, "Consumer key is invalid.")
	expect(t, "swapped", send(t, "GET", signed(t, "GET", u, k.Secret, k.ConsumerKey, nil), "", nil), 401, authErr, "Consumer key is invalid.")
	s.Revoke(k.ConsumerKey)
	expect(t, "revoked", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, nil), "", nil), 401, authErr, "Consumer key is invalid.")
}

func TestFactsWrongSecret(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	a, b := s.AddKey("a", wootest.Administrator, "read_write"), s.AddKey("b", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "basic, another key's secret", send(t, "GET", u, "", basicPair(a.ConsumerKey, b.Secret)), 401, authErr, "Consumer secret is invalid.")
	expect(t, "query, wrong secret", send(t, "GET", withQuery(u, a.ConsumerKey, b.Secret), "", nil), 401, authErr, "Consumer secret is invalid.")
	plain := start(t, wootest.Config{})
	c := plain.AddKey("c", wootest.Administrator, "read_write")
	pu := plain.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "oauth, wrong secret", send(t, "GET", signed(t, "GET", pu, c.ConsumerKey, b.Secret, nil), "", nil), 401, authErr, "Invalid signature - provided signature does not match.")
}

func TestFactsPermissions(t *testing.T) {
	for _, tls := range []bool{true, false} {
		s := start(t, wootest.Config{TLS: tls})
		wo, ro := s.AddKey("w", wootest.Administrator, "write"), s.AddKey("r", wootest.Administrator, "read")
		send2 := func(method, route string, k wootest.Key, body string) answer {
			u := s.URL() + "wp-json/wc/v3/" + route
			if tls {
				return send(t, method, u, body, basic(k))
			}
			return send(t, method, signed(t, method, u, k.ConsumerKey, k.Secret, nil), body, nil)
		}
		for _, m := range []string{"GET", "HEAD"} {
			a := send2(m, "products", wo, "")
			if m == "HEAD" {
				if a.status != 401 {
					t.Errorf("HEAD with write-only key: %d", a.status)
				}
				continue
			}
			expect(t, "write-only GET", a, 401, authErr, "The API key provided does not have read permissions.")
		}
		expect(t, "write-only GET system_status", send2("GET", "system_status", wo, ""), 401, authErr, "The API key provided does not have read permissions.")
		for _, m := range []string{"POST", "PUT", "PATCH", "DELETE"} {
			expect(t, "read-only "+m, send2(m, "products/batch", ro, "{}"), 401, authErr, "The API key provided does not have write permissions.")
		}
	}
}

func TestFactsUserWithoutShopRights(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("c", wootest.Customer, "read_write")
	expect(t, "customer GET", send(t, "GET", s.URL()+"wp-json/wc/v3/products?per_page=1", "", basic(k)), 403, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "customer batch", send(t, "POST", s.URL()+"wp-json/wc/v3/products/batch", "{}", basic(k)), 403, "woocommerce_rest_cannot_batch", "")
	plain := start(t, wootest.Config{})
	pk := plain.AddKey("c", wootest.Customer, "read_write")
	u := plain.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "customer GET over OAuth", send(t, "GET", signed(t, "GET", u, pk.ConsumerKey, pk.Secret, nil), "", nil), 403, "woocommerce_rest_cannot_view", cannotView)
}

func TestFactsOAuthRules(t *testing.T) {
	s := start(t, wootest.Config{})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "HMAC-SHA256 works", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, nil), "", nil), 200, "", "")
	expect(t, "HMAC-SHA1 works", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, func(p *woo.OAuthParams) { p.Method = woo.HMACSHA1 }), "", nil), 200, "", "")
	old := func(p *woo.OAuthParams) { p.Timestamp = time.Now().Add(-16 * time.Minute).Unix() }
	future := func(p *woo.OAuthParams) { p.Timestamp = time.Now().Add(16 * time.Minute).Unix() }
	expect(t, "old timestamp", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, old), "", nil), 401, authErr, "Invalid timestamp.")
	expect(t, "future timestamp", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, future), "", nil), 401, authErr, "Invalid timestamp.")
	within := func(p *woo.OAuthParams) { p.Timestamp = time.Now().Add(-14 * time.Minute).Unix() }
	expect(t, "14 minutes old", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, within), "", nil), 200, "", "")
	once := signed(t, "GET", u, k.ConsumerKey, k.Secret, nil)
	expect(t, "nonce first use", send(t, "GET", once, "", nil), 200, "", "")
	expect(t, "nonce reused", send(t, "GET", once, "", nil), 401, authErr, "Invalid nonce - nonce has already been used.")
	for _, m := range []string{"PLAINTEXT", "HMAC-SHA512"} {
		bad := signed(t, "GET", u, k.ConsumerKey, k.Secret, nil)
		bad = strings.Replace(bad, "oauth_signature_method=HMAC-SHA256", "oauth_signature_method="+m, 1)
		expect(t, m, send(t, "GET", bad, "", nil), 401, authErr, "Invalid signature - signature method is invalid.")
	}
	missing := signed(t, "GET", u, k.ConsumerKey, k.Secret, nil)
	mu, _ := url.Parse(missing)
	q := mu.Query()
	q.Del("oauth_nonce")
	mu.RawQuery = q.Encode()
	a := send(t, "GET", mu.String(), "", nil)
	if a.status != 401 || a.code != "woocommerce_rest_authentication_missing_parameter" || !strings.HasPrefix(a.msg, "Missing OAuth parameter") {
		t.Errorf("missing oauth_nonce: %d %s %q", a.status, a.code, a.msg)
	}
	// Parameters in an Authorization: OAuth header work too; a JSON body is not signed.
	hdrURL := signed(t, "POST", s.URL()+"wp-json/wc/v3/products/batch", k.ConsumerKey, k.Secret, nil)
	hu, _ := url.Parse(hdrURL)
	var parts []string
	for name, v := range hu.Query() {
		parts = append(parts, name+`="`+url.QueryEscape(v[0])+`"`)
	}
	hu.RawQuery = ""
	expect(t, "OAuth header with JSON body", send(t, "POST", hu.String(), "{}", map[string]string{"Authorization": "OAuth " + strings.Join(parts, ", "), "Content-Type": "application/json"}), 200, "", "")
}

func TestFactsHTTPIgnoresBasicAndQueryKeys(t *testing.T) {
	s := start(t, wootest.Config{})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "basic over http", send(t, "GET", u, "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "query keys over http", send(t, "GET", withQuery(u, k.ConsumerKey, k.Secret), "", nil), 401, "woocommerce_rest_cannot_view", cannotView)
}

func TestFactsQueryKeysWinOverHeader(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	a, b := s.AddKey("a", wootest.Administrator, "read_write"), s.AddKey("b", wootest.Administrator, "read")
	u := s.URL() + "wp-json/wc/v3/products/batch?x=1"
	// Header: a read/write key; query: a read-only key. The query's key decides: no write permission.
	expect(t, "query wins", send(t, "POST", withQuery(u, b.ConsumerKey, b.Secret), "{}", basic(a)), 401, authErr, "The API key provided does not have write permissions.")
}

func TestFactsRestRouteNeverAuthenticates(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	u := s.URL() + "?rest_route=/wc/v3/products&per_page=1"
	expect(t, "rest_route with basic", send(t, "GET", u, "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "rest_route with query keys", send(t, "GET", withQuery(u, k.ConsumerKey, k.Secret), "", nil), 401, "woocommerce_rest_cannot_view", cannotView)
}

func TestFactsPlainPermalinks(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, PlainPermalinks: true})
	a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", nil)
	if a.status != 404 || a.code != "" || !strings.Contains(a.body, "<html") {
		t.Errorf("wp-json on plain permalinks: %d %q", a.status, a.body[:min(len(a.body), 80)])
	}
	s.Configure(func(c *wootest.Config) { c.PlainPermalinksRedirect = true })
	if a := send(t, "GET", s.URL()+"wp-json/", "", nil); a.status != 301 || a.header.Get("Location") != s.URL() {
		t.Errorf("redirect home: %d %s", a.status, a.header.Get("Location"))
	}
	if l := send(t, "GET", s.URL(), "", nil).header.Get("Link"); !strings.Contains(l, "?rest_route=/") {
		t.Errorf("Link %q", l)
	}
}

func TestFactsProxyHidingHTTPS(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "basic", send(t, "GET", u, "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "query", send(t, "GET", withQuery(u, k.ConsumerKey, k.Secret), "", nil), 401, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "oauth signed https", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, nil), "", nil), 401, authErr, "Invalid signature - provided signature does not match.")
	httpForm := "http://" + strings.TrimPrefix(u, "https://")
	p := woo.OAuthParams{ConsumerKey: k.ConsumerKey, Method: woo.HMACSHA256, Timestamp: time.Now().Unix(), Nonce: woo.NewNonce()}
	base, _ := woo.BaseString("GET", httpForm, nil, p.Values())
	sig, _ := woo.Sign(woo.HMACSHA256, base, k.Secret, "")
	q := p.Values()
	q.Set("oauth_signature", sig)
	expect(t, "oauth signed http, sent https", send(t, "GET", u+"&"+q.Encode(), "", nil), 200, "", "")
	if a := send(t, "GET", s.URL()+"wp-json/?_fields=authentication", "", nil); !strings.Contains(a.body, `"authentication":[]`) {
		t.Errorf("index authentication: %s", a.body)
	}
}

func TestFactsStrippedAuthorizationHeader(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, StripAuthHeader: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products?per_page=1"
	expect(t, "basic", send(t, "GET", u, "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
	expect(t, "query", send(t, "GET", withQuery(u, k.ConsumerKey, k.Secret), "", nil), 200, "", "")
	expect(t, "oauth", send(t, "GET", signed(t, "GET", u, k.ConsumerKey, k.Secret, nil), "", nil), 200, "", "")
}

func TestFactsKeysOnlyOpenWCRoutes(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	expect(t, "users/me", send(t, "GET", s.URL()+"wp-json/wp/v2/users/me", "", basic(k)), 401, "rest_not_logged_in", "")
	expect(t, "no such route", send(t, "GET", s.URL()+"wp-json/wc/v3/no-such-thing", "", basic(k)), 404, "rest_no_route", "")
}

func TestFactsNonDestructiveWriteProbe(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	rw := s.AddKey("rw", wootest.Administrator, "read_write")
	u := s.URL() + "wp-json/wc/v3/products/batch"
	if a := send(t, "POST", u, "{}", basic(rw)); a.status != 200 || strings.TrimSpace(a.body) != "[]" {
		t.Errorf("batch {}: %d %s", a.status, a.body)
	}
	if k := s.Keys()[0]; k.LastAccess.IsZero() {
		t.Error("last access not updated")
	}
	expect(t, "system_status", send(t, "GET", s.URL()+"wp-json/wc/v3/system_status", "", basic(rw)), 200, "", "")
	// OPTIONS tells nothing about the key.
	for _, h := range []map[string]string{nil, basic(rw), basicPair(rw.ConsumerKey, "cs_"+strings.Repeat("0", 40))} {
		if a := send(t, "OPTIONS", u, "", h); a.status != 200 {
			t.Errorf("OPTIONS: %d", a.status)
		}
	}
}

func TestFactsDiscoveryWithoutKey(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, WooVersion: "8.9.1"})
	home := send(t, "GET", s.URL(), "", nil)
	if !strings.Contains(home.body, `<meta name="generator" content="WooCommerce 8.9.1">`) {
		t.Error("generator meta tag missing")
	}
	if l := home.header.Get("Link"); l != "<"+s.URL()+"wp-json/>; rel=\"https://api.w.org/\"" {
		t.Errorf("Link %q", l)
	}
	idx := send(t, "GET", s.URL()+"wp-json/?_fields=name,url,namespaces,authentication", "", nil)
	var v map[string]json.RawMessage
	if err := json.Unmarshal([]byte(idx.body), &v); err != nil || len(v) != 4 || !strings.Contains(string(v["namespaces"]), `"wc/v3"`) {
		t.Errorf("index %s", idx.body)
	}
	if len(idx.body) > 600 {
		t.Errorf("index with _fields is %d bytes; the facts say about 400", len(idx.body))
	}
	if !strings.Contains(string(v["authentication"]), "application-passwords") {
		t.Errorf("https index lists no authentication: %s", v["authentication"])
	}
	plain := start(t, wootest.Config{})
	if a := send(t, "GET", plain.URL()+"wp-json/?_fields=authentication", "", nil); !strings.Contains(a.body, `"authentication":[]`) {
		t.Errorf("http index: %s", a.body)
	}
}

func TestFactsRedirectTurnsPostIntoGet(t *testing.T) {
	// Why authenticated calls never follow redirects: a forwarded POST arrives as a GET (a "successful" list).
	s := start(t, wootest.Config{TLS: true})
	s.Configure(func(c *wootest.Config) { c.CanonicalHost = "localhost:" + s.Port() })
	k := s.AddKey("k", wootest.Administrator, "read_write")
	follow := &http.Client{Transport: httpClient.Transport}
	req, _ := http.NewRequest("POST", "https://127.0.0.1:"+s.Port()+"/wp-json/wc/v3/products/batch", strings.NewReader("{}"))
	req.SetBasicAuth(k.ConsumerKey, k.Secret)
	resp, err := follow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.Method != "GET" {
		t.Fatalf("followed as %s", resp.Request.Method)
	}
}

func TestFactsNonJSONMeansSomethingInFront(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, Firewall: true})
	a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", nil)
	if a.status != 403 || a.code != "" || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Errorf("firewall: %d %s", a.status, a.header.Get("Content-Type"))
	}
	m := start(t, wootest.Config{TLS: true, Maintenance: true})
	if a := send(t, "GET", m.URL(), "", nil); a.status != 503 || a.header.Get("Retry-After") != "600" {
		t.Errorf("maintenance: %d %s", a.status, a.header.Get("Retry-After"))
	}
	r := start(t, wootest.Config{TLS: true, RateLimit: 30 * time.Second})
	if a := send(t, "GET", r.URL(), "", nil); a.status != 429 || a.header.Get("Retry-After") != strconv.Itoa(30) {
		t.Errorf("rate limit: %d %s", a.status, a.header.Get("Retry-After"))
	}
}

// Not on the facts page, but how hosts behave: plain HTTP on an HTTPS store's own port is refused (Go's
// HTTPS server answers 400) unless the host forwards it to https:// (HTTPSiteAddress); WordPress prints
// http:// links only when it doesn't see HTTPS itself.
func TestPlainHTTPOnTheHTTPSPort(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	plain := "http://" + s.Host() + "/wp-json/?_fields=namespaces"
	if a := send(t, "GET", plain, "", nil); a.status != 400 {
		t.Fatalf("plain HTTP on the HTTPS port: %d", a.status)
	}
	s.Configure(func(c *wootest.Config) { c.HTTPSiteAddress = true })
	a := send(t, "GET", plain, "", nil)
	if loc := a.header.Get("Location"); a.status != 301 || loc != "https://"+s.Host()+"/wp-json/?_fields=namespaces" {
		t.Fatalf("%d to %q", a.status, loc)
	}
	if link := send(t, "GET", s.URL(), "", nil).header.Get("Link"); !strings.HasPrefix(link, "<https://") {
		t.Fatalf("WordPress sees HTTPS, yet its Link is %s", link)
	}
	s.Configure(func(c *wootest.Config) { c.ProxyHidesHTTPS = true })
	if link := send(t, "GET", s.URL(), "", nil).header.Get("Link"); !strings.HasPrefix(link, "<http://"+s.Host()+"/wp-json/>") {
		t.Fatalf("behind a proxy that hides HTTPS, the Link is %s", link)
	}
}
