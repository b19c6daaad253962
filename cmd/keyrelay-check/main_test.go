package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

func caFile(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, wootest.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func runCheck(t *testing.T, stdin string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return code, out.String(), errOut.String()
}

func noLeak(t *testing.T, k wootest.Key, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, k.Secret) || strings.Contains(s, k.Secret[3:]) || strings.Contains(s, k.ConsumerKey) {
			t.Fatalf("output shows the key or secret:\n%s", s)
		}
	}
}

func TestFitKeyFromStdin(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	defer s.Close()
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	code, out, errOut := runCheck(t, "Consumer key: "+k.ConsumerKey+"\nConsumer secret: "+k.Secret+"\n", nil, "--store", s.URL(), "--ca-file", caFile(t))
	if code != exitFit {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"this key works for Syncio", "ck_…" + k.ConsumerKey[len(k.ConsumerKey)-7:], "Nothing in your store was changed", "✓ WooCommerce 7.9.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	noLeak(t, k, out, errOut)
}

func TestExitCodes(t *testing.T) {
	ca := caFile(t)
	// key problem: a read-only key, from the environment, as JSON
	s := wootest.Start(wootest.Config{TLS: true})
	defer s.Close()
	ro := s.AddKey("r", wootest.Administrator, "read")
	env := map[string]string{"KEYRELAY_CONSUMER_KEY": ro.ConsumerKey, "KEYRELAY_CONSUMER_SECRET": ro.Secret}
	code, out, errOut := runCheck(t, "", env, "--store", s.URL(), "--ca-file", ca, "--json")
	if code != exitKey {
		t.Fatalf("read-only key: exit %d\n%s%s", code, out, errOut)
	}
	var rep struct {
		Fit       bool `json:"fit"`
		Diagnosis struct {
			Code string `json:"code"`
			Kind string `json:"kind"`
		} `json:"diagnosis"`
		Key string `json:"key"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Fit || rep.Diagnosis.Code != "key_read_only" || rep.Diagnosis.Kind != "key" || !strings.HasPrefix(rep.Key, "ck_…") {
		t.Fatalf("json %v: %s", err, out)
	}
	noLeak(t, ro, out, errOut)

	// store problem: plain permalinks
	p := wootest.Start(wootest.Config{TLS: true, PlainPermalinks: true})
	defer p.Close()
	pk := p.AddKey("k", wootest.Administrator, "read_write")
	if code, out, _ := runCheck(t, pk.ConsumerKey+"|"+pk.Secret, nil, "--store", p.URL(), "--ca-file", ca); code != exitStore || !strings.Contains(out, "Settings > Permalinks") {
		t.Fatalf("plain permalinks: exit %d\n%s", code, out)
	}

	// could not reach: nothing listens
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	if code, out, _ := runCheck(t, pk.ConsumerKey+"|"+pk.Secret, nil, "--store", "https://"+addr); code != exitReach {
		t.Fatalf("refused: exit %d\n%s", code, out)
	}
}

func TestUsageErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		stdin string
		args  []string
		says  string
	}{
		"no store":        {"", nil, "--store is required"},
		"bad store":       {"", []string{"--store", "owner@mystore.com"}, "e-mail"},
		"unknown service": {"", []string{"--store", "x.com", "--service", "nope"}, "unknown service"},
		"secret as arg":   {"", []string{"--store", "x.com", "cs_abc"}, "Never put the key or secret on the command line"},
		"no credentials":  {"hello", []string{"--store", "x.com"}, "no consumer key or secret"},
		"only a key":      {"ck_" + strings.Repeat("a", 40), []string{"--store", "x.com"}, "no consumer secret"},
		"truncated":       {"ck_" + strings.Repeat("a", 30) + " cs_" + strings.Repeat("b", 40), []string{"--store", "x.com"}, "too short"},
		"missing ca file": {"", []string{"--store", "x.com", "--ca-file", "/nonexistent.pem"}, "--ca-file"},
	} {
		stdin := tc.stdin
		if name == "missing ca file" {
			stdin = "ck_" + strings.Repeat("a", 40) + " cs_" + strings.Repeat("b", 40)
		}
		code, _, errOut := runCheck(t, stdin, nil, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.says) {
			t.Errorf("%s: exit %d, stderr %q lacks %q", name, code, errOut, tc.says)
		}
		if strings.Contains(errOut, strings.Repeat("b", 40)) {
			t.Errorf("%s: stderr repeats the secret", name)
		}
	}
}

func TestDecodeSupportCode(t *testing.T) {
	code := report.SupportCode(report.SupportState{Step: 4, Diagnosis: 44, WooVersion: "8.9.1"})
	c, out, _ := runCheck(t, "", nil, "--decode", code)
	if c != exitFit || !strings.Contains(out, "Step 4 of 7 (Test the key)") || !strings.Contains(out, "key_read_only") || !strings.Contains(out, "WooCommerce 8.9") {
		t.Fatalf("exit %d:\n%s", c, out)
	}
	if c, _, _ := runCheck(t, "", nil, "--decode", "hello"); c != exitUsage {
		t.Fatalf("nonsense code: exit %d", c)
	}
	// Success says success, and the demo and the service are told.
	code = report.SupportCode(report.SupportState{Step: 7, Fit: true, Demo: true, Service: 1, WooVersion: "8.9"})
	_, out, _ = runCheck(t, "", nil, "--decode", code)
	for _, want := range []string{"Step 7 of 7 (Done)", "No diagnosis shown", "tested and works", "Service: Syncio", "This is the demo"} {
		if !strings.Contains(out, want) {
			t.Fatalf("%s lacks %q:\n%s", code, want, out)
		}
	}
	// A Syncore walk's code names its partner and its Syncore diagnosis.
	code = report.SupportCode(report.SupportState{Step: 4, Diagnosis: diagnosis.Lookup(syncore.KeyRefused).Number, Service: 2})
	_, out, _ = runCheck(t, "", nil, "--decode", code)
	if !strings.Contains(out, "Service: Syncore → Another app") || !strings.Contains(out, "syncore_key_refused") {
		t.Fatalf("%s:\n%s", code, out)
	}
	// A browser's row is named though keyrelay-check never opens one.
	code = report.SupportCode(report.SupportState{Step: 2, Diagnosis: diagnosis.Lookup(browser.NotStarted).Number})
	if _, out, _ = runCheck(t, "", nil, "--decode", code); !strings.Contains(out, "browser_not_started") {
		t.Fatalf("%s:\n%s", code, out)
	}
	// An app the merchant named on step 1 (its name is in no code: it could be anything).
	code = report.SupportCode(report.SupportState{Step: 6, Service: service.AnotherNumber})
	if _, out, _ = runCheck(t, "", nil, "--decode", code); !strings.Contains(out, "Service: another app, named by the merchant") {
		t.Fatalf("%s:\n%s", code, out)
	}
}

// The key and secret in each other's variables: tested the right way round, and said, with which value
// goes in which field of the service; the exit code is the verdict's.
func TestSwappedVariables(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	defer s.Close()
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	env := map[string]string{"KEYRELAY_CONSUMER_KEY": k.Secret, "KEYRELAY_CONSUMER_SECRET": k.ConsumerKey}
	code, out, errOut := runCheck(t, "", env, "--store", s.URL(), "--ca-file", caFile(t))
	if code != exitFit {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"key_secret_swapped", "The key and the secret were swapped", "put ck_…" + k.ConsumerKey[len(k.ConsumerKey)-7:] + " in the Consumer key field", "this key works for Syncio"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	noLeak(t, k, out, errOut)
	// The right way round: no such warning.
	env = map[string]string{"KEYRELAY_CONSUMER_KEY": k.ConsumerKey, "KEYRELAY_CONSUMER_SECRET": k.Secret}
	if _, out, _ := runCheck(t, "", env, "--store", s.URL(), "--ca-file", caFile(t)); strings.Contains(out, "key_secret_swapped") {
		t.Fatalf("warned about a pair given the right way round:\n%s", out)
	}
}

// A timeout of zero or less would turn every timeout off: refused.
func TestTimeoutMustBePositive(t *testing.T) {
	for _, v := range []string{"-1s", "0", "0s"} {
		code, _, errOut := runCheck(t, "", nil, "--store", "mystore.com", "--timeout="+v)
		if code != exitUsage || !strings.Contains(errOut, "--timeout must be more than zero") {
			t.Fatalf("--timeout=%s: exit %d, %q", v, code, errOut)
		}
	}
}

// --json says how the key was tested, how the service calls, and where.
func TestJSONSaysHowItTested(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true, ProxyHidesHTTPS: true, SiteFromRequest: true, PlainHTTP: "served"})
	defer s.Close()
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	env := map[string]string{"KEYRELAY_CONSUMER_KEY": k.ConsumerKey, "KEYRELAY_CONSUMER_SECRET": k.Secret}
	code, out, _ := runCheck(t, "", env, "--store", s.URL(), "--ca-file", caFile(t), "--json")
	var rep struct {
		Fit              bool   `json:"fit"`
		TransportTested  string `json:"transport_tested"`
		ServiceTransport string `json:"service_transport"`
		AddressTested    string `json:"address_tested"`
		Tested           string `json:"tested"`
		Diagnosis        struct {
			Code string `json:"code"`
		} `json:"diagnosis"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if code != exitStore || rep.Fit || rep.Diagnosis.Code != "https_not_detected" || rep.TransportTested != "basic" || rep.ServiceTransport != "basic" ||
		rep.AddressTested != s.URL()+"wp-json/" || !strings.Contains(rep.Tested, "Authorization header, as Syncio sends it") {
		t.Fatalf("exit %d: %s", code, out)
	}
	noLeak(t, k, out)
}
