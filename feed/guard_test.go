package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ttdn"
)

func TestInternalAddresses(t *testing.T) {
	internal := []string{"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
		"169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.1.1.1",
		"255.255.255.255", "198.18.0.1", "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
		"::127.0.0.1", "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "ff02::1", "fec0::1",
		"64:ff9b::7f00:1", "64:ff9b::a00:1", "2002:7f00:1::", "2002:c0a8:101::1", "2001::1"}
	public := []string{"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "203.0.113.7", "113.160.1.1",
		"2001:4860:4860::8888", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"}
	for _, s := range internal {
		if !Internal(netip.MustParseAddr(s)) {
			t.Errorf("%s is internal", s)
		}
	}
	for _, s := range public {
		if Internal(netip.MustParseAddr(s)) {
			t.Errorf("%s is public", s)
		}
	}
}

func TestOddNumericHost(t *testing.T) {
	for _, h := range []string{"2130706433", "0x7f000001", "0x7f.1", "0177.0.0.1", "127.1", "127.0.0.1.", "017700000001",
		"0x7F.0.0.1", "127.000.000.001", "0"} {
		if !oddNumericHost(h) {
			t.Errorf("%q must be refused", h)
		}
	}
	for _, h := range []string{"127.0.0.1", "8.8.8.8", "example.com", "1.example", "::1", "123abc", "baotayninh.vn", "0x.example"} {
		if oddNumericHost(h) {
			t.Errorf("%q is not an odd number", h)
		}
	}
}

func TestGuardEntries(t *testing.T) {
	g, err := NewGuard([]string{" Tin.Noibo.vn ", "feeds.local:8080", "*.tayninh.gov.vn", "10.20.0.0/16", "192.168.5.5", "[::1]:9000", "127.0.0.1:8443", ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		host, port string
		want       bool
	}{
		{"tin.noibo.vn", "80", true}, {"TIN.NOIBO.VN.", "443", true}, {"feeds.local", "8080", true}, {"feeds.local", "80", false},
		{"so.tayninh.gov.vn", "80", true}, {"tayninh.gov.vn.evil.example", "80", false}, {"::1", "9000", true}, {"::1", "9001", false},
		{"127.0.0.1", "8443", true}, {"127.0.0.1", "80", false}, {"localhost", "8443", false},
	} {
		if got := g.allowsName(c.host, c.port); got != c.want {
			t.Errorf("allowsName(%s, %s) = %v", c.host, c.port, got)
		}
	}
	for s, want := range map[string]bool{"10.20.3.4": true, "10.21.0.1": false, "192.168.5.5": true, "::ffff:192.168.5.5": true,
		"192.168.5.6": false, "127.0.0.1": false, "8.8.8.8": true} {
		if got := g.allowsAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("allowsAddr(%s) = %v", s, got)
		}
	}
	for _, bad := range []string{"http://x/", "x:0", "x:99999", "10.0.0.0/33", "bad host", "2130706433", "*.x:80"} {
		if _, err := NewGuard([]string{bad}); err == nil {
			t.Errorf("entry %q accepted", bad)
		}
	}
	if !MustGuard().Empty() || g.Empty() {
		t.Error("Empty")
	}
}

// fakeLookup answers for a few names and fails for the rest, so that no
// test lookup leaves the machine.
func fakeLookup(answers map[string][]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		list, ok := answers[host]
		if !ok {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		var out []netip.Addr
		for _, a := range list {
			out = append(out, netip.MustParseAddr(a))
		}
		return out, nil
	}
}

func TestCheckURL(t *testing.T) {
	answers := map[string][]string{"news.example": {"203.0.113.7"}, "rebind.example": {"127.0.0.1"},
		"mixed.example": {"203.0.113.8", "10.0.0.1"}, "v6.example": {"::ffff:192.168.1.1"}}
	g := MustGuard()
	g.Lookup = fakeLookup(answers)
	ctx := context.Background()
	refused := map[string]string{
		"http://127.0.0.1:5432/":                   "mạng nội bộ",
		"http://[::1]:5432/":                       "mạng nội bộ",
		"http://localhost:5432/":                   "mạng nội bộ",
		"http://LOCALHOST./feed":                   "mạng nội bộ",
		"http://db.localhost/":                     "mạng nội bộ",
		"http://0.0.0.0:8080/":                     "mạng nội bộ",
		"http://[::ffff:127.0.0.1]/":               "mạng nội bộ",
		"http://169.254.169.254/latest/meta-data/": "mạng nội bộ",
		"http://10.0.0.5/rss":                      "mạng nội bộ",
		"http://rebind.example/rss":                "mạng nội bộ",
		"http://mixed.example/rss":                 "mạng nội bộ",
		"http://v6.example/rss":                    "mạng nội bộ",
		"http://2130706433/":                       "con số",
		"http://0x7f000001:5432/":                  "con số",
		"http://0177.0.0.1/":                       "con số",
		"http://127.1/":                            "con số",
		"http://user:secret@news.example/rss":      "mật khẩu",
		"ftp://news.example/rss":                   "không hợp lệ",
		"gopher://127.0.0.1:5432/":                 "không hợp lệ",
		"http:///rss":                              "không hợp lệ",
	}
	for u, want := range refused {
		err := g.CheckURL(ctx, u)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), want) {
			t.Errorf("%s: %v, want a refusal saying %q", u, err, want)
		}
		if strings.Contains(ttdn.ErrorMessage(err, "vi"), "secret") {
			t.Errorf("%s: the message repeats the password", u)
		}
	}
	for _, u := range []string{"https://news.example/rss", "http://news.example:8080/rss", "https://unknown.example/rss", "http://203.0.113.9/rss"} {
		if err := g.CheckURL(ctx, u); err != nil {
			t.Errorf("%s refused: %v", u, err)
		}
	}
	// The allow-list opens exactly what it names.
	allowed := MustGuard("10.0.0.0/8", "localhost:8080")
	allowed.Lookup = g.Lookup
	for u, ok := range map[string]bool{"http://mixed.example/rss": true, "http://10.9.9.9/rss": true, "http://localhost:8080/rss": true,
		"http://localhost:8081/rss": false, "http://127.0.0.1:8080/rss": false, "http://rebind.example/rss": false} {
		if err := allowed.CheckURL(ctx, u); (err == nil) != ok {
			t.Errorf("allow-list, %s: %v", u, err)
		}
	}
}

// countingServer is a loopback feed server that counts the requests it got.
func countingServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if h != nil {
			h(w, r)
			return
		}
		w.Write([]byte(tinyRSS))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func port(srv *httptest.Server) string {
	_, p, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return p
}

// TestFetchRefusesInternal checks the connection-time check: by default a
// loopback server is never reached, by address or by name, and the failure
// is the "blocked" category.
func TestFetchRefusesInternal(t *testing.T) {
	srv, hits := countingServer(t, nil)
	f := NewFetcher(Options{Timeout: 2 * time.Second, HostGap: -1})
	urls := []string{srv.URL + "/feed", "http://localhost:" + port(srv) + "/feed", "http://127.0.0.1.:" + port(srv) + "/feed",
		"http://2130706433:" + port(srv) + "/feed"}
	if ln, err := net.Listen("tcp6", "[::1]:0"); err == nil { // IPv6 loopback, where the machine has it
		six := httptest.NewUnstartedServer(srv.Config.Handler)
		six.Listener.Close()
		six.Listener = ln
		six.Start()
		defer six.Close()
		urls = append(urls, six.URL+"/feed")
	}
	for _, u := range urls {
		res := f.Fetch(context.Background(), Request{URL: u})
		if res.Reason != ReasonBlocked || !errors.Is(res.Err, ErrBlocked) || res.Problem() != "blocked" {
			t.Errorf("%s: reason %q, err %v", u, res.Reason, res.Err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the internal server got %d requests", hits.Load())
	}
}

// TestFetchRedirectHop checks that an allowed intranet host cannot send the
// fetcher on to another internal address: the hop is refused when it
// connects, and the second server never sees a request.
func TestFetchRedirectHop(t *testing.T) {
	inner, innerHits := countingServer(t, nil)
	var target atomic.Value
	outer, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/self" {
			http.Redirect(w, r, "/feed", http.StatusFound)
			return
		}
		if r.URL.Path == "/feed" {
			w.Write([]byte(tinyRSS))
			return
		}
		http.Redirect(w, r, target.Load().(string), http.StatusFound)
	})
	allowed := "localhost:" + port(outer)
	f := NewFetcher(Options{Timeout: 2 * time.Second, HostGap: -1, Guard: MustGuard(allowed)})
	// The allowed intranet host works, redirects within it too.
	if res := f.Fetch(context.Background(), Request{URL: "http://" + allowed + "/self"}); res.Err != nil || res.Feed == nil {
		t.Fatalf("allowed host: %v (%s)", res.Err, res.Reason)
	}
	for _, hop := range []string{inner.URL + "/feed", "http://localhost:" + port(inner) + "/feed", "http://[::ffff:127.0.0.1]:" + port(inner) + "/feed",
		"http://2130706433:" + port(inner) + "/feed", "http://127.0.0.1:" + port(outer) + "/feed"} {
		target.Store(hop)
		res := f.Fetch(context.Background(), Request{URL: "http://" + allowed + "/go"})
		if res.Reason != ReasonBlocked || res.Feed != nil {
			t.Errorf("redirect to %s: reason %q, err %v", hop, res.Reason, res.Err)
		}
	}
	if innerHits.Load() != 0 {
		t.Errorf("the second server got %d requests", innerHits.Load())
	}
	// By CIDR, the redirect target is allowed too: what the allow-list says.
	f2 := NewFetcher(Options{Timeout: 2 * time.Second, HostGap: -1, Guard: MustGuard("127.0.0.0/8")})
	target.Store(inner.URL + "/feed")
	if res := f2.Fetch(context.Background(), Request{URL: outer.URL + "/go"}); res.Err != nil || innerHits.Load() != 1 {
		t.Errorf("CIDR allow-list: %v, inner hits %d", res.Err, innerHits.Load())
	}
}

// TestFetchThroughProxy checks a proxy: it must be allowed itself, and a
// target on the internal network is refused before the proxy is asked.
func TestFetchThroughProxy(t *testing.T) {
	var asked atomic.Value
	proxy, proxyHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		asked.Store(r.URL.String())
		w.Write([]byte(tinyRSS))
	})
	pu, _ := url.Parse(proxy.URL)
	g := MustGuard(pu.Host)
	g.Lookup = fakeLookup(map[string][]string{"news.example": {"203.0.113.7"}, "rebind.example": {"10.1.1.1"}})
	f := NewFetcher(Options{Timeout: 2 * time.Second, HostGap: -1, Guard: g, Proxy: http.ProxyURL(pu)})
	if res := f.Fetch(context.Background(), Request{URL: "http://news.example/rss"}); res.Err != nil || asked.Load() != "http://news.example/rss" {
		t.Fatalf("through the proxy: %v, proxy asked %v", res.Err, asked.Load())
	}
	for _, u := range []string{"http://rebind.example/rss", "http://127.0.0.1:5432/", "http://localhost/", "http://[::1]:22/"} {
		if res := f.Fetch(context.Background(), Request{URL: u}); res.Reason != ReasonBlocked {
			t.Errorf("%s through the proxy: reason %q, err %v", u, res.Reason, res.Err)
		}
	}
	if proxyHits.Load() != 1 {
		t.Errorf("proxy asked %d times, want 1", proxyHits.Load())
	}
	// A proxy the allow-list does not name is not connected to.
	f2 := NewFetcher(Options{Timeout: 2 * time.Second, HostGap: -1, Guard: MustGuard(), Proxy: http.ProxyURL(pu)})
	if res := f2.Fetch(context.Background(), Request{URL: "http://203.0.113.7/rss"}); res.Reason != ReasonBlocked || proxyHits.Load() != 1 {
		t.Errorf("unlisted proxy: reason %q, proxy hits %d", res.Reason, proxyHits.Load())
	}
}

func TestProblemWords(t *testing.T) {
	for problem, want := range map[string]string{"network": "không kết nối được", "timeout": "hết thời gian chờ",
		"blocked": "địa chỉ bị chặn", "not-a-feed": "không phải nguồn tin hợp lệ", "http-status 503": "HTTP 503",
		"network: dial tcp 127.0.0.1:5432: connect: connection refused": "lỗi khi lấy tin", "EOF": "lỗi khi lấy tin"} {
		vi, en := ProblemText(problem)
		if !strings.Contains(vi, want) || en == "" {
			t.Errorf("ProblemText(%q) = %q, %q", problem, vi, en)
		}
	}
	res := Result{Reason: ReasonStatus, Status: 502, Err: fmt.Errorf("%w 502 Bad Gateway", ErrHTTPStatus)}
	if res.Problem() != "http-status 502" {
		t.Errorf("Problem() = %q", res.Problem())
	}
}
