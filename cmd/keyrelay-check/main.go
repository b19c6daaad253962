// Command keyrelay-check checks a WooCommerce REST API key against a store for a sync service and says,
// in the words the Key Relay app uses, whether it works and if not exactly what to do.
//
//	KEYRELAY_CONSUMER_KEY=ck_… KEYRELAY_CONSUMER_SECRET=cs_… keyrelay-check --store mystore.com
//	pbpaste | keyrelay-check --store mystore.com --service syncio --json
//
// The key and secret are never taken from flags (they would end up in shell history) and never printed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	_ "github.com/keyrelay/keyrelay/client/diagnosis/all" // --decode names any row, a browser's too
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Exit codes: 0 only when the key is fit for the service.
const (
	exitFit      = 0
	exitKey      = 1  // the key or secret must change
	exitStore    = 2  // the store or its host must change something
	exitReach    = 3  // could not reach the store
	exitKeyring  = 5  // --all: this computer's keyring could not be read
	exitUsage    = 64 // bad command line or input
	exitCanceled = 130
)

// keyringService is where saved connections are read from: the app's own ("" means vault.ServiceName);
// the tests name their own, so they don't share an index with tests running beside them.
var keyringService = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	f, code, ok := parseFlags(args, stderr)
	switch {
	case !ok:
		return code
	case f.version:
		fmt.Fprintf(stdout, "keyrelay-check %s (%s)\n", assets.Version, assets.BuildCommit())
		return exitFit
	case f.decode != "":
		return decodeCode(f.decode, stdout, stderr)
	case f.timeout <= 0:
		fmt.Fprintf(stderr, "keyrelay-check: --timeout must be more than zero (it was %s); the default is 20s\n", f.timeout)
		return exitUsage
	case f.all:
		opts, code := clientOptions(f.timeout, f.caFile, stderr)
		if code != exitFit {
			return code
		}
		return checkAll(vault.Keyring{Timeout: 5 * time.Second, Service: keyringService}, opts, f.json, stdout, stderr)
	}
	return checkStore(f, stdin, stdout, stderr, getenv)
}

// flags are keyrelay-check's command line.
type flags struct {
	store, service, caFile, decode string
	json, version, all             bool
	timeout                        time.Duration
	args                           []string // what follows the flags: never a key
}

// parseFlags reads the command line; ok is false when the run ends here, with code (help, or bad usage).
func parseFlags(args []string, stderr io.Writer) (f flags, code int, ok bool) {
	fs := flag.NewFlagSet("keyrelay-check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.store, "store", "", "the store's address, e.g. mystore.com (required)")
	fs.StringVar(&f.service, "service", "syncio", "the sync service the key is for: "+strings.Join(service.IDs(), ", "))
	fs.BoolVar(&f.json, "json", false, "print the result as JSON")
	fs.StringVar(&f.caFile, "ca-file", "", "also trust the CA certificates in this PEM file (for stores with a private certificate)")
	fs.DurationVar(&f.timeout, "timeout", 20*time.Second, "give up on a request after this long")
	fs.BoolVar(&f.version, "version", false, "print the version and exit")
	fs.StringVar(&f.decode, "decode", "", "say what a support code from the app (e.g. KR-P228E-4) means, and exit")
	fs.BoolVar(&f.all, "all", false, "re-check every connection saved in this computer's keyring, read-only, and exit non-zero if any fails")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: keyrelay-check --store URL [--service ID] [--json] [--ca-file FILE]
       keyrelay-check --all [--json]

Checks a WooCommerce REST API key for a sync service, without changing the store.
The key and secret come from KEYRELAY_CONSUMER_KEY and KEYRELAY_CONSUMER_SECRET, or
from standard input: paste them in any form (labelled, quoted, "ck_…|cs_…"), then Ctrl-D.

Exit codes: 0 the key works, 1 key problem, 2 store problem, 3 could not reach the store,
5 the keyring could not be read (--all), 64 bad usage or input.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, exitFit, false
		}
		return f, exitUsage, false
	}
	f.args = fs.Args()
	return f, 0, true
}

// checkStore checks one key, read from the environment or standard input, at one store for one service.
func checkStore(f flags, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(f.args) > 0 {
		fmt.Fprintf(stderr, "keyrelay-check: unexpected argument %q. Never put the key or secret on the command line; use the environment or standard input.\n", f.args[0])
		return exitUsage
	}
	if f.store == "" {
		fmt.Fprintln(stderr, "keyrelay-check: --store is required, e.g. --store mystore.com")
		return exitUsage
	}
	if _, err := woo.ParseAddress(f.store); err != nil {
		fmt.Fprintf(stderr, "keyrelay-check: %s\n", line(err.Error(), 300)) // the message echoes what was typed
		return exitUsage
	}
	profile, ok := service.Find(f.service)
	if !ok {
		fmt.Fprintf(stderr, "keyrelay-check: unknown service %q; known: %s\n", line(f.service, 60), strings.Join(service.IDs(), ", "))
		return exitUsage
	}
	creds, msg := readCredentials(stdin, stderr, getenv)
	if msg != "" {
		fmt.Fprintf(stderr, "keyrelay-check: %s\n", msg)
		return exitUsage
	}
	opts, code := clientOptions(f.timeout, f.caFile, stderr)
	if code != exitFit {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// The same sequence the app runs: the same verdict, in the same words.
	l, v, err := connect.Run(ctx, woo.NewClient(opts), f.store, creds, profile.Requirement())
	if err != nil {
		fmt.Fprintln(stderr, "keyrelay-check: cancelled")
		return exitCanceled
	}
	rep := woo.Report(l.Discovery, v)
	if f.json {
		_, _ = stdout.Write(rep.JSON())
	} else {
		fmt.Fprintf(stdout, "Key Relay check for %s\n\n%s", profile.Name, terminalText(rep.Text(), 0))
	}
	return exitCode(v)
}

// clientOptions are the engine's options from the flags.
func clientOptions(timeout time.Duration, caFile string, stderr io.Writer) (woo.Options, int) {
	opts := woo.Options{Timeout: timeout}
	if caFile != "" {
		pool, err := woo.LoadCAFile(caFile)
		if err != nil {
			fmt.Fprintf(stderr, "keyrelay-check: --ca-file: %v\n", err)
			return opts, exitUsage
		}
		opts.RootCAs = pool
	}
	return opts, exitFit
}

// decodeCode tells a support agent where the merchant is.
func decodeCode(code string, stdout, stderr io.Writer) int {
	s, err := report.DecodeSupportCode(code)
	if err != nil {
		fmt.Fprintf(stderr, "keyrelay-check: %v\n", err)
		return exitUsage
	}
	name := "unknown step"
	if s.Step >= 1 && s.Step <= int(walk.Count) {
		name = walk.Step(s.Step - 1).Title()
	}
	if s.Step == 0 {
		fmt.Fprintln(stdout, "Your connections (the list of connections saved on that computer)")
	} else {
		fmt.Fprintf(stdout, "Step %d of %d (%s)\n", s.Step, walk.Count, name)
	}
	switch d := diagnosis.ByNumber(s.Diagnosis); {
	case s.Diagnosis == 0:
		fmt.Fprintln(stdout, "No diagnosis shown yet.")
	case d == nil:
		fmt.Fprintf(stdout, "Last diagnosis: number %d, unknown to this version\n", s.Diagnosis)
	default:
		fmt.Fprintf(stdout, "Last diagnosis: %s: %s\n", d.Code, d.Title)
	}
	if s.Fit {
		fmt.Fprintln(stdout, "The key was tested and works for the service.")
	}
	if s.WooVersion != "" {
		fmt.Fprintf(stdout, "WooCommerce %s\n", s.WooVersion)
	} else {
		fmt.Fprintln(stdout, "WooCommerce version not known yet")
	}
	if p, ok := service.ByNumber(s.Service); ok {
		fmt.Fprintf(stdout, "Service: %s\n", p.Name)
	} else if s.Service == service.AnotherNumber {
		fmt.Fprintln(stdout, "Service: another app, named by the merchant (tested by Basic authentication over HTTPS)")
	} else {
		for _, p := range syncoreSource().Partners { // service and partner numbers are never shared
			if p.Number == s.Service {
				fmt.Fprintf(stdout, "Service: Syncore → %s\n", p.Name)
			}
		}
	}
	if s.Demo {
		fmt.Fprintln(stdout, "This is the demo (a sandbox store on the merchant's computer), not a real store.")
	}
	return exitFit
}

func exitCode(v *woo.Verdict) int {
	if v.Fit {
		return exitFit
	}
	switch v.Issue.Kind {
	case diagnosis.KindKey:
		return exitKey
	case diagnosis.KindReach:
		return exitReach
	}
	return exitStore
}

// readCredentials takes the pair from the environment, or else from whatever text arrives on stdin.
// The message on failure says what is wrong without repeating the value.
func readCredentials(stdin io.Reader, stderr io.Writer, getenv func(string) string) (woo.Credentials, string) {
	text := strings.TrimSpace(getenv("KEYRELAY_CONSUMER_KEY") + "\n" + getenv("KEYRELAY_CONSUMER_SECRET"))
	from := "KEYRELAY_CONSUMER_KEY/KEYRELAY_CONSUMER_SECRET"
	if text == "" {
		if f, ok := stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				fmt.Fprintln(stderr, "Paste the consumer key and secret, then press Ctrl-D (Ctrl-Z Enter on Windows):")
			}
		}
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<20))
		if err != nil {
			return woo.Credentials{}, "could not read standard input: " + err.Error()
		}
		text, from = string(b), "standard input"
	}
	c, problems := woo.Extract(text)
	if !c.Complete() && woo.IsAppPassword(text) {
		// Not a key, but a verdict of its own (app_password_not_key), as the app gives it: it reaches the
		// check, which refuses it before anything is sent.
		return woo.Credentials{Secret: text}, ""
	}
	if c.Complete() {
		// Extract puts each value where its prefix says; the variables the other way round are worth
		// saying, since the service's form may hold them swapped too.
		key := strings.TrimSpace(getenv("KEYRELAY_CONSUMER_KEY"))
		c.Swapped = from != "standard input" && strings.HasPrefix(strings.ToLower(key), "cs_")
		return c, ""
	}
	var b strings.Builder
	switch {
	case c.Key == "" && c.Secret == "":
		fmt.Fprintf(&b, "no consumer key or secret found in %s.", from)
	case c.Key == "":
		fmt.Fprintf(&b, "no consumer key found in %s (the secret is there).", from)
	default:
		fmt.Fprintf(&b, "no consumer secret found in %s (the key %s is there).", from, redact.MaskKey(c.Key))
	}
	for _, p := range problems {
		b.WriteString("\n  " + p.Message)
	}
	return c, b.String()
}
