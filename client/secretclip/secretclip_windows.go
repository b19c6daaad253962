//go:build windows

package secretclip

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows the copy carries, beside the text, the formats password managers set so that Windows keeps
// it out of clipboard history (Win+V) and cloud clipboard, and clipboard monitors skip it:
// ExcludeClipboardContentFromMonitorProcessing, and CanIncludeInClipboardHistory and
// CanUploadToCloudClipboard set to 0.

var (
	user32                     = windows.NewLazySystemDLL("user32.dll")
	kernel32                   = windows.NewLazySystemDLL("kernel32.dll")
	openClipboard              = user32.NewProc("OpenClipboard")
	closeClipboard             = user32.NewProc("CloseClipboard")
	emptyClipboard             = user32.NewProc("EmptyClipboard")
	setClipboardData           = user32.NewProc("SetClipboardData")
	registerClipboardFormat    = user32.NewProc("RegisterClipboardFormatW")
	getClipboardSequenceNumber = user32.NewProc("GetClipboardSequenceNumber")
	globalAlloc                = kernel32.NewProc("GlobalAlloc")
	globalLock                 = kernel32.NewProc("GlobalLock")
	globalUnlock               = kernel32.NewProc("GlobalUnlock")
	moveMemory                 = kernel32.NewProc("RtlMoveMemory")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

type winCopy struct{ seq uintptr }

// open takes the clipboard, which another program may hold for a moment.
func open() bool {
	for i := 0; i < 20; i++ {
		if r, _, _ := openClipboard.Call(0); r != 0 {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// global copies b into movable global memory, as the clipboard takes it.
func global(b []byte) uintptr {
	h, _, _ := globalAlloc.Call(gmemMoveable, uintptr(max(len(b), 1)))
	if h == 0 {
		return 0
	}
	p, _, _ := globalLock.Call(h)
	if p == 0 {
		return 0
	}
	if len(b) > 0 {
		moveMemory.Call(p, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b))) // into memory Windows owns
	}
	globalUnlock.Call(h)
	return h
}

func format(name string) uintptr {
	p, _ := windows.UTF16PtrFromString(name)
	r, _, _ := registerClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
	return r
}

func put(text string) (Copy, error) {
	u, err := windows.UTF16FromString(text)
	if err != nil {
		return nil, err
	}
	if !open() {
		return nil, ErrUnsupported
	}
	emptyClipboard.Call()
	b := unsafe.Slice((*byte)(unsafe.Pointer(&u[0])), 2*len(u))
	h := global(b)
	if r, _, _ := setClipboardData.Call(cfUnicodeText, h); h == 0 || r == 0 {
		closeClipboard.Call()
		return nil, ErrUnsupported
	}
	zero := []byte{0, 0, 0, 0} // a DWORD 0: "no"
	for _, name := range []string{"ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"} {
		setClipboardData.Call(format(name), global(zero))
	}
	closeClipboard.Call()
	seq, _, _ := getClipboardSequenceNumber.Call()
	return &winCopy{seq: seq}, nil
}

// Held: the clipboard's sequence number changes with every copy anyone makes.
func (c *winCopy) Held() bool {
	seq, _, _ := getClipboardSequenceNumber.Call()
	return seq == c.seq
}

func (c *winCopy) Clear() {
	if !c.Held() || !open() {
		return
	}
	emptyClipboard.Call()
	closeClipboard.Call()
}
