package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A support code (KR-P228E-4) lets an agent on a screen share ask "what's your code?" and know where the
// merchant is without seeing anything secret: the five characters carry the current diagnosis (or that
// the key works), the WooCommerce version, the service, whether it is the demo, and a check value; the
// digit after the dash is the step. The check value catches most misheard characters: a code read back
// wrong is refused rather than decoded into the wrong story. A diagnosis numbered 64 or more takes one
// character more (KR-2P228E-4, room for 1,023 diagnoses); every code printed before keeps its five
// characters and its meaning. Four-character codes from older versions (KR-CJ2E-4: diagnosis and version
// only) still decode.

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // no I, L, O, U: easy to read aloud

// SupportState is what a support code says.
type SupportState struct {
	Step       int    // 1-based step of the walk; 0 unknown
	Diagnosis  int    // the current diagnosis's Number; 0 none
	WooVersion string // "major.minor", "" unknown
	Fit        bool   // the key was tested and works for the service
	Demo       bool   // the walk is the demo's, on the sandbox
	Service    int    // the service's support number (its profile's "number"); 0 unknown
}

// maxDiagnosis is the largest diagnosis number a support code carries.
const maxDiagnosis = 1023

// SupportCode encodes s. Values out of range are clamped, so a code is 10 characters, or 11 for a
// diagnosis numbered 64 or more.
func SupportCode(s SupportState) string {
	major, minor := 0, 0
	if parts := strings.SplitN(s.WooVersion, ".", 3); len(parts) >= 2 {
		major, _ = strconv.Atoi(parts[0])
		minor, _ = strconv.Atoi(parts[1])
	}
	if major == 0 {
		minor = 0 // no version known
	}
	step := clamp(s.Step, 9)
	diag := clamp(s.Diagnosis, maxDiagnosis)
	payload := diag<<16 | clamp(major, 63)<<10 | clamp(minor, 31)<<5 | bit(s.Fit)<<4 | bit(s.Demo)<<3 | clamp(s.Service, 7)
	v := payload<<3 | check(payload, step)
	n := 5
	if diag > 63 {
		n = 6
	}
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = crockford[v&31]
		v >>= 5
	}
	return fmt.Sprintf("KR-%s-%d", b, step)
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// check is 0–6: modulo 7 (prime to 32), any one character changed by less than 7 positions changes it,
// and so does any other step digit.
func check(payload, step int) int { return (payload + 3*step) % 7 }

func clamp(n, hi int) int {
	if n < 0 {
		return 0
	}
	if n > hi {
		return hi
	}
	return n
}

// DecodeSupportCode reads a code back; it tolerates lowercase and the look-alikes O/I/L, and reads the
// four-character codes of older versions too.
func DecodeSupportCode(code string) (SupportState, error) {
	c := strings.ToUpper(strings.TrimSpace(code))
	c = strings.NewReplacer("O", "0", "I", "1", "L", "1").Replace(c)
	n := len(c) - 5 // the characters between "KR-" and "-N"
	if !strings.HasPrefix(c, "KR-") || n < 4 || n > 6 || c[len(c)-2] != '-' {
		return SupportState{}, errors.New("a support code looks like KR-P228E-4")
	}
	v := 0
	for _, r := range c[3 : 3+n] {
		i := strings.IndexRune(crockford, r)
		if i < 0 {
			return SupportState{}, fmt.Errorf("%q is not a support code character", r)
		}
		v = v<<5 | i
	}
	step, err := strconv.Atoi(c[len(c)-1:])
	if err != nil {
		return SupportState{}, errors.New("the last character must be the step number")
	}
	payload := v >> 3
	var s SupportState
	var major, minor int
	if n == 4 { // an older version's code: diagnosis and version only
		major, minor, s.Diagnosis = (payload>>5)&63, payload&31, payload>>11
	} else {
		major, minor, s.Diagnosis = (payload>>10)&63, (payload>>5)&31, payload>>16
		s.Fit, s.Demo, s.Service = payload>>4&1 == 1, payload>>3&1 == 1, payload&7
	}
	if v&7 != check(payload, step) || (major == 0 && minor != 0) || (n == 6 && (s.Diagnosis < 64 || s.Diagnosis > maxDiagnosis)) {
		return SupportState{}, errors.New("that code doesn't check out: ask for it again, one character at a time")
	}
	s.Step = step
	if major > 0 {
		s.WooVersion = fmt.Sprintf("%d.%d", major, minor)
	}
	return s, nil
}
