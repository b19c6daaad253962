// Command firstframe measures how long Key Relay's window takes to show its painted first screen, and its
// peak memory, against a bare Fyne window with the same kinds of widget, on the X display it runs on (run
// it inside `.ci/with-session --x`). It starts the windows in turn, RUNS rounds (15 unless set: the median
// of 14 starts moves by about 2 % between runs, the median of 4 moved by 10 %), each round in another
// order, so a machine that gets busier halfway slows them all alike. It reports the median of every start
// after each window's first (the very first compiles the GL shaders: a merchant's very first launch), that
// first start on its own, and Key Relay's ratios to the bare window with its widgets. The targets are
// reported, not asserted; a window that never paints fails the run, and no start is retried.
//
// It watches the display itself (one X connection, polled every 5 ms) rather than starting xdotool and
// ImageMagick over and over: those took 50–100 ms a look and a core's share of the two the app starts on.
//
//	firstframe -app build/keyrelay -baseline build/baseline -out build
package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// start is one of the windows measured: a name (its screenshot is OUT/NAME.png, its figures OUT/NAME.figures)
// and the command line that shows it.
type start struct {
	name, what string
	argv       []string
	rounds     int             // how many rounds it is started in: all unless set
	firsts     []time.Duration // the first frame of each start, the very first one first
	peaks      []int           // peak memory (MB) of each start
}

func main() {
	app := flag.String("app", "build/keyrelay", "Key Relay's binary")
	base := flag.String("baseline", "build/baseline", "the bare window's binary (.ci/baseline)")
	out := flag.String("out", "build", "where the screenshots and the figures go")
	flag.Parse()
	runs := 15
	if r, err := strconv.Atoi(os.Getenv("RUNS")); err == nil && r >= 2 {
		runs = r
	}
	starts := []*start{
		{name: "first-frame", what: "Key Relay", argv: []string{*app}},
		// The window with a label only says what any Fyne window costs here: a few starts do.
		{name: "baseline", what: "for comparison, a bare Fyne window with a label", argv: []string{*base}, rounds: 5},
		{name: "baseline-widgets", what: "and with the widgets of Key Relay's first screen", argv: []string{*base, "-widgets"}},
	}
	x, err := newDisplay()
	if err != nil {
		fail("no X display: %v", err)
	}
	for r := 0; r < runs; r++ {
		for i := range starts {
			s := starts[(i+r)%len(starts)]
			if s.rounds > 0 && r >= s.rounds {
				continue
			}
			shot := ""
			if len(s.firsts) == 0 {
				shot = filepath.Join(*out, s.name+".png")
			}
			first, peak, err := x.measure(s, shot)
			if err != nil {
				fail("%s: first frame: FAILED, %v", s.what, err)
			}
			s.firsts, s.peaks = append(s.firsts, first), append(s.peaks, peak)
		}
	}
	for _, s := range starts {
		warm := s.firsts[1:]
		fmt.Printf("%s: first frame: %d ms (target ≤ 600 ms; %s over %d starts, %d ms on the very first with no shader cache, no start retried); peak memory: %d MB (%d–%d MB; target ≤ 120 MB); screenshot: %s\n",
			s.what, ms(median(warm)), msRange(warm), len(warm), ms(s.firsts[0]),
			median(s.peaks[1:]), slices.Min(s.peaks[1:]), slices.Max(s.peaks[1:]), filepath.Join(*out, s.name+".png"))
		// The medians, then every start's figures in the order they ran, for a look at a run that surprises.
		figures := fmt.Sprintf("%d %d\nfirst frames (ms): %v\npeaks (MB): %v\n", ms(median(warm)), median(s.peaks[1:]),
			mapSlice(s.firsts, ms), s.peaks)
		if err := os.WriteFile(filepath.Join(*out, s.name+".figures"), []byte(figures), 0o644); err != nil {
			fail("%v", err)
		}
	}
	app1, bare := starts[0], starts[2]
	fmt.Printf("Key Relay against the bare window with its first screen's widgets: first frame %.2f×, peak memory %.2f× (targets ≤ 1.05×)\n",
		float64(median(app1.firsts[1:]))/float64(median(bare.firsts[1:])),
		float64(median(app1.peaks[1:]))/float64(median(bare.peaks[1:])))
}

// fail says why on standard output (make runs this with the session's D-Bus chatter on standard error
// thrown away) and fails the run.
func fail(format string, args ...any) {
	fmt.Printf(format+"\n", args...)
	os.Exit(1)
}

// display is the X connection the windows are watched on.
type display struct {
	c          *xgb.Conn
	root       xproto.Window
	pid, cardi xproto.Atom
}

func newDisplay() (*display, error) {
	c, err := xgb.NewConn()
	if err != nil {
		return nil, err
	}
	d := &display{c: c, root: xproto.Setup(c).DefaultScreen(c).Root, cardi: xproto.AtomCardinal}
	a, err := xproto.InternAtom(c, false, uint16(len("_NET_WM_PID")), "_NET_WM_PID").Reply()
	if err != nil {
		return nil, err
	}
	d.pid = a.Atom
	return d, nil
}

// measure starts s once and returns the time until its window showed a painted screen and the process's
// peak memory a second later, saving the window as shot when shot is set. It always stops the process.
func (d *display) measure(s *start, shot string) (time.Duration, int, error) {
	cmd := exec.Command(s.argv[0], s.argv[1:]...)
	// Each window its own shader cache: every one's first start is a cold one.
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(os.Getenv("XDG_CACHE_HOME"), s.name))
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	exited := make(chan struct{})
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	go func() { _ = cmd.Wait(); close(exited) }()
	defer stop(cmd, exited)
	for deadline := t0.Add(15 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		select {
		case <-exited:
			return 0, 0, fmt.Errorf("the window's process exited: %s", lastLines(log.String(), 5))
		default:
		}
		if time.Now().After(deadline) {
			return 0, 0, errors.New("no painted window after 15 s")
		}
		w, ok := d.window(cmd.Process.Pid)
		if !ok || !d.painted(w) {
			continue
		}
		first := time.Since(t0)
		if shot != "" {
			if err := d.save(w, shot); err != nil {
				return 0, 0, err
			}
		}
		time.Sleep(time.Second) // let the first screen settle before reading the peak
		peak, err := peakMB(cmd.Process.Pid)
		return first, peak, err
	}
}

// window is the viewable top-level window of process pid (GLFW marks its windows with _NET_WM_PID; its
// hidden helper window is never mapped).
func (d *display) window(pid int) (xproto.Window, bool) {
	tree, err := xproto.QueryTree(d.c, d.root).Reply()
	if err != nil {
		return 0, false
	}
	for _, w := range tree.Children {
		p, err := xproto.GetProperty(d.c, false, w, d.pid, d.cardi, 0, 1).Reply()
		if err != nil || len(p.Value) < 4 || int(binary.LittleEndian.Uint32(p.Value)) != pid {
			continue
		}
		if a, err := xproto.GetWindowAttributes(d.c, w).Reply(); err == nil && a.MapState == xproto.MapStateViewable {
			return w, true
		}
	}
	return 0, false
}

// painted tells a drawn screen from the blank fill a mapped window first shows: the top left corner of a
// painted one (the menu, or the label) holds anti-aliased text, so many colours (about 90 of Key Relay's).
// Mesa puts a whole frame on the display at once, so a corner is as good as all of it, and a 200×32 corner
// is 25 KB a look: the quarter of the window first read here was 585 KB every 5 ms, for Xvfb to copy
// while it also drew the windows measured, and every first frame read about 20 ms later.
func (d *display) painted(w xproto.Window) bool {
	g, err := xproto.GetGeometry(d.c, xproto.Drawable(w)).Reply()
	if err != nil || g.Width == 0 || g.Height < 4 {
		return false
	}
	img, err := xproto.GetImage(d.c, xproto.ImageFormatZPixmap, xproto.Drawable(w), 0, 0, min(g.Width, 200), min(g.Height, 32), ^uint32(0)).Reply()
	if err != nil {
		return false
	}
	colours := map[uint32]bool{}
	for i := 0; i+4 <= len(img.Data); i += 4 {
		colours[binary.LittleEndian.Uint32(img.Data[i:])&0xffffff] = true
		if len(colours) > 50 {
			return true
		}
	}
	return false
}

// save writes window w as a PNG.
func (d *display) save(w xproto.Window, path string) error {
	g, err := xproto.GetGeometry(d.c, xproto.Drawable(w)).Reply()
	if err != nil {
		return err
	}
	raw, err := xproto.GetImage(d.c, xproto.ImageFormatZPixmap, xproto.Drawable(w), 0, 0, g.Width, g.Height, ^uint32(0)).Reply()
	if err != nil {
		return err
	}
	img := image.NewNRGBA(image.Rect(0, 0, int(g.Width), int(g.Height)))
	for i := 0; i+4 <= len(raw.Data) && i < len(img.Pix); i += 4 { // the display's pixels are BGRX
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = raw.Data[i+2], raw.Data[i+1], raw.Data[i], 0xff
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stop ends the process: SIGTERM, then SIGKILL after 3 s (a Fyne window under Xvfb has been seen to
// ignore SIGTERM right after it started).
func stop(cmd *exec.Cmd, exited <-chan struct{}) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
}

// peakMB is the process's peak resident memory (VmHWM) in MB.
func peakMB(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.Atoi(f[1])
			return kb / 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc/PID/status")
}

func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

func median[T time.Duration | int](v []T) T {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func ms(d time.Duration) int64 { return d.Milliseconds() }

func mapSlice[T, U any](v []T, f func(T) U) []U {
	out := make([]U, len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

func msRange(v []time.Duration) string {
	return fmt.Sprintf("%d–%d", ms(slices.Min(v)), ms(slices.Max(v)))
}
