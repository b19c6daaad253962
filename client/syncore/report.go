package syncore

import "github.com/keyrelay/keyrelay/client/report"

// Report words a Syncore connection's check (key masked by its ending; the source's API host as the
// store).
func Report(host string, key string, r *Result) report.Report {
	rep := report.Report{Store: host, Checked: true, Fit: r.Works, Outcome: "fit", Key: Mask(key), Tested: r.Tested, Findings: []report.Finding{}}
	if !r.Works {
		d := report.FromIssue(r.Issue)
		rep.Diagnosis, rep.Outcome = &d, r.Issue.Kind.String()
	}
	return rep
}
