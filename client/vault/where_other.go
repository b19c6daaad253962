//go:build !linux && !darwin && !windows

package vault

const keyringName = "your system keyring"
