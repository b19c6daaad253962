package main

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/vault"
)

// terminalText is s made safe to print on a terminal: what a keyring item, a store or a page supplied
// could otherwise clear the screen, draw a fake "✓ Works" line or retitle the window. Control characters
// (all of C0 but newline and tab, DEL, C1), the bidirectional overrides and invalid UTF-8 are shown as
// escapes, and s is cut to at most n characters (n ≤ 0: no cut).
func terminalText(s string, n int) string {
	var b strings.Builder
	count := 0
	for i, r := range s {
		if n > 0 && count >= n {
			b.WriteString("…")
			break
		}
		count++
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line is terminalText on one line: a newline in a name would start a line of its own.
func line(s string, n int) string {
	return strings.NewReplacer("\n", `\n`, "\t", " ").Replace(terminalText(s, n))
}

// cliFixes are the keyring rows' fixes for someone at a terminal: the rows' own first steps name the
// app's buttons.
var cliFixes = map[diagnosis.Code]string{
	vault.KeyringUnavailable: "Run keyrelay-check in the desktop session that holds the keyring (GNOME Keyring or KWallet on Linux), or check one key with --store.",
	vault.KeyringLocked:      "Unlock the keyring (usually with your login password) and run keyrelay-check --all again.",
}

// cliFix is the fix to print for i.
func cliFix(i *diagnosis.Issue) string {
	if f, ok := cliFixes[i.Code]; ok {
		return f
	}
	return i.Fix[0]
}
