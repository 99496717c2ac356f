package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPrefillPress: the items about the province on a unit's own outlet
// feed its indicator 2 (an item it also logged as an activity counted
// once), the items its own monitor marked "needs action" its indicator
// 10; another unit's outlet and another unit's monitor count for that
// unit only. The report carries no press record IDs or titles.
func TestPrefillPress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newReporting(t, db)
		sys := sqltest.SystemContext()
		press := sqlstore.NewPressService(db)
		term := &ttdn.WatchTerm{Code: "tay-ninh", Name: "Tây Ninh", Kind: "entity", Priority: ttdn.PriorityLow, Enabled: true}
		if err := press.CreateWatchTerm(sys, term); err != nil {
			t.Fatal(err)
		}
		source := func(name, host string, unitID int64) *ttdn.Source {
			s := &ttdn.Source{Name: name, Outlet: name, Country: "VN", Language: "vi", UnitID: unitID, Enabled: true,
				FeedURL: "https://" + host + "/rss"}
			if err := press.CreateSource(sys, s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		portalNV := source("Cổng thông tin Sở Ngoại vụ", "songoaivu.example", w.ngoaiVu.ID)
		portalTC := source("Cổng thông tin Sở Tài chính", "sotaichinh.example", w.taiChinh.ID)
		vnx := source("VnExpress", "vnexpress.example", 0)
		var batch []*sqlstore.IngestArticle
		add := func(src *ttdn.Source, url, title string, day ttdn.Date, hit bool) *sqlstore.IngestArticle {
			a := &sqlstore.IngestArticle{Article: ttdn.Article{SourceID: src.ID, URL: url, Title: title, Language: "vi",
				Published: day.Time(ttdn.VietnamZone()).Add(10 * time.Hour), Fetched: time.Now(), Tone: ttdn.ToneNeutral},
				URLHash: int64(len(batch) + 1), Index: "tay ninh", ToneGuess: ttdn.ToneNeutral, JoinBatch: -1}
			if hit {
				a.Hits = []ttdn.Hit{{TermID: term.ID, Occurrences: 1}}
			}
			batch = append(batch, a)
			return a
		}
		add(portalNV, "https://songoaivu.example/a1", "Bí mật A1", date(2019, 3, 1), true)
		dismissed := add(portalNV, "https://songoaivu.example/a2", "Bí mật A2", date(2019, 3, 2), true)
		add(portalNV, "https://songoaivu.example/a3", "Bí mật A3", date(2019, 6, 15), true) // after the window
		add(portalNV, "https://songoaivu.example/a4", "Bí mật A4", date(2019, 3, 3), false) // not about the province
		add(portalNV, "https://songoaivu.example/a5?utm_source=rss", "Bí mật A5", date(2019, 4, 1), true)
		add(portalTC, "https://sotaichinh.example/b1", "Bí mật B1", date(2019, 3, 1), true)
		flaggedNV := add(vnx, "https://vnexpress.example/c1", "Bí mật C1", date(2019, 5, 1), true)
		flaggedTTTT := add(vnx, "https://vnexpress.example/c2", "Bí mật C2", date(2019, 5, 2), true)
		if err := press.StoreArticles(sys, batch); err != nil {
			t.Fatal(err)
		}
		ch := &ttdn.Channel{Code: "cong-nv", Name: "Cổng thông tin Sở Ngoại vụ", Kind: ttdn.ChannelPortal, Languages: []string{"vi"}, Active: true}
		if err := sqlstore.NewChannelService(db).CreateChannel(sys, ch); err != nil {
			t.Fatal(err)
		}
		// A5 is also logged as an activity: counted once.
		logged := mustActivity(t, db, &ttdn.Activity{Type: ttdn.ActivityMedia, Title: "Bài A5", StartDate: date(2019, 4, 1),
			UnitIDs: []int64{w.ngoaiVu.ID}, Details: &ttdn.MediaDetails{Format: ttdn.FormatArticle, ChannelID: ch.ID,
				Language: "vi", URL: "https://songoaivu.example/a5"}})

		monitor := func(name string, unitID int64) *ttdn.User {
			return sqltest.MustCreateUser(t, db, &ttdn.User{Username: name, Name: name, Role: ttdn.RoleMonitor, UnitID: unitID,
				Email: name + "@tayninh.gov.vn"}, "")
		}
		monitorNV := monitor("theo-doi-nv", w.ngoaiVu.ID)
		monitorTTTT := monitor("theo-doi-tttt", w.coordinator.UnitID)
		review := func(u *ttdn.User, a *sqlstore.IngestArticle, upd ttdn.ReviewUpdate) {
			r, err := press.FindReviewByArticle(as(u), a.ID)
			if err != nil {
				t.Fatal(err)
			}
			upd.Version = r.Version
			if _, err := press.UpdateReview(as(u), a.ID, upd); err != nil {
				t.Fatal(err)
			}
		}
		yes, gone := true, ttdn.ReviewDismissed
		review(monitorNV, flaggedNV, ttdn.ReviewUpdate{NeedsAction: &yes})
		review(monitorTTTT, flaggedTTTT, ttdn.ReviewUpdate{NeedsAction: &yes})
		review(monitorNV, dismissed, ttdn.ReviewUpdate{Status: &gone})

		w.clock(2019, 6, 16, 8, 0)
		rp := w.mustOpen(t, ttdn.PeriodHalfYear, 2019, 1)
		r := w.mustStart(t, w.officerNV, rp, w.ngoaiVu)
		art := r.Find("articles", "", "")
		if art == nil || art.Value() != 2 || len(art.SourceIDs) != 1 || art.SourceIDs[0] != logged.ID {
			t.Fatalf("articles: %+v", art)
		}
		if !strings.Contains(art.Source, "1 tin, bài về tỉnh trên báo, trang tin của đơn vị (theo dõi báo chí)") {
			t.Errorf("articles source %q", art.Source)
		}
		if v := r.Find("articles", ttdn.ByChannel, portalNV.Outlet); v == nil || v.Value() != 2 || len(v.SourceIDs) != 1 ||
			v.Source != "1 bản ghi, 1 tin, bài theo dõi báo chí" {
			t.Errorf("articles on the unit's portal: %+v", v)
		}
		if v := r.Find("articles", ttdn.ByLanguage, "vi"); v == nil || v.Value() != 2 {
			t.Errorf("articles in Vietnamese: %+v", v)
		}
		fi := r.Find("false_info_detected", "", "")
		if fi == nil || fi.Value() != 1 || len(fi.SourceIDs) != 0 {
			t.Fatalf("false information detected: %+v", fi)
		}
		got, err := w.reports.FindUnitReportByID(as(w.officerNV), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range got.Values {
			if strings.Contains(v.Source, "Bí mật") || strings.Contains(v.Item, "VnExpress") || strings.Contains(v.Item, "Tài chính") {
				t.Errorf("%s/%s leaks a press record: %q %q", v.Code, v.Item, v.Item, v.Source)
			}
		}

		// A unit owning no outlet: indicator 2 from its activities only.
		rl := w.mustStart(t, w.coordinator, rp, sqltest.MustFindUnit(t, db, "so-tttt"))
		if v := rl.Find("articles", "", ""); v == nil || v.Value() != 0 || strings.Contains(v.Source, "theo dõi báo chí") {
			t.Errorf("a unit without outlets: %+v", v)
		}

		// Sở Tài chính: its own portal's item; its people review no press
		// items, so indicator 10 is left for it to type.
		rt := w.mustStart(t, w.officerTC, rp, w.taiChinh)
		if v := rt.Find("articles", "", ""); v == nil || v.Value() != 1 || len(v.SourceIDs) != 0 {
			t.Errorf("Sở Tài chính articles: %+v", v)
		}
		if v := rt.Find("articles", ttdn.ByChannel, portalNV.Outlet); v != nil {
			t.Errorf("Sở Tài chính counts Sở Ngoại vụ's portal: %+v", v)
		}
		if v := rt.Find("false_info_detected", "", ""); v == nil || v.Computed != nil {
			t.Errorf("Sở Tài chính reviews no press items, so types its figure: %+v", v)
		}
	})
}
