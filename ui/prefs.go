package ui

import (
	"slices"
	"strings"
	"sync"
)

// Preference keys. Only non-secret data goes into preferences: addresses, service ids, result codes.
const (
	prefLastStore   = "last.store"   // the address last typed, as parsed
	prefLastService = "last.service" // the service id last chosen
	// prefResults are "store result" pairs: how the last check of each store ended ("fit" or a diagnosis
	// code), keyed by the store as discovered; prefAliases are "typed store" pairs that lead an address as
	// typed (parsed) to that key, so a store typed one way and picked from the list another is one store.
	prefResults     = "results"
	prefAliases     = "aliases"
	prefLastResult  = "last.result"  // before results were kept per store: read once
	prefKnownStores = "known.stores" // "service store" pairs with a saved key
	prefByHand      = "by.hand"      // the merchant chose to make keys in their own browser: step 2 waits for their word
	// Marks of an unfinished key kept by older versions (the mark is now in the keyring item itself):
	// cleared when a walk finishes.
	prefPending        = "pending"
	prefPendingStore   = "pending.store"
	prefPendingService = "pending.service"
)

// allPrefs lists every key Key Relay writes, so a test can read them all back.
var allPrefs = []string{prefLastStore, prefLastService, prefResults, prefAliases, prefKnownStores, prefByHand}

// pairs reads a list of "key value" pairs.
func pairs(p Preferences, key string) map[string]string {
	m := map[string]string{}
	for _, e := range p.StringList(key) {
		if k, v, ok := strings.Cut(e, " "); ok {
			m[k] = v
		}
	}
	return m
}

// setPair sets k's value in a list of pairs, newest last, keeping at most 50.
func setPair(p Preferences, key, k, v string) {
	list := slices.DeleteFunc(p.StringList(key), func(e string) bool { return strings.HasPrefix(e, k+" ") })
	list = append(list, k+" "+v)
	if len(list) > 50 {
		list = list[len(list)-50:]
	}
	p.SetStringList(key, list)
}

// rememberResult records how a check of the store ended, keyed by the store as discovered, and that the
// address as typed leads there.
func rememberResult(p Preferences, typed, store, result string) {
	if store == "" || result == "" {
		return
	}
	setPair(p, prefResults, store, result)
	if typed != "" && typed != store {
		setPair(p, prefAliases, typed, store)
	}
}

// resultFor is how the last check of the store an address names ended; "" when none was made here.
func resultFor(p Preferences, typed string) (store, result string) {
	store = typed
	if s, ok := pairs(p, prefAliases)[typed]; ok {
		store = s
	}
	return store, pairs(p, prefResults)[store]
}

// clearPending forgets a mark an older version left.
func clearPending(p Preferences) {
	for _, k := range []string{prefPending, prefPendingStore, prefPendingService} {
		p.RemoveValue(k)
	}
}

// Preferences is what the wizard reads and writes between runs; fyne.Preferences is one.
type Preferences interface {
	String(key string) string
	SetString(key, value string)
	StringList(key string) []string
	SetStringList(key string, value []string)
	RemoveValue(key string)
}

// MemoryPreferences keeps preferences for one run only: the demo's sandbox addresses change every run and
// must not linger among the merchant's own.
func MemoryPreferences() Preferences {
	return &memPrefs{s: map[string]string{}, l: map[string][]string{}}
}

type memPrefs struct {
	mu sync.Mutex
	s  map[string]string
	l  map[string][]string
}

func (m *memPrefs) String(k string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.s[k]
}

func (m *memPrefs) SetString(k, v string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.s[k] = v
}

func (m *memPrefs) StringList(k string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.l[k])
}

func (m *memPrefs) SetStringList(k string, v []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.l[k] = slices.Clone(v)
}

func (m *memPrefs) RemoveValue(k string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.s, k)
	delete(m.l, k)
}
