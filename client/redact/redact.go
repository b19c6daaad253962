// Package redact is the one gate every piece of text from outside passes through before it becomes words
// a person reads: answers' bodies and headers, redirect targets, a store's own error messages, keyring
// errors. It removes a key pair in every form a server could echo it back in, and anything shaped like
// one, so a diagnosis, a report or "Copy details for support" can be pasted anywhere.
package redact

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

var (
	// A consumer secret or key, whatever the case a server printed it in.
	secretShape = regexp.MustCompile(`(?i)cs_[0-9a-f]{40}`)
	keyShape    = regexp.MustCompile(`(?i)ck_[0-9a-f]{40}`)
	// An Authorization header's value, echoed: the scheme stays, the token goes.
	basicShape = regexp.MustCompile(`(?i)\b(basic|bearer)(\s+|%20|\+)[A-Za-z0-9+/_\-.~%]{6,}=*`)
	// consumer_secret=… and oauth_signature=… in an echoed address, whatever they hold.
	paramShape = regexp.MustCompile(`(?i)\b(consumer_secret|oauth_signature)(=|%3D)[^&\s"'<>]*`)
)

// Text is s without pair's secret or key in any form, and without anything shaped like a consumer key or
// secret: a secret becomes cs_…, a key ck_…1234567 (the ending WooCommerce's keys list shows).
// pair may be empty (key, secret) strings.
func Text(s, key, secret string) string {
	if s == "" {
		return s
	}
	for _, v := range exact(key, secret) {
		s = replaceFold(s, v.find, v.with)
	}
	s = basicShape.ReplaceAllString(s, "$1 …")
	s = paramShape.ReplaceAllString(s, "$1=…")
	s = secretShape.ReplaceAllString(s, "cs_…")
	s = keyShape.ReplaceAllStringFunc(s, func(k string) string { return "ck_…" + strings.ToLower(k[len(k)-7:]) })
	return s
}

type swap struct{ find, with string }

// exact lists the forms of the pair a server may echo: as sent in the Authorization header (base64 of
// key:secret, standard and URL alphabets, with and without padding), URL-encoded, and the secret's hex
// alone. Longest first, so a form inside another is not half-replaced.
func exact(key, secret string) []swap {
	var out []swap
	add := func(find, with string) {
		if len(find) >= 8 {
			out = append(out, swap{find, with})
		}
	}
	if key != "" && secret != "" {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			add(enc.EncodeToString([]byte(key+":"+secret)), "…")
		}
	}
	if secret != "" {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding} {
			add(enc.EncodeToString([]byte(secret)), "…")
		}
		add(url.QueryEscape(secret), "cs_…")
		add(secret, "cs_…")
		add(strings.TrimPrefix(secret, "cs_"), "…")
	}
	if key != "" {
		ending := key
		if len(key) > 7 {
			ending = key[len(key)-7:]
		}
		add(url.QueryEscape(key), "ck_…"+ending)
		add(key, "ck_…"+ending)
		if hex := strings.TrimPrefix(key, "ck_"); len(hex) > 7 {
			add(hex[:len(hex)-7], "…") // the hex before the ending the keys list shows anyway
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].find) > len(out[j-1].find); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// replaceFold replaces every case-insensitive occurrence of find (ASCII) in s.
func replaceFold(s, find, with string) string {
	if find == "" {
		return s
	}
	lower, lf := strings.ToLower(s), strings.ToLower(find)
	if len(lower) != len(s) || !strings.Contains(lower, lf) {
		if len(lower) != len(s) {
			return strings.ReplaceAll(s, find, with) // case folding changed lengths: exact only
		}
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, lf)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(with)
		s, lower = s[i+len(find):], lower[i+len(find):]
	}
}

// Shapes is Text without a known pair: for text whose pair isn't at hand (a report, a keyring error).
func Shapes(s string) string { return Text(s, "", "") }

// Format writes a secret-holding value as its masked String (or, for %#v, its masked GoString),
// whatever the verb: the Format method of every type that holds a key or a secret.
func Format(f fmt.State, verb rune, s, gos string) {
	if verb == 'v' && f.Flag('#') {
		s = gos
	}
	_, _ = io.WriteString(f, s)
}

// MaskKey shows a key as ck_…3157696: the ending WooCommerce's keys list shows, never the key.
func MaskKey(k string) string { return mask(k, "ck_") }

// MaskSecret shows a secret as cs_…9f3a.
func MaskSecret(s string) string { return mask(s, "cs_") }

func mask(v, prefix string) string {
	if v == "" {
		return "(none)"
	}
	if len(v) < 12 {
		return prefix + "…"
	}
	if prefix == "ck_" {
		// The 7 characters WooCommerce's keys list shows ("Consumer key ending in 3157696"), so the
		// merchant can find the row there.
		return prefix + "…" + v[len(v)-7:]
	}
	return prefix + "…" + v[len(v)-4:]
}
