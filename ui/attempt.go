package ui

import (
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// A walk's state is one value: a new connection, Fix, Replace key, Finish replacing and resuming each
// start a fresh walk.Attempt, and nothing of an earlier walk carries into it.

// startStore starts a fresh walk of a WooCommerce store from st; the screens forget what they said of
// the walk before.
func (w *Wizard) startStore(st walk.StorePart) {
	a := &walk.Attempt{Source: w.sourceFor(walk.StoreID), Store: st}
	w.walks[""], w.at = a, a
	w.s.store.addrErr, w.s.store.addrSuggestion = "", ""
	w.s.capture = captureScreen{}
	w.assist.issue = nil
}

// freshStore is the store part a new connection starts from: the service and the store chosen last.
func (w *Wizard) freshStore() walk.StorePart {
	return walk.StorePart{Profile: w.lastProfile(), Address: w.prefs().String(prefLastStore)}
}

// lastProfile is the service chosen last (remembered between runs), else the first one.
func (w *Wizard) lastProfile() service.Profile {
	if cur := w.walks[""]; cur != nil && cur.Store.Profile.ID != "" {
		return cur.Store.Profile
	}
	if len(w.deps.Services) == 0 {
		return service.Profile{}
	}
	if id := w.prefs().String(prefLastService); id != "" {
		for _, p := range w.deps.Services {
			if p.ID == id {
				return p
			}
		}
	}
	return w.deps.Services[0]
}

// partOf is the store part a walk from a saved connection starts from: its store and its service (an app
// the merchant named shows on step 1 as they typed it), with creds as the key.
func (w *Wizard) partOf(it vault.Item, creds woo.Credentials) walk.StorePart {
	st := walk.StorePart{Profile: w.lastProfile(), Address: it.Store, Creds: creds}
	if a, err := woo.ParseAddress(it.Store); err == nil {
		st.Parsed = &a // parsed once, as it was saved: the walk checks it without step 1
	}
	if p, ok := w.serviceOf(it); ok {
		st.Profile, w.s.store.another.chosen = p, false
		if p.IsAnother() {
			w.s.store.another = anotherApp{chosen: true, name: p.Name, needs: p.Permission, page: p.AccountURL}
		}
	}
	return st
}

// keyOf is a saved connection's key as a pair.
func keyOf(it vault.Item) woo.Credentials { return woo.Credentials{Key: it.Key, Secret: it.Secret} }
