package connect

import (
	"context"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Recheck is one saved connection checked again, live.
type Recheck struct {
	Item    vault.Item // the connection as kept, with this check's result and time
	Looked  *Looked
	Verdict *woo.Verdict
	Syncore *syncore.Result // a Syncore connection's check
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
			if it.Source == syncore.ID {
				each(i, checkSyncore(ctx, o, it))
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
	syncore    *syncore.Client
	syncoreSrc syncore.Source
}

// WithSyncore checks Syncore connections with c against src (its API host).
func WithSyncore(c *syncore.Client, src syncore.Source) Option {
	return func(o *options) { o.syncore, o.syncoreSrc = c, src }
}

// checkSyncore reads Syncore's check route with the connection's Primary key, read-only.
func checkSyncore(ctx context.Context, o options, it vault.Item) Recheck {
	if o.syncore == nil || it.Store != o.syncoreSrc.Host() {
		// Never sent to another host than the one the key was saved for.
		return Recheck{Item: it, Err: errUnknownService(it.Source + " at " + it.Store)}
	}
	r, err := o.syncore.Check(ctx, o.syncoreSrc, it.Key)
	if err != nil {
		return Recheck{Item: it, Err: err}
	}
	it.LastResult, it.LastCheck = r.Result(), time.Now()
	if r.Works {
		it.Verified = it.LastCheck
	}
	return Recheck{Item: it, Syncore: r}
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
