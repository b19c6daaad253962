//go:build !linux && !windows

package vault

import "errors"

// searchAccounts: macOS's Keychain (through go-keyring's security command) can't list a service's items,
// so an index that can't be read is kept aside rather than rebuilt.
func searchAccounts(string) ([]string, error) {
	return nil, errors.New("this keyring can't list its items")
}
