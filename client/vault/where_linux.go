package vault

const keyringName = "your system keyring (Secret Service)"
