package walk

import (
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// StorePart is a WooCommerce store's part of an attempt (Attempt.Source nil): the service the key is for, the
// store's address as typed and as parsed, what was found there, the key (its verdict is the attempt's
// Checked.Verdict), the key it replaces, and how it was delivered. The key is captured into Creds: a store's key is a pair, read by
// the check engine's own rules (client/woo).
type StorePart struct {
	Profile service.Profile // the service the key goes to
	Address string          // as typed; it survives Back and forth
	// Parsed is the address as parsed, from the first good parse on (nil until then): everything after
	// step 1 uses it, never the typed text again.
	Parsed     *woo.Address
	Discovery  *woo.Discovery
	Creds      woo.Credentials
	AddressKey woo.Credentials // a key found in a pasted address, offered until used or dismissed
	// Pending is closed when the save made at capture has finished: the tested item is written after it.
	Pending   chan struct{}
	Replacing *vault.OldKey // the key a new one replaces (a rotation); nil for a first key
	Delivery  Delivery
}

// Delivery is how the key reached the service, and the proof it is used.
type Delivery struct {
	OpenedAdd     bool // the Add key page was opened in the merchant's browser
	AccountOpened bool // the service's page opened in the browser (step 6 may say so)
	Assisted      bool // browser assist made the key: the service's form is filled the same way
	// WatchUse is set once UsedBefore (the key's row in the keys list right after Key Relay's own last
	// use) was read: Done watches the list for the service's first use, UsedAt.
	WatchUse   bool
	UsedBefore wpadmin.KeyRow
	UsedAt     *wpadmin.KeyRow
}
