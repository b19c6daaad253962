package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/childproc"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// chooseAnother picks "Another app…" on step 1.
func (h *harness) chooseAnother() {
	h.act("choose Another app")
	h.ui(func() { h.w.s.store.serviceSelect.SetSelected(anotherChoice) })
}

// typeInto types text into the entry showing placeholder (what was there first is cleared).
func (h *harness) typeInto(placeholder, text string) {
	h.t.Helper()
	h.ui(func() {
		for _, o := range h.objects() {
			if e, ok := o.(*widget.Entry); ok && e.Visible() && e.PlaceHolder == placeholder {
				e.SetText("")
				test.Type(e, text)
				return
			}
		}
		h.t.Fatalf("no field %q on screen:\n%s", placeholder, h.text())
	})
}

// chooseOption clicks the radio choice with this text.
func (h *harness) chooseOption(label string) {
	h.t.Helper()
	h.act("choose " + label)
	h.ui(func() {
		for _, o := range h.objects() {
			if r, ok := o.(*widget.RadioGroup); ok && r.Visible() {
				r.SetSelected(label)
				return
			}
		}
		h.t.Fatalf("no choice %q on screen", label)
	})
}

const (
	appNamePlaceholder = "The app's name, e.g. Xero, Mailchimp, our own shop app"
	appPagePlaceholder = "https://app.example.com/settings/woocommerce"
)

// Another app, by hand: a bad name, a missing choice and an http page are each said under their field
// with everything typed kept; then the key is made for the app (its name as the Description, Read as it
// needs), tested by Basic over HTTPS, saved as the app's connection, handed over by the copy buttons, and
// re-checked by Check all like Syncio's.
func TestAnotherAppByHand(t *testing.T) {
	mem := vault.NewMemory()
	h := newHarness(t, wootest.Config{WooVersion: "8.9.1"}, mem)
	h.chooseAnother()
	h.see("<"+anotherChoice+">", "The app's name", "What it needs from your store", "(optional)", "Basic authentication over HTTPS")
	h.typeAddress(h.store.URL())
	h.see("Type the app's name", "{"+h.store.URL()+"}")
	h.typeInto(appNamePlaceholder, "ck_0123456789abcdef0123456789abcdef01234567")
	h.typeAddress(h.store.URL())
	h.see("That looks like a key, not a name")
	h.notSee("0123456789abcdef0123456789abcdef01234567")
	h.typeInto(appNamePlaceholder, "Acme Books")
	h.typeAddress(h.store.URL())
	h.see("Choose what Acme Books needs", "{Acme Books}")
	h.chooseOption(anotherNeeds[0].label)
	h.typeInto(appPagePlaceholder, "http://books.example.com/woo")
	h.typeAddress(h.store.URL())
	h.see("must be a secure one (https://)", "{http://books.example.com/woo}")
	if h.w.step != stepStore {
		t.Fatal("the walk went on with a bad page address")
	}
	h.typeInto(appPagePlaceholder, "")
	h.typeAddress(h.store.URL())
	h.wait("the create step", h.atStep(stepCreate))
	h.see("Step 2 of 7", "Acme Books API Key", "choose “Read”", "Acme Books only reads from your store")
	h.tap("I'll do it in my browser")
	k := h.store.AddKey("Acme Books API Key", wootest.Administrator, "read")
	h.wpCopy(k.ConsumerKey)
	h.wait("the capture step", h.atStep(stepCapture))
	h.wpCopy(k.Secret)
	h.wait("the saved key", func() bool { return h.w.step == stepSave && h.w.at.Saved && !h.w.busy() })
	it, err := mem.Load(h.store.URL(), "app-acme-books")
	if err != nil || it.Secret != k.Secret || it.Verified.IsZero() || it.App == nil || *it.App != (vault.App{Name: "Acme Books", Needs: "read"}) {
		t.Fatalf("the app's connection: %v %+v", err, it.App)
	}
	h.tap("Continue to Acme Books")
	h.see("Step 6 of 7", "Open Acme Books and log in.", "Consumer key copied", "[Copy consumer secret]", "[I've saved the key in Acme Books]")
	h.notSee("[Open Acme Books]")
	h.tap("Copy consumer secret")
	h.act("Acme Books: paste, paste, Save")
	h.tap("I've saved the key in Acme Books")
	h.see("Step 7 of 7")

	h.ui(func() { h.w.send(walk.Connections); h.w.loadConnections() })
	h.wait("the list", func() bool { return !h.w.busy() && len(h.w.s.conns.items) == 1 })
	h.see(h.store.URL()+" (Acme Books)", "Key "+redact.MaskKey(k.ConsumerKey))
	h.tap("Check all")
	h.wait("the answer", func() bool { return !h.w.busy() })
	h.see("✓ Works for Acme Books (checked just now)")
}

// Another app with its page, by browser assist, into a real keyring: the key is made in Key Relay's
// window, the app's page (one the sandbox serves, known to Key Relay by no map) is filled by its labels,
// the merchant's click sends it, Done proves the app used the key, and `keyrelay-check --all`, reading the
// same keyring, re-checks the connection under the app's name.
func TestAnotherAppAssistedAndCheckedByKeyrelayCheck(t *testing.T) {
	childproc.NeedSession(t)
	kr := vault.Keyring{Timeout: 5 * time.Second, Service: "Key Relay (another app test)"}
	a := newAssistedIn(t, kr, nil)
	page := a.svc.FormURL("plain")
	a.chooseAnother()
	a.typeInto(appNamePlaceholder, "Acme Books")
	a.chooseOption(anotherNeeds[1].label)
	a.typeInto(appPagePlaceholder, page)
	a.toGenerate()
	a.inBrowser("WordPress: Generate API key", chromedp.Click("#"+wpadmin.ButtonGenerate))
	a.waitLong("the app's form filled", a.saying("Click its highlighted button"))
	k := a.store.Keys()[0]
	t.Cleanup(func() { _ = kr.Delete(a.store.URL(), "app-acme-books") })
	if k.Description != "Acme Books API Key" || k.Permissions != "read_write" {
		t.Fatalf("made %q, %s", k.Description, k.Permissions)
	}
	a.later.Store(int64(2 * time.Minute))
	a.inBrowser("Acme Books: Save", chromedp.Click("#save"))
	a.waitLong("proof of delivery", func() bool { return a.w.step == stepDone && a.w.at.Store.Delivery.UsedAt != nil })
	a.see("Acme Books used the key at")
	got := a.svc.FormsReceived()
	if len(got) != 1 || got[0].Page != "plain" || got[0].Credentials.Secret != k.Secret || !got[0].Verified {
		t.Fatal("the app's page didn't receive the working key")
	}
	if it, err := kr.Load(a.store.URL(), "app-acme-books"); err != nil || it.App == nil || it.App.Page != page || it.App.Needs != "read_write" {
		t.Fatalf("kept: %v", err)
	}

	// keyrelay-check, built as shipped but reading this test's keyring, re-checks it like Syncio's.
	bin := filepath.Join(t.TempDir(), "keyrelay-check")
	build := exec.Command("go", "build", "-ldflags", "-X 'main.keyringService="+kr.Service+"'", "-o", bin, "github.com/keyrelay/keyrelay/cmd/keyrelay-check")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building keyrelay-check: %v\n%s", err, out)
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, wootest.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--all", "--ca-file", ca).CombinedOutput()
	if err != nil || !strings.Contains(string(out), a.store.URL()+" (Acme Books)") || !strings.Contains(string(out), "✓ Works: key "+redact.MaskKey(k.ConsumerKey)) {
		t.Fatalf("keyrelay-check --all: %v\n%s", err, out)
	}
	if strings.Contains(string(out), k.Secret) || strings.Contains(string(out), k.ConsumerKey) {
		t.Fatal("keyrelay-check printed the key or secret")
	}
}
