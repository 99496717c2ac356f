package http

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// browserEnv makes the browser test mandatory (CI sets it).
const browserEnv = "TTDN_TEST_BROWSER"

// findChromium returns the browser binary, skipping the test when there is
// none unless browserEnv says it must run.
func findChromium(t *testing.T) string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(browserEnv) == "1" {
		t.Fatalf("%s=1 but no Chromium binary was found", browserEnv)
	}
	t.Skip("no Chromium binary found")
	return ""
}

// browser is the package's one headless Chromium: starting one took ~1 s
// of the two cores per test and engine. Each test gets a tab in a browser
// context of its own (cookies, storage and cache apart, disposed when the
// test ends), so tests see each other's traces no more than separate
// browsers would. TestMain stops it.
var browser struct {
	once   sync.Once
	ctx    context.Context
	err    error
	cancel func()
}

// newBrowser returns a new tab, in a fresh browser context, of the shared
// headless Chromium fit for a closed network.
func newBrowser(t *testing.T, bin string) context.Context {
	browser.once.Do(func() {
		dir, err := os.MkdirTemp("", "ttdn-chromium-")
		if err != nil {
			browser.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(bin),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck,
			chromedp.UserDataDir(dir),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.WindowSize(1280, 1000),
		}
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelB := chromedp.NewContext(actx)
		browser.ctx, browser.cancel = bctx, func() { cancelB(); cancelA(); os.RemoveAll(dir) }
		// The first run starts the browser; no timeout here, or it would
		// stop the browser for every later test.
		browser.err = chromedp.Do(bctx)
	})
	if browser.err != nil {
		t.Fatalf("start Chromium: %v", browser.err)
	}
	ctx, cancelC := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC() })
	return ctx
}

// TestMain stops the shared browser (if a test started one) after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// serve runs the real handler on 127.0.0.1:0 and returns its base URL.
func serve(t *testing.T, h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// TestBrowserImport drives the core flow in a real browser: log in as the
// coordinator, upload the seed plan, check the preview, confirm, and find
// the plan's six section-III tasks and fifteen responsibilities on its page.
func TestBrowserImport(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		base := serve(t, f.h)
		file := filepath.Join(t.TempDir(), seed.Plan2019Name)
		if err := os.WriteFile(file, seed.Plan2019, 0o600); err != nil {
			t.Fatal(err)
		}
		ctx := newBrowser(t, bin)

		css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
		count := func(sel string) int {
			n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
			if err != nil {
				t.Fatalf("count %s: %v", sel, err)
			}
			return n
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/plans/import"), // anonymous: sent to log in
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), "coordinator"),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitVisible(css(`#file`)), // back on the import form
			chromedp.SetUploadFiles(css(`#file`), []string{file}),
			chromedp.Click(css(`form[action="/plans/import"] button[type=submit]`)),
			chromedp.WaitVisible(css(`#confirm-form`)),
		)
		if err != nil {
			t.Fatalf("log in and preview: %v", err)
		}
		screenshot(t, ctx, "preview")
		warnings, selects := count(".warning-list li"), count("select.unit-select")
		if warnings == 0 || selects < 10 {
			t.Fatalf("preview: %d warnings, %d unit selects", warnings, selects)
		}
		if n := f.planCount(t); n != 0 {
			t.Fatalf("the preview stored %d plans", n)
		}
		if err := chromedp.Do(ctx,
			chromedp.Click(css(`#confirm`)),
			chromedp.WaitVisible(css(`article.document`)),
		); err != nil {
			t.Fatalf("confirm: %v", err)
		}
		title, err := chromedp.Run(ctx, chromedp.Text(css(`.doc-title`)))
		if err != nil {
			t.Fatal(err)
		}
		tasks, resps := count("#tasks li.task"), count("#responsibilities li.responsibility")
		if tasks != 6 || resps != 15 {
			t.Errorf("plan page shows %d tasks and %d responsibilities, want 6 and 15", tasks, resps)
		}
		if title == "" || f.planCount(t) != 1 {
			t.Errorf("title %q, %d plans stored", title, f.planCount(t))
		}
		t.Logf("plan %q: %d tasks, %d responsibilities, %d warnings, %d unit selects, %d unresolved marks",
			title, tasks, resps, warnings, selects, count(".unit.unresolved"))
		screenshot(t, ctx, "plan")
	})
}

// screenshot saves the page to $TTDN_TEST_SCREENSHOT (for a person to look
// at during development; never committed).
func screenshot(t *testing.T, ctx context.Context, label string) {
	path := os.Getenv("TTDN_TEST_SCREENSHOT")
	if path == "" {
		return
	}
	// The viewport at a few scroll positions: a whole plan is too tall for
	// one readable image.
	for i, y := range []int{0, 1000, 2600, 1 << 20} {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollTo(0, `+strconv.Itoa(y)+`); window.scrollY`)); err != nil {
			t.Errorf("scroll: %v", err)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Errorf("screenshot: %v", err)
			return
		}
		name := strings.TrimSuffix(path, filepath.Ext(path)) + "-" + filepath.Base(t.Name()) + "-" + label + "-" + strconv.Itoa(i) + ".png"
		if err := os.WriteFile(name, shot, 0o600); err != nil {
			t.Errorf("screenshot: %v", err)
		}
	}
	t.Logf("screenshots: %s-*.png", strings.TrimSuffix(path, filepath.Ext(path)))
}
