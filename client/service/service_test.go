package service

import (
	"testing"
	"testing/fstest"

	"github.com/keyrelay/keyrelay/client/access"
)

func TestBuiltinSyncio(t *testing.T) {
	p, ok := Find("syncio")
	if !ok {
		t.Fatal("no syncio profile")
	}
	if p.Permission != access.PermReadWrite || p.KeyDescription != "Syncio API Key" || p.Transport != access.TransportBasic {
		t.Fatalf("syncio profile: %+v", p)
	}
	if r := p.Requirement(); r.Service != "Syncio" || r.Permission != access.PermReadWrite {
		t.Fatalf("requirement %+v", r)
	}
}

func TestLoadRejectsBadProfiles(t *testing.T) {
	for name, body := range map[string]string{
		"bad permission": `{"id":"x","name":"X","permission":"admin","key_description":"X","update_steps":["a"],"account_url":"https://x.example/"}`,
		"plain http":     `{"id":"x","name":"X","permission":"read","key_description":"X","update_steps":["a"],"account_url":"http://x.example/"}`,
		"no steps":       `{"id":"x","name":"X","permission":"read","key_description":"X","account_url":"https://x.example/"}`,
		"not json":       `{`,
		"no number":      `{"id":"x","name":"X","permission":"read","transport":"basic","key_description":"X","update_steps":["a"],"account_url":"https://x.example/"}`,
		"bad transport":  `{"id":"x","name":"X","number":1,"permission":"read","transport":"carrier-pigeon","key_description":"X","update_steps":["a"],"account_url":"https://x.example/"}`,
	} {
		_, err := Load(fstest.MapFS{"s/x.json": {Data: []byte(body)}}, "s")
		if err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
	ps, err := Load(fstest.MapFS{
		"s/b.json": {Data: []byte(`{"id":"b","name":"Beta","permission":"read","number":2,"transport":"query","key_description":"B","update_steps":["a"],"account_url":"https://b.example/"}`)},
		"s/a.json": {Data: []byte(`{"id":"a","name":"Alpha","permission":"write","number":1,"transport":"basic","key_description":"A","update_steps":["a"],"account_url":"https://a.example/"}`)},
	}, "s")
	if err != nil || len(ps) != 2 || ps[0].Name != "Alpha" {
		t.Fatalf("load two profiles: %v %+v", err, ps)
	}
}
