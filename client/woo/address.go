// Package woo answers one question about a WooCommerce store: will this consumer key and secret work for a
// sync service, and if not, exactly what must the merchant do. Everything it says is built on the
// behaviour measured in shared/woocommerce-key-facts.md.
package woo

import (
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
)

// AddressError says why something typed as a store address can never be one, in words a merchant can act on.
type AddressError struct {
	Input   string // what was typed, trimmed
	Message string // what is wrong and what to type instead
	// Suggestion is the address the merchant most likely meant ("https://store.com" for
	// "https:/store.com"), for a screen to offer; "" when there is no good guess.
	Suggestion string
}

func (e *AddressError) Error() string { return e.Message }

// Address is a store address as typed, normalised to what discovery starts from.
type Address struct {
	// URL is scheme://host[:port]/path/ with a trailing slash, no query or fragment, and any WordPress
	// page (wp-admin, wp-json, wp-login.php…) cut off: the site root, or a page of it that discovery
	// resolves to the root through the REST API's Link header.
	URL *url.URL
	// SchemeTyped is true when the merchant typed http:// or https:// themselves; otherwise HTTPS was
	// assumed and discovery may fall back to HTTP.
	SchemeTyped bool
}

func (a Address) String() string { return a.URL.String() }

// wordpressPaths are path segments that only ever belong to WordPress itself; the site root is what
// comes before them.
var wordpressPaths = []string{"wp-admin", "wp-json", "wp-login.php", "wp-content", "wp-includes", "index.php", "xmlrpc.php", "wp-cron.php"}

const exampleAddress = "Type your store's web address, for example mystore.com or https://mystore.com/shop."

// ParseAddress turns what a merchant typed into a store address, or says in plain words why it cannot be one.
func ParseAddress(input string) (Address, error) {
	s := strings.TrimFunc(input, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '<' || r == '>' })
	if err := checkTyped(s); err != nil {
		return Address{}, err
	}
	s, typed, err := withScheme(s)
	if err != nil {
		return Address{}, err
	}
	u, err := parseURL(input, s, typed)
	if err != nil {
		return Address{}, err
	}
	host, err := hostAndPort(u, s)
	if err != nil {
		return Address{}, err
	}
	return Address{URL: &url.URL{Scheme: u.Scheme, Host: host, Path: sitePath(u.Path)}, SchemeTyped: typed}, nil
}

// addressError is what is wrong with s, in words.
func addressError(s, msg string) *AddressError { return &AddressError{Input: s, Message: msg} }

// checkTyped refuses what can't be an address before it is read as one: nothing, invisible characters,
// a mistyped "https://".
func checkTyped(s string) error {
	switch {
	case s == "":
		return addressError(s, "The store address is empty. "+exampleAddress)
	case strings.ContainsFunc(s, unicode.IsControl):
		return addressError(s, "The store address contains invisible characters. "+exampleAddress)
	}
	if i := strings.IndexFunc(s, invisible); i >= 0 {
		return addressError(s, "The store address has an invisible character in it (after “"+s[:i]+"”), often left by copying from a document or chat. Delete the address and type it again.")
	}
	if m := schemeTypoRE.FindStringSubmatch(s); m != nil {
		word, sep, slashes, rest := strings.ToLower(m[1]), m[2], m[3], m[4]
		if (word != "http" && word != "https" || sep != ":" || slashes != "//") && sep+slashes != "" && rest != "" && !strings.HasPrefix(rest, ".") {
			scheme := "http"
			if strings.HasSuffix(word, "s") {
				scheme = "https"
			}
			e := &AddressError{Input: s, Suggestion: scheme + "://" + rest}
			e.Message = "The start of “" + s + "” has a typing mistake. Did you mean " + e.Suggestion + "?"
			return e
		}
	}
	return nil
}

// withScheme is s with its scheme, lower-cased; https:// when none was typed (typed says whether one was).
func withScheme(s string) (string, bool, error) {
	if i := strings.Index(s, "://"); i >= 0 {
		scheme := strings.ToLower(s[:i])
		if scheme != "http" && scheme != "https" {
			return "", false, addressError(s, "“"+s[:i]+"://” is not a web address. Store addresses start with https:// (or just type mystore.com).")
		}
		return scheme + s[i:], true, nil
	}
	if strings.Contains(s, "@") && !strings.ContainsAny(s, "/") {
		return "", false, addressError(s, "That looks like an e-mail address. "+exampleAddress)
	}
	if strings.HasPrefix(strings.ToLower(s), "mailto:") {
		return "", false, addressError(s, "That is an e-mail link. "+exampleAddress)
	}
	return "https://" + strings.TrimPrefix(s, "//"), false, nil
}

// parseURL reads s as a web address with a host and no user name, saying which part is wrong.
func parseURL(input, s string, typed bool) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.Opaque != "" {
		// url.Parse rejects spaces and some odd characters in the host; say which part is wrong.
		if host := hostPart(s); strings.ContainsFunc(host, unicode.IsSpace) {
			return nil, addressError(s, "A web address cannot contain spaces (“"+host+"”). "+exampleAddress)
		}
		return nil, addressError(s, "“"+strings.TrimSpace(input)+"” is not a web address. "+exampleAddress)
	}
	if u.User != nil {
		if u.User.Username() != "" && !typed && strings.Contains(hostPart(s), "@") {
			return nil, addressError(s, "That looks like an e-mail address. "+exampleAddress)
		}
		return nil, addressError(s, "Leave out the user name and password: type only the store's address, for example mystore.com.")
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return nil, addressError(s, "The address has “"+seg+"” in its path, which can't be part of a store's address. Type the address your shop opens at, for example mystore.com/shop.")
		}
	}
	return u, nil
}

// hostAndPort is u's host, normalised (with a suggestion when it is mistyped), and its port unless it is
// the scheme's own.
func hostAndPort(u *url.URL, s string) (string, error) {
	host, err := normaliseHost(u.Hostname())
	if err != nil {
		var ae *AddressError
		if errors.As(err, &ae) && ae.Suggestion != "" {
			ae.Input, ae.Suggestion = s, u.Scheme+"://"+ae.Suggestion+strings.TrimPrefix(u.EscapedPath(), "/")
			if ae.Suggestion[len(ae.Suggestion)-1] != '/' && u.EscapedPath() == "" {
				ae.Suggestion += "/"
			}
			return "", ae
		}
		if strings.Contains(err.Error(), "for example") {
			return "", addressError(s, err.Error())
		}
		return "", addressError(s, err.Error()+" "+exampleAddress)
	}
	port := u.Port()
	if port != "" {
		if !allDigits(port) || len(port) > 5 || atoi(port) == 0 || atoi(port) > 65535 {
			return "", addressError(s, "The port “"+port+"” is not a number between 1 and 65535. "+exampleAddress)
		}
		port = strings.TrimLeft(port, "0")
		if (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80") {
			port = ""
		}
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	return host, nil
}

// sitePath cuts a path at the first WordPress-owned segment and gives it a trailing slash.
func sitePath(p string) string {
	var kept []string
	for _, seg := range strings.Split(p, "/") {
		if seg == "" {
			continue
		}
		stop := false
		for _, wp := range wordpressPaths {
			if strings.EqualFold(seg, wp) {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		kept = append(kept, seg)
	}
	if len(kept) == 0 {
		return "/"
	}
	return "/" + strings.Join(kept, "/") + "/"
}

func normaliseHost(h string) (string, error) {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "" {
		return "", &AddressError{Message: "The address has no host name."}
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.String(), nil
	}
	if strings.ContainsFunc(h, unicode.IsSpace) {
		return "", &AddressError{Message: "A web address cannot contain spaces (“" + h + "”)."}
	}
	if numericHost(h) {
		// 0, 2130706433 or 0x7f.1 are IP addresses in disguise to a browser, never a shop's name.
		return "", &AddressError{Message: "“" + h + "” is a number, not a store's address. Type the name your shop opens at, for example mystore.com, or a full IP address such as 203.0.113.7."}
	}
	ascii, err := idna.Lookup.ToASCII(h)
	if err != nil || ascii == "" {
		return "", &AddressError{Message: "“" + h + "” is not a valid host name."}
	}
	if !strings.Contains(ascii, "xn--") && ascii != h {
		// Full-width or other look-alike forms of plain letters: say so rather than quietly read them.
		return "", &AddressError{Message: "“" + h + "” is typed with wide or special forms of ordinary letters. Did you mean " + ascii + "?", Suggestion: ascii + "/"}
	}
	for _, label := range strings.Split(ascii, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return "", &AddressError{Message: "“" + h + "” is not a valid host name."}
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return "", &AddressError{Message: "“" + h + "” is not a valid host name."}
			}
		}
	}
	if len(ascii) > 253 {
		return "", &AddressError{Message: "The host name is too long."}
	}
	return ascii, nil
}

// schemeTypoRE catches the start of an address typed almost as http:// or https://: "https:/", "http//",
// "htp://", "htps://", "https;//", "https:".
var schemeTypoRE = regexp.MustCompile(`(?i)^(h{1,2}t{1,3}p{1,2}s?|ht?tps?|htp|htps)\s*([:;]?)\s*(/*)(.*)$`)

// invisible reports characters that show as nothing: zero-width spaces and joiners, the BOM, soft hyphens.
func invisible(r rune) bool { return unicode.Is(unicode.Cf, r) }

// numericHost reports a host made only of numbers (decimal, octal or 0x hex labels) that isn't a normal
// dotted IP address.
func numericHost(h string) bool {
	for _, label := range strings.Split(h, ".") {
		l := strings.TrimPrefix(label, "0x")
		if l == "" && label == "" {
			return false
		}
		if strings.Trim(l, "0123456789abcdef") != "" || label == l && strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}

// hostPart is the text between "://" and the first "/", "?" or "#", for messages about it.
func hostPart(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return s
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
		if n > 1<<20 {
			return n
		}
	}
	return n
}
