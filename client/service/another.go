package service

import (
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keyrelay/keyrelay/client/access"
)

// AnotherNumber is "another app" in support codes: an app the merchant named on step 1, not a built-in
// profile. Built-in services and Syncore's partners never use it.
const AnotherNumber = 7

// AnotherPrefix begins the id of every app the merchant named ("app-<its name, slugged>"): built-in ids
// never do, so a saved connection says by its id alone that it is another app's.
const AnotherPrefix = "app-"

// keyShaped is a WooCommerce key or secret, or a long run of hex: never an app's name.
var keyShaped = regexp.MustCompile(`(?i)(ck|cs)_[0-9a-f]{6,}|[0-9a-f]{32,}`)

// maxAppName is the longest name an app may have: it goes into the key's Description (200 at most).
const maxAppName = 60

// AppError is what is wrong with what the merchant typed for another app, in plain words; Field says
// which field ("name" or "page").
type AppError struct {
	Field   string
	Message string
	Drop    bool // what was typed looks like a key: it is dropped from the field, never shown or kept
}

func (e *AppError) Error() string { return e.Message }

// Another is the profile of an app the merchant names on step 1: what it needs (read, or read and write)
// and, optionally, the address of its page that takes the key (https; http only on this computer). It is
// tested as most apps call a store: Basic authentication over HTTPS. Its form is found by the words table
// alone. A name a built-in service has is refused: that service is chosen instead.
func Another(name string, needs access.Permission, page string) (Profile, error) {
	clean := strings.Join(strings.Fields(name), " ")
	for _, p := range Builtin() {
		if strings.EqualFold(p.Name, clean) {
			return Profile{}, &AppError{Field: "name", Message: p.Name + " is in the list above: choose it there, and Key Relay knows its page and its steps."}
		}
	}
	return App(name, needs, page)
}

// App is the profile of an app as a saved connection keeps it: Another without the look at the built-in
// names, so a later version that ships a service of the same name still finds the connection.
func App(name string, needs access.Permission, page string) (Profile, error) {
	name = strings.Join(strings.Fields(name), " ")
	switch {
	case name == "":
		return Profile{}, &AppError{Field: "name", Message: "Type the app's name, as it calls itself (for example “Xero” or “Mailchimp”)."}
	case utf8.RuneCountInString(name) > maxAppName:
		return Profile{}, &AppError{Field: "name", Message: "That name is too long: give the app's name in at most 60 characters."}
	case strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return Profile{}, &AppError{Field: "name", Message: "The name holds characters that can't be shown: type it again."}
	case keyShaped.MatchString(name):
		// A key pasted into the wrong field: refused, so it is shown and kept nowhere (a name goes into reports).
		return Profile{}, &AppError{Field: "name", Message: "That looks like a key, not a name: type the app's name here. The key comes on the next steps.", Drop: true}
	}
	if needs != access.PermRead && needs != access.PermReadWrite {
		return Profile{}, &AppError{Field: "needs", Message: "Choose what " + name + " needs: read, or read and write."}
	}
	page, err := appPage(page)
	if err != nil {
		return Profile{}, err
	}
	p := Profile{ID: AnotherPrefix + slug(name), Number: AnotherNumber, Name: name, Permission: needs, Transport: access.TransportBasic,
		KeyDescription: name + " API Key", AccountURL: page}
	p.WhyPermission = name + " only reads from your store, so a Read key is enough: it can't change anything."
	if needs == access.PermReadWrite {
		p.WhyPermission = name + " reads your store and writes to it (for example stock, orders or products), so the key needs Read/Write."
	}
	first := "Open " + name + " and log in."
	if page != "" {
		first = "Log in to " + name + " (the page that just opened)."
	}
	p.UpdateSteps = []string{first,
		"Find where " + name + " asks for a WooCommerce consumer key and consumer secret (often under Settings, Integrations or Connections).",
		"Paste the consumer key and the consumer secret with the buttons below, then save them in " + name + "."}
	p.StillFailing = []string{
		"Check that " + name + " has your store's address exactly as Key Relay checked it.",
		"Make sure both the consumer key and the consumer secret were pasted, with nothing before or after them.",
		"Contact " + name + "'s support and give them the support code shown at the top right of this window."}
	return p, nil
}

// IsAnother reports whether p is an app the merchant named.
func (p Profile) IsAnother() bool { return strings.HasPrefix(p.ID, AnotherPrefix) }

// appPage is the app's page as typed: "" stays "" (the copy buttons then); a bare host gets https://.
func appPage(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	bad := &AppError{Field: "page", Message: "That isn't a web address: paste the address of the app's page that takes the key, as your browser shows it (https://…)."}
	switch {
	case err != nil || u.Host == "" || u.Hostname() == "" || len(s) > 2000:
		return "", bad
	case keyShaped.MatchString(s):
		return "", &AppError{Field: "page", Message: "That address carries a key: paste the page's address without it. The key comes on the next steps.", Drop: true}
	case u.User != nil:
		return "", &AppError{Field: "page", Message: "That address carries a user name or password: paste it without them."}
	case u.Scheme == "http" && loopback(u.Hostname()):
	case u.Scheme != "https":
		return "", &AppError{Field: "page", Message: "The app's page must be a secure one (https://): Key Relay puts a key only into a page no one between can read."}
	}
	u.Fragment = ""
	return u.String(), nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// slug is the app's name as an id: its ASCII letters and digits, lower-case, with dashes; a short hash of
// the name follows when it has anything beyond ASCII (a name in another script).
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	if !asciiOnly(name) {
		h := sha256.Sum256([]byte(name)) // names that differ only beyond ASCII never share an id
		s = strings.Trim(s+"-"+hex.EncodeToString(h[:4]), "-")
	}
	return s
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
