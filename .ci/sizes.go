//go:build ignore

// sizes fails when a function outside the tests is longer than 80 lines, a file of the screens (ui/)
// longer than 300, or the Wizard holds more than 12 fields (the window, the walk and the screens): a long function is a screen or a check doing several things, each of which wants its
// own name, and a long screen file is several screens. `make vet` runs it.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const (
	limit   = 80  // lines a function may have
	uiLimit = 300 // lines a file of ui/ may have
	wizard  = 12  // fields ui.Wizard may have: each screen's state is its own struct's
)

func main() {
	fset := token.NewFileSet()
	var long []string
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "build") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		inUI := strings.HasPrefix(p, "ui"+string(filepath.Separator))
		if lines := fset.File(f.Pos()).LineCount(); inUI && lines > uiLimit {
			long = append(long, fmt.Sprintf("%s is %d lines (a file of the screens may have %d)", p, lines, uiLimit))
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok && inUI && ts.Name.Name == "Wizard" {
				if st, ok := ts.Type.(*ast.StructType); ok && st.Fields.NumFields() > wizard {
					long = append(long, fmt.Sprintf("%s: ui.Wizard has %d fields (%d at most)", p, st.Fields.NumFields(), wizard))
				}
			}
			return true
		})
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok {
				if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > limit {
					long = append(long, fmt.Sprintf("%s: %s is %d lines", p, fn.Name.Name, n))
				}
			}
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "sizes:", err)
		os.Exit(2)
	}
	if len(long) > 0 {
		fmt.Fprintf(os.Stderr, "too big (split it into its steps or parts):\n  %s\n", strings.Join(long, "\n  "))
		os.Exit(1)
	}
}
