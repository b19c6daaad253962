// Package vault keeps captured keys in the operating system's keyring (Secret Service on Linux, Keychain on
// macOS, Credential Manager on Windows) through go-keyring. A key and its secret are written nowhere else.
package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
)

// ServiceName is the one keyring service all of Key Relay's items live under.
const ServiceName = "Key Relay"

// Item is what is kept for one store and sync service.
type Item struct {
	Key    string `json:"key"`
	Secret string `json:"secret"`
	// Source is where the key was made: "" for a WooCommerce store; "syncore" for Syncore, whose Primary
	// key is kept in Key and its Secondary (if captured) in Secret, and whose Store is its API's host.
	Source     string    `json:"source,omitempty"`
	Store      string    `json:"store"`   // the store's address, as checked
	Service    string    `json:"service"` // the sync service's id (for Syncore, the partner's)
	Permission string    `json:"permission,omitempty"`
	Created    time.Time `json:"created"`
	Verified   time.Time `json:"verified,omitzero"` // zero until a live check passed
	// LastResult is how the last live check ended ("fit" or a diagnosis code), LastCheck when.
	LastResult string    `json:"last_result,omitempty"`
	LastCheck  time.Time `json:"last_check,omitzero"`
	// API is the store's API root the key was last proven at (on the store's own origin): a re-check
	// sends its probes there at once, and looks at the store again only when they don't pass.
	API string `json:"api,omitempty"`
	// Replacing is the key this one replaces, kept beside it until a live check proves the store refuses
	// it: a replacement interrupted anywhere (revoking comes last) loses nothing and can be finished.
	Replacing *OldKey `json:"replacing,omitempty"`
	// App is the app the merchant named on step 1 ("Another app"), for a key made for it: its name, what
	// it needs and its page, so its connection is re-checked and delivered like a built-in service's. Its
	// Service is then the app's id ("app-…").
	App *App `json:"app,omitempty"`
	// Unfinished is true while the walk that captured the key hasn't reached Done: written in the same
	// keyring write as the key, so whatever stops the app, a key that is kept is offered on the next start.
	Unfinished bool `json:"unfinished,omitempty"`
}

// App is an app the merchant named: nothing secret.
type App struct {
	Name  string `json:"name"`
	Needs string `json:"needs"`          // read or read_write
	Page  string `json:"page,omitempty"` // the app's page that takes the key, when given
}

// OldKey is a key being replaced.
type OldKey struct {
	Key    string `json:"key"`
	Secret string `json:"secret"`
}

// String never shows the secret.
func (it Item) String() string {
	if it.Source != "" { // another source's key: its last four characters, as its screens show it
		end := "…"
		if len(it.Key) > 8 {
			end += it.Key[len(it.Key)-4:]
		}
		return fmt.Sprintf("%s key %s for %s (%s)", it.Source, end, it.Store, it.Service)
	}
	return fmt.Sprintf("%s for %s (%s)", redact.MaskKey(it.Key), it.Store, it.Service)
}

// GoString is String: %#v must not print the pair either.
func (it Item) GoString() string { return "vault.Item{" + it.String() + "}" }

// Format masks the pair whatever the verb.
func (it Item) Format(f fmt.State, verb rune) { redact.Format(f, verb, it.String(), it.GoString()) }

// String never shows the old secret.
func (o OldKey) String() string { return "old key " + redact.MaskKey(o.Key) }

// GoString is String.
func (o OldKey) GoString() string { return "vault.OldKey{" + o.String() + "}" }

// Format masks the old pair whatever the verb.
func (o OldKey) Format(f fmt.State, verb rune) { redact.Format(f, verb, o.String(), o.GoString()) }

// Account is the keyring's user name for one store and service: readable in the OS's keyring viewer.
func Account(store, service string) string { return service + " " + store }

var (
	// ErrUnavailable means there is no keyring to use (no Secret Service, a locked keyring that did not
	// answer in time, a refused prompt). The merchant can go on without saving.
	ErrUnavailable = errors.New("no system keyring is available")
	// ErrLocked comes with ErrUnavailable when the keyring is there but locked: it did not answer in time
	// (it waits behind an unlock prompt) or its unlock prompt was dismissed.
	ErrLocked = errors.New("the keyring is locked")
	// ErrNotFound means nothing is kept for that store and service.
	ErrNotFound = errors.New("no key is kept for this store and service")
)

// Store keeps items.
type Store interface {
	Save(Item) error
	Load(store, service string) (Item, error)
	Delete(store, service string) error
	// List returns every item kept, newest first.
	List() ([]Item, error)
	// Where says in words where items are kept, for the screen.
	Where() string
}

// Keyring is the OS keyring. Every call gives up after Timeout: a locked Linux keyring can sit behind an
// unlock prompt forever.
type Keyring struct {
	Timeout time.Duration // 0 means 5 seconds
	// Service is the keyring service the items live under; "" means ServiceName. Tests that share one
	// Secret Service name their own, so they don't change each other's index.
	Service string
}

func (k Keyring) service() string {
	if k.Service == "" {
		return ServiceName
	}
	return k.Service
}

func (k Keyring) timeout() time.Duration {
	if k.Timeout <= 0 {
		return 5 * time.Second
	}
	return k.Timeout
}

// call runs a keyring call: at once unavailable where there is no bus to reach a keyring through, else
// with the timeout, its failure worded.
func (k Keyring) call(fn func() error) error {
	if noSessionBus() {
		return fmt.Errorf("%w: %w", ErrUnavailable, errNoBus)
	}
	return k.wait(fn)
}

// wait runs fn with the timeout and words its failure.
func (k Keyring) wait(fn func() error) error { return withTimeout(k.timeout(), fn) }

var errNoBus = errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset, no $XDG_RUNTIME_DIR/bus)")

// withTimeout runs fn, giving up waiting after d: a locked Linux keyring can sit behind an unlock prompt
// forever. A call that gave up goes on, and its result is not dropped: the error is a *Late whose Done
// delivers it, so a save that lands after all is known to have landed.
func withTimeout(d time.Duration, fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- keyringError(fn()) }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return &Late{after: d, done: done}
	}
}

// keyringError words what go-keyring returned.
func keyringError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	}
	// go-keyring's errors name the bus or the API that failed; they never hold the value. A dismissed
	// unlock prompt is only told apart by its words ("failed to unlock correct collection").
	if strings.Contains(err.Error(), "unlock") {
		return fmt.Errorf("%w: %w: %v", ErrUnavailable, ErrLocked, err)
	}
	return fmt.Errorf("%w: %v", ErrUnavailable, err)
}

// Late is a keyring call that didn't answer in time. It counts as ErrUnavailable and ErrLocked (it waits
// behind an unlock prompt, most likely), but the call goes on: Done delivers its result once, when it
// returns, for the caller to reconcile what it told the merchant.
type Late struct {
	after time.Duration
	done  chan error
}

func (l *Late) Error() string { return fmt.Sprintf("the keyring did not answer within %s", l.after) }

// Is makes a Late count as ErrUnavailable and ErrLocked.
func (l *Late) Is(target error) bool { return target == ErrUnavailable || target == ErrLocked }

// Done delivers the call's result when it finally returns (nil: it succeeded after all).
func (l *Late) Done() <-chan error { return l.done }

// Save writes it, replacing what was kept for the same store and service, and lists it in the index.
func (k Keyring) Save(it Item) error {
	b, err := json.Marshal(it)
	if err != nil {
		return err
	}
	// The index first: an entry whose item never landed is skipped by List, while an item that landed
	// late (after its call gave up waiting) is still listed.
	if err := k.index(func(accounts []string) []string {
		return append(slices.DeleteFunc(accounts, func(a string) bool { return a == Account(it.Store, it.Service) }), Account(it.Store, it.Service))
	}); err != nil {
		return err
	}
	return k.call(func() error { return keyring.Set(k.service(), Account(it.Store, it.Service), string(b)) })
}

// indexAccount is the keyring item that lists the others (their accounts, no secret): macOS's Keychain
// has no way to list a service's items through go-keyring. Where the keyring can be searched (the Secret
// Service, Credential Manager) the search is the truth, and the index is only kept up to date beside it.
const indexAccount = "index"

const (
	// maxAccounts bounds what is listed: Key Relay keeps one item per store and service.
	maxAccounts = 500
	// maxIndex is the longest index read: a real one is a few kilobytes.
	maxIndex = 256 << 10
)

// errIndexDamaged means the index item holds something that isn't Key Relay's list (not JSON, far too
// long). It is never overwritten as if it were empty: what it listed would be lost to List.
var errIndexDamaged = errors.New("the list of kept keys in the keyring is damaged")

// damagedIndex is errIndexDamaged with what the index held, to be kept aside.
type damagedIndex struct{ raw string }

func (*damagedIndex) Error() string { return errIndexDamaged.Error() }

// Is makes a damagedIndex count as errIndexDamaged.
func (*damagedIndex) Is(target error) bool { return target == errIndexDamaged }

// Damaged names kept items that couldn't be read; List returns it beside every item it could read.
type Damaged struct {
	Accounts []string // the keyring's user names of the damaged items ("syncio https://shop.example/")
}

func (d *Damaged) Error() string {
	names := make([]string, len(d.Accounts))
	for i, a := range d.Accounts {
		names[i] = strings.ToValidUTF8(a, "?")
	}
	return fmt.Sprintf("%d kept item(s) can't be read: %s", len(d.Accounts), strings.Join(names, ", "))
}

// Partly reports whether err came with items that are still good to use: List read every item but the
// damaged ones it names.
func Partly(err error) bool {
	var d *Damaged
	return errors.As(err, &d)
}

// indexMu serialises changes to the index within this process.
var indexMu sync.Mutex

// index changes the list of kept items. Within this process one change runs at a time; another Key Relay
// may change it at the same moment (keyrings have no transactions), so the change is read back and made
// again if the other's write undid it. An index that can't be read is rebuilt from the keyring's own
// search, or, where there is none, kept aside under another name before a new one is started.
func (k Keyring) index(change func([]string) []string) error {
	indexMu.Lock()
	defer indexMu.Unlock()
	for try := 0; ; try++ {
		accounts, err := k.known()
		var damaged *damagedIndex
		if errors.As(err, &damaged) {
			if err := k.keepAside(damaged.raw); err != nil {
				return err
			}
			accounts, err = nil, nil
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		want := change(accounts)
		b, _ := json.Marshal(want)
		if err := k.call(func() error { return keyring.Set(k.service(), indexAccount, string(b)) }); err != nil {
			return err
		}
		got, err := k.known()
		if err != nil || try == 2 || sameSet(change(got), got) {
			return err // the change holds (or three tries are enough: List still finds what it lists)
		}
	}
}

// keepAside copies a damaged index to an item of its own ("index (damaged 2026-12-03T10:42:00Z)"), so
// nothing it listed is lost to whoever repairs it by hand.
func (k Keyring) keepAside(raw string) error {
	name := indexAccount + " (damaged " + time.Now().UTC().Format(time.RFC3339) + ")"
	return k.call(func() error { return keyring.Set(k.service(), name, raw) })
}

// known lists the accounts kept: by the keyring's own search where it has one, else by the index.
func (k Keyring) known() ([]string, error) {
	var found []string
	err := k.call(func() error {
		var err error
		found, err = searchAccounts(k.service())
		return err
	})
	if err == nil {
		return tidy(slices.DeleteFunc(found, func(a string) bool { return strings.HasPrefix(a, indexAccount) })), nil
	}
	// No search here, or the search failed (a collection still locked, say): the index, whose read also
	// says in the keyring's own words what is wrong.
	return k.accounts()
}

// tidy drops duplicates and anything that can't be an account, and bounds the list.
func tidy(accounts []string) []string {
	seen := map[string]bool{}
	out := accounts[:0]
	for _, a := range accounts {
		if _, store, ok := strings.Cut(a, " "); !ok || store == "" || len(a) > 2048 || seen[a] {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	if len(out) > maxAccounts {
		out = out[:maxAccounts]
	}
	return out
}

func (k Keyring) accounts() ([]string, error) {
	var raw string
	err := k.call(func() error {
		var err error
		raw, err = keyring.Get(k.service(), indexAccount)
		return err
	})
	if err != nil {
		return nil, err
	}
	var accounts []string
	if len(raw) > maxIndex || json.Unmarshal([]byte(raw), &accounts) != nil {
		return nil, &damagedIndex{raw: raw}
	}
	return tidy(accounts), nil
}

// List returns every item kept, newest first. An item that can't be read is named in a *Damaged beside
// the items that could.
func (k Keyring) List() ([]Item, error) {
	accounts, err := k.known()
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var items []Item
	var damaged []string
	for _, a := range accounts {
		svc, store, _ := strings.Cut(a, " ")
		it, err := k.Load(store, svc)
		switch {
		case errors.Is(err, ErrNotFound):
			continue // deleted by hand in the keyring's own viewer
		case errors.Is(err, errItemDamaged):
			damaged = append(damaged, a)
			continue
		case err != nil:
			return nil, err
		}
		items = append(items, it)
	}
	if len(damaged) > 0 {
		return newestFirst(items), &Damaged{Accounts: damaged}
	}
	return newestFirst(items), nil
}

// sameSet reports whether a and b hold the same accounts, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}

func newestFirst(items []Item) []Item {
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Created.Equal(items[j].Created) {
			return items[i].Created.After(items[j].Created)
		}
		return Account(items[i].Store, items[i].Service) < Account(items[j].Store, items[j].Service)
	})
	return items
}

// errItemDamaged means a kept item holds something that isn't one of Key Relay's items.
var errItemDamaged = errors.New("a kept item is damaged")

// maxItem is the longest item read: a real one is under a kilobyte.
const maxItem = 64 << 10

// Load reads the item for store and service.
func (k Keyring) Load(store, service string) (Item, error) {
	var raw string
	err := k.call(func() error {
		var err error
		raw, err = keyring.Get(k.service(), Account(store, service))
		return err
	})
	if err != nil {
		return Item{}, err
	}
	var it Item
	if len(raw) > maxItem || json.Unmarshal([]byte(raw), &it) != nil || it.Store != store || it.Service != service {
		return Item{}, fmt.Errorf("%w: %s", errItemDamaged, strings.ToValidUTF8(Account(store, service), "?"))
	}
	return it, nil
}

// Delete removes the item for store and service, and its line in the index.
func (k Keyring) Delete(store, service string) error {
	if err := k.call(func() error { return keyring.Delete(k.service(), Account(store, service)) }); err != nil {
		return err
	}
	return k.index(func(accounts []string) []string {
		return slices.DeleteFunc(accounts, func(a string) bool { return a == Account(store, service) })
	})
}

// Where names the keyring of this operating system.
func (Keyring) Where() string { return keyringName }

// Memory keeps items in memory only: for the demo (demo keys never reach the real keyring) and tests.
type Memory struct {
	mu    sync.Mutex
	items map[string]Item
	// Unavailable makes every call fail with ErrUnavailable, like a machine without a keyring.
	Unavailable bool
	// Delay makes every call take this long, and Timeout gives up waiting as the real keyring does (a
	// keyring slow behind its unlock prompt); 0 means neither.
	Delay, Timeout time.Duration
	// refuse, when set, is asked before each save: a keyring that turns down one write (locked, or full,
	// at that moment) while the others went through.
	refuse func(Item) error
}

// RefuseSaves makes each later save ask f first and fail with what it returns; nil lets saves through.
func (m *Memory) RefuseSaves(f func(Item) error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refuse = f
}

// slow runs fn as a slow keyring would, when Delay is set.
func (m *Memory) slow(fn func() error) error {
	if m.Delay <= 0 {
		return fn()
	}
	call := func() error { time.Sleep(m.Delay); return fn() }
	if m.Timeout <= 0 {
		return call()
	}
	return withTimeout(m.Timeout, call)
}

// SetUnavailable switches Unavailable while other goroutines use the store.
func (m *Memory) SetUnavailable(v bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Unavailable = v
}

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory { return &Memory{items: map[string]Item{}} }

func (m *Memory) Save(it Item) error {
	return m.slow(func() error {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.Unavailable {
			return ErrUnavailable
		}
		if m.refuse != nil {
			if err := m.refuse(it); err != nil {
				return err
			}
		}
		m.items[Account(it.Store, it.Service)] = it
		return nil
	})
}

func (m *Memory) Load(store, service string) (Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Unavailable {
		return Item{}, ErrUnavailable
	}
	it, ok := m.items[Account(store, service)]
	if !ok {
		return Item{}, ErrNotFound
	}
	return it, nil
}

func (m *Memory) Delete(store, service string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Unavailable {
		return ErrUnavailable
	}
	delete(m.items, Account(store, service))
	return nil
}

func (m *Memory) Where() string { return "this demo's memory (not your real keyring)" }

// List returns every item kept, newest first.
func (m *Memory) List() ([]Item, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Unavailable {
		return nil, ErrUnavailable
	}
	var items []Item
	for _, it := range m.items {
		items = append(items, it)
	}
	return newestFirst(items), nil
}

// Len is how many items are kept.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}

// Issue words a failed keyring call as its row of the diagnosis table, with what was seen; nil for nil
// and for ErrNotFound, which is no failure.
func Issue(err error) *diagnosis.Issue {
	if err == nil || errors.Is(err, ErrNotFound) {
		return nil
	}
	// What a merchant reads says it plainly; what the system said (bus names, collection paths) goes to
	// the support report only.
	i := diagnosis.New(KeyringUnavailable, "No keyring service answered on this computer.")
	var late *Late
	var damaged *Damaged
	switch {
	case errors.As(err, &damaged):
		i = diagnosis.New(KeyringItemDamaged, redact.Shapes(damaged.Error()))
	case errors.Is(err, errItemDamaged), errors.Is(err, errIndexDamaged):
		i = diagnosis.New(KeyringItemDamaged, redact.Shapes(err.Error()))
	case errors.As(err, &late):
		i = diagnosis.New(KeyringLocked, "The keyring didn't answer within a few seconds; it may be waiting for its password.")
	case errors.Is(err, ErrLocked):
		i = diagnosis.New(KeyringLocked, "The keyring is locked and wasn't unlocked.")
	}
	i.Technical = redact.Shapes(err.Error())
	return i
}
