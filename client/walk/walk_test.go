package walk

import (
	"context"
	"testing"
)

// One test per row of the table: the event in the state leads to the state.
func TestEveryTransition(t *testing.T) {
	for _, row := range Transitions {
		froms := []Step{row.From}
		if row.From == any {
			froms = nil
			for s := Store; s < Count; s++ {
				froms = append(froms, s)
			}
		}
		for _, from := range froms {
			if to, ok := Next(from, row.On); !ok || to != row.To {
				t.Errorf("%s on %q: %s (%v), want %s", from, row.On, to, ok, row.To)
			}
		}
	}
}

// What the table doesn't list leaves the step as it is; Back doesn't leave the first or the last step.
func TestUnlistedEventsStay(t *testing.T) {
	for _, c := range []struct {
		from Step
		on   Event
	}{{Store, Back}, {Done, Back}, {Store, CheckPassed}, {Capture, CheckPassed}, {Done, Continue}, {Save, KeyCaptured}, {Check, Cancel}} {
		if to, ok := Next(c.from, c.on); ok || to != c.from {
			t.Errorf("%s on %q moved to %s", c.from, c.on, to)
		}
	}
	if CanGoBack(Store) || CanGoBack(Done) || !CanGoBack(Check) {
		t.Error("Back")
	}
	if Step(3).String() != "check" || Step(42).String() != "step(42)" {
		t.Error("names")
	}
}

// A superseded or cancelled job's result is dropped; Cancel stops its context at once.
func TestJobs(t *testing.T) {
	var j Jobs
	ctx1, g1 := j.Start("one")
	_, g2 := j.Start("two") // supersedes one
	if ctx1.Err() != context.Canceled || j.Finish(g1) || !j.Busy() || j.What != "two" {
		t.Fatal("the first job was not superseded")
	}
	if j.Say(g1, "one's news") || j.What != "two" || !j.Say(g2, "two, waiting") || j.What != "two, waiting" {
		t.Fatal("only the running job's progress line changes")
	}
	if !j.Finish(g2) || j.Busy() || j.What != "" || j.Finish(g2) || j.Say(g2, "late") || j.What != "" {
		t.Fatal("finishing the second")
	}
	ctx3, g3 := j.Start("three")
	if !j.Cancel() || ctx3.Err() == nil || j.Finish(g3) || j.Cancel() {
		t.Fatal("cancel")
	}
}

// Every step has its own title: the header shows it and keyrelay-check --decode names a support code's
// step by it, counting from 1 in this order.
func TestEveryStepHasATitle(t *testing.T) {
	seen := map[string]bool{}
	for s := Store; s < Count; s++ {
		if s.Title() == "" || seen[s.Title()] {
			t.Fatalf("step %v: title %q", s, s.Title())
		}
		seen[s.Title()] = true
	}
	if Store.Title() != "Your store" || Check.Title() != "Test the key" || Home.Title() != "Your connections" || Count.Title() != "" ||
		Store.String() != "store" || Done.String() != "done" {
		t.Fatal("a step's title changed: support agents read it in decoded codes")
	}
}
