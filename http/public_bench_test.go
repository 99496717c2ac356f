package http

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// publicBenchItems is how many activities the benchmark's site shows: a
// few years of a province's public activities.
const publicBenchItems = 300

// publicBenchServer publishes publicBenchItems public activities in three
// languages and serves the public address alone, without a rate limit (the
// load comes from one client).
func publicBenchServer(b *testing.B, db *sqlstore.DB) (*Server, string) {
	f := newFixture(b, db, false)
	coord := sqltest.UserContext(f.users["coordinator"])
	acts, pubs := sqlstore.NewActivityService(db), sqlstore.NewPublicationService(db)
	for i := range publicBenchItems {
		a := &ttdn.Activity{Type: ttdn.ActivityTypes[i%len(ttdn.ActivityTypes)].Type, Title: "Hoạt động quảng bá số " + itoa(int64(i)),
			Summary: "Giới thiệu hình ảnh quê hương, đất nước, con người Tây Ninh.", Place: "Tây Ninh",
			StartDate: ttdn.Date{Year: 2025, Month: time.Month(1 + i%12), Day: 1 + i%28}, UnitIDs: []int64{f.units["so-tttt"].ID},
			Classification: ttdn.Public}
		if err := acts.CreateActivity(coord, a); err != nil {
			b.Fatal(err)
		}
		p := &ttdn.Publication{Author: "Sở Văn hóa, Thể thao và Du lịch", Texts: []ttdn.PublicationText{
			{Lang: "vi", Title: a.Title, Summary: a.Summary}, {Lang: "en", Title: "Promotion activity " + itoa(int64(i)), Status: ttdn.TranslationApproved},
			{Lang: "km", Title: "សកម្មភាពផ្សព្វផ្សាយ " + itoa(int64(i)), Status: ttdn.TranslationDone}}}
		if err := pubs.Publish(coord, ttdn.PublicationSource{Kind: ttdn.ResourceActivity, ID: a.ID}, p); err != nil {
			b.Fatal(err)
		}
	}
	cfg := f.srv.cfg
	cfg.PublicRateLimit = -1
	s := NewServer(cfg)
	ts := httptest.NewServer(s.PublicHandler())
	b.Cleanup(ts.Close)
	return s, ts.URL
}

// BenchmarkPublicSite is anonymous load on the public address: parallel
// readers (GOMAXPROCS × 4 goroutines over keep-alive connections) fetching
// each kind of page, served from the cache after the first request. The
// "render" cases render the same page without the cache: the cost of a
// page right after something was published.
func BenchmarkPublicSite(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		s, base := publicBenchServer(b, db)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		for _, path := range []string{"/public/vi/", "/public/km/activities", "/public/en/items/150", "/public/vi/events",
			"/public/en/feed.atom", "/public/vi/feed.json", "/public/km/events.ics", "/sitemap.xml"} {
			b.Run(path, func(b *testing.B) {
				b.SetParallelism(4)
				b.ReportAllocs()
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						res, err := client.Get(base + path)
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode != http.StatusOK {
							b.Errorf("%s: %d", path, res.StatusCode)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
			})
		}
		q := &publicReq{Lang: "km", Base: "http://bench", Path: "/public/km/activities", Today: ttdn.Date{Year: 2025, Month: 6, Day: 1}, Page: 1,
			vals: map[string]string{"section": "activities", "id": "150"}}
		for name, render := range map[string]publicRender{"render/list": s.renderPublicList, "render/item": s.renderPublicItem,
			"render/atom": s.renderAtom} {
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, _, err := render(context.Background(), q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}
