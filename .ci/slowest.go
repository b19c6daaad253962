//go:build ignore

// slowest reads `go test -json` events. With --echo it streams the tests' output as `go test` prints it
// and fails when a test or a package failed; with --lines FILE PREFIX… it prints the output lines of
// FILE's passed run that begin with each prefix (the happy paths' action counts, read from the run that
// fails make test when a test fails, not from a second run), failing when a prefix printed nothing;
// otherwise it reads the files named and prints the slowest ten tests, so `make test` ends by saying
// where its time goes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

type timing struct {
	name    string
	elapsed float64
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--echo" {
		os.Exit(echo(os.Stdin, os.Stdout))
	}
	if len(os.Args) > 3 && os.Args[1] == "--lines" {
		os.Exit(lines(os.Args[2], os.Args[3:]))
	}
	var all []timing
	for _, path := range os.Args[1:] {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "slowest:", err)
			os.Exit(2)
		}
		// tests-race-client.json: race (its part's name is no news beside the package's)
		label, _, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(path[strings.LastIndex(path, "/")+1:], "tests-"), ".json"), "-")
		all = append(all, timings(f, label)...)
		f.Close()
	}
	sort.Slice(all, func(i, j int) bool { return all[i].elapsed > all[j].elapsed })
	fmt.Println("the ten slowest tests:")
	for _, t := range all[:min(10, len(all))] {
		fmt.Printf("  %6.1f s  %s\n", t.elapsed, t.name)
	}
}

// echo prints what `go test` without -v prints: each package's line, and a failing test's output (a
// passing test's is dropped); 1 when anything failed.
func echo(r io.Reader, w io.Writer) int {
	failed := false
	held := map[string][]string{} // a running test's output, by package and test
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(w, sc.Text()) // not an event: a build error, say
			continue
		}
		key := e.Package + " " + e.Test
		switch {
		case e.Action == "output" && e.Test == "":
			if e.Output != "PASS\n" {
				fmt.Fprint(w, e.Output)
			}
		case e.Action == "output":
			held[key] = append(held[key], e.Output)
		case e.Action == "fail" && e.Test != "":
			failed = true
			fmt.Fprint(w, strings.Join(held[key], ""))
			delete(held, key)
		case e.Action == "fail":
			failed = true
		case e.Action == "pass" || e.Action == "skip":
			delete(held, key)
		}
	}
	if failed {
		return 1
	}
	return 0
}

// lines prints each output line of the run in path that begins with one of prefixes; 1 when a prefix
// found none (its test was skipped or renamed) or the file can't be read.
func lines(path string, prefixes []string) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "slowest:", err)
		return 1
	}
	defer f.Close()
	found := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Action != "output" {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(e.Output, p) {
				fmt.Print(e.Output)
				found[p] = true
			}
		}
	}
	for _, p := range prefixes {
		if !found[p] {
			fmt.Fprintf(os.Stderr, "slowest: no line beginning %q in %s\n", p, path)
			return 1
		}
	}
	return 0
}

// timings are the finished top-level tests of one run, named by package, test and run.
func timings(r io.Reader, label string) []timing {
	var out []timing
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Test == "" || strings.Contains(e.Test, "/") || (e.Action != "pass" && e.Action != "fail") {
			continue
		}
		pkg := strings.TrimPrefix(e.Package, "github.com/keyrelay/keyrelay/")
		out = append(out, timing{fmt.Sprintf("%s %s (%s)", pkg, e.Test, label), e.Elapsed})
	}
	return out
}
