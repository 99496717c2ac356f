package http

import (
	"html"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// ingestExtra ingests hand-made items from one outlet, an hour apart on
// 14/11/2025, with the stored watchlist, and returns them as stored.
func ingestExtra(t *testing.T, db *sqlstore.DB, outlet string, titles ...string) []*ttdn.Article {
	t.Helper()
	ctx := sqltest.SystemContext()
	store := sqlstore.NewPressService(db)
	src, err := store.OfflineSource(ctx, outlet, false)
	if err != nil {
		t.Fatal(err)
	}
	var items []pressingest.Item
	for i, title := range titles {
		at := time.Date(2025, 11, 14, 12+i, 0, 0, 0, vietnam)
		items = append(items, pressingest.Item{SourceID: src.ID, Outlet: outlet, Link: "https://extra.example/" + strconv.Itoa(i) + "/" + outlet,
			Title: title, Published: at, Fetched: at})
	}
	pipe, err := pressingest.New(ctx, store, pressingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipe.IngestItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	sid := src.ID
	found, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{SourceID: &sid, Limit: 100})
	if err != nil || len(found) != len(titles) {
		t.Fatalf("extra items: %d stored, %v", len(found), err)
	}
	return found
}

// reapplyVia posts a re-apply of term id and returns its progress page.
func (f *fixture) reapplyVia(t *testing.T, id int64, days string) string {
	t.Helper()
	w := f.do(f.request("POST", "/press/watch/"+itoa(id)+"/reapply", "monitor", form("days", days)))
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/press/reapply/") {
		t.Fatalf("re-apply: %d to %q\n%s", w.Code, loc, snippet(w.Body.String()))
	}
	for range 50 { // the run goes on in the background
		page := f.do(f.request("GET", loc, "monitor", nil)).Body.String()
		if strings.Contains(page, `data-state="done"`) {
			return page
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the re-apply %s did not finish", loc)
	return ""
}

// TestPressWatchRulesUI: a monitor gives "Việt Tân" a context rule and an
// exclusion, sees before saving which stored articles it would lose (the
// businessman Trần Việt Tân of the news sample) and keep, saves it and
// re-applies it to every stored article with its progress page.
func TestPressWatchRulesUI(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		ingestExtra(t, db, "Báo Quân đội", "Cảnh giác với âm mưu của tổ chức khủng bố Việt Tân")
		save := form("code", "viet-tan-2", "name", "Việt Tân", "kind", "entity", "priority", "3", "enabled", "1", "action", "save")
		if w := f.do(f.request("POST", "/press/watch/new", "monitor", save)); w.Code != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		terms, err := sqlstore.NewPressService(db).FindWatchTerms(sqltest.SystemContext())
		if err != nil {
			t.Fatal(err)
		}
		var term *ttdn.WatchTerm
		for _, tm := range terms {
			if tm.Code == "viet-tan-2" {
				term = tm
			}
		}
		page := f.reapplyVia(t, term.ID, "")
		if !strings.Contains(page, "Mọi tin bài đã lưu, mới nhất trước") || !strings.Contains(page, ": 2 tin bài khớp từ khóa.") {
			t.Errorf("re-apply page:\n%s", snippet(page))
		}
		ids := map[string]int64{"term": term.ID}
		f.ids = ids
		edit := func(action, within string) map[string][]string {
			return form("version", "1", "code", "viet-tan-2", "name", "Việt Tân", "kind", "entity", "priority", "3", "enabled", "1",
				"context", "tổ chức\nkhủng bố", "within", within, "exclude", "Trần Việt Tân", "action", action)
		}
		f.run(t, []scenario{
			{name: "preview lost and kept", method: "POST", path: "/press/watch/{term}/edit", who: "monitor", form: edit("preview", "10"), status: http.StatusOK,
				contains: []string{`id="preview-lost"`, "Doanh nhân Trần Việt Tân", "Bớt 1 tin bài", "Thêm 0 tin bài", "Giữ nguyên 1 tin bài", `value="10"`, "tổ chức\nkhủng bố"},
				absent:   []string{`id="preview-gained"`}},
			{name: "bad distance", method: "POST", path: "/press/watch/{term}/edit", who: "monitor", form: edit("preview", "mười"), status: http.StatusUnprocessableEntity,
				contains: []string{"Khoảng cách ngữ cảnh", `value="mười"`}},
			{name: "distance too large", method: "POST", path: "/press/watch/{term}/edit", who: "monitor", form: edit("save", "99"), status: http.StatusUnprocessableEntity,
				contains: []string{"từ 0 đến 50"}},
			{name: "save", method: "POST", path: "/press/watch/{term}/edit", who: "monitor", form: edit("save", "10"), status: http.StatusSeeOther},
			{name: "watchlist shows rules", path: "/press/watch", who: "monitor", status: http.StatusOK,
				contains: []string{"chỉ khi gần: tổ chức; khủng bố (trong 10 từ)", "trừ: Trần Việt Tân", "khớp cả không dấu"}},
			{name: "edit form keeps rules", path: "/press/watch/{term}/edit", who: "monitor", status: http.StatusOK,
				contains: []string{"Trần Việt Tân</textarea>", `name="within" value="10"`}},
			{name: "re-apply page of another", path: "/press/reapply/999999", who: "monitor", status: http.StatusNotFound},
		})
		if page := f.reapplyVia(t, term.ID, "30"); !strings.Contains(page, ": 1 tin bài khớp từ khóa.") || !strings.Contains(page, "Tin bài đăng từ") {
			t.Errorf("re-apply after the edit:\n%s", snippet(page))
		}
	})
}

// termID returns the id of the stored term code.
func termID(t *testing.T, db *sqlstore.DB, code string) *ttdn.WatchTerm {
	t.Helper()
	terms, err := sqlstore.NewPressService(db).FindWatchTerms(sqltest.SystemContext())
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range terms {
		if tm.Code == code {
			return tm
		}
	}
	t.Fatalf("no term %s", code)
	return nil
}

// TestPressReviewTriageUI: the queue marks each hit (escaped), a monitor
// judges several hits at once, a hit changed meanwhile is left alone, and
// a hit judged not relevant teaches its term an exclusion, re-applied at
// once to every stored article.
func TestPressReviewTriageUI(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		extra := ingestExtra(t, db, "Bóng đá Việt", "Câu lạc bộ Long An thắng 1-0 trên sân nhà",
			"Tây Ninh &lt;b&gt;đón&lt;/b&gt; 1.000 khách")
		football, escaped := extra[1], extra[0] // newest first
		if football.Title != "Câu lạc bộ Long An thắng 1-0 trên sân nhà" || escaped.Title != "Tây Ninh <b>đón</b> 1.000 khách" {
			t.Fatalf("extra items: %q, %q", football.Title, escaped.Title)
		}
		store := sqlstore.NewPressService(db)
		version := func(id int64) string {
			r, err := store.FindReviewByArticle(sqltest.SystemContext(), id)
			if err != nil {
				t.Fatal(err)
			}
			return strconv.Itoa(r.Version)
		}
		longAn := termID(t, db, "long-an")
		f.ids = map[string]int64{"football": football.ID, "item": item.ID, "longan": longAn.ID}
		bulk := func(triage string, ids ...int64) url.Values {
			fm := form("triage", triage, "back", "/press/review?priority=1")
			for _, id := range ids {
				fm.Add("id", itoa(id))
				fm.Set("v"+itoa(id), version(id))
			}
			return fm
		}
		itemV := version(item.ID)
		f.run(t, []scenario{
			{name: "queue marks hits, escaped", path: "/press/review", who: "monitor", status: http.StatusOK,
				contains: []string{"<mark>Tây Ninh</mark> &lt;b&gt;đón&lt;/b&gt; 1.000 khách", "Câu lạc bộ <mark>Long An</mark> thắng",
					`id="bulk-form"`, `form="bulk-form" class="pick"`, `name="v{football}"`, `id="review-keys" hidden`},
				absent: []string{"<b>đón"}},
			{name: "queue read only for leader", path: "/press/review", who: "leader", status: http.StatusOK, absent: []string{`id="bulk-form"`, `class="pick"`}},
			{name: "bulk by leader", method: "POST", path: "/press/review/bulk", who: "leader", form: bulk("relevant", football.ID), status: http.StatusForbidden},
			{name: "bulk bad judgement", method: "POST", path: "/press/review/bulk", who: "monitor", form: bulk("maybe", football.ID), status: http.StatusUnprocessableEntity, contains: []string{"không hợp lệ"}},
			{name: "bulk bad selection", method: "POST", path: "/press/review/bulk", who: "monitor", form: form("triage", "relevant", "id", "abc"), status: http.StatusUnprocessableEntity, contains: []string{"tải lại trang"}},
			{name: "bulk nothing selected", method: "POST", path: "/press/review/bulk", who: "monitor", form: form("triage", "relevant"), status: http.StatusUnprocessableEntity, contains: []string{"ít nhất một"}},
			{name: "bulk not relevant", method: "POST", path: "/press/review/bulk", who: "monitor", form: bulk("irrelevant", football.ID, escaped.ID), status: http.StatusSeeOther,
				contains: []string{"done=2", "teach=" + itoa(football.ID) + "%2C" + itoa(escaped.ID), "priority=1"}},
			{name: "teaching offer", path: "/press/review?priority=1&done=2&stale=0&refused=0&teach={football}", who: "monitor", status: http.StatusOK,
				contains: []string{`id="teach"`, "Đã đánh giá 2 tin bài.", `action="/press/watch/{longan}/exclude"`, `value="bộ Long An"`, `value="Long An thắng"`,
					`name="back" value="/press/review?priority=1"`}},
			{name: "bulk stale", method: "POST", path: "/press/review/bulk", who: "monitor", form: form("triage", "action", "id", "{item}", "v"+itoa(item.ID), "99"), status: http.StatusSeeOther, contains: []string{"done=0", "stale=1"}},
			{name: "stale banner", path: "/press/review?done=0&stale=1", who: "monitor", status: http.StatusOK, contains: []string{"người khác thay đổi nên được giữ nguyên"}},
			{name: "single dismiss offers to teach", method: "POST", path: "/press/review/{item}", who: "monitor", form: form("version", itemV, "status", "dismissed", "back", "/press/review"), status: http.StatusSeeOther, contains: []string{"teach={item}"}},
			{name: "exclude nothing", method: "POST", path: "/press/watch/{longan}/exclude", who: "monitor", form: form("version", "1", "phrase", " "), status: http.StatusUnprocessableEntity, contains: []string{"cụm từ loại trừ"}},
			{name: "exclude by leader", method: "POST", path: "/press/watch/{longan}/exclude", who: "leader", form: form("version", "1", "phrase", "bộ Long An"), status: http.StatusForbidden},
			{name: "exclude stale", method: "POST", path: "/press/watch/{longan}/exclude", who: "monitor", form: form("version", "99", "phrase", "bộ Long An"), status: http.StatusConflict},
		})
		w := f.do(f.request("POST", "/press/watch/"+itoa(longAn.ID)+"/exclude", "monitor",
			form("version", strconv.Itoa(longAn.Version), "phrase", "Long An thắng", "custom", "lạc bộ Long An", "reapply", "1")))
		loc := w.Header().Get("Location")
		if w.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/press/reapply/") {
			t.Fatalf("exclude: %d to %q\n%s", w.Code, loc, snippet(w.Body.String()))
		}
		if got := termID(t, db, "long-an"); !slices.Equal(got.Exclude, []string{"lạc bộ Long An"}) {
			t.Errorf("exclusions %q", got.Exclude)
		}
		for range 50 {
			if strings.Contains(f.do(f.request("GET", loc, "monitor", nil)).Body.String(), `data-state="done"`) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		id := longAn.ID
		hits, _, err := store.SearchArticles(sqltest.SystemContext(), ttdn.ArticleFilter{TermID: &id, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range hits {
			if a.ID == football.ID {
				t.Error("the football club still hits Long An after the exclusion was re-applied")
			}
		}
	})
}

// TestArticleEarlierTitles: an item whose headline the outlet edited shows
// its earlier headlines, with when the change was seen, on its page and in
// the API.
func TestArticleEarlierTitles(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, art := newPressFixture(t, db)
		page := f.do(f.request(http.MethodGet, "/press/articles/"+itoa(art.ID), "monitor", nil)).Body.String()
		if strings.Contains(page, `id="earlier-titles"`) {
			t.Fatal("an item never retitled lists earlier headlines")
		}
		store := sqlstore.NewPressService(db)
		if err := store.RetitleArticles(sqltest.SystemContext(), []sqlstore.Retitle{{ID: art.ID, Title: art.Title + " (cập nhật)", Summary: art.Summary}}); err != nil {
			t.Fatal(err)
		}
		w := f.do(f.request(http.MethodGet, "/press/articles/"+itoa(art.ID), "monitor", nil))
		page = w.Body.String()
		i := strings.Index(page, `id="earlier-titles"`)
		if w.Code != http.StatusOK || i < 0 || !strings.Contains(page[i:], html.EscapeString(art.Title)+"</span>") ||
			!strings.Contains(page[i:], "(đổi lúc ") {
			t.Fatalf("the page does not show the earlier headline: %d\n%s", w.Code, snippet(page))
		}
		mon := newAPIClient(t, f.h, mustToken(t, db, f.users["monitor"], ttdn.TokenScope{}))
		one := mon.call("GET", "/api/v1/press/articles/"+itoa(art.ID), nil).want(t, http.StatusOK)
		if et, _ := one.body["earlier_titles"].([]any); len(et) != 1 || et[0].(map[string]any)["title"] != art.Title {
			t.Fatalf("the API does not give the earlier headline: %s", one.raw)
		}
	})
}

// TestWatchTermThemesByName: the watch-term form offers the catalogue's
// themes as boxes ticked by name, stores the codes of those ticked, and
// shows them ticked again on the edit form.
func TestWatchTermThemesByName(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		page := f.do(f.request(http.MethodGet, "/press/watch/new", "monitor", nil)).Body.String()
		if !strings.Contains(page, `name="themes" value="bien-gioi"`) || strings.Contains(page, `id="themes"`) {
			i := strings.Index(page, "themes")
			t.Fatalf("the form does not offer the themes as boxes\n%s", page[max(0, i-300):min(len(page), i+600)])
		}
		form := url.Values{"code": {"thu-nghiem-chu-de"}, "name": {"chủ đề thử nghiệm"}, "kind": {"topic"}, "priority": {"2"},
			"themes": {"bien-gioi", "campuchia"}, "enabled": {"1"}, "action": {"save"}}
		if w := f.do(f.request(http.MethodPost, "/press/watch/new", "monitor", form)); w.Code != http.StatusSeeOther {
			t.Fatalf("save: %d %s", w.Code, snippet(w.Body.String()))
		}
		terms, err := sqlstore.NewPressService(db).FindWatchTerms(sqltest.SystemContext())
		if err != nil {
			t.Fatal(err)
		}
		for _, term := range terms {
			if term.Code != "thu-nghiem-chu-de" {
				continue
			}
			if !slices.Equal(term.Themes, []string{"bien-gioi", "campuchia"}) {
				t.Fatalf("stored themes %v", term.Themes)
			}
			edit := f.do(f.request(http.MethodGet, "/press/watch/"+itoa(term.ID)+"/edit", "monitor", nil)).Body.String()
			if !strings.Contains(edit, `value="campuchia" checked`) || strings.Contains(edit, `value="dau-tu" checked`) {
				t.Fatalf("the edit form does not tick the term's themes\n%s", snippet(edit))
			}
			return
		}
		t.Fatal("the term was not stored")
	})
}
