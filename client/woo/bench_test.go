package woo_test

import (
	"context"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// BenchmarkCheckAfterDiscovery: a full key check (read and write probes) after discovery should cost one
// network round trip, not two: both probes go at once, over the connection discovery left open. The store
// adds a fixed latency to every answer; the metric is the check's time divided by that latency.
// Target: ≤ 1.3 roundtrips/check.
func BenchmarkCheckAfterDiscovery(b *testing.B) {
	const rtt = 25 * time.Millisecond
	signing := access.Requirement{Service: "SignedApp", Permission: access.PermReadWrite, Transport: access.TransportOAuth}
	for _, tc := range []struct {
		name string
		cfg  wootest.Config
		need access.Requirement
	}{
		{"https", wootest.Config{TLS: true, Latency: rtt}, syncio},
		{"http-oauth", wootest.Config{Latency: rtt}, signing}, // a service that signs: the one way over HTTP
	} {
		b.Run(tc.name, func(b *testing.B) {
			s := start(b, tc.cfg)
			k := creds(s.AddKey("bench", wootest.Administrator, "read_write"))
			c := newClient(woo.Options{})
			d := discover(b, c, s.URL())
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				v, err := c.Check(context.Background(), d, k, tc.need)
				if err != nil || !v.Fit {
					b.Fatalf("check: %v %v", err, v.Issue)
				}
			}
			per := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(per)/float64(rtt), "roundtrips/check")
		})
	}
}
