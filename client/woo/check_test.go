package woo_test

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/reach"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

var syncio = access.Requirement{Service: "Syncio", Permission: access.PermReadWrite, Transport: access.TransportBasic}

// putService updates stock by PUT, as some services do.
var putService = access.Requirement{Service: "StockApp", Permission: access.PermReadWrite, Transport: access.TransportBasic, WriteMethod: "PUT"}

// appPassword is a WordPress Application Password as WordPress shows it once.
const appPassword = "abcd EFGH 1234 ijkl MNOP 5678"

// covered collects every diagnosis code a test saw; TestMain fails when one is never produced.
var (
	coveredMu sync.Mutex
	covered   = map[diagnosis.Code]bool{}
)

// cover records the codes of a diagnosis (nil for none) and of its warnings.
func cover(issue *diagnosis.Issue, warnings []*diagnosis.Issue) {
	coveredMu.Lock()
	defer coveredMu.Unlock()
	for _, i := range append([]*diagnosis.Issue{issue}, warnings...) {
		if i != nil {
			covered[i.Code] = true
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if f := flag.Lookup("test.run"); code == 0 && f != nil && f.Value.String() == "" {
		var missing []string
		for _, d := range diagnosis.All() {
			// client/vault's, client/assist's and ui's tests produce the computer's rows, client/syncore's
			// the Syncore rows (TestEverySyncoreRowIsProduced).
			if !covered[d.Code] && d.Kind != diagnosis.KindComputer && !strings.HasPrefix(string(d.Code), "syncore_") {
				missing = append(missing, string(d.Code))
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			fmt.Println("FAIL: no test produces these diagnoses:", strings.Join(missing, ", "))
			code = 1
		}
	}
	os.Exit(code)
}

func start(t testing.TB, cfg wootest.Config) *wootest.Store {
	s := wootest.Start(cfg)
	t.Cleanup(s.Close)
	return s
}

func newClient(opts woo.Options) *woo.Client {
	if opts.RootCAs == nil {
		opts.RootCAs = wootest.CAPool()
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	return woo.NewClient(opts)
}

func discover(t testing.TB, c *woo.Client, address string) *woo.Discovery {
	t.Helper()
	a, err := woo.ParseAddress(address)
	if err != nil {
		t.Fatalf("ParseAddress(%q): %v", address, err)
	}
	d, err := c.Discover(context.Background(), a)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	cover(d.Blocker, d.Warnings)
	return d
}

func check(t testing.TB, c *woo.Client, d *woo.Discovery, k woo.Credentials, need access.Requirement) *woo.Verdict {
	t.Helper()
	v, err := c.Check(context.Background(), d, k, need)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	cover(v.Issue, v.Warnings)
	return v
}

func creds(k wootest.Key) woo.Credentials {
	return woo.Credentials{Key: k.ConsumerKey, Secret: k.Secret}
}

func issueCode(v *woo.Verdict) diagnosis.Code {
	if v.Issue == nil {
		return ""
	}
	return v.Issue.Code
}

func warningCodes(v *woo.Verdict) []diagnosis.Code {
	var out []diagnosis.Code
	for _, w := range v.Warnings {
		out = append(out, w.Code)
	}
	return out
}

// noSecretInClear fails if any request to the store carried the secret where it could be read.
func noSecretInClear(t testing.TB, s *wootest.Store) {
	t.Helper()
	for _, r := range s.Requests() {
		if r.Scheme == "http" && (r.Basic || r.QuerySecret) {
			t.Fatalf("a key was sent over plain HTTP: %+v", r)
		}
	}
}

type scenario struct {
	name string
	cfg  wootest.Config
	// key makes the credentials to check; nil means a fresh read_write key of an administrator.
	key   func(s *wootest.Store) woo.Credentials
	need  access.Requirement
	want  diagnosis.Code   // "" means fit
	warns []diagnosis.Code // warnings expected (in any order)
	via   access.Transport
	perm  access.Permission
	path  string // typed after the store's address, e.g. "en/"
}

// unknownKey is a well-formed pair no store has.
func unknownKey(*wootest.Store) woo.Credentials {
	return woo.Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
}

// phpNotice is what PHP's display_errors prints before the JSON.
const phpNotice = "<br />\n<b>Notice</b>:  Undefined index: shipping in <b>/var/www/html/wp-content/plugins/old-plugin/old-plugin.php</b> on line <b>42</b><br />\n"

func adminKey(perm string) func(*wootest.Store) woo.Credentials {
	return func(s *wootest.Store) woo.Credentials {
		return creds(s.AddKey("Syncio API Key", wootest.Administrator, perm))
	}
}

func TestCheckScenarios(t *testing.T) {
	readOnly := access.Requirement{Service: "Reporter", Permission: access.PermRead}
	queryService := access.Requirement{Service: "QueryApp", Permission: access.PermReadWrite, Transport: access.TransportQuery}
	signingService := access.Requirement{Service: "SignedApp", Permission: access.PermReadWrite, Transport: access.TransportOAuth}
	for _, sc := range []scenario{
		{name: "https happy path", cfg: wootest.Config{TLS: true}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "plain http: Syncio sends keys over HTTPS only", cfg: wootest.Config{}, want: woo.HTTPSRequired, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "plain http works for a service that signs, but warns", cfg: wootest.Config{}, need: signingService, via: access.TransportOAuth, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "store in a sub-folder", cfg: wootest.Config{TLS: true, Path: "/shop/"}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "shop manager", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			return creds(s.AddKey("k", wootest.ShopManager, "read_write"))
		}, perm: access.PermReadWrite, via: access.TransportBasic},
		{name: "unknown key over https", cfg: wootest.Config{TLS: true}, key: func(*wootest.Store) woo.Credentials {
			return woo.Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
		}, want: woo.KeyUnknown},
		{name: "revoked key over https", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("old", wootest.Administrator, "read_write")
			s.Revoke(k.ConsumerKey)
			return creds(k)
		}, want: woo.KeyUnknown},
		{name: "revoked key over http", cfg: wootest.Config{}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("old", wootest.Administrator, "read_write")
			s.Revoke(k.ConsumerKey)
			return creds(k)
		}, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "wrong secret over https", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			a, b := s.AddKey("a", wootest.Administrator, "read_write"), s.AddKey("b", wootest.Administrator, "read_write")
			return woo.Credentials{Key: a.ConsumerKey, Secret: b.Secret} // another key's secret
		}, want: woo.WrongSecret},
		{name: "wrong secret over http", cfg: wootest.Config{}, key: func(s *wootest.Store) woo.Credentials {
			a := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: a.ConsumerKey, Secret: "cs_" + strings.Repeat("0", 40)}
		}, want: woo.WrongSecret, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "key and secret swapped", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: k.Secret, Secret: k.ConsumerKey}
		}, want: woo.KeySecretSwapped},
		{name: "truncated key", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: k.ConsumerKey[:30], Secret: k.Secret}
		}, want: woo.KeyFormat},
		{name: "key with spaces around it is fine", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: "  " + k.ConsumerKey + " ", Secret: k.Secret}
		}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "read-only key for a read/write service", cfg: wootest.Config{TLS: true}, key: adminKey("read"), want: woo.KeyReadOnly},
		{name: "read-only key over http", cfg: wootest.Config{}, key: adminKey("read"), want: woo.KeyReadOnly, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "write-only key", cfg: wootest.Config{TLS: true}, key: adminKey("write"), want: woo.KeyWriteOnly},
		{name: "key of a customer", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			return creds(s.AddKey("k", wootest.Customer, "read_write"))
		}, want: woo.UserLacksRights},
		{name: "read-only customer key: the user is the real problem", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			return creds(s.AddKey("k", wootest.Customer, "read"))
		}, want: woo.UserLacksRights},
		{name: "more permission than needed", cfg: wootest.Config{TLS: true}, need: readOnly, perm: access.PermReadWrite, via: access.TransportBasic, warns: []diagnosis.Code{woo.MorePermission}},
		{name: "plain permalinks", cfg: wootest.Config{TLS: true, PlainPermalinks: true}, want: woo.PlainPermalinks},
		{name: "plain permalinks, wp-json forwards home", cfg: wootest.Config{TLS: true, PlainPermalinks: true, PlainPermalinksRedirect: true}, want: woo.PlainPermalinks},
		{name: "host strips the Authorization header", cfg: wootest.Config{TLS: true, StripAuthHeader: true}, want: woo.AuthHeaderStripped},
		{name: "stripped header, service sends query keys", cfg: wootest.Config{TLS: true, StripAuthHeader: true}, need: queryService, via: access.TransportQuery, perm: access.PermReadWrite},
		{name: "stripped header and a read-only key", cfg: wootest.Config{TLS: true, StripAuthHeader: true}, key: adminKey("read"), want: woo.KeyReadOnly, warns: []diagnosis.Code{woo.AuthHeaderStripped}},
		{name: "stripped header and an unknown key", cfg: wootest.Config{TLS: true, StripAuthHeader: true}, key: func(*wootest.Store) woo.Credentials {
			return woo.Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
		}, want: woo.KeyUnknown},
		{name: "proxy hides https", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true}, want: woo.HTTPSNotDetected},
		{name: "proxy hides https and the secret is wrong", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: k.ConsumerKey, Secret: "cs_" + strings.Repeat("1", 40)}
		}, want: woo.WrongSecret, warns: []diagnosis.Code{woo.HTTPSNotDetected}},
		{name: "proxy hides https, unknown key", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true}, key: func(*wootest.Store) woo.Credentials {
			return woo.Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
		}, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.HTTPSNotDetected}},
		{name: "Site Address says http://, host forwards to https://", cfg: wootest.Config{TLS: true, HTTPSiteAddress: true}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "proxy hides https and the Site Address says http://", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true, HTTPSiteAddress: true}, want: woo.HTTPSNotDetected},
		{name: "firewall in front of the API", cfg: wootest.Config{TLS: true, Firewall: true}, want: woo.RESTBlocked},
		{name: "login wall", cfg: wootest.Config{TLS: true, LoginWall: true}, want: woo.RESTBlocked},
		{name: "API hidden from visitors, keys still work", cfg: wootest.Config{TLS: true, HideIndex: true}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "not WordPress", cfg: wootest.Config{TLS: true, NotWordPress: true}, want: woo.NotWordPress},
		{name: "WooCommerce not active", cfg: wootest.Config{TLS: true, NoWooCommerce: true}, want: woo.WooCommerceMissing},
		{name: "WooCommerce REST namespace missing", cfg: wootest.Config{TLS: true, NoWooREST: true}, want: woo.WooRESTMissing},
		{name: "maintenance", cfg: wootest.Config{TLS: true, Maintenance: true}, want: woo.Maintenance},
		{name: "server error", cfg: wootest.Config{TLS: true, ServerError: true}, want: woo.ServerError},
		{name: "rate limited for a long time", cfg: wootest.Config{TLS: true, RateLimit: 120 * time.Second}, want: woo.RateLimited},
		{name: "rate limited once, briefly: waited out", cfg: wootest.Config{TLS: true, RateLimit: time.Second, RateLimitOnce: true}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "API moved", cfg: wootest.Config{TLS: true, MoveAPITo: "https://elsewhere.example/wp-json/wc/v3/products"}, want: woo.StoreMoved},

		// The facts page's second round on the real store: a proxy that hides HTTPS from a WordPress that
		// builds its address from the request, so the Link says http://.
		{name: "served over http and https, Link says http://", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"}, want: woo.HTTPSNotDetected},
		{name: "same proxy on its own port: plain HTTP gets the proxy's 400", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "proxy400"}, want: woo.HTTPSNotDetected},
		{name: "Link says http://, and the secret is wrong", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("a", wootest.Administrator, "read_write")
			return woo.Credentials{Key: k.ConsumerKey, Secret: "cs_" + strings.Repeat("2", 40)}
		}, want: woo.WrongSecret, warns: []diagnosis.Code{woo.HTTPSNotDetected}},
		{name: "signing service, proxy hides https", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true}, need: signingService, want: woo.HTTPSNotDetected},
		{name: "query service, proxy hides https", cfg: wootest.Config{TLS: true, ProxyHidesHTTPS: true}, need: queryService, want: woo.HTTPSNotDetected},
		{name: "query service on plain http", cfg: wootest.Config{}, need: queryService, want: woo.HTTPSRequired, warns: []diagnosis.Code{woo.PlainHTTP}},
		{name: "plain http and a revoked key: the key comes first", cfg: wootest.Config{}, key: unknownKey, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.PlainHTTP}},

		// The facts page's field reports.
		{name: "Cloudflare challenges apps", cfg: wootest.Config{TLS: true, Challenge: "cloudflare"}, want: woo.BotChallenge},
		{name: "SiteGround's captcha answers 202", cfg: wootest.Config{TLS: true, Challenge: "siteground"}, want: woo.BotChallenge},
		{name: "challenge on pages only: passes, but says so", cfg: wootest.Config{TLS: true, Challenge: "cloudflare", ChallengePagesOnly: true}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.VisitorsFiltered}},
		{name: "mod_security refuses the write", cfg: wootest.Config{TLS: true, ModSecurity: true}, want: woo.RequestFiltered},
		{name: "site password at the web server", cfg: wootest.Config{TLS: true, SitePassword: "server"}, want: woo.SitePassword},
		{name: "site password plugin owns the header", cfg: wootest.Config{TLS: true, SitePassword: "wordpress"}, want: woo.SitePassword},
		{name: "JWT plugin owns the header", cfg: wootest.Config{TLS: true, JWTPlugin: true}, want: woo.AuthHeaderTaken},
		{name: "REST API for logged-in users only, good key", cfg: wootest.Config{TLS: true, RESTLoginOnly: true}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "REST API for logged-in users only, unknown key", cfg: wootest.Config{TLS: true, RESTLoginOnly: true}, key: unknownKey, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "BOM before the JSON, good key", cfg: wootest.Config{TLS: true, JunkBeforeJSON: "\ufeff"}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.JunkBeforeJSON}},
		{name: "BOM before the JSON, unknown key", cfg: wootest.Config{TLS: true, JunkBeforeJSON: "\ufeff"}, key: unknownKey, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.JunkBeforeJSON}},
		{name: "PHP notice before the JSON", cfg: wootest.Config{TLS: true, JunkBeforeJSON: phpNotice}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.JunkBeforeJSON}},
		{name: "a cache answers the read with a visitor's 401", cfg: wootest.Config{TLS: true, CacheIgnoresAuth: true}, key: func(s *wootest.Store) woo.Credentials {
			s.Visit("wp-json/wc/v3/products?per_page=1")
			return creds(s.AddKey("Syncio API Key", wootest.Administrator, "read_write"))
		}, want: woo.CachedAPI},
		{name: "a cache keeps the key's answer", cfg: wootest.Config{TLS: true, CacheIgnoresAuth: true}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.CachedAPI}},
		{name: "language folder typed", cfg: wootest.Config{TLS: true, LanguagePrefix: "en"}, path: "en/", via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.LanguagePrefix}},
		{name: "stale rewrite rules", cfg: wootest.Config{TLS: true, StaleRewrite: true}, want: woo.WCRoutesMissing},
		{name: "WooCommerce 11.1", cfg: wootest.Config{TLS: true, WooVersion: "11.1.0"}, via: access.TransportBasic, perm: access.PermReadWrite},

		// Field reports, second round (issue 19): each a wootest switch pinned in field2_test.go.
		{name: "1. certificate sent without its intermediate", cfg: wootest.Config{TLS: true, Cert: wootest.CertNoIntermediate}, want: woo.CertChainIncomplete},
		{name: "1. a self-signed certificate is still untrusted", cfg: wootest.Config{TLS: true, Cert: wootest.CertSelfSigned}, want: reach.CertUntrusted},
		{name: "2. Disable REST API plugin, good key", cfg: wootest.Config{TLS: true, DisableRESTAPI: true}, via: access.TransportBasic, perm: access.PermReadWrite, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "2. Disable REST API plugin, unknown key", cfg: wootest.Config{TLS: true, DisableRESTAPI: true}, key: unknownKey, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "2. Disable REST API plugin, stripped header", cfg: wootest.Config{TLS: true, DisableRESTAPI: true, StripAuthHeader: true}, want: woo.AuthHeaderStripped, warns: []diagnosis.Code{woo.RESTLoginRequired}},
		{name: "3. 6G firewall refuses PUT, service writes by PUT", cfg: wootest.Config{TLS: true, BlockMethods: "aiowps"}, need: putService, want: woo.WriteMethodBlocked},
		{name: "3. ModSecurity answers PUT 501, service writes by PUT", cfg: wootest.Config{TLS: true, BlockMethods: "modsecurity"}, need: putService, want: woo.WriteMethodBlocked},
		{name: "3. 6G firewall, service writes by POST: the verdict holds", cfg: wootest.Config{TLS: true, BlockMethods: "aiowps"}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "3. service writes by PUT, nothing in the way", cfg: wootest.Config{TLS: true}, need: putService, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "4. Wordfence blocks the API", cfg: wootest.Config{TLS: true, Wordfence: true}, want: woo.RequestFiltered},
		{name: "5. Basic-auth plugin, good key", cfg: wootest.Config{TLS: true, BasicAuthPlugin: true}, via: access.TransportBasic, perm: access.PermReadWrite},
		{name: "5. Basic-auth plugin, unknown key", cfg: wootest.Config{TLS: true, BasicAuthPlugin: true}, key: unknownKey, want: woo.KeyUnknown, warns: []diagnosis.Code{woo.BasicAuthPlugin}},
		{name: "6. an application password pasted instead of a key", cfg: wootest.Config{TLS: true, AppPasswords: map[string]string{"admin": appPassword}}, key: func(*wootest.Store) woo.Credentials {
			return woo.Credentials{Key: "admin", Secret: appPassword}
		}, want: woo.AppPasswordNotKey},
		{name: "7. the key's user was deleted", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("Syncio", wootest.ShopManager, "read_write")
			s.DeleteUser(k.UserLogin)
			return creds(k)
		}, want: woo.KeyUnknown},
		{name: "7. the key's user was demoted", cfg: wootest.Config{TLS: true}, key: func(s *wootest.Store) woo.Credentials {
			k := s.AddKey("Syncio", wootest.ShopManager, "read_write")
			s.Demote(k.ConsumerKey, wootest.Customer)
			return creds(k)
		}, want: woo.UserLacksRights},
		{name: "8. WooCommerce's REST cache answers 304 unasked", cfg: wootest.Config{TLS: true, WooRESTCache: true}, want: woo.CachedAPI},
		{name: "9. the host serves apps a cached page", cfg: wootest.Config{TLS: true, BotByAgent: true}, want: woo.BotChallenge},
		{name: "10. /wp-json/ is a 404, ?rest_route= works", cfg: wootest.Config{TLS: true, BrokenRewrite: true}, want: woo.RESTRewriteBroken},
	} {
		t.Run(sc.name, func(t *testing.T) {
			s := start(t, sc.cfg)
			mk := sc.key
			if mk == nil {
				mk = adminKey("read_write")
			}
			k := mk(s)
			need := sc.need
			if need.Service == "" {
				need = syncio
			}
			c := newClient(woo.Options{})
			d := discover(t, c, s.URL()+sc.path)
			v := check(t, c, d, k, need)
			if got := issueCode(v); got != sc.want {
				t.Fatalf("diagnosis %q (%v), want %q", got, v.Issue, sc.want)
			}
			if sc.want == "" {
				if !v.Fit || v.Transport != sc.via || v.Permission != sc.perm || len(v.Proven) == 0 {
					t.Fatalf("fit=%v via %s perm %s proven %v", v.Fit, v.Transport, v.Permission, v.Proven)
				}
			} else {
				if v.Fit {
					t.Fatal("fit despite a diagnosis")
				}
				i := v.Issue
				if i.Title == "" || i.Meaning == "" || len(i.Fix) == 0 || i.Number == 0 {
					t.Fatalf("diagnosis %s is not fully worded: %+v", i.Code, i.Diagnosis)
				}
				if i.Page != wpadmin.None && !strings.HasPrefix(i.Link, strings.TrimSuffix(s.URL(), "/")) {
					t.Fatalf("link %q is not on the store %s", i.Link, s.URL())
				}
			}
			for _, w := range v.Warnings {
				if w.Page != wpadmin.None && w.Link == "" {
					t.Fatalf("warning %s has no link", w.Code)
				}
			}
			got := warningCodes(v)
			slices.Sort(got)
			want := slices.Clone(sc.warns)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("warnings %v, want %v", got, want)
			}
			for _, text := range []string{fmt.Sprint(v.Issue), fmt.Sprint(v.Warnings), fmt.Sprintf("%+v", v)} {
				if strings.Contains(text, k.Secret) || (len(k.Key) > 10 && strings.Contains(text, strings.TrimSpace(k.Key))) {
					t.Fatalf("the verdict shows the key or secret: %s", text)
				}
			}
			noSecretInClear(t, s)
			keyOnlyWhereAllowed(t, s, sc.cfg.TLS)
		})
	}
}

// keyOnlyWhereAllowed fails if the key went anywhere but a wc/ route, or, on a store reached over HTTPS,
// over plain HTTP in any form (signed included).
func keyOnlyWhereAllowed(t testing.TB, s *wootest.Store, https bool) {
	t.Helper()
	for _, r := range s.Requests() {
		if !(r.Basic || r.QuerySecret || r.OAuth) {
			continue
		}
		if !strings.Contains(r.Path, "/wp-json/wc/") {
			t.Fatalf("the key was used outside a wc/ route: %+v", r)
		}
		if https && r.Scheme != "https" {
			t.Fatalf("a store reached over HTTPS was probed over plain HTTP: %+v", r)
		}
	}
}

// A read-only key is fixed by editing it in WordPress; the same key and secret then pass.
func TestReadOnlyKeyFixedInPlace(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read")
	c := newClient(woo.Options{})
	d := discover(t, c, s.URL())
	v := check(t, c, d, creds(k), syncio)
	if issueCode(v) != woo.KeyReadOnly || !strings.Contains(strings.Join(v.Issue.Fix, " "), "Read/Write") || !strings.Contains(v.Issue.Link, "section=keys") {
		t.Fatalf("read-only verdict %+v", v.Issue)
	}
	s.SetPermissions(k.ConsumerKey, "read_write")
	if v := check(t, c, d, creds(k), syncio); !v.Fit {
		t.Fatalf("after the edit: %v", v.Issue)
	}
}

func TestDiscoveryFindings(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, WooVersion: "8.9.1", WPVersion: "6.5"})
	d := discover(t, newClient(woo.Options{}), s.URL())
	if d.Blocker != nil || !d.HTTPS || d.WooVersion != "8.9.1" || d.WPVersion != "6.5" || !slices.Contains(d.Namespaces, "wc/v3") || d.NoAuthMethods {
		t.Fatalf("%+v", d)
	}
	if want := s.URL() + "wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys&create-key=1"; d.AdminURL(wpadmin.AddKey) != want {
		t.Fatalf("add key page %s", d.AdminURL(wpadmin.AddKey))
	}
	texts := fmt.Sprint(d.Findings)
	for _, want := range []string{"WooCommerce 8.9.1", "WordPress 6.5", "HTTPS"} {
		if !strings.Contains(texts, want) {
			t.Errorf("findings %s lack %q", texts, want)
		}
	}
}

// WooCommerce older than 3.4 kept keys under Settings > API.
func TestOldWooCommerceMenu(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, WooVersion: "3.3.5"})
	d := discover(t, newClient(woo.Options{}), s.URL())
	if got := d.AdminURL(wpadmin.AddKey); !strings.Contains(got, "tab=api&section=keys&create-key=1") {
		t.Fatalf("old WooCommerce add-key page %s", got)
	}
}

// A page of a store at the root (WooCommerce's /shop/ page) resolves to the root.
func TestTypedAPageOfTheStore(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	d := discover(t, newClient(woo.Options{}), s.URL()+"shop/?orderby=price")
	if d.Blocker != nil || d.Home.String() != s.URL() {
		t.Fatalf("home %s, blocker %v", d.Home, d.Blocker)
	}
}

func TestProxyHidingHTTPSIsHinted(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ProxyHidesHTTPS: true})
	d := discover(t, newClient(woo.Options{}), s.URL())
	if !d.NoAuthMethods {
		t.Fatal("index authentication [] over https not noticed")
	}
}

// dialLoopback sends every connection to the store's port on loopback, whatever name was asked: names
// like store.test and www.store.test stand for a real apex and www.
func dialLoopback(s *wootest.Store) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, "127.0.0.1:"+s.Port())
	}
}

// apex → www: the store forwards to its canonical host; discovery follows, reports, and uses it.
func TestStoreForwardsToAnotherHost(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	s.Configure(func(c *wootest.Config) { c.CanonicalHost = "www.store.test:" + s.Port() })
	c := newClient(woo.Options{DialContext: dialLoopback(s)})
	d := discover(t, c, "https://store.test:"+s.Port())
	if !d.Moved || d.Home.Host != "www.store.test:"+s.Port() || !strings.Contains(fmt.Sprint(d.Findings), "answers at https://www.store.test:") {
		t.Fatalf("moved=%v home=%s findings=%v", d.Moved, d.Home, d.Findings)
	}
	k := s.AddKey("k", wootest.Administrator, "read_write")
	if v := check(t, c, d, creds(k), syncio); !v.Fit {
		t.Fatalf("after following the move: %v", v.Issue)
	}
	for _, r := range s.Requests() {
		if r.Basic && r.Host != "www.store.test:"+s.Port() {
			t.Fatalf("credentials went to %s", r.Host)
		}
	}
}

// http → https: followed during discovery, unauthenticated; the key then goes over HTTPS only.
func TestHTTPForwardsToHTTPS(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://127.0.0.1:"+s.Port()+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	defer redirector.Close()
	c := newClient(woo.Options{})
	d := discover(t, c, redirector.URL)
	if !d.Moved || !d.HTTPS || d.Blocker != nil {
		t.Fatalf("moved=%v https=%v blocker=%v", d.Moved, d.HTTPS, d.Blocker)
	}
	if v := check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio); !v.Fit || v.Transport != access.TransportBasic {
		t.Fatalf("%v %s", v.Issue, v.Transport)
	}
}

func TestNoSchemeFallsBackToHTTP(t *testing.T) {
	s := start(t, wootest.Config{})
	d := discover(t, newClient(woo.Options{}), s.Host()) // typed without http://
	if d.Blocker != nil || d.HTTPS {
		t.Fatalf("blocker %v https %v", d.Blocker, d.HTTPS)
	}
}

func TestCertificates(t *testing.T) {
	for mode, want := range map[wootest.CertMode]diagnosis.Code{
		wootest.CertExpired:    reach.CertExpired,
		wootest.CertSelfSigned: reach.CertUntrusted,
		wootest.CertWrongName:  reach.CertWrongName,
	} {
		s := start(t, wootest.Config{TLS: true, Cert: mode})
		d := discover(t, newClient(woo.Options{}), s.URL())
		if d.Blocker == nil || d.Blocker.Code != want {
			t.Errorf("cert mode %d: %v, want %s", mode, d.Blocker, want)
		}
	}
	// Without the test CA, a valid-for-us certificate is untrusted: the system pool does not know it.
	s := start(t, wootest.Config{TLS: true})
	a, _ := woo.ParseAddress(s.URL())
	d, _ := woo.NewClient(woo.Options{Timeout: 5 * time.Second}).Discover(context.Background(), a)
	if d.Blocker == nil || d.Blocker.Code != reach.CertUntrusted {
		t.Fatalf("unknown CA: %v", d.Blocker)
	}
}

func TestTLSOnPlainPort(t *testing.T) {
	s := start(t, wootest.Config{})
	d := discover(t, newClient(woo.Options{}), "https://"+s.Host())
	if d.Blocker == nil || d.Blocker.Code != reach.TLSFailed {
		t.Fatalf("%v", d.Blocker)
	}
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	d := discover(t, newClient(woo.Options{}), "https://"+addr)
	if d.Blocker == nil || d.Blocker.Code != reach.ConnectionRefused || d.Blocker.Kind != diagnosis.KindReach {
		t.Fatalf("%v", d.Blocker)
	}
}

// A name no resolver knows, as the resolver answers it (machines where tests run may have no resolver at
// all, so the answer is the one Go's resolver gives for an unknown name, not a lookup).
func TestDNSFailure(t *testing.T) {
	c := newClient(woo.Options{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "no-such-store.invalid", IsNotFound: true}}
	}})
	d := discover(t, c, "https://no-such-store.invalid")
	if d.Blocker == nil || d.Blocker.Code != reach.DNSFailure || !strings.Contains(d.Blocker.Detail, "no-such-store.invalid") {
		t.Fatalf("%v", d.Blocker)
	}
}

func TestNoNetwork(t *testing.T) {
	c := newClient(woo.Options{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ENETUNREACH)}
	}})
	d := discover(t, c, "https://mystore.example")
	if d.Blocker == nil || d.Blocker.Code != reach.NoNetwork {
		t.Fatalf("%v", d.Blocker)
	}
}

func TestTimeout(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, Hang: true})
	d := discover(t, newClient(woo.Options{Timeout: 300 * time.Millisecond}), s.URL())
	if d.Blocker == nil || d.Blocker.Code != reach.Timeout {
		t.Fatalf("%v", d.Blocker)
	}
}

// Cancel works while a request hangs: the check returns at once with the context's error.
func TestCancelDuringHungCheck(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	c := newClient(woo.Options{Timeout: time.Minute})
	d := discover(t, c, s.URL())
	s.Configure(func(c *wootest.Config) { c.Hang = true })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Check(ctx, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Fatalf("err %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Check did not return after Cancel")
	}
}

func TestClockWrong(t *testing.T) {
	s := start(t, wootest.Config{}) // plain HTTP: OAuth carries the time
	c := newClient(woo.Options{Now: func() time.Time { return time.Now().Add(-40 * time.Minute) }})
	d := discover(t, c, s.URL())
	v := check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
	if issueCode(v) != woo.ClockWrong || v.Issue.Kind != diagnosis.KindReach {
		t.Fatalf("%v", v.Issue)
	}
}

// A store that answers the API with something that is not WooCommerce's JSON.
func TestUnexpectedResponse(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	c := newClient(woo.Options{})
	d := discover(t, c, s.URL())
	odd := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(418)
		_, _ = w.Write([]byte(`{"code":"teapot","message":"I'm a teapot","data":{"status":418}}`))
	}))
	defer odd.Close()
	oddURL, oddHome := *d.APIRoot, *d.Home
	oddURL.Host = strings.TrimPrefix(odd.URL, "https://")
	oddHome.Host = oddURL.Host
	d.APIRoot, d.Home = &oddURL, &oddHome
	c = woo.NewClient(woo.Options{RootCAs: odd.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs})
	v := check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
	if issueCode(v) != woo.UnexpectedResponse || !strings.Contains(v.Issue.Detail, "teapot") {
		t.Fatalf("%v", v.Issue)
	}
}

// The retry-after of a rate limit and of maintenance is reported for the merchant to wait.
func TestRetryAfterReported(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, RateLimit: 90 * time.Second})
	d := discover(t, newClient(woo.Options{}), s.URL())
	if d.Blocker == nil || d.Blocker.Code != woo.RateLimited || d.Blocker.RetryAfter != 90*time.Second {
		t.Fatalf("%+v", d.Blocker)
	}
}

// Discovery and both probes travel over one kept-alive HTTP/2 connection: one client address throughout.
func TestOneConnection(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	c := newClient(woo.Options{})
	d := discover(t, c, s.URL())
	if v := check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio); !v.Fit {
		t.Fatal(v.Issue)
	}
	addrs := map[string]bool{}
	for _, r := range s.Requests() {
		addrs[r.RemoteAddr] = true
		if r.Proto != "HTTP/2.0" {
			t.Fatalf("%s %s over %s", r.Method, r.Path, r.Proto)
		}
	}
	if len(addrs) != 1 {
		t.Fatalf("%d connections: %v", len(addrs), addrs)
	}
}

// An API index that forwards to another host does not take the key there: discovery follows it without
// credentials, but the key goes only to the store's own host.
func TestAPIIndexForwardedElsewhereGetsNoKey(t *testing.T) {
	elsewhere := start(t, wootest.Config{TLS: true})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			w.Header().Set("Link", `</wp-json/>; rel="https://api.w.org/"`)
			fmt.Fprint(w, `<meta name="generator" content="WooCommerce 8.9.1">`)
		case r.URL.Path == "/wp-json/":
			http.Redirect(w, r, elsewhere.URL()+"wp-json/?"+r.URL.RawQuery, http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(front.Close)
	c := newClient(woo.Options{})
	d := discover(t, c, front.URL)
	if d.APIRoot == nil || d.APIRoot.Host != strings.TrimPrefix(front.URL, "http://") {
		t.Fatalf("API root %v, blocker %v", d.APIRoot, d.Blocker)
	}
	v := check(t, c, d, creds(elsewhere.AddKey("k", wootest.Administrator, "read_write")), syncio)
	if v.Fit {
		t.Fatal("fit through another host")
	}
	for _, r := range elsewhere.Requests() {
		if r.Basic || r.QuerySecret || r.OAuth {
			t.Fatalf("the key reached the other host: %+v", r)
		}
	}
}

// Keys belong to the site of a WordPress network that made them: a key made on the main site, checked at
// a site in a folder, is that — not an unknown key. The question to the main site goes signed.
func TestMultisiteKeyFromAnotherSite(t *testing.T) {
	main, sub := wootest.StartNetwork(wootest.Config{TLS: true}, "shop2")
	t.Cleanup(main.Close)
	k := main.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	c := newClient(woo.Options{})
	d := discover(t, c, sub.URL())
	if d.Blocker != nil || !strings.HasSuffix(d.APIRoot.Path, "/shop2/wp-json/") {
		t.Fatalf("subsite discovery: %v, API %s", d.Blocker, d.APIRoot)
	}
	v := check(t, c, d, creds(k), syncio)
	if issueCode(v) != woo.MultisiteSubsite || !strings.Contains(v.Issue.Link, "/shop2/wp-admin/") {
		t.Fatalf("verdict %v (link %q), want multisite_subsite pointing at the subsite's Add key page", v.Issue, v.Issue.Link)
	}
	for _, r := range main.Requests() {
		if r.Basic || r.QuerySecret {
			t.Fatalf("the secret went to the main site: %+v", r)
		}
	}
	// The subsite's own key works there, and a key unknown everywhere is still unknown.
	if v := check(t, c, d, creds(sub.AddKey("k", wootest.Administrator, "read_write")), syncio); !v.Fit {
		t.Fatalf("subsite key: %v", v.Issue)
	}
	if v := check(t, c, d, unknownKey(sub), syncio); issueCode(v) != woo.KeyUnknown {
		t.Fatalf("unknown key: %v", v.Issue)
	}
}

// The rule of verdicts: "works" only when the read and the write succeeded the way the service calls, at
// the address it will be given. For every transport a service may declare, a store where only another
// transport or address works gets a diagnosis, never "works" — the facts page's two real-store cases
// among them.
func TestVerdictOnlyByTheServicesWay(t *testing.T) {
	services := map[access.Transport]access.Requirement{
		access.TransportBasic: syncio,
		access.TransportQuery: {Service: "QueryApp", Permission: access.PermReadWrite, Transport: access.TransportQuery},
		access.TransportOAuth: {Service: "SignedApp", Permission: access.PermReadWrite, Transport: access.TransportOAuth},
	}
	for _, row := range []struct {
		store string
		cfg   wootest.Config
		works []access.Transport // the services' transports that really work on this store
		want  diagnosis.Code     // what the others are told
	}{
		{"real store: served over http and https, proxy hides https", wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"}, nil, woo.HTTPSNotDetected},
		{"real store: proxy hides https on its own port", wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "proxy400"}, nil, woo.HTTPSNotDetected},
		{"proxy hides https", wootest.Config{TLS: true, ProxyHidesHTTPS: true}, nil, woo.HTTPSNotDetected},
		{"host strips the Authorization header", wootest.Config{TLS: true, StripAuthHeader: true}, []access.Transport{access.TransportQuery, access.TransportOAuth}, woo.AuthHeaderStripped},
		{"JWT plugin owns the header", wootest.Config{TLS: true, JWTPlugin: true}, []access.Transport{access.TransportQuery, access.TransportOAuth}, woo.AuthHeaderTaken},
		{"plain HTTP only", wootest.Config{}, []access.Transport{access.TransportOAuth}, woo.HTTPSRequired},
	} {
		for tr, need := range services {
			t.Run(row.store+"/"+string(tr), func(t *testing.T) {
				s := start(t, row.cfg)
				k := creds(s.AddKey("k", wootest.Administrator, "read_write"))
				c := newClient(woo.Options{})
				v := check(t, c, discover(t, c, s.URL()), k, need)
				if slices.Contains(row.works, tr) {
					if !v.Fit || v.Transport != tr {
						t.Fatalf("the service's own way works here: %v (tested %s)", v.Issue, v.Transport)
					}
					return
				}
				if v.Fit || issueCode(v) != row.want {
					t.Fatalf("fit=%v %v, want %s", v.Fit, v.Issue, row.want)
				}
				keyOnlyWhereAllowed(t, s, row.cfg.TLS)
			})
		}
	}
}

// The discovery lines and the verdict say how the key was tested, and --json carries it.
func TestVerdictSaysHowItTested(t *testing.T) {
	s := start(t, wootest.Config{TLS: true})
	c := newClient(woo.Options{})
	d := discover(t, c, s.URL())
	v := check(t, c, d, creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
	if want := "Tested over HTTPS with the key in the Authorization header, as Syncio sends it."; v.Tested != want || v.Address != s.URL()+"wp-json/" {
		t.Fatalf("tested %q at %q", v.Tested, v.Address)
	}
}

// Every request says who calls, as an ordinary agent does, and accepts JSON and anything else: host bot
// rules and mod_security refuse requests without either.
func TestOrdinaryAgentAndAccept(t *testing.T) {
	s := start(t, wootest.Config{TLS: true, ModSecurity: true})
	c := newClient(woo.Options{})
	check(t, c, discover(t, c, s.URL()), creds(s.AddKey("k", wootest.Administrator, "read_write")), syncio)
	for _, r := range s.Requests() {
		if !strings.HasPrefix(r.UserAgent, "KeyRelay/") || !strings.Contains(r.UserAgent, "(+https://") || r.Accept != "application/json, */*" {
			t.Fatalf("%s %s: User-Agent %q, Accept %q", r.Method, r.Path, r.UserAgent, r.Accept)
		}
	}
}

// Every row says what a screen offers beside its fix: screens read it, never decide from codes.
func TestEveryRowSaysWhatToOffer(t *testing.T) {
	for _, d := range diagnosis.All() {
		if len(d.Offers) == 0 {
			t.Errorf("%s offers nothing", d.Code)
		}
		if d.Offer(diagnosis.OfferNewKey) && d.Kind != diagnosis.KindKey {
			t.Errorf("%s offers a new key, but the key is not what's wrong", d.Code)
		}
		if d.Offer(diagnosis.OfferFixInPlace) && d.Page == wpadmin.None {
			t.Errorf("%s offers a fix in WordPress without the page", d.Code)
		}
	}
	if !diagnosis.Lookup(woo.KeyReadOnly).Offer(diagnosis.OfferFixInPlace) || diagnosis.Lookup(woo.KeyReadOnly).Offer(diagnosis.OfferNewKey) {
		t.Error("a read-only key is fixed in place, not replaced")
	}
}
