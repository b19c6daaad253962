package walk

import (
	"context"
	"slices"
	"time"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
)

// Source is one kind of key a merchant connects: where it is made, what is copied from there, how a value
// is recognised and checked live, how it is kept, and how its keys are regenerated. The walk's screens are
// the same for every source; a source is this interface and a little data.
//
// WooCommerce keys are made in a store, at an address the merchant types: that source's walk also carries
// the store's part (Attempt.Store), and its screens add the store's own parts (the address, browser
// assist). The implementations are in client/connect, beside the engines they call.
type Source interface {
	// ID is kept with every connection the source makes (vault.Item.Source); WooCommerce's is "" (StoreID),
	// as the connections saved before other sources existed say.
	ID() string
	Name() string
	// Profile is the source's words on the walk's screens and the diagnoses the walk itself gives.
	Profile() Profile
	// Partners are the apps a key goes to; the first is offered first.
	Partners() []Partner
	// Values are what a merchant copies from the source's page, in the order the page shows them; the
	// first is required, the others as each says.
	Values() []Value
	// Recognise reads a value out of what the merchant copied or pasted (spaces, quotes, a label around
	// it): the value, or why it is refused in words that never hold the text.
	Recognise(text string) (string, *diagnosis.Issue)
	// Mask shows a value by its ending only.
	Mask(value string) string
	// Check proves the attempt's key live, changing nothing; again says the merchant asked to check again
	// (a store is looked at afresh first). An error means the check couldn't finish (cancelled). a is the
	// job's own copy (Attempt.Snapshot).
	Check(ctx context.Context, a Attempt, again bool) (*Checked, error)
	// Store names where the keys live, as connections are kept under it (Syncore: its API's host; "" for
	// WooCommerce, whose keys live at each store's own address).
	Store() string
}

// Profile is a source's words on the walk's screens, and the rows the walk itself reports.
type Profile struct {
	Choice      string   // in "What are you connecting from?"
	Intro       string   // the first sentence on step 1
	Notes       []string // worth knowing before and while making a key ("Only admins can…")
	Where       string   // where keys are made, "Syncore Settings > API"
	Page        string   // its address, opened by step 2's button
	Steps       []string // how a key is made, in the source's words
	Regenerate  []string // how its keys are regenerated; nil when they can't be
	CaptureHint string   // step 3's first sentence: which copy buttons give the values
	Watching    string   // what step 2 says while the clipboard is watched
	Checking    string   // what step 4 says the check does
	CheckedBy   string   // who answers the check, "your store", "Syncore"
	Kept        string   // what step 5 says of how the key is shown once kept
	Regenerated string   // what the merchant is told regenerating does; "" when keys can't be
	// ValueRefused is the row for a value that isn't one of the source's keys, OldKeyWorks the row for an
	// old key still working after a regeneration.
	ValueRefused, OldKeyWorks diagnosis.Code
}

// Value is one thing a merchant copies.
type Value struct {
	Name     string // "Primary key"
	Optional bool   // the walk goes on without it
}

// Partner is an app a key goes to.
type Partner struct {
	ID     string
	Number int // its small number in support codes
	Name   string
	// UpdateSteps are how the key is given to it; step 6 shows them with a copy button per value.
	UpdateSteps []string
}

// PartnerOf is src's partner with id; one this version doesn't know is named by its id.
func PartnerOf(src Source, id string) Partner {
	for _, p := range src.Partners() {
		if p.ID == id {
			return p
		}
	}
	return Partner{ID: id, Name: id, UpdateSteps: []string{"Give " + id + " the new key where it takes it."}}
}

// Checked is what a live check of the captured values found.
type Checked struct {
	Works bool
	// Headline is what a working key's check says first ("The key works for Syncio").
	Headline string
	// Refused is true when the source answered that it doesn't know the first value: for an old key after
	// a regeneration, the proof that it is gone.
	Refused  bool
	Tested   string             // how it was tested, in words
	Proven   []string           // what the check proved, in words
	Issue    *diagnosis.Issue   // why the first value doesn't work
	Warnings []*diagnosis.Issue // true, worth knowing, not blocking
	// Others are the checks of the other values, in order (nil where none was captured).
	Others []*Checked
	// Result is what the connection keeps of it: "fit", or the diagnosis's code.
	Result string
	// Verdict and Discovery are a store's check as the engine gave it, and the store as it found it.
	Verdict   *woo.Verdict
	Discovery *woo.Discovery
}

// StoreID is the id of the WooCommerce source.
const StoreID = ""

// AllWork reports whether the first value and every other captured one work.
func (c *Checked) AllWork() bool {
	if c == nil || !c.Works {
		return false
	}
	for _, o := range c.Others {
		if o != nil && !o.Works {
			return false
		}
	}
	return true
}

// Regeneration is a source's keys being regenerated from a saved connection: every connection using the
// old keys is listed before the merchant clicks Regenerate, and the walk passes only once the old key is
// proven refused and each of those apps has the new one.
type Regeneration struct {
	Old      vault.Item
	Affected []vault.Item
	OldCheck *Checked        // the old key's check after the regeneration
	Updated  map[string]bool // the partners that have the new key
}

// OldGone reports whether the old key is proven refused.
func (r *Regeneration) OldGone() bool { return r.OldCheck != nil && r.OldCheck.Refused }

// Attempt is the state one walk of a source carries from step to step: the app it goes to, the values
// captured, the last check, the save. A new connection, Fix, regenerating and resuming each start from a
// fresh Attempt; nothing of an earlier walk carries into it.
type Attempt struct {
	Source  Source // nil: a WooCommerce store's key, walked with Store
	Partner Partner
	// Values are the values captured, by Source.Values; FromClip says which came from the clipboard,
	// Refused why the last value offered for each was refused (nil: it wasn't), Typed what is typed and
	// not yet taken.
	Values, Typed []string
	Refused       []*diagnosis.Issue
	FromClip      []bool
	Checked       *Checked
	Saved         bool
	SaveErr       error
	Regen         *Regeneration // nil unless the keys are being regenerated
	Store         StorePart     // a WooCommerce store's part
}

// NewAttempt starts a walk of src for partner p.
func NewAttempt(src Source, p Partner) Attempt {
	n := len(src.Values())
	return Attempt{Source: src, Partner: p, Values: make([]string, n), Refused: make([]*diagnosis.Issue, n),
		Typed: make([]string, n), FromClip: make([]bool, n)}
}

// Offer takes text offered for value slot (-1: the first free one, as copies from the clipboard come) or
// records why it is refused; nothing captured before is lost. It reports whether a new value was taken.
func (a *Attempt) Offer(text string, slot int, fromClip bool) bool {
	v, issue := a.Source.Recognise(text)
	if slot < 0 {
		slot = 0
		for slot < len(a.Values)-1 && a.Values[slot] != "" {
			slot++
		}
	}
	switch {
	case issue != nil:
		if fromClip {
			i := *issue
			i.Detail = "From the clipboard: " + i.Detail
			issue = &i
		}
		a.Refused[slot] = issue
		return false
	case slices.Contains(a.Values, v):
		return false // the same value again
	case a.Regen != nil && (v == a.Regen.Old.Key || v == a.Regen.Old.Secret):
		a.Refused[slot] = diagnosis.New(a.Source.Profile().ValueRefused, "this is the key in use now: regenerate the keys in "+
			a.Source.Name()+" first, then copy the new "+a.Source.Values()[0].Name)
		return false
	}
	a.Values[slot], a.FromClip[slot], a.Refused[slot], a.Typed[slot] = v, fromClip, nil, ""
	a.Checked, a.Saved = nil, false
	return true
}

// Snapshot is a copy of the attempt for a background job: the values are its own.
func (a *Attempt) Snapshot() Attempt {
	c := *a
	c.Values = slices.Clone(a.Values)
	return c
}

// Swap exchanges the first two values: the merchant says they are the other way round.
func (a *Attempt) Swap() {
	a.Values[0], a.Values[1] = a.Values[1], a.Values[0]
	a.FromClip[0], a.FromClip[1] = a.FromClip[1], a.FromClip[0]
	a.Checked = nil
}

// Passed reports whether the walk may go on from the check: every value works and, in a regeneration,
// the old key is proven refused.
func (a *Attempt) Passed() bool {
	return a.Checked.AllWork() && (a.Regen == nil || a.Regen.OldGone())
}

// Items are what the keyring keeps: one connection per partner, the first value in Key and the second
// in Secret; a regeneration updates every connection that used the old keys.
func (a *Attempt) Items(now time.Time) []vault.Item {
	base := vault.Item{Source: a.Source.ID(), Store: a.Source.Store(), Key: a.Values[0], Created: now}
	if len(a.Values) > 1 {
		base.Secret = a.Values[1]
	}
	if c := a.Checked; c != nil {
		base.LastResult, base.LastCheck = c.Result, now
		if c.Works {
			base.Verified = now
		}
	}
	if a.Regen == nil {
		base.Service = a.Partner.ID
		return []vault.Item{base}
	}
	items := make([]vault.Item, len(a.Regen.Affected))
	for i, it := range a.Regen.Affected {
		items[i] = base
		items[i].Service, items[i].Created = it.Service, it.Created
	}
	return items
}

// Issue is the diagnosis the walk shows on step s, for the support code; nil when none.
func (a *Attempt) Issue(s Step) *diagnosis.Issue {
	c := a.Checked
	switch {
	case s == Check && c != nil && !c.Works:
		return c.Issue
	case s == Check && a.Regen != nil && a.Regen.OldCheck != nil && a.Regen.OldCheck.Works:
		return diagnosis.New(a.Source.Profile().OldKeyWorks, "")
	case s <= Capture:
		for _, r := range a.Refused {
			if r != nil {
				return r
			}
		}
	}
	return nil
}
