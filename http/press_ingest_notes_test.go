package http

import (
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestArticleIngestNotes: what ingestion repaired in an item (a date it
// could not read, a date out of range, a headline or summary cut) is shown
// on the item's page in words, in both languages, never as the stored
// kind, and given by the API. The news file produces every kind there is.
func TestArticleIngestNotes(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		long := strings.Repeat("Tây Ninh tiếp đoàn phóng viên nước ngoài ", 80)
		lines := strings.Join([]string{
			`{"id":"n1","title":"Tin ngày đăng hỏng","link":"https://bao.example/n1","source":"Báo Thử","published":"hôm qua lúc 9 giờ","fetched":"2025-11-14T08:00:00+07:00"}`,
			`{"id":"n2","title":"Tin ngày thu thập hỏng","link":"https://bao.example/n2","source":"Báo Thử","published":"2025-11-14T07:00:00+0700","fetched":"không rõ"}`,
			`{"id":"n3","title":"Tin ngày quá cũ","link":"https://bao.example/n3","source":"Báo Thử","published":"1969-07-20T20:17:00Z","fetched":"2025-11-14T08:00:00+07:00"}`,
			`{"id":"n4","title":"` + long + `","link":"https://bao.example/n4","source":"Báo Thử","published":"2025-11-14T07:00:00+07:00","fetched":"2025-11-14T08:00:00+07:00"}`,
			`{"id":"n5","title":"Tin tóm tắt rất dài","summary":"` + strings.Repeat(long, 30) + `","link":"https://bao.example/n5","source":"Báo Thử","published":"2025-11-14T07:00:00+07:00","fetched":"2025-11-14T08:00:00+07:00"}`,
		}, "\n")
		src, err := store.OfflineSource(ctx, "Báo Thử", false)
		if err != nil {
			t.Fatal(err)
		}
		var items []pressingest.Item
		if err := pressingest.StreamNews(strings.NewReader(lines), "thu.jsonl", pressNow, func(r pressingest.NewsRecord) bool {
			items = append(items, r.Item(src.ID))
			return true
		}, func(pressingest.Problem) {}); err != nil {
			t.Fatal(err)
		}
		pipe, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if st, err := pipe.IngestItems(ctx, items); err != nil || st.Stored != len(items) {
			t.Fatalf("ingest: %+v, %v", st, err)
		}
		stored, _, err := store.SearchArticles(ctx, ttdn.ArticleFilter{SourceID: &src.ID, Limit: 50})
		if err != nil || len(stored) != len(items) {
			t.Fatalf("stored %d, %v", len(stored), err)
		}
		mon := newAPIClient(t, f.h, mustToken(t, db, f.users["monitor"], ttdn.TokenScope{}))
		var seen []ttdn.IngestNoteKind
		for _, a := range stored {
			one, err := store.FindArticleByID(ctx, a.ID)
			if err != nil || len(one.IngestNotes) == 0 {
				t.Fatalf("%s: no notes (%v)", a.URL, err)
			}
			for _, lang := range []string{langVI, langEN} {
				r := f.request(http.MethodGet, "/press/articles/"+itoa(a.ID), "monitor", nil)
				r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
				page := f.do(r).Body.String()
				i := strings.Index(page, `id="ingest-notes"`)
				if i < 0 {
					t.Fatalf("%s (%s): the page does not show what was repaired\n%s", a.URL, lang, snippet(page))
				}
				section := page[i:]
				section = section[:strings.Index(section, "</section>")]
				for _, n := range one.IngestNotes {
					if strings.Contains(section, string(n.Kind)) {
						t.Errorf("%s (%s): the stored kind %q is shown", a.URL, lang, n.Kind)
					}
					want := n.Value
					switch n.Kind {
					case ttdn.NoteDateOutOfRange:
						d, _ := time.Parse(time.RFC3339, n.Value)
						want = formatDateTime(d)
					case ttdn.NoteTitleCut, ttdn.NoteSummaryCut:
						want = map[string]string{langVI: "đã cắt bớt", langEN: "was cut"}[lang]
					}
					if !strings.Contains(section, html.EscapeString(want)) {
						t.Errorf("%s (%s): %q not in\n%s", a.URL, lang, want, section)
					}
					if !slices.Contains(seen, n.Kind) {
						seen = append(seen, n.Kind)
					}
				}
			}
			got := mon.call("GET", "/api/v1/press/articles/"+itoa(a.ID), nil).want(t, http.StatusOK)
			if notes, _ := got.body["ingest_notes"].([]any); len(notes) != len(one.IngestNotes) {
				t.Errorf("%s: the API gives %d notes, want %d: %s", a.URL, len(notes), len(one.IngestNotes), got.raw)
			}
		}
		for _, k := range ttdn.IngestNoteKinds {
			if !slices.Contains(seen, k) {
				t.Errorf("no item of the file was repaired as %q: the test no longer shows that kind", k)
			}
		}
	})
}

// TestIngestNoteWords: every kind has words in both languages.
func TestIngestNoteWords(t *testing.T) {
	for _, k := range ttdn.IngestNoteKinds {
		e, ok := catalog["press.note."+string(k)]
		if !ok || e[0] == "" || e[1] == "" {
			t.Errorf("%s has no words in both languages", k)
		}
	}
}
