package vault

import (
	"github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
)

// searchAccounts asks the Secret Service itself which accounts hold an item under service: go-keyring
// keeps each as an item with the attributes service and username, and a search by attribute reads no
// secret. It is the truth an index can be rebuilt from.
func searchAccounts(service string) ([]string, error) {
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil, err
	}
	paths, err := svc.SearchItems(svc.GetLoginCollection(), map[string]string{"service": service})
	if err != nil {
		return nil, err
	}
	var accounts []string
	for _, p := range paths {
		v, err := svc.Object("org.freedesktop.secrets", p).GetProperty("org.freedesktop.Secret.Item.Attributes")
		if err != nil {
			return nil, err
		}
		var attrs map[string]string
		if err := dbus.Store([]any{v.Value()}, &attrs); err != nil {
			return nil, err
		}
		if attrs["service"] == service && attrs["username"] != "" {
			accounts = append(accounts, attrs["username"])
		}
	}
	return accounts, nil
}
