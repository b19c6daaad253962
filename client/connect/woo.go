package connect

import (
	"context"
	"strings"

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

func (Woo) Profile() walk.Profile {
	return walk.Profile{Choice: "A WooCommerce store",
		Intro:       "Key Relay connects your WooCommerce store to your sync service. It makes sure the key works before you hand it over, and tells you exactly what to do if something is wrong.",
		CaptureHint: "Click WooCommerce's Copy buttons next to the Consumer key and the Consumer secret: they appear here by themselves. You can also paste them below.",
		Watching:    "Key Relay is watching the clipboard for the key and secret while this step is open, and comes back to the front when it has both.",
		Checking:    "Key Relay reads one product and sends an empty update that changes nothing, to prove the key can read and write.",
		CheckedBy:   "your store", Kept: "Only the key's ending is ever shown; the secret is stored nowhere else.",
		ValueRefused: woo.KeyFormat}
}

// Partners are the services (and an app the merchant named is made on step 1 from their words).
func (s Woo) Partners() []walk.Partner {
	ps := make([]walk.Partner, len(s.Services))
	for i, p := range s.Services {
		ps[i] = walk.Partner{ID: p.ID, Number: p.Number, Name: p.Name, UpdateSteps: p.UpdateSteps}
	}
	return ps
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
