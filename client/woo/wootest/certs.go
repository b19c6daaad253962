package wootest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// CertMode chooses the certificate a TLS store presents.
type CertMode int

const (
	CertValid      CertMode = iota // signed by the test CA, for localhost, 127.0.0.1 and ::1
	CertExpired                    // signed by the test CA, expired yesterday
	CertSelfSigned                 // signed by itself
	CertWrongName                  // signed by the test CA, for other.example only
	// CertNoIntermediate is signed by an intermediate of the test CA, and the server sends the leaf alone:
	// the intermediate is only to be had from the address the leaf names (its AIA "CA Issuers" URL,
	// served over plain HTTP on loopback), as browsers fetch it and Go never does (golang/go#31773).
	CertNoIntermediate
)

type authority struct {
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	pem   []byte
	pool  *x509.CertPool
	leafs map[CertMode]tls.Certificate
}

var (
	caOnce sync.Once
	ca     *authority
)

// testCA is made once per process: ECDSA keys are quick to make, and tests share them.
func testCA() *authority {
	caOnce.Do(func() {
		key := mustKey()
		tmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "Key Relay test CA"},
			NotBefore:             time.Now().Add(-time.Hour),
			NotAfter:              time.Now().Add(10 * 365 * 24 * time.Hour),
			IsCA:                  true,
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
			BasicConstraintsValid: true,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			panic(err)
		}
		cert, _ := x509.ParseCertificate(der)
		a := &authority{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pool: x509.NewCertPool(), leafs: map[CertMode]tls.Certificate{}}
		a.pool.AddCert(cert)
		now := time.Now()
		good := []string{"localhost", "store.test", "www.store.test", "other-store.test"} // names tests dial to loopback
		ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
		a.leafs[CertValid] = a.leaf(2, good, ips, now.Add(-time.Hour), now.Add(365*24*time.Hour), false)
		a.leafs[CertExpired] = a.leaf(3, good, ips, now.Add(-400*24*time.Hour), now.Add(-24*time.Hour), false)
		a.leafs[CertSelfSigned] = a.leaf(4, good, ips, now.Add(-time.Hour), now.Add(365*24*time.Hour), true)
		a.leafs[CertWrongName] = a.leaf(5, []string{"other.example"}, nil, now.Add(-time.Hour), now.Add(365*24*time.Hour), false)
		a.leafs[CertNoIntermediate] = a.chainless(good, ips, now)
		ca = a
	})
	return ca
}

func (a *authority) leaf(serial int64, names []string, ips []net.IP, from, until time.Time, self bool) tls.Certificate {
	key := mustKey()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: "Key Relay test store"},
		DNSNames:     names,
		IPAddresses:  ips,
		NotBefore:    from,
		NotAfter:     until,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	parent, signer := a.cert, a.key
	if self {
		parent, signer = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, signer)
	if err != nil {
		panic(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// chainless makes an intermediate CA, serves it over plain HTTP where the leaf's AIA says, and returns
// the leaf it signs, without the intermediate in the chain.
func (a *authority) chainless(names []string, ips []net.IP, now time.Time) tls.Certificate {
	ikey := mustKey()
	itmpl := &x509.Certificate{
		SerialNumber: big.NewInt(6), Subject: pkix.Name{CommonName: "Key Relay test intermediate CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(5 * 365 * 24 * time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature, BasicConstraintsValid: true,
	}
	ider, err := x509.CreateCertificate(rand.Reader, itmpl, a.cert, &ikey.PublicKey, a.key)
	if err != nil {
		panic(err)
	}
	inter, _ := x509.ParseCertificate(ider)
	aia := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pkix-cert")
		_, _ = w.Write(ider)
	}))
	IntermediateURL = aia.URL + "/intermediate.crt"
	key := mustKey()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Key Relay test store (chain incomplete)"},
		DNSNames: names, IPAddresses: ips, NotBefore: now.Add(-time.Hour), NotAfter: now.Add(365 * 24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IssuingCertificateURL: []string{IntermediateURL},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, inter, &key.PublicKey, ikey)
	if err != nil {
		panic(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// IntermediateURL is where CertNoIntermediate's intermediate certificate is served (set once a TLS store
// has made the certificates).
var IntermediateURL string

func mustKey() *ecdsa.PrivateKey {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

// CAPool trusts the test CA that signs every fake store's certificate.
func CAPool() *x509.CertPool { return testCA().pool }

// CAPEM is the test CA in PEM, for --ca-file.
func CAPEM() []byte { return testCA().pem }

// ServerTLS is a server configuration with the fake stores' valid certificate (for loopback, localhost
// and the test names), signed by the test CA; its RootCAs trust that CA, for clients.
func ServerTLS() *tls.Config {
	return &tls.Config{Certificates: []tls.Certificate{testCA().leafs[CertValid]}, RootCAs: testCA().pool}
}

// BrowserTrust is the switch that makes a Chromium-family browser trust the fake stores' valid
// certificate, and only it (by the hash of its public key): tests drive a real browser over real HTTPS.
func BrowserTrust() string {
	leaf, err := x509.ParseCertificate(testCA().leafs[CertValid].Certificate[0])
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return "--ignore-certificate-errors-spki-list=" + base64.StdEncoding.EncodeToString(sum[:])
}
