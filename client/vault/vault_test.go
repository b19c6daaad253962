package vault

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/keyrelay/keyrelay/client/childproc"
	"github.com/keyrelay/keyrelay/client/diagnosis"
)

const (
	tKey    = "ck_1f3a5c7e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70"
	tSecret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
)

// realKeyring reports whether this run has a Secret Service to talk to (make test provides one).
func realKeyring(t *testing.T) Keyring {
	childproc.NeedSession(t)
	return Keyring{Timeout: 5 * time.Second, Service: "Key Relay (vault tests)"}
}

// The item goes into the real Secret Service, and secret-tool (libsecret, not go-keyring) finds it there.
func TestKeyringRoundTripWithSecretTool(t *testing.T) {
	k := realKeyring(t)
	store := "https://roundtrip.example/"
	it := Item{Key: tKey, Secret: tSecret, Store: store, Service: "syncio", Permission: "read_write", Created: time.Now().UTC().Truncate(time.Second)}
	if err := k.Save(it); err != nil {
		t.Fatalf("save: %v", err)
	}
	defer k.Delete(store, "syncio")
	got, err := k.Load(store, "syncio")
	if err != nil || got.Key != tKey || got.Secret != tSecret || !got.Created.Equal(it.Created) {
		t.Fatalf("load: %v %v", err, got)
	}
	out, err := exec.Command("secret-tool", "lookup", "service", k.service(), "username", Account(store, "syncio")).Output()
	if err != nil {
		t.Fatalf("secret-tool lookup: %v", err)
	}
	if !strings.Contains(string(out), `"secret":"`+tSecret+`"`) || !strings.Contains(string(out), `"store":"`+store+`"`) {
		t.Fatal("secret-tool found an item, but not the one saved") // never print it: it holds the secret
	}
	if err := k.Delete(store, "syncio"); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Load(store, "syncio"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

// A real gnome-keyring that was started but never unlocked, with no display for its unlock prompt: the
// merchant is told the keyring is locked, not that there is none.
func TestLockedKeyringIsDiagnosed(t *testing.T) {
	if os.Getenv("KEYRELAY_VAULT_CHILD") == "locked" {
		err := Keyring{Timeout: 10 * time.Second}.Save(Item{Key: tKey, Secret: tSecret, Store: "s", Service: "x"})
		// gnome-keyring answers at once that the unlock failed: the words, not our timeout, tell.
		var late *Late
		if i := Issue(err); i == nil || i.Code != KeyringLocked || errors.As(err, &late) || strings.Contains(i.Detail, tSecret) {
			t.Fatalf("err %v", err)
		}
		// A merchant reads plain words; the collection's path is for the support report.
		if i := Issue(err); strings.Contains(i.Detail, "/org/freedesktop") || !strings.Contains(i.Technical, "unlock") {
			t.Fatalf("detail %q, technical %q", i.Detail, i.Technical)
		}
		return
	}
	realKeyring(t)
	// The locked keyring gets a child process and a bus of its own, with a keyring folder that holds no
	// unlocked collection.
	data, run := t.TempDir(), t.TempDir()
	script := `gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 && exec "$0" -test.run='^TestLockedKeyringIsDiagnosed$' -test.v`
	passInChild(t, exec.Command("dbus-run-session", "--", "sh", "-c", script, os.Args[0]),
		"KEYRELAY_VAULT_CHILD=locked", "XDG_DATA_HOME="+data, "XDG_RUNTIME_DIR="+run, "DISPLAY=", "WAYLAND_DISPLAY=")
}

// passInChild runs cmd, a run of this test binary (godbus keeps the first session bus it finds, so a test
// that needs another bus, or none, needs another process), with env added, and fails unless its test passed.
func passInChild(t *testing.T, cmd *exec.Cmd, env ...string) {
	t.Helper()
	cmd.Env = append(os.Environ(), env...)
	out, err := childproc.Output(cmd)
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func TestKeyringUnavailableFailsFast(t *testing.T) {
	if os.Getenv("KEYRELAY_VAULT_CHILD") != "1" { // run where there is no session bus at all
		passInChild(t, exec.Command(os.Args[0], "-test.run=^TestKeyringUnavailableFailsFast$", "-test.v"),
			"KEYRELAY_VAULT_CHILD=1", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus")
		return
	}
	// A long timeout: failing fast means go-keyring's own error, not our timeout's.
	err := Keyring{Timeout: time.Minute}.Save(Item{Key: tKey, Secret: tSecret, Store: "s", Service: "x"})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(err.Error(), "did not answer") {
		t.Fatalf("waited for the timeout instead of failing fast: %v", err)
	}
	if strings.Contains(err.Error(), tSecret) {
		t.Fatal("error shows the secret")
	}
	if i := Issue(err); i.Code != KeyringUnavailable || strings.Contains(i.Detail, tSecret) {
		t.Fatalf("issue %s: %s", i.Code, i.Detail)
	}
}

func TestTimeoutOnAHungKeyring(t *testing.T) {
	k := Keyring{Timeout: 50 * time.Millisecond}
	err := k.wait(func() error { select {} })
	if !errors.Is(err, ErrUnavailable) || !errors.Is(err, ErrLocked) || Issue(err).Code != KeyringLocked {
		t.Fatalf("%v / %s", err, Issue(err).Code)
	}
}

// A dismissed unlock prompt is a locked keyring too; it comes back as go-keyring's error, not a timeout.
func TestDismissedUnlockPromptIsLocked(t *testing.T) {
	err := Keyring{}.wait(func() error {
		return errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
	})
	if Issue(err).Code != KeyringLocked {
		t.Fatalf("%v", err)
	}
	if Issue(nil) != nil || Issue(ErrNotFound) != nil {
		t.Fatal("no failure worded as one")
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	it := Item{Key: tKey, Secret: tSecret, Store: "https://a.example/", Service: "syncio"}
	if err := m.Save(it); err != nil {
		t.Fatal(err)
	}
	if got, err := m.Load(it.Store, "syncio"); err != nil || got.Secret != tSecret {
		t.Fatal(err)
	}
	m.Unavailable = true
	if _, err := m.Load(it.Store, "syncio"); !errors.Is(err, ErrUnavailable) {
		t.Fatal(err)
	}
	if s := it.String(); strings.Contains(s, tSecret) || strings.Contains(s, tKey) {
		t.Fatal(s)
	}
	sy := Item{Source: "syncore", Key: "sk" + strings.Repeat("ab", 20) + "9f3a", Secret: "sk" + strings.Repeat("cd", 20), Store: "api.syncore.app", Service: "another-app"}
	if s := sy.String(); s != "syncore key …9f3a for api.syncore.app (another-app)" {
		t.Fatal(s)
	}
}

// Every keyring row of the diagnosis table is one a keyring failure can be worded as (the engine's and the
// wizard's tests cover the other rows).
func TestEveryKeyringRowIsProduced(t *testing.T) {
	produced := map[diagnosis.Code]bool{}
	for _, fail := range []func() error{
		func() error {
			return errors.New("The name org.freedesktop.secrets was not provided by any .service files")
		},
		func() error {
			return errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")
		},
	} {
		produced[Issue(Keyring{}.wait(fail)).Code] = true
	}
	produced[Issue(Keyring{Timeout: time.Millisecond}.wait(func() error { select {} })).Code] = true
	for _, c := range []diagnosis.Code{KeyringUnavailable, KeyringLocked} {
		if !produced[c] {
			t.Errorf("no keyring failure is worded as %s", c)
		}
	}
}

// A call that gave up waiting goes on; when it lands after all, its result is delivered, not lost: a
// save reported as failed that succeeded later is known to have succeeded.
func TestLateKeyringAnswerIsDelivered(t *testing.T) {
	release := make(chan struct{})
	landed := false
	err := Keyring{Timeout: 20 * time.Millisecond}.wait(func() error { <-release; landed = true; return nil })
	var late *Late
	if !errors.As(err, &late) || !errors.Is(err, ErrLocked) || Issue(err).Code != KeyringLocked {
		t.Fatalf("timed-out call: %v", err)
	}
	close(release)
	if err := <-late.Done(); err != nil || !landed {
		t.Fatalf("late result %v, landed %v", err, landed)
	}
	// The same through a slow in-memory keyring, as the wizard meets it.
	m := NewMemory()
	m.Delay, m.Timeout = 100*time.Millisecond, 10*time.Millisecond
	err = m.Save(Item{Key: tKey, Secret: tSecret, Store: "https://s.example/", Service: "syncio"})
	if !errors.As(err, &late) {
		t.Fatalf("slow save: %v", err)
	}
	if err := <-late.Done(); err != nil || m.Len() != 1 {
		t.Fatalf("late save %v, %d items", err, m.Len())
	}
	if strings.Contains(late.Error(), tSecret) {
		t.Fatal("the error shows the secret")
	}
}

// No D-Bus session at all (a desktop without one, a plain SSH login): keyring_unavailable at once, not
// seconds of "Saving…" and then "locked, look for a password prompt" when there is no prompt.
func TestNoSessionBusAtAll(t *testing.T) {
	if os.Getenv("KEYRELAY_VAULT_CHILD") != "nobus" {
		passInChild(t, exec.Command(os.Args[0], "-test.run=^TestNoSessionBusAtAll$", "-test.v"),
			"KEYRELAY_VAULT_CHILD=nobus", "DBUS_SESSION_BUS_ADDRESS=", "XDG_RUNTIME_DIR="+t.TempDir(), "DISPLAY=")
		return
	}
	// A minute's timeout: the answer must come from knowing there is no bus, not from waiting.
	err := Keyring{Timeout: time.Minute}.Save(Item{Key: tKey, Secret: tSecret, Store: "s", Service: "x"})
	i := Issue(err)
	var late *Late
	if i == nil || i.Code != KeyringUnavailable || errors.As(err, &late) || !errors.Is(err, errNoBus) {
		t.Fatalf("%v", err)
	}
	if strings.ContainsAny(i.Detail, "/$") || !strings.Contains(i.Technical, "D-Bus") {
		t.Fatalf("detail %q, technical %q", i.Detail, i.Technical)
	}
}

// The real keyring lists what it keeps (newest first) through its index item, and forgets a deleted one;
// nothing of the index holds a secret.
func TestKeyringListsItsItems(t *testing.T) {
	k := realKeyring(t)
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	var saved []Item
	for i, store := range []string{"https://list-a.example/", "https://list-b.example/", "https://list-c.example/"} {
		it := Item{Key: tKey, Secret: tSecret, Store: store, Service: "syncio", Created: base.Add(time.Duration(i) * time.Minute)}
		if err := k.Save(it); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, it)
		t.Cleanup(func() { _ = k.Delete(it.Store, it.Service) })
	}
	items, err := k.List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		if strings.HasPrefix(it.Store, "https://list-") {
			got = append(got, it.Store)
		}
	}
	if strings.Join(got, " ") != "https://list-c.example/ https://list-b.example/ https://list-a.example/" {
		t.Fatalf("listed %v", got)
	}
	if err := k.Delete(saved[1].Store, "syncio"); err != nil {
		t.Fatal(err)
	}
	items, _ = k.List()
	for _, it := range items {
		if it.Store == saved[1].Store {
			t.Fatal("a deleted item is still listed")
		}
	}
	out, err := exec.Command("secret-tool", "lookup", "service", k.service(), "username", indexAccount).Output()
	if err != nil || strings.Contains(string(out), tSecret) || !strings.Contains(string(out), "list-a.example") {
		t.Fatalf("index %q %v", out, err)
	}
}

// Saves at the same moment (the capture's and the tested one, Check all's): every item is listed.
func TestConcurrentSavesAreAllListed(t *testing.T) {
	k := realKeyring(t)
	k.Service = "Key Relay (concurrent saves)"
	var wg sync.WaitGroup
	stores := []string{"https://c1.example/", "https://c2.example/", "https://c3.example/", "https://c4.example/"}
	for _, store := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := k.Save(Item{Key: tKey, Secret: tSecret, Store: store, Service: "syncio"}); err != nil {
				t.Error(err)
			}
		}()
		t.Cleanup(func() { _ = k.Delete(store, "syncio") })
	}
	wg.Wait()
	items, err := k.List()
	if err != nil || len(items) != len(stores) {
		t.Fatalf("listed %d of %d: %v", len(items), len(stores), err)
	}
}

// A damaged index (not JSON, or longer than the 256 KB List reads): List still lists every item from the
// Secret Service's own search, quickly, and the next save keeps them all listed instead of rewriting the
// index as empty.
func TestDamagedIndexLosesNoKey(t *testing.T) {
	for name, raw := range map[string]string{"invalid JSON": `["syncio https://a.example/", `, "over the 256 KB it reads": `["` + strings.Repeat("x", 4*maxIndex) + `"]`} {
		t.Run(name, func(t *testing.T) {
			k := realKeyring(t)
			k.Service = "Key Relay (damaged index " + name + ")"
			k.Timeout = 30 * time.Second // writing 1 MB to gnome-keyring is slow; Key Relay never reads it back
			live := Item{Key: tKey, Secret: tSecret, Store: "https://live.example/", Service: "syncio"}
			if err := k.Save(live); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = k.Delete(live.Store, live.Service) })
			if err := keyring.Set(k.service(), indexAccount, raw); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = keyring.Delete(k.service(), indexAccount) })
			k.Timeout = 5 * time.Second
			items, err := k.List()
			if err != nil || len(items) != 1 || items[0].Store != live.Store {
				t.Fatalf("listed %d items: %v", len(items), err)
			}
			other := Item{Key: tKey, Secret: tSecret, Store: "https://new.example/", Service: "syncio"}
			if err := k.Save(other); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = k.Delete(other.Store, other.Service) })
			items, err = k.List()
			if err != nil || len(items) != 2 {
				t.Fatalf("after a save, listed %d items: %v", len(items), err)
			}
			idx, err := keyring.Get(k.service(), indexAccount)
			if err != nil || !strings.Contains(idx, "live.example") || !strings.Contains(idx, "new.example") {
				t.Fatalf("the index rewritten without the live key: %.100q %v", idx, err)
			}
		})
	}
}

// One damaged item is named; the others are listed.
func TestOneDamagedItemIsNamed(t *testing.T) {
	k := realKeyring(t)
	k.Service = "Key Relay (damaged item)"
	good := Item{Key: tKey, Secret: tSecret, Store: "https://good.example/", Service: "syncio"}
	if err := k.Save(good); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = k.Delete(good.Store, good.Service) })
	bad := Item{Key: tKey, Secret: tSecret, Store: "https://bad.example/", Service: "syncio"}
	if err := k.Save(bad); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = k.Delete(bad.Store, bad.Service) })
	if err := keyring.Set(k.service(), Account(bad.Store, bad.Service), "{not an item"); err != nil {
		t.Fatal(err)
	}
	items, err := k.List()
	var d *Damaged
	if !errors.As(err, &d) || len(d.Accounts) != 1 || d.Accounts[0] != Account(bad.Store, bad.Service) || !Partly(err) {
		t.Fatalf("the damaged item isn't named: %v", err)
	}
	if len(items) != 1 || items[0].Store != good.Store {
		t.Fatalf("listed %d items", len(items))
	}
	if i := Issue(err); i == nil || i.Code != KeyringItemDamaged || !strings.Contains(i.Detail, "bad.example") {
		t.Fatalf("row %+v", i)
	}
}

// The same account listed twice (two Key Relays, an edit by hand) is one connection.
func TestDuplicateEntriesListOnce(t *testing.T) {
	if got := tidy([]string{"syncio https://a/", "syncio https://a/", "junk", "", "syncio https://b/"}); len(got) != 2 {
		t.Fatalf("%q", got)
	}
	many := make([]string, 2*maxAccounts)
	for i := range many {
		many[i] = fmt.Sprintf("syncio https://s%d/", i)
	}
	if got := tidy(many); len(got) != maxAccounts {
		t.Fatalf("%d entries kept", len(got))
	}
}
