// Package wootest runs a fake WooCommerce store over real HTTP or HTTPS on loopback, for tests and the demo.
// It answers exactly as shared/woocommerce-key-facts.md records a real WordPress + WooCommerce store
// answering: which transport authenticates, the JSON error bodies word for word, OAuth 1.0a with nonce and
// timestamp checks, the non-destructive write probe, and discovery. Switches in Config reproduce each
// situation a merchant can meet (plain permalinks, a host that strips the Authorization header, a proxy that
// hides HTTPS, a firewall, maintenance…).
package wootest

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Role is a WordPress user role; it decides what a key's user may do.
type Role string

const (
	Administrator Role = "administrator"
	ShopManager   Role = "shop_manager"
	Customer      Role = "customer"
)

func (r Role) managesShop() bool { return r == Administrator || r == ShopManager }

// Config holds the switches. Change them while the store runs with Store.Configure.
type Config struct {
	TLS  bool     // serve HTTPS (HTTP/2 and HTTP/1.1)
	Cert CertMode // the certificate a TLS store presents
	// Path is where WordPress is installed, e.g. "/shop/"; "" or "/" means the host root.
	Path string

	WPVersion  string // default "6.1"
	WooVersion string // default "7.9.0"; the generator meta tag says it
	// NoWooCommerce: WooCommerce is not active (no wc namespaces, no wc routes, no generator tag).
	NoWooCommerce bool
	// NoWooREST: WooCommerce is active (generator tag) but its REST namespaces are missing.
	NoWooREST bool

	// PlainPermalinks: the API lives only at ?rest_route=, where keys are never checked; /wp-json/ gives
	// the HTML 404 page, or a redirect home with PlainPermalinksRedirect.
	PlainPermalinks         bool
	PlainPermalinksRedirect bool
	// StripAuthHeader: the host drops the Authorization header before WordPress (Apache CGI/FastCGI).
	StripAuthHeader bool
	// ProxyHidesHTTPS: TLS ends at a proxy that does not tell WordPress, so WordPress believes it is on HTTP.
	ProxyHidesHTTPS bool
	// HTTPSiteAddress: WordPress's Site Address setting says http:// and the host forwards http:// to
	// https:// (301). Where WordPress doesn't see HTTPS (ProxyHidesHTTPS), the links it prints, the Link
	// header among them, say http://. A TLS store always takes plain HTTP on its port too: without this
	// switch it answers it as Go's HTTPS server does (400).
	HTTPSiteAddress bool
	// HideIndex: a plugin refuses the REST API to visitors (401 rest_login_required) on non-WooCommerce routes.
	HideIndex bool
	// Firewall: a firewall answers every REST request with an HTML 403 page.
	Firewall bool
	// LoginWall: every page forwards to the login form (a "coming soon" or password-protection mode).
	LoginWall bool
	// NotWordPress: a plain web site with no WordPress at all.
	NotWordPress bool

	Maintenance bool          // 503 "Briefly unavailable for scheduled maintenance" with Retry-After: 600
	ServerError bool          // 500 "There has been a critical error on this website."
	RateLimit   time.Duration // > 0: every request gets 429 with this Retry-After
	// RateLimitOnce: only the next request is limited; later ones pass.
	RateLimitOnce bool
	Latency       time.Duration // added before every answer
	Hang          bool          // never answer (until the client gives up)
	// MoveAPITo: authenticated wc routes answer 301 to this address (the store moved).
	MoveAPITo string
	// CanonicalHost: requests for any other host are forwarded (301) to this host, like apex → www.
	CanonicalHost string

	// SiteFromRequest: WordPress builds its address from the request (WP_HOME set from HTTP_HOST, as many
	// hosts do), so the links it prints, the Link header among them, carry the scheme WordPress believes:
	// http:// behind a proxy that hides HTTPS.
	SiteFromRequest bool
	// PlainHTTP says how plain HTTP on a TLS store's port is answered when HTTPSiteAddress doesn't forward
	// it: "" Go's own 400; "served" WordPress answers it (a site served over both http:// and https://);
	// "proxy400" the TLS proxy's HTML 400 "The plain HTTP request was sent to HTTPS port".
	PlainHTTP string

	// The layers of the facts page's "Reported from the field" table, in front of WordPress (field.go).
	// Challenge is a bot check for anything that isn't a browser: "cloudflare" (403, cf-mitigated:
	// challenge) or "siteground" (202, SG-Captcha: challenge, a meta refresh to /.well-known/sgcaptcha/).
	Challenge string
	// ChallengePagesOnly: a WAF skip rule lets /wp-json/ through; only pages are challenged.
	ChallengePagesOnly bool
	// ModSecurity: a mod_security-style rule answers POSTs to the REST API with an HTML 406, and refuses
	// any request without an Accept header.
	ModSecurity bool
	// SitePassword: "server", the web server asks every request for the site's own password (401,
	// WWW-Authenticate: Basic, HTML); "wordpress", a plugin answers invalid_username to every request that
	// carries an Authorization header.
	SitePassword string
	// JWTPlugin: a JWT plugin claims every Authorization header that isn't its own Bearer token (403
	// jwt_auth_bad_auth_header).
	JWTPlugin bool
	// RESTLoginOnly: a plugin refuses every REST route to requests without a logged-in user (401
	// rest_cannot_access); a valid key counts as logged in.
	RESTLoginOnly bool
	// JunkBeforeJSON is sent before every JSON answer: a BOM ("\ufeff"), blank lines, a PHP notice.
	JunkBeforeJSON string
	// CacheIgnoresAuth: a cache keeps GET answers of the REST API by path alone (query string and
	// Authorization ignored) and says so in x-litespeed-cache: hit or miss. Visit fills it as a visitor would.
	CacheIgnoresAuth bool
	// LanguagePrefix (e.g. "en"): a translation plugin serves pages under /en/ too, and their Link names
	// /en/wp-json/, which is the theme's HTML 404.
	LanguagePrefix string
	// StaleRewrite: the rewrite rules are stale: /wp-json/ lists wc/v3, but /wp-json/wc/… is the theme's
	// HTML 404.
	StaleRewrite bool

	// The field reports' second round (field2.go).
	// DisableRESTAPI: the "Disable REST API" plugin (dmchale/disable-json-api) refuses the REST API to
	// requests without a user, in its own words (401 rest_cannot_access "DRA: …").
	DisableRESTAPI bool
	// Wordfence: Wordfence's firewall answers every REST request with its HTML block page ("Your access to
	// this site has been limited by the site owner.").
	Wordfence bool
	// BlockMethods: a firewall refuses REST requests by method: "aiowps" (All-In-One WP Security's 6G
	// rules: 403 to PUT, PATCH and DELETE), "modsecurity" (an OWASP CRS rule: 501 Method Not Implemented).
	BlockMethods string
	// BasicAuthPlugin: a plugin logs apps in by Authorization: Basic as WordPress users (JSON Basic
	// Authentication): any Basic header that is no WordPress user and no valid key gets 401
	// invalid_username on every route (woocommerce#68480).
	BasicAuthPlugin bool
	// AppPasswords are WordPress Application Passwords (user name → password), which log in over Basic
	// on HTTPS as that user (an administrator here) to every route, WooCommerce's too.
	AppPasswords map[string]string
	// WooRESTCache: a REST cache answers GETs of wc/ routes with 304 Not Modified and an ETag, whether or
	// not the request asked with If-None-Match.
	WooRESTCache bool
	// BotByAgent: the host calls anything that doesn't say it is a browser a bot, and serves it a cached
	// copy of the home page (200, HTML, the query string dropped) for every address.
	BotByAgent bool
	// BrokenRewrite: the rewrite rules are gone: every /wp-json/ address is the theme's HTML 404 while
	// ?rest_route= works; WordPress still names /wp-json/ in its Link header (pretty permalinks).
	BrokenRewrite bool

	// Admin serves the wp-admin REST API keys pages as if the merchant were logged in (the demo's
	// sandbox); otherwise wp-admin forwards to the login form, as for any visitor.
	Admin bool
	// AdminPassword lets the merchant log in to wp-admin as "admin" with it, as WordPress does: the login
	// form, a session cookie that lasts only as long as the browser unless Remember Me is ticked, and the
	// way back to the page asked for.
	AdminPassword string

	// Now is the store's clock for OAuth timestamps; nil means time.Now.
	Now func() time.Time
}

// Key is one REST API key, as WooCommerce keeps it.
type Key struct {
	ID          int
	Description string
	UserLogin   string
	Role        Role
	Permissions string // read, write, read_write
	ConsumerKey string
	Secret      string
	LastAccess  time.Time
}

// Format shows a key of the fake store by its ending, whatever the verb: its secret is a secret in the
// tests' output too.
func (k Key) Format(f fmt.State, verb rune) {
	end := ""
	if len(k.ConsumerKey) > 7 {
		end = k.ConsumerKey[len(k.ConsumerKey)-7:]
	}
	fmt.Fprintf(f, "wootest.Key{%d %q ck_…%s cs_…}", k.ID, k.Description, end)
}

// Truncated is the ending the keys list shows ("Consumer key ending in …3157696").
func (k Key) Truncated() string { return k.ConsumerKey[len(k.ConsumerKey)-7:] }

// Request is what the store saw of one request, without any secret, for tests to assert on.
type Request struct {
	Method, Path, Scheme, Host string
	Basic                      bool // an Authorization: Basic header arrived
	QuerySecret                bool // consumer_secret arrived in the query string
	OAuth                      bool // oauth_signature arrived
	Proto                      string
	RemoteAddr                 string
	UserAgent, Accept          string
}

// Store is a running fake store.
type Store struct {
	srv   *httptest.Server
	plain *http.Server // plain HTTP on a TLS store's port

	mu       sync.Mutex
	cfg      Config
	keys     map[string]*Key // by consumer key
	nextID   int
	nonces   map[string]bool
	requests []Request
	hang     chan struct{}
	cache    map[string]cached // CacheIgnoresAuth's copies, by path
	sessions map[string]string // wp-admin logins: the user's login, by cookie
}

// Start serves a fake store on 127.0.0.1 at a free port.
func Start(cfg Config) *Store {
	s := newStore(cfg)
	s.listen(http.HandlerFunc(s.serve))
	return s
}

// listen serves h on 127.0.0.1 at a free port, over TLS (taking plain HTTP on the same port) when asked.
func (s *Store) listen(h http.Handler) {
	cfg := s.cfg
	s.srv = httptest.NewUnstartedServer(h)
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are what some tests are about
	if cfg.TLS {
		s.srv.EnableHTTP2 = true
		s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{testCA().leafs[cfg.Cert]}}
		one := newOneport(s.srv.Listener)
		s.srv.Listener = one
		s.plain = &http.Server{Handler: http.HandlerFunc(s.servePlain), ErrorLog: log.New(io.Discard, "", 0)}
		go s.plain.Serve(one.Plain())
		s.srv.StartTLS()
	} else {
		s.srv.Start()
	}
}

func newStore(cfg Config) *Store {
	return &Store{cfg: cfg, keys: map[string]*Key{}, nonces: map[string]bool{}, hang: make(chan struct{}), cache: map[string]cached{}, sessions: map[string]string{}}
}

// Close stops the store and ends any hung request.
func (s *Store) Close() {
	s.mu.Lock()
	select {
	case <-s.hang:
	default:
		close(s.hang)
	}
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
	if s.plain != nil {
		s.plain.Close()
	}
}

// servePlain answers plain HTTP on a TLS store's port: the host's forward to https://, or Go's refusal.
func (s *Store) servePlain(w http.ResponseWriter, r *http.Request) {
	cfg := s.config()
	switch {
	case cfg.HTTPSiteAddress:
		s.record(r, cfg)
		http.Redirect(w, r, "https://"+r.Host+r.URL.RequestURI(), http.StatusMovedPermanently)
	case cfg.PlainHTTP == "served":
		s.serve(w, r) // WordPress itself, seeing no HTTPS
	case cfg.PlainHTTP == "proxy400":
		s.record(r, cfg)
		htmlPage(w, http.StatusBadRequest, "400 The plain HTTP request was sent to HTTPS port", "<center><h1>400 Bad Request</h1></center>\n<center>The plain HTTP request was sent to HTTPS port</center>\n<hr><center>nginx</center>")
	default:
		s.record(r, cfg)
		http.Error(w, "Client sent an HTTP request to an HTTPS server.", http.StatusBadRequest)
	}
}

// Configure changes switches while the store runs.
func (s *Store) Configure(f func(*Config)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.cfg)
}

func (s *Store) config() Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg
}

// Origin is scheme://127.0.0.1:port, the server's own address.
func (s *Store) Origin() string { return s.srv.URL }

// URL is the store's address: the origin plus the folder WordPress is installed in, ending in /.
func (s *Store) URL() string { return s.srv.URL + s.path() }

// Host is host:port of the server.
func (s *Store) Host() string {
	return strings.TrimPrefix(strings.TrimPrefix(s.srv.URL, "https://"), "http://")
}

// Port is the port the store listens on.
func (s *Store) Port() string { _, p, _ := net.SplitHostPort(s.Host()); return p }

func (s *Store) path() string {
	p := s.config().Path
	if p == "" {
		return "/"
	}
	return "/" + strings.Trim(p, "/") + "/"
}

// AddKey makes a key as "Generate API key" does, for a user with role, and returns it.
func (s *Store) AddKey(description string, role Role, permissions string) Key {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	k := &Key{ID: s.nextID, Description: description, UserLogin: string(role), Role: role, Permissions: permissions,
		ConsumerKey: "ck_" + randomHex(), Secret: "cs_" + randomHex()}
	s.keys[k.ConsumerKey] = k
	return *k
}

// SetPermissions edits a key's permissions, as the key's edit form does; key and secret stay the same.
func (s *Store) SetPermissions(consumerKey, permissions string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[consumerKey]; k != nil {
		k.Permissions = permissions
	}
}

// DeleteUser deletes a WordPress user (by login; AddKey's users are named after their role): WordPress
// deletes the user's keys with it.
func (s *Store) DeleteUser(login string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ck, k := range s.keys {
		if k.UserLogin == login {
			delete(s.keys, ck)
		}
	}
}

// Demote gives the user of a key another role (a shop manager made a customer, say); the key stays.
func (s *Store) Demote(consumerKey string, role Role) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[consumerKey]; k != nil {
		k.Role = role
	}
}

// Revoke deletes a key: afterwards it behaves exactly like a key that never existed.
func (s *Store) Revoke(consumerKey string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.keys, consumerKey)
}

// Keys lists the keys, oldest first.
func (s *Store) Keys() []Key {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Key, 0, len(s.keys))
	for _, k := range s.keys {
		out = append(out, *k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID < out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Requests lists what the store has seen, oldest first.
func (s *Store) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func randomHex() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (s *Store) now() time.Time {
	if n := s.config().Now; n != nil {
		return n()
	}
	return time.Now()
}

// serve is the whole web server: what the host does first, then WordPress.
func (s *Store) serve(w http.ResponseWriter, r *http.Request) {
	cfg := s.config()
	s.record(r, cfg)
	if cfg.StripAuthHeader {
		r.Header.Del("Authorization")
	}
	if cfg.Latency > 0 {
		select {
		case <-time.After(cfg.Latency):
		case <-r.Context().Done():
			return
		}
	}
	if cfg.Hang {
		select {
		case <-r.Context().Done():
		case <-s.hang:
		}
		return
	}
	if s.front(w, r, cfg) {
		return // a layer in front of WordPress answered
	}
	if cfg.BotByAgent && !isBrowser(r) {
		s.botCopy(w, r, cfg)
		return
	}
	if cfg.JunkBeforeJSON != "" {
		w = &junkWriter{ResponseWriter: w, junk: cfg.JunkBeforeJSON}
	}
	if cfg.CacheIgnoresAuth && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/wp-json/") {
		s.cached(w, r, s.wordpress)
		return
	}
	s.wordpress(w, r)
}

// wordpress is what answers behind the host's layers: the host's own rules first, then WordPress.
func (s *Store) wordpress(w http.ResponseWriter, r *http.Request) {
	cfg := s.config()
	if s.hostAnswers(w, r, cfg) {
		return
	}
	base := s.path()
	if !strings.HasPrefix(r.URL.Path+"/", base) {
		htmlPage(w, http.StatusNotFound, "Not Found", "<h1>Not Found</h1>")
		return
	}
	rel := "/" + strings.TrimPrefix(r.URL.Path, base)
	if strings.HasPrefix(r.URL.Path+"/", base) && len(r.URL.Path) < len(base) {
		rel = "/"
	}
	if p := cfg.LanguagePrefix; p != "" && (rel == "/"+p || strings.HasPrefix(rel, "/"+p+"/")) {
		// The translation plugin's copy of the site: pages work, its wp-json is the theme's 404.
		inner := strings.TrimPrefix(strings.TrimPrefix(rel, "/"+p), "/")
		status := http.StatusOK
		if strings.HasPrefix(inner, "wp-json") || (inner != "" && inner != "shop/" && inner != "cart/") {
			status = http.StatusNotFound
		}
		s.frontPageAt(w, r, cfg, status, p+"/")
		return
	}
	isREST := rel == "/wp-json" || strings.HasPrefix(rel, "/wp-json/") || r.URL.Query().Has("rest_route")
	if cfg.LoginWall && !strings.HasPrefix(rel, "/"+wpadmin.Login) {
		home, _ := url.Parse(s.home(r))
		http.Redirect(w, r, wpadmin.LoginWall(home, r.URL.String()), http.StatusFound)
		return
	}
	if isREST && cfg.Firewall {
		htmlPage(w, http.StatusForbidden, "Access denied", "<h1>403 Forbidden</h1><p>Access denied.</p>")
		return
	}
	if isREST && cfg.Wordfence {
		wordfencePage(w)
		return
	}
	if isREST && blockedMethod(w, r, cfg) {
		return
	}
	s.route(w, r, cfg, rel)
}

// hostAnswers is the host answering before WordPress does (another canonical host, a rate limit,
// maintenance, a fatal error, no WordPress at all); false when WordPress answers.
func (s *Store) hostAnswers(w http.ResponseWriter, r *http.Request, cfg Config) bool {
	switch {
	case cfg.CanonicalHost != "" && r.Host != cfg.CanonicalHost:
		u := *r.URL
		u.Scheme, u.Host = s.scheme(), cfg.CanonicalHost
		http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
		return true
	case cfg.RateLimit > 0:
		if cfg.RateLimitOnce {
			s.Configure(func(c *Config) { c.RateLimit = 0 })
		}
		w.Header().Set("Retry-After", itoa(int(cfg.RateLimit/time.Second)))
		htmlPage(w, http.StatusTooManyRequests, "Too Many Requests", "<h1>Too Many Requests</h1>")
		return true
	case cfg.Maintenance:
		w.Header().Set("Retry-After", "600")
		htmlPage(w, http.StatusServiceUnavailable, "Maintenance", "<p>Briefly unavailable for scheduled maintenance. Check back in a minute.</p>")
		return true
	case cfg.ServerError:
		htmlPage(w, http.StatusInternalServerError, "WordPress &rsaquo; Error", "<p>There has been a critical error on this website.</p>")
		return true
	case cfg.NotWordPress:
		htmlPage(w, http.StatusOK, "Welcome", "<h1>Welcome to our web site</h1>")
		return true
	}
	return false
}

// route sends a WordPress request to its part: the REST API (by ?rest_route= or /wp-json/), wp-admin
// and the login, or the theme's pages.
func (s *Store) route(w http.ResponseWriter, r *http.Request, cfg Config, rel string) {
	switch {
	case r.URL.Query().Has("rest_route") && (rel == "/" || rel == "/index.php"):
		// ?rest_route= never authenticates a key: the request path lacks wp-json/wc/.
		s.rest(w, r, cfg, r.URL.Query().Get("rest_route"), false)
	case rel == "/wp-json" || strings.HasPrefix(rel, "/wp-json/"):
		if cfg.PlainPermalinks {
			if cfg.PlainPermalinksRedirect {
				http.Redirect(w, r, s.home(r), http.StatusMovedPermanently)
				return
			}
			s.frontPage(w, r, cfg, http.StatusNotFound)
			return
		}
		route := strings.TrimPrefix(rel, "/wp-json")
		if route == "" {
			route = "/"
		}
		if cfg.BrokenRewrite {
			s.frontPage(w, r, cfg, http.StatusNotFound) // no rule sends /wp-json/ to WordPress's API
			return
		}
		if cfg.StaleRewrite && strings.HasPrefix(route, "/wc/") {
			s.frontPage(w, r, cfg, http.StatusNotFound) // the rules predate WooCommerce's routes
			return
		}
		s.rest(w, r, cfg, route, strings.HasPrefix(route, "/wc/") || strings.HasPrefix(route, "/wc-"))
	case strings.HasPrefix(rel, "/wp-admin") || strings.HasPrefix(rel, "/"+wpadmin.Login):
		s.admin(w, r, cfg, rel)
	case rel == "/" || rel == "/shop/" || rel == "/shop" || rel == "/cart/":
		s.frontPage(w, r, cfg, http.StatusOK)
	default:
		s.frontPage(w, r, cfg, http.StatusNotFound)
	}
}

func (s *Store) record(r *http.Request, cfg Config) {
	q := r.URL.Query()
	req := Request{Method: r.Method, Path: r.URL.Path, Scheme: "http", Host: r.Host, Proto: r.Proto, RemoteAddr: r.RemoteAddr,
		UserAgent: r.Header.Get("User-Agent"), Accept: r.Header.Get("Accept"),
		Basic: strings.HasPrefix(r.Header.Get("Authorization"), "Basic "), QuerySecret: q.Has("consumer_secret"),
		OAuth: q.Has("oauth_signature") || strings.HasPrefix(r.Header.Get("Authorization"), "OAuth ")}
	if r.TLS != nil {
		req.Scheme = "https"
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
}

func (s *Store) scheme() string {
	if s.config().TLS {
		return "https"
	}
	return "http"
}

// home is WordPress's home_url('/'): https when WordPress sees HTTPS, else the Site Address's scheme; and
// this host.
func (s *Store) home(r *http.Request) string {
	cfg := s.config()
	host := r.Host
	if cfg.CanonicalHost != "" {
		host = cfg.CanonicalHost
	}
	scheme := s.scheme()
	if (cfg.HTTPSiteAddress || cfg.SiteFromRequest) && !s.isSSL(r, cfg) {
		scheme = "http"
	}
	return scheme + "://" + host + s.path()
}

// isSSL is WordPress's is_ssl(): what WordPress believes, not what the client used.
func (s *Store) isSSL(r *http.Request, cfg Config) bool { return r.TLS != nil && !cfg.ProxyHidesHTTPS }

func (s *Store) frontPage(w http.ResponseWriter, r *http.Request, cfg Config, status int) {
	s.frontPageAt(w, r, cfg, status, "")
}

// frontPageAt is a theme page whose links live under folder (a translation plugin's "en/"), or the site.
func (s *Store) frontPageAt(w http.ResponseWriter, r *http.Request, cfg Config, status int, folder string) {
	api := s.home(r) + folder + "wp-json/"
	if cfg.PlainPermalinks {
		api = s.home(r) + "?rest_route=/"
	}
	w.Header().Add("Link", "<"+api+">; rel=\"https://api.w.org/\"")
	meta := `<meta name="generator" content="WordPress ` + or(cfg.WPVersion, "6.1") + `" />`
	if !cfg.NoWooCommerce {
		meta += "\n" + `<meta name="generator" content="WooCommerce ` + or(cfg.WooVersion, "7.9.0") + `">`
	}
	title := "My Store"
	if status == http.StatusNotFound {
		title = "Page not found – My Store"
	}
	htmlPage(w, status, title, meta+"\n<h1>"+title+"</h1>")
}

func htmlPage(w http.ResponseWriter, status int, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><head><title>" + title + "</title></head><body>\n" + body + "\n</body></html>\n"))
}

func or(v, alt string) string {
	if v == "" {
		return alt
	}
	return v
}

func itoa(n int) string { return strconv.Itoa(n) }
