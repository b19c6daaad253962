package syncore

import (
	"github.com/keyrelay/keyrelay/client/diagnosis"
)

// Syncore's rows: a key source beside WooCommerce.
const (
	// Syncore (client/syncore): a key source beside WooCommerce.
	KeyFormat     diagnosis.Code = "syncore_key_format"
	KeyRefused    diagnosis.Code = "syncore_key_refused"
	NoAPIAccess   diagnosis.Code = "syncore_no_api_access"
	CheckOutdated diagnosis.Code = "syncore_check_outdated"
	OldKeyWorks   diagnosis.Code = "syncore_old_key_works"
	Unavailable   diagnosis.Code = "syncore_unavailable"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: KeyFormat, Number: 62, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "This isn't a Syncore API key.",
		Meaning: "What was pasted or copied can't be a key from Syncore Settings > API: see what Key Relay says about it below. Nothing was sent anywhere.",
		Fix:     []string{"In Syncore, open Syncore Settings > API and click “Reveal API Keys”.", "Click the copy icon right of the Primary key (not the key's text: the copy icon copies all of it)."},
		Offers:  []diagnosis.Offer{diagnosis.OfferNewKey}},
	{Code: KeyRefused, Number: 63, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "Syncore refused this API key.",
		Meaning: "Syncore answered that it doesn't know the key: either the keys were regenerated since it was copied (only the newest keys work), or part of it was left out when copying.",
		Fix:     []string{"In Syncore, open Syncore Settings > API and click “Reveal API Keys”.", "Copy the Primary key again with its copy icon: Key Relay checks it at once."},
		Offers:  []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: NoAPIAccess, Number: 49, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker,
		Title:   "Syncore knows this key but doesn't allow API access with it.",
		Meaning: "Syncore answered “forbidden”: the key is right, but your Syncore account (or its plan) doesn't have API access switched on.",
		Fix:     []string{"Ask an admin of your Syncore account, or Syncore's support, to switch on API access.", "Then click Check again: the same key will work."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: CheckOutdated, Number: 6, Kind: diagnosis.KindStore, Severity: diagnosis.Warning,
		Title:   "Key Relay's check address for Syncore may be out of date, so it couldn't test the key.",
		Meaning: "Syncore answered “not found” for the address Key Relay reads to test a key. That says nothing about your key: Key Relay's address comes from public client code, not Syncore's own documentation, and Syncore may have moved it.",
		Fix:     []string{"Your key may well be fine: continue, give it to the app, and see whether the app connects.", "Click “Copy details for support” and send it to Key Relay's support, so the check address can be brought up to date."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferCheckAgain}},
	{Code: OldKeyWorks, Number: 7, Kind: diagnosis.KindKey, Severity: diagnosis.Warning,
		Title:   "Syncore still accepts the old key.",
		Meaning: "After a regeneration only the new keys work. Syncore still answers the old one, so the keys weren't regenerated yet (or the old key was copied instead of the new one).",
		Fix:     []string{"In Syncore Settings > API, click “Regenerate API Keys”, tick “I agree” and click “Regenerate”; Syncore says “API Key has been regenerated”.", "Copy the new Primary key with its copy icon, then click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferNewKey, diagnosis.OfferCheckAgain}},
	{Code: Unavailable, Number: 8, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "Syncore couldn't answer the check just now.",
		Meaning: "Syncore's API answered with an error of its own, asked to slow down, or sent something that isn't an API answer. That says nothing about your key.",
		Fix:     []string{"Wait a minute and click Check again.", "If it lasts, look at Syncore's status page or ask Syncore's support, with the details from “Copy details for support”."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
}

func init() { diagnosis.Register(diagnoses...) }
