package service

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/keyrelay/keyrelay/client/access"
)

func TestAnother(t *testing.T) {
	p, err := Another("  Acme   Books ", access.PermRead, "books.example.com/settings/woo#top")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "app-acme-books" || p.Name != "Acme Books" || p.Number != AnotherNumber || p.Transport != access.TransportBasic ||
		p.AccountURL != "https://books.example.com/settings/woo" || !p.IsAnother() || p.KeyDescription != "Acme Books API Key" {
		t.Fatalf("%+v", p)
	}
	if !strings.Contains(p.WhyPermission, "Read key is enough") || !strings.Contains(p.UpdateSteps[0], "just opened") {
		t.Fatalf("%+v", p)
	}
	rw, _ := Another("Acme Books", access.PermReadWrite, "")
	if rw.AccountURL != "" || !strings.Contains(rw.WhyPermission, "Read/Write") || !strings.Contains(rw.UpdateSteps[0], "Open Acme Books") {
		t.Fatalf("%+v", rw)
	}
	if a, b := slug("Café Sync"), slug("Cafe Sync"); a == b || !strings.HasPrefix(a, "caf-sync-") {
		t.Fatalf("slugs %q %q", a, b)
	}
	if s := slug("会計"); len(s) != 8 {
		t.Fatalf("slug %q", s)
	}
	local, err := Another("Dev app", access.PermRead, "http://127.0.0.1:8080/keys")
	if err != nil || local.AccountURL != "http://127.0.0.1:8080/keys" {
		t.Fatalf("a page on this computer over http: %v", err)
	}
	for _, c := range []struct{ name, page, field string }{
		{"", "", "name"},
		{strings.Repeat("x", 61), "", "name"},
		{"bad\x07name", "", "name"},
		{"syncio", "", "name"},
		{"ck_0123456789abcdef0123456789abcdef01234567", "", "name"},
		{"Acme", "http://books.example.com/", "page"},
		{"Acme", "https://user:pw@books.example.com/", "page"},
		{"Acme", "https://", "page"},
		{"Acme", "https://books.example.com/?consumer_secret=cs_0123456789abcdef0123", "page"},
		{"Acme", "ftp://books.example.com/", "page"},
	} {
		_, err := Another(c.name, access.PermRead, c.page)
		ae, ok := err.(*AppError)
		if !ok || ae.Field != c.field || ae.Message == "" {
			t.Errorf("%q %q: %v", c.name, c.page, err)
		}
	}
	// A saved app keeps working when a later version ships a service of its name.
	if p, err := App("Syncio", access.PermRead, ""); err != nil || p.ID != "app-syncio" {
		t.Errorf("a saved app named like a built-in service: %v", err)
	}
	if _, err := Another("Acme", access.PermWrite, ""); err == nil {
		t.Error("write alone is not offered")
	}
}

// What a merchant types as another app never panics and always makes a profile or a plain message.
func FuzzAnother(f *testing.F) {
	for _, s := range []string{"Acme", "https://a.example/x", "http://localhost:1/", "Café", "\x00", "https://[::1]/"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, page string) {
		p, err := Another(name, access.PermRead, page)
		if err != nil {
			if _, ok := err.(*AppError); !ok {
				t.Fatalf("not an AppError: %v", err)
			}
			return
		}
		if !strings.HasPrefix(p.ID, AnotherPrefix) || utf8.RuneCountInString(p.KeyDescription) > 200 || p.AccountURL != "" && !strings.HasPrefix(p.AccountURL, "https://") && !strings.HasPrefix(p.AccountURL, "http://") {
			t.Fatalf("%+v", p)
		}
	})
}
