package vault

const keyringName = "Windows Credential Manager"
