package vault

import (
	"github.com/keyrelay/keyrelay/client/diagnosis"
)

// The keyring's rows: this computer's part, reported by the vault and the screens.
const (
	KeyringUnavailable diagnosis.Code = "keyring_unavailable"
	KeyringLocked      diagnosis.Code = "keyring_locked"
	KeyringItemDamaged diagnosis.Code = "keyring_item_damaged"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: KeyringUnavailable, Number: 50, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "This computer has no keyring Key Relay can use, so it can't keep the key.",
		Meaning: "Key Relay keeps keys only in the system's keyring (Keychain, Credential Manager, GNOME Keyring or KWallet), never in a file, and none answered. The key itself is fine.",
		Fix:     []string{"Click Continue without saving and put the key into your sync service now: it keeps its own copy.", "To have Key Relay keep keys next time on Linux, install your desktop's keyring (GNOME Keyring or KWallet), log out and in, then click Try again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferTryAgain, diagnosis.OfferContinueAnyway}},
	{Code: KeyringLocked, Number: 51, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "This computer's keyring is locked, so Key Relay couldn't keep the key.",
		Meaning: "The keyring asked for its password, or didn't answer within a few seconds. The key itself is fine.",
		Fix:     []string{"Look for a password prompt, perhaps behind other windows, and unlock the keyring with your login password.", "Click Try again.", "Or click Continue without saving and put the key into your sync service now."},
		Offers:  []diagnosis.Offer{diagnosis.OfferTryAgain, diagnosis.OfferContinueAnyway}},
	{Code: KeyringItemDamaged, Number: 69, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "A connection kept in this computer's keyring can't be read.",
		Meaning: "Key Relay's item for the connection named below holds something that isn't one of its keys (it was changed outside Key Relay, or the keyring damaged it). Your other connections are fine, and nothing was overwritten.",
		Fix:     []string{"Open your keyring's own viewer (Passwords and Keys, Keychain Access or Credential Manager), find the item under “Key Relay” with the name below and delete it.", "Then make a new key for that connection: New connection."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway}},
}

func init() { diagnosis.Register(diagnoses...) }
