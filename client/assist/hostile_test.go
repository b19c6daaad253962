package assist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/browser"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

// Hostile pages: an Add key page and a service's page that misbehave, on loopback, in real Chromium. The
// rule they test: the secret goes only into the document whose origin was checked, through Key Relay's
// own isolated world; the pair is taken only as the merchant's Generate made it; page text is masked
// and short; dialogs and driver errors are rows.

var (
	hostileKey    = "ck_" + strings.Repeat("1234567890abcdef", 3)[:40]
	hostileSecret = "cs_" + strings.Repeat("fedcba0987654321", 3)[:40]
	hostilePair   = woo.Credentials{Key: hostileKey, Secret: hostileSecret}
)

// recorder is a web server that keeps every request it was sent (address and body), to be searched for
// the secret.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
	page func(w http.ResponseWriter, r *http.Request)
}

func newRecorder(t *testing.T, page func(w http.ResponseWriter, r *http.Request)) *recorder {
	rec := &recorder{page: page}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Method+" "+r.URL.String()+" "+string(b))
		rec.mu.Unlock()
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		rec.page(w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

// holds reports whether any request the server got carried v (or its hex).
func (rec *recorder) holds(v string) bool {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, s := range rec.seen {
		if strings.Contains(s, strings.TrimPrefix(v, "cs_")) {
			return true
		}
	}
	return false
}

// origin is the server's address as another origin: localhost instead of 127.0.0.1.
func otherOrigin(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }

// tellsAll is a page's script that sends home whatever its inputs hold, whenever they change, and again
// every few milliseconds: a page on another origin that would have got the key would say so.
const tellsAll = `<script>
setInterval(function () {
  var v = Array.from(document.querySelectorAll('input')).map(function (e) { return e.value; }).join('|');
  if (v.replace(/\|/g, '') !== '') navigator.sendBeacon('/beacon', v);
}, 5);
</script>`

// serviceForm is a service's key form as the sandbox's form map describes it.
var hostileForm = service.Form{Open: "#open", KeyField: "#consumer_key", SecretField: "#consumer_secret", Submit: "#save", Success: "API key updated."}

const formHTML = `<form method="post" action="/save"><label>Consumer key <input id="consumer_key" name="consumer_key"></label>
<label>Consumer secret <input id="consumer_secret" name="consumer_secret"></label><button id="save" type="submit">Update</button></form>`

// 1. A service page that moves to another origin 0–60 ms after it loads: the other origin gets nothing,
// in its fields or in any request, at every delay.
func TestSecretNeverReachesAnotherOrigin(t *testing.T) {
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a id="open" href="#">API key</a>`+formHTML+`<p>API key updated.</p>`+tellsAll+`</body></html>`)
	})
	var delay sync.Mutex
	ms := 0
	svc := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		delay.Lock()
		d := ms
		delay.Unlock()
		fmt.Fprintf(w, `<html><body>%s<script>setTimeout(function () { location.href = %q; }, %d);</script></body></html>`, formHTML, other.URL+"/look-alike", d)
	})
	s := start(t, testOptions(t))
	for d := 0; d <= 60; d += 3 {
		delay.Lock()
		ms = d
		delay.Unlock()
		err := s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: otherOrigin(svc.URL) + "/account", Form: hostileForm}, hostilePair, func(Phase) {})
		i := Issue(err)
		if i == nil || (i.Code != browser.PageLeftSite && i.Code != browser.PageChanged) {
			t.Fatalf("%d ms: got %v, want page_left_site (or page_changed)", d, err)
		}
		if i.Code == browser.PageLeftSite && !strings.Contains(i.Detail, other.URL) {
			t.Errorf("%d ms: the row doesn't say where the tab went: %s", d, i.Detail)
		}
		// The other page's own script runs a while longer, telling its server what its fields hold.
		if _, err := chromedp.Run(s.tab, chromedp.Evaluate[bool](`new Promise(function (ok) { setTimeout(function () { ok(true); }, 30); })`, chromedp.EvalAwaitPromise)); err != nil {
			t.Logf("%d ms: %v", d, err)
		}
		if other.holds(hostileSecret) || other.holds(hostileKey) {
			t.Fatalf("%d ms: the other origin received the key", d)
		}
	}
}

// 1. After the merchant clicks Update, the service's answer sends the tab to another origin whose page
// says "API key updated.": that is no success, Key Relay stops there and says where the tab went, and
// the other origin never gets the secret (no poll carries it).
func TestRedirectAfterUpdateIsNoSuccess(t *testing.T) {
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><p>API key updated.</p><a id="open" href="#">x</a>`+formHTML+tellsAll+`</body></html>`)
	})
	svc := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/save" {
			http.Redirect(w, r, other.URL+"/thanks", http.StatusFound)
			return
		}
		fmt.Fprint(w, `<html><body>`+formHTML+`</body></html>`)
	})
	s := start(t, testOptions(t))
	done := fillUntilSubmit(t, s, otherOrigin(svc.URL)+"/account")
	merchant(t, s, chromedp.Click("#save"))
	err := <-done
	wantIssue(t, err, browser.PageLeftSite)
	if !strings.Contains(err.Error(), other.URL) {
		t.Fatalf("the row doesn't say where the tab went: %v", err)
	}
	if !svc.holds(hostileSecret) {
		t.Fatal("the service's own form never sent the key")
	}
	if other.holds(hostileSecret) {
		t.Fatal("the origin the service redirected to received the secret")
	}
}

// 1. A link the merchant follows while Key Relay waits for Update: Key Relay stops at once.
func TestLinkFollowedWhileWaitingStops(t *testing.T) {
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `<p>API key updated.</p>`+tellsAll) })
	svc := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><body>%s<a id="away" href="%s/elsewhere">Help</a></body></html>`, formHTML, other.URL)
	})
	s := start(t, testOptions(t))
	done := fillUntilSubmit(t, s, otherOrigin(svc.URL)+"/")
	merchant(t, s, chromedp.Click("#away"))
	wantIssue(t, <-done, browser.PageLeftSite)
	if other.holds(hostileSecret) || svc.holds(hostileSecret) {
		t.Fatal("the secret went somewhere though nobody clicked Update")
	}
}

// 2. A page that replaces the DOM's functions (and an input's value setter) sees none of Key Relay's
// arguments and fools nothing: the real fields get the pair, its decoys nothing.
func TestPageReplacingDOMFunctionsSeesNothing(t *testing.T) {
	svc := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/save" {
			fmt.Fprint(w, `<p>API key updated.</p>`)
			return
		}
		fmt.Fprint(w, `<html><head><script>
window.__seen = [];
var decoy = document.createElement('input');
var keep = function (name, orig) { return function () { window.__seen.push(name + ':' + Array.from(arguments).join(',')); return decoy; }; };
Document.prototype.querySelector = keep('querySelector');
Document.prototype.getElementById = keep('getElementById');
Element.prototype.querySelector = keep('elementQuerySelector');
var d = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
Object.defineProperty(HTMLInputElement.prototype, 'value', {get: d.get, set: function (v) { window.__seen.push('value:' + v); }});
JSON.stringify = keep('stringify');
</script></head><body>`+formHTML+`</body></html>`)
	})
	s := start(t, testOptions(t))
	done := fillUntilSubmit(t, s, otherOrigin(svc.URL)+"/")
	seen, err := chromedp.Run(s.tab, chromedp.Evaluate[[]string](`window.__seen`))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range seen {
		if strings.Contains(v, "consumer") || strings.Contains(v, hostileSecret[3:]) || strings.Contains(v, hostileKey[3:]) {
			t.Fatalf("the page's own functions saw Key Relay's work: %.60q", v)
		}
	}
	// The real fields hold the pair (read past the page's own getters: the form as the browser sends it).
	sent, err := chromedp.Run(s.tab, chromedp.Evaluate[string](`new URLSearchParams(new FormData(document.forms[0])).toString()`))
	if err != nil || !strings.Contains(sent, hostileSecret) || !strings.Contains(sent, hostileKey) {
		t.Fatalf("the service's real fields didn't get the pair (%v)", err)
	}
	merchant(t, s, chromedp.Click("#save"))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// addKeyPage is an Add key page with WordPress's ids; generate is the script the page's Generate runs,
// extra anything else the page does.
func addKeyPage(head, generate string) string {
	return `<html><head>` + head + `<script>window.userSettings = {uid: "1"};</script></head><body>
<input id="` + wpadmin.FieldDescription + `"><select id="` + wpadmin.FieldUser + `"><option value="1" selected>admin</option></select>
<select id="` + wpadmin.FieldPermissions + `"><option value="read">Read</option><option value="write">Write</option><option value="read_write">Read/Write</option></select>
<input id="` + wpadmin.FieldConsumerKey + `" readonly><input id="` + wpadmin.FieldConsumerSecret + `" readonly>
<button type="button" id="` + wpadmin.ButtonGenerate + `">Generate API key</button>
<script>
var K = document.getElementById('` + wpadmin.FieldConsumerKey + `'), S = document.getElementById('` + wpadmin.FieldConsumerSecret + `');
document.getElementById('` + wpadmin.ButtonGenerate + `').addEventListener('click', function () { ` + generate + ` });
</script></body></html>`
}

// hostileStore serves page at the Add key address and a plain keys list beside it.
func hostileStore(t *testing.T, page func(r *http.Request) string) *recorder {
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("create-key") == "" {
			fmt.Fprint(w, `<html><body><h1>Keys</h1></body></html>`)
			return
		}
		fmt.Fprint(w, page(r))
	})
}

func addKeyAt(store *recorder) Want {
	return Want{AddKey: store.URL + "/wp-admin/" + string(wpadmin.AddKey), Description: "Syncio API Key", Permission: access.PermReadWrite, Service: "Syncio"}
}

const generates = `K.value = '` + "ck_" + "00000000000000000000000000000000000000aa" + `'; S.value = '` + "cs_" + "00000000000000000000000000000000000000bb" + `';`

// 4. A pair already in the fields before any click is not taken: Key Relay empties the fields, and only
// the pair the merchant's Generate makes comes back.
func TestPrefilledPairIsNotTaken(t *testing.T) {
	store := hostileStore(t, func(*http.Request) string {
		return strings.Replace(addKeyPage("", generates), "<script>\nvar K", "<script>\nvar K0 = document.getElementById('"+wpadmin.FieldConsumerKey+"'); K0.value = '"+hostileKey+"'; document.getElementById('"+wpadmin.FieldConsumerSecret+"').value = '"+hostileSecret+"';\nvar K", 1)
	})
	s := start(t, testOptions(t))
	p := &phases{}
	done := makeKeyAt(s, context.Background(), addKeyAt(store), p)
	p.wait(t, Generate)
	left, _ := chromedp.Run(s.tab, chromedp.Evaluate[string](`document.getElementById('`+wpadmin.FieldConsumerSecret+`').value`))
	if left != "" {
		t.Fatal("the fields Key Relay filled still hold the page's own pair")
	}
	merchant(t, s, chromedp.Click("#"+wpadmin.ButtonGenerate))
	r := <-done
	if r.err != nil || r.c.Secret != "cs_00000000000000000000000000000000000000bb" {
		t.Fatalf("took %v (%v), want the pair Generate made", r.c, r.err)
	}
}

// 4. Values the page puts there by itself, with a click of its own (not the merchant's), are not taken.
func TestPageClickingGenerateItselfIsNotTheMerchant(t *testing.T) {
	store := hostileStore(t, func(*http.Request) string {
		return addKeyPage("", `if (event.isTrusted) { `+generates+` } else { K.value = '`+hostileKey+`'; S.value = '`+hostileSecret+`'; window.__selfClicked = true; }`)
	})
	s := start(t, testOptions(t))
	p := &phases{}
	done := makeKeyAt(s, context.Background(), addKeyAt(store), p)
	p.wait(t, Generate)
	merchant(t, s, chromedp.Evaluate[chromedp.Void](`document.getElementById('`+wpadmin.ButtonGenerate+`').click()`))
	// Key Relay reads the page every Poll; a few reads go by with the page's own pair showing.
	for i := 0; i < 5; i++ {
		select {
		case r := <-done:
			t.Fatalf("took %v (%v) after the page clicked Generate itself", r.c, r.err)
		case <-time.After(testOptions(t).Poll):
		}
	}
	merchant(t, s, chromedp.Click("#"+wpadmin.ButtonGenerate))
	r := <-done
	if r.err != nil || r.c.Secret != "cs_00000000000000000000000000000000000000bb" {
		t.Fatalf("took %v (%v), want the pair the merchant's Generate made", r.c, r.err)
	}
}

// 4. An Add key page that sends the tab to a look-alike form on another origin: the look-alike is
// neither filled (no note, no description) nor read, even after a real click on its Generate.
func TestLookAlikeAddKeyElsewhereIsNeitherFilledNorRead(t *testing.T) {
	lookAlike := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, addKeyPage("", `K.value = '`+hostileKey+`'; S.value = '`+hostileSecret+`';`))
	})
	store := hostileStore(t, func(*http.Request) string {
		return `<script>location.replace(` + fmt.Sprintf("%q", lookAlike.URL+"/wp-admin/admin.php?page=wc-settings&create-key=1") + `)</script>`
	})
	s := start(t, testOptions(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &phases{}
	done := makeKeyAt(s, ctx, addKeyAt(store), p)
	merchant(t, s, chromedp.WaitVisible("#"+wpadmin.ButtonGenerate), chromedp.Click("#"+wpadmin.ButtonGenerate))
	for i := 0; i < 5; i++ {
		select {
		case r := <-done:
			t.Fatalf("took %v (%v) from another origin's page", r.c, r.err)
		case <-time.After(testOptions(t).Poll):
		}
	}
	desc, _ := chromedp.Run(s.tab, chromedp.Evaluate[string](`document.getElementById('`+wpadmin.FieldDescription+`').value + document.body.innerText`))
	if strings.Contains(desc, "Syncio") || strings.Contains(desc, "Key Relay") {
		t.Fatalf("the look-alike on another origin was filled in: %.80q", desc)
	}
	cancel()
	if r := <-done; !errors.Is(r.err, context.Canceled) || r.c.Complete() {
		t.Fatalf("after cancel: %v %v", r.c, r.err)
	}
}

// 4. Whatever the page's Generate puts in the fields is taken only as a paste would be: 10 MB, markup, a
// javascript: address and a key with something stuck to it are refused before anything is kept, fast.
func TestOnlyAKeyShapedPairIsTaken(t *testing.T) {
	for name, gen := range map[string]string{
		"10 MB":       `K.value = '` + hostileKey + `'; S.value = 'cs_' + 'a'.repeat(10 * 1024 * 1024);`,
		"markup":      `K.value = '` + hostileKey + `'; S.value = '<img src=x onerror=alert(1)>` + hostileSecret + `';`,
		"javascript:": `K.value = 'javascript:alert(1)//` + hostileKey + `'; S.value = '` + hostileSecret + `';`,
		"stuck on":    `K.value = '` + hostileKey + `'; S.value = '` + hostileSecret + `ff';`,
	} {
		t.Run(name, func(t *testing.T) {
			store := hostileStore(t, func(*http.Request) string { return addKeyPage("", gen) })
			r := generated(t, start(t, testOptions(t)), addKeyAt(store))
			if r.c.Key != "" || r.c.Secret != "" {
				t.Fatal("a pair came back")
			}
			wantIssue(t, r.err, browser.PageKeyRefused)
			if strings.Contains(r.err.Error(), hostileSecret[3:]) || len(r.err.Error()) > 400 {
				t.Fatalf("the refusal carries the page's values: %d characters", len(r.err.Error()))
			}
		})
	}
}

// 5. The keys list's words are the page's: a 100 KB Last access cell with key-shaped text is masked and
// cut in the row and in not_used_yet, and a Last access that changes to text that isn't a time is no
// proof of use.
func TestKeysListWordsAreMaskedAndOnlyATimeIsProof(t *testing.T) {
	var mu sync.Mutex
	cell := "Unknown"
	store := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		c := cell
		mu.Unlock()
		fmt.Fprintf(w, `<table><tbody id="the-list"><tr><th scope="row" class="check-column"><input type="checkbox" name="key[]" value="7" /></th>
<td data-colname="Description"><strong><a href="#">Syncio API Key</a></strong></td>
<td data-colname="Consumer key ending in"><code>&hellip;%s</code></td><td data-colname="User">admin</td>
<td data-colname="Permissions">Read/Write</td><td class='last_access' data-colname="Last access">%s</td></tr></tbody></table>`, hostileKey[len(hostileKey)-7:], c)
	})
	s := start(t, testOptions(t))
	keys := store.URL + "/wp-admin/" + string(wpadmin.Keys)
	before, ok, err := s.LastUse(context.Background(), keys, hostileKey)
	if err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	mu.Lock()
	cell = strings.Repeat("call 555-0100 "+hostileSecret+" "+hostileKey+" ", 100*1024/100)
	mu.Unlock()
	row, ok, err := s.LastUse(context.Background(), keys, hostileKey)
	if err != nil || !ok || len(row.Raw) > 200 || strings.Contains(row.Raw, hostileSecret[3:]) || strings.Contains(row.Raw, hostileKey[3:20]) {
		t.Fatalf("the row's Last access: %d characters, masked %v (%v)", len(row.Raw), !strings.Contains(row.Raw, hostileSecret[3:]), err)
	}
	_, err = s.WaitForUse(context.Background(), keys, hostileKey, before, 300*time.Millisecond, func(Phase) {})
	wantIssue(t, err, browser.NotUsedYet)
	if d := Issue(err).Detail; len(d) > 300 || strings.Contains(d, hostileSecret[3:]) || strings.Contains(d, hostileKey[3:20]) {
		t.Fatalf("not_used_yet's detail: %d characters", len(d))
	}
	mu.Lock()
	cell = "at 00:00"
	mu.Unlock()
	if _, err := s.WaitForUse(context.Background(), keys, hostileKey, before, 300*time.Millisecond, func(Phase) {}); Issue(err) == nil || Issue(err).Code != browser.NotUsedYet {
		t.Fatalf("a Last access that isn't a time counted as use: %v", err)
	}
}

// 5. A service page that moved to an address carrying a key-shaped path names only the site.
func TestMovedAddressIsNamedBySiteOnly(t *testing.T) {
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `<p>hello</p>`) })
	svc := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/call-555-0100/"+hostileKey+"?s="+hostileSecret, http.StatusFound)
	})
	s := start(t, testOptions(t))
	err := s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: otherOrigin(svc.URL) + "/", Form: hostileForm}, hostilePair, func(Phase) {})
	wantIssue(t, err, browser.PageLeftSite)
	if d := err.Error(); strings.Contains(d, "555-0100") || strings.Contains(d, hostileKey[3:20]) || strings.Contains(d, hostileSecret[3:]) || !strings.Contains(d, other.URL) {
		t.Fatalf("the detail: %s", d)
	}
}

// 6. An alert() while the page loads is a message box waiting for the merchant, not a page that
// didn't load; its words are in the row, masked.
func TestAlertWhileLoadingIsADialog(t *testing.T) {
	store := hostileStore(t, func(*http.Request) string {
		return addKeyPage(`<script>alert('Welcome back! Your key: `+hostileSecret+`');</script>`, generates)
	})
	o := testOptions(t)
	o.PageTimeout = 60 * time.Second // the row must come from the dialog, not from a load that timed out
	s := start(t, o)
	start := time.Now()
	_, err := s.MakeKey(context.Background(), addKeyAt(store), func(Phase) {})
	wantIssue(t, err, browser.PageDialog)
	if d := Issue(err).Detail; !strings.Contains(d, "Welcome back") || strings.Contains(d, hostileSecret[3:]) {
		t.Fatalf("the row's words: %s", d)
	}
	if time.Since(start) > 30*time.Second {
		t.Fatal("the dialog was only noticed when the load gave up")
	}
}

// 6. A confirm() that opens again and again after the form is filled: the screen says a message box is
// waiting, instead of "click Generate" forever.
func TestEndlessConfirmIsSaid(t *testing.T) {
	store := hostileStore(t, func(*http.Request) string {
		return addKeyPage(`<script>setTimeout(function again() { confirm('Are you sure?'); setTimeout(again, 10); }, 300);</script>`, generates)
	})
	s := start(t, testOptions(t))
	_, err := s.MakeKey(context.Background(), addKeyAt(store), func(Phase) {})
	wantIssue(t, err, browser.PageDialog)
	if !strings.Contains(err.Error(), "Are you sure?") {
		t.Fatalf("the row doesn't say the dialog's words: %v", err)
	}
}

// 6. A "Leave site?" after Generate doesn't keep the tab on the page showing the secret: Key Relay's own
// move away answers it, and the tab reaches the keys list.
func TestBeforeUnloadAfterGenerateIsAnswered(t *testing.T) {
	store := hostileStore(t, func(*http.Request) string {
		return addKeyPage("", generates+` window.addEventListener('beforeunload', function (e) { e.preventDefault(); e.returnValue = 'stay'; return 'stay'; });`)
	})
	s := start(t, testOptions(t))
	r := generated(t, s, addKeyAt(store))
	if r.err != nil || !r.c.Complete() {
		t.Fatalf("%v %v", r.c, r.err)
	}
	where, _ := chromedp.Run(s.tab, chromedp.Location())
	if strings.Contains(where, "create-key") {
		t.Fatalf("the tab stayed on the page that shows the secret: %s", where)
	}
	html, _ := chromedp.Run(s.tab, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	if strings.Contains(html, "cs_00000000") {
		t.Fatal("the page the tab is on shows the secret")
	}
}

// 6. A raw driver error maps to a row (the screen drops anything that isn't one).
func TestEveryDriverErrorIsARow(t *testing.T) {
	s := start(t, testOptions(t))
	for _, raw := range []error{errors.New("Inspected target navigated or closed"), errNavigated, errors.New("something the driver said")} {
		i := Issue(s.settle(context.Background(), raw))
		if i == nil || i.Code != browser.PageChanged {
			t.Fatalf("%v → %v", raw, i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.settle(ctx, ctx.Err()); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancel became %v", err)
	}
}

// 3. The pair leaves nothing in the browser profile, in any encoding, after the walk and after a restart
// on the same profile (Chromium's session restore kept the Add key page's form state).
func TestProfileKeepsNoPairAcrossRestart(t *testing.T) {
	store := wootest.Start(wootest.Config{Admin: true})
	t.Cleanup(store.Close)
	o := testOptions(t)
	s := start(t, o)
	r := generated(t, s, syncioWant(store))
	if r.err != nil {
		t.Fatal(r.err)
	}
	s.Close()
	for _, f := range filesHoldingPair(o.Profile, r.c) {
		t.Errorf("after the walk, the profile holds the pair: %s", f)
	}
	again := start(t, o)
	if _, err := chromedp.Run(again.tab, chromedp.Location()); err != nil {
		t.Fatal(err)
	}
	again.Close()
	for _, f := range filesHoldingPair(o.Profile, r.c) {
		t.Errorf("after a restart, the profile holds the pair: %s", f)
	}
}

// filesHoldingPair lists the profile's files holding the key or the secret (their hex, so a copy without
// the prefix counts too), in any encoding the search knows.
func filesHoldingPair(profile string, c woo.Credentials) []string {
	return browser.FilesHolding(profile, c.Key[3:], c.Secret[3:])
}

// 9. What the Add key page showed, as read, masks the pair in every format verb.
func TestPageReadMasksInEveryVerb(t *testing.T) {
	st := addKeyState{URL: "https://s.example/wp-admin/", Here: true, Key: hostileKey, Secret: hostileSecret}
	for _, v := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, out := range []string{fmt.Sprintf(v, st), fmt.Sprintf(v, &st), fmt.Sprintf(v, []addKeyState{st})} {
			if strings.Contains(out, hostileSecret[3:]) || strings.Contains(out, hostileKey[3:30]) {
				t.Errorf("%s printed the pair: %s", v, out)
			}
		}
	}
}

// fillUntilSubmit runs FillService on the page at account and waits until Key Relay waits for the
// merchant's Update; the channel gives FillService's end.
func fillUntilSubmit(t *testing.T, s *Session, account string) chan error {
	t.Helper()
	p := &phases{}
	done := make(chan error, 1)
	go func() {
		done <- s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: account, Form: hostileForm}, hostilePair, p.say)
	}()
	p.wait(t, Submit)
	return done
}
