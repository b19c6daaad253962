// Command keyrelay is the Key Relay desktop app.
//
//	keyrelay             the wizard (with "Try the demo" on its first screen)
//	keyrelay --demo      the wizard on a sandbox store and sandbox Syncio on this computer
//	keyrelay --version   the version and the commit it was built from
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/crashlog"
	"github.com/keyrelay/keyrelay/client/demo"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/ui"
)

func main() {
	version := flag.Bool("version", false, "print the version and the commit it was built from")
	demoMode := flag.Bool("demo", false, "walk a sandbox store and a sandbox Syncio on this computer")
	tour := flag.Bool("tour", false, "walk the demo by itself for .ci/screenshots: print \"SHOT name\" at each screen and wait for \"ok\" on standard input")
	flag.Parse()
	if *version {
		fmt.Printf("Key Relay %s (commit %s)\n", assets.Version, assets.BuildCommit())
		return
	}
	if err := crashlog.Start(); err != nil { // a crash without its log is a crash support can't read
		fmt.Fprintln(os.Stderr, "keyrelay: no crash log:", err)
	}
	a := app.NewWithID("app.keyrelay.KeyRelay")

	if *demoMode || *tour {
		w, d, err := ui.StartDemo(a)
		if err != nil {
			fmt.Fprintln(os.Stderr, "keyrelay: the demo could not start:", err)
			os.Exit(1)
		}
		if *tour {
			runTour(a, w, d)
			return
		}
		w.Window().ShowAndRun()
		return
	}

	var w *ui.Wizard
	w = ui.New(a, ui.Deps{
		Client:   woo.NewClient(woo.Options{}),
		Vault:    vault.Keyring{Timeout: 5 * time.Second},
		Services: service.Builtin(),
		Extra:    ui.DemoButton(a, func() fyne.Window { return w.Window() }),
	})
	w.Window().ShowAndRun()
}

// runTour walks the demo in the real window for the README's screenshots. At each screen it asks the
// driving script (on stdout) to take a screenshot and waits for its "ok" (on stdin).
func runTour(a fyne.App, w *ui.Wizard, d *demo.Demo) {
	code := 0
	in := bufio.NewScanner(os.Stdin)
	shot := func(name string) error {
		fmt.Println("SHOT " + name)
		if !in.Scan() || in.Text() != "ok" {
			return fmt.Errorf("tour: the %q screen did not render", name)
		}
		return nil
	}
	go func() {
		if err := w.Tour(d, shot); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
		fyne.Do(a.Quit)
	}()
	w.Window().ShowAndRun()
	d.Close()
	os.Exit(code)
}
