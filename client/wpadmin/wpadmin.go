// Package wpadmin is Key Relay's one model of the WordPress admin pages it works with: where they are,
// the Add key form's ids, the keys list's columns and links, the AJAX call behind "Generate API key", and
// the login wall in front of them, as shared/woocommerce-key-facts.md records them on a real store. The
// diagnoses, the step texts, the fake store's pages and the browser driver all read it from here.
package wpadmin

import (
	"fmt"
	"net/url"
	"strings"
)

// Page is a wp-admin page relative to the WordPress address's wp-admin/, e.g. "options-permalink.php".
type Page string

// The pages.
const (
	None       Page = ""
	Permalinks Page = "options-permalink.php"
	Keys       Page = "admin.php?page=wc-settings&tab=advanced&section=keys"
	AddKey     Page = "admin.php?page=wc-settings&tab=advanced&section=keys&create-key=1"
	Users      Page = "users.php"
	Plugins    Page = "plugins.php"
	AddPlugin  Page = "plugin-install.php?s=woocommerce&tab=search&type=term"
	SiteHealth Page = "site-health.php"
	General    Page = "options-general.php"
	Status     Page = "admin.php?page=wc-status"
	// WooCommerce older than LegacyUntil keeps keys under Settings > API.
	legacyKeys  Page = "admin.php?page=wc-settings&tab=api&section=keys"
	legacyAdd   Page = "admin.php?page=wc-settings&tab=api&section=keys&create-key=1"
	LegacyUntil      = "3.4"
)

// Menu is the path a merchant clicks to reach the Add key form, in WooCommerce's words.
func Menu(wooVersion string) string {
	if Legacy(wooVersion) {
		return "WooCommerce > Settings > API > Keys/Apps > Add key"
	}
	return "WooCommerce > Settings > Advanced > REST API > Add key"
}

// The Add key form (WooCommerce > Settings > Advanced > REST API > Add key).
const (
	FieldDescription = "key_description" // text, at most DescriptionMax characters
	FieldUser        = "key_user"        // select (selectWoo), the logged-in user by default
	FieldPermissions = "key_permissions" // select: read, write, read_write; read by default
	ButtonGenerate   = "update_api_key"  // "Generate API key"
	// After generation the page shows the pair, once, in read-only inputs with Copy buttons.
	FieldConsumerKey    = "key_consumer_key"
	FieldConsumerSecret = "key_consumer_secret"
	DescriptionMax      = 200
	// "Generate API key" posts to wp-admin/admin-ajax.php with this action, a nonce in "security",
	// key_id=0, description, user and permissions.
	AJAX       = "admin-ajax.php"
	AJAXAction = "woocommerce_update_api_key"
)

// The keys list (…&section=keys).
var KeysListColumns = []string{"Description", "Consumer key ending in", "User", "Permissions", "Last access"}

const (
	// EditParam and RevokeParam carry a key's id in the keys list's View/Edit and Revoke links.
	EditParam   = "edit-key"
	RevokeParam = "revoke-key"
	// NeverUsed is the Last access column of a key no request has used yet.
	NeverUsed = "Unknown"
	// EndingLength is how much of a consumer key the list shows ("ending in 3157696").
	EndingLength = 7
)

// Login is the login form a page sends visitors without a session to.
const Login = "wp-login.php"

// Legacy reports a WooCommerce version older than LegacyUntil, whose keys live under Settings > API.
func Legacy(wooVersion string) bool { return wooVersion != "" && versionLess(wooVersion, LegacyUntil) }

// URL resolves p for the WordPress install at wpURL (its address, ending in /), with the menu of the
// store's WooCommerce version; "" for None.
func URL(wpURL *url.URL, p Page, wooVersion string) string {
	if wpURL == nil || p == None {
		return ""
	}
	if Legacy(wooVersion) {
		switch p {
		case Keys:
			p = legacyKeys
		case AddKey:
			p = legacyAdd
		}
	}
	base := *wpURL
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base.String() + "wp-admin/" + string(p)
}

// LoginWall is where a page sends a visitor without a session: the login form, which returns to the page
// after logging in (measured: wp-login.php?redirect_to=<the page, encoded>&reauth=1).
func LoginWall(wpURL *url.URL, page string) string {
	base := *wpURL
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	return base.String() + Login + "?redirect_to=" + url.QueryEscape(page) + "&reauth=1"
}

// IsLoginWall reports whether u is WordPress's login form.
func IsLoginWall(u *url.URL) bool { return strings.HasSuffix(u.Path, "/"+Login) }

// versionLess compares dotted version numbers numerically ("3.10" is newer than "3.4").
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y int
		if i < len(as) {
			fmt.Sscanf(as[i], "%d", &x)
		}
		if i < len(bs) {
			fmt.Sscanf(bs[i], "%d", &y)
		}
		if x != y {
			return x < y
		}
	}
	return false
}
