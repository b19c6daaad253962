package wpadmin

import (
	"net/url"
	"strings"
	"testing"
)

// The pages as the facts page records them on a real store.
func TestPagesAndMenus(t *testing.T) {
	wp, _ := url.Parse("https://mystore.com/shop/")
	if got := URL(wp, AddKey, "8.9.1"); got != "https://mystore.com/shop/wp-admin/admin.php?page=wc-settings&tab=advanced&section=keys&create-key=1" {
		t.Fatal(got)
	}
	if got := URL(wp, Keys, "3.3.5"); !strings.Contains(got, "tab=api&section=keys") || Menu("3.3.5") == Menu("3.4") {
		t.Fatalf("older WooCommerce: %s, %s", got, Menu("3.3.5"))
	}
	if URL(wp, Keys, "3.10") != URL(wp, Keys, "") || URL(wp, None, "") != "" || URL(nil, Keys, "") != "" {
		t.Fatal("3.10 is newer than 3.4; no page, no address")
	}
	wall := LoginWall(wp, URL(wp, AddKey, ""))
	u, _ := url.Parse(wall)
	if !IsLoginWall(u) || u.Query().Get("redirect_to") != URL(wp, AddKey, "") || u.Query().Get("reauth") != "1" {
		t.Fatal(wall)
	}
}
