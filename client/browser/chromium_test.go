package browser

import (
	"context"
	"path/filepath"
	"strings"
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
	noSecretIn(t, profile, secret)
}

// noSecretIn fails if any file of the browser profile holds the secret.
func noSecretIn(t *testing.T, profile, secret string) {
	t.Helper()
	for _, f := range FilesHolding(profile, secret[3:]) {
		t.Errorf("the secret stayed in the browser profile: %s", f)
	}
}

// openHeadless starts this machine's chromium headless on profile, with what the machine needs.
func openHeadless(t *testing.T, profile string) (context.Context, context.CancelFunc) {
	t.Helper()
	b, err := Find()
	if err != nil {
		t.Fatalf("%v (make test installs Debian's chromium)", err)
	}
	ctx, cancel := Open(context.Background(), b, profile, true,
		"--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync")
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil { // starts the browser
		cancel()
		t.Fatal(err)
	}
	return ctx, cancel
}

// waitValue polls an input until it holds a value: the AJAX answer fills it a second or two after the click.
func waitValue(ctx context.Context, sel string) (string, error) {
	for {
		v, err := chromedp.Run(ctx, chromedp.Value(sel))
		if err != nil || v != "" {
			return v, err
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// The way a merchant meets the real wp-admin in Key Relay's browser: the Add key deep link goes to the
// login wall and comes back to the form after logging in; Generate fills the pair by AJAX; with Remember
// Me the next start of the browser (same profile) skips the login, without it the login wall is back.
func TestRealBrowserLoginWallAndAJAX(t *testing.T) {
	s := wootest.Start(wootest.Config{AdminPassword: "shop-owner"})
	t.Cleanup(s.Close)
	addKey := s.URL() + "wp-admin/" + string(wpadmin.AddKey)
	for _, remember := range []bool{true, false} {
		profile := filepath.Join(t.TempDir(), "browser-profile")
		ctx, cancel := openHeadless(t, profile)
		step, stop := context.WithTimeout(ctx, 60*time.Second)
		login := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(addKey),
			chromedp.WaitVisible("#user_login"), // the login wall
			chromedp.SetValue("#user_login", "admin"),
			chromedp.SetValue("#user_pass", "shop-owner"),
		}
		if remember {
			login = append(login, chromedp.Click("#rememberme"))
		}
		login = append(login, chromedp.Click("#wp-submit"), chromedp.WaitReady("#"+wpadmin.FieldDescription))
		if err := chromedp.Do(step, login...); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(step,
			chromedp.SetValue("#"+wpadmin.FieldDescription, "Syncio API Key"),
			chromedp.SetValue("#"+wpadmin.FieldPermissions, "read_write"),
			chromedp.Click("#"+wpadmin.ButtonGenerate),
		); err != nil {
			t.Fatal(err)
		}
		key, err := waitValue(step, "#"+wpadmin.FieldConsumerKey)
		if err != nil || !strings.HasPrefix(key, "ck_") {
			t.Fatalf("no key by AJAX: %q %v", key, err)
		}
		secret, err := chromedp.Run(step, chromedp.Value("#"+wpadmin.FieldConsumerSecret))
		if err != nil || !strings.HasPrefix(secret, "cs_") {
			t.Fatalf("no secret by AJAX: %v", err)
		}
		stop()
		cancel()
		noSecretIn(t, profile, secret)

		// The browser starts again on the same profile.
		ctx, cancel = openHeadless(t, profile)
		step, stop = context.WithTimeout(ctx, 60*time.Second)
		if err := chromedp.Do(step, chromedp.Navigate(addKey), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		where, err := chromedp.Run(step, chromedp.Location())
		stop()
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if atWall := strings.Contains(where, wpadmin.Login); atWall == remember {
			t.Fatalf("Remember Me %v: after a restart the browser is at %s", remember, where)
		}
	}
}
