package connect

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/reach"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Recheck is one saved connection checked again, live.
type Recheck struct {
	Item    vault.Item // the connection as kept, with this check's result and time
	Looked  *Looked
	Verdict *woo.Verdict
	// Source and Checked are another source's connection and its check (Syncore's, say); nil for a
	// WooCommerce connection.
	Source  walk.Source
	Checked *walk.Checked
	// Err is why there is no verdict: the service is unknown to this version, the address no longer
	// parses, or the context ended.
	Err error
}

// Connection is the recheck's connection, as a list shows it.
func (r Recheck) Connection() Connection { return FromItem(r.Item) }

// Requirements finds the requirement of the service a connection is for (RequirementsOf).
type Requirements func(it vault.Item) (access.Requirement, bool)

// CheckAll checks every item again, at once (at most maxChecks, and maxPerHost at one host), and calls
// each with an answer as it arrives, in whatever order. A connection that knows where its key was proven
// (Item.API) is re-checked in one round trip, the read and the write that changes nothing sent together;
// one that doesn't, or whose probes don't pass, by the whole sequence (discovery first). It costs about
// the slowest single check, not their sum. It returns when all have answered or ctx ends. Nothing is
// written anywhere: to keep the results, save the items each gives.
func CheckAll(ctx context.Context, c *woo.Client, items []vault.Item, need Requirements, each func(i int, r Recheck), opts ...Option) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	var wg sync.WaitGroup
	all := make(chan struct{}, maxChecks)
	var mu sync.Mutex
	perHost := map[string]chan struct{}{}
	slot := func(store string) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		h := reach.Host(store) // with its port
		if perHost[h] == nil {
			perHost[h] = make(chan struct{}, maxPerHost)
		}
		return perHost[h]
	}
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			host := slot(it.Store)
			select { // a host gets no more connections at once than a browser opens to it
			case host <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-host }()
			select {
			case all <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-all }()
			if it.Source != "" {
				each(i, checkSource(ctx, o.sources, it))
				return
			}
			each(i, checkOne(ctx, c, it, need))
		}()
	}
	wg.Wait()
}

// maxChecks bounds the re-checks running at once, maxPerHost those at one host (a browser's six
// connections per host: a shared host's firewall sees no more from Key Relay than from a visitor).
const (
	maxChecks  = 32
	maxPerHost = 6
)

// Option is a way CheckAll checks connections of other key sources.
type Option func(*options)

type options struct {
	sources []walk.Source
}

// WithSources checks the connections of other key sources (Syncore's) with srcs.
func WithSources(srcs ...walk.Source) Option {
	return func(o *options) { o.sources = append(o.sources, srcs...) }
}

// checkSource checks a connection of another source with its first key, read-only, at that source only.
func checkSource(ctx context.Context, srcs []walk.Source, it vault.Item) Recheck {
	i := slices.IndexFunc(srcs, func(s walk.Source) bool { return s.ID() == it.Source && s.Store() == it.Store })
	if i < 0 {
		// Never sent to another host than the one the key was saved for.
		return Recheck{Item: it, Err: errUnknownService(it.Source + " at " + it.Store)}
	}
	c, err := srcs[i].Check(ctx, walk.Attempt{Source: srcs[i], Values: []string{it.Key}}, false)
	if err != nil {
		return Recheck{Item: it, Err: err}
	}
	it.LastResult, it.LastCheck = c.Result, time.Now()
	if c.Works {
		it.Verified = it.LastCheck
	}
	return Recheck{Item: it, Source: srcs[i], Checked: c}
}

func checkOne(ctx context.Context, c *woo.Client, it vault.Item, need Requirements) Recheck {
	req, ok := need(it)
	if !ok {
		return Recheck{Item: it, Err: errUnknownService(it.Service)}
	}
	creds := woo.Credentials{Key: it.Key, Secret: it.Secret}
	// One round trip after the first: the read and write probes at once at the API root the key was
	// proven at. Anything but a pass (a store moved, a route gone, a different WooCommerce, a key
	// revoked) is looked at again from the start, so its diagnosis is the full check's.
	if d, ok := woo.Remembered(it.Store, it.API); ok {
		v, err := c.Check(ctx, d, creds, req)
		if err != nil {
			return Recheck{Item: it, Err: err}
		}
		if v.Fit {
			return kept(it, &Looked{Typed: it.Store, Address: d.Typed, Discovery: d}, v)
		}
	}
	l, v, err := Run(ctx, c, it.Store, creds, req)
	if err != nil {
		return Recheck{Item: it, Err: err}
	}
	return kept(it, l, v)
}

// kept is the re-check of it with verdict v: its result kept with it, and where it was proven.
func kept(it vault.Item, l *Looked, v *woo.Verdict) Recheck {
	it.LastResult, it.LastCheck = Result(v), time.Now()
	if v.Fit {
		it.Verified, it.Permission, it.API = it.LastCheck, string(v.Permission), v.Address
	}
	return Recheck{Item: it, Looked: l, Verdict: v}
}

type errUnknownService string

func (e errUnknownService) Error() string {
	return "the service " + string(e) + " is unknown to this version of Key Relay"
}
