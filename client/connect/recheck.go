package connect

import (
	"context"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Recheck is one saved connection checked again, live.
type Recheck struct {
	Item    vault.Item // the connection as kept, with this check's result and time
	Looked  *Looked
	Verdict *woo.Verdict
	// Err is why there is no verdict: the service is unknown to this version, the address no longer
	// parses, or the context ended.
	Err error
}

// Connection is the recheck's connection, as a list shows it.
func (r Recheck) Connection() Connection { return FromItem(r.Item) }

// Requirements finds a service's requirement by its id.
type Requirements func(service string) (woo.Requirement, bool)

// CheckAll checks every item again, all at once, each by the whole sequence (discovery, then the read
// and the write that changes nothing), and calls each with an answer as it arrives, in whatever order. It
// costs about the slowest single check, not their sum. It returns when all have answered or ctx ends.
// Nothing is written anywhere: to keep the results, save the items each gives.
func CheckAll(ctx context.Context, c *woo.Client, items []vault.Item, need Requirements, each func(i int, r Recheck)) {
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			each(i, checkOne(ctx, c, it, need))
		}()
	}
	wg.Wait()
}

func checkOne(ctx context.Context, c *woo.Client, it vault.Item, need Requirements) Recheck {
	req, ok := need(it.Service)
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
