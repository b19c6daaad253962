package assist

import (
	"context"
	"errors"
	"time"

	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Delivery is where the key goes: the service's account page and what its form says.
type Delivery struct {
	Service    string // the service's name
	AccountURL string
	Form       service.Form // its words (and selectors, a hint); the zero Form is the words table alone
}

// FillService opens the service's account page in the same window, finds its key form by what the page
// says (client/keyform: labels, aria labels, placeholders, names, the text before a field), following the
// profile's link to it where there is one and otherwise watching while the merchant logs in and clicks
// through, for FormTimeout; fills in the key and the secret the moment both fields exist, highlights the
// button that saves them and waits for the merchant's click, until the page changes (the fields gone,
// the pop-up closed, another page of the service, or the profile's success text). Two equally good places
// for the key are service_form_ambiguous and nothing found is service_form_changed; either way nothing
// is typed. The key goes only into fields of documents at the account page's own origin; the moment the
// tab is elsewhere Key Relay stops (page_left_site, naming where).
func (s *Session) FillService(ctx context.Context, d Delivery, c woo.Credentials, say func(Phase)) error {
	return s.settle(ctx, s.fillService(ctx, d, c, say))
}

// serviceLeft is page_left_site for the service's page.
func serviceLeft(d Delivery, origin string, st described) error {
	return fail(browser.PageLeftSite, nil, "%s's page moved to %s, which isn't %s: Key Relay puts keys only into %s's own page", d.Service, siteOf(st.URL), origin, d.Service)
}

func (s *Session) fillService(ctx context.Context, d Delivery, c woo.Credentials, say func(Phase)) error {
	origin := originOf(d.AccountURL)
	if origin == "" {
		return fail(keyform.ServiceFormChanged, nil, "the service's account address isn't an address")
	}
	say(Opening)
	if err := s.navigate(ctx, d.AccountURL); err != nil {
		return err
	}
	ch, err := s.findForm(ctx, d, origin, say)
	if err != nil {
		return err
	}
	note := "Key Relay filled in your new WooCommerce key for " + d.Service + ". Click the highlighted button to save it."
	why, err := inWorld[string](s, ctx, fillScript, origin, ch.Key, ch.Secret, ch.Submit, c.Key, c.Secret, note)
	switch {
	case errors.Is(err, errNavigated) || err == nil && why == "moved":
		if st, rerr := s.describe(ctx, origin, d.Form); rerr == nil && !st.Here {
			return serviceLeft(d, origin, st)
		}
		return fail(browser.PageChanged, nil, "%s's page changed before Key Relay could fill it in; nothing was typed", d.Service)
	case err != nil:
		return err
	case why != "":
		return fail(keyform.ServiceFormChanged, nil, "%s's form: %s; nothing was typed", d.Service, map[string]string{
			"fields": "the key and secret fields went away as Key Relay filled them in",
			"button": "its button went away",
			"hidden": "the key and secret fields aren't visible and open for typing",
			"filled": "a field Key Relay chose was typed into meanwhile",
			"value":  "a field didn't take the value",
		}[why])
	}
	return s.awaitSubmit(ctx, d, origin, say)
}

// findForm watches the service's page until keyform chooses its key fields and button, following the
// profile's link to the form once per page where the form isn't there yet.
func (s *Session) findForm(ctx context.Context, d Delivery, origin string, say func(Phase)) (keyform.Choice, error) {
	h, _ := hints(d.Form)
	deadline := time.Now().Add(s.opts.FormTimeout)
	followed := map[string]bool{} // the pages whose link to the form Key Relay followed
	told := false
	for {
		st, err := s.describe(ctx, origin, d.Form)
		if err != nil {
			return keyform.Choice{}, err
		}
		if !st.Here {
			return keyform.Choice{}, serviceLeft(d, origin, st)
		}
		ch, why := s.opts.Words.Choose(st.Page, h)
		switch {
		case why == nil:
			return ch, nil
		case errors.Is(why, keyform.ErrTwoForms):
			return ch, fail(keyform.ServiceFormAmbiguous, why, "%s's page (%s) has two places that are equally good for the key", d.Service, siteOf(st.URL))
		case errors.Is(why, keyform.ErrNotFound) && !followed[st.URL]:
			i, ok := s.opts.Words.Opener(st.Page, h)
			if ok || d.Form.Open != "" {
				followed[st.URL] = true
				// The profile's selector is tried first; the words' link when it matches nothing.
				if _, err := inWorld[bool](s, ctx, clickOpenerScript, origin, d.Form.Open, i, ok); err != nil && !errors.Is(err, errNavigated) {
					return ch, err
				}
			}
		}
		if time.Now().After(deadline) {
			detail := "no fields called consumer key and consumer secret were on %s's page (%s) within %s"
			if errors.Is(why, keyform.ErrNoButton) {
				detail = "the key fields were on %s's page (%s), but no button that saves them, within %s"
			}
			return ch, fail(keyform.ServiceFormChanged, why, detail, d.Service, siteOf(st.URL), s.opts.FormTimeout.Round(time.Second))
		}
		if !told {
			say(FindForm)
			told = true
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			return ch, err
		}
	}
}

// awaitSubmit waits for the merchant's click on the service's button: the page changes (the filled
// fields gone or hidden, another page of the service without the form, the profile's success text).
// Cancelled, Key Relay empties the fields it filled before it stops watching.
func (s *Session) awaitSubmit(ctx context.Context, d Delivery, origin string, say func(Phase)) error {
	say(Submit)
	h, _ := hints(d.Form)
	for {
		st, err := s.describe(ctx, origin, d.Form)
		switch {
		case err != nil:
			s.emptyChosen(origin)
			return err
		case !st.Here:
			return serviceLeft(d, origin, st) // the document Key Relay filled is gone: nothing of it is left to clear
		case st.Success, st.Filled && st.Gone:
			return nil
		case !st.Filled: // another document of the service's: the form was sent
			if _, why := s.opts.Words.Choose(st.Page, h); errors.Is(why, keyform.ErrNotFound) {
				return nil
			}
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			s.emptyChosen(origin) // cancelled: nothing is left filled in without Key Relay watching
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
		return row, false, fail(browser.LoggedOut, nil, "the keys list showed WordPress's login form")
	case page.Elsewhere != "":
		return row, false, fail(browser.PageLeftSite, nil, "the keys list moved to %s, which isn't %s", siteOf(page.Elsewhere), origin)
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
		case err != nil && Issue(err) != nil && Issue(err).Code == browser.LoggedOut:
			say(LoggedOut)
		case err != nil:
			return r, err
		case ok && !r.LastAccess.IsZero() && r.LastAccess.After(before.LastAccess):
			return r, nil
		}
		if time.Now().After(deadline) {
			return r, fail(browser.NotUsedYet, nil, "Last access still read %q after %s", pageWords(r.Raw, 60), within.Round(time.Second))
		}
		if err := sleep(ctx, s.opts.UsePoll); err != nil {
			return r, err
		}
	}
}
