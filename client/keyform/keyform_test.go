package keyform

import (
	"encoding/json"
	"errors"
	"testing"
)

func field(i int, label string, anc ...int) Field {
	return Field{Index: i, Tag: "input", Type: "text", Label: label, Usable: true, Form: 1, Ancestors: anc}
}

func submit(i int, text string, anc ...int) Button {
	return Button{Index: i, Text: text, Submit: true, Form: 1, Usable: true, Ancestors: anc}
}

// Every language in the table names both fields and the button, and finds them on its own page.
func TestEveryLanguageFindsItsForm(t *testing.T) {
	w := Builtin()
	pages := map[string][3]string{
		"en": {"Consumer Key", "Consumer Secret", "Update"},
		"de": {"Verbraucherschlüssel", "Geheimer Schlüssel", "Speichern"},
		"fr": {"Clé client", "Secret client", "Enregistrer"},
		"es": {"Clave de cliente", "Clave secreta de cliente", "Guardar"},
		"nl": {"Consumentensleutel", "Consumentengeheim", "Opslaan"},
		"it": {"Chiave utente", "Segreto utente", "Salva"},
	}
	if got := w.Languages(); len(got) < len(pages) {
		t.Fatalf("the table has %v", got)
	}
	for lang, words := range pages {
		p := Page{Fields: []Field{field(0, words[0], 10, 11), field(1, words[1], 12, 11)},
			Buttons: []Button{{Index: 0, Text: "Cancel", Usable: true, Ancestors: []int{11}}, submit(1, words[2], 11)}}
		ch, err := w.Choose(p, Hints{})
		if err != nil || ch != (Choice{Key: 0, Secret: 1, Submit: 1}) {
			t.Errorf("%s: %+v, %v", lang, ch, err)
		}
	}
}

func TestChoose(t *testing.T) {
	w := Builtin()
	key, secret := field(0, "Consumer key", 5, 1), field(1, "Consumer secret", 6, 1)
	btn := []Button{submit(0, "Save", 1)}
	for name, c := range map[string]struct {
		fields  []Field
		buttons []Button
		hints   Hints
		want    Choice
		err     error
	}{
		"labels":                   {fields: []Field{key, secret}, buttons: btn, want: Choice{0, 1, 0}},
		"by names":                 {fields: []Field{{Index: 3, Type: "text", Name: "consumerKey", Usable: true, Ancestors: []int{1}}, {Index: 4, Type: "password", ID: "wc_consumer_secret", Usable: true, Ancestors: []int{1}}}, buttons: btn, want: Choice{3, 4, 0}},
		"placeholder":              {fields: []Field{{Index: 0, Placeholder: "ck_…", Label: "Consumer Key", Usable: true, Ancestors: []int{1}}, {Index: 1, Placeholder: "Consumer Secret", Usable: true, Ancestors: []int{1}}}, buttons: btn, want: Choice{0, 1, 0}},
		"text before":              {fields: []Field{{Index: 0, Before: "API Key:", Usable: true, Ancestors: []int{1}}, {Index: 1, Before: "API Secret:", Usable: true, Ancestors: []int{1}}}, buttons: btn, want: Choice{0, 1, 0}},
		"secret key is the secret": {fields: []Field{field(0, "Consumer Key", 1), field(1, "Consumer Secret Key", 1)}, buttons: btn, want: Choice{0, 1, 0}},
		"decoys": {fields: []Field{
			field(0, "Store URL", 1), field(1, "Consumer key (old)", 1), {Index: 2, Type: "search", Label: "Search keys", Usable: true, Ancestors: []int{1}},
			field(3, "Consumer key", 1), field(4, "Consumer secret", 1), field(5, "Previous consumer secret", 1)}, buttons: btn, want: Choice{3, 4, 0}},
		"filled and hidden are never chosen": {fields: []Field{
			{Index: 0, Type: "text", Label: "Consumer key", Usable: true, Filled: true, Ancestors: []int{1}}, {Index: 1, Label: "Consumer key", Ancestors: []int{1}},
			field(2, "Consumer secret", 1)}, buttons: btn, err: ErrNotFound},
		"two pairs": {fields: []Field{
			{Index: 0, Label: "Consumer key", Usable: true, Form: 1, Ancestors: []int{2, 1}}, {Index: 1, Label: "Consumer secret", Usable: true, Form: 1, Ancestors: []int{2, 1}},
			{Index: 2, Label: "Consumer key", Usable: true, Form: 3, Ancestors: []int{4, 1}}, {Index: 3, Label: "Consumer secret", Usable: true, Form: 3, Ancestors: []int{4, 1}}},
			buttons: btn, err: ErrTwoForms},
		"no button": {fields: []Field{key, secret}, buttons: []Button{{Index: 0, Text: "Delete key", Usable: true, Ancestors: []int{1}}}, err: ErrNoButton},
		"profile words": {fields: []Field{field(0, "Token", 1), field(1, "Passphrase", 1)}, buttons: btn,
			hints: Hints{Key: []string{"token"}, Secret: []string{"passphrase"}}, want: Choice{0, 1, 0}},
		"hinted selectors first": {fields: []Field{key, secret, {Index: 7, Usable: true, Hint: "key", Ancestors: []int{1}}, {Index: 8, Usable: true, Hint: "secret", Ancestors: []int{1}}},
			buttons: btn, want: Choice{7, 8, 0}},
		"a button in another part of the page": {fields: []Field{field(0, "Consumer key", 5), field(1, "Consumer secret", 5)},
			buttons: []Button{{Index: 0, Text: "Save", Usable: true, Ancestors: []int{9}}, {Index: 1, Text: "Update", Usable: true, Ancestors: []int{6, 5}}}, want: Choice{0, 1, 1}},
	} {
		got, err := w.Choose(Page{Fields: c.fields, Buttons: c.buttons}, c.hints)
		if !errors.Is(err, c.err) || err == nil && got != c.want {
			t.Errorf("%s: %+v, %v; want %+v, %v", name, got, err, c.want, c.err)
		}
	}
}

func TestOpener(t *testing.T) {
	w := Builtin()
	h := Hints{Open: []string{"Update"}, OpenNear: []string{"API Key"}}
	p := Page{Buttons: []Button{
		{Index: 0, Text: "Update", Usable: true, Link: true, Context: "Billing Update your plan"},
		{Index: 1, Text: "Update", Usable: true, Link: true, Context: "API Key Current key: ck_…1234 Update"},
		{Index: 2, Text: "Docs", Usable: true, Link: true, Elsewhere: true, Context: "API Key"},
	}}
	if i, ok := w.Opener(p, h); !ok || i != 1 {
		t.Fatalf("opener %d %v", i, ok)
	}
	p.Buttons = append(p.Buttons, Button{Index: 3, Text: "Update", Usable: true, Context: "API Key"})
	if _, ok := w.Opener(p, h); ok {
		t.Fatal("two openers: one was chosen")
	}
	if _, ok := w.Opener(p, Hints{}); ok {
		t.Fatal("a profile without opener words: one was chosen")
	}
}

func TestTokens(t *testing.T) {
	for in, want := range map[string]string{
		"Consumer Key *":  "consumer key",
		"consumerKey":     "consumer key",
		"wc_consumer-key": "wc consumer key",
		"Clé d’API :":     "clé d'api",
		"API-Schlüssel":   "api-schlüssel",
		"  -- ":           "",
	} {
		var got string
		for i, tk := range tokens(in, in == "consumerKey" || in == "wc_consumer-key") {
			if i > 0 {
				got += " "
			}
			got += tk
		}
		if got != want {
			t.Errorf("tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// The page's description comes from a page Key Relay doesn't trust: any JSON decodes to something
// Choose and Opener answer without panicking, and what they choose is always a usable field.
func FuzzChoose(f *testing.F) {
	f.Add([]byte(`{"fields":[{"i":0,"label":"Consumer key","usable":true,"anc":[1]},{"i":1,"label":"Consumer secret","usable":true,"anc":[1]}],"buttons":[{"i":0,"text":"Save","submit":true,"usable":true,"anc":[1]}]}`))
	f.Add([]byte(`{"fields":[{"i":0,"name":"consumerKeyOld","usable":true},{"i":0,"aria":"Geheimer Schlüssel","usable":true}]}`))
	w := Builtin()
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Page
		if json.Unmarshal(b, &p) != nil {
			return
		}
		ch, err := w.Choose(p, Hints{Open: []string{"Update"}})
		_, _ = w.Opener(p, Hints{Open: []string{"Update"}, OpenNear: []string{"API"}})
		if err != nil {
			return
		}
		for _, i := range []int{ch.Key, ch.Secret} {
			if f := p.field(i); !f.Usable || f.Filled || f.Search {
				t.Fatalf("chose field %d: %+v", i, f)
			}
		}
	})
}
