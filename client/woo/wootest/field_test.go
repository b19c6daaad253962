package wootest_test

// The facts page's "Reported from the field" table and its second round on the real store, one test per
// row: the fake store's switches answer with the status, headers and body the page records.

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

func TestFieldBotChallenges(t *testing.T) {
	cf := start(t, wootest.Config{TLS: true, Challenge: "cloudflare"})
	a := send(t, "GET", cf.URL()+"wp-json/", "", nil)
	if a.status != 403 || a.header.Get("cf-mitigated") != "challenge" || !strings.Contains(a.body, "<") {
		t.Fatalf("Cloudflare: %d %v", a.status, a.header)
	}
	if a := send(t, "GET", cf.URL(), "", map[string]string{"User-Agent": "Mozilla/5.0 (X11)"}); a.status != 200 {
		t.Fatalf("a browser is let through: %d", a.status)
	}
	sg := start(t, wootest.Config{TLS: true, Challenge: "siteground"})
	a = send(t, "GET", sg.URL()+"wp-json/wc/v3/products", "", nil)
	if a.status != 202 || a.header.Get("SG-Captcha") != "challenge" || !strings.Contains(a.body, "/.well-known/sgcaptcha/?r=") {
		t.Fatalf("SiteGround: %d %v %s", a.status, a.header, a.body)
	}
	pages := start(t, wootest.Config{TLS: true, Challenge: "cloudflare", ChallengePagesOnly: true})
	if a := send(t, "GET", pages.URL(), "", nil); a.status != 403 {
		t.Fatalf("pages-only: the home page %d", a.status)
	}
	if a := send(t, "GET", pages.URL()+"wp-json/", "", nil); a.status != 200 {
		t.Fatalf("pages-only: the API %d", a.status)
	}
}

func TestFieldModSecurity(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ModSecurity: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	accept := map[string]string{"Accept": "*/*"}
	if a := send(t, "GET", s.URL()+"wp-json/", "", nil); a.status != 406 {
		t.Fatalf("no Accept header: %d", a.status)
	}
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products?per_page=1", "", merge(basic(k), accept)); a.status != 200 {
		t.Fatalf("GET with a key: %d", a.status)
	}
	a := send(t, "POST", s.URL()+"wp-json/wc/v3/products/batch", "{}", merge(basic(k), accept))
	if a.status != 406 || !strings.Contains(a.body, "Mod_Security") {
		t.Fatalf("POST: %d %s", a.status, a.body)
	}
}

func TestFieldSitePassword(t *testing.T) {
	srv := start(t, wootest.Config{TLS: true, SitePassword: "server"})
	a := send(t, "GET", srv.URL(), "", nil)
	if a.status != 401 || !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Basic") || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Fatalf("server password: %d %v", a.status, a.header)
	}
	wp := start(t, wootest.Config{TLS: true, SitePassword: "wordpress"})
	k := wp.AddKey("k", wootest.Administrator, "read_write")
	if a := send(t, "GET", wp.URL()+"wp-json/", "", nil); a.status != 200 {
		t.Fatalf("no header: %d", a.status)
	}
	expect(t, "the key's header", send(t, "GET", wp.URL()+"wp-json/wc/v3/products", "", basic(k)), 401, "invalid_username", "")
}

func TestFieldJWTPlugin(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, JWTPlugin: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	expect(t, "Basic", send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(k)), 403, "jwt_auth_bad_auth_header", "Authorization header malformed.")
	expect(t, "query keys", send(t, "GET", withQuery(s.URL()+"wp-json/wc/v3/products?per_page=1", k.ConsumerKey, k.Secret), "", nil), 200, "", "")
}

func TestFieldRESTLoginOnly(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, RESTLoginOnly: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	msg := "Only authenticated users can access the REST API."
	expect(t, "index", send(t, "GET", s.URL()+"wp-json/", "", nil), 401, "rest_cannot_access", msg)
	expect(t, "no key", send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", nil), 401, "rest_cannot_access", msg)
	expect(t, "unknown key", send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basicPair("ck_"+strings.Repeat("a", 40), "cs_"+strings.Repeat("b", 40))), 401, "rest_cannot_access", msg)
	expect(t, "wrong secret", send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basicPair(k.ConsumerKey, "cs_"+strings.Repeat("b", 40))), 401, authErr, "Consumer secret is invalid.")
	expect(t, "good key", send(t, "GET", s.URL()+"wp-json/wc/v3/products?per_page=1", "", basic(k)), 200, "", "")
}

func TestFieldJunkBeforeJSON(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, JunkBeforeJSON: "\ufeff"})
	a := send(t, "GET", s.URL()+"wp-json/", "", nil)
	if !strings.HasPrefix(a.body, "\ufeff{") {
		t.Fatalf("body starts %q", a.body[:min(10, len(a.body))])
	}
	if a := send(t, "GET", s.URL(), "", nil); strings.HasPrefix(a.body, "\ufeff") {
		t.Fatal("HTML pages got the BOM too")
	}
}

func TestFieldCacheIgnoresAuthorization(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, CacheIgnoresAuth: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	if status, _ := s.Visit("wp-json/wc/v3/products?per_page=1"); status != 401 {
		t.Fatalf("visitor: %d", status)
	}
	a := send(t, "GET", s.URL()+"wp-json/wc/v3/products?per_page=1&cachebuster=1", "", basic(k))
	if a.status != 401 || a.code != "woocommerce_rest_cannot_view" || a.header.Get("X-LiteSpeed-Cache") != "hit" {
		t.Fatalf("a good key got %d %s (cache %q): the visitor's copy was expected", a.status, a.code, a.header.Get("X-LiteSpeed-Cache"))
	}
	expect(t, "the write is not cached", send(t, "POST", s.URL()+"wp-json/wc/v3/products/batch", "{}", basic(k)), 200, "", "")
}

func TestFieldLanguagePrefix(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, LanguagePrefix: "en"})
	a := send(t, "GET", s.URL()+"en/", "", nil)
	if a.status != 200 || !strings.Contains(a.header.Get("Link"), "/en/wp-json/") {
		t.Fatalf("/en/: %d Link %q", a.status, a.header.Get("Link"))
	}
	if a := send(t, "GET", s.URL()+"en/wp-json/", "", nil); a.status != 404 || !strings.Contains(a.header.Get("Content-Type"), "html") {
		t.Fatalf("/en/wp-json/: %d %s", a.status, a.header.Get("Content-Type"))
	}
}

func TestFieldStaleRewriteRules(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, StaleRewrite: true})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	if a := send(t, "GET", s.URL()+"wp-json/", "", nil); !strings.Contains(a.body, `"wc/v3"`) {
		t.Fatalf("the index lacks wc/v3: %s", a.body)
	}
	if a := send(t, "GET", s.URL()+"wp-json/wc/v3/products", "", basic(k)); a.status != 404 || !strings.Contains(a.body, "Page not found") {
		t.Fatalf("wc route: %d %s", a.status, a.body)
	}
}

func TestFieldMultisiteKeysPerSite(t *testing.T) {
	main, sub := wootest.StartNetwork(wootest.Config{TLS: true}, "shop2")
	t.Cleanup(main.Close)
	k := main.AddKey("k", wootest.Administrator, "read_write")
	expect(t, "main site", send(t, "GET", main.URL()+"wp-json/wc/v3/products?per_page=1", "", basic(k)), 200, "", "")
	expect(t, "subsite", send(t, "GET", sub.URL()+"wp-json/wc/v3/products?per_page=1", "", basic(k)), 401, "woocommerce_rest_cannot_view", cannotView)
}

// WooCommerce 11.1 (read in its source): a key outside wc/ routes is refused outright; 7.9 answers as for
// no key at all.
func TestFactsKeyOutsideWCRoutesNewerWoo(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, WooVersion: "11.1.0"})
	k := s.AddKey("k", wootest.Administrator, "read_write")
	expect(t, "11.1", send(t, "GET", s.URL()+"wp-json/wp/v2/users/me", "", basic(k)), 401, authErr, "The provided API key cannot be used to access this endpoint.")
	old := start(t, wootest.Config{TLS: true})
	k = old.AddKey("k", wootest.Administrator, "read_write")
	expect(t, "7.9", send(t, "GET", old.URL()+"wp-json/wp/v2/users/me", "", basic(k)), 401, "rest_not_logged_in", "")
}

// The real store's second round: WordPress builds its address from the request behind a proxy that hides
// HTTPS, so its Link says http://; plain HTTP to the TLS port is served, or the proxy's HTML 400.
func TestFieldLinkSaysHTTPBehindTheProxy(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"})
	if a := send(t, "GET", s.URL(), "", nil); !strings.Contains(a.header.Get("Link"), "<http://"+s.Host()+"/wp-json/>") {
		t.Fatalf("Link %q", a.header.Get("Link"))
	}
	if a := send(t, "GET", "http://"+s.Host()+"/wp-json/", "", nil); a.status != 200 || !strings.Contains(a.body, `"wc/v3"`) {
		t.Fatalf("plain HTTP served: %d", a.status)
	}
	p := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "proxy400"})
	if a := send(t, "GET", "http://"+p.Host()+"/wp-json/", "", nil); a.status != 400 || !strings.Contains(a.body, "The plain HTTP request was sent to HTTPS port") {
		t.Fatalf("proxy 400: %d %s", a.status, a.body)
	}
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// The keys list as the real one: each row's key id, ending, user, permissions and Last access to the
// minute in the site's format, "Unknown" before any use; it shows when a service last used a key.
func TestFactsKeysList(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, Admin: true})
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	list := func() []wpadmin.KeyRow {
		return wpadmin.ParseKeysList(send(t, "GET", s.URL()+"wp-admin/"+string(wpadmin.Keys), "", nil).body, time.UTC)
	}
	rows := list()
	if len(rows) != 1 || rows[0].ID != k.ID || rows[0].Ending != k.Truncated() || rows[0].Description != "Syncio API Key" || rows[0].Raw != wpadmin.NeverUsed {
		t.Fatalf("%+v", rows)
	}
	before := time.Now()
	expect(t, "a service's call", send(t, "GET", s.URL()+"wp-json/wc/v3/products?per_page=1", "", basic(k)), 200, "", "")
	if r := list()[0]; !r.UsedSince(before) || r.LastAccess.Second() != 0 {
		t.Fatalf("Last access %q (%v) after a call at %v", r.Raw, r.LastAccess, before)
	}
}

// wp-admin pages and the AJAX answer carrying a new key are never cached (WordPress's nocache_headers):
// a browser keeps nothing of the secret on disk.
func TestFactsAdminNeverCached(t *testing.T) {
	s := start(t, wootest.Config{Admin: true})
	for _, a := range []answer{
		send(t, "GET", s.URL()+"wp-admin/"+string(wpadmin.AddKey), "", nil),
		send(t, "POST", s.URL()+"wp-admin/"+wpadmin.AJAX, "action="+wpadmin.AJAXAction+"&description=d&user=1&permissions=read", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}),
	} {
		if cc := a.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") || a.header.Get("Expires") == "" {
			t.Fatalf("Cache-Control %q", cc)
		}
	}
}

// The fake store's keys mask their secrets in every format verb (test output is output too).
func TestFakeKeyMasksInEveryVerb(t *testing.T) {
	k := wootest.Key{ID: 1, ConsumerKey: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
	for _, v := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
		if out := fmt.Sprintf(v, k); strings.Contains(out, "cdcdcdcd") || strings.Contains(out, "abababababab") {
			t.Errorf("%s printed the key: %s", v, out)
		}
	}
}
