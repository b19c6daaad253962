package woo

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode"
)

func TestParseAddress(t *testing.T) {
	for in, want := range map[string]string{
		"mystore.com":      "https://mystore.com/",
		"www.mystore.com/": "https://www.mystore.com/",
		"http://mystore.com/wp-admin/admin.php?page=wc-settings": "http://mystore.com/",
		"https://mystore.com/shop/?x=1":                          "https://mystore.com/shop/",
		"MyStore.com:8443":                                       "https://mystore.com:8443/",
		"  https://mystore.com  \n":                              "https://mystore.com/",
		"\"mystore.com\"":                                        "https://mystore.com/",
		"https://MYSTORE.com./wp-json/wc/v3/products":            "https://mystore.com/",
		"example.com/shop/wp-admin/":                             "https://example.com/shop/",
		"https://example.com/shop":                               "https://example.com/shop/",
		"HTTP://mystore.com:80/":                                 "http://mystore.com/",
		"https://mystore.com:443":                                "https://mystore.com/",
		"127.0.0.1:8080":                                         "https://127.0.0.1:8080/",
		"[::1]:8443":                                             "https://[::1]:8443/",
		"bücher.example":                                         "https://xn--bcher-kva.example/",
		"mystore.com/wp-login.php?redirect_to=x":                 "https://mystore.com/",
		"https://mystore.com/#top":                               "https://mystore.com/",
		"//mystore.com":                                          "https://mystore.com/",
	} {
		a, err := ParseAddress(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if a.String() != want {
			t.Errorf("%q → %s, want %s", in, a, want)
		}
	}
}

func TestParseAddressSchemeTyped(t *testing.T) {
	if a, _ := ParseAddress("mystore.com"); a.SchemeTyped {
		t.Error("no scheme typed, but SchemeTyped")
	}
	if a, _ := ParseAddress("http://mystore.com"); !a.SchemeTyped {
		t.Error("http:// typed, but not SchemeTyped")
	}
}

func TestParseAddressRefuses(t *testing.T) {
	for in, mentions := range map[string]string{
		"":                            "empty",
		"   ":                         "empty",
		"owner@mystore.com":           "e-mail",
		"mailto:owner@mystore.com":    "e-mail",
		"ftp://mystore.com":           "ftp://",
		"my store.com":                "spaces",
		"https://my store.com/shop":   "spaces",
		"https://user:pw@mystore.com": "user name",
		"mystore.com:99999":           "port",
		"https://-bad-.com":           "not a valid host",
		"https://mystore..com":        "not a valid host",
		"javascript:alert(1)":         "not a web address",
	} {
		_, err := ParseAddress(in)
		var ae *AddressError
		if !errors.As(err, &ae) {
			t.Errorf("%q: accepted", in)
			continue
		}
		if !strings.Contains(ae.Message, mentions) {
			t.Errorf("%q: message %q does not mention %q", in, ae.Message, mentions)
		}
		if !strings.Contains(ae.Message, "mystore.com") && !strings.Contains(ae.Message, "https://") {
			t.Errorf("%q: message %q does not say what to type", in, ae.Message)
		}
	}
}

// FuzzParseAddress: never panics; what it accepts is a clean http(s) site address that parses to itself.
func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"mystore.com", "https://mystore.com/shop/?x=1", "MyStore.com:8443", "owner@x.com", "ftp://x", "[::1]:80", "bücher.example/wp-admin", " http://a.b/c/wp-json/wc/v3 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		a, err := ParseAddress(in)
		if err != nil {
			var ae *AddressError
			if !errors.As(err, &ae) || ae.Message == "" {
				t.Fatalf("%q: error without a message: %v", in, err)
			}
			return
		}
		s := a.String()
		u, perr := url.Parse(s)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || !strings.HasSuffix(u.Path, "/") {
			t.Fatalf("%q → %q is not a clean site address", in, s)
		}
		if strings.ContainsFunc(s, unicode.IsSpace) {
			t.Fatalf("%q → %q has spaces", in, s)
		}
		again, err := ParseAddress(s)
		if err != nil || again.String() != s {
			t.Fatalf("%q → %q → %q, %v: not stable", in, s, again.String(), err)
		}
	})
}
