package woo

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// OAuth 1.0a one-legged signing, as WooCommerce checks it on plain HTTP (and on HTTPS when Basic yields no
// user). The secret never travels: only an HMAC of the request does.

// SignatureMethod is an OAuth signature method WooCommerce accepts.
type SignatureMethod string

const (
	HMACSHA256 SignatureMethod = "HMAC-SHA256"
	HMACSHA1   SignatureMethod = "HMAC-SHA1"
)

// OAuthParams are the protocol parameters of one signed request.
type OAuthParams struct {
	ConsumerKey string
	Token       string // empty for WooCommerce (one-legged); RFC 5849's examples use one
	Method      SignatureMethod
	Timestamp   int64
	Nonce       string
}

// percentEncode is RFC 3986 encoding as RFC 5849 §3.6 wants it: everything but ALPHA DIGIT - . _ ~.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// BaseString builds the signature base string (RFC 5849 §3.4.1) for method and rawURL, with form the
// application/x-www-form-urlencoded body parameters (nil for none; a JSON body is not signed) and oauth the
// protocol parameters (without oauth_signature).
func BaseString(method, rawURL string, form url.Values, oauth url.Values) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	if (scheme == "http" && strings.HasSuffix(host, ":80")) || (scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndex(host, ":")]
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	baseURI := scheme + "://" + host + path

	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", err
	}
	type pair struct{ k, v string }
	var pairs []pair
	for _, set := range []url.Values{query, form, oauth} {
		for k, vs := range set {
			if k == "oauth_signature" {
				continue
			}
			for _, v := range vs {
				pairs = append(pairs, pair{percentEncode(k), percentEncode(v)})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.ToUpper(method) + "&" + percentEncode(baseURI) + "&" + percentEncode(strings.Join(parts, "&")), nil
}

// Values gives the protocol parameters as they go into a query string (oauth_signature not included).
func (p OAuthParams) Values() url.Values {
	v := url.Values{
		"oauth_consumer_key":     {p.ConsumerKey},
		"oauth_signature_method": {string(p.Method)},
		"oauth_timestamp":        {strconv.FormatInt(p.Timestamp, 10)},
		"oauth_nonce":            {p.Nonce},
	}
	if p.Token != "" {
		v.Set("oauth_token", p.Token)
	}
	return v
}

// Sign returns the base64 signature of base with the consumer secret (and token secret, empty for
// WooCommerce): the key is enc(consumerSecret) & enc(tokenSecret), which for WooCommerce is "cs_…&".
func Sign(m SignatureMethod, base, consumerSecret, tokenSecret string) (string, error) {
	var h func() hash.Hash
	switch m {
	case HMACSHA256:
		h = sha256.New
	case HMACSHA1:
		h = sha1.New
	default:
		return "", fmt.Errorf("unsupported signature method %q", m)
	}
	mac := hmac.New(h, []byte(percentEncode(consumerSecret)+"&"+percentEncode(tokenSecret)))
	mac.Write([]byte(base))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// SignURL returns rawURL with the oauth_* parameters and signature added to its query string, which is
// where WooCommerce reads them even on hosts that strip the Authorization header.
func SignURL(method, rawURL string, p OAuthParams, consumerSecret string) (string, error) {
	return signURLWithBase(method, rawURL, rawURL, p, consumerSecret)
}

// signURLWithBase signs as if the request went to baseURL (scheme and host as the server sees them) but
// returns sendURL: a store behind a proxy that hides HTTPS computes its base string with http://.
func signURLWithBase(method, sendURL, baseURL string, p OAuthParams, consumerSecret string) (string, error) {
	oauth := p.Values()
	base, err := BaseString(method, baseURL, nil, oauth)
	if err != nil {
		return "", err
	}
	sig, err := Sign(p.Method, base, consumerSecret, "")
	if err != nil {
		return "", err
	}
	u, err := url.Parse(sendURL)
	if err != nil {
		return "", err
	}
	q := u.Query()
	for k, vs := range oauth {
		q[k] = vs
	}
	q.Set("oauth_signature", sig)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// NewNonce returns 16 random bytes in hex: WooCommerce accepts each nonce once per key.
func NewNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func newOAuthParams(key string, now time.Time) OAuthParams {
	return OAuthParams{ConsumerKey: key, Method: HMACSHA256, Timestamp: now.Unix(), Nonce: NewNonce()}
}
