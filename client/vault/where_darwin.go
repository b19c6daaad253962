package vault

const keyringName = "your macOS Keychain"

// noSessionBus is for Linux's Secret Service; this system's keyring needs no bus.
func noSessionBus() bool { return false }
