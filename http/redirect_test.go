package http

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// hostileTargets generates redirect targets that must never leave the
// site: every control character after the first "/" (as written, and
// percent-encoded once and twice), backslashes, scheme-relative paths,
// schemes, invisible Unicode and broken UTF-8.
func hostileTargets() []string {
	var out []string
	ctl := []byte{0x7f}
	for c := byte(0); c < 0x20; c++ {
		ctl = append(ctl, c)
	}
	for _, c := range ctl {
		ch, enc := string([]byte{c}), fmt.Sprintf("%%%02X", c)
		out = append(out,
			"/"+ch+"/evil.example", "/"+ch+"\\evil.example", ch+"//evil.example", "/"+ch+ch+"/evil.example",
			"/"+enc+"/evil.example", "/"+strings.ReplaceAll(enc, "%", "%25")+"/evil.example",
			"/%2F"+enc+"%2Fevil.example", "/plans"+ch, "/plans?q="+enc)
	}
	for _, s := range []string{
		// scheme-relative and backslash forms
		"//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
		"\\/evil.example", "/./\\evil.example", "/../\\evil.example", "/a/..\\..\\evil.example", "/%5Cevil.example",
		"/%5cevil.example", "/%5C%5Cevil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%252F/evil.example",
		"/%25252F/evil.example", "/%2525252F%2525252Fevil.example", "/.%2F%2Fevil.example", "/%2e/%5cevil.example",
		// schemes and hosts
		"http://evil.example", "https://evil.example/", "HTTP://evil.example", "https:evil.example", "https:/evil.example",
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:alert(1)", "data:text/html,x",
		"vbscript:x", "evil.example", "@evil.example", "//user@evil.example", "/\t/user:pass@evil.example",
		// leading white space, empty, odd starts
		"", " /plans", "\t/plans", " //evil.example", "./plans", "?next=//evil.example", "#//evil.example",
		// invisible Unicode, encoded or not
		"/\u00a0/evil.example", "/\u2028/evil.example", "/\u2029/evil.example", "/\u200b/evil.example", "/\ufeff/evil.example",
		"/\u202e/evil.example", "/\u3000/evil.example", "/\u0085/evil.example", "/%C2%A0/evil.example", "/%E2%80%A8/evil.example",
		"/%E2%80%8B/evil.example", "/%C2%85/evil.example",
		// broken UTF-8
		"/\xff/evil.example", "/%FF/evil.example", "/%C0%AF/evil.example", "/\xc0\xaf/evil.example",
	} {
		out = append(out, s)
	}
	return out
}

// localTargets are the targets the application itself produces.
var localTargets = []string{
	"/", "/plans", "/plans?q=H%C3%A0+N%E1%BB%99i&page=2", "/press?q=50%25", "/press?q=moc+bai&format=csv",
	"/tasks/5#updates", "/login?next=%2Fplans%3Fq%3DH%25C3%25A0", "/press/review?status=new&page=3",
	"/plans/%7Bid%7D", "/units/7/edit",
}

func TestLocalPath(t *testing.T) {
	for _, s := range hostileTargets() {
		if localPath(s) {
			t.Errorf("localPath(%q) = true, want false", s)
		}
		if got := localTarget(s); got != "/" {
			t.Errorf("localTarget(%q) = %q, want /", s, got)
		}
	}
	for _, s := range localTargets {
		if !localPath(s) || localTarget(s) != s {
			t.Errorf("localPath(%q) = false, want true", s)
		}
	}
}

// TestRedirectTargets sends every hostile target where the server takes
// one: /lang's next, the log-in form's next (shown and posted) and the
// review queue's back. The answer goes home, never elsewhere.
func TestRedirectTargets(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		for _, target := range hostileTargets() {
			// A NUL is removed from every query string before anything reads
			// it (cleaninput.go): "/plans\x00" arrives as "/plans".
			want, field := "/", ""
			if c := ttdn.CleanText(target); c != target && localPath(c) {
				want, field = c, c
			}
			for _, lang := range []string{"vi", "en"} {
				w := f.do(f.request(http.MethodGet, "/lang/"+lang+"?next="+url.QueryEscape(target), anon, nil))
				if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != want {
					t.Errorf("/lang/%s?next=%q: %d Location %q, want 303 %s", lang, target, w.Code, loc, want)
				}
			}
			w := f.do(f.request(http.MethodGet, "/login?next="+url.QueryEscape(target), anon, nil))
			if body := w.Body.String(); w.Code != http.StatusOK || !strings.Contains(body, `name="next" value="`+field+`"`) {
				t.Errorf("/login?next=%q: %d, the form carries the target on\n%s", target, w.Code, snippet(body))
			}
		}
		// The issue's own request, byte for byte.
		w := f.do(f.request(http.MethodGet, "/lang/vi?next=%2F%09%2Fevil.example", anon, nil))
		if loc := w.Header().Get("Location"); loc != "/" {
			t.Errorf("the reported request redirects to %q", loc)
		}
		// A full log-in per target costs a password hash: a sample of each kind.
		for _, target := range []string{"/\t/evil.example", "//evil.example", "/\\evil.example", "/%2F%09%2Fevil.example",
			"javascript:alert(1)", "/./\\evil.example", "https://evil.example"} {
			r := f.request(http.MethodPost, "/login", anon, form("username", "coordinator", "password", testPassword,
				csrfField, fixedCSRF, "next", target))
			r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
			w := f.do(r)
			if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != "/" {
				t.Errorf("log-in with next=%q: %d Location %q, want 303 /", target, w.Code, loc)
			}
		}
		// The review queue comes back to itself, whatever back says.
		rev, err := sqlstore.NewPressService(db).FindReviewByArticle(sqltest.SystemContext(), item.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, back := range []string{"/\t/evil.example", "//evil.example", "/press/review\\..\\..\\/evil.example", "/press/review?x=%09"} {
			w := f.do(f.request(http.MethodPost, fmt.Sprintf("/press/review/%d", item.ID), "monitor",
				form("version", fmt.Sprint(rev.Version), "status", "new", "back", back)))
			if loc := w.Header().Get("Location"); w.Code != http.StatusSeeOther || loc != "/press/review" {
				t.Errorf("review with back=%q: %d Location %q, want 303 /press/review", back, w.Code, loc)
			}
			rev.Version++
		}
		// A legitimate target still works.
		w = f.do(f.request(http.MethodGet, "/lang/en?next="+url.QueryEscape("/plans?q=H%C3%A0+N%E1%BB%99i"), anon, nil))
		if loc := w.Header().Get("Location"); loc != "/plans?q=H%C3%A0+N%E1%BB%99i" {
			t.Errorf("a local target became %q", loc)
		}
	})
}

// TestOneRedirectFunction keeps every redirect on the checked path: the
// package calls net/http's Redirect in redirect.go only.
func TestOneRedirectFunction(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "redirect.go" {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && id.Name == "http" && n.Sel.Name == "Redirect" {
					t.Errorf("%s: http.Redirect outside redirect.go; use s.redirect", fset.Position(n.Pos()))
				}
			case *ast.BasicLit:
				if n.Kind == token.STRING && strings.Contains(n.Value, `"Location"`) {
					t.Errorf("%s: a Location header set by hand; use s.redirect", fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
}

// TestRouterRedirectsStayLocal: net/http's mux answers unclean paths with
// its own redirect, outside s.redirect; those must stay on the site too. It
// escapes what it keeps ("%5C" becomes "%255C"), so the target is checked
// as a browser reads it: one layer, not decoded again.
func TestRouterRedirectsStayLocal(t *testing.T) {
	f := newFixture(t, sqltest.Open(t, sqlstore.EngineSQLite), false)
	for _, raw := range []string{"//evil.example", "///evil.example/", "/./%5Cevil.example", "/.//evil.example/", "/..%5C%5Cevil.example",
		"/%5C%5Cevil.example/..", "/assets/../%5Cevil.example", "/assets/..//evil.example", "/assets/.././/evil.example",
		"/lang/../%2F%2Fevil.example", "/%09/evil.example", "/./%09/evil.example", "/assets"} {
		u, err := url.Parse("http://ttdn.test" + raw)
		if err != nil {
			t.Fatal(err)
		}
		r := f.request(http.MethodGet, "/", anon, nil)
		r.URL = u
		w := f.do(r)
		if loc := w.Header().Get("Location"); loc != "" && (!localShape(loc) || strings.HasPrefix(loc, "/%2F") || strings.HasPrefix(loc, "/%5C")) {
			t.Errorf("GET %s: %d Location %q", raw, w.Code, loc)
		}
	}
}
