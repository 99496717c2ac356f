package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestDigestMostCoveredEvents: the digest's "most covered events" are the
// stories about the province (a hit not dismissed in the window), ranked by
// the distinct outlets that carried them — five section feeds of one
// newspaper are one outlet — then by their articles.
func TestDigestMostCoveredEvents(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		d := newPressDesk(t, db)
		sys := sqltest.SystemContext()
		term := d.term(&ttdn.WatchTerm{Code: "tay-ninh", Name: "Tây Ninh"})
		source := func(name, outlet string) int64 {
			s := &ttdn.Source{Name: name, Outlet: outlet, Country: "VN", Language: "vi", Enabled: true,
				FeedURL: fmt.Sprintf("https://feeds.example/%d.rss", len(name)*100+len(outlet)+int(d.n))}
			d.n++
			if err := d.press.CreateSource(sys, s); err != nil {
				t.Fatal(err)
			}
			return s.ID
		}
		tt, tn, vne := source("Tuổi Trẻ", ""), source("Thanh Niên", ""), source("VnExpress Thời sự", "VnExpress")
		var sections []int64
		for _, sec := range []string{"Kinh doanh", "Thế giới", "Pháp luật", "Du lịch", "Giáo dục"} {
			sections = append(sections, source("VnExpress "+sec, "VnExpress"))
		}
		var batch []*sqlstore.IngestArticle
		// story adds a story carried by the sources, hours before now, the
		// first article with a hit.
		story := func(title string, hours int, sources ...int64) *sqlstore.IngestArticle {
			first := len(batch)
			for i, src := range sources {
				d.n++
				a := &sqlstore.IngestArticle{Article: ttdn.Article{SourceID: src, URL: fmt.Sprintf("https://news.example/%d", d.n),
					Title: title, Language: "vi", Published: d.now.Add(-time.Duration(hours+i) * time.Hour), Fetched: d.now,
					Tone: ttdn.ToneNeutral}, URLHash: d.n, Index: sqlstore.SearchText(title, ""), ToneGuess: ttdn.ToneNeutral, JoinBatch: -1}
				if i == 0 {
					a.Hits, a.Priority = []ttdn.Hit{{TermID: term.ID, Occurrences: 1}}, term.Priority
				} else {
					a.JoinBatch = first
				}
				batch = append(batch, a)
			}
			return batch[first]
		}
		story("Tây Ninh đón đoàn công tác Campuchia", 5, tt, tn, vne)
		story("Tây Ninh: giá cao su tăng", 6, sections...)
		dismissed := story("Tây Ninh trong tin tức thể thao", 7, tt, tn, vne, sections[0])
		story("Tây Ninh tuần trước", 24*9, tt, tn)
		if err := d.press.StoreArticles(sys, batch); err != nil {
			t.Fatal(err)
		}
		st := ttdn.ReviewDismissed
		if _, err := d.press.UpdateReview(sys, dismissed.ID, ttdn.ReviewUpdate{Status: &st, Version: 1}); err != nil {
			t.Fatal(err)
		}
		dg, err := d.press.PressDigest(sys, ttdn.DigestWeekly, ttdn.Date{Year: 2025, Month: 11, Day: 15})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range dg.TopStories {
			got = append(got, fmt.Sprintf("%s: %d articles, %d outlets", s.Title, s.Articles, s.Outlets))
		}
		want := []string{"Tây Ninh đón đoàn công tác Campuchia: 3 articles, 3 outlets", "Tây Ninh: giá cao su tăng: 5 articles, 1 outlets"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("most covered events\n got %q\nwant %q", got, want)
		}
	})
}
