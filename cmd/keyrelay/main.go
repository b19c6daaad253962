// Command keyrelay is the Key Relay desktop app.
//
//	keyrelay             the wizard (with "Try the demo" on its first screen)
//	keyrelay --demo      the wizard on a sandbox store and sandbox Syncio on this computer
//	keyrelay --demo-syncore  the wizard on a sandbox Syncore, handing its key to another app
//	keyrelay --version   the version and the commit it was built from
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/assist"
	"github.com/keyrelay/keyrelay/client/crashlog"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/ui"
)

func main() {
	version := flag.Bool("version", false, "print the version and the commit it was built from")
	demoMode := flag.Bool("demo", false, "walk a sandbox store and a sandbox Syncio on this computer")
	tour := flag.Bool("tour", false, "walk the demo by itself for .ci/screenshots: print \"SHOT name\" at each screen and wait for \"ok\" on standard input")
	tourAssist := flag.Bool("tour-assist", false, "as --tour, with browser assist in Key Relay's browser window")
	demoSyncore := flag.Bool("demo-syncore", false, "walk a Syncore key to another app, with a sandbox Syncore on this computer")
	tourSyncore := flag.Bool("tour-syncore", false, "as --tour, for the Syncore walk and a safe regeneration")
	flag.Parse()
	if *version {
		fmt.Printf("Key Relay %s (commit %s)\n", assets.Version, assets.BuildCommit())
		return
	}
	if err := crashlog.Start(); err != nil { // a crash without its log is a crash support can't read
		fmt.Fprintln(os.Stderr, "keyrelay: no crash log:", err)
	}
	a := app.NewWithID("app.keyrelay.KeyRelay")

	if *demoSyncore || *tourSyncore {
		w, d := ui.StartSyncoreDemo(a)
		if *tourSyncore {
			runTour(a, w, func(shot func(string) error) error { return w.TourSyncore(d, shot) }, d.Close)
			return
		}
		w.Window().ShowAndRun()
		return
	}
	if *demoMode || *tour || *tourAssist {
		w, d, err := ui.StartDemo(a, browserOptions())
		if err != nil {
			fmt.Fprintln(os.Stderr, "keyrelay: the demo could not start:", err)
			os.Exit(1)
		}
		if *tour || *tourAssist {
			tour := w.Tour
			if *tourAssist {
				tour = w.TourAssist
			}
			runTour(a, w, func(shot func(string) error) error { return tour(d, shot) }, d.Close)
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
		Assist:   browserOptions(),
		Extra:    ui.DemoButton(a, browserOptions(), func() fyne.Window { return w.Window() }),
	})
	w.Window().ShowAndRun()
}

// browserOptions are browser assist's: the computer's own browser on Key Relay's profile, with the extra
// switches in KEYRELAY_BROWSER_FLAGS that a locked-down machine needs (a CI box without network, say).
func browserOptions() assist.Options {
	return assist.Options{Extra: strings.Fields(os.Getenv("KEYRELAY_BROWSER_FLAGS"))}
}

// runTour walks the demo in the real window for the README's screenshots. At each screen it asks the
// driving script (on stdout) to take a screenshot and waits for its "ok" (on stdin).
func runTour(a fyne.App, w *ui.Wizard, tour func(shot func(string) error) error, closeDemo func()) {
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
		if err := tour(shot); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
		// Key Relay's own peak memory (not the browser's), for make window to set beside the other walk's.
		if b, err := os.ReadFile("/proc/self/status"); err == nil {
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "VmHWM:") {
					fmt.Println("PEAK " + strings.Fields(strings.TrimPrefix(l, "VmHWM:"))[0]) // in kB
				}
			}
		}
		fyne.Do(a.Quit)
	}()
	w.Window().ShowAndRun()
	closeDemo()
	os.Exit(code)
}
