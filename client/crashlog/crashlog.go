// Package crashlog keeps what Go prints when Key Relay crashes (an unrecovered panic, a fatal error) in a
// file in the user's cache folder, as Fyne apps do, so a merchant can send it and support can read it. No
// secret reaches it: the key pair's types print masked, and nothing else holds the secret.
package crashlog

import (
	"os"
	"path/filepath"
	"runtime/debug"
)

// Path is where the crash log is kept: <the user's cache folder>/keyrelay/crash.log.
func Path() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "keyrelay", "crash.log"), nil
}

// Start sends this process's crash output to the log as well as to standard error, appending to what an
// earlier crash left.
func Start() error {
	p, err := Path()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close() // SetCrashOutput keeps its own copy of the file
	return debug.SetCrashOutput(f, debug.CrashOptions{})
}

// Found is the crash log's path when one with something in it exists, for the support report; "" when
// Key Relay never crashed here.
func Found() string {
	p, err := Path()
	if err != nil {
		return ""
	}
	if st, err := os.Stat(p); err != nil || st.Size() == 0 {
		return ""
	}
	return p
}
