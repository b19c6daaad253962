// Package childproc runs a test's child process (another run of the test binary, often inside a D-Bus
// session of its own) so that nothing it leaves behind can hang the test: services its bus started on
// demand outlive the bus and keep the output pipe open; they are stopped with the child.
package childproc

import (
	"errors"
	"os/exec"
	"syscall"
	"time"
)

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
