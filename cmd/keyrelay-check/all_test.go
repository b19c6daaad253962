package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/keyrelay/keyrelay/client/childproc"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/syncore/syncoretest"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// --all against a real Secret Service (gnome-keyring, as the vault tests use) holding three
// connections, one of them failing: a line each, keys masked, never a secret, a non-zero exit.
func TestAllAgainstTheRealKeyring(t *testing.T) {
	childproc.NeedSession(t)
	keyringService = "Key Relay (keyrelay-check tests)"
	t.Cleanup(func() { keyringService = "" })
	kr := vault.Keyring{Timeout: 5 * time.Second, Service: keyringService}
	var keys []wootest.Key
	var stores []string
	for i := 0; i < 3; i++ {
		s := wootest.Start(wootest.Config{TLS: true})
		t.Cleanup(s.Close)
		k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
		if i == 1 {
			s.Revoke(k.ConsumerKey) // revoked in WordPress since
		}
		it := vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: s.URL(), Service: "syncio", Created: time.Now().Add(-time.Duration(i) * time.Hour)}
		if err := kr.Save(it); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = kr.Delete(it.Store, it.Service) })
		keys, stores = append(keys, k), append(stores, s.URL())
	}
	// A Syncore connection too: its Primary key, read-only at the (sandbox) Syncore API.
	sb := syncoretest.Start(syncoretest.Config{})
	t.Cleanup(sb.Close)
	syncoreSource = sb.Source
	t.Cleanup(func() { syncoreSource = syncore.Builtin })
	primary, _ := sb.Generate()
	sy := vault.Item{Source: syncore.ID, Key: primary, Store: sb.Source().Host(), Service: "another-app", Created: time.Now()}
	if err := kr.Save(sy); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kr.Delete(sy.Store, sy.Service) })

	code, out, errOut := runCheck(t, "", nil, "--all", "--ca-file", caFile(t))
	if !strings.Contains(out, sy.Store+" (Syncore → Another app)") || !strings.Contains(out, "✓ Works: key Syncore key "+syncore.Mask(primary)+", saved") || strings.Contains(out+errOut, primary) {
		t.Errorf("the Syncore connection:\n%s", out)
	}
	if code != exitKey {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for i, s := range stores {
		if !strings.Contains(out, s+" (Syncio)") {
			t.Errorf("no line for %s", s)
		}
		want := "✓ Works: key ck_…" + keys[i].Truncated()
		if i == 1 {
			want = "[key_unknown]"
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s: lacks %q", s, want)
		}
	}
	for _, k := range keys {
		noLeak(t, k, out, errOut)
	}
	code, js, _ := runCheck(t, "", nil, "--all", "--json", "--ca-file", caFile(t))
	var rep struct {
		Connections []struct {
			Store string `json:"store"`
			Fit   bool   `json:"fit"`
			Key   string `json:"key"`
		} `json:"connections"`
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil || code != exitKey {
		t.Fatalf("json %v, exit %d:\n%s", err, code, js)
	}
	fits := map[string]bool{}
	for _, c := range rep.Connections {
		fits[c.Store] = c.Fit
	}
	if !fits[stores[0]] || fits[stores[1]] || !fits[stores[2]] {
		t.Fatalf("fit %v", fits)
	}
	for _, k := range keys {
		noLeak(t, k, js)
	}
}

// A locked keyring: one clear message, at once, and its own exit code; no hang.
func TestAllWithALockedKeyring(t *testing.T) {
	if os.Getenv("KEYRELAY_CHECK_CHILD") == "locked" {
		code, out, errOut := runCheck(t, "", nil, "--all")
		if code != exitKeyring || out != "" || !strings.Contains(errOut, "keyring is locked") || strings.Count(errOut, "\n") > 2 {
			t.Fatalf("exit %d, %q, %q", code, out, errOut)
		}
		return
	}
	childproc.NeedSession(t)
	// A bus of its own with a keyring that holds no unlocked collection, as the vault tests make one.
	script := `gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 && exec "$0" -test.run='^TestAllWithALockedKeyring$' -test.v`
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", script, os.Args[0])
	cmd.Env = append(os.Environ(), "KEYRELAY_CHECK_CHILD=locked", "XDG_DATA_HOME="+t.TempDir(), "XDG_RUNTIME_DIR="+t.TempDir(), "DISPLAY=", "WAYLAND_DISPLAY=")
	if out, err := childproc.Output(cmd); err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

// Names from keyring items are printed escaped: a store name carrying terminal escapes can't clear the
// screen, draw a fake "✓ Works" line or retitle the window; a damaged item is named and the good
// connection is still checked; a 100 KB --store isn't echoed whole.
func TestAllPrintsNamesEscapedAndNamesADamagedItem(t *testing.T) {
	childproc.NeedSession(t)
	keyringService = "Key Relay (keyrelay-check escapes)"
	t.Cleanup(func() { keyringService = "" })
	kr := vault.Keyring{Timeout: 5 * time.Second, Service: keyringService}
	s := wootest.Start(wootest.Config{TLS: true})
	t.Cleanup(s.Close)
	k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	good := vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: s.URL(), Service: "syncio", Created: time.Now()}
	evil := vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: "https://x.example/\x1b[2J\x1b]0;pwned\x07\n  \x1b[32m✓ Works: key ck_…0000000", Service: "syncio\x1b[1A", Created: time.Now()}
	for _, it := range []vault.Item{good, evil} {
		if err := kr.Save(it); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = kr.Delete(it.Store, it.Service) })
	}
	bad := vault.Item{Key: k.ConsumerKey, Secret: k.Secret, Store: "https://damaged.example/", Service: "syncio"}
	if err := kr.Save(bad); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = kr.Delete(bad.Store, bad.Service) })
	if err := keyring.Set(keyringService, vault.Account(bad.Store, bad.Service), "{damaged"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCheck(t, "", nil, "--all", "--ca-file", caFile(t))
	if strings.ContainsAny(out+errOut, "\x1b\x07") {
		t.Fatalf("a control character reached the terminal:\n%q", out)
	}
	if strings.Count(out, "\n  ✓ Works") != 1 || !strings.Contains(out, s.URL()+" (Syncio)\n  ✓ Works") {
		t.Errorf("the good connection isn't the one line that works:\n%s", out)
	}
	if !strings.Contains(out, `\x1b[2J`) {
		t.Errorf("the escape isn't shown for what it is:\n%s", out)
	}
	if !strings.Contains(out, "syncio https://damaged.example/") || !strings.Contains(out, "keyring_item_damaged") {
		t.Errorf("the damaged item isn't named:\n%s", out)
	}
	if code == exitFit || strings.Contains(out+errOut, k.Secret) {
		t.Fatalf("exit %d, or the secret printed", code)
	}
	_, _, errOut = runCheck(t, "", nil, "--store", "https://"+strings.Repeat("a", 100<<10)+".example/\x1b[2J")
	if len(errOut) > 2000 || strings.Contains(errOut, "\x1b") {
		t.Fatalf("--store echoed: %d characters", len(errOut))
	}
}
