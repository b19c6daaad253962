package walk

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
)

// twoKeys is a source whose page shows two keys that each start with k_ (its values' rules are the
// attempt's concern here, not a real source's).
type twoKeys struct{}

const refusedCode diagnosis.Code = "walk_test_refused"

func init() {
	diagnosis.Register(diagnosis.Diagnosis{Code: refusedCode, Number: 1010, Kind: diagnosis.KindKey, Severity: diagnosis.Blocker, Title: "Not a key."})
}

func (twoKeys) ID() string   { return "two" }
func (twoKeys) Name() string { return "Two" }
func (twoKeys) Profile() Profile {
	return Profile{ValueRefused: refusedCode, OldKeyWorks: refusedCode}
}
func (twoKeys) Partners() []Partner { return []Partner{{ID: "app", Name: "App"}} }
func (twoKeys) Values() []Value {
	return []Value{{Name: "First key"}, {Name: "Second key", Optional: true}}
}
func (twoKeys) Mask(v string) string {
	return "…" + v[len(v)-2:]
}
func (twoKeys) Store() string { return "two.example" }
func (twoKeys) Recognise(text string) (string, *diagnosis.Issue) {
	if t := strings.TrimSpace(text); strings.HasPrefix(t, "k_") {
		return t, nil
	}
	return "", diagnosis.New(refusedCode, "a key starts with k_")
}
func (twoKeys) Check(context.Context, Attempt, bool) (*Checked, error) { return nil, nil }

func TestAttemptTakesValuesAndKeepsWhatWasCaptured(t *testing.T) {
	a := NewAttempt(twoKeys{}, Partner{ID: "app", Name: "App"})
	if a.Offer("nonsense", -1, true) || a.Refused[0] == nil || !strings.HasPrefix(a.Refused[0].Detail, "From the clipboard: ") {
		t.Fatalf("a bad copy: %+v", a.Refused[0])
	}
	if a.Issue(Capture) == nil || a.Issue(Capture).Code != refusedCode {
		t.Fatal("the support code doesn't carry the refusal")
	}
	if !a.Offer(" k_first ", -1, true) || a.Values[0] != "k_first" || a.Refused[0] != nil || !a.FromClip[0] {
		t.Fatalf("the first key: %+v", a)
	}
	if a.Offer("k_first", -1, false) {
		t.Fatal("the same key again was taken as new")
	}
	if !a.Offer("k_second", -1, false) || a.Values[1] != "k_second" || a.FromClip[1] {
		t.Fatalf("the next copy goes to the next field: %+v", a.Values)
	}
	if a.Offer("junk", 0, false) || a.Values[0] != "k_first" {
		t.Fatal("a refused paste lost what was captured")
	}
	a.Swap()
	if a.Values[0] != "k_second" || a.Values[1] != "k_first" {
		t.Fatalf("swapped: %v", a.Values)
	}
	snap := a.Snapshot()
	snap.Values[0] = "changed"
	if a.Values[0] != "k_second" {
		t.Fatal("a job's snapshot shares its values with the screen")
	}
}

func TestAttemptPassesOnlyWhenEveryValueWorksAndTheOldKeyIsGone(t *testing.T) {
	a := NewAttempt(twoKeys{}, Partner{ID: "app"})
	a.Values = []string{"k_new", "k_new2"}
	if a.Passed() {
		t.Fatal("passed unchecked")
	}
	a.Checked = &Checked{Works: true, Others: []*Checked{{Works: false}}}
	if a.Passed() {
		t.Fatal("passed with a second key that doesn't work")
	}
	a.Checked.Others[0].Works = true
	if !a.Passed() {
		t.Fatal("both work")
	}
	a.Regen = &Regeneration{Old: vault.Item{Key: "k_old"}}
	if a.Passed() {
		t.Fatal("a regeneration passed before the old key was checked")
	}
	a.Regen.OldCheck = &Checked{Works: true}
	if a.Passed() || a.Issue(Check) == nil {
		t.Fatal("the old key still works: no pass, and the support code says so")
	}
	a.Regen.OldCheck = &Checked{Refused: true}
	if !a.Passed() {
		t.Fatal("the old key is proven refused")
	}
	if a.Offer("k_old", 0, false) || a.Refused[0] == nil || !strings.Contains(a.Refused[0].Detail, "key in use now") {
		t.Fatal("the old key was taken as the new one")
	}
}

func TestAttemptItems(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	a := NewAttempt(twoKeys{}, Partner{ID: "app"})
	a.Values = []string{"k_one", "k_two"}
	a.Checked = &Checked{Works: true, Result: "fit"}
	items := a.Items(now)
	if len(items) != 1 || items[0].Source != "two" || items[0].Store != "two.example" || items[0].Service != "app" ||
		items[0].Key != "k_one" || items[0].Secret != "k_two" || !items[0].Verified.Equal(now) || items[0].LastResult != "fit" {
		t.Fatalf("%+v", items)
	}
	created := now.Add(-time.Hour)
	a.Regen = &Regeneration{Affected: []vault.Item{{Service: "a", Created: created}, {Service: "b", Created: created}}}
	items = a.Items(now)
	if len(items) != 2 || items[0].Service != "a" || items[1].Service != "b" || !items[1].Created.Equal(created) || items[1].Key != "k_one" {
		t.Fatalf("a regeneration updates every connection that used the old keys: %+v", items)
	}
	if p := PartnerOf(twoKeys{}, "gone"); p.Name != "gone" || len(p.UpdateSteps) != 1 {
		t.Fatalf("an unknown partner: %+v", p)
	}
}
