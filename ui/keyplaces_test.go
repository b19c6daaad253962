package ui

// Where the key may go and stay, seen from the screens: a key pasted in the address is taken out of it
// (never remembered or reported with it), a secret Key Relay copied leaves the clipboard with the app,
// and a keyring that answers late is believed.

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/keyrelay/keyrelay/client/secretclip"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

func TestKeyPastedInTheAddress(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.store.AddKey("Syncio API Key", wootest.Administrator, "read_write")
	h.typeAddress(h.store.URL() + "?consumer_key=" + k.ConsumerKey + "&consumer_secret=" + k.Secret)
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.see("The address you pasted also held a consumer key (ck_…"+k.Truncated()+") and its secret", "[Use it as the key]")
	h.notSee(k.Secret, k.ConsumerKey)
	h.ui(func() {
		for _, pref := range allPrefs {
			if v := h.w.prefs().String(pref) + strings.Join(h.w.prefs().StringList(pref), " "); strings.Contains(v, k.Secret) || strings.Contains(v, k.ConsumerKey) {
				t.Fatalf("preference %s keeps the key: %q", pref, v)
			}
		}
		if got := h.w.prefs().String(prefLastStore); got != h.store.URL() {
			t.Fatalf("last store %q, want the parsed address %s", got, h.store.URL())
		}
		if r := h.w.supportReport(); strings.Contains(r, k.Secret) || strings.Contains(r, k.ConsumerKey) {
			t.Fatalf("the support report carries the key:\n%s", r)
		}
	})
	h.tap("Use it as the key")
	h.wait("the key from the address, tested and saved", func() bool { return h.w.at.Saved && !h.w.busy() })
	h.ui(func() {
		if h.w.at.Store.Creds.Key != k.ConsumerKey || h.w.at.Store.Creds.Secret != k.Secret || h.w.verdict() == nil || !h.w.verdict().Fit {
			t.Fatalf("creds %v, verdict %+v", h.w.at.Store.Creds, h.w.verdict())
		}
	})
}

func TestCopiedSecretLeavesWithTheApp(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toSaved()
	h.tap("Continue to Syncio")
	h.tap("Copy consumer secret")
	h.ui(func() {
		if h.app.Clipboard().Content() != k.Secret {
			t.Fatalf("the copy button didn't copy the secret")
		}
		h.w.win.Close() // the 60-second timer would die with the process
		if got := h.app.Clipboard().Content(); got != "" {
			t.Fatalf("the secret outlived the window on the clipboard")
		}
	})
	// Something the merchant copied since is theirs: left alone.
	h2 := newHarnessOn(t, h.app, h.store, h.vault)
	h2.ui(func() {
		h2.w.copySecret("Consumer secret", k.Secret)
		h2.app.Clipboard().SetContent("the merchant's own text")
		h2.w.win.Close()
		if got := h2.app.Clipboard().Content(); got != "the merchant's own text" {
			t.Fatalf("cleared what the merchant copied: %q", got)
		}
	})
}

// The keyring gives up answering in time and then lands the save after all: the screen follows the
// keyring, not the timeout.
func TestLateKeyringSaveIsBelieved(t *testing.T) {
	mem := vault.NewMemory()
	mem.Delay, mem.Timeout = 300*time.Millisecond, 20*time.Millisecond
	h := newHarness(t, wootest.Config{}, mem)
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the keyring's timeout", func() bool { return h.w.step == stepSave && h.w.at.SaveErr != nil && !h.w.busy() })
	h.see("keyring is locked")
	h.wait("the late answer", func() bool { return h.w.at.Saved })
	h.see("Your keyring answered after all", "[Continue to Syncio]")
	h.notSee("keyring is locked")
	h.ui(func() {
		if it, err := mem.Load(h.store.URL(), "syncio"); err != nil || !it.Unfinished {
			t.Fatal("the late save is not offered after a restart")
		}
	})
	if it, err := mem.Load(h.store.URL(), "syncio"); err != nil || it.Verified.IsZero() {
		t.Fatalf("kept %+v %v", it, err)
	}
}

// A store address that forwards to another website stops before the key, and asks by name whether that
// website is the merchant's store; yes checks that one.
func TestForwardedElsewhereAsksByName(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://localhost:"+h.store.Port()+"/", http.StatusMovedPermanently)
	}))
	t.Cleanup(front.Close)
	h.typeAddress(front.URL)
	h.wait("the store check", func() bool { return !h.w.busy() && h.w.at.Store.Discovery != nil })
	h.see("This address forwards to another website.", "[Yes, localhost:"+h.store.Port()+" is my store]")
	h.tap("Yes, localhost:" + h.store.Port() + " is my store")
	h.wait("the other website checked", h.atStep(stepCreate))
	h.see("Step 2 of 7")
}

// Key Relay's own copies go on the clipboard marked as secrets, with the seconds until they are cleared
// counted down; where the system can't mark them, the ordinary clipboard still works.
func TestCopiesAreMarkedAndCountedDown(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	k := h.toSaved()
	h.tap("Continue to Syncio")
	h.tap("Copy consumer secret")
	if len(h.marked) == 0 || h.marked[len(h.marked)-1] != k.Secret {
		t.Fatalf("the secret wasn't copied marked: %d marked copies", len(h.marked))
	}
	h.see("Consumer secret copied. Key Relay clears the clipboard in 60 seconds.")
	h.ui(func() { h.timers[len(h.timers)-2]() }) // one second later
	h.see("clears the clipboard in 59 seconds")

	h2 := newHarnessDeps(t, test.NewTempApp(t), h.store, Deps{
		Client: woo.NewClient(woo.Options{RootCAs: wootest.CAPool()}), Vault: vault.NewMemory(), Services: service.Builtin(),
		SecretClipboard: func(string) (secretclip.Copy, error) { return nil, secretclip.ErrUnsupported },
	})
	h2.ui(func() {
		h2.w.copySecret("Consumer secret", k.Secret)
		if h2.app.Clipboard().Content() != k.Secret {
			t.Fatal("without marking, the ordinary clipboard must still take the copy")
		}
		h2.w.win.Close()
		if h2.app.Clipboard().Content() != "" {
			t.Fatal("not cleared on close")
		}
	})
}

// lockedKeyring fails as a locked GNOME keyring does, in go-keyring's own words with the collection's path.
type lockedKeyring struct{ *vault.Memory }

func (lockedKeyring) Save(vault.Item) error {
	return fmt.Errorf("%w: %w: failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'", vault.ErrUnavailable, vault.ErrLocked)
}

// 4. What the keyring's own error says (bus names, collection paths) is for the support report; the
// merchant reads plain words.
func TestKeyringWordsAreShopWords(t *testing.T) {
	h := newHarness(t, wootest.Config{}, lockedKeyring{vault.NewMemory()})
	h.toCreate()
	k := h.generate("read_write")
	h.wpCopy(k.ConsumerKey + "|" + k.Secret)
	h.wait("the save step", func() bool { return h.w.step == stepSave && h.w.at.SaveErr != nil && !h.w.busy() })
	h.see("This computer's keyring is locked", "What we saw: The keyring is locked and wasn't unlocked.")
	h.notSee("/org/freedesktop", "collection")
	h.ui(func() {
		if r := h.w.supportReport(); !strings.Contains(r, "/org/freedesktop/secrets/aliases/default") {
			t.Fatalf("the support report lacks the system's words:\n%s", r)
		}
	})
}

// Quitting from the menu (or its shortcut) closes no window first: it clears a copied secret itself.
func TestQuitClearsACopiedSecret(t *testing.T) {
	h := newHarness(t, wootest.Config{}, vault.NewMemory())
	secret := "cs_" + strings.Repeat("5e", 20)
	h.ui(func() {
		h.w.copySecret("Consumer secret", secret)
		var quit *fyne.MenuItem
		for _, m := range h.w.win.MainMenu().Items {
			for _, it := range m.Items {
				if it.IsQuit {
					quit = it
				}
			}
		}
		if quit == nil {
			t.Fatal("no Quit item")
		}
		quit.Action()
		if h.app.Clipboard().Content() == secret {
			t.Fatal("the secret outlived Quit on the clipboard")
		}
	})
}
