package woo

import (
	"regexp"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/redact"
)

const (
	tKey    = "ck_1f3a5c7e9b0d2f4a6c8e0b1d3f5a7c9e1b3d5f70"
	tSecret = "cs_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d"
)

func TestExtractBoth(t *testing.T) {
	for name, text := range map[string]string{
		"plain":           tKey + "\n" + tSecret,
		"labelled":        "Consumer key: " + tKey + "\nConsumer secret: " + tSecret,
		"qr":              tKey + "|" + tSecret,
		"reversed order":  tSecret + " " + tKey,
		"quoted":          `"` + tKey + `", '` + tSecret + `'`,
		"spaces":          "   " + tKey + "   \n\n\t" + tSecret + "  \r\n",
		"ajax json":       `{"success":true,"data":{"user_id":1,"permissions":"read_write","consumer_key":"` + tKey + `","consumer_secret":"` + tSecret + `","truncated_key":"` + tKey[36:] + `"}}`,
		"env style":       "KEYRELAY_CONSUMER_KEY=" + tKey + "\nKEYRELAY_CONSUMER_SECRET=" + tSecret,
		"repeated same":   tKey + " " + tKey + " " + tSecret,
		"uppercase label": "CONSUMER KEY " + tKey + " CONSUMER SECRET " + tSecret,
	} {
		c, problems := Extract(text)
		if c.Key != tKey || c.Secret != tSecret {
			t.Errorf("%s: got %v, problems %v", name, c, problems)
		}
	}
}

func TestExtractProblems(t *testing.T) {
	for name, tc := range map[string]struct {
		field Field
		text  string
		code  ProblemCode
	}{
		"secret in key field": {FieldKey, tSecret, ProblemWrongField},
		"key in secret field": {FieldSecret, tKey, ProblemWrongField},
		"truncated key":       {FieldKey, tKey[:38], ProblemTruncated},
		"ellipsis":            {FieldKey, tKey[:10] + "…", ProblemTruncated},
		"too long":            {FieldKey, tKey + "99", ProblemTooLong},
		"uppercase":           {FieldKey, strings.ToUpper(tKey), ProblemUppercase},
		"uppercase body":      {FieldSecret, "cs_" + strings.ToUpper(tSecret[3:]), ProblemUppercase},
		"no prefix key":       {FieldKey, tKey[3:], ProblemNoPrefix},
		"no prefix secret":    {FieldSecret, "Consumer secret: " + tSecret[3:], ProblemNoPrefix},
		"ending from list":    {FieldKey, "…" + tKey[36:], ProblemEnding},
		"ending sentence":     {FieldKey, "Consumer key ending in …" + tKey[36:], ProblemEnding},
		"bare ending":         {FieldKey, tKey[36:], ProblemEnding},
		"not hex":             {FieldKey, "ck_" + strings.Repeat("g", 40), ProblemBadCharacter},
		"password":            {FieldSecret, "hunter2", ProblemNotAKey},
		"url":                 {FieldKey, "https://mystore.com/wp-admin", ProblemNotAKey},
		"empty":               {FieldKey, "  ", ProblemEmpty},
		"two keys":            {FieldKey, tKey + " ck_" + strings.Repeat("a", 40), ProblemAmbiguous},
	} {
		v, _, p := ExtractFor(tc.field, tc.text)
		if p == nil {
			t.Errorf("%s: accepted as %q", name, v)
			continue
		}
		if p.Code != tc.code {
			t.Errorf("%s: code %s (%s), want %s", name, p.Code, p.Message, tc.code)
		}
		if p.Message == "" || strings.Contains(p.Message, tKey[3:20]) || strings.Contains(p.Message, tSecret[3:20]) {
			t.Errorf("%s: message empty or repeats the value: %q", name, p.Message)
		}
	}
}

func TestExtractForMovesTheOtherValue(t *testing.T) {
	v, other, p := ExtractFor(FieldKey, tKey+"|"+tSecret)
	if p != nil || v != tKey || other != tSecret {
		t.Fatalf("%q %q %v", v, other, p)
	}
	v, other, p = ExtractFor(FieldKey, tSecret)
	if p == nil || p.Code != ProblemWrongField || v != "" || other != tSecret {
		t.Fatalf("secret pasted into key field: %q %q %v", v, other, p)
	}
}

func TestCredentialsNeverPrintSecret(t *testing.T) {
	c := Credentials{Key: tKey, Secret: tSecret}
	for _, s := range []string{c.String(), c.GoString()} {
		if strings.Contains(s, tSecret[3:]) || strings.Contains(s, tKey[3:]) {
			t.Fatalf("leak: %s", s)
		}
	}
	if redact.MaskKey(tKey) != "ck_…"+tKey[len(tKey)-7:] || redact.MaskSecret(tSecret) != "cs_…1e0d" {
		t.Fatalf("masks %s %s", redact.MaskKey(tKey), redact.MaskSecret(tSecret))
	}
}

var (
	keyRE    = regexp.MustCompile(`^ck_[0-9a-f]{40}$`)
	secretRE = regexp.MustCompile(`^cs_[0-9a-f]{40}$`)
	hex16RE  = regexp.MustCompile(`[0-9a-fA-F]{16}`)
)

// FuzzExtract: never panics; what it returns is always a well-formed key or secret that was in the text;
// messages never repeat a long run of the pasted value.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{tKey + "|" + tSecret, "Consumer key: " + tKey, tSecret, "…3157696", "ck_ABC", "cs_" + strings.Repeat("0", 41), `{"consumer_key":"` + tKey + `"}`, "ck_…", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, problems := Extract(text)
		if c.Key != "" && (!keyRE.MatchString(c.Key) || !strings.Contains(strings.ToLower(text), c.Key)) {
			t.Fatalf("bad key %q from %q", c.Key, text)
		}
		if c.Secret != "" && (!secretRE.MatchString(c.Secret) || !strings.Contains(strings.ToLower(text), c.Secret)) {
			t.Fatalf("bad secret %q from %q", c.Secret, text)
		}
		for _, p := range problems {
			if p.Message == "" || hex16RE.MatchString(p.Message) {
				t.Fatalf("problem message %q", p.Message)
			}
		}
		for _, f := range []Field{FieldKey, FieldSecret} {
			if v, _, p := ExtractFor(f, text); (v == "") == (p == nil) {
				t.Fatalf("ExtractFor(%v, %q) gave value %q and problem %v", f, text, v, p)
			}
		}
	})
}

// A value with a character the merchant can't see or tell apart gets that reason, not "truncated" or
// silence.
func TestHiddenAndLookalikeCharacters(t *testing.T) {
	for name, c := range map[string]struct {
		text string
		code ProblemCode
		says string
	}{
		"Cyrillic с in ck_":         {"с" + tKey[1:], ProblemBadCharacter, "another alphabet"},
		"Cyrillic с in cs_":         {"с" + tSecret[1:], ProblemBadCharacter, "another alphabet"},
		"zero-width space in a key": {tKey[:20] + "\u200b" + tKey[20:], ProblemBadCharacter, "invisible character"},
		"accent after the secret":   {tSecret + "\u0301", ProblemTooLong, "accent mark"},
		"letter after the secret":   {tSecret + "é", ProblemTooLong, "extra “é”"},
	} {
		got, problems := Extract(c.text)
		if got.Complete() || len(problems) != 1 || problems[0].Code != c.code || !strings.Contains(problems[0].Message, c.says) {
			t.Errorf("%s: %v %+v, want one %s problem saying %q", name, got, problems, c.code, c.says)
		}
	}
	// Invisible characters around a whole value are harmless.
	if got, problems := Extract("\u200b" + tKey + "\u200b " + tSecret); !got.Complete() || len(problems) > 0 {
		t.Fatalf("%v %v", got, problems)
	}
}

// A WordPress Application Password pasted where the key belongs is named for what it is, spaced or not,
// alone or with its user name; a key pair next to nothing of the kind is not.
func TestApplicationPasswordIsRefusedAtCapture(t *testing.T) {
	for _, text := range []string{"abcd EFGH 1234 ijkl MNOP 5678", "admin\nabcd EFGH 1234 ijkl MNOP 5678", "Password: abcdEFGH1234ijklMNOP5678", "abcdEFGH1234ijklMNOP5678"} {
		_, _, p := ExtractFor(FieldSecret, text)
		if p == nil || p.Code != ProblemAppPassword || !strings.Contains(p.Message, "Application Password") || strings.Contains(p.Message, "EFGH") {
			t.Errorf("%q: %+v", text, p)
		}
		if i := ValidateCredentials(Credentials{Key: "admin", Secret: text}); i == nil || i.Code != AppPasswordNotKey {
			t.Errorf("%q: %v", text, i)
		}
	}
	for _, text := range []string{"cs_" + strings.Repeat("ab", 20), "1234567890abcdef12345678", "the quick brown fox jumps over", "they said that were just here"} {
		if IsAppPassword(text) {
			t.Errorf("%q taken for an application password", text)
		}
	}
}
