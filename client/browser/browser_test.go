package browser

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The usual places, per system: found in order, Edge on Windows included, nothing found said plainly.
func TestFindInTheUsualPlaces(t *testing.T) {
	env := map[string]string{"ProgramFiles(x86)": `C:\Program Files (x86)`, "HOME": "/Users/shop"}
	getenv := func(k string) string { return env[k] }
	have := func(paths ...string) func(string) bool {
		return func(p string) bool { return slices.Contains(paths, p) }
	}
	noPath := func(string) (string, error) { return "", errors.New("not found") }

	// Windows with only Edge (as every Windows has).
	edge := filepath.Join(env["ProgramFiles(x86)"], `Microsoft\Edge\Application\msedge.exe`)
	if b, err := find("windows", getenv, noPath, have(edge)); err != nil || b.Name != "Microsoft Edge" {
		t.Fatalf("windows: %+v %v", b, err)
	}
	// macOS with Brave in the user's own Applications folder.
	if b, err := find("darwin", getenv, noPath, have("/Users/shop/Applications/Brave Browser.app/Contents/MacOS/Brave Browser")); err != nil || b.Name != "Brave" {
		t.Fatalf("darwin: %+v %v", b, err)
	}
	// Linux: Chrome before Chromium when both are there.
	onPath := func(name string) (string, error) {
		if name == "chromium" || name == "google-chrome" {
			return "/usr/bin/" + name, nil
		}
		return "", errors.New("not found")
	}
	if b, err := find("linux", getenv, onPath, have()); err != nil || b.Name != "Google Chrome" || b.Path != "/usr/bin/google-chrome" {
		t.Fatalf("linux: %+v %v", b, err)
	}
	if _, err := find("linux", getenv, noPath, have()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("nothing installed: %v", err)
	}
}

// A normal, visible window on Key Relay's own profile: none of a driver's automation defaults.
func TestFlags(t *testing.T) {
	f := Flags("/home/shop/.config/keyrelay/browser-profile", false)
	if !slices.Contains(f, "--user-data-dir=/home/shop/.config/keyrelay/browser-profile") || slices.ContainsFunc(f, func(s string) bool { return strings.HasPrefix(s, "--headless") }) {
		t.Fatalf("%v", f)
	}
	for _, d := range AutomationDefaults {
		if slices.Contains(append(f, Flags("p", true)...), d) {
			t.Fatalf("%s is among the flags", d)
		}
	}
	if p, err := ProfileDir(); err != nil || !strings.HasSuffix(p, "keyrelay/browser-profile") {
		t.Fatalf("%q %v", p, err)
	}
}

// Key Relay's profile saves no passwords and no form entries; what else the browser keeps stays.
func TestProfileRemembersNoForms(t *testing.T) {
	profile := t.TempDir()
	p := filepath.Join(profile, "Default", "Preferences")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(`{"profile":{"name":"Key Relay","password_manager_enabled":true},"homepage":"about:blank"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := forgetForms(profile); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	var got struct {
		Credentials bool   `json:"credentials_enable_service"`
		Homepage    string `json:"homepage"`
		Profile     struct {
			Name     string `json:"name"`
			Password bool   `json:"password_manager_enabled"`
		} `json:"profile"`
		Autofill struct {
			Enabled bool `json:"enabled"`
		} `json:"autofill"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Credentials || got.Profile.Password || got.Autofill.Enabled || got.Profile.Name != "Key Relay" || got.Homepage != "about:blank" {
		t.Fatalf("preferences: %s", b)
	}
}

// The profile search finds a value kept as text, as UTF-16LE text (Chromium's page state) and in base64
// at any position within a longer encoded run, and finds nothing where only part of it is.
func TestFilesHoldingFindsEveryEncoding(t *testing.T) {
	secret := "cs_" + strings.Repeat("0123456789abcdef", 3)[:40]
	u16 := func(s string) []byte {
		var b []byte
		for i := 0; i < len(s); i++ {
			b = append(b, s[i], 0)
		}
		return b
	}
	cases := map[string][]byte{
		"ascii":   []byte("x=" + secret + "&"),
		"utf16le": append([]byte("\x01\x00"), u16("value "+secret)...),
	}
	for pad := 0; pad < 3; pad++ {
		for name, enc := range map[string]*base64.Encoding{"std": base64.StdEncoding, "url": base64.URLEncoding, "raw": base64.RawStdEncoding} {
			cases[fmt.Sprintf("base64 %s after %d bytes", name, pad)] = []byte(enc.EncodeToString([]byte(strings.Repeat("z", pad) + `{"v":"` + secret + `"}`)))
		}
	}
	for name, content := range cases {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f"), content, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := FilesHolding(dir, secret); len(got) != 1 {
			t.Errorf("%s: not found", name)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(secret[:20]+string(u16(secret[20:]))), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := FilesHolding(dir, secret); len(got) != 0 {
		t.Errorf("half a secret in each form counted as the secret: %v", got)
	}
}
