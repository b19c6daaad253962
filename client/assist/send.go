package assist

import (
	"context"
	"errors"
	"time"

	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Delivery is where the key goes: the service's account page and its form map.
type Delivery struct {
	Service    string // the service's name
	AccountURL string
	Form       service.Form
}

// formState is what the service's page shows, read in one go in Key Relay's world. It never holds the
// key: the script that reads it is given none.
type formState struct {
	URL     string `json:"url"`
	Here    bool   `json:"here"`    // the document is at the service's own origin; nothing else is read
	Open    bool   `json:"open"`    // the link to the form
	Fields  bool   `json:"fields"`  // both fields
	Submit  bool   `json:"submit"`  // the button
	Success bool   `json:"success"` // the words the service shows after a good update
}

const readForm = `function (f, origin) {
  var st = {url: String(location.href), here: location.origin === origin};
  if (!st.here) return st;
  var q = function (s) { try { return document.querySelector(s); } catch (e) { return null; } };
  st.open = !!q(f.open); st.fields = !!q(f.key_field) && !!q(f.secret_field); st.submit = !!q(f.submit);
  st.success = !!document.body && document.body.innerText.indexOf(f.success) >= 0;
  return st;
}`

// fillForm writes the pair into the service's two fields and outlines its button, in one synchronous
// call in Key Relay's world of the document whose origin it checks first: a page that moved on gets
// nothing, and no script of the page sees the values before its own fields hold them. Values go in
// through the input's own setter with input and change events, as typing would (frameworks that keep
// their own state see them), and are read back. It returns "" or what went wrong.
const fillForm = `function (f, origin, key, secret, note) {
  if (location.origin !== origin) return 'moved';
  var q = function (s) { try { return document.querySelector(s); } catch (e) { return null; } };
  var k = q(f.key_field), s = q(f.secret_field), b = q(f.submit);
  if (!k || !s) return 'fields';
  if (!b) return 'button';
  var usable = function (e) {
    var r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    return !e.disabled && !e.readOnly && r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  if (!usable(k) || !usable(s)) return 'hidden';
  var set = function (e, v) {
    e.focus();
    var proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, v);
    e.dispatchEvent(new Event('input', {bubbles: true}));
    e.dispatchEvent(new Event('change', {bubbles: true}));
    return e.value === v;
  };
  if (!set(k, key) || !set(s, secret)) { k.value = ''; s.value = ''; return 'value'; }
` + outlineButton

// FillService opens the service's account page in the same window, follows the form map to its API key
// form, fills in the key and the secret, highlights the service's own submit button and waits for the
// merchant's click, until the page shows the map's success text. A part of the map not found within
// FormTimeout is service_form_changed, and nothing is left half-filled. The key goes only into a
// document at the account page's own origin; the moment the tab is elsewhere Key Relay stops
// (page_left_site, naming where), and success counts only on that origin.
func (s *Session) FillService(ctx context.Context, d Delivery, c woo.Credentials, say func(Phase)) error {
	return s.settle(ctx, s.fillService(ctx, d, c, say))
}

func (s *Session) fillService(ctx context.Context, d Delivery, c woo.Credentials, say func(Phase)) error {
	origin := originOf(d.AccountURL)
	if origin == "" {
		return fail(woo.ServiceFormChanged, nil, "the service's account address isn't an address")
	}
	say(Opening)
	if err := s.navigate(ctx, d.AccountURL); err != nil {
		return err
	}
	f := d.Form
	left := func(st formState) error {
		return fail(woo.PageLeftSite, nil, "%s's page moved to %s, which isn't %s: Key Relay puts keys only into %s's own page", d.Service, siteOf(st.URL), origin, d.Service)
	}
	read := func() (formState, error) { return readInWorld[formState](s, ctx, readForm, f, origin) }
	// wait polls the page until ready says it's ready, for FormTimeout; missing names the part not found.
	wait := func(ready func(formState) bool, missing string) (formState, error) {
		deadline := time.Now().Add(s.opts.FormTimeout)
		for {
			st, err := read()
			switch {
			case err == nil && !st.Here:
				return st, left(st)
			case err == nil && ready(st):
				return st, nil
			case err != nil:
				return st, err
			case time.Now().After(deadline):
				return st, fail(woo.ServiceFormChanged, nil, "%s wasn't on %s's page (%s) within %s", missing, d.Service, siteOf(st.URL), s.opts.FormTimeout)
			}
			if err := sleep(ctx, s.opts.Poll); err != nil {
				return st, err
			}
		}
	}
	st, err := wait(func(st formState) bool { return st.Fields || st.Open }, "the link to the API key form ("+f.Open+")")
	if err != nil {
		return err
	}
	if !st.Fields {
		if _, err := inWorld[bool](s, ctx, `function (sel, origin) { if (location.origin !== origin) return false; var e = document.querySelector(sel); if (e) e.click(); return !!e; }`, f.Open, origin); err != nil && !errors.Is(err, errNavigated) {
			return err
		}
		if _, err := wait(func(st formState) bool { return st.Fields && st.Submit }, "the key and secret fields ("+f.KeyField+", "+f.SecretField+") and the button ("+f.Submit+")"); err != nil {
			return err
		}
	}
	note := "Key Relay filled in your new WooCommerce key for " + d.Service + ". Click the highlighted button to save it."
	why, err := inWorld[string](s, ctx, fillForm, f, origin, c.Key, c.Secret, note)
	switch {
	case errors.Is(err, errNavigated) || err == nil && why == "moved":
		if st, rerr := read(); rerr == nil && !st.Here {
			return left(st)
		}
		return fail(woo.PageChanged, nil, "%s's page changed before Key Relay could fill it in; nothing was typed", d.Service)
	case err != nil:
		return err
	case why != "":
		return fail(woo.ServiceFormChanged, nil, "%s's form: %s", d.Service, map[string]string{
			"fields": "the key and secret fields (" + f.KeyField + ", " + f.SecretField + ") weren't there",
			"button": "the button " + f.Submit + " wasn't on the page",
			"hidden": "the key and secret fields aren't visible and open for typing",
			"value":  "a field didn't take the value",
		}[why])
	}
	say(Submit)
	for {
		st, err := read()
		switch {
		case err != nil:
			s.emptyFields(origin, f.KeyField, f.SecretField)
			return err
		case !st.Here:
			return left(st) // the document Key Relay filled is gone: nothing of it is left to clear
		case st.Success:
			return nil
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			s.emptyFields(origin, f.KeyField, f.SecretField) // cancelled: nothing is left filled in without Key Relay watching
			return err
		}
	}
}

// keysPageState is the keys list as read: its page, or where the tab is instead.
type keysPageState struct {
	HTML      string `json:"html"`
	Login     bool   `json:"login"`     // WordPress's login form
	Elsewhere string `json:"elsewhere"` // the origin the tab is at, when not the store's
}

// maxKeysPage is the most of the keys list read: WordPress's page is some tens of kilobytes.
const maxKeysPage = 2 << 20

// LastUse reads the key's row in the keys list (in the same window, where the merchant is logged in), at
// the keys list's own origin only. ok is false when the list has no row for the key.
func (s *Session) LastUse(ctx context.Context, keysList, consumerKey string) (row wpadmin.KeyRow, ok bool, err error) {
	row, ok, err = s.lastUse(ctx, keysList, consumerKey)
	return row, ok, s.settle(ctx, err)
}

func (s *Session) lastUse(ctx context.Context, keysList, consumerKey string) (row wpadmin.KeyRow, ok bool, err error) {
	if err := s.navigate(ctx, keysList); err != nil {
		return row, false, err
	}
	origin := originOf(keysList)
	page, err := readInWorld[keysPageState](s, ctx, `function (origin, max) {
  if (location.origin !== origin) return {elsewhere: String(location.origin)};
  if (document.getElementById('loginform')) return {login: true};
  return {html: document.documentElement.outerHTML.slice(0, max)};
}`, origin, maxKeysPage)
	switch {
	case err != nil:
		return row, false, err
	case page.Login:
		return row, false, fail(woo.BrowserLoggedOut, nil, "the keys list showed WordPress's login form")
	case page.Elsewhere != "":
		return row, false, fail(woo.PageLeftSite, nil, "the keys list moved to %s, which isn't %s", siteOf(page.Elsewhere), origin)
	}
	ending := consumerKey
	if len(ending) > wpadmin.EndingLength {
		ending = ending[len(ending)-wpadmin.EndingLength:]
	}
	for _, r := range wpadmin.ParseKeysList(page.HTML, time.UTC) {
		if r.Ending == ending {
			r.Raw = pageWords(r.Raw, 60) // the page's words: masked and short before they reach a screen
			r.Description = pageWords(r.Description, 100)
			r.User = pageWords(r.User, 60)
			return r, true, nil
		}
	}
	return row, false, nil
}

// WaitForUse reads the keys list every UsePoll until the key's Last access is a time later than before
// (the row as read right after Key Relay's own last call), and returns the row that shows the service's
// use. Last access is to the minute in the site's own clock: it is compared only with itself, never with
// this computer's clock, and only a time read as a time is proof (a cell saying anything else is not).
// A logged-out window is said (LoggedOut) and waited out. After within, it is not_used_yet.
func (s *Session) WaitForUse(ctx context.Context, keysList, consumerKey string, before wpadmin.KeyRow, within time.Duration, say func(Phase)) (wpadmin.KeyRow, error) {
	say(WaitingForUse)
	deadline := time.Now().Add(within)
	for {
		r, ok, err := s.LastUse(ctx, keysList, consumerKey)
		switch {
		case err != nil && Issue(err) != nil && Issue(err).Code == woo.BrowserLoggedOut:
			say(LoggedOut)
		case err != nil:
			return r, err
		case ok && !r.LastAccess.IsZero() && r.LastAccess.After(before.LastAccess):
			return r, nil
		}
		if time.Now().After(deadline) {
			return r, fail(woo.NotUsedYet, nil, "Last access still read %q after %s", pageWords(r.Raw, 60), within.Round(time.Second))
		}
		if err := sleep(ctx, s.opts.UsePoll); err != nil {
			return r, err
		}
	}
}
