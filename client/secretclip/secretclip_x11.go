//go:build linux || freebsd || openbsd || netbsd

package secretclip

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"sync"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// On X11 (and XWayland) the copy is a selection Key Relay owns itself, offering the text and, beside it,
// x-kde-passwordManagerHint = "secret", which KDE's Klipper and other clipboard managers read as "don't
// keep this". Fyne's own clipboard can only offer the text.

// hint is the target clipboard managers look for, and what it says.
const (
	hintTarget = "x-kde-passwordManagerHint"
	hintValue  = "secret"
)

func init() {
	xgb.Logger = log.New(io.Discard, "", 0) // its notes on X authority and closed connections are no merchant's business
}

type x11Copy struct {
	conn      *xgb.Conn
	win       xproto.Window
	clipboard xproto.Atom
	mu        sync.Mutex
	lost      bool
	closed    bool
}

func put(text string) (Copy, error) {
	if os.Getenv("DISPLAY") == "" {
		return nil, ErrUnsupported // Wayland without XWayland: its clipboard is the toolkit's alone
	}
	conn, err := xgb.NewConn()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	screen := xproto.Setup(conn).DefaultScreen(conn)
	win, err := xproto.NewWindowId(conn)
	if err == nil {
		err = xproto.CreateWindowChecked(conn, 0, win, screen.Root, 0, 0, 1, 1, 0, xproto.WindowClassInputOnly, 0, 0, nil).Check()
	}
	atoms := map[string]xproto.Atom{}
	for _, name := range []string{"CLIPBOARD", "TARGETS", "UTF8_STRING", "STRING", "TEXT", "text/plain;charset=utf-8", "text/plain", hintTarget} {
		if err != nil {
			break
		}
		var r *xproto.InternAtomReply
		if r, err = xproto.InternAtom(conn, false, uint16(len(name)), name).Reply(); err == nil {
			atoms[name] = r.Atom
		}
	}
	if err == nil {
		err = xproto.SetSelectionOwnerChecked(conn, win, atoms["CLIPBOARD"], xproto.TimeCurrentTime).Check()
	}
	if err == nil {
		if r, e := xproto.GetSelectionOwner(conn, atoms["CLIPBOARD"]).Reply(); e != nil || r.Owner != win {
			err = errors.New("another client took the clipboard back at once")
		}
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	c := &x11Copy{conn: conn, win: win, clipboard: atoms["CLIPBOARD"]}
	go c.serve(text, atoms)
	return c, nil
}

// serve answers requests for the selection until the copy is cleared or another client takes the
// clipboard.
func (c *x11Copy) serve(text string, atoms map[string]xproto.Atom) {
	targets := []xproto.Atom{atoms["TARGETS"], atoms["UTF8_STRING"], atoms["STRING"], atoms["TEXT"], atoms["text/plain;charset=utf-8"], atoms["text/plain"], atoms[hintTarget]}
	for {
		ev, err := c.conn.WaitForEvent()
		if ev == nil && err == nil {
			return // the connection is closed
		}
		switch e := ev.(type) {
		case xproto.SelectionClearEvent:
			c.mu.Lock()
			c.lost = true
			c.mu.Unlock()
		case xproto.SelectionRequestEvent:
			prop := e.Property
			if prop == xproto.AtomNone {
				prop = e.Target // an old client: the target names the property
			}
			switch e.Target {
			case atoms["TARGETS"]:
				data := make([]byte, 4*len(targets))
				for i, a := range targets {
					binary.LittleEndian.PutUint32(data[4*i:], uint32(a)) // xgb speaks least significant byte first
				}
				xproto.ChangeProperty(c.conn, xproto.PropModeReplace, e.Requestor, prop, xproto.AtomAtom, 32, uint32(len(targets)), data)
			case atoms[hintTarget]:
				xproto.ChangeProperty(c.conn, xproto.PropModeReplace, e.Requestor, prop, e.Target, 8, uint32(len(hintValue)), []byte(hintValue))
			case atoms["UTF8_STRING"], atoms["STRING"], atoms["TEXT"], atoms["text/plain;charset=utf-8"], atoms["text/plain"]:
				typ := e.Target
				if typ == atoms["TEXT"] {
					typ = atoms["UTF8_STRING"]
				}
				xproto.ChangeProperty(c.conn, xproto.PropModeReplace, e.Requestor, prop, typ, 8, uint32(len(text)), []byte(text))
			default:
				prop = xproto.AtomNone // not offered
			}
			n := xproto.SelectionNotifyEvent{Time: e.Time, Requestor: e.Requestor, Selection: e.Selection, Target: e.Target, Property: prop}
			xproto.SendEvent(c.conn, false, e.Requestor, 0, string(n.Bytes()))
		}
	}
}

func (c *x11Copy) Held() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lost || c.closed {
		return false
	}
	r, err := xproto.GetSelectionOwner(c.conn, c.clipboard).Reply()
	return err == nil && r.Owner == c.win
}

func (c *x11Copy) Clear() {
	if c.Held() {
		// Nobody owns the clipboard now: it is empty, and no manager was ever allowed to keep the copy.
		xproto.SetSelectionOwnerChecked(c.conn, xproto.AtomNone, c.clipboard, xproto.TimeCurrentTime).Check()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.closed = true
		c.conn.Close()
	}
}
