// Command pecheck checks a Windows build of Key Relay: a 64-bit PE image for the Windows GUI subsystem (no
// console window), with a resource section holding the icon and a version resource with the given version.
// Usage: go run ./.ci/pecheck FILE.exe VERSION
package main

import (
	"bytes"
	"debug/pe"
	"fmt"
	"os"
	"unicode/utf16"
)

func main() {
	if len(os.Args) != 3 {
		fail("usage: pecheck FILE.exe VERSION")
	}
	f, err := pe.Open(os.Args[1])
	if err != nil {
		fail("not a PE file: %v", err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok || f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		fail("not a 64-bit (amd64) PE image")
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		fail("subsystem %d, want %d (Windows GUI): a console window would open", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		fail("no resource section: no icon and no version resource")
	}
	data, err := rsrc.Data()
	if err != nil {
		fail("resource section unreadable: %v", err)
	}
	for _, want := range []string{"VS_VERSION_INFO", "FileVersion", os.Args[2]} {
		if !bytes.Contains(data, utf16le(want)) {
			fail("the version resource lacks %q", want)
		}
	}
	if !hasIconGroup(data) {
		fail("no icon in the resources")
	}
	fmt.Printf("%s: PE32+ amd64, Windows GUI subsystem, icon and version resource (%s)\n", os.Args[1], os.Args[2])
}

// hasIconGroup looks for a GROUP_ICON directory entry (resource type 14) at the resource root.
func hasIconGroup(d []byte) bool {
	if len(d) < 16 {
		return false
	}
	named := int(d[12]) | int(d[13])<<8
	ids := int(d[14]) | int(d[15])<<8
	for i := 0; i < named+ids; i++ {
		off := 16 + i*8
		if off+8 > len(d) {
			return false
		}
		id := uint32(d[off]) | uint32(d[off+1])<<8 | uint32(d[off+2])<<16 | uint32(d[off+3])<<24
		if id == 14 {
			return true
		}
	}
	return false
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range utf16.Encode([]rune(s)) {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pecheck: "+format+"\n", args...)
	os.Exit(1)
}
