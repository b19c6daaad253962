package assist

import (
	"context"

	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/service"
)

// A service's key form is found by what its page says (client/keyform chooses), not by a map: the script
// below describes every input and button of the document at the service's origin, in its same-origin
// frames and its open shadow roots, and keeps the elements in Key Relay's world (the page never sees
// that list), so the fill script takes exactly the ones chosen. Cross-origin frames are never entered.

// described is the page as describeScript returns it.
type described struct {
	URL  string       `json:"url"`
	Here bool         `json:"here"` // at the service's own origin: nothing else is read
	Page keyform.Page `json:"page"`
	// Success is the profile's success text is on the page; Filled that this document is the one Key Relay
	// filled, and Gone that the fields it filled are gone or hidden since (the pop-up closed).
	Success bool `json:"success"`
	Filled  bool `json:"filled"`
	Gone    bool `json:"gone"`
}

// pageTools are the helpers the scripts share: text, visibility, the service's origin, and setting a
// field's value.
const pageTools = `
  var txt = function (s, n) { return String(s == null ? '' : s).replace(/\s+/g, ' ').trim().slice(0, n || 200); };
  var visible = function (e) {
    var v = e.ownerDocument.defaultView, r = e.getBoundingClientRect(), cs = v.getComputedStyle(e);
    if (r.width < 8 || r.height < 8 || cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
    if (r.right + v.scrollX < 0 || r.bottom + v.scrollY < 0) return false;
    for (var f = v.frameElement; f; f = f.ownerDocument.defaultView.frameElement) {
      var fr = f.getBoundingClientRect(); if (fr.width < 8 || fr.height < 8) return false;
    }
    return true;
  };
  var atOrigin = function (e) { try { return e.ownerDocument.defaultView.location.origin === origin; } catch (x) { return false; } };
  // setValue sets a field as typing would: through the value setter of the element's own class (a bare
  // .value = is undone by React's tracker), then input and change events across shadow roots.
  var setValue = function (e, v) {
    var p = Object.getPrototypeOf(e), d;
    while (p && !(d = Object.getOwnPropertyDescriptor(p, 'value'))) p = Object.getPrototypeOf(p);
    d.set.call(e, v);
    e.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    e.dispatchEvent(new Event('change', {bubbles: true, composed: true}));
    return e.value === v;
  };
`

// describeScript describes the page for keyform and keeps its elements in window.__krPage (Key Relay's
// world only). It never reads a value: only whether a field holds one.
const describeScript = `function (origin, hint, success, max) {
  var st = {url: String(location.href), here: location.origin === origin, page: {fields: [], buttons: []}};
  if (!st.here) return st;
` + pageTools + `
  var prev = window.__krPage;
  var W = window.__krPage = {fields: [], buttons: [], filled: prev && prev.filled, chosen: prev && prev.chosen};
  st.filled = !!W.filled;
  if (W.chosen) st.gone = W.chosen.some(function (e) { return !e.isConnected || !visible(e); });
  st.success = !!success && !!document.body && document.body.innerText.indexOf(success) >= 0;
  var nums = new Map(), next = 1;
  var num = function (e) { if (!e) return 0; if (!nums.has(e)) nums.set(e, next++); return nums.get(e); };
  var up = function (e) {
    var p = e.parentNode;
    if (p && p.nodeType === 11 && p.host) return p.host;
    if (p && p.nodeType === 9) { try { return p.defaultView.frameElement; } catch (x) { return null; } }
    return p && p.nodeType === 1 ? p : null;
  };
  var ancestors = function (e) { var a = []; for (var p = up(e); p && a.length < 16; p = up(p)) a.push(num(p)); return a; };
  var byIds = function (e, ids) {
    var root = e.getRootNode();
    return txt(String(ids || '').split(/\s+/).map(function (id) { var x = id && root.getElementById ? root.getElementById(id) : null; return x ? x.textContent : ''; }).join(' '));
  };
  var before = function (e) {
    var d = e.ownerDocument, w = d.createTreeWalker(e.getRootNode(), 4);
    w.currentNode = e;
    for (var i = 0; i < 8; i++) {
      var t = w.previousNode();
      if (!t) return '';
      var pe = t.parentElement;
      if (pe && /^(SCRIPT|STYLE|OPTION|TEMPLATE)$/.test(pe.tagName)) continue;
      if (t.textContent.trim()) return txt(t.textContent, 80);
    }
    return '';
  };
  var hinted = function (sel) { if (!sel) return null; try { return document.querySelector(sel); } catch (x) { return null; } };
  var hk = hinted(hint.key_field), hs = hinted(hint.secret_field), hb = hinted(hint.submit);
  var seen = 0;
  var walk = function (root) {
    var all = root.querySelectorAll('*');
    for (var i = 0; i < all.length && seen < max; i++, seen++) {
      var e = all[i], tag = e.tagName;
      if (e.shadowRoot) walk(e.shadowRoot);
      if (tag === 'IFRAME' || tag === 'FRAME') {
        try { var d = e.contentDocument; if (d && d.defaultView.location.origin === origin && d.documentElement) walk(d); } catch (x) {}
        continue;
      }
      var type = tag === 'INPUT' ? String(e.type || 'text').toLowerCase() : '';
      if (tag === 'TEXTAREA' || tag === 'INPUT' && !/^(submit|button|reset|image|checkbox|radio|file|hidden|range|color)$/.test(type)) {
        if (W.fields.length >= 200) continue;
        var f = {i: W.fields.length, tag: tag.toLowerCase(), type: type, name: txt(e.getAttribute('name'), 100), id: txt(e.id, 100),
          label: txt(Array.prototype.map.call(e.labels || [], function (l) { return l.textContent; }).join(' ')),
          aria: txt((e.getAttribute('aria-label') || '') + ' ' + byIds(e, e.getAttribute('aria-labelledby'))),
          placeholder: txt(e.getAttribute('placeholder')), title: txt(e.getAttribute('title')), before: before(e),
          usable: atOrigin(e) && !e.disabled && !e.readOnly && visible(e), filled: e.value !== '',
          search: type === 'search' || e.getAttribute('role') === 'searchbox' || !!(e.closest && e.closest('[role=search],search')),
          form: num(e.form), anc: ancestors(e), hint: e === hk ? 'key' : e === hs ? 'secret' : ''};
        W.fields.push(e); st.page.fields.push(f);
      } else if (tag === 'BUTTON' || tag === 'INPUT' && /^(submit|button|image)$/.test(type) || tag === 'A' && e.hasAttribute('href') || e.getAttribute('role') === 'button') {
        if (W.buttons.length >= 300) continue;
        var text = txt(e.innerText || e.value || e.getAttribute('aria-label') || e.getAttribute('title'), 80);
        var link = tag === 'A', elsewhere = false;
        if (link) { try { elsewhere = new URL(e.href, e.baseURI).origin !== origin; } catch (x) { elsewhere = true; } }
        // The text around it, as shown (innerText keeps "API Key" and "No key" apart where textContent joins them).
        var ctx = e, k = 0, shown = function (x) { return txt(x.innerText === undefined ? x.textContent : x.innerText, 300); };
        while (k++ < 5 && up(ctx) && shown(ctx).length < text.length + 20) ctx = up(ctx);
        var submit = !!e.form && (tag === 'BUTTON' ? (e.getAttribute('type') || 'submit').toLowerCase() === 'submit' : type === 'submit' || type === 'image');
        var b = {i: W.buttons.length, text: text, submit: submit, form: num(e.form), anc: ancestors(e),
          usable: atOrigin(e) && !e.disabled && visible(e), link: link, elsewhere: elsewhere, context: shown(ctx), hint: e === hb};
        W.buttons.push(e); st.page.buttons.push(b);
      }
    }
  };
  walk(document);
  return st;
}`

// fillScript writes the pair into the two chosen fields and outlines the chosen button, in one
// synchronous call that checks first that the tab and each field's own document are at the service's
// origin and the fields still visible, open and empty. Values go in through the input's own value setter
// with input and change events, as typing would (React, Vue and Angular keep their own state and see
// them), and are read back. It returns "" or what went wrong, and leaves nothing filled when it fails.
const fillScript = `function (origin, ki, si, bi, key, secret, note) {
  if (location.origin !== origin) return 'moved';
` + pageTools + `
  var W = window.__krPage;
  if (!W) return 'fields';
  var k = W.fields[ki], s = W.fields[si], b = W.buttons[bi];
  if (!k || !s || !k.isConnected || !s.isConnected) return 'fields';
  if (!b || !b.isConnected) return 'button';
  if (!atOrigin(k) || !atOrigin(s) || !atOrigin(b)) return 'moved';
  var usable = function (e) { return !e.disabled && !e.readOnly && visible(e); };
  if (!usable(k) || !usable(s)) return 'hidden';
  if (k.value !== '' || s.value !== '') return 'filled';
  var set = function (e, v) { e.focus(); return setValue(e, v); };
  if (!set(k, key) || !set(s, secret)) { setValue(k, ''); setValue(s, ''); return 'value'; }
  W.filled = true; W.chosen = [k, s];
` + outlineButton

// emptyChosenScript empties the fields Key Relay filled (through their setters, so the page's own state
// lets go of the pair too), at origin only.
const emptyChosenScript = `function (origin) {
  if (location.origin !== origin) return false;
` + pageTools + `
  var W = window.__krPage;
  if (!W || !W.chosen) return false;
  W.chosen.forEach(function (e) { setValue(e, ''); });
  W.filled = false;
  return true;
}`

// clickOpenerScript follows the link or button that opens the form (never a form's submit: keyform
// doesn't choose one).
const clickOpenerScript = `function (origin, sel, i, byWords) {
  if (location.origin !== origin) return false;
  var W = window.__krPage, b = null;
  if (sel) { try { b = document.querySelector(sel); } catch (x) {} }
  if (!b && byWords) b = W && W.buttons[i];
  if (!b || !b.isConnected) return false;
  b.click();
  return true;
}`

// hints are what the profile says of its form, for keyform and for the script.
func hints(f service.Form) (keyform.Hints, map[string]string) {
	return keyform.Hints{Key: f.KeyWords, Secret: f.SecretWords, Submit: f.SubmitWords, Open: f.OpenWords, OpenNear: f.OpenNear},
		map[string]string{"key_field": f.KeyField, "secret_field": f.SecretField, "submit": f.Submit}
}

// maxElements is the most elements the describe script looks at: a real account page has some thousands.
const maxElements = 50000

// describe reads the service's page as it is now.
func (s *Session) describe(ctx context.Context, origin string, f service.Form) (described, error) {
	_, sel := hints(f)
	return readInWorld[described](s, ctx, describeScript, origin, sel, f.Success, maxElements)
}

// emptyChosen empties the fields Key Relay filled, best effort, on a short clock of its own.
func (s *Session) emptyChosen(origin string) {
	ctx, cancel := context.WithTimeout(context.Background(), shortClock)
	defer cancel()
	_, _ = inWorld[bool](s, ctx, emptyChosenScript, origin)
}
