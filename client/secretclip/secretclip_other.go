//go:build !linux && !freebsd && !openbsd && !netbsd && !windows

package secretclip

// macOS would mark a copy with org.nspasteboard.ConcealedType through NSPasteboard; that needs code built
// and tested on a Mac, which this project's machines are not. Until then the caller's ordinary clipboard
// is used, and the README says so.
func put(string) (Copy, error) { return nil, ErrUnsupported }
