// Package diagnosis is the table of everything a merchant can be told went wrong: its row type, codes,
// kinds, what each row offers, and the support code's numbering. Each domain contributes its own rows from
// its own package (the WooCommerce checks from client/woo, the keyring's from client/vault, the browser's
// from client/assist, Syncore's from client/syncore, reaching a server from client/reach), so nothing
// needs the WooCommerce engine to name a keyring failure.
package diagnosis

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Code is a diagnosis's stable identifier: support articles, the support code and scripts rely on it, so a
// code is never renamed or reused.
type Code string

// Kind says whose side a problem is on; keyrelay-check turns it into its exit code.
type Kind int

const (
	KindReach    Kind = iota + 1 // this computer could not talk to the store
	KindStore                    // the store (or its host) must change something
	KindKey                      // the key or secret must change
	KindComputer                 // this computer's keyring or browser failed (client/vault and ui report these)
)

func (k Kind) String() string {
	switch k {
	case KindReach:
		return "reach"
	case KindStore:
		return "store"
	case KindKey:
		return "key"
	case KindComputer:
		return "computer"
	}
	return "unknown"
}

// Severity says whether a diagnosis stops the merchant or is only worth knowing.
type Severity int

const (
	Blocker Severity = iota + 1
	Warning
)

// Diagnosis is one row of the table below: everything a merchant is told about one kind of failure.
type Diagnosis struct {
	Code     Code
	Number   int // stable small number for the support code (KR-…); never reused
	Kind     Kind
	Severity Severity
	Title    string   // one sentence a shop owner understands
	Meaning  string   // what it means, plainly
	Fix      []string // the steps, in order
	Page     wpadmin.Page
	PageText string // label of the button that opens Page
	// Offers is what a screen offers the merchant beside the fix steps: screens read it here rather than
	// deciding from codes.
	Offers []Offer
}

// Offer is one thing a screen offers beside a diagnosis (the wp-admin page button is offered wherever the
// row has a Page).
type Offer int

const (
	OfferCheckAgain     Offer = iota + 1 // the fix is made elsewhere (WordPress, the host): look again
	OfferNewKey                          // the key itself must change: enter a different one, or make one
	OfferFixInPlace                      // edit the key in WordPress; the same key and secret then work
	OfferContinueAnyway                  // worth knowing; the walk goes on
	OfferOtherAddress                    // the store named another address: is it the merchant's?
	OfferTryAgain                        // this computer's part (the keyring) may work on a second try
)

// Offer reports whether the row offers o.
func (d *Diagnosis) Offer(o Offer) bool { return slices.Contains(d.Offers, o) }

var (
	mu       sync.RWMutex
	byCode   = map[Code]*Diagnosis{}
	byNumber = map[int]*Diagnosis{}
	all      []*Diagnosis
)

// Register adds a domain's rows to the table; each package calls it once from init. A code or support
// number registered twice panics: both are stable identifiers, never reused.
func Register(rows ...Diagnosis) {
	mu.Lock()
	defer mu.Unlock()
	for i := range rows {
		d := &rows[i]
		if byCode[d.Code] != nil {
			panic("diagnosis: code registered twice: " + string(d.Code))
		}
		if d.Number < 1 || d.Number > MaxNumber || byNumber[d.Number] != nil {
			panic(fmt.Sprintf("diagnosis: support number %d of %s is taken or out of range", d.Number, d.Code))
		}
		byCode[d.Code], byNumber[d.Number] = d, d
		all = append(all, d)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Number < all[j].Number })
}

// MaxNumber is the highest support number the support code can carry (client/report).
const MaxNumber = 1023

// All is every registered row, by support number.
func All() []*Diagnosis {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(all)
}

// Lookup returns the table row for c. An unknown code panics: codes are constants of the packages that
// register them.
func Lookup(c Code) *Diagnosis {
	d := Find(c)
	if d == nil {
		panic("diagnosis: unknown code " + string(c))
	}
	return d
}

// Find returns the table row for c, or nil when c is no code of this version (one read from an old
// preference file, say).
func Find(c Code) *Diagnosis {
	mu.RLock()
	defer mu.RUnlock()
	return byCode[c]
}

// ByNumber returns the diagnosis with support number n, or nil.
func ByNumber(n int) *Diagnosis {
	mu.RLock()
	defer mu.RUnlock()
	return byNumber[n]
}

// Issue is a diagnosis as it applies to one store: the table row plus what was actually seen.
type Issue struct {
	*Diagnosis
	Detail string // what exactly was seen, e.g. "HTTP 503 from https://…/wp-json/"; never a secret
	Link   string // Page resolved for this store; "" when there is none
	// Technical is what a system said in its own terms (a keyring's bus error, say), for the support
	// report only: a merchant reads Detail.
	Technical  string
	RetryAfter time.Duration // for rate limits and maintenance: how long the store asked us to wait
	// Elsewhere is the other address a redirect or the store's API named (redirected_elsewhere,
	// api_elsewhere), so a screen can ask "is this your store?" by name; "" otherwise.
	Elsewhere string
}

func (i *Issue) Error() string {
	if i.Detail == "" {
		return i.Title
	}
	return i.Title + " (" + i.Detail + ")"
}

// New is the diagnosis c as it applies here, with what was seen (never a secret).
func New(c Code, detail string) *Issue { return &Issue{Diagnosis: Lookup(c), Detail: detail} }

// Newf is New with the detail formatted.
func Newf(c Code, format string, args ...any) *Issue {
	return New(c, fmt.Sprintf(format, args...))
}
