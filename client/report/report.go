// Package report words what Key Relay found about a store and a key, as text a support agent can read
// aloud and as JSON for machines. It is the only place that turns a discovery and a verdict into words
// outside the screens, and it only ever sees masked keys: a report is safe to paste anywhere.
package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Diagnosis is one diagnosis as reported.
type Diagnosis struct {
	Code       string   `json:"code"`
	Number     int      `json:"number"`
	Kind       string   `json:"kind"`
	Title      string   `json:"title"`
	Meaning    string   `json:"meaning"`
	Fix        []string `json:"fix"`
	Link       string   `json:"link,omitempty"`
	LinkText   string   `json:"link_text,omitempty"`
	Detail     string   `json:"detail,omitempty"`
	Elsewhere  string   `json:"elsewhere,omitempty"` // the other address a redirect or the store named
	RetryAfter int      `json:"retry_after_seconds,omitempty"`
}

// Finding is one line of discovery.
type Finding struct {
	Status string `json:"status"` // ok, warn, block
	Text   string `json:"text"`
}

// Report is everything found, with the key masked.
type Report struct {
	Store      string    `json:"store"`
	Service    string    `json:"service,omitempty"`
	Findings   []Finding `json:"findings"`
	WordPress  string    `json:"wordpress_version,omitempty"`
	WooVersion string    `json:"woocommerce_version,omitempty"`
	Checked    bool      `json:"checked"` // a key was checked
	Fit        bool      `json:"fit"`
	Outcome    string    `json:"outcome"` // fit, key, store, reach, not_checked
	Key        string    `json:"key,omitempty"`
	Permission string    `json:"permission,omitempty"`
	// TransportTested is how the probes that decided the verdict carried the key (basic, query,
	// oauth1-hmac); ServiceTransport how the service will; AddressTested the API address they went to.
	// A verdict is fit only when the two transports are the same.
	TransportTested  string `json:"transport_tested,omitempty"`
	ServiceTransport string `json:"service_transport,omitempty"`
	AddressTested    string `json:"address_tested,omitempty"`
	Tested           string `json:"tested,omitempty"` // the same in words
	// Transport is TransportTested under its old name, for scripts written before.
	Transport string      `json:"transport,omitempty"`
	Diagnosis *Diagnosis  `json:"diagnosis,omitempty"`
	Warnings  []Diagnosis `json:"warnings,omitempty"`
	Proven    []string    `json:"proven,omitempty"`
}

// FromIssue reports one issue.
func FromIssue(i *diagnosis.Issue) Diagnosis {
	// The detail came from outside; it passed the redactor where it was made, and passes it again here,
	// by shape, because a report is what gets pasted into chats.
	d := Diagnosis{Code: string(i.Code), Number: i.Number, Kind: i.Kind.String(), Title: i.Title, Meaning: i.Meaning,
		Fix: i.Fix, Link: i.Link, Detail: redact.Shapes(i.Detail), Elsewhere: redact.Shapes(i.Elsewhere), RetryAfter: int(i.RetryAfter / time.Second)}
	if i.Link != "" {
		d.LinkText = i.PageText
	}
	return d
}

var symbols = map[string]string{"ok": "✓", "warn": "⚠", "block": "✗"}

// JSON is the report for machines.
func (r Report) JSON() []byte {
	b, _ := json.MarshalIndent(r, "", "  ")
	return append(b, '\n')
}

// Text is the report in the words the app uses, for reading aloud.
func (r Report) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Store: %s\n", r.Store)
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "  %s %s\n", symbols[f.Status], f.Text)
	}
	if r.Checked {
		fmt.Fprintf(&b, "\nKey: %s", r.Key)
		if r.Permission != "" {
			fmt.Fprintf(&b, " (%s)", access.Permission(r.Permission).Label())
		}
		b.WriteString("\n")
		if r.Tested != "" {
			fmt.Fprintf(&b, "  %s\n", r.Tested)
		}
		for _, p := range r.Proven {
			fmt.Fprintf(&b, "  ✓ %s\n", p)
		}
	}
	if r.Diagnosis != nil {
		b.WriteString("\n")
		writeDiagnosis(&b, "✗", *r.Diagnosis)
	}
	for _, w := range r.Warnings {
		b.WriteString("\n")
		writeDiagnosis(&b, "⚠", w)
	}
	b.WriteString("\n")
	switch {
	case r.Fit:
		fmt.Fprintf(&b, "Result: this key works for %s.\n", r.Service)
	case r.Outcome == "not_checked":
		b.WriteString("Result: the store is ready for a key.\n")
	default:
		what := map[string]string{"key": "the key must change", "store": "the store must change something", "reach": "could not reach the store"}[r.Outcome]
		if r.Checked {
			fmt.Fprintf(&b, "Result: this key does not work for %s yet: %s (%s).\n", r.Service, what, r.Diagnosis.Code)
		} else {
			fmt.Fprintf(&b, "Result: %s (%s).\n", what, r.Diagnosis.Code)
		}
	}
	return b.String()
}

func writeDiagnosis(b *strings.Builder, sym string, d Diagnosis) {
	fmt.Fprintf(b, "%s %s  [%s]\n", sym, d.Title, d.Code)
	fmt.Fprintf(b, "  What it means: %s\n", d.Meaning)
	if d.Detail != "" {
		fmt.Fprintf(b, "  What we saw: %s\n", d.Detail)
	}
	if d.RetryAfter > 0 {
		fmt.Fprintf(b, "  The store asked to wait %s.\n", time.Duration(d.RetryAfter)*time.Second)
	}
	b.WriteString("  How to fix it:\n")
	for i, step := range d.Fix {
		fmt.Fprintf(b, "    %d. %s\n", i+1, step)
	}
	if d.Link != "" {
		fmt.Fprintf(b, "  %s: %s\n", d.LinkText, d.Link)
	}
}

// TroubleshootingMarkdown is the README's troubleshooting table: one row per diagnosis, from the same table
// the app and keyrelay-check read, so the two cannot drift.
func TroubleshootingMarkdown() string {
	var b strings.Builder
	b.WriteString("| Code | What Key Relay says | What it means | How to fix it |\n|---|---|---|---|\n")
	esc := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
	for _, d := range diagnosis.All() {
		var fix []string
		for i, f := range d.Fix {
			fix = append(fix, fmt.Sprintf("%d. %s", i+1, esc(f)))
		}
		if d.Page != wpadmin.None {
			fix = append(fix, fmt.Sprintf("Button: *%s* (`wp-admin/%s`)", d.PageText, d.Page))
		}
		kind := d.Kind.String()
		sev := ""
		if d.Severity == diagnosis.Warning {
			sev = " (warning)"
		}
		fmt.Fprintf(&b, "| `%s`<br>%s, KR%02d%s | %s | %s | %s |\n", d.Code, kind, d.Number, sev, esc(d.Title), esc(d.Meaning), strings.Join(fix, "<br>"))
	}
	return b.String()
}
