package diagnosis

import "testing"

// A code or a support number is a stable identifier: registering either twice is a mistake caught at
// start, not a row silently shadowed.
func TestRegisterRefusesATakenCodeOrNumber(t *testing.T) {
	Register(Diagnosis{Code: "test_first", Number: 1000, Kind: KindKey, Severity: Blocker, Title: "First."})
	if d := ByNumber(1000); d == nil || Find("test_first") != d || Lookup("test_first").Title != "First." {
		t.Fatalf("registered row not found: %v", d)
	}
	for name, row := range map[string]Diagnosis{
		"same code":       {Code: "test_first", Number: 1001},
		"same number":     {Code: "test_second", Number: 1000},
		"number too high": {Code: "test_third", Number: MaxNumber + 1},
		"no number":       {Code: "test_fourth"},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: registered", name)
				}
			}()
			Register(row)
		}()
	}
	if Find("test_second") != nil || Find("test_third") != nil || Find("nonsense") != nil {
		t.Fatal("a refused row is in the table")
	}
	if all := All(); len(all) != 1 || all[0].Code != "test_first" {
		t.Fatalf("All: %v", all)
	}
}
