package woo_test

import (
	"context"
	"crypto/x509"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/woo"
)

const (
	wellFormedKey    = "ck_0123456789abcdef0123456789abcdef01234567"
	wellFormedSecret = "cs_89abcdef0123456789abcdef0123456789abcdef"
)

// FuzzServerAnswers feeds discovery and the check whatever a server might send back: any status, content
// type, Link, Location and Retry-After header and body, for the home page, the API index and WooCommerce's routes.
// Whatever arrives, nothing panics, a verdict is fit or exactly one diagnosis, no finding, diagnosis or
// report repeats the secret, and over plain HTTP the secret never reaches the server (only its signature).
func FuzzServerAnswers(f *testing.F) {
	home := `<html><head><meta name="generator" content="WordPress 6.5" /><meta name="generator" content="WooCommerce 8.9.1" /></head></html>`
	index := `{"name":"Shop","url":"http://shop.example","namespaces":["wp/v2","wc/v3"],"authentication":[]}`
	link := `</wp-json/>; rel="https://api.w.org/"`
	for _, seed := range []struct {
		homeStatus         int
		homeType, homeBody string
		link               string
		apiStatus          int
		apiType, apiBody   string
		wcStatus           int
		wcBody, location   string
		retry              string
		useTLS             bool
	}{
		{200, "text/html", home, link, 200, "application/json", index, 200, `[]`, "", "", false},
		{200, "text/html", home, link, 200, "application/json", index, 200, `{}`, "", "", true},
		{200, "text/html", home, link, 200, "application/json", index, 401, `{"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}}`, "", "", false},
		{200, "text/html", home, link, 200, "application/json", index, 401, `{"code":"woocommerce_rest_authentication_error","message":"The API key provided does not have write permissions.","data":{"status":401}}`, "", "", true},
		{200, "text/html", home, link, 200, "application/json", index, 401, `{"code":"woocommerce_rest_authentication_error","message":"Invalid signature - provided signature does not match.","data":{"status":401}}`, "", "", false},
		{200, "text/html", home, link, 403, "text/html", `<title>Attention Required! | Cloudflare</title>`, 403, `blocked`, "", "", true},
		{301, "text/html", "", "", 200, "application/json", index, 302, ``, "/elsewhere/", "", false},
		{503, "text/html", `<h1>Briefly unavailable for scheduled maintenance.</h1>`, "", 503, "text/html", ``, 429, ``, "", "9999999999999", false},
		{200, "text/html", home, `<?rest_route=/>; rel="https://api.w.org/"`, 200, "application/json", `{"namespaces":["wp/v2"]}`, 404, `{"code":"rest_no_route"}`, "", "", false},
		{200, "text/html", home, `<http://{self}/wp-json/>; rel="https://api.w.org/"`, 200, "application/json", `{"url":"http://{self}","namespaces":["wc/v3"]}`, 200, `{}`, "", "", true},
		{200, "text/html", home, link, 301, "text/html", ``, 200, `[]`, "http://{self}/wp-json/", "", true},
		{200, "application/json", `null`, `<>; rel=`, 200, "application/json", `{"namespaces":null,"url":"::"}`, 200, `[{"id":1}]`, "http://[::1", "99999999999999999999", true},
	} {
		f.Add(seed.homeStatus, seed.homeType, seed.homeBody, seed.link, seed.apiStatus, seed.apiType, seed.apiBody, seed.wcStatus, seed.wcBody, seed.location, seed.retry, seed.useTLS)
	}
	f.Fuzz(func(t *testing.T, homeStatus int, homeType, homeBody, link string, apiStatus int, apiType, apiBody string, wcStatus int, wcBody, location, retry string, useTLS bool) {
		var leaked atomic.Bool
		handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			seen := r.URL.String() + string(body)
			for _, vs := range r.Header {
				seen += strings.Join(vs, " ")
			}
			if strings.Contains(seen, wellFormedSecret) && r.TLS == nil {
				leaked.Store(true)
			}
			self := func(v string) string { return strings.ReplaceAll(v, "{self}", r.Host) } // lets inputs name this server
			status, ctype, text := homeStatus, homeType, self(homeBody)
			switch {
			case strings.Contains(r.URL.Path, "/wc/") || strings.Contains(r.URL.Query().Get("rest_route"), "/wc/"):
				status, ctype, text = wcStatus, "application/json; charset=UTF-8", self(wcBody)
			case r.URL.Path != "/" || r.URL.Query().Has("rest_route"):
				status, ctype, text = apiStatus, apiType, self(apiBody)
			default:
				w.Header().Set("Link", self(link))
			}
			if status < 200 || status > 599 { // 1xx answers and codes out of range are the transport's business
				status = 200 + abs(status)%400
			}
			if status >= 300 && status < 400 {
				w.Header().Set("Location", self(location))
			}
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Retry-After", retry)
			w.WriteHeader(status)
			io.WriteString(w, text)
		})
		var pool *x509.CertPool
		s := httptest.NewUnstartedServer(handler)
		s.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes cut short by the client are no news
		if useTLS {
			s.StartTLS()
			pool = x509.NewCertPool()
			pool.AddCert(s.Certificate())
		} else {
			s.Start()
		}
		defer s.Close()
		// Only this server is reachable: a Location or API address elsewhere fails at once, as a lookup would.
		only := s.Listener.Addr().String()
		dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr != only {
				return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
			}
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
		c := woo.NewClient(woo.Options{RootCAs: pool, Timeout: 2 * time.Second, MaxRetryWait: -1, DialContext: dial})
		defer c.CloseIdle()

		a, err := woo.ParseAddress(s.URL)
		if err != nil {
			t.Fatal(err)
		}
		d, err := c.Discover(context.Background(), a)
		if err != nil {
			t.Fatalf("Discover gave an error instead of a diagnosis: %v", err)
		}
		var v *woo.Verdict
		if d.Blocker == nil {
			if v, err = c.Check(context.Background(), d, woo.Credentials{Key: wellFormedKey, Secret: wellFormedSecret}, syncio); err != nil {
				t.Fatalf("Check gave an error instead of a diagnosis: %v", err)
			}
			if v.Fit == (v.Issue != nil) {
				t.Fatalf("verdict fit=%v with diagnosis %v", v.Fit, v.Issue)
			}
			if v.Fit && !v.Permission.Covers(syncio.Permission) {
				t.Fatalf("fit with permission %q", v.Permission)
			}
		}
		for _, i := range issues(d, v) {
			if i.RetryAfter < 0 || i.RetryAfter > 24*time.Hour {
				t.Fatalf("%s asks to wait %s", i.Code, i.RetryAfter)
			}
		}
		if leaked.Load() {
			t.Fatal("the secret reached a plain-HTTP server")
		}
		r := report.New(d, v)
		words := r.Text() + string(r.JSON())
		if strings.Contains(words, wellFormedSecret) || strings.Contains(words, wellFormedKey) {
			t.Fatalf("the report repeats the key or secret:\n%s", words)
		}
	})
}

// issues are every diagnosis and warning discovery and the check gave.
func issues(d *woo.Discovery, v *woo.Verdict) []*woo.Issue {
	all := append([]*woo.Issue{d.Blocker}, d.Warnings...)
	if v != nil {
		all = append(append(all, v.Issue), v.Warnings...)
	}
	return slices.DeleteFunc(all, func(i *woo.Issue) bool { return i == nil })
}

func abs(n int) int {
	if n < 0 {
		return -(n + 1) // no overflow at the smallest int
	}
	return n
}
