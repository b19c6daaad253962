// Package demo runs Key Relay's sandbox on loopback: a WooCommerce store (the engine's own fake store, with
// its wp-admin key pages) and a sync service, so the whole walk can be tried without a real store or
// account. Demo keys live in memory only.
package demo

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/service/servicetest"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/syncore/syncoretest"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Banner is shown on every screen of the demo.
const Banner = "DEMO · a sandbox store and a sandbox Syncio on this computer. No real store, account or keyring is used."

// Demo is a running sandbox.
type Demo struct {
	Store   *wootest.Store
	Service *servicetest.Service
	Vault   *vault.Memory // demo keys never enter the real keyring
	// Profile is the sync service as the wizard sees it, pointing at the sandbox.
	Profile service.Profile
	Client  *woo.Client
}

// Start starts the sandbox store and service on 127.0.0.1 at free ports.
func Start() (*Demo, error) {
	base, ok := service.Find("syncio")
	if !ok {
		return nil, fmt.Errorf("demo: no Syncio profile")
	}
	d := &Demo{
		Store:  wootest.Start(wootest.Config{Admin: true, WooVersion: "8.9.1", WPVersion: "6.5"}),
		Vault:  vault.NewMemory(),
		Client: woo.NewClient(woo.Options{Timeout: 10 * time.Second}),
	}
	// The sandbox store speaks plain HTTP (a browser would warn about any certificate it had), so the
	// sandbox Syncio calls it with signed requests, the one way WooCommerce accepts a key over HTTP. The
	// real Syncio sends keys over HTTPS only, and Key Relay says so on a real plain-HTTP store.
	base.Transport = access.TransportOAuth
	need := base.Requirement()
	d.Service = servicetest.Start(base.Name, func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) {
		_, v, err := connect.Run(ctx, d.Client, d.Store.URL(), c, need)
		return v, err
	})
	// Like a real sync service, the sandbox uses the key again now and then: Key Relay's proof of delivery
	// (the keys list's Last access, to the minute) sees it within a minute or two.
	d.Service.SyncEvery = 20 * time.Second
	d.Profile = base
	d.Profile.AccountURL = d.Service.URL()
	// The sandbox's update form is found as the real Syncio's is: by its words (base.Form), no selectors.
	d.Profile.UpdateSteps = []string{
		"The sandbox " + base.Name + " account page just opened in your browser.",
		"Click “Update” in the API Key section.",
		"Paste the consumer key and the consumer secret with the buttons below, then click “Update”.",
	}
	return d, nil
}

// Close stops the sandbox.
func (d *Demo) Close() {
	d.Service.Close()
	d.Store.Close()
	d.Client.CloseIdle()
}

var (
	consumerKeyRE    = regexp.MustCompile(`id="` + wpadmin.FieldConsumerKey + `"[^>]*value="(ck_[0-9a-f]{40})"`)
	consumerSecretRE = regexp.MustCompile(`id="` + wpadmin.FieldConsumerSecret + `"[^>]*value="(cs_[0-9a-f]{40})"`)
)

// Generate fills in the sandbox's Add key form and clicks "Generate API key", as the merchant does in the
// browser, and reads the key and secret from the page that follows.
func (d *Demo) Generate(ctx context.Context, description string, perm access.Permission) (woo.Credentials, error) {
	form := url.Values{"description": {description}, "user": {"1"}, "permissions": {string(perm)}, "security": {"demo"}, "key_id": {"0"}}
	page, err := d.post(ctx, d.Store.URL()+"wp-admin/"+string(wpadmin.AddKey), form)
	if err != nil {
		return woo.Credentials{}, err
	}
	k, s := consumerKeyRE.FindStringSubmatch(page), consumerSecretRE.FindStringSubmatch(page)
	if k == nil || s == nil {
		return woo.Credentials{}, fmt.Errorf("demo: the Add key page did not show a new key")
	}
	return woo.Credentials{Key: k[1], Secret: s[1]}, nil
}

// Submit fills in the sandbox service's Update form and clicks Update, as the merchant does.
func (d *Demo) Submit(ctx context.Context, c woo.Credentials) (string, error) {
	return d.post(ctx, strings.TrimSuffix(d.Service.URL(), "/")+"/account/api-key", url.Values{"consumer_key": {c.Key}, "consumer_secret": {c.Secret}})
}

func (d *Demo) post(ctx context.Context, u string, form url.Values) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return string(b), err
}

// SyncoreBanner is shown on every screen of the Syncore demo.
const SyncoreBanner = "DEMO · a sandbox Syncore on this computer. No real Syncore account or keyring is used."

// Syncore is a running Syncore sandbox: its Settings > API page (plain HTTP, for the merchant's browser)
// and its API (HTTPS with the sandbox's own certificate, which only Key Relay's client trusts).
type Syncore struct {
	Sandbox *syncoretest.Syncore
	Source  syncore.Source
	Client  *syncore.Client
	Vault   *vault.Memory
}

// StartSyncore starts the Syncore sandbox on 127.0.0.1.
func StartSyncore() *Syncore {
	sb := syncoretest.Start(syncoretest.Config{})
	return &Syncore{Sandbox: sb, Source: sb.Source(), Client: syncore.NewClient(10*time.Second, wootest.CAPool()), Vault: vault.NewMemory()}
}

// Close stops the sandbox.
func (d *Syncore) Close() { d.Sandbox.Close() }
