package connect

import (
	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
)

// ProfileOf is the service a saved connection's key is for: the app the merchant named, as kept with the
// connection, or the profile among ps with the connection's service id.
func ProfileOf(it vault.Item, ps []service.Profile) (service.Profile, bool) {
	if it.App != nil {
		p, err := service.App(it.App.Name, access.Permission(it.App.Needs), it.App.Page)
		return p, err == nil && p.ID == it.Service
	}
	for _, p := range ps {
		if p.ID == it.Service {
			return p, true
		}
	}
	return service.Profile{}, false
}

// AppOf is what a connection keeps of the app the merchant named; nil for a built-in service.
func AppOf(p service.Profile) *vault.App {
	if !p.IsAnother() {
		return nil
	}
	return &vault.App{Name: p.Name, Needs: string(p.Permission), Page: p.AccountURL}
}

// RequirementsOf finds each connection's requirement among ps (and the apps merchants named).
func RequirementsOf(ps []service.Profile) Requirements {
	return func(it vault.Item) (access.Requirement, bool) {
		p, ok := ProfileOf(it, ps)
		return p.Requirement(), ok
	}
}
