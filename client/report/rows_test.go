package report_test

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/report"

	_ "github.com/keyrelay/keyrelay/client/diagnosis/all" // every domain's rows: the support code and the README's table read them all
)

// Every support number ever given keeps naming the same diagnosis: testdata/numbers.txt is the table as
// it stood when the rows moved out of client/woo into their own packages; a new row adds a line.
func TestEveryNumberKeepsItsCode(t *testing.T) {
	f, err := os.Open("testdata/numbers.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		n, code, _ := strings.Cut(sc.Text(), " ")
		num, err := strconv.Atoi(n)
		if err != nil {
			t.Fatalf("testdata/numbers.txt: %q", sc.Text())
		}
		d := diagnosis.ByNumber(num)
		if d == nil || string(d.Code) != code {
			t.Fatalf("support number %d was %s, now %v", num, code, d)
		}
		got, err := report.DecodeSupportCode(report.SupportCode(report.SupportState{Step: 4, Diagnosis: num, WooVersion: "8.9"}))
		if err != nil || got.Diagnosis != num {
			t.Fatalf("%s (%d) does not round-trip: %+v %v", code, num, got, err)
		}
		seen++
	}
	if all := len(diagnosis.All()); all != seen {
		t.Fatalf("%d rows are registered and testdata/numbers.txt lists %d: add the new row's number there", all, seen)
	}
}
