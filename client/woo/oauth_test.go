package woo

import (
	"net/url"
	"testing"
)

// RFC 5849 §3.4.1.1: the base string of its example request, byte for byte.
func TestBaseStringRFC5849(t *testing.T) {
	form := url.Values{"c2": {""}, "a3": {"2 q"}}
	oauth := url.Values{
		"oauth_consumer_key":     {"9djdj82h48djs9d2"},
		"oauth_token":            {"kkk9d7dh3k39sjv7"},
		"oauth_signature_method": {"HMAC-SHA1"},
		"oauth_timestamp":        {"137131201"},
		"oauth_nonce":            {"7d8f3e4a"},
	}
	got, err := BaseString("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", form, oauth)
	if err != nil {
		t.Fatal(err)
	}
	want := "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
	if got != want {
		t.Fatalf("base string\n got %s\nwant %s", got, want)
	}
}

// RFC 5849 §1.2: the signed photo request; the RFC gives the signature MdpQcU8iPSUjWoN/UDMsK2sui9I=.
func TestSignatureRFC5849HMACSHA1(t *testing.T) {
	p := OAuthParams{ConsumerKey: "dpf43f3p2l4k3l03", Token: "nnch734d00sl2jdk", Method: HMACSHA1, Timestamp: 137131202, Nonce: "chapoH"}
	base, err := BaseString("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", nil, p.Values())
	if err != nil {
		t.Fatal(err)
	}
	sig, err := Sign(HMACSHA1, base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
	if err != nil {
		t.Fatal(err)
	}
	if sig != "MdpQcU8iPSUjWoN/UDMsK2sui9I=" {
		t.Fatalf("signature %s", sig)
	}
}

// An HMAC-SHA256 vector for a WooCommerce read probe, derived outside this code:
//
//   - the base string below is written by hand from RFC 5849 §3.4.1: method, the encoded base URI
//     (no query), and the encoded, sorted parameters (the query's per_page plus the oauth_* ones, no token);
//   - the signature was computed by OpenSSL, with WooCommerce's signing key "<consumer secret>&":
//     printf '%s' "$BASE" | openssl dgst -sha256 -hmac 'cs_fedcba…fedcba98&' -binary | base64
//     (the same command with -sha1 reproduces RFC 5849's MdpQcU8iPSUjWoN/UDMsK2sui9I=).
func TestSignatureHMACSHA256Vector(t *testing.T) {
	const (
		key    = "ck_0123456789abcdef0123456789abcdef01234567"
		secret = "cs_fedcba9876543210fedcba9876543210fedcba98"
		base   = "GET&http%3A%2F%2Fmystore.example%2Fwp-json%2Fwc%2Fv3%2Fproducts&oauth_consumer_key%3Dck_0123456789abcdef0123456789abcdef01234567%26oauth_nonce%3Dkr-test-nonce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26per_page%3D1"
		want   = "U3ns7fF/7U+Paz98FavjaLIJryD+99WE/xsA6cO4npk="
	)
	p := OAuthParams{ConsumerKey: key, Method: HMACSHA256, Timestamp: 1700000000, Nonce: "kr-test-nonce"}
	got, err := BaseString("GET", "http://mystore.example/wp-json/wc/v3/products?per_page=1", nil, p.Values())
	if err != nil || got != base {
		t.Fatalf("base string %v\n got %s\nwant %s", err, got, base)
	}
	signed, err := SignURL("GET", "http://mystore.example/wp-json/wc/v3/products?per_page=1", p, secret)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(signed)
	if s := u.Query().Get("oauth_signature"); s != want {
		t.Fatalf("signature %s, want %s", s, want)
	}
	if u.Query().Has("consumer_secret") || containsSecret(signed, secret) {
		t.Fatal("the signed URL carries the secret")
	}
}

func TestBaseStringDropsDefaultPortAndLowercasesHost(t *testing.T) {
	a, _ := BaseString("GET", "HTTPS://MyStore.Example:443/wp-json/", nil, nil)
	b, _ := BaseString("GET", "https://mystore.example/wp-json/", nil, nil)
	if a != b {
		t.Fatalf("%s != %s", a, b)
	}
	if c, _ := BaseString("GET", "http://mystore.example:8080/x", nil, nil); c != "GET&http%3A%2F%2Fmystore.example%3A8080%2Fx&" {
		t.Fatal(c)
	}
}

func containsSecret(s, secret string) bool {
	return len(secret) > 0 && (stringsContains(s, secret) || stringsContains(s, secret[3:]))
}

func stringsContains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
