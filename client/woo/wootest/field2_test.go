package wootest_test

// The field reports' second round: one test per switch, pinning what the fake sends to what the public
// report shows. Where a report gives no exact body, the test says so.

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// 1. The leaf alone, no intermediate; the intermediate at the leaf's AIA address (golang/go#31773: Go
// never fetches it). The report gives no bytes: any chain of this shape will do.
func TestField2IncompleteChain(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, Cert: wootest.CertNoIntermediate})
	conn, err := tls.Dial("tcp", s.Host(), &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	chain := conn.ConnectionState().PeerCertificates
	if len(chain) != 1 || len(chain[0].IssuingCertificateURL) != 1 || chain[0].IssuingCertificateURL[0] != wootest.IntermediateURL {
		t.Fatalf("sent %d certificates, AIA %v", len(chain), chain[0].IssuingCertificateURL)
	}
	if _, err := chain[0].Verify(x509.VerifyOptions{Roots: wootest.CAPool()}); err == nil {
		t.Fatal("the leaf verifies without its intermediate")
	}
	resp, err := http.Get(wootest.IntermediateURL)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	inter, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(inter)
	if _, err := chain[0].Verify(x509.VerifyOptions{Roots: wootest.CAPool(), Intermediates: pool}); err != nil {
		t.Fatalf("with the intermediate: %v", err)
	}
}

// 2. Disable REST API: the plugin's own message, word for word (its source); a valid key passes.
func TestField2DisableRESTAPI(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, DisableRESTAPI: true})
	a := send(t, "GET", s.URL()+"wp-json/", "", nil)
	if a.status != 401 || a.code != "rest_cannot_access" || a.msg != "DRA: Only authenticated users can access the REST API." {
		t.Fatalf("anonymous: %d %s %q", a.status, a.code, a.msg)
	}
	k := s.AddKey("k", wootest.Administrator, "read_write")
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(k)); a.status != 200 {
		t.Fatalf("a valid key: %d", a.status)
	}
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basicPair("ck_"+strings.Repeat("a", 40), "cs_"+strings.Repeat("b", 40))); a.msg != "DRA: Only authenticated users can access the REST API." {
		t.Fatalf("an unknown key: %d %q", a.status, a.msg)
	}
}

// 3. Method firewalls: 6G's 403 to PUT (Apache's page; the report names the status, not the body), an
// OWASP CRS rule's 501 "Method Not Implemented"; POST goes through.
func TestField2MethodFirewalls(t *testing.T) {
	for mode, status := range map[string]int{"aiowps": 403, "modsecurity": 501} {
		s := start(t, wootest.Config{TLS: true, BlockMethods: mode})
		k := s.AddKey("k", wootest.Administrator, "read_write")
		if a := send(t, "POST", s.URL()+"wp-json/wc/v3/products/batch", "{}", basic(k)); a.status != 200 {
			t.Fatalf("%s: POST %d", mode, a.status)
		}
		for _, m := range []string{"PUT", "PATCH", "DELETE"} {
			if a := send(t, m, s.URL()+"wp-json/wc/v3/products/batch", "{}", basic(k)); a.status != status || a.code != "" {
				t.Fatalf("%s: %s %d %s", mode, m, a.status, a.code)
			}
		}
	}
}

// 4. Wordfence's block page, as its title and first line read.
func TestField2Wordfence(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, Wordfence: true})
	a := send(t, "GET", s.URL()+"wp-json/", "", nil)
	if a.status != 403 || !strings.Contains(a.body, "Your access to this site has been limited by the site owner") || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Fatalf("%d %s", a.status, a.body)
	}
}

// 5. A Basic-auth plugin with WooCommerce (woocommerce#68480): any Basic header that is no user and no
// key gets 401 invalid_username on every route; a valid key passes. The report names the code, not the
// message: WordPress's own words for an unknown user name are used.
func TestField2BasicAuthPlugin(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, BasicAuthPlugin: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(k)); a.status != 200 {
		t.Fatalf("a valid key: %d", a.status)
	}
	for _, route := range []string{"wp-json/wc/v3/products", "wp-json/wp/v2/posts", "wp-json/"} {
		if a := send(t, "GET", s.URL()+route, "", basicPair("someone", "x")); a.status != 401 || a.code != "invalid_username" {
			t.Fatalf("%s: %d %s", route, a.status, a.code)
		}
	}
	if a := send(t, "GET", s.URL()+"wp-json/", "", nil); a.status != 200 {
		t.Fatalf("anonymous: %d", a.status)
	}
}

// 6. An Application Password logs in over Basic on HTTPS, with or without its spaces.
func TestField2ApplicationPassword(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, AppPasswords: map[string]string{"admin": "abcd EFGH 1234 ijkl MNOP 5678"}})
	for _, pw := range []string{"abcd EFGH 1234 ijkl MNOP 5678", "abcdEFGH1234ijklMNOP5678"} {
		if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basicPair("admin", pw)); a.status != 200 {
			t.Fatalf("%q: %d", pw, a.status)
		}
	}
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basicPair("admin", "wrong")); a.status != 401 {
		t.Fatalf("a wrong password: %d", a.status)
	}
}

// 7. Deleting a user deletes its keys; a demoted user's key answers 403 woocommerce_rest_cannot_view.
func TestField2UserDeletedOrDemoted(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	gone := s.AddKey("k", wootest.ShopManager, "read_write")
	s.DeleteUser(gone.UserLogin)
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(gone)); a.status != 401 || a.code != "woocommerce_rest_cannot_view" {
		t.Fatalf("deleted: %d %s", a.status, a.code)
	}
	demoted := s.AddKey("k", wootest.ShopManager, "read_write")
	s.Demote(demoted.ConsumerKey, wootest.Customer)
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(demoted)); a.status != 403 || a.code != "woocommerce_rest_cannot_view" {
		t.Fatalf("demoted: %d %s", a.status, a.code)
	}
}

// 8. A REST cache's 304 with an ETag to a request that sent no If-None-Match (the report names the
// status and the header, not a body: a 304 has none).
func TestField2RESTCache304(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, WooRESTCache: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(k))
	if a.status != 304 || a.header.Get("ETag") == "" {
		t.Fatalf("%d %v", a.status, a.header)
	}
}

// 9. A host that calls apps bots serves them a cached home page for every address, query dropped; a
// browser's User-Agent gets the API.
func TestField2BotByAgent(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, BotByAgent: true})
	if a := send(t, "GET", s.URL()+"wp-json/?_fields=namespaces", "", map[string]string{"User-Agent": "KeyRelay/1"}); a.status != 200 || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Fatalf("an app: %d %s", a.status, a.header.Get("Content-Type"))
	}
	if a := send(t, "GET", s.URL()+"wp-json/", "", map[string]string{"User-Agent": "Mozilla/5.0 (X11)"}); a.status != 200 || !strings.Contains(a.body, "wc/v3") {
		t.Fatalf("a browser: %d", a.status)
	}
}

// 10. /wp-json/ is the theme's HTML 404 while ?rest_route=/ works (woocommerce#15064); the Link still
// names /wp-json/.
func TestField2BrokenRewrite(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, BrokenRewrite: true})
	home := send(t, "GET", s.URL(), "", nil)
	if !strings.Contains(home.header.Get("Link"), "/wp-json/") {
		t.Fatalf("Link %q", home.header.Get("Link"))
	}
	if a := send(t, "GET", s.URL()+"wp-json/", "", nil); a.status != 404 || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Fatalf("/wp-json/: %d", a.status)
	}
	if a := send(t, "GET", s.URL()+"?rest_route=/", "", nil); a.status != 200 || !strings.Contains(a.body, "wc/v3") {
		t.Fatalf("?rest_route=/: %d", a.status)
	}
}
