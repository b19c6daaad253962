package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// checked is one connection's line of --all, and its part of --json.
type checked struct {
	Store      string         `json:"store"`
	Service    string         `json:"service"`
	Key        string         `json:"key"`
	Permission string         `json:"permission,omitempty"`
	Created    time.Time      `json:"created"`
	Fit        bool           `json:"fit"`
	Error      string         `json:"error,omitempty"` // why it couldn't be checked at all
	Check      *report.Report `json:"check,omitempty"`
	exit       int
}

// checkAll re-checks every connection saved in the keyring at once, read-only (the write probe changes
// nothing, and nothing is written back), like `gh auth status`: one line each, keys masked, never a
// secret. The exit code is the first failing connection's, 0 when all work.
func checkAll(kr vault.Store, opts woo.Options, asJSON bool, stdout, stderr io.Writer) int {
	items, err := kr.List()
	if err != nil && !vault.Partly(err) {
		i := vault.Issue(err)
		fmt.Fprintf(stderr, "keyrelay-check: %s %s\n  %s\n", terminalText(i.Title, 300), terminalText(i.Detail, 300), terminalText(cliFix(i), 300))
		return exitKeyring
	}
	var damaged *vault.Damaged
	errors.As(err, &damaged)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	out := make([]checked, len(items))
	builtin := service.Builtin()
	connect.CheckAll(ctx, woo.NewClient(opts), items, connect.RequirementsOf(builtin), func(i int, r connect.Recheck) {
		out[i] = checkedOf(r, builtin)
	}, connect.WithSources(connect.Syncore{Source: syncoreSource(), Client: syncore.NewClient(opts.Timeout, opts.RootCAs)}))
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "keyrelay-check: cancelled")
		return exitCanceled
	}
	code := exitFit
	for _, c := range out {
		if code == exitFit && !c.Fit {
			code = c.exit
		}
	}
	if asJSON {
		b, _ := json.MarshalIndent(struct {
			Connections []checked `json:"connections"`
		}{out}, "", "  ")
		_, _ = stdout.Write(append(b, '\n'))
		return code
	}
	if len(out) == 0 && damaged == nil {
		fmt.Fprintln(stdout, "No connections are saved on this computer.")
		return exitFit
	}
	printChecked(stdout, out)
	if damaged != nil {
		i := vault.Issue(damaged)
		for _, a := range damaged.Accounts {
			fmt.Fprintf(stdout, "%s\n  ✗ %s  [%s]\n    Fix: %s\n", line(a, 200), i.Title, i.Code, i.Fix[0])
		}
		if code == exitFit {
			code = exitKeyring
		}
	}
	return code
}

// checkedOf is one connection's re-check as --all reports it.
func checkedOf(r connect.Recheck, builtin []service.Profile) checked {
	c := r.Connection()
	o := checked{Store: c.Store, Service: c.Service, Key: c.Key, Permission: string(c.Permission), Created: c.Created, exit: exitStore}
	if p, ok := connect.ProfileOf(r.Item, builtin); ok {
		o.Service = p.Name
	}
	if r.Err != nil {
		o.Error = r.Err.Error()
		return o
	}
	if r.Checked != nil { // another source's connection (Syncore's): its first key read-only there
		o.Service = r.Source.Name() + " → " + partnerName(r.Source, c.Service)
		rep := connect.SourceReport(r.Source, r.Item, r.Checked)
		o.Check, o.Fit, o.exit = &rep, r.Checked.Works, exitFit
		if !r.Checked.Works {
			o.exit = exitCode(&woo.Verdict{Issue: r.Checked.Issue})
		}
		return o
	}
	rep := woo.Report(r.Looked.Discovery, r.Verdict)
	o.Check, o.Fit, o.exit = &rep, r.Verdict.Fit, exitCode(r.Verdict)
	return o
}

// printChecked prints each connection's check. Every name here came from a keyring item or a store:
// printed escaped and cut.
func printChecked(stdout io.Writer, out []checked) {
	for _, c := range out {
		fmt.Fprintf(stdout, "%s (%s)\n", line(c.Store, 200), line(c.Service, 100))
		switch {
		case c.Error != "":
			fmt.Fprintf(stdout, "  ✗ Not checked: %s\n", line(c.Error, 300))
		case c.Fit:
			perm := " (" + access.Permission(c.Check.Permission).Label() + ")"
			if c.Check.Permission == "" {
				perm = ""
			}
			fmt.Fprintf(stdout, "  ✓ Works: key %s%s, saved %s. %s\n", line(c.Key, 60), line(perm, 40), c.Created.Format("2006-01-02"), line(c.Check.Tested, 300))
		default:
			d := c.Check.Diagnosis
			fmt.Fprintf(stdout, "  ✗ %s  [%s]\n    Key %s. Fix: %s\n", line(d.Title, 300), d.Code, line(c.Key, 60), line(d.Fix[0], 400))
			if d.Link != "" {
				fmt.Fprintf(stdout, "    %s: %s\n", line(d.LinkText, 60), line(d.Link, 300))
			}
		}
	}
}

// syncoreSource is the Syncore profile saved Syncore connections are checked against (tests: a sandbox).
var syncoreSource = syncore.Builtin

// partnerName names the app a connection of src goes to.
func partnerName(src walk.Source, id string) string { return walk.PartnerOf(src, id).Name }
