package syncore_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/syncore/syncoretest"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// produced are the Syncore rows this package's tests produce; TestEverySyncoreRowIsProduced checks all are.
var produced = map[diagnosis.Code]bool{}

func note(i *diagnosis.Issue) {
	if i != nil {
		produced[i.Code] = true
	}
}

func TestBuiltinProfile(t *testing.T) {
	s := syncore.Builtin()
	if s.Host() != "api.syncore.app" || s.Header != "x-api-key" || s.CheckPath != "/orders/suppliers" || len(s.Provisional) == 0 || s.AdminOnly == "" {
		t.Fatalf("profile: %+v", s)
	}
}

// What a merchant may copy: a key is taken as is (trimmed); anything clearly else is refused with why.
func TestKeyFromWhatWasCopied(t *testing.T) {
	s := syncore.Builtin()
	good := "sk" + strings.Repeat("3f9a", 12)
	for _, c := range []struct{ in, want, why string }{
		{good, good, ""},
		{"  " + good + "\n", good, ""},
		{"ck_" + strings.Repeat("a", 40), "", "WooCommerce key"},
		{"cs_" + strings.Repeat("a", 40), "", "WooCommerce key"},
		{"https://api.syncore.app/v2/orders?key=" + good, "", "web address"},
		{"••••••••••••••••••••••••", "", "hidden form"},
		{"sk3f9a…9f3a", "", "hidden form"},
		{good[:20] + " " + good[20:], "", "spaces"},
		{"Primary: " + good, "", "spaces"},
		{good[:12], "", "part of it is missing"},
		{strings.Repeat("a", 300), "", "much longer"},
		{good[:30] + "!" + good[31:], "", "characters"},
		{"", "", "nothing"},
	} {
		got, i := s.Key(c.in)
		note(i)
		if got != c.want || (c.why == "") != (i == nil) || i != nil && (i.Code != syncore.KeyFormat || !strings.Contains(i.Detail, c.why)) {
			t.Errorf("Key(%q) = %q, %v; want %q (%s)", c.in, got, i, c.want, c.why)
		}
	}
}

func FuzzKey(f *testing.F) {
	s := syncore.Builtin()
	for _, seed := range []string{"sk" + strings.Repeat("ab", 20), "ck_" + strings.Repeat("0", 40), " x ", "•••", "https://x"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		k, i := s.Key(in)
		if (k == "") == (i == nil) {
			t.Fatalf("Key(%q): %q and %v", in, k, i)
		}
		if k != "" && (k != strings.TrimSpace(in) || strings.ContainsAny(k, " \t\n") || len(k) < s.Rules.MinLength) {
			t.Fatalf("Key(%q) = %q", in, k)
		}
		if i != nil && strings.Contains(i.Detail, strings.TrimSpace(in)) && len(strings.TrimSpace(in)) > 3 {
			t.Fatalf("the refusal repeats what was copied: %q", i.Detail)
		}
	})
}

func client() *syncore.Client { return syncore.NewClient(5*time.Second, wootest.CAPool()) }

// The live check against the sandbox Syncore: a current key works, an old one (after Regenerate) is
// refused, an account without API access is 403, a missing route is the check's address, not the key.
func TestCheckAgainstTheSandbox(t *testing.T) {
	sb := syncoretest.Start(syncoretest.Config{})
	defer sb.Close()
	src := sb.Source()
	p, sec := sb.Generate()
	ctx := context.Background()
	for _, k := range []string{p, sec} {
		r, err := client().Check(ctx, src, k)
		if err != nil || !r.Works || r.Status != 200 || !strings.Contains(r.Tested, "x-api-key") {
			t.Fatalf("a current key: %+v %v", r, err)
		}
	}
	sb.Regenerate()
	r, _ := client().Check(ctx, src, p)
	note(r.Issue)
	if r.Works || r.Issue.Code != syncore.KeyRefused || r.Status != 401 {
		t.Fatalf("the old key: %+v", r)
	}
	np, _ := sb.Keys()
	sb.SetConfig(syncoretest.Config{NoAPIAccess: true})
	r, _ = client().Check(ctx, src, np)
	note(r.Issue)
	if r.Works || r.Issue.Code != syncore.NoAPIAccess {
		t.Fatalf("no API access: %+v", r)
	}
	sb.SetConfig(syncoretest.Config{RouteMissing: true})
	r, _ = client().Check(ctx, src, np)
	note(r.Issue)
	if r.Works || r.Issue.Code != syncore.CheckOutdated || r.Issue.Kind == diagnosis.KindKey || !strings.Contains(r.Issue.Meaning, "says nothing about your key") {
		t.Fatalf("a missing route blames the key: %+v", r)
	}
	for _, k := range sb.Seen() {
		if k != p && k != sec && k != np {
			t.Fatalf("the sandbox saw a value that isn't a key: %q", k)
		}
	}
}

// The key goes only to the profile's host over HTTPS: an http:// profile is refused before anything is
// sent; a redirect isn't followed; other answers are Syncore's, never the key's.
func TestKeyGoesOnlyToTheAPIHost(t *testing.T) {
	var got []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = append(got, r.Header.Get("x-api-key")) }))
	defer other.Close()
	api := httptest.NewUnstartedServer(http.RedirectHandler(other.URL+"/v2/orders/suppliers", http.StatusFound))
	api.TLS = wootest.ServerTLS()
	api.StartTLS()
	defer api.Close()
	src := syncore.Builtin()
	key := "sk" + strings.Repeat("ab", 20)

	src.API = strings.Replace(api.URL, "https://", "http://", 1) + "/v2"
	r, _ := client().Check(context.Background(), src, key)
	if r.Works || r.Status != 0 {
		t.Fatalf("a plain-HTTP profile was called: %+v", r)
	}
	src.API = api.URL + "/v2"
	r, _ = client().Check(context.Background(), src, key)
	note(r.Issue)
	if r.Works || r.Issue.Code != syncore.CheckOutdated || len(got) != 0 {
		t.Fatalf("a redirect: %+v, the other host saw %d keys", r, len(got))
	}
}

func TestOtherAnswers(t *testing.T) {
	for status, body := range map[int]string{200: "<html>login</html>", 500: "{}", 429: "{}"} {
		api := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}))
		api.TLS = wootest.ServerTLS()
		api.StartTLS()
		src := syncore.Builtin()
		src.API = api.URL + "/v2"
		r, _ := client().Check(context.Background(), src, "sk"+strings.Repeat("ab", 20))
		api.Close()
		note(r.Issue)
		if r.Works || r.Issue.Code != syncore.Unavailable || r.Issue.Kind == diagnosis.KindKey {
			t.Errorf("HTTP %d: %+v", status, r)
		}
	}
	// Unreachable and untrusted: the table's reach rows.
	src := syncore.Builtin()
	src.API = "https://127.0.0.1:1/v2"
	r, _ := client().Check(context.Background(), src, "sk"+strings.Repeat("ab", 20))
	if r.Works || r.Issue.Kind != diagnosis.KindReach {
		t.Errorf("unreachable: %+v", r)
	}
}

// Runs last (go test runs tests in file order): every Syncore row of the table is produced above, except
// the one only a regeneration can give, which the UI's regenerate test produces.
func TestEverySyncoreRowIsProduced(t *testing.T) {
	for _, d := range diagnosis.All() {
		if strings.HasPrefix(string(d.Code), "syncore_") && !produced[d.Code] && d.Code != syncore.OldKeyWorks {
			t.Errorf("no test here produces %s", d.Code)
		}
	}
}

// A support code carries one small number for the service or the partner: they must never be shared.
func TestPartnerNumbersAreNotServices(t *testing.T) {
	taken := map[int]string{}
	for _, p := range service.Builtin() {
		taken[p.Number] = p.ID
	}
	for _, p := range syncore.Builtin().Partners {
		if id, ok := taken[p.Number]; ok {
			t.Errorf("partner %s has number %d, as %s has", p.ID, p.Number, id)
		}
		taken[p.Number] = p.ID
	}
}
