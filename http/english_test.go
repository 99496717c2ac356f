package http

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"ttdn"
	"ttdn/directory"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestEnglishModeComplete: every GET page of the route table, read in
// English by each role, shows no Vietnamese but the people's own data.
//
// The check is made sound by taking the data out of the question: after
// the fixture is built, every text stored in the database is folded to
// ASCII (diacritics dropped, đ → d), except a column that has an English
// sibling (name beside name_en) — the page must show the English one. So
// any Vietnamese letter left on an English page was written by ttdn's code
// or templates: an untranslated word.
func TestEnglishModeComplete(t *testing.T) {
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := permFixture(t, db, ttdn.Internal)
	extra := englishWalkData(t, f)
	foldStoredText(t, db)
	found := map[string]map[string]bool{} // phrase → pages
	lineOf := map[string]string{}         // phrase → the line it was seen in
	walked := 0
	for _, who := range []string{"coordinator", "officer", "finance", "leader", "monitor", "admin"} {
		var paths []string
		for _, pattern := range f.srv.Routes() {
			if method, path := f.permPath(pattern); method == http.MethodGet && !skipNarrow(path) {
				paths = append(paths, path)
			}
		}
		for _, path := range append(paths, extra...) {
			r := f.request(http.MethodGet, path, who, nil)
			r.AddCookie(&http.Cookie{Name: langCookie, Value: langEN})
			res := f.do(r)
			if !strings.HasPrefix(res.Header().Get("Content-Type"), "text/html") {
				continue
			}
			walked++
			for _, p := range vietnamesePhrases(readableText(res.Body.String())) {
				if allowedInEnglish(p.text) {
					continue
				}
				if found[p.text] == nil {
					found[p.text] = map[string]bool{}
					lineOf[p.text] = p.line
				}
				found[p.text][path] = true
			}
		}
	}
	if walked < 300 {
		t.Fatalf("only %d pages walked", walked)
	}
	var lines []string
	for p, pages := range found {
		var list []string
		for pg := range pages {
			list = append(list, pg)
		}
		sort.Strings(list)
		lines = append(lines, fmt.Sprintf("%q on %s, in %q", p, strings.Join(list[:min(3, len(list))], ", "), lineOf[p]))
	}
	sort.Strings(lines)
	if len(lines) > 0 {
		t.Errorf("%d Vietnamese phrases on English pages:\n%s", len(lines), strings.Join(lines, "\n"))
	}
}

// englishWalkData adds what the route table's fixture lacks — the
// indicator catalogue, watch terms, an open period with a unit's report
// — and returns the pages that show them.
func englishWalkData(t *testing.T, f *fixture) []string {
	t.Helper()
	ctx := sqltest.SystemContext()
	if err := sqlstore.SeedIndicators(ctx, f.db); err != nil {
		t.Fatal(err)
	} else if err := sqlstore.SeedWatchTerms(ctx, f.db); err != nil {
		t.Fatal(err)
	}
	rp := &ttdn.ReportPeriod{PlanID: f.plan.ID, Type: ttdn.PeriodHalfYear, Year: 2019, Number: 1}
	if err := sqlstore.NewReportPeriodService(f.db).OpenPeriod(sqltest.UserContext(f.users["coordinator"]), rp); err != nil {
		t.Fatal(err)
	}
	rep, err := sqlstore.NewUnitReportService(f.db).StartUnitReport(sqltest.UserContext(f.users["officer"]), rp.ID, f.units["cong-an"].ID)
	if err != nil {
		t.Fatal(err)
	}
	// The first save of the consolidated report stores its draft, with the
	// document's own (Vietnamese) words: data from then on.
	if _, err := sqlstore.NewConsolidatedReportService(f.db).UpdateConsolidatedReport(sqltest.UserContext(f.users["coordinator"]),
		rp.ID, ttdn.ConsolidatedUpdate{}); err != nil {
		t.Fatal(err)
	}
	// An estimate sent for appraisal, and the news sample's hits.
	e := f.mustBudget(t)
	if _, err := sqlstore.NewBudgetService(f.db).AdvanceBudgetEstimate(sqltest.UserContext(f.users["officer"]), e.ID,
		ttdn.BudgetAdvance{Version: e.Version, Step: ttdn.StepSubmit}); err != nil {
		t.Fatal(err)
	}
	now := f.db.Now
	f.db.Now = func() time.Time { return pressNow }
	article := mustIngestNews(t, f.db)
	if _, err := sqlstore.NewPressService(f.db).GeneratePressAlerts(ctx); err != nil {
		t.Fatal(err)
	}
	f.db.Now = now
	// A case opened from the article, and a difficulty the unit raised.
	c := &ttdn.Case{ArticleID: article.ID, Claim: "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn"}
	if err := sqlstore.NewCaseService(f.db).OpenCase(sqltest.UserContext(f.users["monitor"]), c, nil); err != nil {
		t.Fatal(err)
	}
	dif := &ttdn.Difficulty{UnitID: f.units["cong-an"].ID, PlanID: f.plan.ID, Title: "Thiếu phiên dịch tiếng Khmer",
		Text: "Đơn vị chưa có người dịch tài liệu sang tiếng Khmer."}
	if err := sqlstore.NewDifficultyService(f.db).CreateDifficulty(sqltest.UserContext(f.users["officer"]), dif); err != nil {
		t.Fatal(err)
	}
	return []string{"/cases/" + itoa(c.ID), "/difficulties/" + itoa(dif.ID), "/difficulties/" + itoa(dif.ID) + "/edit", "/budgets/" + itoa(e.ID), "/budgets/" + itoa(e.ID) + "/edit", "/press/articles/" + itoa(article.ID),
		"/press/stories/" + itoa(article.StoryID), "/press/review?status=new", "/notifications",
		"/reports/periods/" + itoa(rp.ID), "/reports/" + itoa(rep.ID), "/plans/" + itoa(f.plan.ID) + "/indicators",
		"/reports/periods/" + itoa(rp.ID) + "/consolidated", "/press/watch", "/plans/" + itoa(f.plan.ID) + "?by=units"}
}

// readableText is the page's visible text and the attributes people read
// or hear: titles, placeholders, labels for screen readers, alt texts.
func readableText(page string) string {
	var b strings.Builder
	b.WriteString(visibleText(page))
	re := regexp.MustCompile(`\s(?:title|placeholder|aria-label|alt)="([^"]*)"`)
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		b.WriteString("\n" + html.UnescapeString(m[1]))
	}
	return b.String()
}

// seededColumns hold words ttdn itself wrote into the database (the
// indicator catalogue's units of measure): not people's data, so they are
// not folded and must show in English.
var seededColumns = map[string]bool{"indicators.unit": true}

// allowedInEnglish reports whether phrase was written into the English
// side of the catalogue on purpose — a proper name (Mộc Bài, TTĐN Tây
// Ninh), the đồng, a Vietnamese search term quoted as an example — or is
// the language switcher's name of Vietnamese, written in Vietnamese.
func allowedInEnglish(phrase string) bool {
	p := strings.Trim(phrase, "()·,.:;")
	if p == "Tiếng Việt" || provinceNamesOnly(p) || onlyDongSigns(p) {
		return true
	}
	for _, e := range catalog {
		if strings.Contains(e[1], p) {
			return true
		}
	}
	return false
}

// provinceNamesOnly reports whether every Vietnamese word of p is a word of
// a province's name, as shipped in directory.Provinces(): proper names,
// which English keeps ("Hà Tĩnh Province", "formed from Lào Cai, Yên Bái").
func provinceNamesOnly(p string) bool {
	words := map[string]bool{}
	for _, pr := range directory.Provinces() {
		for _, name := range append([]string{pr.Name}, pr.FormedFrom...) {
			for _, w := range strings.Fields(name) {
				words[w] = true
			}
		}
	}
	for _, w := range strings.Fields(p) {
		if w = strings.Trim(w, "()·,.:;—-"); hasVietnameseLetter(w) && !words[w] {
			return false
		}
	}
	return true
}

// onlyDongSigns reports whether the only Vietnamese in p is the đồng sign
// after amounts ("51.500.000 đ"): a currency symbol, like €.
func onlyDongSigns(p string) bool {
	for _, w := range strings.Fields(p) {
		if w != "đ" && hasVietnameseLetter(w) {
			return false
		}
	}
	return true
}

// phrase is a run of Vietnamese words and the line it stands in.
type phrase struct{ text, line string }

// vietnamesePhrases returns the runs of words with a Vietnamese letter in
// text (with the unmarked words between them), each once.
func vietnamesePhrases(text string) []phrase {
	var out []phrase
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		words := strings.Fields(line)
		start := -1
		flush := func(end int) {
			if start >= 0 {
				p := strings.Join(words[start:end], " ")
				if !seen[p] {
					seen[p] = true
					l := strings.Join(words, " ")
					out = append(out, phrase{p, l[:min(len(l), 160)]})
				}
			}
			start = -1
		}
		for i, w := range words {
			if hasVietnameseLetter(w) {
				if start < 0 {
					start = i
				}
			} else if start >= 0 && (i+1 >= len(words) || !hasVietnameseLetter(words[i+1])) {
				flush(i)
			}
		}
		flush(len(words))
	}
	return out
}

// hasVietnameseLetter reports whether w has a Latin letter beyond ASCII.
func hasVietnameseLetter(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII && unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// foldASCII drops the diacritics of s, keeping its case.
func foldASCII(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldStoredText folds every stored text to ASCII but the columns with an
// English sibling (SQLite).
func foldStoredText(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := t.Context()
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	tables := queryStrings(t, tx, `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'`)
	folded := 0
	for _, table := range tables {
		cols := map[string]string{}
		rows, err := tx.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, typ string
			if err := rows.Scan(&name, &typ); err != nil {
				t.Fatal(err)
			}
			cols[name] = strings.ToUpper(typ)
		}
		rows.Close()
		for col, typ := range cols {
			if typ != "TEXT" {
				continue
			}
			if _, translated := cols[col+"_en"]; translated || seededColumns[table+"."+col] {
				continue
			}
			folded += foldColumn(t, tx, table, col)
		}
	}
	if folded < 100 {
		t.Fatalf("only %d values folded", folded)
	} else if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func foldColumn(t *testing.T, tx *sqlstore.Tx, table, col string) int {
	ctx := t.Context()
	rows, err := tx.QueryContext(ctx, `SELECT rowid, "`+col+`" FROM "`+table+`" WHERE "`+col+`" IS NOT NULL`)
	if err != nil {
		return 0 // a table without rowid holds no text people read
	}
	type change struct {
		id  int64
		val string
	}
	var todo []change
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			t.Fatal(err)
		}
		if f := foldASCII(v); f != v {
			todo = append(todo, change{id, f})
		}
	}
	rows.Close()
	n := 0
	for _, c := range todo {
		if _, err := tx.ExecContext(ctx, `UPDATE "`+table+`" SET "`+col+`" = ? WHERE rowid = ?`, c.val, c.id); err == nil {
			n++
		}
	}
	return n
}

func queryStrings(t *testing.T, tx *sqlstore.Tx, q string) []string {
	t.Helper()
	rows, err := tx.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
