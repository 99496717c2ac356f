package http

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/html"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The garbage test generates its cases from the server's own route table
// (Server.Routes) and from what the pages show: it crawls every GET page as
// every role, reads the forms (field names and the values they hold) and
// the links (query parameter names), then, for every route, every field or
// parameter (plus a few names the code reads on many routes) and every
// hostile value, sends the request with that one value changed or the field
// missing, as a coordinator and as a unit officer (and as whichever other
// role is the one a page shows the form to). No answer may be a 5xx.

// garbageValues are sent in place of each field, beside "missing".
var garbageValues = []string{"", "-1", "9223372036854775807", "1e30", "99999999999999999999", "abc", "a\x00b",
	strings.Repeat("x", 5000)}

// Names the code reads on many routes, sent whether a page shows them or
// not: query parameters to every GET route (and the API's own), fields to
// every POST route.
var (
	commonQuery = []string{"page", "q", "year", "format"}
	apiQuery    = []string{"offset", "limit", "plan", "unit", "status"}
	commonForm  = []string{"version", "id", "data"}
)

// garbageRoles always send the garbage; crawlRoles are who the crawl looks
// at pages as.
var (
	garbageRoles = []string{"coordinator", "officer"}
	crawlRoles   = []string{"coordinator", "officer", "admin", "finance", "leader", "monitor"}
)

// garbageWorkers send the cases of independent routes side by side.
const garbageWorkers = 4

// foundForm is a POST form as a page shows it.
type foundForm struct {
	page   string     // the page it is on, fetched again for fresh values
	fields url.Values // what it would post as it stands
	names  []string   // every field name, filled or not
}

// pageInfo is what one page shows: paths it links or posts to, query
// parameter names by path, POST forms by action.
type pageInfo struct {
	paths []string
	query map[string][]string
	forms map[string][]foundForm
}

// garbageWorld is what the crawl learned, and the fixture it runs on.
type garbageWorld struct {
	t  *testing.T
	f  *fixture
	mu sync.Mutex // sessions, and the maps below while cases run

	paths   []string                          // paths of links and form actions, in discovery order
	known   map[string]bool                   // paths already in paths
	fetched map[string]bool                   // who+path already crawled
	forms   map[string]map[string][]foundForm // action path → who → forms
	query   map[string]map[string]bool        // path → query parameter names
	tokens  map[string]string                 // API token by who
	sent    atomic.Int64
}

func TestGarbageEveryField(t *testing.T) {
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		start := time.Now()
		g := &garbageWorld{t: t, f: garbageFixture(t, db), known: map[string]bool{}, fetched: map[string]bool{},
			forms: map[string]map[string][]foundForm{}, query: map[string]map[string]bool{}, tokens: map[string]string{}}
		for _, who := range crawlRoles {
			g.tokens[who] = g.f.apiToken(t, who)
		}
		for range 3 { // records link to records: a few rounds reach them all
			for _, who := range crawlRoles {
				for _, pattern := range g.f.srv.Routes() {
					if method, path, ok := g.resolve(pattern); ok && method == http.MethodGet {
						g.crawl(who, path)
					}
				}
			}
		}
		crawled := time.Since(start)
		// Ordinary routes first, then those that move a record to a state
		// that refuses edits, then those that end sessions or change
		// accounts, so that each runs while the others still can.
		ranks := make([][]string, 3)
		for _, p := range g.f.srv.Routes() {
			r := garbageRank(p)
			ranks[r] = append(ranks[r], p)
		}
		for r, routes := range ranks {
			workers := garbageWorkers
			if r == 2 {
				workers = 1
			}
			g.run(routes, workers)
		}
		t.Logf("%s: %d routes, %d paths and %d form actions found, %d requests; crawl %v, total %v", db.Engine(),
			len(g.f.srv.Routes()), len(g.paths), len(g.forms), g.sent.Load(), crawled.Round(time.Millisecond),
			time.Since(start).Round(time.Millisecond))
	})
}

// run sends the cases of routes with n workers.
func (g *garbageWorld) run(routes []string, n int) {
	if n == 1 {
		for _, p := range routes {
			g.route(p)
		}
		return
	}
	next := make(chan string)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				g.route(p)
			}
		}()
	}
	for _, p := range routes {
		next <- p
	}
	close(next)
	wg.Wait()
}

// garbageFixture has a record of every kind a route takes: the seed plan,
// an activity, a draft and a submitted estimate with a file, a difficulty
// and its group and one with a file, a reporting period with a unit
// report, evidence, notifications, press items.
func garbageFixture(t *testing.T, db *sqlstore.DB) *fixture {
	f := permFixture(t, db, ttdn.Internal)
	// The fixture's clock stands still, so the API's per-minute limit
	// would answer 429 to all but the first few hundred cases.
	cfg := f.srv.cfg
	cfg.APIRateLimit = 1 << 30
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	mustIngestNews(t, db)
	officer, coordinator := sqltest.UserContext(f.users["officer"]), sqltest.UserContext(f.users["coordinator"])
	budgets, diffs := sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
	draft, sent := f.mustBudget(t), f.mustBudget(t)
	if _, err := budgets.AdvanceBudgetEstimate(officer, sent.ID, ttdn.BudgetAdvance{Step: ttdn.StepSubmit, Version: sent.Version}); err != nil {
		t.Fatal(err)
	}
	if err := budgets.AddBudgetAttachment(officer, draft.ID, &ttdn.Attachment{Name: "du-toan.pdf", Data: testPDF("Du toan")}); err != nil {
		t.Fatal(err)
	}
	d := &ttdn.Difficulty{UnitID: f.units["cong-an"].ID, PlanID: f.plan.ID, Title: "Thiếu kinh phí", Text: "Chưa được cấp kinh phí in tờ rơi.",
		Classification: ttdn.Internal}
	d2 := &ttdn.Difficulty{UnitID: f.units["cong-an"].ID, Title: "Thiếu nhân lực", Text: "Thiếu cán bộ.", Classification: ttdn.Internal}
	for _, x := range []*ttdn.Difficulty{d, d2} {
		if err := diffs.CreateDifficulty(officer, x); err != nil {
			t.Fatal(err)
		}
	}
	if err := diffs.GroupDifficulties(coordinator, &ttdn.DifficultyGroup{Title: "Kinh phí", Proposal: "Đề nghị bổ sung kinh phí.",
		MemberIDs: []int64{d.ID}}); err != nil {
		t.Fatal(err)
	}
	if err := diffs.AddDifficultyAttachment(officer, d2.ID, &ttdn.Attachment{Name: "bien-ban.pdf", Data: testPDF("Bien ban")}); err != nil {
		t.Fatal(err)
	}
	rp := &ttdn.ReportPeriod{PlanID: f.plan.ID, Type: ttdn.PeriodHalfYear, Year: 2019, Number: 1}
	if err := sqlstore.NewReportPeriodService(db).OpenPeriod(coordinator, rp); err != nil {
		t.Fatal(err)
	}
	if _, err := sqlstore.NewUnitReportService(db).StartUnitReport(officer, rp.ID, f.units["cong-an"].ID); err != nil {
		t.Fatal(err)
	}
	if w := f.uploadEvidence(t, f.plan.Tasks[0].ID, "coordinator", map[string]string{"text": "Đã tổ chức hội nghị", "percent": "50"},
		map[string][]byte{"bien-ban.pdf": testPDF("Bien ban")}); w.Code != http.StatusSeeOther {
		t.Fatalf("evidence: %d", w.Code)
	}
	if _, err := sqlstore.NewNotificationService(db).GenerateNotifications(sqltest.SystemContext()); err != nil {
		t.Fatal(err)
	}
	return f
}

// garbageRank is 0 for ordinary routes, 1 for those that move a record on
// (after which its edits are refused), 2 for accounts and sessions.
func garbageRank(pattern string) int {
	for _, s := range []string{"/users", "/account", "/logout", "/login"} {
		if strings.Contains(pattern, s) {
			return 2
		}
	}
	for _, s := range []string{"/advance", "/appraise", "/close", "/issue", "/forward", "/answer", "/retire", "/copy", "/review",
		"/refresh", "/start", "/enabled", "/reapply", "/read"} {
		if strings.Contains(pattern, s) {
			return 1
		}
	}
	return 0
}

// resolve turns a pattern into a path to request: its {id} and friends
// taken from a link or form the crawl found (ok), else from ids no record
// has (still worth the garbage: the answer must be a 404, not a 500).
func (g *garbageWorld) resolve(pattern string) (method, path string, ok bool) {
	method, path, found := strings.Cut(pattern, " ")
	if !found {
		method, path = http.MethodGet, pattern
	}
	switch path {
	case "/":
		return method, "/no-such-page", true
	case "/api/":
		return method, "/api/v1/no-such-thing", true
	case "/assets/":
		return method, "/assets/style.css", true
	case "/{$}":
		return method, "/", true
	}
	if !strings.Contains(path, "{") {
		return method, path, true
	}
	re := regexp.MustCompile("^" + strings.NewReplacer(`\{id\}`, `[0-9]+`, `\{file\}`, `[0-9]+`, `\{format\}`, `[a-z]+`,
		`\{lang\}`, `[a-z]+`).Replace(regexp.QuoteMeta(path)) + "$")
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, p := range g.paths {
		if re.MatchString(p) {
			return method, p, true
		}
	}
	return method, strings.NewReplacer("{id}", "999999999", "{file}", "999999999", "{format}", "csv", "{lang}", "en").Replace(path), false
}

// crawl fetches a page as who and records its links and forms.
func (g *garbageWorld) crawl(who, path string) {
	if g.fetched[who+" "+path] {
		return
	}
	g.fetched[who+" "+path] = true
	info := g.fetch(who, path)
	if info == nil {
		return
	}
	for _, p := range info.paths {
		if !g.known[p] {
			g.known[p] = true
			g.paths = append(g.paths, p)
		}
	}
	for p, names := range info.query {
		if g.query[p] == nil {
			g.query[p] = map[string]bool{}
		}
		for _, n := range names {
			g.query[p][n] = true
		}
	}
	for action, list := range info.forms {
		if g.forms[action] == nil {
			g.forms[action] = map[string][]foundForm{}
		}
		g.forms[action][who] = append(g.forms[action][who], list...)
	}
}

// fetch gets a page as who and reads it; nil when it is no HTML page.
func (g *garbageWorld) fetch(who, path string) *pageInfo {
	w := g.send(who, g.request(who, http.MethodGet, path, nil))
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		return nil
	}
	doc, err := html.Parse(strings.NewReader(w.Body.String()))
	if err != nil {
		g.t.Fatalf("%s: %v", path, err)
	}
	return readPage(path, doc)
}

// readPage collects a page's links, GET forms' fields and POST forms.
func readPage(page string, doc *html.Node) *pageInfo {
	info := &pageInfo{query: map[string][]string{}, forms: map[string][]foundForm{}}
	byID := map[string]*foundForm{}
	type postForm struct {
		action string
		form   *foundForm
	}
	var posts []postForm
	var walk func(n *html.Node, form *foundForm)
	walk = func(n *html.Node, form *foundForm) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "a":
				if u, err := url.Parse(attr(n, "href")); err == nil && u.Host == "" && strings.HasPrefix(u.Path, "/") {
					info.paths = append(info.paths, u.Path)
					for k := range u.Query() {
						info.query[u.Path] = append(info.query[u.Path], k)
					}
				}
			case "form":
				action := attr(n, "action")
				if action == "" {
					action = page
				}
				u, err := url.Parse(action)
				if err != nil {
					break
				}
				info.paths = append(info.paths, u.Path)
				form = &foundForm{page: page, fields: url.Values{}}
				if strings.EqualFold(attr(n, "method"), "post") {
					posts = append(posts, postForm{u.Path, form})
				} else {
					defer func(path string, ff *foundForm) { info.query[path] = append(info.query[path], ff.names...) }(u.Path, form)
				}
				if id := attr(n, "id"); id != "" {
					byID[id] = form
				}
			case "input", "select", "textarea", "button":
				target := form
				if id := attr(n, "form"); id != "" {
					target = byID[id]
				}
				if target != nil {
					addField(target, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, form)
		}
	}
	walk(doc, nil)
	for _, p := range posts {
		info.forms[p.action] = append(info.forms[p.action], *p.form)
	}
	return info
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

// addField adds an element's name and the value it would send.
func addField(f *foundForm, n *html.Node) {
	name := attr(n, "name")
	if name == "" || name == csrfField {
		return
	}
	if !slices.Contains(f.names, name) {
		f.names = append(f.names, name)
	}
	switch n.Data {
	case "input":
		switch typ := strings.ToLower(attr(n, "type")); typ {
		case "checkbox", "radio":
			if hasAttr(n, "checked") {
				v := attr(n, "value")
				if v == "" {
					v = "on"
				}
				f.fields.Add(name, v)
			}
		case "file":
		case "submit", "image", "reset", "button":
			if !f.fields.Has(name) {
				f.fields.Set(name, attr(n, "value"))
			}
		default:
			f.fields.Add(name, attr(n, "value"))
		}
	case "button":
		if t := strings.ToLower(attr(n, "type")); (t == "" || t == "submit") && !f.fields.Has(name) {
			f.fields.Set(name, attr(n, "value"))
		}
	case "textarea":
		f.fields.Add(name, textOf(n))
	case "select":
		var first, chosen []string
		var opts func(*html.Node)
		opts = func(o *html.Node) {
			if o.Type == html.ElementNode && o.Data == "option" {
				v := attr(o, "value")
				if !hasAttr(o, "value") {
					v = strings.TrimSpace(textOf(o))
				}
				if first == nil {
					first = []string{v}
				}
				if hasAttr(o, "selected") {
					chosen = append(chosen, v)
				}
			}
			for c := o.FirstChild; c != nil; c = c.NextSibling {
				opts(c)
			}
		}
		opts(n)
		if chosen == nil && !hasAttr(n, "multiple") {
			chosen = first
		}
		for _, v := range chosen {
			f.fields.Add(name, v)
		}
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// route sends every generated case of one route.
func (g *garbageWorld) route(pattern string) {
	method, path, _ := g.resolve(pattern)
	roles := slices.Clone(garbageRoles)
	if method == http.MethodPost {
		// Whoever else a page shows the form to (finance appraises, the
		// administrator manages accounts) sends it too.
		g.mu.Lock()
		for _, who := range crawlRoles {
			if g.forms[path][who] != nil && !slices.Contains(roles, who) &&
				g.forms[path]["coordinator"] == nil && g.forms[path]["officer"] == nil {
				roles = append(roles, who)
			}
		}
		g.mu.Unlock()
	} else if g.probe(pattern, "coordinator", method, path, nil, "") == http.StatusForbidden {
		roles = append(roles, "admin")
	}
	for _, who := range roles {
		if method == http.MethodPost {
			g.postCases(pattern, who, path)
		} else {
			g.getCases(pattern, who, method, path)
		}
	}
}

// getCases sends every parameter the pages link to this path with, and the
// common ones, with every garbage value.
func (g *garbageWorld) getCases(pattern, who, method, path string) {
	common := commonQuery
	if strings.HasPrefix(path, "/api/") {
		common = append(slices.Clone(common), apiQuery...)
	}
	g.mu.Lock()
	var names []string
	for n := range g.query[path] {
		if !slices.Contains(common, n) {
			names = append(names, n)
		}
	}
	g.mu.Unlock()
	slices.Sort(names)
	for _, name := range append(names, common...) {
		for _, v := range garbageValues {
			g.probe(pattern, who, method, path+"?"+url.Values{name: {v}}.Encode(), nil, "")
		}
	}
}

// postCases sends the route's form as a page shows it with one field
// missing or holding a garbage value at a time.
func (g *garbageWorld) postCases(pattern, who, path string) {
	base, names := g.baseline(who, path)
	for _, n := range commonForm {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, name := range names {
		for i := -1; i < len(garbageValues); i++ {
			form := url.Values{}
			for k, v := range base {
				form[k] = slices.Clone(v)
			}
			change := "without " + name
			if i < 0 {
				if !form.Has(name) {
					continue
				}
				form.Del(name)
			} else {
				form.Set(name, garbageValues[i])
				change = fmt.Sprintf("with %s=%q", name, clip(garbageValues[i]))
			}
			if code := g.probe(pattern, who, http.MethodPost, path, form, change); code >= 300 && code < 400 {
				nextVersion(base) // it went through: the record's version moved on
			}
		}
	}
}

// nextVersion counts a saved change in the form's version, as storage
// does, so that the next case is judged on its garbage, not refused as
// stale (fetching the form again would cost a page per case).
func nextVersion(form url.Values) {
	if v, err := strconv.Atoi(form.Get("version")); err == nil {
		form.Set("version", strconv.Itoa(v+1))
	}
}

// baseline returns the form who sees for path, fetched again so that its
// version and values are current, and every field name any form for path
// has; a route no page shows a form for gets an empty form.
func (g *garbageWorld) baseline(who, path string) (url.Values, []string) {
	g.mu.Lock()
	byWho := g.forms[path]
	var names []string
	for _, l := range byWho {
		for _, ff := range l {
			for _, n := range ff.names {
				if !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
		}
	}
	list := byWho[who]
	for _, other := range crawlRoles {
		if list == nil {
			list = byWho[other]
		}
	}
	g.mu.Unlock()
	slices.Sort(names)
	if list == nil {
		return url.Values{}, names
	}
	if info := g.fetch(who, list[0].page); info != nil && len(info.forms[path]) > 0 {
		return info.forms[path][0].fields, names
	}
	return list[0].fields, names
}

// request builds a request as who (sessions may be replaced meanwhile).
func (g *garbageWorld) request(who, method, target string, form url.Values) *http.Request {
	g.mu.Lock()
	r := g.f.request(method, "/", who, form)
	g.mu.Unlock()
	u, err := url.Parse(target)
	if err != nil {
		g.t.Fatalf("%s: %v", target, err)
	}
	r.URL.Path, r.URL.RawQuery, r.RequestURI = u.Path, u.RawQuery, target
	if strings.HasPrefix(u.Path, "/api/") {
		r.Header.Set("Authorization", "Bearer "+g.tokens[who])
	}
	return r
}

func (g *garbageWorld) send(who string, r *http.Request) *httptest.ResponseRecorder {
	g.sent.Add(1)
	r.RemoteAddr = "10.8.0." + fmt.Sprint(slices.Index(permRoles, who)+1) + ":4321"
	return g.f.do(r)
}

func (g *garbageWorld) newSession(who string) {
	s := sqltest.MustCreateSession(g.t, g.f.db, g.f.users[who])
	g.mu.Lock()
	g.f.sessions[who] = s
	g.mu.Unlock()
}

// probe sends one request as who and checks the answer is no 5xx and
// shows no stack; a session an earlier case ended is made again and the
// request repeated.
func (g *garbageWorld) probe(pattern, who, method, target string, form url.Values, change string) int {
	for attempt := 0; ; attempt++ {
		var send url.Values
		if form != nil {
			send = url.Values{}
			for k, v := range form {
				send[k] = v
			}
		}
		w := g.send(who, g.request(who, method, target, send))
		if loc := w.Header().Get("Location"); w.Code == http.StatusSeeOther && strings.HasPrefix(loc, "/login") && attempt == 0 &&
			!strings.HasPrefix(target, "/login") && !strings.HasPrefix(target, "/logout") {
			g.newSession(who)
			continue
		}
		what := fmt.Sprintf("%s as %s: %s %s %s", pattern, who, method, clip(target), change)
		if w.Code >= 500 {
			g.t.Errorf("%s: status %d\n%s", what, w.Code, snippet(w.Body.String()))
		}
		for _, leak := range []string{"goroutine ", "panic(", ".go:", "runtime/"} {
			if strings.Contains(w.Body.String(), leak) {
				g.t.Errorf("%s: the answer shows %q", what, leak)
			}
		}
		if strings.Contains(pattern, "/logout") || strings.Contains(pattern, "/password") {
			g.newSession(who)
		}
		return w.Code
	}
}

func clip(s string) string {
	if len(s) > 160 {
		return s[:160] + "…"
	}
	return s
}
