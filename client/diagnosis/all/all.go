// Package all registers every domain's diagnoses, for a program that reads codes it didn't make:
// keyrelay-check --decode, the README's troubleshooting table, the support code's tests. A program that
// only reports its own failures needs only the packages it calls.
package all

import (
	_ "github.com/keyrelay/keyrelay/client/browser" // Key Relay's browser window and the pages it drives
	_ "github.com/keyrelay/keyrelay/client/keyform" // a service's key form
	_ "github.com/keyrelay/keyrelay/client/reach"   // reaching a server at all
	_ "github.com/keyrelay/keyrelay/client/syncore" // Syncore's key check
	_ "github.com/keyrelay/keyrelay/client/vault"   // this computer's keyring
	_ "github.com/keyrelay/keyrelay/client/woo"     // the WooCommerce store, its API and the key
)
