package servicetest

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/woo"
)

// A key the service accepted is used again every SyncEvery, as a real service syncs, until another key
// replaces it.
func TestAcceptedKeyIsUsedAgain(t *testing.T) {
	var calls atomic.Int32
	s := Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) {
		calls.Add(1)
		return &woo.Verdict{Fit: true}, nil
	})
	defer s.Close()
	s.SyncEvery = 20 * time.Millisecond
	post := func(key string) {
		resp, err := http.PostForm(strings.TrimSuffix(s.URL(), "/")+"/account/api-key", url.Values{"consumer_key": {key}, "consumer_secret": {"cs_" + strings.Repeat("b", 40)}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	post("ck_" + strings.Repeat("a", 40))
	for deadline := time.Now().Add(5 * time.Second); calls.Load() < 4; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the accepted key was used %d times", calls.Load())
		}
	}
	post("ck_" + strings.Repeat("c", 40)) // the first key's syncing stops; the new one's starts
	s.Close()
	n := calls.Load()
	time.Sleep(100 * time.Millisecond)
	if calls.Load() != n {
		t.Fatal("the service kept using keys after it closed")
	}
}
