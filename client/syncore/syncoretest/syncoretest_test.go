package syncoretest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The sandbox's Settings > API page as Syncore's help page describes it: + Generate API Key; hidden keys
// until Reveal API Keys, with a copy icon each; Hide API Keys; Regenerate API Keys only with "I agree",
// then "API Key has been regenerated" and new keys.
func TestSettingsPage(t *testing.T) {
	s := Start(Config{})
	defer s.Close()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(s.pages.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	post := func(path string, form url.Values) {
		t.Helper()
		resp, err := noRedirect.PostForm(s.pages.URL+path, form)
		if err != nil || resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST %s: %v", path, err)
		}
		resp.Body.Close()
	}
	if p := get("/settings/api"); !strings.Contains(p, "+ Generate API Key") || strings.Contains(p, "Reveal API Keys") {
		t.Fatal("a new account's page doesn't offer Generate")
	}
	post("/settings/api/generate", nil)
	primary, secondary := s.Keys()
	hidden := get("/settings/api")
	if strings.Contains(hidden, primary) || !strings.Contains(hidden, "Reveal API Keys") || !strings.Contains(hidden, "Primary API Key") || !strings.Contains(hidden, "Secondary API Key") {
		t.Fatal("the keys aren't hidden behind Reveal API Keys")
	}
	shown := get("/settings/api?reveal=1")
	if !strings.Contains(shown, primary) || !strings.Contains(shown, secondary) || !strings.Contains(shown, `id="copy-primary"`) || !strings.Contains(shown, "Hide API Keys") {
		t.Fatal("Reveal API Keys doesn't show both keys with their copy icons")
	}
	post("/settings/api/regenerate", nil) // without "I agree"
	if p, _ := s.Keys(); p != primary {
		t.Fatal("the keys were regenerated without I agree")
	}
	if !strings.Contains(shown, "Regenerate API Key?") || !strings.Contains(shown, "cannot be undone") || !strings.Contains(shown, "I agree") {
		t.Fatal("the regenerate dialog doesn't warn")
	}
	post("/settings/api/regenerate", url.Values{"agree": {"on"}})
	np, ns := s.Keys()
	if np == primary || ns == secondary || !strings.Contains(get("/settings/api?regenerated=1&reveal=1"), "API Key has been regenerated") {
		t.Fatal("Regenerate with I agree")
	}
}
