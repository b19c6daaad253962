package connect

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
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

// CheckAll checks every item again, all at once, each by the whole sequence (discovery, then the read
// and the write that changes nothing), and calls each with an answer as it arrives, in whatever order. It
// costs about the slowest single check, not their sum. It returns when all have answered or ctx ends.
// Nothing is written anywhere: to keep the results, save the items each gives.
func CheckAll(ctx context.Context, c *woo.Client, items []vault.Item, need Requirements, each func(i int, r Recheck), opts ...Option) {
	var o options
	for _, f := range opts {
		f(&o)
	}
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if it.Source != "" {
				each(i, checkSource(ctx, o.sources, it))
				return
			}
			each(i, checkOne(ctx, c, it, need))
		}()
	}
	wg.Wait()
}

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
	l, v, err := Run(ctx, c, it.Store, woo.Credentials{Key: it.Key, Secret: it.Secret}, req)
	if err != nil {
		return Recheck{Item: it, Err: err}
	}
	it.LastResult, it.LastCheck = Result(v), time.Now()
	if v.Fit {
		it.Verified, it.Permission = it.LastCheck, string(v.Permission)
	}
	return Recheck{Item: it, Looked: l, Verdict: v}
}

type errUnknownService string

func (e errUnknownService) Error() string {
	return "the service " + string(e) + " is unknown to this version of Key Relay"
}
