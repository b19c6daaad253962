//go:build linux

package secretclip

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// display gives the test a real X server: the session's, or an Xvfb of its own (make test installs it).
func display(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" {
		return
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-nolisten", "tcp", "-screen", "0", "640x480x24")
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

// xclip reads the clipboard as another program (a clipboard manager, a paste) would.
func xclip(t *testing.T, target string) (string, error) {
	out, err := exec.Command("xclip", "-o", "-selection", "clipboard", "-t", target).Output()
	return string(out), err
}

// The copy offers the text, and beside it the hint clipboard managers read as "don't keep this"; Clear
// empties the clipboard while it still holds the copy, and leaves alone what was copied since.
func TestMarkedCopyOnX11(t *testing.T) {
	display(t)
	const secret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
	c, err := Put(secret)
	if err != nil {
		t.Fatal(err)
	}
	targets, err := xclip(t, "TARGETS")
	if err != nil || !strings.Contains(targets, hintTarget) || !strings.Contains(targets, "UTF8_STRING") {
		t.Fatalf("targets %q %v", targets, err)
	}
	if hint, _ := xclip(t, hintTarget); hint != hintValue {
		t.Fatalf("hint %q", hint)
	}
	if text, _ := xclip(t, "UTF8_STRING"); text != secret {
		t.Fatal("the text isn't offered")
	}
	if !c.Held() {
		t.Fatal("not held")
	}
	c.Clear()
	if text, err := xclip(t, "UTF8_STRING"); err == nil && text == secret {
		t.Fatal("cleared, yet the clipboard still holds the secret")
	}

	// Someone copies something else: the copy is no longer held, and clearing it leaves theirs alone.
	c, err = Put(secret)
	if err != nil {
		t.Fatal(err)
	}
	other := exec.Command("xclip", "-selection", "clipboard", "-i")
	other.Stdin = strings.NewReader("the merchant's own text")
	if err := other.Run(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); c.Held(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) { // xclip serves from a process of its own: wait for it to own the clipboard
			t.Fatal("held after someone else copied")
		}
	}
	c.Clear()
	if text, _ := xclip(t, "UTF8_STRING"); text != "the merchant's own text" {
		t.Fatalf("cleared what the merchant copied: %q", text)
	}
}
