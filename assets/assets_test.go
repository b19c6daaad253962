package assets

import (
	"bytes"
	"image"
	_ "image/png"
	"os"
	"regexp"
	"testing"
)

func TestVersionMatchesFyneApp(t *testing.T) {
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if string(m[1]) != Version {
		t.Fatalf("assets.Version is %q but FyneApp.toml says %q: change both", Version, m[1])
	}
}

// The window's icon is small (a window manager draws it at 16–64 pixels); the packages' is the 512×512
// icon.png that FyneApp.toml names.
func TestIconSizes(t *testing.T) {
	for _, c := range []struct {
		name string
		data func() ([]byte, error)
		size int
	}{
		{"window-icon.png (Icon)", func() ([]byte, error) { return Icon, nil }, 128},
		{"icon.png (FyneApp.toml)", func() ([]byte, error) { return os.ReadFile("icon.png") }, 512},
	} {
		b, err := c.data()
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil || format != "png" || cfg.Width != c.size || cfg.Height != c.size {
			t.Errorf("%s: %s %dx%d (%v), want a %dx%d PNG", c.name, format, cfg.Width, cfg.Height, err, c.size, c.size)
		}
	}
}
