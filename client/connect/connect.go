// Package connect is a connection between a store and a sync service, below the screens: the one sequence
// that turns what a merchant typed into a verdict (parse → discover → check), and a connection's facts,
// keyed by the store as discovered. The wizard, the demo and keyrelay-check all go through it, so they
// give the same verdict in the same words.
package connect

import (
	"context"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Looked is a store as discovery found it, from what was typed.
type Looked struct {
	Typed     string // what the merchant typed, as parsed (never the raw text: it can hold anything pasted)
	Address   woo.Address
	Discovery *woo.Discovery
}

// Store is the store's name everything is keyed by: its home address as discovered (after redirects,
// with the folder WordPress lives in), not the text typed, which can name the same store many ways.
func (l *Looked) Store() string { return StoreOf(l.Discovery, l.Address) }

// StoreOf is the key for a store: the discovered home, or the parsed address when discovery has not run.
func StoreOf(d *woo.Discovery, a woo.Address) string {
	if d != nil && d.Home != nil {
		return d.Home.String()
	}
	if a.URL != nil {
		return a.String()
	}
	return ""
}

// Found is the store at a as d found it; a discovery made for another address is dropped.
func Found(a woo.Address, d *woo.Discovery) *Looked {
	if d != nil && d.Typed.String() != a.String() {
		d = nil
	}
	return &Looked{Typed: a.String(), Address: a, Discovery: d}
}

// Look parses what was typed and looks at the store, without a key. A bad address is a *woo.AddressError;
// the only other error is the context's. What the store lacks is in Discovery.Blocker.
func Look(ctx context.Context, c *woo.Client, typed string) (*Looked, error) {
	a, err := woo.ParseAddress(typed)
	if err != nil {
		return nil, err
	}
	return LookAt(ctx, c, a)
}

// LookAt looks at the store at a, an address parsed once where it was typed.
func LookAt(ctx context.Context, c *woo.Client, a woo.Address) (*Looked, error) {
	d, err := c.Discover(ctx, a)
	if err != nil {
		return nil, err
	}
	return &Looked{Typed: a.String(), Address: a, Discovery: d}, nil
}

// Check tests creds at the store l found, for the service described by need. With fresh, the store is
// looked at again first, so what the merchant fixed in WordPress since counts.
func Check(ctx context.Context, c *woo.Client, l *Looked, creds woo.Credentials, need access.Requirement, fresh bool) (*Looked, *woo.Verdict, error) {
	if fresh || l.Discovery == nil {
		d, err := c.Discover(ctx, l.Address)
		if err != nil {
			return nil, nil, err
		}
		l = &Looked{Typed: l.Typed, Address: l.Address, Discovery: d}
	}
	v, err := c.Check(ctx, l.Discovery, creds, need)
	if err != nil {
		return nil, nil, err
	}
	return l, v, nil
}

// Run is the whole sequence at once, for the command line and the demo's sandbox service.
func Run(ctx context.Context, c *woo.Client, typed string, creds woo.Credentials, need access.Requirement) (*Looked, *woo.Verdict, error) {
	l, err := Look(ctx, c, typed)
	if err != nil {
		return nil, nil, err
	}
	return Check(ctx, c, l, creds, need, false)
}

// Connection is one store connected to one service, as a list of connections shows it: no secret, the
// key by the ending WooCommerce's keys list shows.
type Connection struct {
	Store      string // the store as discovered (its home address)
	Service    string // the service's id
	Key        string // masked: ck_…3157696
	Permission access.Permission
	Created    time.Time
	Verified   time.Time // when a live check last passed; zero before
	LastResult string    // "fit" or the last diagnosis code; "" when never checked
	LastCheck  time.Time
	// OldKey is the key being replaced (masked) until the store is proven to refuse it; "" when none.
	OldKey string
}

// FromItem is the connection a saved item describes.
func FromItem(it vault.Item) Connection {
	c := Connection{Store: it.Store, Service: it.Service, Key: redact.MaskKey(it.Key), Permission: access.Permission(it.Permission),
		Created: it.Created, Verified: it.Verified, LastResult: it.LastResult, LastCheck: it.LastCheck}
	if it.Replacing != nil {
		c.OldKey = redact.MaskKey(it.Replacing.Key)
	}
	if it.Source == syncore.ID {
		c.Key = "Syncore key " + syncore.Mask(it.Key)
		if it.Replacing != nil {
			c.OldKey = "Syncore key " + syncore.Mask(it.Replacing.Key)
		}
	}
	return c
}

// ProveRefused checks, live, that the store now refuses the old key of a replacement: true only when the
// store says it doesn't know the key (it was revoked). Anything else (it still works, the store can't be
// reached) is not proof, and the verdict says what happened.
func ProveRefused(ctx context.Context, c *woo.Client, store string, old vault.OldKey, need access.Requirement) (bool, *woo.Verdict, error) {
	_, v, err := Run(ctx, c, store, woo.Credentials{Key: old.Key, Secret: old.Secret}, need)
	if err != nil {
		return false, nil, err
	}
	return !v.Fit && v.Issue.Code == woo.KeyUnknown, v, nil
}

// Result is how a verdict is remembered: "fit" or its diagnosis's code.
func Result(v *woo.Verdict) string {
	if v == nil {
		return ""
	}
	if v.Fit {
		return "fit"
	}
	return string(v.Issue.Code)
}

// Saved lists the connections kept on this computer, newest first. It reads the keyring (which may ask to
// be unlocked), never a file.
func Saved(s vault.Store) ([]Connection, error) {
	items, err := s.List()
	if err != nil && !vault.Partly(err) {
		return nil, err
	}
	out := make([]Connection, len(items))
	for i, it := range items {
		out[i] = FromItem(it)
	}
	return out, err // a damaged item is named beside the connections that could be read
}
