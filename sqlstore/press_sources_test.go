package sqlstore_test

import (
	"bytes"
	"strconv"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestSourceCRUDAndOPML(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		s := sqlstore.NewPressService(db)
		src := &ttdn.Source{Name: "Khmer Times", FeedURL: "https://www.khmertimeskh.com/feed/", Country: "kh",
			Language: "EN", Foreign: true, Enabled: true, PollMinutes: 30}
		if err := s.CreateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		if src.Country != "KH" || src.Language != "en" || src.Outlet != "Khmer Times" {
			t.Errorf("not normalised: %+v", src)
		}
		if err := s.CreateSource(ctx, &ttdn.Source{Name: "dup", FeedURL: src.FeedURL, Enabled: true}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Errorf("duplicate feed URL: %v", err)
		}
		if err := s.CreateSource(ctx, &ttdn.Source{Name: "bad", FeedURL: "ftp://x", Enabled: true}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("bad URL: %v", err)
		}
		if err := s.CreateSource(ctx, &ttdn.Source{Name: "creds", FeedURL: "https://user:pw@example.org/rss", Enabled: true}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("URL with credentials: %v", err)
		}
		name := "Khmer Times (EN)"
		got, err := s.UpdateSource(ctx, src.ID, ttdn.SourceUpdate{Name: &name, Version: src.Version})
		if err != nil || got.Name != name || got.Version != 2 {
			t.Fatalf("update: %+v %v", got, err)
		}
		if _, err := s.UpdateSource(ctx, src.ID, ttdn.SourceUpdate{Name: &name, Version: 1}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Errorf("stale update: %v", err)
		}
		// A unit officer may not see or manage sources.
		officer := &ttdn.User{ID: 5, Role: ttdn.RoleUnitOfficer, UnitID: 1}
		if _, _, err := s.FindSources(sqltest.UserContext(officer), ttdn.SourceFilter{}); err == nil {
			t.Error("a unit officer listed sources")
		}
		// OPML round trip.
		if err := s.CreateSource(ctx, &ttdn.Source{Name: "VnExpress", FeedURL: "https://vnexpress.net/rss/tin-moi-nhat.rss", Enabled: true}); err != nil {
			t.Fatal(err)
		}
		list, _, err := s.FindSources(ctx, ttdn.SourceFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pressingest.WriteOPML(&buf, "test", list); err != nil {
			t.Fatal(err)
		}
		back, err := pressingest.ReadOPML(&buf)
		if err != nil || len(back) != 2 {
			t.Fatalf("read back %d sources: %v", len(back), err)
		}
		other := sqltest.Open(t, db.Engine())
		for _, b := range back {
			if err := sqlstore.NewPressService(other).CreateSource(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		list2, _, _ := sqlstore.NewPressService(other).FindSources(ctx, ttdn.SourceFilter{})
		for i := range list {
			a, b := list[i], list2[i]
			if a.Name != b.Name || a.FeedURL != b.FeedURL || a.Country != b.Country || a.Language != b.Language ||
				a.Foreign != b.Foreign || a.PollMinutes != b.PollMinutes || a.Outlet != b.Outlet {
				t.Errorf("round trip changed %+v into %+v", a, b)
			}
		}
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// TestClaimNeverTwice runs two claimers at once (two instances) and checks
// that no source is handed to both while its lease holds.
func TestClaimNeverTwice(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := sqltest.SystemContext()
		s := sqlstore.NewPressService(db)
		const n = 60
		for i := range n {
			if err := s.CreateSource(ctx, &ttdn.Source{Name: "s", FeedURL: "https://example.org/" + strconv.Itoa(i), Enabled: true}); err != nil {
				t.Fatal(err)
			}
		}
		// Two separate stores on one database stand for two instances.
		stores := []*sqlstore.PressService{s, sqlstore.NewPressService(db)}
		var mu sync.Mutex
		claims := map[int64]int{}
		var wg sync.WaitGroup
		for _, st := range stores {
			for range 3 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						got, err := st.ClaimDueSources(ctx, 4, time.Hour)
						if err != nil {
							t.Error(err)
							return
						} else if len(got) == 0 {
							return
						}
						mu.Lock()
						for _, g := range got {
							claims[g.ID]++
						}
						mu.Unlock()
					}
				}()
			}
		}
		wg.Wait()
		if len(claims) != n {
			t.Errorf("%d sources claimed, want %d", len(claims), n)
		}
		for id, c := range claims {
			if c != 1 {
				t.Errorf("source %d claimed %d times", id, c)
			}
		}
		if due, _ := s.CountDueSources(ctx); due != 0 {
			t.Errorf("%d still due while leased", due)
		}
	})
}
