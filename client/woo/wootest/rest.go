package wootest

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"hash"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// wpError is WordPress's REST error: {"code":…,"message":…,"data":{"status":…}}.
type wpError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Data    struct {
		Status int `json:"status"`
	} `json:"data"`
}

func newErr(status int, code, message string) *wpError {
	e := &wpError{Code: code, Message: message}
	e.Data.Status = status
	return e
}

// The error bodies of the facts page, word for word.
var (
	errCannotView = func(status int) *wpError {
		return newErr(status, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
	}
	errCannotBatch = func(status int) *wpError {
		return newErr(status, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource.")
	}
	errAuth         = func(msg string) *wpError { return newErr(401, "woocommerce_rest_authentication_error", msg) }
	errNoRoute      = newErr(404, "rest_no_route", "No route was found matching the URL and request method.")
	errNotLoggedIn  = newErr(401, "rest_not_logged_in", "You are not currently logged in.")
	errLoginNeeded  = newErr(401, "rest_login_required", "REST API restricted to authenticated users.")
	msgSecret       = "Consumer secret is invalid."
	msgKey          = "Consumer key is invalid."
	msgNoRead       = "The API key provided does not have read permissions."
	msgNoWrite      = "The API key provided does not have write permissions."
	msgSigMismatch  = "Invalid signature - provided signature does not match."
	msgSigMethod    = "Invalid signature - signature method is invalid."
	msgTimestamp    = "Invalid timestamp."
	msgNonce        = "Invalid nonce - nonce has already been used."
	msgKeyElsewhere = "The provided API key cannot be used to access this endpoint."
	errLoginOnly    = newErr(401, "rest_cannot_access", "Only authenticated users can access the REST API.")
	oauthParamNames = []string{"oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"}
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// rest is WordPress's REST server with WooCommerce's key authentication in front of wc routes.
func (s *Store) rest(w http.ResponseWriter, r *http.Request, cfg Config, route string, keyAuth bool) {
	wooREST := !cfg.NoWooCommerce && !cfg.NoWooREST
	if cfg.BasicAuthPlugin && s.strangerAtTheDoor(r, cfg) {
		// The plugin's login runs for every route once WooCommerce found no key: the header is no user.
		user, _, _ := r.BasicAuth()
		writeJSON(w, 401, newErr(401, "invalid_username", "<strong>Error:</strong> The username <strong>"+user+"</strong> is not registered on this site. If you are unsure of your username, try your email address instead."))
		return
	}
	if route == "/" || route == "" {
		if cfg.RESTLoginOnly || cfg.DisableRESTAPI {
			writeJSON(w, 401, loginOnly(cfg))
			return
		}
		if cfg.HideIndex {
			writeJSON(w, 401, errLoginNeeded)
			return
		}
		s.index(w, r, cfg, wooREST)
		return
	}
	isWC := strings.HasPrefix(route, "/wc/v3/")
	if !isWC || !wooREST {
		switch {
		case !strings.HasPrefix(route, "/wc/") && keyAuthAttempted(r) && !cfg.NoWooCommerce && wooAtLeast(cfg.WooVersion, "11.1"):
			// From WooCommerce 11.1 a key is refused outright outside wc/ routes.
			writeJSON(w, 401, errAuth(msgKeyElsewhere))
		case route == "/wp/v2/users/me" && r.Method == http.MethodGet:
			// Keys only open wc routes.
			writeJSON(w, 401, errNotLoggedIn)
		case cfg.RESTLoginOnly || cfg.DisableRESTAPI:
			writeJSON(w, 401, loginOnly(cfg))
		case cfg.HideIndex:
			writeJSON(w, 401, errLoginNeeded)
		default:
			writeJSON(w, 404, errNoRoute)
		}
		return
	}

	s.wcRoute(w, r, cfg, strings.TrimPrefix(route, "/wc/v3/"), keyAuth)
}

// wcRoute is a wc/v3 route: the key authenticated (as WooCommerce does, before any plugin's rule), its
// use recorded in the keys list, then the endpoint.
func (s *Store) wcRoute(w http.ResponseWriter, r *http.Request, cfg Config, endpoint string, keyAuth bool) {
	var key *Key
	var authErr *wpError
	if keyAuth {
		key, authErr = s.authenticate(r, cfg)
	}
	if authErr == nil && key != nil {
		authErr = checkPermissions(key, r.Method)
	}
	if authErr != nil && r.Method != http.MethodOptions { // measured: OPTIONS is always 200
		writeJSON(w, authErr.Data.Status, authErr)
		return
	}
	if key == nil && (cfg.RESTLoginOnly || cfg.DisableRESTAPI) {
		writeJSON(w, 401, loginOnly(cfg)) // the plugin's rule runs after WooCommerce found no user
		return
	}
	if key != nil && cfg.WooRESTCache && r.Method == http.MethodGet {
		// The cache answers as if the client had asked "has it changed?", which it didn't.
		w.Header().Set("ETag", `W/"5f3a1c2b9e"`)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if key != nil {
		now := s.now()
		s.mu.Lock()
		if k := s.keys[key.ConsumerKey]; k != nil {
			k.LastAccess = now
		}
		s.mu.Unlock()
		if cfg.MoveAPITo != "" {
			http.Redirect(w, r, cfg.MoveAPITo, http.StatusMovedPermanently)
			return
		}
	}

	wcEndpoint(w, r, cfg, endpoint, key)
}

// wcEndpoint answers the endpoints the probes use, for key (nil: no key authenticated).
func wcEndpoint(w http.ResponseWriter, r *http.Request, cfg Config, endpoint string, key *Key) {
	if r.Method == http.MethodOptions && (endpoint == "products" || endpoint == "products/batch" || endpoint == "system_status") {
		// OPTIONS tells nothing about the key; Allow reflects the user.
		allow := "GET"
		if key != nil && key.Role.managesShop() {
			allow = "GET, POST"
		}
		w.Header().Set("Allow", allow)
		writeJSON(w, 200, map[string]any{"namespace": "wc/v3", "methods": strings.Split(allow, ", ")})
		return
	}
	anonymousOr403 := func() int {
		if key == nil {
			return 401
		}
		return 403
	}
	switch {
	case endpoint == "products" && r.Method == http.MethodGet:
		if key == nil || !key.Role.managesShop() {
			writeJSON(w, anonymousOr403(), errCannotView(anonymousOr403()))
			return
		}
		writeJSON(w, 200, []map[string]any{{"id": 1, "name": "Demo T-shirt", "sku": "TS-1", "stock_quantity": 12}})
	case endpoint == "products/batch" && (r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch):
		if key == nil || !key.Role.managesShop() {
			writeJSON(w, anonymousOr403(), errCannotBatch(anonymousOr403()))
			return
		}
		var body map[string]json.RawMessage
		_ = json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&body)
		if len(body) == 0 {
			// {} creates, updates and deletes nothing: the non-destructive write probe.
			writeJSON(w, 200, []any{})
			return
		}
		writeJSON(w, 400, newErr(400, "woocommerce_rest_invalid_request", "This fake store only accepts the empty batch {}."))
	case endpoint == "system_status" && r.Method == http.MethodGet:
		if key == nil || !key.Role.managesShop() {
			writeJSON(w, anonymousOr403(), errCannotView(anonymousOr403()))
			return
		}
		writeJSON(w, 200, map[string]any{"environment": map[string]any{"version": or(cfg.WooVersion, "7.9.0"), "wp_version": or(cfg.WPVersion, "6.1")}})
	default:
		writeJSON(w, 404, errNoRoute)
	}
}

// index is GET /wp-json/ with _fields honoured.
func (s *Store) index(w http.ResponseWriter, r *http.Request, cfg Config, wooREST bool) {
	ns := []string{"oembed/1.0", "wp/v2", "wp-site-health/v1"}
	if wooREST {
		ns = append(ns, "wc/v1", "wc/v2", "wc/v3", "wc/store/v1", "wc-analytics", "wc-admin")
	} else if !cfg.NoWooCommerce {
		ns = append(ns, "wc/store/v1")
	}
	// WordPress offers application passwords only when it sees HTTPS; otherwise "authentication" is [].
	var auth any = []any{}
	home := s.home(r)
	if s.isSSL(r, cfg) {
		auth = map[string]any{"application-passwords": map[string]any{"endpoints": map[string]string{"authorization": home + "wp-admin/authorize-application.php"}}}
	}
	full := map[string]any{"name": "My Store", "description": "Just another WordPress site", "url": strings.TrimSuffix(home, "/"),
		"home": strings.TrimSuffix(home, "/"), "gmt_offset": "0", "timezone_string": "", "namespaces": ns, "authentication": auth, "routes": map[string]any{}}
	if f := r.URL.Query().Get("_fields"); f != "" {
		picked := map[string]any{}
		for _, name := range strings.Split(f, ",") {
			if v, ok := full[strings.TrimSpace(name)]; ok {
				picked[strings.TrimSpace(name)] = v
			}
		}
		full = picked
	}
	w.Header().Add("Link", "<"+home+"wp-json/>; rel=\"https://api.w.org/\"")
	writeJSON(w, 200, full)
}

// authenticate is WC_REST_Authentication::authenticate: Basic or query keys when WordPress sees HTTPS, then
// OAuth 1.0a if that gave no user. A nil key with a nil error is an anonymous request.
func (s *Store) authenticate(r *http.Request, cfg Config) (*Key, *wpError) {
	var authErr *wpError
	if s.isSSL(r, cfg) {
		q := r.URL.Query()
		ck, cs := q.Get("consumer_key"), q.Get("consumer_secret")
		if ck == "" || cs == "" {
			ck, cs, _ = r.BasicAuth()
		}
		if ck != "" && cs != "" {
			if k := s.lookup(strings.TrimSpace(ck)); k != nil {
				if subtle.ConstantTimeCompare([]byte(k.Secret), []byte(cs)) == 1 {
					return k, nil
				}
				authErr = errAuth(msgSecret)
			}
		}
	}
	if k := s.appPassword(r, cfg); k != nil {
		return k, nil
	}
	k, oauthErr, tried := s.oauth(r, cfg)
	if tried {
		return k, oauthErr
	}
	return nil, authErr
}

// oauth is perform_oauth_authentication; tried is false when the request carries no OAuth parameter at all.
func (s *Store) oauth(r *http.Request, cfg Config) (*Key, *wpError, bool) {
	params := url.Values{}
	for k, v := range r.URL.Query() {
		params[k] = v
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		_ = r.ParseForm()
		for k, v := range r.PostForm {
			params[k] = v
		}
	}
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "OAuth ") {
		for _, part := range strings.Split(strings.TrimPrefix(h, "OAuth "), ",") {
			kv := strings.SplitN(strings.TrimSpace(part), "=", 2)
			if len(kv) == 2 && strings.HasPrefix(kv[0], "oauth_") {
				v, _ := url.QueryUnescape(strings.Trim(kv[1], `"`))
				params.Set(kv[0], v)
			}
		}
	}
	var missing []string
	for _, n := range oauthParamNames {
		if params.Get(n) == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == len(oauthParamNames) {
		return nil, nil, false
	}
	if len(missing) > 0 {
		msg := "Missing OAuth parameter " + missing[0]
		if len(missing) > 1 {
			msg = "Missing OAuth parameters " + strings.Join(missing, ", ")
		}
		return nil, newErr(401, "woocommerce_rest_authentication_missing_parameter", msg), true
	}
	k := s.lookup(params.Get("oauth_consumer_key"))
	if k == nil {
		return nil, errAuth(msgKey), true
	}
	var h func() hash.Hash
	switch params.Get("oauth_signature_method") {
	case "HMAC-SHA1":
		h = sha1.New
	case "HMAC-SHA256":
		h = sha256.New
	default:
		return nil, errAuth(msgSigMethod), true
	}
	scheme := "http"
	if s.isSSL(r, cfg) {
		scheme = "https"
	}
	host := r.Host
	if cfg.CanonicalHost != "" {
		host = cfg.CanonicalHost
	}
	baseURI := scheme + "://" + host + r.URL.EscapedPath()
	mac := hmac.New(h, []byte(k.Secret+"&"))
	mac.Write([]byte(strings.ToUpper(r.Method) + "&" + rawurlencode(baseURI) + "&" + normalizedParams(params)))
	want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(params.Get("oauth_signature"))) {
		return nil, errAuth(msgSigMismatch), true
	}
	ts, err := strconv.ParseInt(params.Get("oauth_timestamp"), 10, 64)
	now := s.now().Unix()
	if err != nil || ts < now-15*60 || ts > now+15*60 {
		return nil, errAuth(msgTimestamp), true
	}
	nonceKey := k.ConsumerKey + "|" + params.Get("oauth_nonce")
	s.mu.Lock()
	used := s.nonces[nonceKey]
	s.nonces[nonceKey] = true
	s.mu.Unlock()
	if used {
		return nil, errAuth(msgNonce), true
	}
	return k, nil, true
}

// normalizedParams follows WooCommerce's check_oauth_signature: drop oauth_signature, rawurlencode keys and
// values (with % encoded again), sort by key, and join with %3D and %26. Written independently of the
// client's signer on purpose, so the two check each other.
func normalizedParams(params url.Values) string {
	type kv struct{ k, v string }
	var list []kv
	for k, vs := range params {
		if k == "oauth_signature" {
			continue
		}
		for _, v := range vs {
			list = append(list, kv{
				strings.ReplaceAll(rawurlencode(k), "%", "%25"),
				strings.ReplaceAll(rawurlencode(v), "%", "%25"),
			})
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].k != list[j].k {
			return list[i].k < list[j].k
		}
		return list[i].v < list[j].v
	})
	parts := make([]string, len(list))
	for i, p := range list {
		parts[i] = p.k + "%3D" + p.v
	}
	return strings.Join(parts, "%26")
}

// rawurlencode is PHP's: RFC 3986, everything but A-Z a-z 0-9 - _ . ~ encoded.
func rawurlencode(s string) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexdig[c>>4])
		b.WriteByte(hexdig[c&15])
	}
	return b.String()
}

func (s *Store) lookup(ck string) *Key {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[ck]; k != nil {
		c := *k
		return &c
	}
	return nil
}

// checkPermissions is WC_REST_Authentication::check_permissions: the key's permission against the method.
func checkPermissions(k *Key, method string) *wpError {
	switch method {
	case http.MethodHead, http.MethodGet:
		if k.Permissions != "read" && k.Permissions != "read_write" {
			return errAuth(msgNoRead)
		}
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		if k.Permissions != "write" && k.Permissions != "read_write" {
			return errAuth(msgNoWrite)
		}
	}
	return nil
}
