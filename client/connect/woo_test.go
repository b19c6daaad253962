package connect

import (
	"context"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// WooCommerce as a key source: its words load, its services are its partners, a value is read by the
// engine's rules, and its check is the engine's, at the attempt's store, the way the service calls.
func TestWooAsAKeySource(t *testing.T) {
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	k := s.AddKey("k", wootest.Administrator, "read_write")
	src := Woo{Client: client(), Services: service.Builtin()}
	if p := src.Profile(); p.Choice != "A WooCommerce store" || p.Intro == "" || p.Checking == "" || p.Kept == "" {
		t.Fatalf("words: %+v", p)
	}
	if ps := src.Partners(); len(ps) == 0 || ps[0].ID != "syncio" || len(ps[0].UpdateSteps) == 0 {
		t.Fatalf("partners: %+v", ps)
	}
	if v, i := src.Recognise("Consumer key: " + k.ConsumerKey); i != nil || v != k.ConsumerKey {
		t.Fatalf("recognised %q %v", v, i)
	}
	if _, i := src.Recognise("hello"); i == nil || i.Code != woo.KeyFormat {
		t.Fatalf("refused %v", i)
	}
	if src.Mask(k.ConsumerKey) != "ck_…"+k.ConsumerKey[len(k.ConsumerKey)-7:] || src.Mask(k.Secret) != "cs_…"+k.Secret[len(k.Secret)-4:] {
		t.Fatalf("masked %s %s", src.Mask(k.ConsumerKey), src.Mask(k.Secret))
	}
	addr, err := woo.ParseAddress(s.URL())
	if err != nil {
		t.Fatal(err)
	}
	syncio, _ := service.Find("syncio")
	a := walk.Attempt{Source: src, Store: walk.StorePart{Profile: syncio, Parsed: &addr, Creds: woo.Credentials{Key: k.ConsumerKey, Secret: k.Secret}}}
	c, err := src.Check(context.Background(), a, false)
	if err != nil || !c.Works || c.Result != "fit" || c.Verdict == nil || c.Discovery == nil || c.Headline != "The key works for Syncio" {
		t.Fatalf("checked %+v %v", c, err)
	}
	last := "0" // another secret of the same shape: its last character changed
	if strings.HasSuffix(k.Secret, last) {
		last = "1"
	}
	a.Store.Creds.Secret = k.Secret[:len(k.Secret)-1] + last
	if c, err := src.Check(context.Background(), a, true); err != nil || c.Works || c.Issue == nil {
		t.Fatalf("a wrong secret: %+v %v", c, err)
	}
}
