package vault

const keyringName = "your macOS Keychain"
