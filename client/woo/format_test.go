package woo

import (
	"fmt"
	"strings"
	"testing"
)

// VerbsLeak is every format verb a type holding a secret is tried with: none may print the secret.
var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v", "%10.3v", "%-v"}

// Credentials mask themselves in every format verb, alone and inside other values.
func TestCredentialsMaskInEveryVerb(t *testing.T) {
	c := Credentials{Key: "ck_" + strings.Repeat("ab", 20), Secret: "cs_" + strings.Repeat("cd", 20)}
	for _, v := range verbs {
		for _, out := range []string{fmt.Sprintf(v, c), fmt.Sprintf(v, &c), fmt.Sprintf(v, []Credentials{c}), fmt.Sprintf(v, struct{ C Credentials }{c})} {
			if strings.Contains(out, "cdcdcdcd") || strings.Contains(out, "abababababab") || strings.Contains(out, fmt.Sprintf("%x", c.Secret)) {
				t.Errorf("%s printed the pair: %s", v, out)
			}
		}
	}
}
