package demo

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/keyrelay/keyrelay/client/access"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/wpadmin"
)

func TestSandboxPagesAndKeys(t *testing.T) {
	d, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	page := get(t, d.Store.URL()+"wp-admin/"+string(wpadmin.AddKey))
	for _, id := range []string{`id="` + wpadmin.FieldDescription + `"`, `id="` + wpadmin.FieldUser + `"`, `id="` + wpadmin.FieldPermissions + `"`, `id="` + wpadmin.ButtonGenerate + `"`, "Generate API key", `<option value="read_write">Read/Write</option>`} {
		if !strings.Contains(page, id) {
			t.Errorf("Add key page lacks %s", id)
		}
	}
	c, err := d.Generate(context.Background(), "Syncio API Key", access.PermReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	keys := get(t, d.Store.URL()+"wp-admin/"+string(wpadmin.Keys))
	if !strings.Contains(keys, "…"+woo.KeyEnding(c.Key)) || !strings.Contains(keys, "Revoke") || strings.Contains(keys, c.Key) {
		t.Fatal("the keys list must show only the key's ending, and Revoke")
	}
	// The sandbox's pages carry the words the profile says (Key Relay finds them by those; the browser
	// test fills them): its link "Update" beside "API Key", labels on both fields, a button "Update".
	f := d.Profile.Form
	if account := get(t, d.Service.URL()); !strings.Contains(account, "<h2>"+f.OpenNear[0]+"</h2>") || !strings.Contains(account, ">"+f.OpenWords[0]+"</a>") {
		t.Fatalf("the account page lacks %q beside %q", f.OpenWords[0], f.OpenNear[0])
	}
	form := get(t, d.Service.URL()+"account/api-key")
	for _, l := range []string{`<label for="consumer_key">Consumer Key</label>`, `<label for="consumer_secret">Consumer Secret</label>`, ">" + f.SubmitWords[0] + "</button>"} {
		if !strings.Contains(form, l) {
			t.Errorf("the update form lacks %s", l)
		}
	}
	out, err := d.Submit(context.Background(), c)
	if err != nil || !strings.Contains(out, "API key updated") {
		t.Fatalf("submit: %v\n%s", err, out)
	}
	r := d.Service.Received()
	if len(r) != 1 || r[0].Credentials != c || !r[0].Verified {
		t.Fatalf("received %+v", r)
	}
	// A wrong secret is refused with the engine's words.
	out, _ = d.Submit(context.Background(), woo.Credentials{Key: c.Key, Secret: "cs_" + strings.Repeat("0", 40)})
	if !strings.Contains(out, "secret doesn") {
		t.Fatalf("wrong secret: %s", out)
	}
	if d.Vault.Len() != 0 {
		t.Fatal("the demo vault is not empty")
	}
}

func TestCloseStopsTheSandboxes(t *testing.T) {
	d, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	store, svc := d.Store.URL(), d.Service.URL()
	d.Close()
	for _, u := range []string{store, svc} {
		if resp, err := http.Get(u); err == nil {
			resp.Body.Close()
			t.Fatalf("%s still answers after Close", u)
		}
	}
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return b.String()
}
