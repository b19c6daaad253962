// Package access says what a key may do (its permission, as WooCommerce names it) and how a service sends
// it (its transport): what a service's profile asks of a key, and what a check must prove the same way.
package access

// Permission is what a key may do, as WooCommerce names it.
type Permission string

const (
	PermRead      Permission = "read"
	PermWrite     Permission = "write"
	PermReadWrite Permission = "read_write"
)

// CanRead and CanWrite say what a key with permission p may do.
func (p Permission) CanRead() bool  { return p == PermRead || p == PermReadWrite }
func (p Permission) CanWrite() bool { return p == PermWrite || p == PermReadWrite }

// Covers reports whether a key with permission p can do everything need asks for.
func (p Permission) Covers(need Permission) bool {
	return (!need.CanRead() || p.CanRead()) && (!need.CanWrite() || p.CanWrite())
}

// Label is the permission as WordPress's Permissions menu shows it.
func (p Permission) Label() string {
	switch p {
	case PermRead:
		return "Read"
	case PermWrite:
		return "Write"
	case PermReadWrite:
		return "Read/Write"
	}
	return "unknown"
}

// Requirement is what a sync service needs from a key, and how it will call the store with it: a verdict
// says "works" only when the probes succeeded the way the service calls.
type Requirement struct {
	Service    string     // display name, e.g. "Syncio"
	Permission Permission // e.g. read_write
	// Transport is how the service sends the key: TransportBasic and TransportQuery go to the store's
	// https:// address only; TransportOAuth signs each request (over http:// or https://, the store's own
	// scheme). "" means TransportBasic, what most services send.
	Transport Transport
	// WriteMethod is how the service sends its updates: "" (POST, as the write probe does) or "PUT";
	// firewalls refuse some methods alone, so a PUT service's writes are tested by PUT as well.
	WriteMethod string
}

// Sends is how the service sends the key, "" read as TransportBasic.
func (r Requirement) Sends() Transport {
	if r.Transport == "" {
		return TransportBasic
	}
	return r.Transport
}

// Transport is how the key travels.
type Transport string

const (
	TransportBasic Transport = "basic"       // HTTPS, Authorization: Basic
	TransportQuery Transport = "query"       // HTTPS, consumer_key/consumer_secret in the query string
	TransportOAuth Transport = "oauth1-hmac" // OAuth 1.0a signed: the secret never travels
)

// Valid reports whether t is one of the transports above.
func (t Transport) Valid() bool {
	return t == TransportBasic || t == TransportQuery || t == TransportOAuth
}

// Words says how a request with transport t carries the key, for "Tested …, as Syncio sends it".
func (t Transport) Words(https bool) string {
	scheme := "HTTP"
	if https {
		scheme = "HTTPS"
	}
	switch t {
	case TransportQuery:
		return "over HTTPS with the key in the address (consumer_key and consumer_secret)"
	case TransportOAuth:
		return "over " + scheme + " with signed requests (OAuth 1.0a), which never send the secret"
	}
	return "over HTTPS with the key in the Authorization header"
}
