package wootest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// users are the store's WordPress accounts, as the Add key form's User menu lists them.
type user struct {
	ID    int
	Login string
	Role  Role
}

var users = []user{{1, "admin", Administrator}, {2, "shopmanager", ShopManager}, {3, "customer", Customer}}

// admin serves wp-admin. A real store sends visitors who are not logged in to the login form (which comes
// back to the page asked for); with Config.Admin the sandbox acts as if the merchant were logged in and
// serves WooCommerce's REST API keys pages with the real form ids.
func (s *Store) admin(w http.ResponseWriter, r *http.Request, cfg Config, rel string) {
	if rel == "/"+wpadmin.Login {
		s.login(w, r, cfg)
		return
	}
	user := s.user(r, cfg)
	if user == "" && rel == "/wp-admin/"+wpadmin.AJAX {
		// admin-ajax.php isn't behind the login wall: an action only logged-in users have answers 0.
		noCache(w)
		http.Error(w, "0", http.StatusBadRequest)
		return
	}
	if user == "" {
		home, _ := url.Parse(s.home(r))
		asked := *home // the page asked for, as an absolute address: the login comes back to it
		asked.Path, asked.RawQuery = r.URL.Path, r.URL.RawQuery
		http.Redirect(w, r, wpadmin.LoginWall(home, asked.String()), http.StatusFound)
		return
	}
	if !canManage(user) && rel != "/wp-admin/" && rel != "/wp-admin/index.php" {
		// What WordPress's wp_die() answers a logged-in user without manage_woocommerce on its pages.
		noCache(w)
		htmlPage(w, http.StatusForbidden, "WordPress › Error", `<div class="wp-die-message">Sorry, you are not allowed to access this page.</div>`)
		return
	}
	q := r.URL.Query()
	switch {
	case rel == "/wp-admin/"+wpadmin.AJAX && r.Method == http.MethodPost && r.FormValue("action") == wpadmin.AJAXAction:
		s.ajaxUpdateKey(w, r)
	case rel == "/wp-admin/admin.php" && q.Get("page") == "wc-settings" && q.Get("section") == "keys":
		switch {
		case q.Has("create-key"):
			s.addKeyPage(w, r)
		case q.Has(wpadmin.EditParam):
			s.editKeyPage(w, r)
		case q.Has(wpadmin.RevokeParam):
			id, _ := strconv.Atoi(q.Get(wpadmin.RevokeParam))
			for _, k := range s.Keys() {
				if k.ID == id {
					s.Revoke(k.ConsumerKey)
				}
			}
			s.keysPage(w, r, "1 API key permanently revoked.")
		default:
			s.keysPage(w, r, "")
		}
	default:
		htmlPage(w, http.StatusOK, "Dashboard ‹ My Store — WordPress", `<h1>Dashboard</h1><p><a href="admin.php?page=wc-settings&amp;tab=advanced&amp;section=keys">WooCommerce &gt; Settings &gt; Advanced &gt; REST API</a></p>`)
	}
}

// loggedInCookie is WordPress's login cookie (its real name ends in a hash of the site address).
const loggedInCookie = "wordpress_logged_in_keyrelay"

// user is the login of the WordPress user r comes from; "" without a session. With Config.Admin every
// visitor is the administrator.
func (s *Store) user(r *http.Request, cfg Config) string {
	if cfg.Admin {
		return "admin"
	}
	c, err := r.Cookie(loggedInCookie)
	if err != nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[c.Value]
}

// canManage reports whether the user may manage WooCommerce (the REST API keys pages ask for it).
func canManage(login string) bool {
	for _, u := range users {
		if u.Login == login {
			return u.Role == Administrator || u.Role == ShopManager
		}
	}
	return false
}

// Logout ends every wp-admin session, as when WordPress's login expires or the merchant logs out
// elsewhere.
func (s *Store) Logout() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.sessions)
}

// login is wp-login.php: the form (user_login, user_pass, rememberme, wp-submit, and the page to return
// to), and on the right password a session cookie, kept past the browser's closing only with Remember Me.
func (s *Store) login(w http.ResponseWriter, r *http.Request, cfg Config) {
	back := r.FormValue("redirect_to")
	problem := ""
	if r.Method == http.MethodPost {
		// Every user of the site logs in with the same password here: the customer is how a login
		// without the right to manage the shop is tried.
		if login := r.FormValue("log"); cfg.AdminPassword != "" && slices.ContainsFunc(users, func(u user) bool { return u.Login == login }) && r.FormValue("pwd") == cfg.AdminPassword {
			token := nonce() + nonce()
			s.mu.Lock()
			s.sessions[token] = login
			s.mu.Unlock()
			c := &http.Cookie{Name: loggedInCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode}
			if r.FormValue("rememberme") == "forever" {
				c.Expires = time.Now().Add(14 * 24 * time.Hour)
			}
			http.SetCookie(w, c)
			if u, err := url.Parse(back); back == "" || err != nil || u.Host != "" && u.Host != r.Host {
				back = s.home(r) + "wp-admin/" // only back to this site
			}
			http.Redirect(w, r, back, http.StatusFound)
			return
		}
		problem = `<div id="login_error"><strong>Error:</strong> The password you entered for the username ` + html.EscapeString(r.FormValue("log")) + ` is incorrect.</div>`
	}
	noCache(w)
	htmlPage(w, http.StatusOK, "Log In ‹ My Store — WordPress", problem+`<form name="loginform" id="loginform" method="post" action="`+wpadmin.Login+`">
<p><label for="user_login">Username or Email Address</label><input type="text" name="log" id="user_login"></p>
<p><label for="user_pass">Password</label><input type="password" name="pwd" id="user_pass"></p>
<p class="forgetmenot"><input name="rememberme" type="checkbox" id="rememberme" value="forever"> <label for="rememberme">Remember Me</label></p>
<input type="hidden" name="redirect_to" value="`+html.EscapeString(back)+`">
<p class="submit"><input type="submit" name="wp-submit" id="wp-submit" class="button button-primary" value="Log In"></p></form>`)
}

// uid is the logged-in user's id; 0 without a session.
func (s *Store) uid(r *http.Request) int {
	login := s.user(r, s.config())
	for _, u := range users {
		if u.Login == login {
			return u.ID
		}
	}
	return 0
}

func nonce() string {
	var b [5]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func keysURL(r *http.Request) string {
	return "admin.php?page=wc-settings&tab=" + tab(r) + "&section=keys"
}

func tab(r *http.Request) string {
	if r.URL.Query().Get("tab") == "api" {
		return "api" // WooCommerce older than 3.4
	}
	return "advanced"
}

const adminStyle = `<style>body{font:15px/1.5 -apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f0f0f1;color:#1d2327}
#wpadminbar{background:#1d2327;color:#fff;padding:6px 16px}#wpbody{padding:20px 32px}.form-table th{text-align:left;width:180px;padding:10px 0}
input[type=text],select{font-size:15px;padding:4px 8px;width:420px}.button-primary{background:#2271b1;color:#fff;border:0;padding:8px 16px;font-size:15px;border-radius:3px;cursor:pointer}
.notice{background:#fff;border-left:4px solid #00a32a;padding:8px 12px;margin:12px 0}.notice-warning{border-left-color:#dba617}table.widefat{background:#fff;border-collapse:collapse}
table.widefat td,table.widefat th{padding:8px 12px;border-bottom:1px solid #dcdcde;text-align:left}.demo{background:#fcf0c3;padding:6px 16px}</style>`

// noCache sends what WordPress's nocache_headers() sends on every wp-admin page and AJAX answer: nothing
// of them (a new key's secret among them) is kept in a browser's cache.
func noCache(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private")
	w.Header().Set("Expires", "Wed, 11 Jan 1984 05:00:00 GMT")
}

func (s *Store) adminPage(w http.ResponseWriter, r *http.Request, title, body string) {
	noCache(w)
	// Every wp-admin page tells its scripts who is logged in (userSettings.uid), as WordPress's do.
	page := adminStyle + `<script>var userSettings = {"url":"/","uid":"` + itoa(s.uid(r)) + `","secure":""};</script><div id="wpadminbar">My Store · WooCommerce</div>`
	if s.config().Admin {
		page += `<div class="demo">Sandbox store on this computer (Key Relay demo). It behaves like WooCommerce; nothing here is real.</div>`
	}
	htmlPage(w, http.StatusOK, title+" ‹ My Store — WordPress", page+`<div id="wpbody">`+body+`</div>`)
}

// addKeyPage is WooCommerce > Settings > Advanced > REST API > Add key: the form, and after "Generate API
// key" the new key and secret in read-only fields with Copy buttons, shown once.
func (s *Store) addKeyPage(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		k, err := s.generate(r)
		if err != "" {
			s.keyForm(w, r, err)
			return
		}
		qr := k.ConsumerKey + "|" + k.Secret
		s.adminPage(w, r, "Key details", `<h1>Key details</h1>
<div class="notice notice-success"><p>API Key generated successfully. Make sure to copy your new keys now as the secret key will be hidden once you leave this page.</p></div>
<table class="form-table">
<tr><th>Consumer key</th><td><input id="`+wpadmin.FieldConsumerKey+`" type="text" value="`+k.ConsumerKey+`" size="55" readonly="readonly"> <button type="button" class="button-secondary copy-key" onclick="copyField('`+wpadmin.FieldConsumerKey+`', this)">Copy</button></td></tr>
<tr><th>Consumer secret</th><td><input id="`+wpadmin.FieldConsumerSecret+`" type="text" value="`+k.Secret+`" size="55" readonly="readonly"> <button type="button" class="button-secondary copy-secret" onclick="copyField('`+wpadmin.FieldConsumerSecret+`', this)">Copy</button></td></tr>
<tr><th>QRCode</th><td><div id="keys-qrcode" data-qr="`+qr+`"><code>`+qr+`</code></div></td></tr>
</table>
<p><a href="`+keysURL(r)+`">Back to the keys list</a></p>
<script>
function copyField(id, button) {
  var el = document.getElementById(id);
  var done = function () { button.textContent = 'Copied!'; };
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(el.value).then(done); return; }
  el.select(); document.execCommand('copy'); done();
}
</script>`)
		return
	}
	s.keyForm(w, r, "")
}

func (s *Store) keyForm(w http.ResponseWriter, r *http.Request, problem string) {
	var opts strings.Builder
	for _, u := range users {
		sel := "" // the logged-in user is chosen, as on WooCommerce's form
		if u.ID == s.uid(r) {
			sel = ` selected="selected"`
		}
		fmt.Fprintf(&opts, `<option value="%d"%s>%s (%s)</option>`, u.ID, sel, u.Login, u.Role)
	}
	notice := ""
	if problem != "" {
		notice = `<div class="notice notice-warning"><p>` + html.EscapeString(problem) + `</p></div>`
	}
	s.adminPage(w, r, "Key details", `<h1>Key details</h1>`+notice+`
<form method="post" id="key-form" action="admin.php?page=wc-settings&amp;tab=`+tab(r)+`&amp;section=keys&amp;create-key=1">
<input type="hidden" name="security" value="`+nonce()+`"><input type="hidden" name="key_id" value="0">
<table class="form-table">
<tr><th><label for="`+wpadmin.FieldDescription+`">Description</label></th><td><input maxlength="`+itoa(wpadmin.DescriptionMax)+`" id="`+wpadmin.FieldDescription+`" name="description" type="text" value=""></td></tr>
<tr><th><label for="`+wpadmin.FieldUser+`">User</label></th><td><select id="`+wpadmin.FieldUser+`" name="user">`+opts.String()+`</select></td></tr>
<tr><th><label for="`+wpadmin.FieldPermissions+`">Permissions</label></th><td><select id="`+wpadmin.FieldPermissions+`" name="permissions"><option value="read" selected="selected">Read</option><option value="write">Write</option><option value="read_write">Read/Write</option></select></td></tr>
</table>
<p class="submit"><button type="submit" class="button button-primary" id="`+wpadmin.ButtonGenerate+`" name="`+wpadmin.ButtonGenerate+`">Generate API key</button></p>
</form>
<table class="form-table" id="api-keys-result" style="display:none">
<tr><th>Consumer key</th><td><input id="`+wpadmin.FieldConsumerKey+`" type="text" value="" size="55" readonly="readonly"></td></tr>
<tr><th>Consumer secret</th><td><input id="`+wpadmin.FieldConsumerSecret+`" type="text" value="" size="55" readonly="readonly"></td></tr>
</table>
<script>
// As WooCommerce's own page does: Generate posts to admin-ajax.php and fills the read-only fields with
// the answer; the page itself never reloads (without JavaScript the form posts, as a fallback).
document.getElementById('key-form').addEventListener('submit', function (e) {
  e.preventDefault();
  var f = e.target;
  var body = new URLSearchParams({action: '`+wpadmin.AJAXAction+`', security: f.security.value, key_id: '0',
    description: f.description.value, user: f.user.value, permissions: f.permissions.value});
  fetch('`+wpadmin.AJAX+`', {method: 'POST', body: body, credentials: 'same-origin'})
    .then(function (r) { return r.json(); })
    .then(function (d) {
      if (!d.success) { alert(d.data.message); return; }
      document.getElementById('`+wpadmin.FieldConsumerKey+`').value = d.data.consumer_key;
      document.getElementById('`+wpadmin.FieldConsumerSecret+`').value = d.data.consumer_secret;
      document.getElementById('api-keys-result').style.display = '';
      f.style.display = 'none';
    });
});
</script>`)
}

// generate makes a key from the posted form, with WooCommerce's checks.
func (s *Store) generate(r *http.Request) (Key, string) {
	desc := strings.TrimSpace(r.FormValue("description"))
	perm := r.FormValue("permissions")
	uid, _ := strconv.Atoi(r.FormValue("user"))
	switch {
	case desc == "":
		return Key{}, "Description is missing."
	case len(desc) > wpadmin.DescriptionMax:
		return Key{}, "Description is too long."
	case perm != "read" && perm != "write" && perm != "read_write":
		return Key{}, "Permissions are missing."
	}
	for _, u := range users {
		if u.ID == uid {
			k := s.AddKey(desc, u.Role, perm)
			s.mu.Lock()
			s.keys[k.ConsumerKey].UserLogin = u.Login
			s.mu.Unlock()
			k.UserLogin = u.Login
			return k, ""
		}
	}
	return Key{}, "User is missing."
}

// ajaxUpdateKey is admin-ajax.php?action=woocommerce_update_api_key, what the real page's button posts.
func (s *Store) ajaxUpdateKey(w http.ResponseWriter, r *http.Request) {
	noCache(w)
	k, problem := s.generate(r)
	if problem != "" {
		writeJSON(w, 200, map[string]any{"success": false, "data": map[string]string{"message": problem}})
		return
	}
	uid := 0
	for _, u := range users {
		if u.Login == k.UserLogin {
			uid = u.ID
		}
	}
	writeJSON(w, 200, map[string]any{"success": true, "data": map[string]any{
		"user_id": uid, "permissions": k.Permissions, "consumer_key": k.ConsumerKey, "consumer_secret": k.Secret,
		"truncated_key": k.Truncated(), "message": "API Key generated successfully. Make sure to copy your new keys now as the secret key will be hidden once you leave this page.",
	}})
}

// keysPage is the keys list: descriptions, "Consumer key ending in …", users, permissions, Revoke.
func (s *Store) keysPage(w http.ResponseWriter, r *http.Request, notice string) {
	var rows strings.Builder
	for _, k := range s.Keys() {
		// Last access as the real list shows it: to the minute, in the site's date and time format
		// (WordPress's default "F j, Y" at "g:i a"), "Unknown" before any use.
		last := wpadmin.NeverUsed
		if !k.LastAccess.IsZero() {
			last = k.LastAccess.In(time.UTC).Format("January 2, 2006 at 3:04 pm")
		}
		base := keysURL(r)
		fmt.Fprintf(&rows, `<tr><th scope="row" class="check-column"><input type="checkbox" name="key[]" value="%d" /></th><td class='title column-title has-row-actions column-primary' data-colname="Description"><strong><a href="%s&amp;`+wpadmin.EditParam+`=%d" class="row-title">%s</a></strong><div class="row-actions"><span class="id">ID: %d | </span><span class="edit"><a href="%s&amp;`+wpadmin.EditParam+`=%d">View/Edit</a> | </span><span class="trash"><a class="submitdelete" href="%s&amp;`+wpadmin.RevokeParam+`=%d&amp;_wpnonce=%s">Revoke</a></span></div></td><td class='truncated_key column-truncated_key' data-colname="Consumer key ending in"><code>…%s</code></td><td class='user column-user' data-colname="User">%s</td><td class='permissions column-permissions' data-colname="Permissions">%s</td><td class='last_access column-last_access' data-colname="Last access">%s</td></tr>`,
			k.ID, html.EscapeString(base), k.ID, html.EscapeString(k.Description), k.ID, html.EscapeString(base), k.ID, html.EscapeString(base), k.ID, nonce(),
			k.Truncated(), html.EscapeString(k.UserLogin), permLabel(k.Permissions), last)
	}
	if notice != "" {
		notice = `<div class="notice"><p>` + notice + `</p></div>`
	}
	s.adminPage(w, r, "REST API", `<h1>REST API <a class="page-title-action" href="`+keysURL(r)+`&amp;create-key=1">Add key</a></h1>`+notice+`
<table class="wp-list-table widefat fixed striped keys"><thead><tr><td class="manage-column column-cb check-column"><input type="checkbox"></td><th>`+strings.Join(wpadmin.KeysListColumns, "</th><th>")+`</th></tr></thead><tbody id="the-list">`+rows.String()+`</tbody></table>`)
}

// editKeyPage is a key's View/Edit form: permissions can change; key and secret stay.
func (s *Store) editKeyPage(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.Atoi(r.URL.Query().Get(wpadmin.EditParam))
	var key *Key
	for _, k := range s.Keys() {
		if k.ID == id {
			k := k
			key = &k
		}
	}
	if key == nil {
		s.keysPage(w, r, "That key no longer exists.")
		return
	}
	if r.Method == http.MethodPost {
		if p := r.FormValue("permissions"); p == "read" || p == "write" || p == "read_write" {
			s.SetPermissions(key.ConsumerKey, p)
			key.Permissions = p
		}
	}
	var opts strings.Builder
	for _, p := range []string{"read", "write", "read_write"} {
		sel := ""
		if p == key.Permissions {
			sel = ` selected="selected"`
		}
		fmt.Fprintf(&opts, `<option value="%s"%s>%s</option>`, p, sel, permLabel(p))
	}
	s.adminPage(w, r, "Key details", `<h1>Key details</h1>
<form method="post" id="key-form"><input type="hidden" name="key_id" value="`+strconv.Itoa(key.ID)+`">
<table class="form-table">
<tr><th><label for="key_description">Description</label></th><td><input id="key_description" name="description" type="text" value="`+html.EscapeString(key.Description)+`"></td></tr>
<tr><th>Consumer key ending in</th><td><code>…`+key.Truncated()+`</code></td></tr>
<tr><th><label for="key_permissions">Permissions</label></th><td><select id="key_permissions" name="permissions">`+opts.String()+`</select></td></tr>
</table>
<p class="submit"><button type="submit" class="button button-primary" id="update_api_key" name="update_api_key">Save changes</button></p></form>`)
}

func permLabel(p string) string {
	switch p {
	case "read":
		return "Read"
	case "write":
		return "Write"
	}
	return "Read/Write"
}
