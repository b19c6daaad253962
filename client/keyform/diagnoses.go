package keyform

import "github.com/keyrelay/keyrelay/client/diagnosis"

// The rows for a service's key form that can't be filled.
const (
	ServiceFormChanged diagnosis.Code = "service_form_changed"
	// Two places on the service's page are equally good for the key: Key Relay fills neither.
	ServiceFormAmbiguous diagnosis.Code = "service_form_ambiguous"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: ServiceFormChanged, Number: 60, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Key Relay couldn't find your sync service's key form, so it filled nothing in.",
		Meaning: "Key Relay looks on the service's page, in the Key Relay browser window, for two fields a person would call Consumer key and Consumer secret. It didn't see them there in time, or saw them only inside a part of the page that comes from another site, where it never types. Your key is fine and saved.",
		Fix:     []string{"In the Key Relay browser window, log in to the service if it asks, and open its key form (the steps below say how); then click Try again.", "Or paste the key and secret with the copy buttons below, then click the service's Update button."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
	{Code: ServiceFormAmbiguous, Number: 75, Kind: diagnosis.KindComputer, Severity: diagnosis.Warning,
		Title:   "Your sync service's page has two places for the key, so Key Relay filled in neither.",
		Meaning: "Key Relay finds the key form by its words (Consumer key, Consumer secret). On this page two sets of fields read the same, and Key Relay never guesses which one the service uses. Your key is fine and saved.",
		Fix:     []string{"Paste the key and secret with the copy buttons below into the fields the service's own help names, then click its Update button.", "If the page shows two forms by mistake, reload it in the Key Relay browser window and click Try again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferContinueAnyway, diagnosis.OfferTryAgain}},
}

func init() { diagnosis.Register(diagnoses...) }
