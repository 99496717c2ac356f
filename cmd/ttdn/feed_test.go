package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"ttdn"
)

const cliRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tin nội bộ</title>
<item><title>Giao ban công tác thông tin đối ngoại</title><link>http://intranet.local/a1</link><pubDate>Fri, 14 Nov 2025 08:00:00 +0700</pubDate></item>
</channel></rss>`

// TestFeedCommandsGuard drives the feed commands against loopback servers:
// internal URLs are refused when added, a fetch of one is blocked and
// listed in words only, and the allow-list (flag or environment) opens
// exactly the named host.
func TestFeedCommandsGuard(t *testing.T) {
	data := t.TempDir()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, cliRSS)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	allowed := "localhost:" + port
	cli := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append(args, "--data", data), nil, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	for u, words := range map[string]string{"http://127.0.0.1:" + port + "/rss": "mạng nội bộ", "http://[::1]:" + port + "/rss": "mạng nội bộ",
		"http://" + allowed + "/rss": "mạng nội bộ", "http://2130706433:" + port + "/": "con số", "http://u:p@203.0.113.5/rss": "mật khẩu"} {
		if _, _, err := cli("feed", "add", u); ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(errorText(err), words) {
			t.Errorf("feed add %s: %v", u, err)
		}
	}
	if _, _, err := cli("feed", "add", "http://"+allowed+"/rss", "--feed-allow-host", "localhost:1"); err == nil {
		t.Error("another port of the host was allowed")
	}
	if _, _, err := cli("feed", "add", "http://"+allowed+"/rss", "--feed-allow-host", "bad entry"); err == nil || !strings.Contains(errorText(err), "không hợp lệ") {
		t.Errorf("bad allow-list entry: %v", err)
	}
	// Allowed by the flag: added. Fetched without the allow-list: blocked,
	// and the list says so without the address.
	if _, _, err := cli("feed", "add", "http://"+allowed+"/a.rss", "--name", "Tin nội bộ A", "--feed-allow-host", allowed); err != nil {
		t.Fatal(err)
	}
	if out, _, err := cli("feed", "refresh"); err != nil || !strings.Contains(out, "(1 lỗi)") || hits.Load() != 0 {
		t.Fatalf("refresh without the allow-list: %q %v, hits %d", out, err, hits.Load())
	}
	out, _, err := cli("feed", "list")
	if err != nil || !strings.Contains(out, "địa chỉ bị chặn") || strings.Contains(out, "dial") {
		t.Errorf("feed list: %v\n%s", err, out)
	}
	// Allowed by the environment: added and fetched.
	t.Setenv("TTDN_FEED_ALLOW_HOST", "intranet.invalid, "+allowed)
	if _, _, err := cli("feed", "add", "http://"+allowed+"/b.rss", "--name", "Tin nội bộ B"); err != nil {
		t.Fatal(err)
	}
	if out, _, err := cli("feed", "refresh"); err != nil || !strings.Contains(out, "(0 lỗi), 1 tin mới") || hits.Load() != 1 {
		t.Fatalf("refresh with the allow-list: %q %v, hits %d", out, err, hits.Load())
	}
}

// TestFeedImportOPMLGuard imports OPML files from the command line: over
// the cap nothing is imported; otherwise internal outlines are refused and
// listed, the rest added, with a progress bar.
func TestFeedImportOPMLGuard(t *testing.T) {
	data := t.TempDir()
	write := func(name string, urls ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>`)
		for i, u := range urls {
			fmt.Fprintf(&b, `<outline text="Nguồn %d" xmlUrl="%s"/>`, i+1, u)
		}
		b.WriteString(`</body></opml>`)
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cli := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append(args, "--data", data), nil, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	// Public addresses written as numbers: nothing is resolved, nothing fetched.
	var big []string
	for i := range ttdn.MaxSourcesPerImport + 1 {
		big = append(big, fmt.Sprintf("http://203.0.113.%d/%d.rss", i%250+1, i))
	}
	if _, _, err := cli("feed", "import-opml", write("lon.opml", big...)); ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(errorText(err), "vượt giới hạn") {
		t.Fatalf("over the cap: %v", err)
	}
	if out, _, _ := cli("feed", "list"); strings.Contains(out, "203.0.113") {
		t.Fatalf("over the cap imported sources:\n%s", out)
	}
	out, errOut, err := cli("feed", "import-opml", write("nguon.opml", "http://203.0.113.1/a.rss", "http://127.0.0.1:5432/", "http://localhost:6379/",
		"http://203.0.113.1/a.rss", "http://0x7f.1/", "http://203.0.113.2/b.rss"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Đã thêm 2 nguồn, trùng 1, từ chối 3") {
		t.Errorf("summary: %q", out)
	}
	for _, want := range []string{"line 2 (http://127.0.0.1:5432/)", "line 3", "line 4", "line 5", "mạng nội bộ", "con số", "(6/6)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}
