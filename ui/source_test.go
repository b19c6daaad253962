package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// tokenSource is a third key source, for this test only: a few lines of data and one small
// implementation, walked through the same screens as Syncore's keys (no screen knows it).
type tokenSource struct {
	api  string // a real HTTPS server on loopback that knows one token
	http *http.Client
}

// Its own rows, as every source registers them (numbers a real source would never take).
const (
	tokenFormat  diagnosis.Code = "test_token_format"
	tokenRefused diagnosis.Code = "test_token_refused"
)

func init() {
	diagnosis.Register(
		diagnosis.Diagnosis{Code: tokenFormat, Number: 1020, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
			Title: "That isn't an Acme access token.", Meaning: "The value copied is something else.", Fix: []string{"Copy the token again."}},
		diagnosis.Diagnosis{Code: tokenRefused, Number: 1021, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
			Title: "Acme doesn't know this token.", Meaning: "It was revoked or mistyped.", Fix: []string{"Make a new token."},
			Offers: []diagnosis.Offer{diagnosis.OfferNewKey}})
}

func (s tokenSource) ID() string   { return "acme-tokens" }
func (s tokenSource) Name() string { return "Acme Tokens" }
func (s tokenSource) Store() string {
	return strings.TrimPrefix(s.api, "https://")
}
func (s tokenSource) Profile() walk.Profile {
	return walk.Profile{Choice: "Acme Tokens (access tokens)", Intro: "Key Relay hands an Acme access token to the app that needs it.",
		Where: "Acme > Tokens", Page: s.api + "/tokens", Steps: []string{"Click “New token”.", "Click Copy."},
		CaptureHint: "Click Copy beside the token.", Watching: "Key Relay watches the clipboard.",
		Checking: "Key Relay reads /me with the token.", CheckedBy: "Acme", ValueRefused: tokenFormat, OldKeyWorks: tokenFormat}
}
func (s tokenSource) Partners() []walk.Partner {
	return []walk.Partner{{ID: "acme-shop", Number: 1, Name: "Acme Shop", UpdateSteps: []string{"In Acme Shop, paste the token under Settings."}}}
}
func (s tokenSource) Values() []walk.Value { return []walk.Value{{Name: "Access token"}} }
func (s tokenSource) Mask(v string) string { return "at_…" + v[len(v)-4:] }
func (s tokenSource) Recognise(text string) (string, *diagnosis.Issue) {
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "at_") && len(t) == 24 {
		return t, nil
	}
	return "", diagnosis.New(tokenFormat, "an access token starts with at_ and has 24 characters")
}
func (s tokenSource) Check(ctx context.Context, a walk.Attempt, _ bool) (*walk.Checked, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.api+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+a.Values[0])
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return &walk.Checked{Refused: true, Issue: diagnosis.New(tokenRefused, "HTTP 401 from /me"), Result: string(tokenRefused)}, nil
	}
	return &walk.Checked{Works: true, Headline: "Acme Tokens accepts the key " + s.Mask(a.Values[0]), Tested: "Read /me over HTTPS.", Result: "fit"}, nil
}

func TestThirdKeySourceWalksTheSameScreens(t *testing.T) {
	const token = "at_0123456789abcdef01234"
	var (
		mu   sync.Mutex
		seen []string
	)
	api := httptest.NewTLSServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.URL.Path == "/me" && r.Header.Get("Authorization") == "Bearer "+token {
			rw.Write([]byte(`{"name":"Acme"}`))
			return
		}
		rw.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(api.Close)
	src := tokenSource{api: api.URL, http: api.Client()}
	mem := vault.NewMemory()
	store := wootest.Start(wootest.Config{})
	t.Cleanup(store.Close)
	h := newHarnessDeps(t, test.NewTempApp(t), store, Deps{Client: woo.NewClient(woo.Options{}), Vault: mem,
		Services: service.Builtin(), Sources: []walk.Source{src}})

	h.act("choose Acme Tokens")
	h.ui(func() {
		for _, o := range h.objects() {
			if s, ok := o.(*widget.Select); ok && len(s.Options) == 2 && s.Options[1] == "Acme Tokens (access tokens)" {
				s.SetSelected(s.Options[1])
				return
			}
		}
		t.Fatal("the third source isn't offered")
	})
	h.see("Key Relay hands an Acme access token", "Which app gets the key?", "Acme Shop")
	h.tap("Continue")
	h.see("Step 2 of 7", "In Acme Tokens: Acme > Tokens", "Click “New token”.")
	h.tap("Open Acme > Tokens")
	if len(h.opened) != 1 || h.opened[0] != api.URL+"/tokens" {
		t.Fatalf("opened %v", h.opened)
	}
	h.ui(func() { h.app.Clipboard().SetContent("at_short"); h.w.pollClipboard() })
	h.see("That isn't an Acme access token.", "From the clipboard: an access token starts with at_")
	// A token Acme doesn't know: refused live, and "Enter a different key" opens its field again.
	const revoked = "at_ffffffffffffffff99990"
	h.ui(func() { h.app.Clipboard().SetContent(revoked); h.w.pollClipboard() })
	h.wait("the refusal", func() bool { return h.w.step == stepCheck && !h.w.busy() && h.w.at.Checked != nil })
	h.see("✗ Acme doesn't know this token.", "What we saw: HTTP 401 from /me")
	h.tap("Enter a different key")
	h.see("Step 3 of 7", "Access token", "[Use it]")
	h.notSee("at_…9990")
	h.ui(func() { h.app.Clipboard().SetContent(token); h.w.pollClipboard() })
	h.wait("the check and the save", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	h.tap("Back")
	h.see("Step 4 of 7", "✓ Acme Tokens accepts the key at_…1234", "Read /me over HTTPS.")
	h.tap("Save the key")
	h.tap("Continue to Acme Shop")
	h.see("Step 6 of 7", "In Acme Shop:", "[Copy the Access token]")
	h.tap("Copy the Access token")
	h.tap("I've given the key to Acme Shop")
	h.see("Step 7 of 7", "✓ Your Acme Tokens key went to Acme Shop", "Key: at_…1234", "Kept in")
	h.notSee(token)
	it, err := mem.Load(src.Store(), "acme-shop")
	if err != nil || it.Source != "acme-tokens" || it.Key != token || it.LastResult != "fit" {
		t.Fatalf("kept %v %v", it, err)
	}
	// Its connection is on the list with the others and Check all checks it there, at its own host only.
	h.tap("Your connections")
	h.wait("the list", func() bool { return len(h.w.s.conns.items) == 1 && !h.w.busy() })
	h.see("Acme Tokens to Acme Shop", "Access token at_…1234")
	h.tap("Check all")
	h.wait("the check", func() bool { return !h.w.busy() })
	h.see("✓ Acme Tokens accepts the key (checked just now)")
	if strings.Contains(h.w.supportReport(), token) {
		t.Fatal("the support report holds the token")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 { // the refused token's check, the walk's and Check all's
		t.Fatalf("the API was called %d times", len(seen))
	}
	for _, a := range seen {
		if a != "Bearer "+token && a != "Bearer "+revoked {
			t.Fatalf("the API received %q", a)
		}
	}
}
