package assist

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/keyrelay/keyrelay/client/keyform"
	"github.com/keyrelay/keyrelay/client/redact"
	"github.com/keyrelay/keyrelay/client/service"
	"github.com/keyrelay/keyrelay/client/service/servicetest"
	"github.com/keyrelay/keyrelay/client/woo"
)

// syncioForm is what the built-in Syncio profile says of its form: words, no selectors.
func syncioForm() service.Form {
	p, _ := service.Find("syncio")
	return *p.Form
}

// pageValues is every value the page's inputs hold (frames and shadow roots the page names too).
func pageValues(t *testing.T, s *Session, inputs string) string {
	t.Helper()
	v, err := chromedp.Run(s.tab, chromedp.Evaluate[string](`(`+inputs+`).map(function (e) { return e.value; }).join('')`))
	if err != nil {
		t.Fatalf("reading the page's fields: %v", err)
	}
	return v
}

// Every sandbox form page with real Chromium: the ones a person can fill are filled by their words
// alone (no map), the merchant's click on the highlighted button sends exactly the pair, and decoys stay
// empty; the ones a person couldn't tell (two identical forms) or Key Relay mustn't touch (a frame of
// another origin) are refused with nothing typed.
func TestFormsFilledByTheirLabels(t *testing.T) {
	svc := servicetest.Start("Sandbox", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) {
		return &woo.Verdict{Fit: true}, nil
	})
	t.Cleanup(svc.Close)
	o := testOptions(t)
	o.FormTimeout = 3 * time.Second // a refusal of "nothing found" waits this long
	s := start(t, o)
	filled, must := 0, 0
	for i, pg := range servicetest.FormPages {
		pair := woo.Credentials{Key: fmt.Sprintf("ck_%040d", i), Secret: fmt.Sprintf("cs_%040d", i+100)}
		t.Run(pg.Name, func(t *testing.T) {
			p := &phases{}
			done := make(chan error, 1)
			go func() {
				done <- s.FillService(context.Background(), Delivery{Service: "Sandbox", AccountURL: svc.FormURL(pg.Name)}, pair, p.say)
			}()
			if !pg.Fills {
				err := <-done
				wantIssue(t, err, pg.Refuses)
				if v := pageValues(t, s, pg.Inputs); v != "" {
					t.Fatalf("refused, yet %d characters were typed", len(v))
				}
				for _, g := range svc.FormsReceived() {
					if g.Page == pg.Name {
						t.Fatal("something was sent")
					}
				}
				return
			}
			if pg.Open != "" { // the merchant opens the pop-up while Key Relay watches
				p.wait(t, FindForm)
				merchant(t, s, chromedp.Evaluate[chromedp.Void](`(`+pg.Open+`).click()`))
			}
			p.wait(t, Submit)
			if v := pageValues(t, s, pg.Inputs); !strings.Contains(v, pair.Key) || !strings.Contains(v, pair.Secret) {
				t.Fatalf("the fields don't hold the pair")
			}
			merchant(t, s, chromedp.Evaluate[chromedp.Void](`(`+pg.Submit+`).click()`))
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			var got *servicetest.Got
			for deadline := time.Now().Add(10 * time.Second); got == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				for _, g := range svc.FormsReceived() {
					if g.Page == pg.Name {
						got = &g
					}
				}
			}
			switch {
			case got == nil:
				t.Fatal("the page received nothing")
			case got.Credentials != pair:
				t.Fatalf("the page received another pair (key %s, secret %s)", redact.MaskKey(got.Credentials.Key), redact.MaskSecret(got.Credentials.Secret))
			case strings.Join(got.Others, "") != "":
				t.Fatal("a decoy field was typed into")
			}
			filled++
		})
		if pg.Fills {
			must++
		}
	}
	fmt.Printf("forms filled by their labels: %d of %d (and %d refused as they must be)\n", filled, must, len(servicetest.FormPages)-must)
	if filled != must || must < 10 {
		t.Fatalf("%d of %d filled", filled, must)
	}
}

// A profile's selectors are a hint tried first: where they match nothing (the service renamed a field,
// moved its link, renamed its button) the words find the form all the same. Cancelled while waiting for
// the merchant's click, the fields are emptied.
func TestFormMapThatDoesntMatchIsOnlyAHint(t *testing.T) {
	svc := servicetest.Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) { return &woo.Verdict{}, nil })
	t.Cleanup(svc.Close)
	s := start(t, testOptions(t))
	c := woo.Credentials{Key: "ck_" + strings.Repeat("a", 40), Secret: "cs_" + strings.Repeat("b", 40)}
	for name, f := range map[string]func(*service.Form){
		"the link moved":     func(f *service.Form) { f.Open = "#api-key-settings" },
		"a field renamed":    func(f *service.Form) { f.KeyField, f.SecretField = "#api_key", "#api_secret" },
		"the button renamed": func(f *service.Form) { f.Submit = "#save-key" },
	} {
		t.Run(name, func(t *testing.T) {
			form := syncioForm()
			f(&form)
			ctx, cancel := context.WithCancel(context.Background())
			p := &phases{}
			done := make(chan error, 1)
			go func() {
				done <- s.FillService(ctx, Delivery{Service: "Syncio", AccountURL: svc.URL(), Form: form}, c, p.say)
			}()
			p.wait(t, Submit)
			if v := pageValues(t, s, `Array.prototype.slice.call(document.querySelectorAll('input'))`); v != c.Key+c.Secret {
				t.Fatalf("the form holds %d characters, not the pair", len(v))
			}
			cancel()
			if err := <-done; err != context.Canceled {
				t.Fatalf("cancelled: %v", err)
			}
			if v := pageValues(t, s, `Array.prototype.slice.call(document.querySelectorAll('input'))`); v != "" {
				t.Fatalf("cancelled, the form was left holding %d characters", len(v))
			}
			if len(svc.Received()) != 0 {
				t.Fatal("something was submitted")
			}
		})
	}
}

// A page with no key form at all (the service changed its words): said within the wait, naming what was
// looked for, and nothing typed.
func TestNoKeyFormIsSaid(t *testing.T) {
	svc := servicetest.Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) { return &woo.Verdict{}, nil })
	t.Cleanup(svc.Close)
	s := start(t, testOptions(t))
	c := woo.Credentials{Key: "ck_" + strings.Repeat("a", 40), Secret: "cs_" + strings.Repeat("b", 40)}
	form := syncioForm()
	form.OpenWords = []string{"Change key"} // the account page's link says "Update": not followed
	err := s.FillService(context.Background(), Delivery{Service: "Syncio", AccountURL: svc.URL(), Form: form}, c, func(Phase) {})
	wantIssue(t, err, keyform.ServiceFormChanged)
	if !strings.Contains(err.Error(), "consumer key and consumer secret") {
		t.Errorf("the detail doesn't say what was looked for: %v", err)
	}
	if v := pageValues(t, s, `Array.prototype.slice.call(document.querySelectorAll('input'))`); v != "" {
		t.Fatal("something was typed")
	}
}

// Watching for the form is cancellable: Cancel while Key Relay waits for the merchant to open it ends the
// watch at once, with nothing typed.
func TestWatchingForTheFormIsCancellable(t *testing.T) {
	svc := servicetest.Start("Syncio", func(ctx context.Context, c woo.Credentials) (*woo.Verdict, error) { return &woo.Verdict{}, nil })
	t.Cleanup(svc.Close)
	o := testOptions(t)
	o.FormTimeout = time.Hour // only Cancel ends this wait
	s := start(t, o)
	form := syncioForm()
	form.OpenWords = []string{"Change key"} // the form never opens by itself
	ctx, cancel := context.WithCancel(context.Background())
	p := &phases{}
	done := make(chan error, 1)
	go func() {
		done <- s.FillService(ctx, Delivery{Service: "Syncio", AccountURL: svc.URL(), Form: form}, woo.Credentials{Key: "ck_" + strings.Repeat("a", 40), Secret: "cs_" + strings.Repeat("b", 40)}, p.say)
	}()
	p.wait(t, FindForm)
	cancel()
	if err := <-done; err != context.Canceled {
		t.Fatalf("cancelled: %v", err)
	}
	if v := pageValues(t, s, `Array.prototype.slice.call(document.querySelectorAll('input'))`); v != "" {
		t.Fatal("something was typed")
	}
}
