package ui

import (
	"context"
	"fmt"
	urlpkg "net/url"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/vault"
	"github.com/keyrelay/keyrelay/client/walk"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// connectionsScreen is Your connections: the connections as kept in the keyring, why they couldn't be
// read, which are being checked, and the keys list to revoke a removed one's key.
type connectionsScreen struct {
	items           []vault.Item
	err             error
	checking        map[int]bool
	removedKeysPage string
}

// rotateAfter is a key's age from which the list suggests replacing it: WooCommerce keys never expire,
// and reviewing them regularly is the advice.
const rotateAfter = 365 * 24 * time.Hour

// Your connections: every store + service kept on this computer, its key by the ending WooCommerce's keys
// list shows, and how its last check ended; Check all re-checks them at once, read-only.
func (s *connectionsScreen) view(w *Wizard) screen {
	c := []fyne.CanvasObject{wrapLabel("The stores connected on this computer. Check all tests every key again, live, without changing anything in your stores.", widget.MediumImportance)}
	if s.err != nil {
		c = append(c, w.issueCard(vault.Issue(s.err), nil, false),
			container.NewHBox(widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), w.loadConnections)))
	}
	for i := range s.items {
		c = append(c, widget.NewSeparator(), w.connectionRow(i))
	}
	if s.removedKeysPage != "" {
		page := s.removedKeysPage
		c = append(c, container.NewHBox(widget.NewButtonWithIcon("Open the keys list", theme.ComputerIcon(), func() { w.open(page) })))
	}
	checkAll := widget.NewButtonWithIcon("Check all", theme.ViewRefreshIcon(), w.checkAll)
	if len(s.items) == 0 || w.busy() {
		checkAll.Disable()
	}
	c = append(c, widget.NewSeparator(), container.NewHBox(checkAll))
	return screen{title: "Your connections", content: c, primary: "New connection", action: w.newConnection, whileBusy: true}
}

// connectionRow is one connection: what it is, its key, its age, its last check, and what can be done.
func (w *Wizard) connectionRow(i int) fyne.CanvasObject {
	it := w.s.conns.items[i]
	if it.Source != "" {
		if src := w.sourceFor(it.Source); src != nil {
			return w.sourceRow(i, src)
		}
	}
	conn := connect.FromItem(it)
	name := it.Service
	if p, ok := w.serviceOf(it); ok {
		name = p.Name
	}
	box := container.NewVBox(heading(conn.Store + " (" + name + ")")) // as keyrelay-check --all names it
	perm := "permission not known yet"
	if conn.Permission != "" {
		perm = conn.Permission.Label()
	}
	line := "Key " + conn.Key + " · " + perm + " · saved " + ago(conn.Created)
	box.Add(wrapLabel(line, widget.MediumImportance))
	if !conn.Created.IsZero() && now().Sub(conn.Created) > rotateAfter {
		box.Add(wrapLabel("⚠ This key is over a year old. WooCommerce keys never expire: consider replacing it with a new one.", widget.WarningImportance))
	}
	buttons := w.lastCheck(box, i, "Works for "+name, func(d *diagnosis.Diagnosis) { w.fix(it, d) })
	if conn.OldKey != "" {
		box.Add(wrapLabel("⚠ The old key "+conn.OldKey+" still works until it is revoked and proven gone.", widget.WarningImportance))
		buttons = append(buttons, widget.NewButtonWithIcon("Finish replacing", theme.NavigateNextIcon(), func() { w.finishReplacing(it) }))
	} else {
		buttons = append(buttons, widget.NewButtonWithIcon("Replace key", theme.ViewRefreshIcon(), func() { w.replace(it) }))
	}
	buttons = append(buttons, widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { w.askRemove(it) }))
	box.Add(container.NewHBox(buttons...))
	return box
}

// lastCheck adds to a connection's box how its last check ended ("✓ "+works, or the diagnosis's title
// with a Fix button that calls fix); it returns the row's buttons so far.
func (w *Wizard) lastCheck(box *fyne.Container, i int, works string, fix func(*diagnosis.Diagnosis)) []fyne.CanvasObject {
	it := w.s.conns.items[i]
	switch d := diagnosis.Find(diagnosis.Code(it.LastResult)); {
	case w.s.conns.checking[i] && w.busy(): // a cancelled check leaves the row as it was
		box.Add(aside("Checking…"))
	case it.LastResult == "fit":
		box.Add(wrapLabel("✓ "+works+" (checked "+ago(it.LastCheck)+")", widget.SuccessImportance))
	case d != nil:
		box.Add(wrapLabel("✗ "+d.Title+" (checked "+ago(it.LastCheck)+")", widget.DangerImportance))
		return []fyne.CanvasObject{widget.NewButtonWithIcon("Fix", theme.NavigateNextIcon(), func() { fix(d) })}
	default:
		box.Add(aside("Not checked yet on this computer."))
	}
	return nil
}

// connectionsButton goes to Your connections, read again from the keyring.
func (w *Wizard) connectionsButton() fyne.CanvasObject {
	return container.NewHBox(widget.NewButtonWithIcon("Your connections", theme.ListIcon(), func() {
		w.send(walk.Connections)
		w.loadConnections()
	}))
}

// ago says how long ago t was, in a shop owner's words.
func ago(t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	d := now().Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d minutes ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d/time.Hour))
	case d < 60*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
	case d < 2*rotateAfter:
		return fmt.Sprintf("%d months ago", int(d/(30*24*time.Hour)))
	}
	return fmt.Sprintf("%d years ago", int(d/rotateAfter))
}

// serviceOf is the service a saved connection is for: a built-in one, or the app the merchant named.
func (w *Wizard) serviceOf(it vault.Item) (service.Profile, bool) {
	return connect.ProfileOf(it, w.deps.Services)
}

// loadConnections reads the saved connections from the keyring, off the UI goroutine (it may ask to be
// unlocked, and has its own timeout).
func (w *Wizard) loadConnections() {
	w.run("Reading your connections from "+w.deps.Vault.Where()+"…", func(ctx context.Context) func() {
		if !w.waitShown(ctx) { // on a start, the keyring after the first frame
			return nil
		}
		items, err := w.deps.Vault.List()
		return func() {
			w.s.conns.items, w.s.conns.err, w.s.conns.checking = items, err, map[int]bool{}
			if err == nil {
				w.followVault(items)
			}
		}
	})
}

// followVault makes the preferences' list of saved connections the vault's: the vault's index is the
// one that counts. The preferences keep only its account names (no key), so the next start can choose
// its first screen and offer the stores before it asks the keyring anything.
func (w *Wizard) followVault(items []vault.Item) {
	accounts := make([]string, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- { // newest last, as rememberSaved adds them
		accounts = append(accounts, vault.Account(items[i].Store, items[i].Service))
	}
	w.prefs().SetStringList(prefKnownStores, accounts)
}

// checkAll re-checks every connection at once; each row follows as its answer arrives, and Cancel works.
// What a check finds is kept with the connection in the keyring.
func (w *Wizard) checkAll() {
	items := slices.Clone(w.s.conns.items)
	w.s.conns.checking = map[int]bool{}
	for i := range items {
		w.s.conns.checking[i] = true
	}
	need := connect.RequirementsOf(w.deps.Services)
	w.run(fmt.Sprintf("Checking %d connections…", len(items)), func(ctx context.Context) func() {
		connect.CheckAll(ctx, w.deps.Client, items, need, func(i int, r connect.Recheck) {
			if r.Err != nil || ctx.Err() != nil {
				return
			}
			err := w.deps.Vault.Save(r.Item) // the result is kept with the connection; the list shows it either way
			w.deps.Do(func() {               // the UI goroutine: one row at a time
				if err != nil {
					w.keyringRefused(err, "The list shows what Check all found, but your keyring didn't keep it: after a restart the connections show their earlier checks.")
				}
				if ctx.Err() == nil && i < len(w.s.conns.items) && w.s.conns.items[i].Store == r.Item.Store {
					w.s.conns.items[i], w.s.conns.checking[i] = r.Item, false
					w.render()
				}
			})
		}, connect.WithSources(w.deps.Sources...))
		return func() { w.s.conns.checking = map[int]bool{} }
	})
}

// fix opens the walk where the connection's problem is fixed: a key fixed in place in WordPress is
// tested again as it is; anything else is walked from the store, which moves straight on to making a
// new key when the store is fine.
func (w *Wizard) fix(it vault.Item, d *diagnosis.Diagnosis) {
	if d.Offer(diagnosis.OfferFixInPlace) {
		w.startStore(w.partOf(it, keyOf(it)))
		w.send(walk.Resume)
		return
	}
	w.startStore(w.partOf(it, woo.Credentials{}))
	w.send(walk.ChangeStore)
	w.checkStore()
}

// askRemove removes a connection after asking: the keyring item goes, the key itself stays in WordPress
// until revoked there, and the merchant is told how.
func (w *Wizard) askRemove(it vault.Item) {
	msg := "Remove the connection of " + it.Store + "? Key Relay forgets the key " + redact.MaskKey(it.Key) +
		" on this computer. The key itself keeps working until you revoke it in WordPress."
	src := w.sourceFor(it.Source)
	if it.Source != walk.StoreID && src != nil {
		msg = "Remove the " + src.Name() + " key for " + walk.PartnerOf(src, it.Service).Name + "? Key Relay forgets the key " + src.Mask(it.Key) +
			" on this computer. The key keeps working in " + src.Name() + " until its keys are regenerated."
	}
	dialog.ShowConfirm("Remove this connection?", msg, func(yes bool) {
		if !yes {
			return
		}
		if err := w.deps.Vault.Delete(it.Store, it.Service); err != nil {
			w.s.conns.err = err
			w.render()
			return
		}
		w.forget(it)
		w.s.conns.items = slices.DeleteFunc(w.s.conns.items, func(c vault.Item) bool { return c.Store == it.Store && c.Service == it.Service })
		if it.Source != walk.StoreID && src != nil {
			w.f.note = "Removed. The key " + src.Mask(it.Key) + " still works in " + src.Name() + " until its keys are regenerated."
			w.render()
			return
		}
		w.f.note = "Removed. The key " + redact.MaskKey(it.Key) + " still exists in WordPress: to revoke it, open WooCommerce > Settings > Advanced > REST API, find the key ending in " +
			woo.KeyEnding(it.Key) + " and click Revoke."
		w.s.conns.removedKeysPage = wpadmin.URL(mustURL(it.Store), wpadmin.Keys, "")
		w.render()
	}, w.win)
}

// forget takes a removed connection out of what the address field offers.
func (w *Wizard) forget(it vault.Item) {
	entry := vault.Account(it.Store, it.Service)
	w.prefs().SetStringList(prefKnownStores, slices.DeleteFunc(w.prefs().StringList(prefKnownStores), func(k string) bool { return k == entry }))
}

func mustURL(s string) *urlpkg.URL {
	u, _ := urlpkg.Parse(s)
	if u == nil {
		u = &urlpkg.URL{}
	}
	return u
}

// replace walks a new key for a saved connection: made, tested and delivered like a first key, kept in the
// keyring with the old one beside it before anything is revoked; then the old key is revoked and proven
// gone (Done).
func (w *Wizard) replace(it vault.Item) {
	st := w.partOf(it, woo.Credentials{})
	st.Replacing = &vault.OldKey{Key: it.Key, Secret: it.Secret}
	w.startStore(st)
	w.send(walk.ChangeStore)
	w.checkStore()
}

// finishReplacing takes up a replacement whose old key isn't proven gone (the app stopped in between).
func (w *Wizard) finishReplacing(it vault.Item) {
	st := w.partOf(it, keyOf(it))
	st.Replacing = it.Replacing
	w.startStore(st)
	w.at.Saved = true // it is kept: only the old key's retirement is left
	w.send(walk.FinishReplace)
}

// newConnection walks a new connection from the start: nothing of the last walk (its key, its test, a
// regeneration) carries into it; the service chosen last stays chosen, and the address field offers the
// store checked last, as on a fresh start.
func (w *Wizard) newConnection() {
	src, partner, fresh := w.at.Source, w.at.Partner, w.freshStore()
	w.walks = map[string]*walk.Attempt{}
	w.startStore(fresh)
	if src.ID() != walk.StoreID {
		w.startSource(src, partner, nil) // the app chosen last stays chosen
	}
	w.send(walk.NewConnection)
}
