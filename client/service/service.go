// Package service describes the sync services Key Relay connects stores to. Each is a JSON profile in
// assets/services, so adding a service is adding a file, not code.
package service

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/keyrelay/keyrelay/assets"
	"github.com/keyrelay/keyrelay/client/access"
)

// Profile is one sync service.
type Profile struct {
	ID string `json:"id"` // stable identifier, e.g. "syncio"
	// Number is the service's stable small number (1 to 6) in support codes; never reused (7: another app).
	Number int    `json:"number"`
	Name   string `json:"name"` // as the service writes its name
	// Permission is what the service needs from a key (read, write or read_write).
	Permission access.Permission `json:"permission"`
	// Transport is how the service calls the store with the key: "basic" (HTTPS, the key in the
	// Authorization header), "query" (HTTPS, the key in the address) or "oauth1-hmac" (signed requests,
	// over the store's own scheme). The check says "works" only when its probes succeeded this way.
	Transport access.Transport `json:"transport"`
	// WriteMethod is how the service sends its updates: "" or "POST", or "PUT" (then the check writes by
	// PUT too: some firewalls refuse PUT alone).
	WriteMethod    string `json:"write_method,omitempty"`
	KeyDescription string `json:"key_description"` // what to type as the key's Description in WordPress
	WhyPermission  string `json:"why_permission"`  // one sentence on why it needs that permission
	AccountURL     string `json:"account_url"`     // where the merchant updates the key in the service
	HelpURL        string `json:"help_url"`        // the service's own help article
	// UpdateSteps are the service's own steps to paste a new key, in its words.
	UpdateSteps []string `json:"update_steps"`
	// StillFailing says what to do when the service still complains after the update.
	StillFailing []string `json:"still_failing"`
	// Form says what the service's key form carries, where its words differ from the general table's or
	// it has a link that opens it. Key Relay finds every form by its words (client/keyform); nil means the
	// table's words alone.
	Form *Form `json:"form,omitempty"`
}

// Form is what a service's key form says, as data: a service that changes its page changes its
// profile, not Key Relay's code. Words are tried with the table's; selectors, where given, are a hint
// tried first, and the words take over when they don't match.
type Form struct {
	KeyWords    []string `json:"key_words,omitempty"`    // the consumer key field's label, in the service's words
	SecretWords []string `json:"secret_words,omitempty"` // the consumer secret field's
	SubmitWords []string `json:"submit_words,omitempty"` // its button's
	// OpenWords is the link or button on the account page that opens the form, OpenNear words of the
	// section it is in ("Update" in "API Key"): Key Relay follows it only when exactly one matches.
	OpenWords []string `json:"open_words,omitempty"`
	OpenNear  []string `json:"open_near,omitempty"`
	Success   string   `json:"success,omitempty"` // text the page shows after a good update
	// CSS selectors, a hint tried first.
	Open        string `json:"open,omitempty"`
	KeyField    string `json:"key_field,omitempty"`
	SecretField string `json:"secret_field,omitempty"`
	Submit      string `json:"submit,omitempty"`
}

func (f *Form) validate() error {
	if f == nil {
		return nil
	}
	if (f.KeyField == "") != (f.SecretField == "") {
		return fmt.Errorf("form: key_field and secret_field are given together or not at all")
	}
	for _, w := range slices.Concat(f.KeyWords, f.SecretWords, f.SubmitWords, f.OpenWords, f.OpenNear) {
		if strings.TrimSpace(w) == "" || len(w) > 80 {
			return fmt.Errorf("form: a word is empty or longer than 80 characters")
		}
	}
	if len(f.OpenNear) > 0 && len(f.OpenWords) == 0 {
		return fmt.Errorf("form: open_near without open_words")
	}
	return nil
}

// Requirement is what the check engine needs to know about the service.
func (p Profile) Requirement() access.Requirement {
	return access.Requirement{Service: p.Name, Permission: p.Permission, Transport: p.Transport, WriteMethod: p.WriteMethod}
}

func (p Profile) validate() error {
	switch {
	case p.ID == "" || p.Name == "":
		return fmt.Errorf("profile needs an id and a name")
	case p.Permission != access.PermRead && p.Permission != access.PermWrite && p.Permission != access.PermReadWrite:
		return fmt.Errorf("%s: permission %q is not read, write or read_write", p.ID, p.Permission)
	case p.WriteMethod != "" && p.WriteMethod != "POST" && p.WriteMethod != "PUT":
		return fmt.Errorf("%s: write_method %q is not POST or PUT", p.ID, p.WriteMethod)
	case p.Number < 1 || p.Number >= AnotherNumber:
		return fmt.Errorf("%s: number %d is not 1 to 6 (support codes carry it; 7 is another app's)", p.ID, p.Number)
	case strings.HasPrefix(p.ID, AnotherPrefix):
		return fmt.Errorf("%s: ids beginning %q are the apps merchants name", p.ID, AnotherPrefix)
	case !p.Transport.Valid():
		return fmt.Errorf("%s: transport %q is not basic, query or oauth1-hmac", p.ID, p.Transport)
	case p.KeyDescription == "" || len(p.KeyDescription) > 200:
		return fmt.Errorf("%s: key_description must be 1 to 200 characters (WordPress's limit)", p.ID)
	case len(p.UpdateSteps) == 0:
		return fmt.Errorf("%s: update_steps is empty", p.ID)
	}
	if u, err := url.Parse(p.AccountURL); err != nil || u.Scheme != "https" {
		return fmt.Errorf("%s: account_url must be an https address", p.ID)
	}
	if err := p.Form.validate(); err != nil {
		return fmt.Errorf("%s: %w", p.ID, err)
	}
	return nil
}

// Load reads every *.json profile in dir of fsys, sorted by name.
func Load(fsys fs.FS, dir string) ([]Profile, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []Profile
	seen := map[string]bool{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		var p Profile
		if err := json.Unmarshal(b, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if err := p.validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		if seen[p.ID] || seen[fmt.Sprint(p.Number)] {
			return nil, fmt.Errorf("%s: id %q or number %d used twice", n, p.ID, p.Number)
		}
		seen[p.ID], seen[fmt.Sprint(p.Number)] = true, true
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Builtin returns the profiles shipped in the binary. They are checked by tests, so an error is a bug.
func Builtin() []Profile {
	ps, err := Load(assets.Services, "services")
	if err != nil {
		panic("service: built-in profiles: " + err.Error())
	}
	return ps
}

// Find returns the built-in profile with id.
func Find(id string) (Profile, bool) {
	for _, p := range Builtin() {
		if p.ID == id {
			return p, true
		}
	}
	return Profile{}, false
}

// ByNumber returns the built-in profile with support number n.
func ByNumber(n int) (Profile, bool) {
	for _, p := range Builtin() {
		if p.Number == n {
			return p, true
		}
	}
	return Profile{}, false
}

// IDs lists the built-in profiles' ids.
func IDs() []string {
	var ids []string
	for _, p := range Builtin() {
		ids = append(ids, p.ID)
	}
	return ids
}
