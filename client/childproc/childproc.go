// Package childproc runs a test's child process (another run of the test binary, often inside a D-Bus
// session of its own) so that nothing it leaves behind can hang the test: services its bus started on
// demand outlive the bus and keep the output pipe open; they are stopped with the child.
package childproc

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// NeedSession is for tests that need the desktop session .ci/with-session gives (a real Secret Service):
// outside one they skip, but where the run must have one (KEYRELAY_CI=1, which make test sets) they fail,
// so a session that went missing in CI can't pass as skipped tests.
func NeedSession(t testing.TB) {
	t.Helper()
	if os.Getenv("KEYRELAY_TEST_KEYRING") == "1" {
		return
	}
	if os.Getenv("KEYRELAY_CI") == "1" {
		t.Fatal("no Secret Service in this run, and make test must have one: run the tests under .ci/with-session")
	}
	t.Skip("needs a real Secret Service: make test runs this under .ci/with-session")
}

// Output runs cmd and returns what it printed (stdout and stderr). The child gets a process group of its
// own; when it ends, output still held open by a grandchild is given up after a few seconds, and the whole
// group is stopped.
func Output(cmd *exec.Cmd) ([]byte, error) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 3 * time.Second
	out, err := cmd.CombinedOutput()
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // whatever of the group is still running
	}
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil // the child itself succeeded; only a grandchild held its output open
	}
	return out, err
}
