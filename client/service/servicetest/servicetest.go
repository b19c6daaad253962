// Package servicetest runs a sandbox sync service (Syncio's account pages, the API Key section and its
// Update form, and a set of key forms built the ways real pages are: FormPages) on loopback. What it receives is checked with Key Relay's own engine and remembered, so
// tests and the demo can see that the key arrived and works.
package servicetest

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Checker checks a key pair against the store, as the real service would before accepting it.
type Checker func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error)

// Received is one submission of the Update form.
type Received struct {
	Credentials woo.Credentials
	Verified    bool   // the key worked when the service checked it
	Message     string // what the service showed
	At          time.Time
}

// Service is a running sandbox sync service.
type Service struct {
	Name  string
	srv   *httptest.Server
	check Checker
	// SyncEvery, when set, makes the service use a key it accepted again every so often, as a real sync
	// service syncs: the store's keys list then shows its use (Last access) after the update.
	SyncEvery time.Duration
	done      chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	received []Received
	got      []Got // what the form pages received
}

// Start serves the sandbox service called name on 127.0.0.1 at a free port.
func Start(name string, check Checker) *Service {
	s := &Service{Name: name, check: check, done: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.account)
	mux.HandleFunc("GET /account/api-key", s.form)
	mux.HandleFunc("POST /account/api-key", s.update)
	mux.HandleFunc("GET /forms/{page}", s.formPage)
	mux.HandleFunc("POST /forms/{page}", s.formPost)
	mux.HandleFunc("GET /forms/iframe/inner", s.innerFrame)
	s.srv = httptest.NewServer(mux)
	return s
}

// URL is the account page's address.
func (s *Service) URL() string { return s.srv.URL + "/" }

// Close stops the service (and its syncing).
func (s *Service) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.srv.Close()
}

// sync uses c every SyncEvery until the service closes or another key arrives.
func (s *Service) sync(c woo.Credentials) {
	for {
		select {
		case <-s.done:
			return
		case <-time.After(s.SyncEvery):
		}
		if rs := s.Received(); len(rs) == 0 || rs[len(rs)-1].Credentials != c {
			return // replaced
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, _ = s.check(ctx, c)
		cancel()
	}
}

// Received lists what the Update form received, oldest first.
func (s *Service) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

const style = `<style>body{font:15px/1.5 -apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f7fb;color:#222}
header{background:#0e1b4d;color:#fff;padding:10px 24px;display:flex;justify-content:space-between}main{padding:24px}
section{background:#fff;border-radius:8px;padding:16px 24px;margin:16px 0;max-width:720px}
input{font-size:15px;padding:6px;width:460px}button,.button{background:#5b3df5;color:#fff;border:0;border-radius:6px;padding:8px 18px;font-size:15px;text-decoration:none;cursor:pointer}
.ok{color:#0a7d32}.bad{color:#b3261e}.demo{background:#fcf0c3;padding:6px 24px}</style>`

func (s *Service) page(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	_, _ = w.Write([]byte(`<!DOCTYPE html><html><head><title>` + s.Name + ` (sandbox)</title>` + style + `</head><body>
<header><strong>` + s.Name + `</strong><span id="account-name">mystore (sandbox) ▾</span></header>
<div class="demo">Sandbox ` + s.Name + ` on this computer (Key Relay demo). Nothing here is real.</div><main>` + body + `</main></body></html>`))
}

func (s *Service) account(w http.ResponseWriter, r *http.Request) {
	last := "No key received yet."
	if rs := s.Received(); len(rs) > 0 {
		l := rs[len(rs)-1]
		last = "Current key: " + redact.MaskKey(l.Credentials.Key)
		if l.Verified {
			last += ` <span class="ok">✓ working</span>`
		} else {
			last += ` <span class="bad">✗ not working</span>`
		}
	}
	s.page(w, `<h1>Account details</h1><section><h2>Store</h2><p>Connected WooCommerce store.</p></section>
<section id="api-key"><h2>API Key</h2><p>`+last+`</p><a class="button" id="update-api-key" href="account/api-key">Update</a></section>`)
}

func (s *Service) form(w http.ResponseWriter, r *http.Request) {
	s.page(w, s.formHTML(""))
}

func (s *Service) formHTML(notice string) string {
	return `<h1>Update API Key</h1>` + notice + `<section><p>To generate your new WooCommerce keys you'll need the Consumer Key and the Consumer Secret.</p>
<form method="post" action="/account/api-key">
<p><label for="consumer_key">Consumer Key</label><br><input id="consumer_key" name="consumer_key" autocomplete="off"></p>
<p><label for="consumer_secret">Consumer Secret</label><br><input id="consumer_secret" name="consumer_secret" type="password" autocomplete="off"></p>
<p><button type="submit" id="update">Update</button></p></form></section>`
}

// update receives the key, checks it against the store with Key Relay's engine, and remembers it.
func (s *Service) update(w http.ResponseWriter, r *http.Request) {
	c := woo.Credentials{Key: strings.TrimSpace(r.FormValue("consumer_key")), Secret: r.FormValue("consumer_secret")}
	rec := Received{Credentials: c, At: time.Now()}
	if !c.Complete() {
		rec.Message = "Both the Consumer Key and the Consumer Secret are needed."
	} else if v, err := s.check(r.Context(), c); err != nil {
		rec.Message = "The check was interrupted: " + err.Error()
	} else if v.Fit {
		rec.Verified, rec.Message = true, "API key updated. "+s.Name+" can read and write your store."
	} else {
		rec.Message = v.Issue.Title
	}
	s.mu.Lock()
	s.received = append(s.received, rec)
	s.mu.Unlock()
	class := "bad"
	if rec.Verified {
		class = "ok"
	}
	notice := `<section id="result" class="` + class + `">` + html.EscapeString(rec.Message) + `</section>`
	if rec.Verified && s.SyncEvery > 0 {
		go s.sync(c)
	}
	if rec.Verified {
		s.page(w, `<h1>API Key updated</h1>`+notice+`<p><a class="button" href="/">Back to Account details</a></p>`)
		return
	}
	s.page(w, s.formHTML(notice))
}
