package connect

import (
	"context"
	"strconv"
	"strings"
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
// own, and reports the time for all of them divided by the slowest single re-check (recheck-ratio).
// Target: ≤ 1.15 for 20: checking everything costs about the slowest one, not the sum. 200 connections
// are reported beside it: bounded (maxChecks at once), they take a few of the slowest's time.
func BenchmarkCheckAll(b *testing.B) {
	for _, n := range []int{20, 200} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchmarkCheckAll(b, n) })
	}
}

// benchmarkCheckAll re-checks n saved connections, each of its own store, as Check all does: once the
// first check learnt where each key works, a re-check is one round trip. It reports the time for all of
// them divided by the slowest single re-check (recheck-ratio).
func benchmarkCheckAll(b *testing.B, n int) {
	cl := client() // one client, as the app keeps one for its window's life: connections are reused
	var items []vault.Item
	for i := range n {
		s := wootest.Start(wootest.Config{TLS: true, Latency: time.Duration(10+i%20) * time.Millisecond})
		b.Cleanup(s.Close)
		r := checkOne(context.Background(), cl, savedOn(s, false), need) // the first check, when saved
		if Result(r.Verdict) != "fit" || r.Item.API == "" {
			b.Fatalf("%v %v", r.Err, r.Verdict.Issue)
		}
		items = append(items, r.Item)
	}
	slowest := time.Duration(0)
	for _, it := range items {
		start := time.Now()
		if r := checkOne(context.Background(), cl, it, need); Result(r.Verdict) != "fit" {
			b.Fatalf("%v %v", r.Err, r.Verdict.Issue)
		}
		slowest = max(slowest, time.Since(start))
	}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		CheckAll(context.Background(), cl, items, need, func(int, Recheck) {})
	}
	per := time.Since(start) / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(slowest), "recheck-ratio")
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
