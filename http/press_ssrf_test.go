package http

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/jobs"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// Press sources are requests the server makes (issue 10, item 6): these
// tests attack them from a monitor's account with addresses of this
// machine only.

const ssrfRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin nội bộ</title>
<item><title>Hội nghị giao ban công tác đối ngoại quý IV</title><link>http://intranet.example/a1</link>
<description>Sở Ngoại vụ tổ chức giao ban công tác thông tin đối ngoại.</description><pubDate>Fri, 14 Nov 2025 08:00:00 +0700</pubDate></item>
</channel></rss>`

// loopbackFeed is a feed server on 127.0.0.1 counting its requests.
func loopbackFeed(t *testing.T) (*httptest.Server, string, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, ssrfRSS)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return srv, port, &hits
}

func (f *fixture) sourceCount(t *testing.T) int {
	t.Helper()
	_, n, err := sqlstore.NewPressService(f.db).FindSources(sqltest.SystemContext(), ttdn.SourceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPressSourceInternalURLRefused adds and edits sources with internal
// addresses in every spelling: each is refused with a clear message and
// nothing is stored; the server behind them never gets a request.
func TestPressSourceInternalURLRefused(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		_, port, hits := loopbackFeed(t)
		before := f.sourceCount(t)
		add := func(u string) map[string][]string {
			return form("name", "Thử", "feed_url", u, "country", "VN", "language", "vi", "enabled", "1")
		}
		var rows []scenario
		for u, words := range map[string]string{
			"http://127.0.0.1:" + port + "/":        "mạng nội bộ",
			"http://[::1]:" + port + "/":            "mạng nội bộ",
			"http://localhost:" + port + "/":        "mạng nội bộ",
			"http://127.0.0.1:5432/":                "mạng nội bộ",
			"http://0.0.0.0:" + port + "/":          "mạng nội bộ",
			"http://[::ffff:7f00:1]:" + port + "/":  "mạng nội bộ",
			"http://169.254.169.254/latest/":        "mạng nội bộ",
			"http://192.168.1.1/rss":                "mạng nội bộ",
			"http://2130706433:" + port + "/":       "con số",
			"http://0x7f000001:" + port + "/":       "con số",
			"http://017700000001:" + port + "/":     "con số",
			"http://admin:matkhau@example.org/rss":  "mật khẩu",
			"file:///etc/passwd":                    "không hợp lệ",
			"gopher://127.0.0.1:" + port + "/_PING": "không hợp lệ",
		} {
			rows = append(rows, scenario{name: "add " + u, method: "POST", path: "/press/sources/new", who: "monitor", form: add(u),
				status: http.StatusUnprocessableEntity, contains: []string{words}})
		}
		src, err := sqlstore.NewPressService(db).FindSourceByID(sqltest.SystemContext(), item.SourceID)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, scenario{name: "edit to loopback", method: "POST", path: fmt.Sprintf("/press/sources/%d/edit", src.ID), who: "coordinator",
			form: form("version", fmt.Sprint(src.Version), "name", src.Name, "feed_url", "http://localhost:"+port+"/", "country", src.Country,
				"language", src.Language, "enabled", "1"), status: http.StatusUnprocessableEntity, contains: []string{"mạng nội bộ", "--feed-allow-host"}})
		f.run(t, rows)
		if n := f.sourceCount(t); n != before {
			t.Errorf("sources: %d, then %d", before, n)
		}
		if after, _ := sqlstore.NewPressService(db).FindSourceByID(sqltest.SystemContext(), item.SourceID); after.FeedURL != src.FeedURL || after.Version != src.Version {
			t.Errorf("the edit changed the source: %+v", after)
		}
		if hits.Load() != 0 {
			t.Errorf("the loopback server got %d requests", hits.Load())
		}
	})
}

// TestPressIntranetHostAllowed: a host the operator allows by name is added
// and fetched; a redirect from it to another loopback port is not followed.
func TestPressIntranetHostAllowed(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		_, port, hits := loopbackFeed(t)
		allowed := "localhost:" + port
		cfg := f.srv.cfg
		press := *cfg.Press
		press.FeedGuard = testFeedGuard(allowed)
		cfg.Press = &press
		f.srv = NewServer(cfg)
		f.h = f.srv.Handler()
		f.run(t, []scenario{
			{name: "allowed host", method: "POST", path: "/press/sources/new", who: "monitor",
				form: form("name", "Tin nội bộ", "feed_url", "http://"+allowed+"/rss", "country", "VN", "language", "vi", "enabled", "1"), status: http.StatusSeeOther},
			{name: "same host, other port", method: "POST", path: "/press/sources/new", who: "monitor",
				form: form("name", "Cổng khác", "feed_url", "http://localhost:5432/", "country", "VN", "language", "vi", "enabled", "1"), status: http.StatusUnprocessableEntity},
		})
		store := sqlstore.NewPressService(db)
		runner := &jobs.FeedRunner{Store: store, Workers: 1, Policy: feed.PollPolicy{MaxFailures: 5}, Log: quietLog,
			Fetcher: feed.NewFetcher(feed.Options{Timeout: 2 * time.Second, HostGap: -1, Guard: press.FeedGuard}),
			Ingest: func(ctx context.Context, items []pressingest.Item) (pressingest.Stats, error) {
				return pressingest.Stats{Stored: len(items)}, nil
			}}
		round, err := runner.RunOnce(context.Background(), nil)
		if err != nil || round.Fetched != 1 || round.Failed != 0 || round.NewItems != 1 || hits.Load() != 1 {
			t.Fatalf("fetch of the allowed host: %+v, %v, hits %d", round, err, hits.Load())
		}
	})
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

var lastErrorRE = regexp.MustCompile(`(?s)<p class="source-error (?:last-error|disabled-reason)">(.*?)</p>`)

// TestPressFetchErrorsShowNoNetwork fetches sources that fail the way
// internal ports answer, and an error stored by an older version in the
// transport's words: the sources page shows categories only, in both
// languages — no address, port, "refused" or "EOF".
func TestPressFetchErrorsShowNoNetwork(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		closed := httptest.NewServer(http.NotFoundHandler())
		closedAddr := closed.Listener.Addr().String()
		closed.Close()
		eof := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
		}))
		defer eof.Close()
		_, blockedPort, hits := loopbackFeed(t)
		for i, u := range []string{"http://" + closedAddr + "/rss", eof.URL + "/rss", "http://127.0.0.1:" + blockedPort + "/rss"} {
			if err := store.CreateSource(ctx, &ttdn.Source{Name: fmt.Sprint("Nguồn lỗi ", i), FeedURL: u, Enabled: true}); err != nil {
				t.Fatal(err)
			}
		}
		// Disabled, so that it is not fetched: its name resolves nowhere.
		legacy := &ttdn.Source{Name: "Nguồn cũ", FeedURL: "https://old.example/rss", Enabled: false}
		if err := store.CreateSource(ctx, legacy); err != nil {
			t.Fatal(err)
		}
		runner := &jobs.FeedRunner{Store: store, Workers: 2, Policy: feed.PollPolicy{MaxFailures: 1}, Log: quietLog,
			Fetcher: feed.NewFetcher(feed.Options{Timeout: 2 * time.Second, HostGap: -1, Guard: feed.MustGuard(closedAddr, eof.Listener.Addr().String())}),
			Ingest:  func(context.Context, []pressingest.Item) (pressingest.Stats, error) { return pressingest.Stats{}, nil }}
		if _, err := runner.RunOnce(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		// An error as older versions stored it.
		if err := store.RecordFetch(ctx, legacy.ID, ttdn.FetchOutcome{Failures: 1, NextFetchAt: time.Now().Add(time.Hour),
			Error: `network: Get "http://10.9.8.7:6379/": dial tcp 10.9.8.7:6379: connect: connection refused`}); err != nil {
			t.Fatal(err)
		}
		if hits.Load() != 0 {
			t.Errorf("the blocked server got %d requests", hits.Load())
		}
		for lang, words := range map[string][]string{"vi": {"không kết nối được", "địa chỉ bị chặn", "lỗi khi lấy tin"},
			"en": {"could not connect", "address blocked", "the fetch failed"}} {
			r := f.request("GET", "/press/sources", "monitor", nil)
			if lang == "en" {
				r.AddCookie(&http.Cookie{Name: langCookie, Value: langEN})
			}
			body := f.do(r).Body.String()
			shown := lastErrorRE.FindAllStringSubmatch(body, -1)
			if len(shown) < 4 {
				t.Fatalf("%s: %d errors shown", lang, len(shown))
			}
			var all strings.Builder
			for _, m := range shown {
				all.WriteString(m[1] + "\n")
			}
			for _, w := range words {
				if !strings.Contains(all.String(), w) {
					t.Errorf("%s: errors shown lack %q:\n%s", lang, w, all.String())
				}
			}
			_, closedPort, _ := net.SplitHostPort(closedAddr)
			_, eofPort, _ := net.SplitHostPort(eof.Listener.Addr().String())
			for _, leak := range []string{"127.0.0.1", "10.9.8.7", closedPort, eofPort, blockedPort, "6379", "refused", "EOF", "dial", "tcp"} {
				if strings.Contains(all.String(), leak) {
					t.Errorf("%s: errors shown reveal %q:\n%s", lang, leak, all.String())
				}
			}
		}
	})
}

// uploadOPML posts an OPML file to the import form as who.
func (f *fixture) uploadOPML(who string, data string) *http.Request {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(csrfField, sessionCSRF(f.sessions[who]))
	fw, _ := mw.CreateFormFile("file", "nguon-tin.opml")
	_, _ = io.WriteString(fw, data)
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/press/sources/opml", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	return r
}

func opmlOf(urls ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>`)
	for i, u := range urls {
		fmt.Fprintf(&b, `<outline text="Nguồn %d" type="rss" xmlUrl="%s"/>`, i+1, u)
	}
	b.WriteString(`</body></opml>`)
	return b.String()
}

// TestPressOPMLImportGuarded imports through the UI: a file over the cap is
// refused whole; a file mixing public feeds and internal addresses adds
// the public ones, and its page reports each refused line, page by page.
func TestPressOPMLImportGuarded(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		before := f.sourceCount(t)
		big := make([]string, ttdn.MaxSourcesPerImport+1)
		for i := range big {
			big[i] = fmt.Sprintf("https://news.example/%d.rss", i)
		}
		w := f.do(f.uploadOPML("monitor", opmlOf(big...)))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "501") || !strings.Contains(w.Body.String(), "vượt giới hạn 500") {
			t.Fatalf("over the cap: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		if n := f.sourceCount(t); n != before {
			t.Fatalf("over the cap stored %d sources", n-before)
		}
		if w := f.do(f.uploadOPML("leader", opmlOf("https://news.example/x.rss"))); w.Code != http.StatusForbidden {
			t.Errorf("leader imports: %d", w.Code)
		}
		// 25 public feeds and 5 internal addresses: two pages of lines.
		var urls []string
		for i := range 25 {
			urls = append(urls, fmt.Sprintf("https://news.example/%d.rss", i))
		}
		internal := []string{"http://127.0.0.1:5432/", "http://[::1]:6379/", "http://localhost:9200/", "http://2130706433/", "http://10.0.0.1/"}
		urls = append(urls[:10], append(internal, urls[10:]...)...)
		w = f.do(f.uploadOPML("monitor", opmlOf(urls...)))
		loc := w.Header().Get("Location")
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/press/source-imports/") {
			t.Fatalf("import: %d %q\n%s", w.Code, loc, snippet(w.Body.String()))
		}
		var body string
		for deadline := time.Now().Add(30 * time.Second); ; {
			body = f.do(f.request("GET", loc, "leader", nil)).Body.String()
			if strings.Contains(body, `data-state="done"`) {
				break
			} else if time.Now().After(deadline) {
				t.Fatalf("the import did not finish:\n%s", snippet(body))
			}
			time.Sleep(50 * time.Millisecond)
		}
		for _, want := range []string{"Đã thêm 25 · trùng địa chỉ 0 · bị từ chối 5", `data-line="1"`, `data-line="20"`, "?page=2"} {
			if !strings.Contains(body, want) {
				t.Errorf("import page lacks %q", want)
			}
		}
		problems := f.do(f.request("GET", loc+"?show=problems", "monitor", nil)).Body.String()
		for i := 11; i <= 15; i++ {
			if !strings.Contains(problems, fmt.Sprintf(`data-line="%d" data-outcome="refused"`, i)) {
				t.Errorf("problems page lacks refused line %d", i)
			}
		}
		if strings.Contains(problems, `data-outcome="added"`) || !strings.Contains(problems, "mạng nội bộ") || !strings.Contains(problems, "con số") {
			t.Errorf("problems page:\n%s", problems)
		}
		page2 := f.do(f.request("GET", loc+"?page=2", "monitor", nil)).Body.String()
		if !strings.Contains(page2, `data-line="21"`) || strings.Contains(page2, `data-line="20"`) {
			t.Errorf("page 2 shows the wrong lines")
		}
		if n := f.sourceCount(t); n != before+25 {
			t.Errorf("stored %d sources, want 25", n-before)
		}
		list, _, _ := sqlstore.NewPressService(db).FindSources(sqltest.SystemContext(), ttdn.SourceFilter{})
		for _, s := range list {
			for _, bad := range internal {
				if s.FeedURL == bad {
					t.Errorf("stored %s", bad)
				}
			}
		}
		f.run(t, []scenario{
			{name: "officer", path: loc, who: "officer", status: http.StatusNotFound},
			{name: "unknown", path: "/press/source-imports/999999", who: "monitor", status: http.StatusNotFound},
		})
		r := f.request("GET", loc, "monitor", nil)
		r.AddCookie(&http.Cookie{Name: langCookie, Value: langEN})
		if body := f.do(r).Body.String(); !strings.Contains(body, "Added 25 · duplicates 0 · refused 5") {
			t.Errorf("English page:\n%s", snippet(body))
		}
	})
}
