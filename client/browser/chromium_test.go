package browser

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// The real browser (Debian's chromium, which make test installs), on a profile of its own, drives the
// fake store's Add key page by the page model's ids as browser assist will: the form is filled, Generate
// is clicked (the merchant's click, played by the test), and the new pair is read from the page; the
// profile keeps nothing of the secret once the browser is closed.
func TestRealBrowserOnTheAddKeyPage(t *testing.T) {
	b, err := Find()
	if err != nil {
		t.Fatalf("%v (make test installs Debian's chromium)", err)
	}
	s := wootest.Start(wootest.Config{Admin: true})
	t.Cleanup(s.Close)
	profile := filepath.Join(t.TempDir(), "browser-profile")
	// This machine's needs (root, no network, no GPU): not Key Relay's flags, which a merchant's browser gets.
	ctx, cancel := Open(context.Background(), b, profile, true,
		"--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync")
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()

	id := func(s string) string { return "#" + s }
	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL()+"wp-admin/"+string(wpadmin.AddKey)),
		chromedp.WaitReady(id(wpadmin.FieldDescription)),
		chromedp.SetValue(id(wpadmin.FieldDescription), "Syncio API Key"),
		chromedp.SetValue(id(wpadmin.FieldPermissions), "read_write"),
		chromedp.Click(id(wpadmin.ButtonGenerate)),
		chromedp.WaitVisible(id(wpadmin.FieldConsumerKey)),
	); err != nil {
		t.Fatal(err)
	}
	key, err := chromedp.Run(ctx, chromedp.Value(id(wpadmin.FieldConsumerKey)))
	if err != nil {
		t.Fatal(err)
	}
	secret, err := chromedp.Run(ctx, chromedp.Value(id(wpadmin.FieldConsumerSecret)))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // away from the page that shows the secret
		t.Fatal(err)
	}
	keys := s.Keys()
	if len(keys) != 1 || keys[0].ConsumerKey != key || keys[0].Secret != secret || keys[0].Permissions != "read_write" || keys[0].Description != "Syncio API Key" {
		t.Fatalf("the page gave %d keys; read back matches: %v", len(keys), len(keys) == 1 && keys[0].ConsumerKey == key)
	}
	cancel() // the browser closes (the driver waits for it): its profile is what stays on disk
	_ = filepath.WalkDir(profile, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(secret[3:])) {
			t.Errorf("the secret stayed in the browser profile: %s", p)
		}
		return nil
	})
}
