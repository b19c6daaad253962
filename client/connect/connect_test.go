package connect

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

var syncio = access.Requirement{Service: "Syncio", Permission: access.PermReadWrite, Transport: access.TransportBasic}

func client() *woo.Client {
	return woo.NewClient(woo.Options{RootCAs: wootest.CAPool(), Timeout: 5 * time.Second})
}

func TestTheSequence(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	k := s.AddKey("k", wootest.Administrator, "read_write")
	ctx := context.Background()

	// A page of the store, typed with a query: the store is its home as discovered.
	l, err := Look(ctx, client(), s.URL()+"shop/?orderby=price")
	if err != nil || l.Store() != s.URL() || l.Typed != s.URL()+"shop/" {
		t.Fatalf("looked %+v %v", l, err)
	}
	l2, v, err := Check(ctx, client(), l, woo.Credentials{Key: k.ConsumerKey, Secret: k.Secret}, syncio, false)
	if err != nil || !v.Fit || l2.Discovery != l.Discovery || Result(v) != "fit" {
		t.Fatalf("%v %v", v, err)
	}
	// Fresh: the store is looked at again, so a fix made since counts.
	s.Configure(func(c *wootest.Config) { c.Maintenance = true })
	l3, v, _ := Check(ctx, client(), l, woo.Credentials{Key: k.ConsumerKey, Secret: k.Secret}, syncio, true)
	if l3.Discovery == l.Discovery || Result(v) != string(woo.Maintenance) {
		t.Fatalf("fresh check: %v", v.Issue)
	}
	var ae *woo.AddressError
	if _, err := Look(ctx, client(), "owner@mystore.com"); !errors.As(err, &ae) {
		t.Fatalf("a bad address: %v", err)
	}
	if _, _, err := Run(ctx, client(), "htps:/x.com", woo.Credentials{}, syncio); !errors.As(err, &ae) || ae.Suggestion == "" {
		t.Fatalf("a typo: %v", err)
	}
}

func TestSavedConnections(t *testing.T) {
	m := vault.NewMemory()
	now := time.Now()
	for i, store := range []string{"https://a.example/", "https://b.example/"} {
		_ = m.Save(vault.Item{Key: "ck_" + string(rune('a'+i)) + "123456789012345678901234567890123456789", Secret: "cs_x", Store: store, Service: "syncio",
			Created: now.Add(time.Duration(i) * time.Hour), LastResult: "fit", LastCheck: now})
	}
	cs, err := Saved(m)
	if err != nil || len(cs) != 2 || cs[0].Store != "https://b.example/" || cs[0].Key != "ck_…3456789" || cs[0].LastResult != "fit" {
		t.Fatalf("%+v %v", cs, err)
	}
	m.SetUnavailable(true)
	if _, err := Saved(m); !errors.Is(err, vault.ErrUnavailable) {
		t.Fatalf("a keyring that isn't there: %v", err)
	}
}

// A replaced key counts as gone only when the store says it doesn't know it.
func TestProveRefused(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	k := s.AddKey("old", wootest.Administrator, "read_write")
	old := vault.OldKey{Key: k.ConsumerKey, Secret: k.Secret}
	if gone, v, err := ProveRefused(context.Background(), client(), s.URL(), old, syncio); gone || err != nil || !v.Fit {
		t.Fatalf("a working key proven gone: %v %v", v.Issue, err)
	}
	s.Revoke(k.ConsumerKey)
	if gone, v, err := ProveRefused(context.Background(), client(), s.URL(), old, syncio); !gone || err != nil {
		t.Fatalf("a revoked key not proven gone: %v %v", v.Issue, err)
	}
	s.Configure(func(c *wootest.Config) { c.Maintenance = true })
	if gone, _, _ := ProveRefused(context.Background(), client(), s.URL(), old, syncio); gone {
		t.Fatal("a store in maintenance proves nothing")
	}
	if c := FromItem(vault.Item{Key: "ck_" + strings.Repeat("1", 40), Replacing: &old}); c.OldKey != redact.MaskKey(k.ConsumerKey) {
		t.Fatalf("old key %q", c.OldKey)
	}
}
