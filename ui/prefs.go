package ui

import "fyne.io/fyne/v2"

// Preference keys. Only non-secret data goes into Fyne preferences: addresses, service ids, result codes.
const (
	prefLastStore      = "last.store"      // the address last typed
	prefLastService    = "last.service"    // the service id last chosen
	prefLastResult     = "last.result"     // "fit" or the last diagnosis code
	prefKnownStores    = "known.stores"    // "service store" pairs with a saved key
	prefPendingStore   = "pending.store"   // a key was captured and saved for this store …
	prefPendingService = "pending.service" // … and service, but the walk did not reach Done
)

// allPrefs lists every key Key Relay writes, so a test can read them all back.
var allPrefs = []string{prefLastStore, prefLastService, prefLastResult, prefKnownStores, prefPendingStore, prefPendingService}

// prefs reads and writes preferences under a prefix.
type prefs struct {
	p      fyne.Preferences
	prefix string
}

func (p prefs) String(k string) string             { return p.p.String(p.prefix + k) }
func (p prefs) SetString(k, v string)              { p.p.SetString(p.prefix+k, v) }
func (p prefs) StringList(k string) []string       { return p.p.StringList(p.prefix + k) }
func (p prefs) SetStringList(k string, v []string) { p.p.SetStringList(p.prefix+k, v) }
func (p prefs) RemoveValue(k string)               { p.p.RemoveValue(p.prefix + k) }
