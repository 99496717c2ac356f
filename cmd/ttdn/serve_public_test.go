package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var publicAddrRE = regexp.MustCompile(`public site at http://(\S+)/public/vi/`)

// TestServePublicAddr starts serve with --public-addr: the public address
// serves the public site and nothing of the internal UI or the API, with
// the canonical links of --public-url; the main address still has both.
func TestServePublicAddr(t *testing.T) {
	base, _, out := startServeOut(t, "--data", t.TempDir(), "--public-addr", "127.0.0.1:0",
		"--public-url", "https://ttdn.example.gov.vn")
	m := publicAddrRE.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no public address printed:\n%s", out.String())
	}
	pub := "http://" + m[1]
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]int{"/": 303, "/public/vi/": 200, "/public/km/events": 200, "/robots.txt": 200,
		"/sitemap.xml": 200, "/login": 404, "/plans": 404, "/api/v1/plans": 404, "/healthz": 404} {
		resp, err := noRedirect.Get(pub + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want || len(resp.Header.Values("Set-Cookie")) > 0 {
			t.Errorf("public %s: %d, want %d (cookies %q)", path, resp.StatusCode, want, resp.Header.Values("Set-Cookie"))
		}
	}
	if _, body := get(t, pub+"/public/en/"); !strings.Contains(body, `<link rel="canonical" href="https://ttdn.example.gov.vn/public/en/">`) {
		t.Errorf("the canonical link does not use --public-url:\n%s", body)
	}
	if resp, _ := get(t, base+"/public/vi/"); resp.StatusCode != 200 {
		t.Errorf("the main address lacks /public/: %d", resp.StatusCode)
	}
	if resp, _ := get(t, base+"/login"); resp.StatusCode != 200 {
		t.Errorf("the main address lacks /login: %d", resp.StatusCode)
	}
}
