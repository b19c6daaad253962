//go:build linux

package secretclip

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/xvfb"
)

// xclip reads the clipboard as another program (a clipboard manager, a paste) would.
func xclip(t *testing.T, target string) (string, error) {
	out, err := exec.Command("xclip", "-o", "-selection", "clipboard", "-t", target).Output()
	return string(out), err
}

// The copy offers the text, and beside it the hint clipboard managers read as "don't keep this"; Clear
// empties the clipboard while it still holds the copy, and leaves alone what was copied since.
func TestMarkedCopyOnX11(t *testing.T) {
	xvfb.Ensure(t)
	const secret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
	c, err := Put(secret)
	for try := 1; err != nil && try < 5; try++ { // a display just started can refuse a first client
		t.Logf("try %d: %v", try, err)
		time.Sleep(200 * time.Millisecond)
		c, err = Put(secret)
	}
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
