// Package reach words a failure to reach a server at all (its name, the network, its certificate, its
// HTTPS) as rows of the diagnosis table: every key source's checks share them.
package reach

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"

	"github.com/keyrelay/keyrelay/client/diagnosis"
)

// Host is the host of rawURL, for a detail: the whole address can hold credentials.
func Host(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Host
	}
	return rawURL
}

// NetworkIssue words a failure to reach rawURL; one it can't tell is "could not connect".
func NetworkIssue(err error, rawURL string) *diagnosis.Issue {
	if i := Classify(err, rawURL); i != nil {
		return i
	}
	return diagnosis.Newf(ConnectionRefused, "could not connect to %s", Host(rawURL))
}

// Classify words err when it is a failure to reach a server (a name, a route, a certificate, TLS, a
// refusal, a timeout), or returns nil: the caller's own rows may word the rest.
func Classify(err error, rawURL string) *diagnosis.Issue {
	host := Host(rawURL)
	var (
		dnsErr  *net.DNSError
		certExp x509.CertificateInvalidError
		unknown x509.UnknownAuthorityError
		name    x509.HostnameError
		record  tls.RecordHeaderError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsTimeout {
			return diagnosis.Newf(Timeout, "looking up %s timed out", host)
		}
		if dnsErr.IsTemporary && !dnsErr.IsNotFound {
			return diagnosis.Newf(NoNetwork, "could not look up %s", host)
		}
		return diagnosis.Newf(DNSFailure, "no such host: %s", dnsErr.Name)
	case errors.As(err, &certExp):
		if certExp.Reason == x509.Expired {
			return diagnosis.Newf(CertExpired, "the certificate of %s is outside its validity dates", host)
		}
		return diagnosis.Newf(CertUntrusted, "the certificate of %s is not valid (%s)", host, certExp.Detail)
	case errors.As(err, &unknown):
		return diagnosis.Newf(CertUntrusted, "the certificate of %s is self-signed or from an unknown authority", host)
	case errors.As(err, &name):
		return diagnosis.Newf(CertWrongName, "the certificate is not for %s", host)
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return diagnosis.Newf(TLSFailed, "%s does not speak HTTPS on this port", host)
	case errors.Is(err, syscall.ECONNREFUSED):
		return diagnosis.Newf(ConnectionRefused, "%s refused the connection", host)
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETDOWN):
		return diagnosis.Newf(NoNetwork, "no route to %s", host)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return diagnosis.Newf(Timeout, "%s did not answer in time", host)
	case strings.Contains(err.Error(), "tls:"):
		return diagnosis.Newf(TLSFailed, "the secure connection to %s failed", host)
	}
	return nil
}
