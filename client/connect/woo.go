package connect

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Woo is WooCommerce as a key source of the walk: keys made in a store, checked by the engine the way
// the service will call, for the services a key goes to.
type Woo struct {
	Client   *woo.Client
	Services []service.Profile
}

var _ walk.Source = Woo{}

func (Woo) ID() string   { return walk.StoreID }
func (Woo) Name() string { return "WooCommerce" }

// Store is "": a store's keys live at its own address, in each attempt's StorePart.
func (Woo) Store() string { return "" }

// Profile is its words, from assets/sources/woocommerce.json.
func (Woo) Profile() walk.Profile {
	w := wooWords
	return walk.Profile{Choice: w.Choice, Intro: w.Intro, CaptureHint: w.CaptureHint, Watching: w.Watching,
		Checking: w.Checking, CheckedBy: w.CheckedBy, Kept: w.Kept, ValueRefused: woo.KeyFormat}
}

// storeWords are what the walk's screens say of a WooCommerce store's key.
type storeWords struct {
	Choice      string `json:"choice"`
	Intro       string `json:"intro"`
	CaptureHint string `json:"capture_hint"`
	Watching    string `json:"watching"`
	Checking    string `json:"checking"`
	CheckedBy   string `json:"checked_by"`
	Kept        string `json:"kept"`
}

// wooWords are read once from the binary (checked by tests: an error is a bug).
var wooWords = func() storeWords {
	b, err := assets.Sources.ReadFile("sources/woocommerce.json")
	if err != nil {
		panic(err)
	}
	var p struct {
		Words storeWords `json:"words"`
	}
	if err := json.Unmarshal(b, &p); err != nil || p.Words.Intro == "" || p.Words.Choice == "" {
		panic(fmt.Sprintf("assets/sources/woocommerce.json: words missing (%v)", err))
	}
	return p.Words
}()

// Partners are the services (and an app the merchant named is made on step 1 from their words).
func (s Woo) Partners() []walk.Partner {
	ps := make([]walk.Partner, len(s.Services))
	for i, p := range s.Services {
		ps[i] = PartnerOf(p)
	}
	return ps
}

// PartnerOf is a service as the app a store's key goes to.
func PartnerOf(p service.Profile) walk.Partner {
	return walk.Partner{ID: p.ID, Number: p.Number, Name: p.Name, UpdateSteps: p.UpdateSteps}
}

// Values: a key is a pair.
func (Woo) Values() []walk.Value {
	return []walk.Value{{Name: "Consumer key"}, {Name: "Consumer secret"}}
}

// Recognise reads one value, a consumer key or a secret, by WooCommerce's own rules.
func (Woo) Recognise(text string) (string, *diagnosis.Issue) {
	c, problems := woo.Extract(text)
	switch {
	case c.Key != "":
		return c.Key, nil
	case c.Secret != "":
		return c.Secret, nil
	case len(problems) > 0:
		return "", diagnosis.New(woo.KeyFormat, problems[0].Message)
	}
	return "", diagnosis.New(woo.KeyFormat, "")
}

// Mask shows a key by the seven characters WooCommerce's keys list shows, a secret by its last four.
func (Woo) Mask(v string) string {
	if strings.HasPrefix(strings.ToLower(v), "cs_") {
		return redact.MaskSecret(v)
	}
	return redact.MaskKey(v)
}

// Check tests the attempt's pair at its store, the way its service will call; again looks at the store
// afresh first, so what the merchant fixed in WordPress since counts. The store's address is parsed
// already (Attempt.Store.Parsed): a walk reaches the check only past step 1 or from a saved connection.
func (s Woo) Check(ctx context.Context, a walk.Attempt, again bool) (*walk.Checked, error) {
	l, v, err := Check(ctx, s.Client, Found(*a.Store.Parsed, a.Store.Discovery), a.Store.Creds, a.Store.Profile.Requirement(), again)
	if err != nil {
		return nil, err
	}
	return &walk.Checked{Works: v.Fit, Headline: "The key works for " + a.Store.Profile.Name, Tested: v.Tested, Proven: v.Proven,
		Issue: v.Issue, Warnings: v.Warnings, Result: Result(v), Verdict: v, Discovery: l.Discovery,
		Refused: v.Issue != nil && v.Issue.Code == woo.KeyUnknown}, nil
}
