// Package assets holds Key Relay's data: the icon, the sync-service profiles and the wizard's step texts,
// embedded in the binary, plus the version it was built as.
package assets

import (
	"embed"
	_ "embed"
	"runtime/debug"
)

// Icon is the window's icon: the application icon (icon.png, 512×512, which FyneApp.toml gives the
// packages) at 128×128. A window manager draws it at 16–64 pixels, and the window is given it before it
// first shows: at 512×512, decoding it and sending the X server the 2 MB property GLFW makes of it held
// up the first frame by about 8 ms, 4 % of it.
//
//go:embed window-icon.png
var Icon []byte

// Services holds one JSON profile per sync service (services/<id>.json).
//
//go:embed services/*.json
var Services embed.FS

// Sources holds one JSON profile per kind of key source (sources/<name>.json): the words its walk's
// screens say and, for sources other than WooCommerce (whose rules are the check engine's), where its
// keys are made, how they look, how one is checked, and which of those facts are provisional.
//
//go:embed sources/*.json
var Sources embed.FS

// Forms holds the words a service's key form carries, by language (forms/words.json): Key Relay finds the
// consumer key and secret fields and the button that saves them by these, without a map of the page.
//
//go:embed forms/*.json
var Forms embed.FS

// Steps holds the walk's step titles (steps/walk.json) and step texts (steps/<name>.json), so wording
// changes need no code.
//
//go:embed steps/*.json
var Steps embed.FS

// Version is the app's version. It must equal FyneApp.toml's (a test checks); release builds may set it
// with -ldflags "-X github.com/keyrelay/keyrelay/assets.Version=…".
var Version = "0.1.0"

// Commit is the commit the binary was built from, set by the Makefile with -ldflags; when empty, the
// commit Go recorded in the build is used.
var Commit = ""

// BuildCommit returns the commit this binary was built from, or "unknown".
func BuildCommit() string {
	if Commit != "" {
		return Commit
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return s.Value[:7]
			}
		}
	}
	return "unknown"
}
