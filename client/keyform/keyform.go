// Package keyform finds a service's key form the way a person does: by what the page says. The browser
// describes each input and button of the page (its label, aria label, placeholder, name, the text before
// it); keyform scores them against a table of words in several languages (assets/forms/words.json) and
// chooses the consumer key field, the consumer secret field and the button that saves them, or says why
// it can't. It never sees a value: the page's description holds none.
package keyform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"unicode"

	"github.com/keyrelay/keyrelay/assets"
)

// Field is one input of the page, as Key Relay's script in the browser describes it.
type Field struct {
	Index       int    `json:"i"` // its place in the script's list, to fill it by
	Tag         string `json:"tag"`
	Type        string `json:"type"`
	Name        string `json:"name"`
	ID          string `json:"id"`
	Label       string `json:"label"`       // its <label>s' text
	Aria        string `json:"aria"`        // aria-label and the aria-labelledby elements' text
	Placeholder string `json:"placeholder"` //
	Title       string `json:"title"`
	Before      string `json:"before"` // the nearest text before it in the document
	// Usable is visible, enabled, not read-only and at the service's own origin.
	Usable bool `json:"usable"`
	Filled bool `json:"filled"` // it already holds a value
	Search bool `json:"search"` // a search box (type, role or a search form)
	Form   int  `json:"form"`   // its form's number, 0 for none
	// Ancestors are its containers' numbers, nearest first (across shadow roots and frames).
	Ancestors []int `json:"anc"`
	// Hint is "key" or "secret" when the profile's selector names it.
	Hint string `json:"hint"`
}

// Button is one button or link of the page.
type Button struct {
	Index     int    `json:"i"`
	Text      string `json:"text"`
	Submit    bool   `json:"submit"` // submits its form
	Form      int    `json:"form"`
	Ancestors []int  `json:"anc"`
	Usable    bool   `json:"usable"`
	Link      bool   `json:"link"`      // a link (<a href>)
	Elsewhere bool   `json:"elsewhere"` // a link to another origin
	Context   string `json:"context"`   // the text of the section it is in
	Hint      bool   `json:"hint"`      // the profile's selector names it
}

// Page is what the script saw.
type Page struct {
	Fields  []Field  `json:"fields"`
	Buttons []Button `json:"buttons"`
}

// Hints are what a service's profile says of its form: its own words, tried with the table's, and the
// link or button that opens the form (its words, and words of the section it is in).
type Hints struct {
	Key, Secret, Submit []string
	Open, OpenNear      []string
}

// Choice is the form found: the fields' and the button's indexes.
type Choice struct {
	Key, Secret, Submit int
}

// Why a form can't be chosen.
var (
	ErrNotFound = errors.New("no fields a person would call the consumer key and the consumer secret")
	ErrTwoForms = errors.New("two places on the page are equally good for the key, so neither is chosen")
	ErrNoButton = errors.New("no button that saves the key near its fields")
)

// language is one language's words, as the table writes them.
type language struct {
	Key    []string `json:"key"`
	Secret []string `json:"secret"`
	Submit []string `json:"submit"`
	Not    []string `json:"not"`
	Never  []string `json:"never"`
}

// Words is the table: each role's phrases, every language at once (a page in German may name its fields
// in English).
type Words struct {
	key, secret, submit, not, never [][]string
	nameKey, nameSecret, nameNot    [][]string
	languages                       []string
}

// Languages lists the table's languages.
func (w *Words) Languages() []string { return w.languages }

// Load reads a words table.
func Load(fsys fs.FS, name string) (*Words, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var t struct {
		Languages map[string]language `json:"languages"`
		Names     language            `json:"names"`
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	w := &Words{}
	for code, l := range t.Languages {
		if len(l.Key) == 0 || len(l.Secret) == 0 || len(l.Submit) == 0 {
			return nil, fmt.Errorf("%s: language %q needs key, secret and submit words", name, code)
		}
		w.languages = append(w.languages, code)
		w.key, w.secret, w.submit = append(w.key, phrases(l.Key)...), append(w.secret, phrases(l.Secret)...), append(w.submit, phrases(l.Submit)...)
		w.not, w.never = append(w.not, phrases(l.Not)...), append(w.never, phrases(l.Never)...)
	}
	slices.Sort(w.languages)
	w.nameKey, w.nameSecret, w.nameNot = phrases(t.Names.Key), phrases(t.Names.Secret), phrases(t.Names.Not)
	return w, nil
}

var builtin *Words

// Builtin is the table shipped in the binary. It is checked by tests, so an error is a bug.
func Builtin() *Words {
	if builtin == nil {
		w, err := Load(assets.Forms, "forms/words.json")
		if err != nil {
			panic("keyform: built-in words: " + err.Error())
		}
		builtin = w
	}
	return builtin
}

// tokens is text as the words a person reads: lower case, split at anything but letters, digits,
// apostrophes and inner hyphens; a name's camelCase and snake_case split too (consumerKey, consumer_key).
func tokens(s string, name bool) []string {
	if len(s) > 400 {
		s = s[:400]
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		switch {
		case name && unicode.IsUpper(r) && unicode.IsLower(prev):
			b.WriteRune(' ')
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			b.WriteRune('\'')
		case r == '-' && !name:
			b.WriteRune('-')
		default:
			b.WriteRune(' ')
		}
		prev = r
	}
	out := strings.Fields(b.String())
	for i, t := range out {
		out[i] = strings.Trim(t, "-'")
	}
	return slices.DeleteFunc(out, func(t string) bool { return t == "" })
}

func phrases(list []string) [][]string {
	var out [][]string
	for _, p := range list {
		if t := tokens(p, false); len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// find returns the longest phrase of list in text, as its start and length (length 0: none).
func find(text []string, list [][]string) (at, n int) {
	for _, p := range list {
		for i := 0; i+len(p) <= len(text); i++ {
			if len(p) > n && slices.Equal(text[i:i+len(p)], p) {
				at, n = i, len(p)
			}
		}
	}
	return at, n
}

// roleOf says which field a text names: its key score, its secret score, and whether it names something
// else besides (an old key, a store's address). A secret's words win over a key's ("Consumer Secret
// Key" is the secret).
func roleOf(text []string, key, secret, not [][]string) (k, s int, other bool) {
	at, n := find(text, secret)
	if n == 0 {
		at, n = find(text, key)
		k = n
	} else {
		s = n
	}
	if n == 0 {
		return 0, 0, false
	}
	rest := append(slices.Clone(text[:at]), text[at+n:]...)
	_, o := find(rest, not)
	return k, s, o > 0
}

// source is one of a field's descriptions and how much a person relies on it.
type source struct {
	text   string
	weight int
	name   bool
}

// score is how well f fits each role; 0, 0 when it fits none or is something else.
func (w *Words) score(f Field, h Hints) (key, secret int) {
	switch {
	case !f.Usable || f.Filled || f.Search:
		return 0, 0
	case f.Tag != "textarea" && f.Type != "" && f.Type != "text" && f.Type != "password":
		return 0, 0 // email, url, search, number…: never a key
	case f.Hint == "key":
		return 1000, 0
	case f.Hint == "secret":
		return 0, 1000
	}
	srcs := []source{{f.Label, 10, false}, {f.Aria, 10, false}, {f.Placeholder, 7, false}, {f.Title, 5, false}, {f.Name, 4, true}, {f.ID, 4, true}}
	if strings.TrimSpace(f.Label+f.Aria+f.Placeholder) == "" {
		srcs = append(srcs, source{f.Before, 3, false})
	}
	keyW, secretW := append(slices.Clone(w.key), phrases(h.Key)...), append(slices.Clone(w.secret), phrases(h.Secret)...)
	for _, s := range srcs {
		if s.text == "" {
			continue
		}
		kw, sw, nw := keyW, secretW, w.not
		if s.name {
			kw, sw, nw = w.nameKey, w.nameSecret, w.nameNot
		}
		k, sc, other := roleOf(tokens(s.text, s.name), kw, sw, nw)
		if other {
			return 0, 0 // "Consumer key (old)", "Store URL key": something else, never filled
		}
		key += k * s.weight
		secret += sc * s.weight
	}
	switch {
	case key > secret:
		return key, 0
	case secret > key:
		return 0, secret
	}
	return 0, 0 // a field that names both as much is neither
}

// closeness is how near two elements are: 20 less the containers climbed from a to their nearest shared
// container, more when they share a form.
func closeness(a, b []int, aForm, bForm int) int {
	c := 0
	for i, x := range a {
		if slices.Contains(b, x) {
			c = max(0, 20-i)
			break
		}
	}
	if aForm != 0 && aForm == bForm {
		c += 5
	}
	return c
}

// Choose finds the key field, the secret field and the button. Every pair of a key-like and a
// secret-like field is scored by both fields' words and how near they are; when the best two pairs score
// the same, nothing is chosen (ErrTwoForms).
func (w *Words) Choose(p Page, h Hints) (Choice, error) {
	type scored struct{ i, s int }
	var keys, secrets []scored
	for i, f := range p.Fields {
		k, s := w.score(f, h)
		if k > 0 {
			keys = append(keys, scored{i, k})
		}
		if s > 0 {
			secrets = append(secrets, scored{i, s})
		}
	}
	best, second := -1, -1
	var ch Choice
	var pairs int
	for _, k := range keys {
		for _, s := range secrets {
			fk, fs := p.Fields[k.i], p.Fields[s.i]
			v := k.s + s.s + closeness(fk.Ancestors, fs.Ancestors, fk.Form, fs.Form)
			pairs++
			switch {
			case v > best:
				second, best = best, v
				ch = Choice{Key: fk.Index, Secret: fs.Index}
			case v > second:
				second = v
			}
		}
	}
	switch {
	case pairs == 0:
		return Choice{}, ErrNotFound
	case best == second:
		return Choice{}, ErrTwoForms
	}
	b, ok := w.button(p, h, ch)
	if !ok {
		return ch, ErrNoButton
	}
	ch.Submit = b
	return ch, nil
}

func (p Page) field(index int) Field {
	for _, f := range p.Fields {
		if f.Index == index {
			return f
		}
	}
	return Field{}
}

// button finds the button that saves the pair: the form's submit, or the button whose words say save,
// nearest the fields; never one whose words say cancel or delete.
func (w *Words) button(p Page, h Hints, ch Choice) (int, bool) {
	k, s := p.field(ch.Key), p.field(ch.Secret)
	submit := append(slices.Clone(w.submit), phrases(h.Submit)...)
	best, at := 0, -1
	for _, b := range p.Buttons {
		if !b.Usable || b.Link && b.Elsewhere {
			continue
		}
		t := tokens(b.Text, false)
		if _, n := find(t, w.never); n > 0 {
			continue
		}
		v := 0
		if _, n := find(t, submit); n > 0 {
			v += 10
			if n == len(t) {
				v += 5 // the words are the whole label ("Update", not "Update your plan")
			}
		}
		if b.Submit && b.Form != 0 && (b.Form == k.Form || b.Form == s.Form) {
			v += 12
		}
		if b.Hint {
			v += 100
		}
		if v < 10 {
			continue
		}
		near := min(closeness(s.Ancestors, b.Ancestors, 0, 0), closeness(k.Ancestors, b.Ancestors, 0, 0))
		if near == 0 {
			continue // not in any container the fields are in: another part of the page
		}
		if v += near; v > best {
			best, at = v, b.Index
		}
	}
	return at, at >= 0
}

// Opener finds the link or button that opens the key form when it isn't on the page yet: the profile's
// own words for it, in a section that carries its words ("Update" in "API Key"). Exactly one, at the
// service's own origin, or none.
func (w *Words) Opener(p Page, h Hints) (int, bool) {
	open, near := phrases(h.Open), phrases(h.OpenNear)
	if len(open) == 0 {
		return 0, false
	}
	found := -1
	for _, b := range p.Buttons {
		t := tokens(b.Text, false)
		if !b.Usable || b.Elsewhere || b.Submit || len(t) == 0 {
			continue
		}
		if _, n := find(t, open); n != len(t) {
			continue
		}
		if len(near) > 0 {
			if _, n := find(tokens(b.Context, false), near); n == 0 {
				continue
			}
		}
		if found >= 0 {
			return 0, false // two: Key Relay doesn't guess which
		}
		found = b.Index
	}
	return found, found >= 0
}
