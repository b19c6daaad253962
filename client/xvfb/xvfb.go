// Package xvfb gives a test a real X server: the session's when there is one, or an Xvfb of its own
// (make test installs it), so tests that need X run under any runner.
package xvfb

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Ensure sets DISPLAY for t to a running X server, starting Xvfb for the test when there is none.
func Ensure(t testing.TB) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" {
		return
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// -noreset: by default Xvfb resets itself whenever its last client leaves, and a client connecting
	// during the reset is refused (or sees EOF), which read as a display that "refuses a first client".
	x := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-noreset", "-screen", "0", "1024x768x24")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatalf("no X server to test against: %v (make test installs xvfb)", err)
	}
	w.Close()
	t.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	n, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb gave no display: %v", err)
	}
	t.Setenv("DISPLAY", ":"+strings.TrimSpace(n))
}
