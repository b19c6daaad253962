package connect

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
// own, and reports the time for all of them divided by the slowest single re-check (recheck-ratio).
// Target: ≤ 1.15 for 20: checking everything costs about the slowest one, not the sum. 200 connections
// are reported beside it: bounded (maxChecks at once), they take a few of the slowest's time.
func BenchmarkCheckAll(b0 *testing.B) {
	for _, n := range []int{20, 200} {
		// Made once per size: the framework runs a benchmark's function more than once (b.N 1, then 5),
		// and the stores, their first checks and the slowest single re-check are no part of the figure.
		var saved *savedSet
		b0.Run(strconv.Itoa(n), func(b *testing.B) {
			if saved == nil {
				saved = saveConnections(b, b0.Cleanup, n)
			}
			benchmarkCheckAll(b, saved)
		})
	}
}

// savedSet is n saved connections, each of its own store, checked once (as when saved), and the slowest
// single re-check among them.
type savedSet struct {
	cl      *woo.Client // one client, as the app keeps one for its window's life: connections are reused
	items   []vault.Item
	slowest time.Duration
}

// saveConnections starts n stores that each answer with latency of its own and checks a key of each the
// first time, as when saved (eight at a time: setting up is not measured), then times each re-check
// alone, one after another.
func saveConnections(b *testing.B, cleanup func(func()), n int) *savedSet {
	set := &savedSet{cl: client(), items: make([]vault.Item, n)}
	errs := make([]string, n)
	var wg sync.WaitGroup
	limit := make(chan struct{}, 8)
	for i := range n {
		s := wootest.Start(wootest.Config{TLS: true, Latency: time.Duration(10+i%20) * time.Millisecond})
		cleanup(s.Close) // the whole benchmark's: the stores outlive this run of it
		wg.Add(1)
		go func() {
			defer wg.Done()
			limit <- struct{}{}
			defer func() { <-limit }()
			r := checkOne(context.Background(), set.cl, savedOn(s, false), need)
			if Result(r.Verdict) != "fit" || r.Item.API == "" {
				errs[i] = fmt.Sprintf("%v %v", r.Err, r.Verdict.Issue)
			}
			set.items[i] = r.Item
		}()
	}
	wg.Wait()
	for i, e := range errs {
		if e != "" {
			b.Fatalf("store %d's first check: %s", i, e)
		}
	}
	for _, it := range set.items {
		start := time.Now()
		if r := checkOne(context.Background(), set.cl, it, need); Result(r.Verdict) != "fit" {
			b.Fatalf("%v %v", r.Err, r.Verdict.Issue)
		}
		set.slowest = max(set.slowest, time.Since(start))
	}
	return set
}

// benchmarkCheckAll re-checks the saved connections as Check all does: once the first check learnt where
// each key works, a re-check is one round trip. It reports the time for all of them divided by the
// slowest single re-check (recheck-ratio).
func benchmarkCheckAll(b *testing.B, set *savedSet) {
	b.ResetTimer()
	start := time.Now()
	var unfit atomic.Int32
	for range b.N {
		CheckAll(context.Background(), set.cl, set.items, need, func(_ int, r Recheck) {
			if Result(r.Verdict) != "fit" {
				unfit.Add(1)
			}
		})
	}
	per := time.Since(start) / time.Duration(b.N)
	if unfit.Load() > 0 {
		b.Fatalf("%d re-checks did not find the key working", unfit.Load())
	}
	b.ReportMetric(float64(per)/float64(set.slowest), "recheck-ratio")
}

// A re-check of a connection that knows where its key was proven is one round trip: the read and the
// write probes, at once, at that API root; a store that moved since, or a key revoked since, is looked at
// again from the start, so its diagnosis is the full check's.
func TestRecheckIsOneRoundTripAfterTheFirst(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	first := checkOne(context.Background(), client(), savedOn(s, false), need)
	if Result(first.Verdict) != "fit" || first.Item.API != s.URL()+"wp-json/" {
		t.Fatalf("the first check: %v, kept API %q", first.Verdict.Issue, first.Item.API)
	}
	before := len(s.Requests())
	again := checkOne(context.Background(), client(), first.Item, need)
	reqs := s.Requests()[before:]
	if Result(again.Verdict) != "fit" || len(reqs) != 2 {
		t.Fatalf("the re-check: %v with %d requests: %+v", again.Verdict.Issue, len(reqs), reqs)
	}
	for _, r := range reqs {
		if !strings.Contains(r.Path, "/wp-json/wc/v3/") {
			t.Fatalf("a re-check asked %s %s", r.Method, r.Path)
		}
	}
	// Revoked since: the probes don't pass, so the store is looked at again and the diagnosis is the
	// full check's.
	s.Revoke(first.Item.Key)
	before = len(s.Requests())
	gone := checkOne(context.Background(), client(), first.Item, need)
	if Result(gone.Verdict) != string(woo.KeyUnknown) || len(s.Requests())-before <= 2 {
		t.Fatalf("a revoked key: %s after %d requests", Result(gone.Verdict), len(s.Requests())-before)
	}
	// An API root saved on another origin is never used: the store is looked at.
	other := first.Item
	other.API = "https://elsewhere.example/wp-json/"
	if _, ok := woo.Remembered(other.Store, other.API); ok {
		t.Fatal("an API root on another origin was trusted")
	}
}
