package connect

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

func need(it vault.Item) (access.Requirement, bool) { return syncio, it.Service == "syncio" }

// savedOn keeps a key of store s (revoked when revoked) as a saved item.
func savedOn(s *wootest.Store, revoked bool) vault.Item {
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	if revoked {
		s.Revoke(k.ConsumerKey)
	}
	return vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: s.URL(), Service: "syncio", Created: time.Now()}
}

// Mixed results arrive one by one, each with its verdict, read-only: nothing in the stores changed.
func TestCheckAll(t *testing.T) {
	good, gone, down := wootest.Start(wootest.Config{TLS: true}), wootest.Start(wootest.Config{TLS: true}), wootest.Start(wootest.Config{TLS: true, Maintenance: true})
	for _, s := range []*wootest.Store{good, gone, down} {
		t.Cleanup(s.Close)
	}
	items := []vault.Item{savedOn(good, false), savedOn(gone, true), savedOn(down, false), {Store: good.URL(), Service: "retired-service"}}
	var mu sync.Mutex
	got := map[int]Recheck{}
	CheckAll(context.Background(), client(), items, need, func(i int, r Recheck) {
		mu.Lock()
		defer mu.Unlock()
		got[i] = r
	})
	if len(got) != 4 {
		t.Fatalf("%d answers", len(got))
	}
	for i, want := range []string{"fit", string(woo.KeyUnknown), string(woo.Maintenance)} {
		r := got[i]
		if r.Err != nil || r.Item.LastResult != want || r.Item.LastCheck.IsZero() || Result(r.Verdict) != want {
			t.Errorf("item %d: %+v, want %s", i, r.Connection(), want)
		}
	}
	if got[0].Item.Verified.IsZero() || got[1].Item.Verified != items[1].Verified {
		t.Error("verified only when it works")
	}
	if got[3].Err == nil {
		t.Error("an unknown service checked anyway")
	}
	for _, s := range []*wootest.Store{good, gone, down} {
		for _, k := range s.Keys() {
			if k.Description != "Syncio API Key" {
				t.Fatal("a store changed")
			}
		}
	}
}

// BenchmarkCheckAll re-checks 20 saved connections against stores that each answer with latency of its
// own, and reports the time for all of them divided by the slowest single check (recheck-ratio). Target:
// ≤ 1.3: checking everything costs about the slowest one, not the sum.
func BenchmarkCheckAll(b *testing.B) {
	var items []vault.Item
	for i := range 20 {
		s := wootest.Start(wootest.Config{TLS: true, Latency: time.Duration(10+i) * time.Millisecond})
		b.Cleanup(s.Close)
		items = append(items, savedOn(s, false))
	}
	slowest := time.Duration(0)
	for _, it := range items {
		start := time.Now()
		if r := checkOne(context.Background(), client(), it, need); Result(r.Verdict) != "fit" {
			b.Fatalf("%v %v", r.Err, r.Verdict.Issue)
		}
		slowest = max(slowest, time.Since(start))
	}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		CheckAll(context.Background(), client(), items, need, func(int, Recheck) {})
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(slowest), "recheck-ratio")
}
