package report

import (
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/diagnosis"
)

func TestSupportCodeRoundTrip(t *testing.T) {
	for _, s := range []SupportState{
		{Step: 1}, {Step: 4, Diagnosis: 44, WooVersion: "8.9"}, {Step: 7, Diagnosis: 1, WooVersion: "3.3"}, {Step: 2, WooVersion: "10.2"},
		{Step: 7, Fit: true, Demo: true, Service: 1, WooVersion: "8.9"}, {Step: 5, Diagnosis: 51, Service: 7},
		{Step: 6, Diagnosis: 64, WooVersion: "9.4", Service: 1}, {Step: 2, Diagnosis: 1023, Fit: true, Demo: true},
	} {
		code := SupportCode(s)
		want := 10
		if s.Diagnosis > 63 {
			want = 11 // one character more, only where the number needs it
		}
		if len(code) != want || !strings.HasPrefix(code, "KR-") {
			t.Fatalf("%+v → %q", s, code)
		}
		got, err := DecodeSupportCode(strings.ToLower(code))
		if err != nil || got != s {
			t.Fatalf("%+v → %s → %+v %v", s, code, got, err)
		}
	}
	if SupportCode(SupportState{Step: 4, Diagnosis: 44, WooVersion: "8.9.1"}) == SupportCode(SupportState{Step: 4, Diagnosis: 42, WooVersion: "8.9.1"}) {
		t.Fatal("two diagnoses share a code")
	}
	for _, d := range diagnosis.All() {
		if d.Number > maxDiagnosis {
			t.Fatalf("%s's number %d does not fit a support code", d.Code, d.Number)
		}
		// Every row, old and new, decodes back to itself from a code read aloud.
		got, err := DecodeSupportCode(SupportCode(SupportState{Step: 4, Diagnosis: d.Number, WooVersion: "8.9"}))
		if err != nil || diagnosis.ByNumber(got.Diagnosis) == nil || diagnosis.ByNumber(got.Diagnosis).Code != d.Code {
			t.Fatalf("%s does not decode: %+v %v", d.Code, got, err)
		}
	}
	if _, err := DecodeSupportCode("hello"); err == nil {
		t.Fatal("decoded nonsense")
	}
	// Codes printed before the longer form existed keep their meaning, character for character.
	for code, want := range map[string]SupportState{
		"KR-P2285-4": {Step: 4, Diagnosis: 44, WooVersion: "8.9"}, // as the version before printed them
		"KR-ZG009-7": {Step: 7, Diagnosis: 63, Service: 1},
	} {
		if len(code) != 10 {
			t.Fatalf("a diagnosis under 64 now takes %q", code)
		}
		if got, err := DecodeSupportCode(code); err != nil || got != want {
			t.Fatalf("%s → %+v %v, want %+v", code, got, err, want)
		}
	}
	// A code an older version showed (four characters) still tells its story.
	if got, err := DecodeSupportCode("KR-CJ2E-4"); err != nil || got.Step != 4 || got.Diagnosis == 0 {
		t.Fatalf("old code: %+v %v", got, err)
	}
}

// A character heard wrong is caught by the check value, not decoded into another diagnosis or step.
func TestSupportCodeCatchesMishearing(t *testing.T) {
	code := SupportCode(SupportState{Step: 4, Diagnosis: 44, WooVersion: "8.9"})
	caught, tried := 0, 0
	for i := 3; i < len(code); i++ {
		if i == len(code)-2 {
			continue
		}
		alphabet := crockford
		if i == len(code)-1 {
			alphabet = "0123456789"
		}
		for _, r := range alphabet {
			if byte(r) == code[i] {
				continue
			}
			tried++
			if _, err := DecodeSupportCode(code[:i] + string(r) + code[i+1:]); err != nil {
				caught++
			}
		}
	}
	if caught*100 < tried*80 { // modulo 7 misses a change by a multiple of 7 positions: about 1 in 7
		t.Fatalf("only %d of %d one-character changes caught", caught, tried)
	}
	t.Logf("%d of %d one-character changes caught", caught, tried)
}

// FuzzDecodeSupportCode: whatever an agent types, decoding never panics, and a code it accepts is one the
// app could have shown (it encodes back to the same characters).
func FuzzDecodeSupportCode(f *testing.F) {
	for _, s := range []string{SupportCode(SupportState{Step: 4, Diagnosis: 44, WooVersion: "8.9"}), "kr-cj28-4", " KR-0000-1 ", "KR-ZZZZ-9", "KR-OIL0-0", "KR-----1", "KR-12345", "hello"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := DecodeSupportCode(in)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without words")
			}
			return
		}
		canon := strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(strings.ToUpper(strings.TrimSpace(in)))
		got := SupportCode(s)
		if len(canon) == len(got) && got != canon {
			t.Fatalf("%q decodes to %+v, which encodes as %q", in, s, got)
		}
		if again, err := DecodeSupportCode(got); err != nil || again != s { // an old code's story, told anew
			t.Fatalf("%q decodes to %+v, which encodes as %q, which decodes to %+v %v", in, s, got, again, err)
		}
	})
}
