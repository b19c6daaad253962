package vault

import (
	"fmt"
	"strings"
	"testing"
)

// An Item and an OldKey mask their pairs in every format verb, alone and inside other values.
func TestItemAndOldKeyMaskInEveryVerb(t *testing.T) {
	old := &OldKey{Key: tKey, Secret: tSecret}
	it := Item{Key: tKey, Secret: tSecret, Store: "https://s.example/", Service: "syncio", Replacing: old}
	for _, v := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		for _, out := range []string{fmt.Sprintf(v, it), fmt.Sprintf(v, &it), fmt.Sprintf(v, *old), fmt.Sprintf(v, old), fmt.Sprintf(v, []Item{it}), fmt.Sprintf(v, map[string]OldKey{"k": *old})} {
			if strings.Contains(out, tSecret[3:]) || strings.Contains(out, tKey[3:30]) || strings.Contains(out, fmt.Sprintf("%x", tSecret)) {
				t.Errorf("%s printed the pair: %s", v, out)
			}
		}
	}
}
