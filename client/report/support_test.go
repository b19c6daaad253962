package report

import (
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/woo"
)

func TestSupportCodeRoundTrip(t *testing.T) {
	for _, s := range []SupportState{
		{Step: 1}, {Step: 4, Diagnosis: 44, WooVersion: "8.9"}, {Step: 7, Diagnosis: 1, WooVersion: "3.3"}, {Step: 2, WooVersion: "10.2"},
	} {
		code := SupportCode(s)
		if len(code) != 9 || !strings.HasPrefix(code, "KR-") {
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
	for _, d := range woo.Diagnoses {
		if d.Number > 63 {
			t.Fatalf("%s's number %d does not fit a support code", d.Code, d.Number)
		}
	}
	if _, err := DecodeSupportCode("hello"); err == nil {
		t.Fatal("decoded nonsense")
	}
}
