package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/keyrelay/keyrelay/client/connect"
	"github.com/keyrelay/keyrelay/client/diagnosis"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/woo"
	"github.com/keyrelay/keyrelay/client/woo/wootest"
)

// The field reports' second round: keyrelay-check gives the verdict the app's connect.Run gives, row
// and warnings alike, on each store (the app's screens word connect.Run's verdict: TestCLIAndAppSayTheSame).
// Item 3 needs a service that writes by PUT, which no built-in profile does yet: its engine test stands.
func TestFieldReportsSameVerdictAsTheApp(t *testing.T) {
	unknown := func(*wootest.Store) (string, string) {
		return "ck_" + strings.Repeat("ab", 20), "cs_" + strings.Repeat("cd", 20)
	}
	admin := func(s *wootest.Store) (string, string) {
		k := s.AddKey("Syncio API Key", wootest.Administrator, "read_write")
		return k.ConsumerKey, k.Secret
	}
	for _, sc := range []struct {
		name string
		cfg  wootest.Config
		key  func(*wootest.Store) (string, string)
		want diagnosis.Code
	}{
		{"incomplete chain", wootest.Config{TLS: true, Cert: wootest.CertNoIntermediate}, admin, woo.CertChainIncomplete},
		{"Disable REST API, unknown key", wootest.Config{TLS: true, DisableRESTAPI: true}, unknown, woo.KeyUnknown},
		{"Wordfence", wootest.Config{TLS: true, Wordfence: true}, admin, woo.RequestFiltered},
		{"Basic-auth plugin, unknown key", wootest.Config{TLS: true, BasicAuthPlugin: true}, unknown, woo.KeyUnknown},
		{"application password", wootest.Config{TLS: true, AppPasswords: map[string]string{"admin": "abcd EFGH 1234 ijkl MNOP 5678"}}, func(*wootest.Store) (string, string) {
			return "admin", "abcd EFGH 1234 ijkl MNOP 5678"
		}, woo.AppPasswordNotKey},
		{"demoted user", wootest.Config{TLS: true}, func(s *wootest.Store) (string, string) {
			k := s.AddKey("Syncio API Key", wootest.ShopManager, "read_write")
			s.Demote(k.ConsumerKey, wootest.Customer)
			return k.ConsumerKey, k.Secret
		}, woo.UserLacksRights},
		{"REST cache's 304", wootest.Config{TLS: true, WooRESTCache: true}, admin, woo.CachedAPI},
		{"apps served a cached page", wootest.Config{TLS: true, BotByAgent: true}, admin, woo.BotChallenge},
		{"broken rewrite rules", wootest.Config{TLS: true, BrokenRewrite: true}, admin, woo.RESTRewriteBroken},
	} {
		t.Run(sc.name, func(t *testing.T) {
			s := wootest.Start(sc.cfg)
			t.Cleanup(s.Close)
			key, secret := sc.key(s)
			p, _ := service.Find("syncio")
			_, v, err := connect.Run(context.Background(), woo.NewClient(woo.Options{RootCAs: wootest.CAPool(), Timeout: 5 * time.Second}), s.URL(), woo.Credentials{Key: key, Secret: secret}, p.Requirement())
			if err != nil || v.Issue == nil || v.Issue.Code != sc.want {
				t.Fatalf("the app's verdict: %v %v, want %s", v.Issue, err, sc.want)
			}
			// Stdin, as a merchant pastes: an application password's spaces survive it.
			_, out, errOut := runCheck(t, key+"\n"+secret+"\n", nil, "--store", s.URL(), "--ca-file", caFile(t), "--json")
			var rep struct {
				Diagnosis *struct{ Code string }  `json:"diagnosis"`
				Warnings  []struct{ Code string } `json:"warnings"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("%v\n%s%s", err, out, errOut)
			}
			if rep.Diagnosis == nil || rep.Diagnosis.Code != string(sc.want) || len(rep.Warnings) != len(v.Warnings) {
				t.Fatalf("keyrelay-check says %+v %+v; the app %s %d warnings", rep.Diagnosis, rep.Warnings, v.Issue.Code, len(v.Warnings))
			}
			for i, w := range v.Warnings {
				if rep.Warnings[i].Code != string(w.Code) {
					t.Fatalf("warning %d: %s against the app's %s", i, rep.Warnings[i].Code, w.Code)
				}
			}
		})
	}
}
