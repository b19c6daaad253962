package vault

import (
	"os"
	"path/filepath"
)

const keyringName = "your computer's keyring (GNOME Keyring or KWallet)"

// noSessionBus reports that this session has no D-Bus to reach a Secret Service through: no address in
// the environment and no socket where systemd puts it. Asked anyway, the D-Bus library would try to
// start a bus with dbus-launch and keep the merchant waiting for nothing.
func noSessionBus() bool {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return false
	}
	run := os.Getenv("XDG_RUNTIME_DIR")
	if run == "" {
		return true
	}
	_, err := os.Stat(filepath.Join(run, "bus"))
	return err != nil
}
