package assist

import (
	"context"
	"net/url"
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

// formState is what the service's page shows, read in one go.
type formState struct {
	URL     string `json:"url"`
	Open    bool   `json:"open"`    // the link to the form
	Fields  bool   `json:"fields"`  // both fields
	Submit  bool   `json:"submit"`  // the button
	Success bool   `json:"success"` // the words the service shows after a good update
	Filled  bool   `json:"filled"`  // the secret field still holds what Key Relay put there
}

func formScript(f service.Form, secret string) string {
	return call(`function (f, secret) {
  var q = function (s) { return document.querySelector(s); };
  var sec = q(f.secret_field);
  return {
    url: location.href,
    open: !!q(f.open), fields: !!q(f.key_field) && !!sec, submit: !!q(f.submit),
    success: !!document.body && document.body.innerText.indexOf(f.success) >= 0,
    filled: !!sec && sec.value === secret
  };
}`, f, secret)
}

// FillService opens the service's account page in the same window, follows the form map to its API key
// form, fills in the key and the secret, highlights the service's own submit button and waits for the
// merchant's click, until the page shows the map's success text. A part of the map not found within
// FormTimeout is service_form_changed, and nothing is left half-filled: a filled field is cleared again.
// The key is written only into a page at the account page's own origin.
func (s *Session) FillService(ctx context.Context, d Delivery, c woo.Credentials, say func(Phase)) error {
	home, err := url.Parse(d.AccountURL)
	if err != nil {
		return fail(woo.ServiceFormChanged, err, "the service's account address isn't an address")
	}
	say(Opening)
	if err := s.navigate(ctx, d.AccountURL); err != nil {
		return err
	}
	f := d.Form
	// wait polls the page until ready says it's ready, for FormTimeout; missing names the part not found.
	wait := func(ready func(formState) bool, missing string) (formState, error) {
		deadline := time.Now().Add(s.opts.FormTimeout)
		for {
			st, err := eval[formState](s, ctx, formScript(f, ""))
			if err == nil && ready(st) {
				if u, perr := url.Parse(st.URL); perr != nil || u.Scheme != home.Scheme || u.Host != home.Host {
					return st, fail(woo.ServiceFormChanged, nil, "%s's page moved to %s, which isn't %s: Key Relay puts keys only into %s's own page", d.Service, redactURL(st.URL), home.Host, d.Service)
				}
				return st, nil
			}
			if err != nil && ctx.Err() != nil || isError(err) {
				return st, err
			}
			if time.Now().After(deadline) {
				return st, fail(woo.ServiceFormChanged, err, "%s wasn't on %s's page (%s) within %s", missing, d.Service, redactURL(st.URL), s.opts.FormTimeout)
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
		if _, err := eval[bool](s, ctx, call(`function (sel) { document.querySelector(sel).click(); return true; }`, f.Open)); err != nil {
			return err
		}
		if _, err := wait(func(st formState) bool { return st.Fields && st.Submit }, "the key and secret fields ("+f.KeyField+", "+f.SecretField+") and the button ("+f.Submit+")"); err != nil {
			return err
		}
	}
	for _, v := range [][2]string{{f.KeyField, c.Key}, {f.SecretField, c.Secret}} {
		ok, err := eval[bool](s, ctx, call(setValue, v[0], v[1]))
		if err == nil && !ok {
			err = fail(woo.ServiceFormChanged, nil, "%s's field %s didn't take the value", d.Service, v[0])
		}
		if err != nil {
			s.clearFields(f)
			return err
		}
	}
	note := "Key Relay filled in your new WooCommerce key for " + d.Service + ". Click the highlighted button to save it."
	if ok, err := eval[bool](s, ctx, call(highlight, f.Submit, note)); err != nil || !ok {
		s.clearFields(f)
		if err == nil {
			err = fail(woo.ServiceFormChanged, nil, "%s's button %s wasn't on the page", d.Service, f.Submit)
		}
		return err
	}
	say(Submit)
	for {
		st, err := eval[formState](s, ctx, formScript(f, c.Secret))
		switch {
		case isError(err) || err != nil && ctx.Err() != nil:
			return err
		case err == nil && st.Success:
			return nil
		}
		if err := sleep(ctx, s.opts.Poll); err != nil {
			s.clearFields(f) // cancelled: nothing is left filled in without Key Relay watching
			return err
		}
	}
}

// clearFields empties the service's key fields (best effort, the window may be gone).
func (s *Session) clearFields(f service.Form) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, sel := range []string{f.KeyField, f.SecretField} {
		_, _ = eval[bool](s, ctx, call(setValue, sel, ""))
	}
}

func isError(err error) bool {
	_, ok := err.(*Error)
	return ok
}

// LastUse reads the key's row in the keys list (in the same window, where the merchant is logged in).
// ok is false when the list has no row for the key.
func (s *Session) LastUse(ctx context.Context, keysList, consumerKey string) (row wpadmin.KeyRow, ok bool, err error) {
	if err := s.navigate(ctx, keysList); err != nil {
		return row, false, err
	}
	page, err := eval[string](s, ctx, `document.getElementById('loginform') ? 'LOGIN' : document.documentElement.outerHTML`)
	if err != nil {
		return row, false, err
	}
	if page == "LOGIN" {
		return row, false, fail(woo.BrowserLoggedOut, nil, "the keys list showed WordPress's login form")
	}
	ending := consumerKey
	if len(ending) > wpadmin.EndingLength {
		ending = ending[len(ending)-wpadmin.EndingLength:]
	}
	for _, r := range wpadmin.ParseKeysList(page, time.UTC) {
		if r.Ending == ending {
			return r, true, nil
		}
	}
	return row, false, nil
}

// WaitForUse reads the keys list every UsePoll until the key's Last access is later than before (the row
// as read right after Key Relay's own last call), and returns the row that shows the service's use.
// Last access is to the minute in the site's own clock: it is compared only with itself, never with this
// computer's clock. A logged-out window is said (LoggedOut) and waited out. After within, it is
// not_used_yet.
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
		case ok && r.LastAccess.After(before.LastAccess):
			return r, nil
		case ok && before.LastAccess.IsZero() && r.Raw != before.Raw && r.Raw != wpadmin.NeverUsed:
			return r, nil // a Last access this package can't read as a time, but changed
		}
		if time.Now().After(deadline) {
			return r, fail(woo.NotUsedYet, nil, "Last access still read %q after %s", r.Raw, within.Round(time.Second))
		}
		if err := sleep(ctx, s.opts.UsePoll); err != nil {
			return r, err
		}
	}
}
