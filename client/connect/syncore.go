package connect

import (
	"context"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/report"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// Syncore is Syncore as a key source of the walk: its profile (data) and the client that checks its keys.
type Syncore struct {
	Source syncore.Source
	Client *syncore.Client
}

var _ walk.Source = Syncore{}

func (s Syncore) ID() string   { return syncore.ID }
func (s Syncore) Name() string { return s.Source.Name }

func (s Syncore) Profile() walk.Profile {
	p := s.Source
	return walk.Profile{Choice: p.Name + " (" + p.What + ")", Intro: p.Words.Intro, Notes: []string{p.AdminOnly},
		Where: p.Words.Where, Page: p.SettingsURL, Steps: p.Steps, Regenerate: p.RegenerateSteps,
		CaptureHint: p.Words.CaptureHint, Watching: p.Words.Watching, Checking: p.Words.Checking, CheckedBy: p.Name,
		Kept:        p.Words.Kept,
		Regenerated: p.Words.Regenerated, ValueRefused: syncore.KeyFormat, OldKeyWorks: syncore.OldKeyWorks}
}

func (s Syncore) Partners() []walk.Partner {
	ps := make([]walk.Partner, len(s.Source.Partners))
	for i, p := range s.Source.Partners {
		ps[i] = walk.Partner{ID: p.ID, Number: p.Number, Name: p.Name, UpdateSteps: p.UpdateSteps}
	}
	return ps
}

// Values: Syncore's page shows two keys, a Primary and a Secondary; either works, apps take one or both.
func (s Syncore) Values() []walk.Value {
	return []walk.Value{{Name: "Primary key"}, {Name: "Secondary key", Optional: true}}
}

func (s Syncore) Recognise(text string) (string, *diagnosis.Issue) { return s.Source.Key(text) }
func (s Syncore) Mask(v string) string                             { return syncore.Mask(v) }
func (s Syncore) Store() string                                    { return s.Source.Host() }

// Check reads Syncore's API with the Primary key, then with the Secondary when there is one.
func (s Syncore) Check(ctx context.Context, a walk.Attempt, _ bool) (*walk.Checked, error) {
	var out *walk.Checked
	for i, v := range a.Values {
		if v == "" {
			if i > 0 {
				out.Others = append(out.Others, nil)
			}
			continue
		}
		r, err := s.Client.Check(ctx, s.Source, v)
		if err != nil {
			return nil, err
		}
		c := &walk.Checked{Works: r.Works, Headline: s.Source.Name + " accepts the key " + syncore.Mask(v), Tested: r.Tested, Issue: r.Issue, Result: r.Result(),
			Refused: r.Issue != nil && r.Issue.Code == syncore.KeyRefused}
		if i == 0 {
			out = c
		} else {
			out.Others = append(out.Others, c)
		}
	}
	return out, nil
}

// SourceReport words another source's check of a connection (its key masked by its ending; the source's
// host as the store).
func SourceReport(src walk.Source, it vault.Item, c *walk.Checked) report.Report {
	rep := report.Report{Store: it.Store, Checked: true, Fit: c.Works, Outcome: "fit", Key: src.Mask(it.Key), Tested: c.Tested, Findings: []report.Finding{}}
	if !c.Works {
		d := report.FromIssue(c.Issue)
		rep.Diagnosis, rep.Outcome = &d, c.Issue.Kind.String()
	}
	return rep
}
