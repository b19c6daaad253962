// Package secretclip puts a key or secret on the system clipboard the way password managers do: marked so
// the operating system and clipboard managers keep it out of their history and cloud sync, and cleared
// only if the clipboard still holds it. Where a platform can't be marked here, Put says so and the caller
// uses its ordinary clipboard (the README's security section lists which).
package secretclip

import "errors"

// ErrUnsupported means this platform (or this session: no X display) can't take a marked copy here.
var ErrUnsupported = errors.New("this system's clipboard can't be marked as holding a secret")

// Copy is one marked copy on the clipboard.
type Copy interface {
	// Held reports whether the clipboard still holds this copy (nobody copied anything since).
	Held() bool
	// Clear empties the clipboard if it still holds this copy, and lets go of it either way.
	Clear()
}

// Put puts text on the clipboard, marked as a secret.
func Put(text string) (Copy, error) { return put(text) }
