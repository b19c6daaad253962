// Package syncoretest is a sandbox Syncore on loopback: its API over HTTPS with the fake stores' test
// certificate (Key Relay trusts it in tests and the demo; keys are never sent over plain HTTP), and its
// pages over plain HTTP (a merchant's browser would warn about the test certificate; no key is sent
// there): the Settings > API page (Generate, Reveal and Hide, a copy icon per key, Regenerate behind "I agree") and
// an API that answers the x-api-key header on /v2/orders/suppliers as the profile says Syncore does (200
// JSON for a current key, 401 JSON for an old or unknown one, 403 for an account without API access).
package syncoretest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// Config is the sandbox's switches.
type Config struct {
	NoAPIAccess  bool // the account has no API access: every known key gets 403
	RouteMissing bool // the check's route is gone (404): Key Relay's check address is out of date
	// OldKeysWork keeps regenerated keys working (as if the merchant hadn't clicked Regenerate yet).
	OldKeysWork bool
}

// Syncore is a running sandbox.
type Syncore struct {
	srv   *httptest.Server // the API, HTTPS
	pages *httptest.Server // Syncore Settings, plain HTTP
	mu    sync.Mutex
	cfg   Config
	// primary and secondary are the current keys ("" before Generate); old are keys regenerated away.
	primary, secondary string
	old                []string
	// seen are the x-api-key values the API received, to prove where keys went.
	seen []string
}

// Start serves the sandbox on 127.0.0.1 at a free port.
func Start(cfg Config) *Syncore {
	s := &Syncore{cfg: cfg}
	mux := http.NewServeMux()
	api := http.NewServeMux()
	mux.HandleFunc("GET /settings/api", s.page)
	mux.HandleFunc("POST /settings/api/generate", func(w http.ResponseWriter, r *http.Request) {
		s.Generate()
		http.Redirect(w, r, "/settings/api", http.StatusSeeOther)
	})
	mux.HandleFunc("POST /settings/api/regenerate", func(w http.ResponseWriter, r *http.Request) {
		if r.FormValue("agree") != "on" {
			http.Redirect(w, r, "/settings/api", http.StatusSeeOther)
			return
		}
		s.Regenerate()
		http.Redirect(w, r, "/settings/api?regenerated=1&reveal=1", http.StatusSeeOther)
	})
	api.HandleFunc("GET /v2/orders/suppliers", s.suppliers)
	s.pages = httptest.NewServer(mux)
	s.srv = httptest.NewUnstartedServer(api)
	s.srv.TLS = wootest.ServerTLS()
	s.srv.StartTLS()
	return s
}

// Close stops the sandbox.
func (s *Syncore) Close() { s.srv.Close(); s.pages.Close() }

// Source is Syncore's profile pointed at the sandbox: its settings page and API.
func (s *Syncore) Source() syncore.Source {
	src := syncore.Builtin()
	src.API = s.srv.URL + "/v2"
	src.SettingsURL = s.pages.URL + "/settings/api"
	return src
}

// SetConfig changes the switches.
func (s *Syncore) SetConfig(c Config) { s.mu.Lock(); s.cfg = c; s.mu.Unlock() }

func newKey() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "sk" + hex.EncodeToString(b) // 50 characters, letters and digits
}

// Generate is "+ Generate API Key": a Primary and a Secondary key, if there are none yet.
func (s *Syncore) Generate() (primary, secondary string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.primary == "" {
		s.primary, s.secondary = newKey(), newKey()
	}
	return s.primary, s.secondary
}

// Regenerate is "Regenerate API Keys" with "I agree": new keys, and the old ones stop working at once.
func (s *Syncore) Regenerate() (primary, secondary string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.primary != "" {
		s.old = append(s.old, s.primary, s.secondary)
	}
	s.primary, s.secondary = newKey(), newKey()
	return s.primary, s.secondary
}

// Keys are the current Primary and Secondary keys.
func (s *Syncore) Keys() (primary, secondary string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.primary, s.secondary
}

// Seen lists the x-api-key values the API received.
func (s *Syncore) Seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

func (s *Syncore) suppliers(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("x-api-key")
	s.mu.Lock()
	s.seen = append(s.seen, key)
	cfg, current := s.cfg, key != "" && (key == s.primary || key == s.secondary)
	for _, o := range s.old {
		current = current || cfg.OldKeysWork && key == o
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case cfg.RouteMissing:
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "Not Found"})
	case !current:
		w.WriteHeader(http.StatusUnauthorized)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "Unauthorized"})
	case cfg.NoAPIAccess:
		w.WriteHeader(http.StatusForbidden)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "Forbidden"})
	default:
		_ = json.NewEncoder(w).Encode([]map[string]any{{"id": 101, "name": "Sandbox Apparel Co."}, {"id": 102, "name": "Sandbox Pens Ltd."}})
	}
}

const style = `<style>body{font:15px/1.5 -apple-system,Segoe UI,Roboto,sans-serif;margin:0;display:flex;background:#f4f6f9;color:#1f2937}
nav{width:200px;background:#12355b;color:#fff;min-height:100vh;padding:16px}nav a{color:#fff;display:block;padding:6px 0;text-decoration:none}
main{padding:24px;flex:1}.box{background:#fff;border-radius:8px;padding:12px 18px;margin:10px 0;max-width:760px}
code{font-size:15px;word-break:break-all}button,.button{background:#1f6feb;color:#fff;border:0;border-radius:6px;padding:7px 14px;cursor:pointer;text-decoration:none;font-size:14px}
.actions{margin:12px 0}.ok{background:#e6f6ea;padding:8px 12px;border-radius:6px}.demo{background:#fcf0c3;padding:6px 12px;margin-bottom:12px}
dialog{border:0;border-radius:8px;max-width:460px}</style>`

// page is Syncore Settings > API.
func (s *Syncore) page(w http.ResponseWriter, r *http.Request) {
	primary, secondary := s.Keys()
	reveal := r.URL.Query().Get("reveal") == "1"
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>API · Syncore Settings (sandbox)</title>` + style + `</head><body>
<nav><strong>Syncore</strong><a href="#">Jobs</a><a href="#">Contacts</a><a href="/settings/api" id="syncore-settings">Syncore Settings</a></nav><main>
<div class="demo">Sandbox Syncore on this computer (Key Relay demo). Nothing here is real.</div><h1>API</h1>`)
	if r.URL.Query().Get("regenerated") == "1" {
		b.WriteString(`<p class="ok" id="notice">API Key has been regenerated</p>`)
	}
	if primary == "" {
		b.WriteString(`<form method="post" action="/settings/api/generate"><button id="generate">+ Generate API Key</button></form></main></body></html>`)
		_, _ = w.Write([]byte(b.String()))
		return
	}
	b.WriteString(`<div class="actions">ACTIONS: `)
	if reveal {
		b.WriteString(`<a class="button" id="hide" href="/settings/api">Hide API Keys</a> `)
	} else {
		b.WriteString(`<a class="button" id="reveal" href="/settings/api?reveal=1">Reveal API Keys</a> `)
	}
	b.WriteString(`<button id="regenerate" onclick="document.getElementById('confirm').showModal()">Regenerate API Keys</button></div>`)
	for _, k := range []struct{ name, id, value string }{{"Primary", "primary", primary}, {"Secondary", "secondary", secondary}} {
		shown := strings.Repeat("•", 24)
		copyIcon := ""
		if reveal {
			shown = html.EscapeString(k.value)
			copyIcon = ` <button class="copy" id="copy-` + k.id + `" title="Copy" data-copy="` + html.EscapeString(k.value) + `" onclick="navigator.clipboard.writeText(this.dataset.copy)">⧉</button>`
		}
		b.WriteString(`<div class="box"><strong>` + k.name + ` API Key</strong><br><code id="` + k.id + `">` + shown + `</code>` + copyIcon + `</div>`)
	}
	b.WriteString(`<dialog id="confirm"><h2>Regenerate API Key?</h2><p>This cannot be undone. Regenerating removes any API access using the old key.</p>
<form method="post" action="/settings/api/regenerate"><label><input type="checkbox" name="agree" id="agree" onchange="document.getElementById('do-regenerate').disabled=!this.checked"> I agree</label>
<p><button type="button" onclick="document.getElementById('confirm').close()">Cancel</button> <button id="do-regenerate" disabled>Regenerate</button></p></form></dialog></main></body></html>`)
	_, _ = w.Write([]byte(b.String()))
}
