package woo

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keyrelay/keyrelay/client/redact"
)

// Credentials is a WooCommerce REST API key pair. Its String and GoString never show the secret, so a
// Credentials value can be logged or put in an error without leaking it.
type Credentials struct {
	Key    string // consumer key: ck_ + 40 lowercase hex
	Secret string // consumer secret: cs_ + 40 lowercase hex
	// Swapped is true when the two arrived the other way round (the key where the secret was asked for):
	// they are kept right here, and Check says so, since the service's form may hold them swapped too.
	Swapped bool
}

func (c Credentials) String() string {
	return "key " + redact.MaskKey(c.Key) + ", secret " + redact.MaskSecret(c.Secret)
}
func (c Credentials) GoString() string { return "woo.Credentials{" + c.String() + "}" }

// Format makes every verb mask the pair: %d or %x on a struct would otherwise print its fields.
func (c Credentials) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.String(), c.GoString()) }

// Complete reports whether both values are present.
func (c Credentials) Complete() bool { return c.Key != "" && c.Secret != "" }

// Field names one of the two values.
type Field int

const (
	FieldKey Field = iota + 1
	FieldSecret
)

func (f Field) String() string {
	switch f {
	case FieldKey:
		return "consumer key"
	case FieldSecret:
		return "consumer secret"
	}
	return "value"
}

func (f Field) prefix() string {
	if f == FieldSecret {
		return "cs_"
	}
	return "ck_"
}

// ProblemCode names what is wrong with a pasted value. The codes are stable.
type ProblemCode string

const (
	ProblemEmpty        ProblemCode = "empty"
	ProblemWrongField   ProblemCode = "wrong_field"    // a secret where the key belongs, or the other way round
	ProblemTruncated    ProblemCode = "truncated"      // the copy missed the end
	ProblemTooLong      ProblemCode = "too_long"       // extra characters stuck to the value
	ProblemUppercase    ProblemCode = "uppercase"      // keys are lowercase; uppercase makes an unknown key
	ProblemNoPrefix     ProblemCode = "missing_prefix" // 40 hex characters without ck_/cs_
	ProblemEnding       ProblemCode = "key_ending"     // the 7-character ending from the keys list
	ProblemBadCharacter ProblemCode = "bad_character"  // something that is not 0-9 or a-f
	ProblemNotAKey      ProblemCode = "not_a_key"
	ProblemAmbiguous    ProblemCode = "ambiguous"    // two different keys (or secrets) in one paste
	ProblemAppPassword  ProblemCode = "app_password" // a WordPress Application Password, not a key
)

// Problem says precisely what is wrong with a value a merchant pasted. Message never contains the value.
type Problem struct {
	Code    ProblemCode
	Field   Field // which value it was taken for; 0 when unknown
	Message string
}

func (p *Problem) Error() string { return p.Message }

const hexLen = 40

var (
	// token: a run of characters that can be part of a key, with an optional prefix glued to it.
	tokenRE = regexp.MustCompile(`(?i)[a-z0-9_…\.]+`)
	hexRE   = regexp.MustCompile(`^[0-9a-f]+$`)
	// labelRE finds "key" or "secret" labels ("Consumer key:", "consumer_secret", "Secret =").
	labelRE = regexp.MustCompile(`(?i)(secret|key)`)
	// appPasswordRE is a WordPress Application Password as WordPress shows it: 24 letters and digits in
	// six groups of four ("abcd EFGH 1234 ijkl MNOP 5678").
	appPasswordRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9])[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}(?:$|[^A-Za-z0-9])`)
	// appPasswordBareRE is one pasted without its spaces: 24 letters and digits, some not hex.
	appPasswordBareRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9_…])([A-Za-z0-9]{24})(?:$|[^A-Za-z0-9_…])`)
)

// appPasswordWords say what an Application Password is and why it isn't what a service needs.
const appPasswordWords = "This is a WordPress Application Password (six groups of four characters), not a WooCommerce key. It logs in to all of WordPress as its user; a sync service needs a WooCommerce REST API key, ck_… and cs_…, made in WooCommerce > Settings > Advanced > REST API."

// IsAppPassword reports whether text holds a WordPress Application Password.
func IsAppPassword(text string) bool {
	t := strings.TrimSpace(text)
	if len(t) > 4096 {
		t = t[:4096]
	}
	// Generated ones mix capitals and digits: that tells them from six short words or a bare hex run.
	generated := func(v string) bool {
		return !hexRE.MatchString(strings.ToLower(v)) && strings.ContainsAny(v, "0123456789") && strings.IndexFunc(v, unicode.IsUpper) >= 0
	}
	for _, m := range appPasswordRE.FindAllString(t, -1) {
		if generated(strings.ReplaceAll(strings.TrimSpace(m), " ", "")) {
			return true
		}
	}
	for _, m := range appPasswordBareRE.FindAllStringSubmatch(t, -1) {
		if generated(m[1]) {
			return true
		}
	}
	return false
}

// Extract pulls a consumer key and secret out of anything a merchant pasted or the clipboard holds: one
// value or both, labelled ("Consumer key: ck_…"), quoted, spread over lines, the QR code's "ck|cs", or the
// JSON WooCommerce's admin page receives. Values that look like credentials but cannot work are reported
// as Problems; a value goes to the field its prefix names, whatever order it came in.
func Extract(text string) (Credentials, []Problem) {
	var found Credentials
	var problems []Problem
	keys, secrets := map[string]bool{}, map[string]bool{}

	locs := tokenRE.FindAllStringIndex(text, -1)
	for _, loc := range locs {
		tok := strings.Trim(text[loc[0]:loc[1]], ".")
		// A label just before the token ("Consumer secret: 4f3…") tells which field a prefixless value is.
		label := Field(0)
		before := text[max(0, loc[0]-24):loc[0]]
		if m := labelRE.FindAllString(before, -1); len(m) > 0 {
			if strings.EqualFold(m[len(m)-1], "secret") {
				label = FieldSecret
			} else {
				label = FieldKey
			}
		}
		if p := oddNeighbour(text, loc, tok); p != nil {
			problems = append(problems, *p)
			continue
		}
		field, value, p := classifyToken(tok, label)
		switch {
		case p != nil:
			problems = append(problems, *p)
		case field == FieldKey:
			keys[value] = true
			found.Key = value
		case field == FieldSecret:
			secrets[value] = true
			found.Secret = value
		}
	}
	if len(keys) > 1 {
		found.Key = ""
		problems = append(problems, Problem{ProblemAmbiguous, FieldKey, fmt.Sprintf("The text holds %d different consumer keys. Copy just the one for this store.", len(keys))})
	}
	if len(secrets) > 1 {
		found.Secret = ""
		problems = append(problems, Problem{ProblemAmbiguous, FieldSecret, fmt.Sprintf("The text holds %d different consumer secrets. Copy just the one for this store.", len(secrets))})
	}
	if found.Key == "" && found.Secret == "" && len(problems) == 0 && strings.TrimSpace(text) != "" {
		problems = append(problems, Problem{ProblemNotAKey, 0, "This doesn't look like a WooCommerce key. A consumer key starts with ck_ and a secret with cs_, each 43 characters long."})
	}
	if found.Secret == "" && IsAppPassword(text) {
		problems = append([]Problem{{ProblemAppPassword, FieldSecret, appPasswordWords}}, problems...)
	}
	return found, dedupe(problems)
}

// ExtractFor reads text pasted into one field. The value found for that field comes back in value;
// other is the other value if the text held it too (the merchant pasted both, or pasted into the wrong
// field: the UI can put it where it belongs). With neither, p says precisely why.
func ExtractFor(field Field, text string) (value, other string, p *Problem) {
	c, problems := Extract(text)
	if t := strings.Trim(strings.TrimSpace(text), "…."); field == FieldKey && len(t) == 7 && hexRE.MatchString(strings.ToLower(t)) {
		_, _, p := classifyBare("…"+t, FieldKey)
		return "", "", p
	}
	mine, theirs := c.Key, c.Secret
	if field == FieldSecret {
		mine, theirs = c.Secret, c.Key
	}
	for i := range problems {
		if problems[i].Field == field || (problems[i].Field == 0 && mine == "" && theirs == "") {
			if mine == "" {
				return "", theirs, &problems[i]
			}
		}
	}
	if mine == "" && theirs != "" {
		other := FieldKey
		if field == FieldKey {
			other = FieldSecret
		}
		return "", theirs, &Problem{ProblemWrongField, field, fmt.Sprintf("That is the %s (it starts with %s); it belongs in the other field. The %s starts with %s.", other, other.prefix(), field, field.prefix())}
	}
	if mine == "" && len(problems) > 0 {
		return "", "", &problems[0]
	}
	if mine == "" {
		return "", "", &Problem{ProblemEmpty, field, fmt.Sprintf("Paste the %s here. It starts with %s.", field, field.prefix())}
	}
	return mine, theirs, nil
}

// classify decides what one token is. Tokens that are plainly ordinary words are ignored (nil problem,
// no field), so labels and prose around a key do not produce complaints.
func classifyToken(tok string, label Field) (Field, string, *Problem) {
	lower := strings.ToLower(tok)
	var field Field
	switch {
	case strings.HasPrefix(lower, "ck_"):
		field = FieldKey
	case strings.HasPrefix(lower, "cs_"):
		field = FieldSecret
	}
	if field == 0 {
		return classifyBare(tok, label)
	}
	body := tok[3:]
	name := field.String()
	if strings.Contains(body, "…") || strings.Contains(body, "...") {
		return 0, "", &Problem{ProblemTruncated, field, fmt.Sprintf("This %s was cut short (it has “…” in it). Use WooCommerce's Copy button next to the %s to copy all of it.", name, name)}
	}
	if tok[:3] != strings.ToLower(tok[:3]) || body != strings.ToLower(body) {
		return 0, "", &Problem{ProblemUppercase, field, fmt.Sprintf("This %s has capital letters; WooCommerce keys are all lowercase, so the store would not recognise it. Copy it again with WooCommerce's Copy button instead of retyping it.", name)}
	}
	if i := strings.IndexFunc(body, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') }); i >= 0 && i < hexLen {
		return 0, "", &Problem{ProblemBadCharacter, field, fmt.Sprintf("Character %d of this %s (%q) cannot be in a key: keys use only 0-9 and a-f. It may have been retyped by hand; copy it with WooCommerce's Copy button.", i+4, name, body[i])}
	}
	switch {
	case len(body) < hexLen:
		return 0, "", &Problem{ProblemTruncated, field, fmt.Sprintf("This %s is too short: its last %d characters are missing. The copy missed the end; use WooCommerce's Copy button.", name, hexLen-len(body))}
	case len(body) > hexLen:
		return 0, "", &Problem{ProblemTooLong, field, fmt.Sprintf("This %s has %d extra characters at the end. Copy only the %s, with WooCommerce's Copy button.", name, len(body)-hexLen, name)}
	}
	return field, lower, nil
}

func classifyBare(tok string, label Field) (Field, string, *Problem) {
	t := strings.TrimLeft(tok, "….")
	lower := strings.ToLower(t)
	isHex := hexRE.MatchString(lower) && t != ""
	switch {
	case isHex && len(t) == hexLen:
		f := label
		if f == 0 {
			f = FieldKey
		}
		return 0, "", &Problem{ProblemNoPrefix, f, fmt.Sprintf("This is missing the “%s” at the start. Copy the whole %s with WooCommerce's Copy button, so the beginning is not lost.", f.prefix(), f)}
	case isHex && len(t) == 7 && (t != tok || label == FieldKey):
		// "…3157696": the end of a key as the keys list shows it ("Consumer key ending in …").
		return 0, "", &Problem{ProblemEnding, FieldKey, "This is only the end of a key, as the keys list shows it. WooCommerce shows the full key and secret once, right after you click “Generate API key”; if you no longer have them, make a new key."}
	}
	return 0, "", nil
}

// lookalikes are letters from other alphabets that look like the Latin ones keys start with.
var lookalikes = map[rune]rune{'с': 'c', 'С': 'c', 'к': 'k', 'К': 'k', 'ѕ': 's', 'Ѕ': 's', 'ϲ': 'c', 'κ': 'k', 'ｃ': 'c', 'ｋ': 'k', 'ｓ': 's', '＿': '_'}

// oddNeighbour reports a key-like token that touches a character the token's pattern stops at but a
// merchant can't see or tell apart: an invisible character, an accent mark, a letter from another
// alphabet ("сk_" with a Cyrillic с). Left alone, the value would be cut there and called truncated,
// or the character dropped without a word.
func oddNeighbour(text string, loc []int, tok string) *Problem {
	lower := strings.ToLower(tok)
	field := Field(0)
	switch {
	case strings.HasPrefix(lower, "ck_"):
		field = FieldKey
	case strings.HasPrefix(lower, "cs_"):
		field = FieldSecret
	}
	before, _ := utf8.DecodeLastRuneInString(text[:loc[0]])
	after, size := utf8.DecodeRuneInString(text[loc[1]:])
	next, _ := utf8.DecodeRuneInString(text[loc[1]+size:])
	// An invisible character counts where the value goes on after it; around a whole value it is harmless.
	hidden := invisible(after) && (unicode.IsLetter(next) || unicode.IsDigit(next))
	if field == 0 {
		// "сk_…": the first letter is a lookalike, so the token starts at "k_".
		if l, ok := lookalikes[before]; ok && l == 'c' && (strings.HasPrefix(lower, "k_") || strings.HasPrefix(lower, "s_")) {
			field = FieldKey
			if lower[0] == 's' {
				field = FieldSecret
			}
			return &Problem{ProblemBadCharacter, field, fmt.Sprintf("The first letter of this %s is a “%c” from another alphabet that only looks like a Latin c, so the store would not recognise it. Copy it again with WooCommerce's Copy button instead of retyping it.", field, before)}
		}
		if _, ok := lookalikes[before]; ok && hexRE.MatchString(lower) && len(lower) >= 7 {
			return &Problem{ProblemBadCharacter, 0, fmt.Sprintf("A “%c” from another alphabet stands in this value where a Latin letter belongs. Copy the key again with WooCommerce's Copy button.", before)}
		}
		if !(hexRE.MatchString(lower) && len(lower) >= 7 && hidden) {
			return nil
		}
		field = FieldKey
		if labelled := labelRE.FindAllString(text[max(0, loc[0]-24):loc[0]], -1); len(labelled) > 0 && strings.EqualFold(labelled[len(labelled)-1], "secret") {
			field = FieldSecret
		}
	}
	name := field.String()
	switch {
	case hidden:
		return &Problem{ProblemBadCharacter, field, fmt.Sprintf("This %s has an invisible character in it (after character %d), often left by copying from a document or chat. Copy it again with WooCommerce's Copy button.", name, len([]rune(tok)))}
	case unicode.In(after, unicode.Mn, unicode.Me):
		return &Problem{ProblemTooLong, field, fmt.Sprintf("This %s has an accent mark stuck to its last character. Copy only the %s, with WooCommerce's Copy button.", name, name)}
	case after != utf8.RuneError && after > unicode.MaxASCII && (unicode.IsLetter(after) || unicode.IsDigit(after)):
		return &Problem{ProblemTooLong, field, fmt.Sprintf("This %s has an extra “%c” stuck to its end. Copy only the %s, with WooCommerce's Copy button.", name, after, name)}
	}
	return nil
}

func dedupe(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// KeyEnding is the last 7 characters of a key: what WordPress's keys list shows ("ending in …3157696").
func KeyEnding(key string) string {
	if len(key) < 7 {
		return key
	}
	return key[len(key)-7:]
}
