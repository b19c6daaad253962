// Package walk is the wizard's flow below the widgets: its steps, the events the screens send, and the
// transitions between them in one table; the control of the background job a step runs; the state one
// walk carries (Attempt); and a key source as one interface (Source). Screens draw the state and send
// events; no screen decides where the walk goes next.
package walk

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/keyrelay/keyrelay/assets"
)

// Step is one screen of the walk, in order; a support code counts them from 1.
type Step int

const (
	Store Step = iota
	Create
	Capture
	Check
	Save
	Send
	Done
	Count // how many steps there are

	// Home is the list of connections saved on this computer, outside the walk's numbered steps: the
	// first screen when there are some.
	Home Step = -2
)

// steps name each step: for logs and tests, and as the merchant reads it in the header ("Step 4 of 7 ·
// Test the key") and a support agent in a decoded support code, whose step counts from 1 in this order.
// The titles are words, in assets/steps/walk.json.
var steps, homeTitle = func() ([Count]struct{ name, title string }, string) {
	b, err := assets.Steps.ReadFile("steps/walk.json")
	if err != nil {
		panic(err)
	}
	var f struct {
		Steps []struct {
			Name  string `json:"name"`
			Title string `json:"title"`
		} `json:"steps"`
		Home string `json:"home"`
	}
	if err := json.Unmarshal(b, &f); err != nil || len(f.Steps) != int(Count) || f.Home == "" {
		panic(fmt.Sprintf("assets/steps/walk.json: %d steps for %d (%v)", len(f.Steps), Count, err))
	}
	var out [Count]struct{ name, title string }
	for i, st := range f.Steps {
		out[i].name, out[i].title = st.Name, st.Title
	}
	return out, f.Home
}()

func (s Step) String() string {
	if s == Home {
		return "connections"
	}
	if s >= 0 && s < Count {
		return steps[s].name
	}
	return fmt.Sprintf("step(%d)", int(s))
}

// Title is the step's name as the merchant reads it; a screen may name itself more precisely.
func (s Step) Title() string {
	if s == Home {
		return homeTitle
	}
	if s >= 0 && s < Count {
		return steps[s].title
	}
	return ""
}

// Event is something that happened on a screen or in a background job.
type Event string

const (
	AddressClean  Event = "address checked"       // the store is ready and there is nothing to read first
	Continue      Event = "continue"              // the screen's main button, when it moves on
	ValueCaptured Event = "value captured"        // a key or a secret arrived, not yet both
	KeyCaptured   Event = "key captured"          // both values are in (or a fresh copy replaced one): test them
	CheckPassed   Event = "check passed"          // the live check says the key works
	DifferentKey  Event = "enter a different key" // the key itself must change
	Saved         Event = "saved"                 // the tested key is in the keyring (or the merchant went on without)
	Sent          Event = "sent"                  // the merchant updated the service
	Back          Event = "back"                  // Back or Esc
	Resume        Event = "resume"                // a key kept from an earlier run is taken up
	ChangeStore   Event = "change store"          // the store must change first (a fix on step 1)
	Cancel        Event = "cancel"                // the running job is stopped; the step stays
	NewConnection Event = "new connection"        // from the list: walk a new store from the start
	Connections   Event = "show connections"      // back to the list of saved connections
	FinishReplace Event = "finish replacing"      // a replacement whose old key isn't proven gone yet
	Regenerate    Event = "regenerate keys"       // a key source's keys are regenerated, safely, from the list
)

// Transition is one row of the walk: in step From, event On leads to step To.
type Transition struct {
	From Step
	On   Event
	To   Step
}

// any stands for every step in a row that applies everywhere.
const any Step = -1

// Transitions is the whole flow. A pair not listed leaves the step as it is.
var Transitions = []Transition{
	{Store, AddressClean, Create},
	{Store, Continue, Create},
	{Store, KeyCaptured, Check}, // a key found in the pasted address, taken once the store is ready
	{Create, ValueCaptured, Capture},
	{Create, KeyCaptured, Check},
	{Create, Continue, Capture}, // "I have the key and secret"
	{Capture, KeyCaptured, Check},
	{Check, KeyCaptured, Check}, // a fresh copy replaced a refused value: tested at once
	{Check, CheckPassed, Save},
	{Check, Continue, Save},
	{Check, DifferentKey, Capture},
	{Check, ChangeStore, Store},
	{Save, Continue, Send}, // saved, or going on without saving
	{Send, Sent, Done},
	{any, Resume, Check}, // a key kept from before (an earlier run, a saved connection to fix in place)
	{Home, NewConnection, Store},
	{Home, ChangeStore, Store}, // a saved connection whose store, or key, must change: walked from its store
	{Store, Connections, Home},
	{Done, Connections, Home},
	{Home, FinishReplace, Done}, // the new key is delivered; the old one is revoked and proven gone there
	{Home, Regenerate, Create},  // Syncore's keys: who uses them is listed before the merchant regenerates
	{Create, Back, Store},
	{Capture, Back, Create},
	{Check, Back, Capture},
	{Save, Back, Check},
	{Send, Back, Save},
	// Store and Done have no Back: the first has nowhere to go, the last is finished.
}

// Next is where event e leads from step s; ok is false when it leads nowhere (the step stays).
func Next(s Step, e Event) (to Step, ok bool) {
	for _, t := range Transitions {
		if (t.From == s || t.From == any) && t.On == e {
			return t.To, true
		}
	}
	return s, false
}

// CanGoBack reports whether Back leads anywhere from s.
func CanGoBack(s Step) bool {
	_, ok := Next(s, Back)
	return ok
}

// Jobs controls the one background job a step runs: network and keyring work off the UI goroutine, with
// a Cancel that works even while a request hangs. Starting a job supersedes the one running; whatever a
// superseded or cancelled job brings back is dropped. Not safe for concurrent use: the UI goroutine owns it.
type Jobs struct {
	gen    int
	cancel context.CancelFunc
	// What is the running job's progress line ("Checking the key with your store…"); "" when idle.
	What string
}

// Start begins a job, cancelling the one running, and returns its context and its ticket.
func (j *Jobs) Start(what string) (context.Context, int) {
	j.Cancel()
	ctx, cancel := context.WithCancel(context.Background())
	j.gen++
	j.cancel, j.What = cancel, what
	return ctx, j.gen
}

// Finish ends the job with ticket gen; false when it was superseded or cancelled, and its result must be
// dropped.
func (j *Jobs) Finish(gen int) bool {
	if gen != j.gen || j.cancel == nil {
		return false
	}
	j.cancel()
	j.cancel, j.What = nil, ""
	return true
}

// Cancel stops the running job, if any, and reports whether there was one.
func (j *Jobs) Cancel() bool {
	if j.cancel == nil {
		return false
	}
	j.cancel()
	j.gen++
	j.cancel, j.What = nil, ""
	return true
}

// Say changes the running job's progress line, if gen is still the running job; false when it isn't.
func (j *Jobs) Say(gen int, what string) bool {
	if gen != j.gen || j.cancel == nil {
		return false
	}
	j.What = what
	return true
}

// Busy reports whether a job runs.
func (j *Jobs) Busy() bool { return j.cancel != nil }
