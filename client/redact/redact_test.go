package redact

import (
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"
)

const (
	key    = "ck_2c3fd0e5b7a94f1e8d6c0b9a7f5e3d1c2b4a3157696"
	secret = "cs_9f3a1b2c4d5e6f708192a3b4c5d6e7f8091a2b3c"
)

// forms are the ways a server can echo the pair back: as sent, decoded, encoded.
func forms(k, s string) map[string]string {
	return map[string]string{
		"{secret}":     s,
		"{SECRET}":     strings.ToUpper(s),
		"{key}":        k,
		"{hex}":        strings.TrimPrefix(s, "cs_"),
		"{basic}":      "Basic " + base64.StdEncoding.EncodeToString([]byte(k+":"+s)),
		"{b64}":        base64.StdEncoding.EncodeToString([]byte(k + ":" + s)),
		"{b64url}":     base64.RawURLEncoding.EncodeToString([]byte(k + ":" + s)),
		"{urlsecret}":  url.QueryEscape(s),
		"{query}":      "?consumer_key=" + k + "&consumer_secret=" + s,
		"{b64secret}":  base64.StdEncoding.EncodeToString([]byte(s)),
		"{other}":      "cs_" + strings.Repeat("ab", 20), // another pair's secret: gone by its shape
		"{otherkey}":   "CK_" + strings.Repeat("AB", 20),
		"{bearer}":     "Bearer abc.def.ghi",
		"{signature}":  "oauth_signature=Zm9vYmFyYmF6",
		"{colonpair}":  k + ":" + s,
		"{jsonpair}":   `{"consumer_key":"` + k + `","consumer_secret":"` + s + `"}`,
		"{htmlsecret}": "<strong>" + s + "</strong>",
	}
}

// leaks lists what of the pair survives in out.
func leaks(out, k, s string) []string {
	var found []string
	low := strings.ToLower(out)
	for _, v := range []string{s, strings.TrimPrefix(s, "cs_"), k, strings.TrimPrefix(k, "ck_"),
		base64.StdEncoding.EncodeToString([]byte(k + ":" + s)), base64.RawURLEncoding.EncodeToString([]byte(k + ":" + s)),
		base64.StdEncoding.EncodeToString([]byte(s)), url.QueryEscape(s)} {
		if strings.Contains(out, v) || strings.Contains(low, strings.ToLower(v)) && strings.HasPrefix(strings.ToLower(v), "c") {
			found = append(found, v)
		}
	}
	return found
}

func TestEveryFormIsRedacted(t *testing.T) {
	for name, v := range forms(key, secret) {
		out := Text("The store said: "+v+" (status 400)", key, secret)
		if l := leaks(out, key, secret); len(l) > 0 || strings.Contains(out, "cs_"+strings.Repeat("ab", 20)) || strings.Contains(strings.ToLower(out), strings.Repeat("ab", 20)) {
			t.Errorf("%s: %q still holds %v", name, out, l)
		}
		if !strings.Contains(out, "The store said: ") || !strings.Contains(out, "(status 400)") {
			t.Errorf("%s: the words around it are lost: %q", name, out)
		}
	}
	if got := Text("ending in "+key, key, secret); !strings.Contains(got, "ck_…3157696") {
		t.Errorf("a key keeps the ending the keys list shows: %q", got)
	}
	if got := Shapes("Sorry, you cannot list resources."); got != "Sorry, you cannot list resources." {
		t.Errorf("plain words changed: %q", got)
	}
}

// FuzzRedact: whatever text a server or a keyring sends back, with any form of the pair placed anywhere
// in it, nothing of the pair survives the redactor.
func FuzzRedact(f *testing.F) {
	for _, seed := range []string{
		"Bad request: /wp-json/wc/v3/products{query}",
		"Authorization: {basic}",
		"<b>Error:</b> The username <strong>{key}</strong> is not registered",
		"{jsonpair}{htmlsecret}{SECRET}{hex}",
		"x{b64}y{b64url}z{urlsecret}{b64secret}",
		"{colonpair}{signature}{bearer}{other}{otherkey}",
		"",
	} {
		f.Add(seed, []byte("seed-for-the-pair-0123456789"))
	}
	f.Fuzz(func(t *testing.T, text string, pairSeed []byte) {
		if len(text) > 4096 {
			return // details quote at most a few hundred characters of what a server said
		}
		// Any well-formed pair: 40 hex characters each, derived from the input.
		h := hex.EncodeToString(append(append([]byte(nil), pairSeed...), make([]byte, 40)...))
		k, s := "ck_"+h[:40], "cs_"+h[40:80]
		for name, v := range forms(k, s) {
			text = strings.ReplaceAll(text, name, v)
		}
		out := Text(text, k, s)
		if l := leaks(out, k, s); len(l) > 0 {
			t.Fatalf("%q still holds %v", out, l)
		}
	})
}
