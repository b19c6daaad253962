package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// keyrelay-check and the app run one connect sequence: for the same fake-store scenario they give the
// same verdict, in the same words (title, meaning, every fix step, what was seen).
func TestCLIAndAppSayTheSame(t *testing.T) {
	for _, sc := range []struct {
		name string
		cfg  wootest.Config
		perm string
	}{
		{"read-only key", wootest.Config{}, "read"},
		{"a host that strips the header", wootest.Config{StripAuthHeader: true}, "read_write"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			h := newHarness(t, sc.cfg, vault.NewMemory())
			h.toCreate()
			k := h.generate(sc.perm)
			h.wpCopy(k.ConsumerKey + "|" + k.Secret)
			h.wait("the check result", func() bool { return h.w.step == stepCheck && h.w.verdict() != nil && !h.w.busy() })
			screen := h.screen()

			ca := filepath.Join(t.TempDir(), "ca.pem")
			if err := os.WriteFile(ca, wootest.CAPEM(), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("go", "run", "../cmd/keyrelay-check", "--store", h.store.URL(), "--ca-file", ca)
			cmd.Env = append(os.Environ(), "KEYRELAY_CONSUMER_KEY="+k.ConsumerKey, "KEYRELAY_CONSUMER_SECRET="+k.Secret)
			out, _ := cmd.Output() // exits non-zero: the key doesn't work yet
			cli := string(out)
			i := h.w.verdict().Issue
			if !strings.Contains(cli, "["+string(i.Code)+"]") {
				t.Fatalf("the command line says otherwise:\n%s", cli)
			}
			words := append([]string{i.Title, i.Meaning, "What we saw: " + i.Detail}, i.Fix...)
			for _, w := range words {
				if !strings.Contains(cli, w) || !strings.Contains(screen, w) {
					t.Errorf("not said alike by both: %q\nCLI:\n%s\nscreen:\n%s", w, cli, screen)
				}
			}
		})
	}
}
