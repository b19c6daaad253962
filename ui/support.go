package ui

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/crashlog"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
)

// What a support agent gets: the support code on every screen and the redacted report behind
// "Copy details for support".

// currentIssue is what the support code reports: the diagnosis the current screen shows, or its first
// warning; never an old one, so a fixed problem leaves the code. A browser that wouldn't open counts on
// the step where it happened.
func (w *Wizard) currentIssue() *diagnosis.Issue {
	first := func(i *diagnosis.Issue, warnings []*diagnosis.Issue) *diagnosis.Issue {
		if i == nil && len(warnings) > 0 {
			return warnings[0]
		}
		return i
	}
	switch {
	case w.f.browserIssue != nil:
		return w.f.browserIssue
	case w.f.keyring != nil:
		return w.f.keyring
	case w.onSource():
		return w.at.Issue(w.step)
	case w.assist.issue != nil:
		return w.assist.issue
	case w.step == stepStore && w.s.store.addrErr == "" && w.at.Store.Discovery != nil:
		return first(w.at.Store.Discovery.Blocker, w.at.Store.Discovery.Warnings)
	case w.step == stepCheck && w.verdict() != nil:
		return first(w.verdict().Issue, w.verdict().Warnings)
	case w.step >= stepSave && w.at.SaveErr != nil && !w.at.Saved:
		return vault.Issue(w.at.SaveErr)
	}
	return nil
}

// showSupportCode puts the current support code in the header.
func (w *Wizard) showSupportCode() { w.f.code.SetText("Support code " + w.supportCode()) }

// supportCode says where the merchant is now: the step, the current diagnosis or that the key works, the
// WooCommerce version, the service, and whether this is the demo.
func (w *Wizard) supportCode() string {
	s := report.SupportState{Step: int(w.step) + 1, Demo: w.deps.Demo, Service: w.at.Store.Profile.Number}
	if w.onSource() {
		s.Service = w.at.Partner.Number
	}
	if i := w.currentIssue(); i != nil {
		s.Diagnosis = i.Number
	}
	if w.at.Store.Discovery != nil {
		s.WooVersion = w.at.Store.Discovery.WooVersion
	}
	s.Fit = w.step >= stepCheck && w.verdict() != nil && w.verdict().Fit
	if w.onSource() {
		s.Fit = w.step >= stepCheck && w.at.Checked != nil && w.at.Checked.Works
	}
	return report.SupportCode(s)
}

// supportReport is what "Copy details for support" copies: where the merchant is and what was found,
// with the key masked and no secret.
func (w *Wizard) supportReport() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Key Relay %s (%s) on %s/%s\n", assets.Version, assets.BuildCommit(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "Support code: %s\nStep %d of %d\nService: %s\n", w.supportCode(), w.step+1, stepCount, w.at.Store.Profile.Name)
	if w.s.store.addrErr != "" {
		fmt.Fprintf(&b, "Address typed: %q: %s\n", redact.Shapes(strings.TrimSpace(w.at.Store.Address)), w.s.store.addrErr)
	}
	if src := w.at.Source; w.onSource() {
		w.sourceReport(&b, src, w.at)
	}
	if w.at.Store.Creds.Key != "" {
		fmt.Fprintf(&b, "Key captured: %s\n", redact.MaskKey(w.at.Store.Creds.Key))
	}
	fmt.Fprintf(&b, "Secret captured: %v\n", w.at.Store.Creds.Secret != "")
	if store, r := resultFor(w.prefs(), w.prefs().String(prefLastStore)); r != "" {
		fmt.Fprintf(&b, "Last result on this computer: %s (for %s)\n", r, store)
	}
	if known := w.knownStores(); len(known) > 0 {
		fmt.Fprintf(&b, "Keys saved on this computer for: %s\n", strings.Join(known, ", "))
	}
	switch {
	case w.at.Saved:
		fmt.Fprintf(&b, "Kept in: %s\n", w.deps.Vault.Where())
	case w.at.SaveErr != nil:
		i := vault.Issue(w.at.SaveErr)
		fmt.Fprintf(&b, "Keyring: %s (%s, KR%02d): %s (%s)\n", i.Title, i.Code, i.Number, i.Detail, i.Technical)
	}
	if i := w.assist.issue; i != nil {
		fmt.Fprintf(&b, "Browser assist: %s (%s, KR%02d): %s\n", i.Title, i.Code, i.Number, i.Detail)
		if i.Technical != "" {
			fmt.Fprintf(&b, "  the browser said: %s\n", i.Technical)
		}
	} else if w.at.Store.Delivery.Assisted {
		fmt.Fprintf(&b, "Browser assist: used for this walk\n")
	}
	if s := w.assist.win.Load(); s != nil {
		fmt.Fprintf(&b, "Key Relay's browser window: %s (%s), profile %s\n", s.Browser.Name, s.Browser.Path, s.Profile)
	}
	if p := crashlog.Found(); p != "" {
		fmt.Fprintf(&b, "Key Relay crashed here before: its crash log is %s (send it too)\n", p)
	}
	if w.at.Store.Discovery != nil {
		b.WriteString("\n" + woo.Report(w.at.Store.Discovery, w.verdict()).Text())
	}
	// The last gate: whatever a store or a keyring said in there, no form of the pair leaves.
	text := redact.Text(b.String(), w.at.Store.Creds.Key, w.at.Store.Creds.Secret)
	if src := w.at.Source; w.onSource() {
		a := w.at
		keys := append([]string(nil), a.Values...)
		if a.Regen != nil {
			keys = append(keys, a.Regen.Old.Key, a.Regen.Old.Secret)
		}
		for _, k := range keys {
			if k != "" {
				text = strings.ReplaceAll(text, k, src.Mask(k))
			}
		}
	}
	return text
}

// sourceReport is what the support report says of another source's walk.
func (w *Wizard) sourceReport(b *strings.Builder, src walk.Source, a *walk.Attempt) {
	fmt.Fprintf(b, "Source: %s (%s), partner %s\n", src.Name(), src.Store(), a.Partner.Name)
	for i, v := range src.Values() {
		fmt.Fprintf(b, "%s captured: %v", v.Name, a.Values[i] != "")
		if i == 0 && a.Values[0] != "" {
			fmt.Fprintf(b, " %s", src.Mask(a.Values[0]))
		}
		b.WriteString("\n")
	}
	if r := a.Checked; r != nil {
		fmt.Fprintf(b, "Check: %s. %s\n", r.Result, r.Tested)
	}
	if a.Regen != nil {
		fmt.Fprintf(b, "Regenerating: %d connections used the old keys\n", len(a.Regen.Affected))
	}
}

func (w *Wizard) copySupportDetails() {
	w.copyText(w.supportReport())
	w.f.status.SetText("Details copied for support: where you are and what was found. No secret is in them.")
}
