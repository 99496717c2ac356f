package http

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserRemoveFileAsks: removing an activity's file in a real browser
// asks first, in Vietnamese; answering "cancel" keeps the file, "OK"
// removes it and comes back to the activity's files.
func TestBrowserRemoveFileAsks(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		a := f.mustActivity(t)
		if w := f.postFiles("/activities/"+itoa(a.ID)+"/files", "coordinator", []string{"nham-tep.pdf"}, [][]byte{testPDF("Nham")}); w.Code != 303 {
			t.Fatalf("upload: %d", w.Code)
		}
		files := func() int {
			list, err := sqlstore.NewAttachmentService(db).FindAttachments(sqltest.SystemContext(), ttdn.ResourceActivity, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		base := serve(t, f.h)
		ctx := newBrowser(t, bin)
		css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
		must := func(step string, actions ...chromedp.Action[chromedp.Void]) {
			if err := chromedp.Do(ctx, actions...); err != nil {
				t.Fatalf("%s: %v", step, err)
			}
		}
		must("log in",
			chromedp.Navigate(base+"/activities/"+itoa(a.ID)),
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), "coordinator"),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitVisible(css(`form[action$="/delete"] button`)))

		// Each dialog gets the next answer; its question is recorded.
		answers := make(chan bool, 2)
		asked := make(chan string, 2)
		opening := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
		go func() {
			for e, err := range opening {
				if err != nil {
					return
				}
				asked <- e.Message
				accept := <-answers
				go func() {
					_ = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						_, err := cdp.Call(ctx, tg, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: accept})
						return err
					}))
				}()
			}
		}()

		question := func() string {
			select {
			case q := <-asked:
				return q
			case <-time.After(20 * time.Second):
				t.Fatal("the browser removed the file without asking")
			}
			return ""
		}

		answers <- false
		must("remove, then cancel", chromedp.Click(css(`form[action$="/delete"] button`)))
		if q := question(); !strings.Contains(q, "Xóa tệp này?") {
			t.Fatalf("the question asked: %q", q)
		}
		must("still on the page", chromedp.WaitVisible(css(`form[action$="/delete"] button`)))
		if n := files(); n != 1 {
			t.Fatalf("cancel removed the file (%d left)", n)
		}

		answers <- true
		must("remove, then OK", chromedp.Click(css(`form[action$="/delete"] button`)))
		question()
		must("back on the activity", chromedp.WaitVisible(css(`#files`)), chromedp.WaitNotPresent(css(`form[action$="/delete"]`)))
		if n := files(); n != 0 {
			t.Fatalf("OK left %d files", n)
		}
	})
}
