package woo

import "net/url"

// Remembered is a store as a saved connection knows it, without looking at it: its home and the API root
// its key was proven at. Both must be on the store's own origin, as discovery kept them; otherwise ok is
// false and the store is looked at again. Checking a key against it sends only the read and write probes.
func Remembered(home, api string) (d *Discovery, ok bool) {
	addr, err := ParseAddress(home)
	if err != nil || api == "" {
		return nil, false
	}
	root, err := url.Parse(api)
	if err != nil || root.Scheme != addr.URL.Scheme || root.Host != addr.URL.Host || root.User != nil || root.Fragment != "" {
		return nil, false
	}
	return &Discovery{Typed: addr, Home: addr.URL, APIRoot: root, WordPress: addr.URL, HTTPS: root.Scheme == "https",
		Namespaces: []string{"wc/v3"}}, true
}
