package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/syncore"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
)

// The walk for a Syncore key: the same steps and the same transitions as a WooCommerce key's, drawn by
// these screens. A source is where a key is made (Syncore Settings > API); a partner is the app it goes to.

// syncoreState is what the Syncore walk captured and learned; it survives Back and forth.
type syncoreState struct {
	partner syncore.Partner
	// primary and secondary are the keys captured (Syncore shows two; either works); fromClip says which
	// came from the clipboard, errs why the last value offered for each was refused.
	primary, secondary string
	fromClip           [2]bool
	errs               [2]string
	typed              [2]string
	result, second     *syncore.Result // the live checks of the primary and the secondary key
	// A regeneration: the keys in use before (an item holding them), every saved connection using them,
	// the old key's check after the regeneration, and which partners have the new key.
	regen     bool
	old       vault.Item
	affected  []vault.Item
	oldResult *syncore.Result
	updated   map[string]bool
}

// syncoreSource is the Syncore profile the wizard works with (the sandbox's in the demo and tests).
func (w *Wizard) syncoreSource() syncore.Source { return *w.deps.Syncore }

// syncoreClient calls Syncore's API: one client, so its connections are reused.
func (w *Wizard) syncoreClient() *syncore.Client { return w.deps.SyncoreClient }

// isSyncore reports whether the walk is a Syncore key's.
func (w *Wizard) isSyncore() bool { return w.source == syncore.ID }

// chooseSource switches what the merchant connects from; what was captured for the other stays.
func (w *Wizard) chooseSource(id string) {
	if id == w.source {
		return
	}
	w.source = id
	if id == syncore.ID && w.sy.partner.ID == "" {
		w.sy.partner = w.syncoreSource().Partners[0]
	}
	w.render()
}

// sourceSelect is "What are you connecting from?" on the first screen.
func (w *Wizard) sourceSelect() fyne.CanvasObject {
	src := w.syncoreSource()
	woo, sy := "A WooCommerce store", src.Name+" ("+src.What+")"
	sel := widget.NewSelect([]string{woo, sy}, func(s string) {
		if s == sy {
			w.chooseSource(syncore.ID)
		} else {
			w.chooseSource("")
		}
	})
	if w.isSyncore() {
		sel.SetSelected(sy)
	} else {
		sel.SetSelected(woo)
	}
	return container.NewVBox(heading("What are you connecting from?"), sel)
}

// syncoreScreen is step s of the Syncore walk.
func (w *Wizard) syncoreScreen(s step) screen {
	return [stepCount]func() screen{
		w.syncoreStoreScreen, w.syncoreCreateScreen, w.syncoreCaptureScreen, w.syncoreCheckScreen,
		w.syncoreSaveScreen, w.syncoreSendScreen, w.syncoreDoneScreen,
	}[s]()
}

// Step 1: what it connects from and the partner it goes to.
func (w *Wizard) syncoreStoreScreen() screen {
	src := w.syncoreSource()
	names := make([]string, len(src.Partners))
	for i, p := range src.Partners {
		names[i] = p.Name
	}
	partner := widget.NewSelect(names, func(name string) {
		if p, ok := w.partnerNamed(name); ok {
			w.sy.partner = p
		}
	})
	partner.SetSelected(w.sy.partner.Name)
	c := []fyne.CanvasObject{
		wrapLabel("Key Relay hands a "+src.Name+" API key to the app that needs it: it walks you to the key, checks it live with "+src.Name+", keeps it in your keyring, and later makes regenerating the keys safe.", widget.MediumImportance),
		w.sourceSelect(),
		heading("Which app gets the key?"), partner,
		aside("⚠ " + src.AdminOnly),
	}
	return screen{title: "What you're connecting", content: c, primary: "Continue", action: func() { w.send(walk.Continue) }}
}

func (w *Wizard) partnerNamed(name string) (syncore.Partner, bool) {
	for _, p := range w.syncoreSource().Partners {
		if p.Name == name {
			return p, true
		}
	}
	return syncore.Partner{}, false
}

// Step 2: the documented steps (or, for a regeneration, who stops working first), and Syncore's page.
func (w *Wizard) syncoreCreateScreen() screen {
	src := w.syncoreSource()
	open := widget.NewButtonWithIcon("Open "+src.Name+" Settings > API", theme.ComputerIcon(), func() { w.open(src.SettingsURL) })
	var c []fyne.CanvasObject
	steps := src.Steps
	if w.sy.regen {
		steps = src.RegenerateSteps
		c = append(c, heading("These stop working the moment you click Regenerate"))
		for _, it := range w.sy.affected {
			c = append(c, wrapLabel("• "+w.partnerName(it.Service)+" (key "+syncore.Mask(it.Key)+")", widget.WarningImportance))
		}
		c = append(c, wrapLabel("Regenerating can't be undone: the old keys stop working at once. Key Relay checks the new key, proves the old one refused, and then walks you through giving the new key to each app above.", widget.MediumImportance))
	}
	c = append(c, wrapLabel("In "+src.Name+": Syncore Settings > API", widget.MediumImportance), numbered(steps),
		container.NewHBox(open), aside("⚠ "+src.AdminOnly))
	c = append(c, w.syncoreErrs()...)
	c = append(c, aside("Key Relay is watching the clipboard while this step is open: the copy icon right of a key is enough."))
	return screen{title: map[bool]string{true: "Regenerate the keys", false: "Find the API key"}[w.sy.regen], content: c,
		primary: "I have the key", action: func() { w.send(walk.Continue) }}
}

// syncoreErrs are the reasons the last values offered were refused.
func (w *Wizard) syncoreErrs() []fyne.CanvasObject {
	var c []fyne.CanvasObject
	for _, e := range w.sy.errs {
		if e != "" {
			i := diagnosis.New(syncore.KeyFormat, e)
			c = append(c, w.issueCard(i, nil, false))
		}
	}
	return c
}

// Step 3: the keys, picked up from the clipboard or pasted: the first is the Primary, the second the
// Secondary, unless pasted into the other field.
func (w *Wizard) syncoreCaptureScreen() screen {
	c := []fyne.CanvasObject{wrapLabel("Click the copy icon right of the Primary key in Syncore (and the Secondary's, if the app wants both). Or paste below.", widget.MediumImportance)}
	for slot, label := range []string{"Primary key", "Secondary key (optional)"} {
		v := []string{w.sy.primary, w.sy.secondary}[slot]
		e := widget.NewPasswordEntry()
		e.SetPlaceHolder("Paste the " + strings.ToLower(strings.TrimSuffix(label, " (optional)")) + " here")
		e.SetText(w.sy.typed[slot])
		e.OnChanged = func(s string) { w.sy.typed[slot] = s }
		e.OnSubmitted = func(s string) { w.syncoreOffer(s, slot, false) }
		e.Validator = nil
		take := widget.NewButton("Use it", func() { w.syncoreOffer(e.Text, slot, false) })
		row := []fyne.CanvasObject{heading(label)}
		if v != "" {
			how := "pasted"
			if w.sy.fromClip[slot] {
				how = "picked up from the clipboard"
			}
			row = append(row, wrapLabel("✓ "+syncore.Mask(v)+" ("+how+")", widget.SuccessImportance))
		} else {
			row = append(row, container.NewBorder(nil, nil, nil, take, e))
		}
		c = append(c, container.NewVBox(row...))
	}
	if w.sy.primary != "" && w.sy.secondary != "" {
		c = append(c, container.NewHBox(widget.NewButton("These are the other way round", func() {
			w.sy.primary, w.sy.secondary = w.sy.secondary, w.sy.primary
			w.sy.fromClip[0], w.sy.fromClip[1] = w.sy.fromClip[1], w.sy.fromClip[0]
			w.sy.result, w.sy.second = nil, nil
			w.render()
		})))
	}
	c = append(c, w.syncoreErrs()...)
	sc := screen{title: "Capture the key", content: c, primary: "Check the key", action: func() { w.send(walk.KeyCaptured) }}
	sc.disabled = w.sy.primary == ""
	return sc
}

// syncoreOffer takes a value offered for slot (0 Primary, 1 Secondary; -1: the next free one, as the
// clipboard gives them) or says why it is refused; nothing captured before is lost.
func (w *Wizard) syncoreOffer(text string, slot int, fromClip bool) {
	src := w.syncoreSource()
	key, issue := src.Key(text)
	if slot < 0 {
		slot = 0
		if w.sy.primary != "" {
			slot = 1
		}
	}
	switch {
	case issue != nil:
		w.sy.errs[slot] = issue.Detail
		if fromClip {
			w.sy.errs[slot] = "From the clipboard: " + issue.Detail
		}
	case key == w.sy.primary || key == w.sy.secondary:
		return // the same key again
	case w.sy.regen && (key == w.sy.old.Key || key == w.sy.old.Secret):
		w.sy.errs[slot] = "this is the key in use now: regenerate the keys in Syncore first, then copy the new Primary key"
	default:
		if slot == 0 {
			w.sy.primary = key
		} else {
			w.sy.secondary = key
		}
		w.sy.fromClip[slot], w.sy.errs[slot], w.sy.typed[slot] = fromClip, "", ""
		w.sy.result, w.sy.second, w.saved = nil, nil, false
		if cb := w.app.Clipboard(); fromClip && cb.Content() == text {
			cb.SetContent("") // Key Relay has it; left on the clipboard it could be pasted anywhere
			w.lastClip = ""
		}
		if w.step <= stepCapture || w.step == stepCheck {
			w.send(walk.KeyCaptured) // test at once; a Secondary arriving on the check step is tested too
			w.win.RequestFocus()
			return
		}
	}
	w.render()
}

// Step 4: the live read at Syncore's API; in a regeneration, also the old key, which must be refused.
func (w *Wizard) syncoreCheckScreen() screen {
	var c []fyne.CanvasObject
	r := w.sy.result
	switch {
	case w.busy():
		c = append(c, aside("Key Relay reads Syncore's list of suppliers with the key: a read that changes nothing."))
	case r == nil:
		return screen{title: "Check the key", primary: "Check again", action: w.syncoreCheck}
	case r.Works:
		box := container.NewVBox(heading("✓ " + w.syncoreSource().Name + " accepts the key " + syncore.Mask(w.sy.primary)))
		box.Add(aside(r.Tested))
		if s := w.sy.second; s != nil && s.Works {
			box.Add(wrapLabel("✓ The Secondary key "+syncore.Mask(w.sy.secondary)+" works too.", widget.SuccessImportance))
		}
		c = append(c, box)
	default:
		c = append(c, w.issueCard(r.Issue, w.syncoreCheck, false))
		if r.Issue.Offer(diagnosis.OfferNewKey) {
			c = append(c, container.NewHBox(widget.NewButtonWithIcon("Enter a different key", theme.NavigateBackIcon(), func() {
				w.sy.primary, w.sy.result = "", nil
				w.send(walk.DifferentKey)
			})))
		}
	}
	if s := w.sy.second; s != nil && !s.Works && r != nil && r.Works {
		c = append(c, w.issueCard(s.Issue, w.syncoreCheck, true))
	}
	if o := w.sy.oldResult; o != nil {
		if o.Works {
			c = append(c, w.issueCard(diagnosis.New(syncore.OldKeyWorks, "the old key "+syncore.Mask(w.sy.old.Key)+" still reads "+o.Tested), w.syncoreCheck, false))
		} else if o.Issue.Code == syncore.KeyRefused {
			c = append(c, wrapLabel("✓ The old key "+syncore.Mask(w.sy.old.Key)+" is refused by Syncore now.", widget.SuccessImportance))
		}
	}
	sc := screen{title: "Check the key", content: c, primary: "Check again", action: w.syncoreCheck}
	if r != nil && r.Works && (w.sy.oldResult == nil || !w.sy.oldResult.Works) {
		sc.primary, sc.action = "Save the key", func() { w.send(walk.Continue) }
	}
	if r != nil && !r.Works && r.Issue.Offer(diagnosis.OfferContinueAnyway) {
		sc.primary, sc.action = "Continue without a test", func() { w.send(walk.Continue) }
	}
	return sc
}

// syncoreCheck runs the live checks off the UI goroutine, with Cancel.
func (w *Wizard) syncoreCheck() {
	src, cl := w.syncoreSource(), w.syncoreClient()
	primary, secondary, regen, old := w.sy.primary, w.sy.secondary, w.sy.regen, w.sy.old.Key
	w.sy.result, w.sy.second, w.sy.oldResult = nil, nil, nil
	w.run("Checking the key with "+src.Name+"…", func(ctx context.Context) func() {
		r, err := cl.Check(ctx, src, primary)
		if err != nil {
			return nil
		}
		var second, oldR *syncore.Result
		if secondary != "" {
			if second, err = cl.Check(ctx, src, secondary); err != nil {
				return nil
			}
		}
		if regen && r.Works {
			if oldR, err = cl.Check(ctx, src, old); err != nil {
				return nil
			}
		}
		return func() {
			w.sy.result, w.sy.second, w.sy.oldResult = r, second, oldR
			// A regeneration passes only when the old key is proven refused.
			oldGone := !regen || oldR != nil && !oldR.Works && oldR.Issue.Code == syncore.KeyRefused
			if r.Works && (second == nil || second.Works) && oldGone {
				w.send(walk.CheckPassed)
			}
		}
	})
}

// syncoreItems are what the keyring keeps: one connection per partner, the Primary key in Key and the
// Secondary in Secret; a regeneration updates every connection that used the old keys.
func (w *Wizard) syncoreItems() []vault.Item {
	src := w.syncoreSource()
	base := vault.Item{Source: syncore.ID, Store: src.Host(), Key: w.sy.primary, Secret: w.sy.secondary, Created: now()}
	if r := w.sy.result; r != nil {
		base.LastResult, base.LastCheck = r.Result(), now()
		if r.Works {
			base.Verified = now()
		}
	}
	if !w.sy.regen {
		base.Service = w.sy.partner.ID
		return []vault.Item{base}
	}
	items := make([]vault.Item, len(w.sy.affected))
	for i, it := range w.sy.affected {
		items[i] = base
		items[i].Service, items[i].Created = it.Service, it.Created
	}
	return items
}

// Step 5: into the keyring.
func (w *Wizard) syncoreSaveScreen() screen {
	sc := screen{title: "Save the key"}
	switch {
	case w.busy():
	case w.saved:
		sc.content = []fyne.CanvasObject{wrapLabel("✓ Saved in "+w.deps.Vault.Where()+".", widget.SuccessImportance),
			aside("Only the key's last four characters are ever shown.")}
		sc.primary, sc.action = "Continue", func() { w.send(walk.Continue) }
	case w.saveErr != nil:
		sc.content = []fyne.CanvasObject{w.issueCard(vault.Issue(w.saveErr), nil, false),
			container.NewHBox(widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), w.syncoreSave))}
		sc.primary, sc.action = "Continue without saving", func() { w.send(walk.Continue) }
	}
	return sc
}

func (w *Wizard) syncoreSave() {
	items := w.syncoreItems()
	w.run("Saving the key in "+w.deps.Vault.Where()+"…", func(ctx context.Context) func() {
		var err error
		for _, it := range items {
			if err = w.deps.Vault.Save(it); err != nil {
				break
			}
		}
		return func() {
			w.saved, w.saveErr = err == nil, err
			if err == nil {
				for _, it := range items {
					w.rememberSaved(it)
				}
			}
		}
	})
}

// Step 6: the copy buttons and the partner's steps; in a regeneration, each app that used the old keys.
func (w *Wizard) syncoreSendScreen() screen {
	copyP := widget.NewButtonWithIcon("Copy the Primary key", theme.ContentCopyIcon(), func() { w.copySecret("Primary key", w.sy.primary) })
	copyP.Importance = widget.HighImportance
	keys := []fyne.CanvasObject{copyP}
	if w.sy.secondary != "" {
		keys = append(keys, widget.NewButtonWithIcon("Copy the Secondary key", theme.ContentCopyIcon(), func() { w.copySecret("Secondary key", w.sy.secondary) }))
	}
	var c []fyne.CanvasObject
	partners := []syncore.Partner{w.sy.partner}
	if w.sy.regen {
		partners = nil
		for _, it := range w.sy.affected {
			partners = append(partners, w.syncorePartner(it.Service))
		}
		c = append(c, wrapLabel("Give the new key to every app that used the old one: they stopped working when you regenerated.", widget.WarningImportance))
	}
	c = append(c, container.NewGridWithColumns(len(keys), keys...))
	all := true
	for _, p := range partners {
		c = append(c, heading("In "+p.Name+":"), numbered(p.UpdateSteps))
		if w.sy.regen {
			p := p
			if w.sy.updated[p.ID] {
				c = append(c, wrapLabel("✓ "+p.Name+" has the new key.", widget.SuccessImportance))
			} else {
				all = false
				c = append(c, container.NewHBox(widget.NewButtonWithIcon(p.Name+" has the new key", theme.ConfirmIcon(), func() {
					if w.sy.updated == nil {
						w.sy.updated = map[string]bool{}
					}
					w.sy.updated[p.ID] = true
					w.render()
				})))
			}
		}
	}
	if w.copyNote != "" {
		w.copyLabel = wrapLabel(w.copyNote, widget.MediumImportance)
		c = append(c, w.copyLabel)
	}
	sc := screen{title: "Give the key to " + partners[0].Name, content: c, primary: "I've given the key to " + partners[0].Name, action: func() { w.send(walk.Sent) }}
	if w.sy.regen {
		sc.title, sc.primary, sc.disabled = "Give the new key to each app", "Every app has the new key", !all
	}
	return sc
}

// Step 7: what was handed over, and for a regeneration what was proven.
func (w *Wizard) syncoreDoneScreen() screen {
	src := w.syncoreSource()
	var c []fyne.CanvasObject
	if w.sy.regen {
		c = append(c, heading("✓ "+src.Name+"'s keys were regenerated safely"))
		if o := w.sy.oldResult; o != nil && !o.Works {
			c = append(c, wrapLabel("✓ The old key "+syncore.Mask(w.sy.old.Key)+" is refused by "+src.Name+".", widget.SuccessImportance))
		}
		names := []string{}
		for _, it := range w.sy.affected {
			names = append(names, w.partnerName(it.Service))
		}
		c = append(c, wrapLabel("✓ The new key "+syncore.Mask(w.sy.primary)+" works and went to: "+strings.Join(names, ", ")+".", widget.SuccessImportance))
	} else {
		c = append(c, heading("✓ Your "+src.Name+" key went to "+w.sy.partner.Name))
		c = append(c, wrapLabel("Key: "+syncore.Mask(w.sy.primary), widget.MediumImportance))
	}
	kept := "Not saved: the key isn't kept on this computer."
	if w.saved {
		kept = "Kept in " + w.deps.Vault.Where() + ". When the keys are regenerated one day, start from Your connections: Key Relay lists every app that uses them first."
	}
	c = append(c, wrapLabel(kept, widget.MediumImportance),
		container.NewHBox(widget.NewButtonWithIcon("Your connections", theme.ListIcon(), func() {
			w.send(walk.Connections)
			w.loadConnections()
		})))
	return screen{title: "Done", content: c, primary: "Close Key Relay", action: func() { w.win.Close() }}
}

// syncorePartner is the partner with id; one this version doesn't know is named by its id.
func (w *Wizard) syncorePartner(id string) syncore.Partner {
	if p, ok := w.syncoreSource().Partner(id); ok {
		return p
	}
	return syncore.Partner{ID: id, Name: id, UpdateSteps: []string{"Give " + id + " the new key where it takes it."}}
}

func (w *Wizard) partnerName(id string) string { return w.syncorePartner(id).Name }

// regenerateSafely starts a regeneration of the keys a saved Syncore connection uses: every connection
// using them is listed before the merchant clicks Regenerate in Syncore.
func (w *Wizard) regenerateSafely(it vault.Item) {
	w.source = syncore.ID
	w.sy = syncoreState{regen: true, old: it, updated: map[string]bool{}, partner: w.syncorePartner(it.Service)}
	for _, c := range w.conns {
		if c.Source == syncore.ID && c.Store == it.Store && c.Key == it.Key {
			w.sy.affected = append(w.sy.affected, c)
		}
	}
	w.saved, w.saveErr = false, nil
	w.send(walk.Regenerate)
}

// syncoreIssue is the Syncore walk's current diagnosis, for the support code.
func (w *Wizard) syncoreIssue() *diagnosis.Issue {
	switch {
	case w.step == stepCheck && w.sy.result != nil && !w.sy.result.Works:
		return w.sy.result.Issue
	case w.step == stepCheck && w.sy.oldResult != nil && w.sy.oldResult.Works:
		return diagnosis.New(syncore.OldKeyWorks, "")
	case w.step <= stepCapture && (w.sy.errs[0] != "" || w.sy.errs[1] != ""):
		return diagnosis.New(syncore.KeyFormat, "")
	}
	return nil
}

// syncoreRow is a saved Syncore connection on the list: the partner, the key's ending, its last check, and
// the safe way to regenerate.
func (w *Wizard) syncoreRow(i int) fyne.CanvasObject {
	it := w.conns[i]
	box := container.NewVBox(heading(syncoreTo(w.partnerName(it.Service))))
	line := "Primary key " + syncore.Mask(it.Key)
	if it.Secret != "" {
		line += " and Secondary key " + syncore.Mask(it.Secret)
	}
	box.Add(wrapLabel(line+" · saved "+ago(it.Created), widget.MediumImportance))
	var buttons []fyne.CanvasObject
	switch d := diagnosis.Find(diagnosis.Code(it.LastResult)); {
	case w.checking[i] && w.busy():
		box.Add(aside("Checking…"))
	case it.LastResult == "fit":
		box.Add(wrapLabel("✓ Syncore accepts the key (checked "+ago(it.LastCheck)+")", widget.SuccessImportance))
	case d != nil:
		box.Add(wrapLabel("✗ "+d.Title+" (checked "+ago(it.LastCheck)+")", widget.DangerImportance))
		// The key must be copied again from Syncore: the walk for this app, from its first step.
		buttons = append(buttons, widget.NewButtonWithIcon("Fix", theme.NavigateNextIcon(), func() {
			w.source, w.sy, w.saved, w.saveErr = syncore.ID, syncoreState{partner: w.syncorePartner(it.Service)}, false, nil
			w.send(walk.ChangeStore)
		}))
	default:
		box.Add(aside("Not checked yet on this computer."))
	}
	buttons = append(buttons,
		widget.NewButtonWithIcon("Regenerate keys safely", theme.ViewRefreshIcon(), func() { w.regenerateSafely(it) }),
		widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { w.askRemove(it) }))
	box.Add(container.NewHBox(buttons...))
	return box
}

// syncoreTo names a Syncore connection by its partner, in words: "Syncore to PromoSync". Not with "→":
// Fyne's Noto Sans has no arrow, the symbol font that draws it has no space, and the space after it shows
// as "�" (ui/glyphs_test.go checks every screen the tests look at).
func syncoreTo(partner string) string { return "Syncore to " + partner }
