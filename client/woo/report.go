package woo

import (
	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/report"
)

// Report words a discovery and, when a key was checked, its verdict, as a support report (v may be nil).
func Report(d *Discovery, v *Verdict) report.Report {
	r := report.Report{Store: d.Home.String(), WordPress: d.WPVersion, WooVersion: d.WooVersion, Outcome: "not_checked"}
	for _, f := range d.Findings {
		r.Findings = append(r.Findings, report.Finding{Status: statusWord(f.Status), Text: f.Text})
	}
	issue, warnings := d.Blocker, d.Warnings
	if v != nil {
		r.Checked, r.Fit, r.Key, r.Service = true, v.Fit, v.Key, v.Service
		r.Permission, r.Transport, r.Proven = string(v.Permission), string(v.Transport), v.Proven
		r.TransportTested, r.AddressTested, r.Tested = string(v.Transport), v.Address, v.Tested
		r.ServiceTransport = string(v.Requirement.Transport)
		if r.ServiceTransport == "" {
			r.ServiceTransport = string(access.TransportBasic)
		}
		issue, warnings = v.Issue, v.Warnings
		if v.Fit {
			r.Outcome = "fit"
		}
	}
	if issue != nil {
		di := report.FromIssue(issue)
		r.Diagnosis = &di
		r.Outcome = di.Kind
	}
	for _, w := range warnings {
		r.Warnings = append(r.Warnings, report.FromIssue(w))
	}
	return r
}

func statusWord(s Status) string {
	switch s {
	case StatusOK:
		return "ok"
	case StatusWarn:
		return "warn"
	}
	return "block"
}
