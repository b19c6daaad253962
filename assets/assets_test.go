package assets

import (
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

func TestIconIsPNG(t *testing.T) {
	if len(Icon) < 8 || string(Icon[1:4]) != "PNG" {
		t.Fatal("assets/icon.png is not a PNG")
	}
}
