package reach

import (
	"github.com/keyrelay/keyrelay/client/diagnosis"
)

// The rows for reaching a server at all: every key source's checks share them.
const (
	DNSFailure        diagnosis.Code = "dns_failure"
	NoNetwork         diagnosis.Code = "no_network"
	ConnectionRefused diagnosis.Code = "connection_refused"
	Timeout           diagnosis.Code = "timeout"
	CertExpired       diagnosis.Code = "cert_expired"
	CertUntrusted     diagnosis.Code = "cert_untrusted"
	CertWrongName     diagnosis.Code = "cert_wrong_name"
	TLSFailed         diagnosis.Code = "tls_failed"
)

var diagnoses = []diagnosis.Diagnosis{
	{Code: DNSFailure, Number: 1, Kind: diagnosis.KindReach, Severity: diagnosis.Blocker,
		Title:   "We can't find a website at this address.",
		Meaning: "The address doesn't exist on the internet: usually a typing mistake, or a domain that has expired.",
		Fix:     []string{"Check the spelling of the address: open it in your web browser and make sure your shop appears.", "Copy the address from the browser's address bar and paste it here."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: NoNetwork, Number: 2, Kind: diagnosis.KindReach, Severity: diagnosis.Blocker,
		Title:   "This computer isn't connected to the internet.",
		Meaning: "The connection failed before it could reach any website.",
		Fix:     []string{"Check your Wi-Fi or network cable.", "Open any website in your browser to confirm, then click Check again."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: ConnectionRefused, Number: 3, Kind: diagnosis.KindReach, Severity: diagnosis.Blocker,
		Title:   "The store's server refused the connection.",
		Meaning: "The address was found, but nothing there is accepting web visits: the server is down, or the address points to the wrong place.",
		Fix:     []string{"Open the store in your web browser. If it doesn't load either, contact your hosting company.", "If it loads there, check that you typed the same address here (including any :port)."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: Timeout, Number: 4, Kind: diagnosis.KindReach, Severity: diagnosis.Blocker,
		Title:   "The store took too long to answer.",
		Meaning: "The server didn't reply in time. It may be overloaded or a firewall may be silently dropping the connection.",
		Fix:     []string{"Wait a minute and click Check again.", "If it keeps happening, ask your hosting company whether a firewall blocks requests to /wp-json/."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: CertExpired, Number: 10, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store's security certificate has expired.",
		Meaning: "Browsers and sync services refuse to connect securely to the store until the certificate is renewed.",
		Fix:     []string{"Ask your hosting company to renew the SSL certificate (many hosts do it for free with Let's Encrypt, in the hosting control panel).", "Click Check again once it is renewed."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: CertUntrusted, Number: 11, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store's security certificate isn't trusted.",
		Meaning: "The certificate is self-signed or issued by an unknown authority, so sync services will refuse to connect.",
		Fix:     []string{"Ask your hosting company for a certificate from a trusted authority (Let's Encrypt is free).", "Support agents: if the store uses a private certificate on purpose, run keyrelay-check with --ca-file."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: CertWrongName, Number: 12, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "The store's security certificate is for a different address.",
		Meaning: "The certificate doesn't cover this address (often www. versus no www., or a domain that was changed).",
		Fix:     []string{"Try the address exactly as it appears in your browser when the shop loads with a padlock.", "If that doesn't help, ask your hosting company to issue the certificate for this address."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
	{Code: TLSFailed, Number: 13, Kind: diagnosis.KindStore, Severity: diagnosis.Blocker,
		Title:   "A secure connection to the store couldn't be set up.",
		Meaning: "The server's HTTPS setup failed before any page was sent.",
		Fix:     []string{"Open the store in your browser with https:// and see whether it shows a warning.", "Send your hosting company the details from “Copy details for support”."},
		Offers:  []diagnosis.Offer{diagnosis.OfferCheckAgain}},
}

func init() { diagnosis.Register(diagnoses...) }
