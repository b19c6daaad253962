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

// Input that used to be "fixed" into something else without a word now gets a precise message, and a
// suggestion where there is a good guess (issue: the key goes only where the store is).
func TestAddressesNotSilentlyFixed(t *testing.T) {
	for in, want := range map[string]struct{ says, suggests string }{
		"https:/store.com":          {"typing mistake", "https://store.com"},
		"htp:/x.com":                {"typing mistake", "http://x.com"},
		"htps://store.com":          {"typing mistake", "https://store.com"},
		"http//store.com":           {"typing mistake", "http://store.com"},
		"https:store.com":           {"typing mistake", "https://store.com"},
		"sto\u200bre.com":           {"invisible character", ""},
		"ｓｔｏｒｅ.com":                 {"wide or special forms", "https://store.com/"},
		"store.com/%2e%2e/wp-admin": {"“..”", ""},
		"store.com/./shop":          {"“.”", ""},
		"0":                         {"is a number", ""},
		"2130706433":                {"is a number", ""},
		"0x7f.1":                    {"is a number", ""},
	} {
		_, err := ParseAddress(in)
		var ae *AddressError
		if !errors.As(err, &ae) || !strings.Contains(ae.Message, want.says) || ae.Suggestion != want.suggests {
			t.Errorf("%q: %v (suggestion %q), want a message with %q suggesting %q", in, err, suggestionOf(ae), want.says, want.suggests)
		}
	}
	// Still fine: names that merely start like a scheme, IP addresses, international names.
	for _, in := range []string{"https.example.com", "httpbin.org", "127.0.0.1:8443", "münchen.de", "HTTPS://Store.com"} {
		if _, err := ParseAddress(in); err != nil {
			t.Errorf("%q refused: %v", in, err)
		}
	}
}

func suggestionOf(ae *AddressError) string {
	if ae == nil {
		return ""
	}
	return ae.Suggestion
}
