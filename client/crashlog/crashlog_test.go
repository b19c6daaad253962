package crashlog

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/woo"
)

const (
	tKey    = "ck_1f3a5c7e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70"
	tSecret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
)

// A crash lands in the log in the user's cache folder, with the key pair masked, and the support report
// can find it.
func TestCrashLandsInTheLog(t *testing.T) {
	if os.Getenv("KEYRELAY_CRASH_CHILD") == "1" {
		if err := Start(); err != nil {
			t.Fatal(err)
		}
		panic(woo.Credentials{Key: tKey, Secret: tSecret}) // a value in a panic prints as it says itself: masked
	}
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if Found() != "" {
		t.Fatal("a crash log before any crash")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLandsInTheLog$")
	cmd.Env = append(os.Environ(), "KEYRELAY_CRASH_CHILD=1", "XDG_CACHE_HOME="+cache)
	if err := cmd.Run(); err == nil {
		t.Fatal("the child didn't crash")
	}
	p := Found()
	if p == "" || !strings.HasPrefix(p, cache) {
		t.Fatalf("no crash log in %s", cache)
	}
	b, _ := os.ReadFile(p)
	log := string(b)
	if !strings.Contains(log, "panic:") || !strings.Contains(log, "goroutine") {
		t.Fatalf("the log lacks the crash:\n%s", log)
	}
	if strings.Contains(log, tSecret) || strings.Contains(log, tSecret[3:]) || strings.Contains(log, tKey) {
		t.Fatalf("the crash log holds the key pair:\n%s", log)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Fatalf("the log is readable by others: %v", st.Mode())
	}
}
