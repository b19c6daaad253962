package servicetest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/woo"
)

// FormPage is one sandbox service page with a key form, built the way some real page is: Key Relay must
// find its fields by their words alone (no map), or refuse where a person couldn't tell either.
type FormPage struct {
	Name string // its path: /forms/<Name>
	What string // how it is built
	// Fills is true when Key Relay must fill it; false when it must refuse (Refuses says with which code).
	Fills   bool
	Refuses diagnosis.Code
	// Open is JavaScript the merchant's click runs before the form shows ("" when it shows at once).
	Open string
	// Submit is JavaScript giving the button the merchant clicks once the form is filled.
	Submit string
	// Inputs is JavaScript giving every input of the page (frames and shadow roots too), to check what
	// holds a value.
	Inputs string
	body   string
}

// send is every page's own script: it posts what the page holds as the service's state (a framework
// page: its own state, not the fields' text) and shows the service's answer.
const send = `<script>
function send(key, secret, others, done) {
  fetch(window.formPath || location.pathname, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({key: key, secret: secret, others: others || []})})
    .then(function (r) { return r.text(); }).then(function (t) { (done || function () { document.querySelector('main').innerHTML = '<p id="result">' + t + '</p>'; })(t); });
}
// inputs is not called "all": inside an inline onclick, "all" is document.all.
function inputs(root) { return Array.prototype.slice.call((root || document).querySelectorAll('input')); }
</script>`

const allInputs = `Array.prototype.slice.call(document.querySelectorAll('input'))`

// FormPages are the sandbox's key forms, each built differently.
var FormPages = []FormPage{
	{Name: "plain", What: "a plain form: <label for>, a native POST", Fills: true,
		Submit: `document.querySelector('#save')`, Inputs: allInputs,
		body: `<h1>API settings</h1><form method="post"><p><label for="ck">Consumer key</label><br><input id="ck" name="consumer_key"></p>
<p><label for="cs">Consumer secret</label><br><input id="cs" name="consumer_secret" type="password"></p><p><button id="save">Save</button></p></form>`},
	{Name: "placeholder", What: "no labels, only placeholders", Fills: true,
		Submit: `document.querySelector('#go')`, Inputs: allInputs,
		body: `<h1>Connect WooCommerce</h1><div><input id="a" placeholder="Consumer key"></div><div><input id="b" placeholder="Consumer secret"></div>
<button id="go" onclick="send(document.getElementById('a').value, document.getElementById('b').value)">Connect</button>`},
	{Name: "aria", What: "aria-labelledby onto spans, divs and a role=button", Fills: true,
		Submit: `document.querySelector('#apply')`, Inputs: allInputs,
		body: `<h1>Integrations</h1><div class="row"><span id="kl">API key</span><div><input id="x1" aria-labelledby="kl"></div></div>
<div class="row"><span id="sl">API secret</span><div><input id="x2" aria-labelledby="sl" type="password"></div></div>
<div role="button" tabindex="0" id="apply" style="display:inline-block;padding:8px;background:#5b3df5;color:#fff" onclick="send(x1.value, x2.value)">Save changes</div>`},
	{Name: "react", What: "React-style controlled inputs: state changes only on an input event that changes the value, a bare .value = is undone", Fills: true,
		Submit: `document.querySelector('#submit')`, Inputs: allInputs,
		body: `<h1>Store connection</h1><div id="app"><label>Consumer Key<input data-f="key"></label><label>Consumer Secret<input data-f="secret"></label><button id="submit" type="button">Update</button></div>
<script>
var state = {key: '', secret: ''};
inputs().forEach(function (e) {
  var f = e.dataset.f, proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value'), tracked = '';
  // React's value tracker: a value set through the element's own property is remembered, so the next input event sees no change.
  Object.defineProperty(e, 'value', {get: function () { return proto.get.call(e); }, set: function (v) { tracked = String(v); proto.set.call(e, v); }, configurable: true});
  e.addEventListener('input', function () { var v = proto.get.call(e); if (v !== tracked) { tracked = v; state[f] = v; } render(); });
  function render() { proto.set.call(e, state[f]); }
  setInterval(render, 30); // re-renders put the state back into the field, as React does
});
document.getElementById('submit').onclick = function () { send(state.key, state.secret); };
</script>`},
	{Name: "modal", What: "a pop-up that appears only after the service's own Update button, built when opened", Fills: true,
		Open: `document.querySelector('#open-modal')`, Submit: `document.querySelector('#modal-save')`, Inputs: allInputs,
		body: `<h1>Account</h1><section><h2>API Key</h2><p>Current key: none.</p><button id="open-modal" type="button">Update</button></section>
<script>
document.getElementById('open-modal').onclick = function () {
  var d = document.createElement('div');
  d.setAttribute('role', 'dialog'); d.id = 'modal';
  d.style.cssText = 'position:fixed;top:80px;left:80px;background:#fff;border:1px solid #888;padding:20px';
  d.innerHTML = '<h2>Update API Key</h2><p><label for="m1">Consumer Key</label><input id="m1"></p><p><label for="m2">Consumer Secret Key</label><input id="m2"></p><button id="modal-cancel" type="button">Cancel</button> <button id="modal-save" type="button">Update</button>';
  document.body.appendChild(d);
  document.getElementById('modal-cancel').onclick = function () { d.remove(); };
  document.getElementById('modal-save').onclick = function () { send(m1.value, m2.value, [], function () { d.remove(); }); };
};
</script>`},
	{Name: "iframe", What: "the form in a same-origin iframe", Fills: true,
		Submit: `document.querySelector('iframe').contentDocument.querySelector('#save')`,
		Inputs: `Array.prototype.slice.call(document.querySelector('iframe').contentDocument.querySelectorAll('input'))`,
		body:   `<h1>Settings</h1><iframe src="/forms/iframe/inner" style="width:600px;height:300px;border:1px solid #ccc"></iframe>`},
	{Name: "shadow", What: "the form in a web component's open shadow root", Fills: true,
		Submit: `document.querySelector('key-form').shadowRoot.querySelector('#save')`,
		Inputs: `Array.prototype.slice.call(document.querySelector('key-form').shadowRoot.querySelectorAll('input'))`,
		body: `<h1>Settings</h1><key-form></key-form><script>
customElements.define('key-form', class extends HTMLElement {
  connectedCallback() {
    var r = this.attachShadow({mode: 'open'});
    r.innerHTML = '<p><label for="k">Consumer key</label> <input id="k"></p><p><label for="s">Consumer secret</label> <input id="s" type="password"></p><button id="save">Save</button>';
    r.getElementById('save').onclick = function () { send(r.getElementById('k').value, r.getElementById('s').value); };
  }
});
</script>`},
	{Name: "decoys", What: "a search box, an “old key” field, a store URL field and a hidden pair beside the real fields", Fills: true,
		Submit: `document.querySelector('#save')`, Inputs: allInputs,
		body: `<header><label>Search keys <input type="search" id="q"></label></header><h1>WooCommerce</h1>
<p><label for="url">Store URL</label><input id="url" name="store_url"></p>
<p><label for="old">Consumer key (old)</label><input id="old" name="old_consumer_key"></p>
<div style="display:none"><label for="h1">Consumer key</label><input id="h1"><label for="h2">Consumer secret</label><input id="h2"></div>
<p><label for="ck">Consumer key</label><input id="ck"></p><p><label for="cs">Consumer secret</label><input id="cs"></p>
<button id="save" onclick="send(ck.value, cs.value, [q.value, url.value, old.value, h1.value, h2.value])">Save</button>`},
	{Name: "german", What: "a page in German", Fills: true,
		Submit: `document.querySelector('#speichern')`, Inputs: allInputs,
		body: `<h1>Shop verbinden</h1><form onsubmit="event.preventDefault(); send(a.value, b.value)"><p><label for="a">Verbraucherschlüssel</label><input id="a"></p>
<p><label for="b">Geheimer Schlüssel</label><input id="b" type="password"></p><p><button id="speichern">Speichern</button></p></form>`},
	{Name: "french", What: "a page in French, fields named only by name and the text before them", Fills: true,
		Submit: `document.querySelector('#ok')`, Inputs: allInputs,
		body: `<h1>Connexion WooCommerce</h1><div>Clé client</div><input name="woo_consumer_key"><div>Secret client</div><input name="woo_consumer_secret">
<p><button id="ok" onclick="send(inputs()[0].value, inputs()[1].value)">Enregistrer</button></p>`},
	{Name: "two-pairs", What: "two identical forms: a person can't tell which, so Key Relay fills neither", Refuses: keyform.ServiceFormAmbiguous,
		Inputs: allInputs,
		body: `<h1>Stores</h1><form><label>Consumer key <input></label><label>Consumer secret <input></label><button>Save</button></form>
<form><label>Consumer key <input></label><label>Consumer secret <input></label><button>Save</button></form>`},
	{Name: "cross-origin-frame", What: "the fields in a frame from another origin: never typed into", Refuses: keyform.ServiceFormChanged,
		Inputs: allInputs, body: `<h1>Settings</h1><iframe id="other" style="width:600px;height:300px"></iframe>`},
}

// FindPage is the FormPage called name.
func FindPage(name string) (FormPage, bool) {
	for _, p := range FormPages {
		if p.Name == name {
			return p, true
		}
	}
	return FormPage{}, false
}

// FormURL is a form page's address on this service.
func (s *Service) FormURL(name string) string { return s.srv.URL + "/forms/" + name }

// Got is what a form page received: the pair and any other field's text (decoys must stay empty).
type Got struct {
	Page        string
	Credentials woo.Credentials
	Others      []string
	// Verified is true when the service's check of the pair (as an app does before it answers) passed:
	// the key was used on the store.
	Verified bool
}

// FormsReceived lists what the form pages received, oldest first.
func (s *Service) FormsReceived() []Got {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Got(nil), s.got...)
}

func (s *Service) formPage(w http.ResponseWriter, r *http.Request) {
	p, ok := FindPage(r.PathValue("page"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	body := p.body
	if p.Name == "cross-origin-frame" { // the same server under another name is another origin
		body = strings.Replace(body, `<iframe id="other"`, `<iframe id="other" src="`+strings.Replace(s.srv.URL, "127.0.0.1", "localhost", 1)+`/forms/iframe/inner"`, 1)
	}
	s.page(w, send+body)
}

func (s *Service) innerFrame(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	_, _ = w.Write([]byte(`<!DOCTYPE html><html><body><script>var formPath = '/forms/iframe';</script>` + send + `<main><p><label for="k">Consumer Key</label> <input id="k"></p>
<p><label for="s">Consumer Secret</label> <input id="s" type="password"></p><button id="save" onclick="send(k.value, s.value)">Update</button></main></body></html>`))
}

func (s *Service) formPost(w http.ResponseWriter, r *http.Request) {
	g := Got{Page: r.PathValue("page")}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var in struct {
			Key, Secret string
			Others      []string
		}
		if json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		g.Credentials, g.Others = woo.Credentials{Key: in.Key, Secret: in.Secret}, in.Others
	} else {
		g.Credentials = woo.Credentials{Key: r.FormValue("consumer_key"), Secret: r.FormValue("consumer_secret")}
	}
	if g.Credentials.Complete() {
		v, err := s.check(r.Context(), g.Credentials) // as an app does: it tries the key before it answers
		g.Verified = err == nil && v != nil && v.Fit
	}
	s.mu.Lock()
	s.got = append(s.got, g)
	s.mu.Unlock()
	if g.Page == "plain" {
		s.page(w, `<h1>Saved</h1><p class="ok">API key updated.</p>`)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	_, _ = w.Write([]byte("API key updated. (" + time.Now().Format(time.TimeOnly) + ")"))
}
