package vault

import (
	"strings"

	"github.com/danieljoos/wincred"
)

// searchAccounts asks Credential Manager which accounts hold an item under service: go-keyring names
// each credential "service:username", and listing reads no secret. It is the truth an index can be
// rebuilt from.
func searchAccounts(service string) ([]string, error) {
	creds, err := wincred.List()
	if err != nil {
		return nil, err
	}
	var accounts []string
	for _, c := range creds {
		if a, ok := strings.CutPrefix(c.TargetName, service+":"); ok && a != "" {
			accounts = append(accounts, a)
		}
	}
	return accounts, nil
}
