package pressingest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

var fetchNow = time.Date(2025, 11, 14, 12, 0, 0, 0, time.UTC)

func stream(t *testing.T, text string) ([]pressingest.NewsRecord, []pressingest.Problem) {
	t.Helper()
	var recs []pressingest.NewsRecord
	var probs []pressingest.Problem
	err := pressingest.StreamNews(strings.NewReader(text), "tin.json", fetchNow,
		func(r pressingest.NewsRecord) bool { recs = append(recs, r); return true },
		func(p pressingest.Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	return recs, probs
}

// TestStreamNewsFormats: arrays and JSON lines give the same records; a
// record of the wrong shape is skipped and reported with its position;
// offsets without a colon parse; an unreadable date is replaced by the
// fetch time and reported; a broken array keeps what came before.
func TestStreamNewsFormats(t *testing.T) {
	recs := []string{
		`{"id":"1","title":"Tây Ninh đón khách","link":"https://a.example/1","published":"2025-11-14T08:00:00-0500","fetched":"2025-11-14T13:05:00Z"}`,
		`{"id":"2","title":5,"link":"https://a.example/2"}`,
		`{"id":"3","title":"Mộc Bài","link":"https://a.example/3","published":"14/13/2025 25:00","fetched":"not a date"}`,
		`{"id":"4","title":"Xa Mát","link":"https://a.example/4","published":"2025-11-14 09:30:00","fetched":"2025-11-14T09:31:00.123456+07:00"}`,
	}
	arr, arrProbs := stream(t, "\ufeff[\n"+strings.Join(recs, ",\n")+"\n]")
	lines, lineProbs := stream(t, strings.Join(recs, "\n")+"\n\n")
	if len(arr) != 3 || len(lines) != 3 {
		t.Fatalf("%d and %d records", len(arr), len(lines))
	}
	for i := range arr {
		if fmt.Sprint(arr[i]) != fmt.Sprint(lines[i]) {
			t.Errorf("record %d: array %+v, lines %+v", i, arr[i], lines[i])
		}
	}
	if !arr[0].Published.Equal(time.Date(2025, 11, 14, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("-0500 read as %v", arr[0].Published)
	}
	if !arr[1].Published.IsZero() || !arr[1].Fetched.Equal(fetchNow) ||
		fmt.Sprint(arr[1].Notes) != `[{fetched-unreadable "not a date"} {published-unreadable "14/13/2025 25:00"}]` {
		t.Errorf("bad dates: %+v", arr[1])
	}
	if !arr[2].Published.Equal(time.Date(2025, 11, 14, 2, 30, 0, 0, time.UTC)) {
		t.Errorf("zone-less time read as %v (Vietnam time expected)", arr[2].Published)
	}
	for _, probs := range [][]pressingest.Problem{arrProbs, lineProbs} {
		if len(probs) != 2 || probs[0].Record != 2 || probs[1].Record != 3 || probs[0].File != "tin.json" ||
			!strings.Contains(probs[0].String(), "tin.json: bản ghi 2") {
			t.Errorf("problems %v", probs)
		}
	}
	// A broken array: the records before are kept and the break reported.
	got, probs := stream(t, "["+recs[0]+`,{"id":"x","title":"dở`)
	if len(got) != 1 || len(probs) != 1 || probs[0].Record != 2 || !strings.Contains(probs[0].Err, "broken JSON") {
		t.Errorf("broken array: %d records, %v", len(got), probs)
	}
}

// TestIngestBadRecords: on both engines one bad record never costs the
// others — a NUL byte is cleaned, a summary of more than 1 MB of distinct
// words is cut (and the article says so), dates before 1990 or more than a
// day ahead are replaced by the fetch time (and flagged), an item with
// neither title nor link is counted as rejected, and a repeated item in a
// polled feed is a duplicate, not an error.
func TestIngestBadRecords(t *testing.T) {
	var huge strings.Builder
	for i := 0; huge.Len() < 1_200_000; i++ {
		fmt.Fprintf(&huge, "từ%d ", i)
	}
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		store := sqlstore.NewPressService(db)
		src, err := store.OfflineSource(ctx, "Báo Thử", false)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2025, 11, 14, 8, 0, 0, 0, time.UTC)
		item := func(n int, title, summary string, published time.Time) pressingest.Item {
			link := ""
			if n > 0 {
				link = fmt.Sprintf("https://bao.example/tin-%d", n)
			}
			return pressingest.Item{SourceID: src.ID, Outlet: src.Name, Title: title, Link: link, Summary: summary, Published: published, Fetched: at}
		}
		items := []pressingest.Item{
			item(1, "Tây\x00 Ninh đón khách", "Tóm tắt", at),
			item(2, "Bài rất dài", huge.String(), at),
			item(3, "Ngày quá cũ", "", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)),
			item(4, "Ngày ở tương lai", "", at.Add(72*time.Hour)),
			item(0, "", "Không tiêu đề, không liên kết", at),
			item(5, "Tin bình thường", "", at),
			item(5, "Tin bình thường", "", at), // the feed repeats an item
		}
		p, err := pressingest.New(ctx, store, pressingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		st, err := p.IngestItems(ctx, items)
		if err != nil {
			t.Fatalf("ingest: %v", err)
		}
		if st.Stored != 5 || st.Skipped != 1 || st.Duplicates != 1 {
			t.Errorf("stats %+v", st)
		}
		// The next poll of the same feed: every item a duplicate, no error.
		if st, err := p.IngestItems(ctx, items); err != nil || st.Stored != 0 || st.Duplicates != 6 {
			t.Errorf("second poll: %+v, %v", st, err)
		}
		tx, err := db.BeginTx(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		notes := map[string]string{}
		published := map[string]time.Time{}
		rows, err := tx.QueryContext(ctx, `SELECT url, title, length(summary), ingest_notes, published_at FROM press_articles`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var url, title, note string
			var n int
			var pub time.Time
			if err := rows.Scan(&url, &title, &n, &note, &pub); err != nil {
				t.Fatal(err)
			}
			notes[url], published[url] = note, pub
			if strings.Contains(title, "\x00") || n > 70_000 {
				t.Errorf("%s stored with title %q, summary of %d bytes", url, title, n)
			}
		}
		rows.Close()
		want := map[string]string{
			"https://bao.example/tin-1": "",
			"https://bao.example/tin-2": "summary-cut: ",
			"https://bao.example/tin-3": "date-out-of-range: 1970-01-01T00:00:00Z",
			"https://bao.example/tin-4": "date-out-of-range: ",
			"https://bao.example/tin-5": "",
		}
		for url, w := range want {
			if n, ok := notes[url]; !ok || (w == "") != (n == "") || !strings.Contains(n, w) {
				t.Errorf("%s: notes %q, want %q", url, n, w)
			}
		}
		for _, url := range []string{"https://bao.example/tin-3", "https://bao.example/tin-4"} {
			if !published[url].Equal(at) {
				t.Errorf("%s published %v, want the fetch time", url, published[url])
			}
		}
	})
}
