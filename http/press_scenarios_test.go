package http

import (
	"fmt"
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// pressPages are the press pages a reader opens with GET; {story},
// {source} and {term} are set by the test.
var pressPages = []string{"/press", "/press/review", "/press/digest", "/press/sources", "/press/watch",
	"/press/stories/{story}", "/press/sources/new", "/press/watch/new", "/press/sources/{source}/edit", "/press/watch/{term}/edit",
	"/press/digest/export/docx", "/press/sources/opml"}

// TestPressAccess opens every press page as every role: anonymous
// visitors log in first; unit officers, finance and admins never see a
// press item; monitors, coordinators and leaders read them.
func TestPressAccess(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		f.ids = f.pressIDs(t, item.StoryID, item.SourceID)
		var rows []scenario
		for _, path := range pressPages {
			rows = append(rows, scenario{name: "anonymous " + path, path: path, status: http.StatusSeeOther, contains: []string{"/login"}})
			for _, who := range []string{"monitor", "coordinator", "leader"} {
				status := http.StatusOK
				if who == "leader" && (path == "/press/sources/new" || path == "/press/watch/new") {
					status = http.StatusForbidden // leaders read, they do not manage
				}
				rows = append(rows, scenario{name: who + " " + path, path: path, who: who, status: status})
			}
			for _, who := range []string{"officer", "admin", "finance"} {
				rows = append(rows, scenario{name: who + " " + path, path: path, who: who, status: pressRefusal(path), absent: []string{item.Title}})
			}
		}
		f.run(t, rows)
	})
}

// pressRefusal is what a non-reader gets: a record is "not found" (its
// existence does not leak), a list or form is forbidden.
func pressRefusal(path string) int {
	switch path {
	case "/press/sources/{source}/edit", "/press/watch/{term}/edit":
		return http.StatusNotFound
	}
	return http.StatusForbidden
}

// pressIDs names the records scenario paths refer to.
func (f *fixture) pressIDs(t *testing.T, story, source int64) map[string]int64 {
	t.Helper()
	terms, err := sqlstore.NewPressService(f.db).FindWatchTerms(sqltest.SystemContext())
	if err != nil || len(terms) == 0 {
		t.Fatalf("watch terms: %d, %v", len(terms), err)
	}
	return map[string]int64{"story": story, "source": source, "term": terms[0].ID}
}

// TestPressScenarios drives the monitors' work: search and export, the
// review queue with its conflicts, the digest, sources and watch terms,
// with CSRF and bad input.
func TestPressScenarios(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		f.ids = f.pressIDs(t, item.StoryID, item.SourceID)
		f.ids["article"] = item.ID
		rev, err := sqlstore.NewPressService(db).FindReviewByArticle(sqltest.SystemContext(), item.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := fmt.Sprint(rev.Version)
		// The queue shows the title with its hits highlighted.
		marked := "Nhiều thông tin về <mark>cửa khẩu Mộc Bài</mark>, <mark>Tây Ninh</mark> được chia sẻ trên mạng xã hội"
		judge := func(version, csrf string) map[string][]string {
			fm := form("version", version, "status", "reviewed", "tone", "negative", "relevance", "relevant", "needs_action", "1", "note", "Cần phản bác")
			if csrf != "" {
				fm.Set(csrfField, csrf)
			}
			return fm
		}
		f.run(t, []scenario{
			{name: "search", path: "/press?q=moc+bai", who: "monitor", status: http.StatusOK, contains: []string{`data-article-id="{article}"`, "cửa khẩu <mark>Mộc Bài</mark>, Tây Ninh", "Khmer Times", "cơ quan báo chí", "/press/stories/{story}"}},
			{name: "search without diacritics finds them", path: "/press?q=Tay+Ninh+cua+khau", who: "leader", status: http.StatusOK, contains: []string{`data-article-id="{article}"`, "<mark>Tây Ninh</mark>"}},
			{name: "search phrase as typed", path: "/press?q=%22M%E1%BB%99c+B%C3%A0i%22", who: "monitor", status: http.StatusOK, contains: []string{`data-article-id="{article}"`, "<mark>Mộc Bài</mark>"}},
			{name: "search other diacritics", path: "/press?q=%22m%E1%BB%A5c+b%C3%A1i%22", who: "monitor", status: http.StatusOK, absent: []string{`data-article-id="{article}"`}},
			{name: "search by date", path: "/press?q=moc+bai&sort=date", who: "monitor", status: http.StatusOK, contains: []string{`data-article-id="{article}"`, `<option value="date" selected>`}},
			{name: "search filters", path: "/press?q=moc&origin=foreign&term=any&lang=vi&from=14/11/2025&to=14/11/2025&source={source}", who: "coordinator", status: http.StatusOK, contains: []string{`data-article-id="{article}"`}},
			{name: "search filters exclude", path: "/press?q=moc&origin=domestic", who: "monitor", status: http.StatusOK, absent: []string{fmt.Sprintf(`data-article-id="%d"`, item.ID)}},
			{name: "search bad date", path: "/press?q=moc&from=31/02/2025", who: "monitor", status: http.StatusUnprocessableEntity, contains: []string{"31/02/2025", `value="moc"`, "không hợp lệ"}},
			{name: "search csv", path: "/press?q=moc+bai&format=csv", who: "monitor", status: http.StatusOK, contains: []string{item.Title}},
			{name: "search xlsx", path: "/press?q=moc+bai&format=xlsx", who: "monitor", status: http.StatusOK},
			{name: "story", path: "/press/stories/{story}", who: "monitor", status: http.StatusOK, contains: []string{item.Title, "3 bài, 3 cơ quan báo chí", "Báo Tây Ninh"}},
			{name: "story unknown", path: "/press/stories/999999", who: "monitor", status: http.StatusNotFound},
			{name: "queue", path: "/press/review", who: "monitor", status: http.StatusOK, contains: []string{marked, `id="review-{article}"`}},
			{name: "queue read only for leader", path: "/press/review", who: "leader", status: http.StatusOK, absent: []string{`action="/press/review/`}},
			{name: "review without csrf", method: "POST", path: "/press/review/{article}", who: "monitor", form: judge(v, "forged"), status: http.StatusForbidden},
			{name: "review by leader", method: "POST", path: "/press/review/{article}", who: "leader", form: judge(v, ""), status: http.StatusForbidden},
			{name: "review by officer", method: "POST", path: "/press/review/{article}", who: "officer", form: judge(v, ""), status: http.StatusForbidden},
			{name: "review bad tone", method: "POST", path: "/press/review/{article}", who: "monitor", form: form("version", v, "status", "reviewed", "tone", "furious", "relevance", "relevant"), status: http.StatusUnprocessableEntity, contains: []string{"Sắc thái"}},
			{name: "review", method: "POST", path: "/press/review/{article}", who: "monitor", form: judge(v, ""), status: http.StatusSeeOther, contains: []string{"/press/review"}},
			{name: "review stale", method: "POST", path: "/press/review/{article}", who: "coordinator", form: judge(v, ""), status: http.StatusConflict, contains: []string{"người khác", "row-error", `id="review-conflict"`, `id="review-{article}"`, "Cần phản bác"}},
			{name: "reviewed queue", path: "/press/review?status=reviewed&action=1", who: "monitor", status: http.StatusOK, contains: []string{marked, "Cần phản bác"}},
			{name: "digest", path: "/press/digest?kind=daily&day=14/11/2025", who: "monitor", status: http.StatusOK, contains: []string{"Theo chuyên đề", "<svg", `id="kpi-action">1<`, "Khmer Times", `href="/press/digest/export/docx?day=2025-11-14&amp;kind=daily"`}},
			{name: "digest weekly", path: "/press/digest?kind=weekly&day=2025-11-14", who: "leader", status: http.StatusOK, contains: []string{"từ ngày 08/11/2025 đến ngày 14/11/2025"}},
			{name: "digest empty day", path: "/press/digest?kind=daily&day=01/01/2025", who: "monitor", status: http.StatusOK, contains: []string{`id="digest-empty"`, "xem theo tuần", `href="/press/digest?kind=weekly&amp;day=01`}},
			{name: "digest day with items", path: "/press/digest?kind=daily&day=14/11/2025", who: "monitor", status: http.StatusOK, absent: []string{`id="digest-empty"`}},
			{name: "digest bad day", path: "/press/digest?day=45/13/2025", who: "monitor", status: http.StatusUnprocessableEntity, contains: []string{"45/13/2025", "không hợp lệ"}},
			{name: "digest docx", path: "/press/digest/export/docx?kind=daily&day=2025-11-14", who: "monitor", status: http.StatusOK},
			{name: "digest pdf", path: "/press/digest/export/pdf?kind=weekly&day=2025-11-14", who: "coordinator", status: http.StatusOK},
			{name: "digest odt", path: "/press/digest/export/odt", who: "monitor", status: http.StatusNotFound},
			{name: "sources", path: "/press/sources", who: "monitor", status: http.StatusOK, contains: []string{"Khmer Times", "nhập ngoại tuyến"}},
			{name: "source bad url", method: "POST", path: "/press/sources/new", who: "monitor", form: form("name", "Báo thử", "feed_url", "ftp://bad.example", "country", "VN", "language", "vi"),
				status: http.StatusUnprocessableEntity, contains: []string{"Địa chỉ nguồn tin", `value="ftp://bad.example"`, `value="Báo thử"`}},
			{name: "source bad interval", method: "POST", path: "/press/sources/new", who: "monitor", form: form("name", "Báo thử", "country", "VN", "language", "vi", "poll_minutes", "mười"),
				status: http.StatusUnprocessableEntity, contains: []string{"mười"}},
			{name: "source by leader", method: "POST", path: "/press/sources/new", who: "leader", form: form("name", "Báo thử", "country", "VN", "language", "vi"), status: http.StatusForbidden},
			{name: "source create", method: "POST", path: "/press/sources/new", who: "monitor", form: form("name", "Phnom Penh Post", "feed_url", "https://example.org/ppp.rss", "country", "KH", "language", "en", "foreign", "1", "enabled", "1"), status: http.StatusSeeOther},
			{name: "source duplicate url", method: "POST", path: "/press/sources/new", who: "monitor", form: form("name", "Lặp", "feed_url", "https://example.org/ppp.rss", "country", "KH", "language", "en"), status: http.StatusConflict},
			{name: "source disable", method: "POST", path: "/press/sources/{source}/enabled", who: "monitor", form: form("version", "1", "enabled", "0"), status: http.StatusSeeOther},
			{name: "source disable stale", method: "POST", path: "/press/sources/{source}/enabled", who: "monitor", form: form("version", "1", "enabled", "0"), status: http.StatusConflict},
			{name: "opml export", path: "/press/sources/opml", who: "monitor", status: http.StatusOK, contains: []string{"<opml", "ppp.rss"}},
			{name: "term empty", method: "POST", path: "/press/watch/new", who: "monitor", form: form("code", "cho-trong", "name", " ", "kind", "entity", "priority", "2", "action", "save"),
				status: http.StatusUnprocessableEntity, contains: []string{"phải có tên", `value="cho-trong"`}},
			{name: "term preview", method: "POST", path: "/press/watch/new", who: "monitor", form: form("code", "moc-bai-2", "name", "Mộc Bài", "aliases", "cua khau Moc Bai", "kind", "entity", "priority", "3", "action", "preview"),
				status: http.StatusOK, contains: []string{`id="watch-preview"`, item.Title, `value="moc-bai-2"`}},
			{name: "term save", method: "POST", path: "/press/watch/new", who: "monitor", form: form("code", "lu-lut", "name", "lũ lụt", "aliases", "mưa lũ", "kind", "topic", "priority", "2", "themes", "", "enabled", "1", "action", "save"), status: http.StatusSeeOther},
			{name: "term reapply", method: "POST", path: "/press/watch/{term}/reapply", who: "monitor", form: form("days", "30"), status: http.StatusSeeOther, contains: []string{"/press/reapply/"}},
			{name: "term reapply bad days", method: "POST", path: "/press/watch/{term}/reapply", who: "monitor", form: form("days", "-3"), status: http.StatusUnprocessableEntity},
			{name: "term reapply by leader", method: "POST", path: "/press/watch/{term}/reapply", who: "leader", form: form("days", "30"), status: http.StatusForbidden},
			{name: "watchlist", path: "/press/watch", who: "monitor", status: http.StatusOK, contains: []string{"lũ lụt", "mưa lũ"}},
		})
	})
}

// TestPressAlertNotice checks that a high-priority hit's alert shows on the
// notifications page with its label and a link to the review queue.
func TestPressAlertNotice(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		n, err := sqlstore.NewPressService(db).GeneratePressAlerts(sqltest.SystemContext())
		if err != nil || n == 0 {
			t.Fatalf("alerts: %d, %v", n, err)
		}
		f.run(t, []scenario{
			{name: "monitor notices", path: "/notifications", who: "monitor", status: http.StatusOK, contains: []string{"Tin bài cần chú ý", `href="/press/review"`}},
			{name: "officer has none", path: "/notifications", who: "officer", status: http.StatusOK, absent: []string{"Tin bài cần chú ý"}},
		})
	})
}
