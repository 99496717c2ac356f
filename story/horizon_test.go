package story

import (
	"fmt"
	"testing"
	"time"
)

// TestHorizonBoundsTheWindow: a year of items, one an hour, keeps about a
// month of them (Horizon) in the window, not Window of them; the maps of
// tokens, keys and stories shrink with it; and an item stays groupable
// with its story's items of the last days.
func TestHorizonBoundsTheWindow(t *testing.T) {
	g := New(Options{Window: 100_000})
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	const hours = 365 * 24
	for h := range hours {
		g.Add(&Item{URL: fmt.Sprintf("https://example.vn/tin-%d.htm", h), Source: "A",
			Title:   fmt.Sprintf("Tin số %d về chủ đề riêng thứ %d của tỉnh", h, h),
			Summary: fmt.Sprintf("Nội dung %d", h), Time: start.Add(time.Duration(h) * time.Hour)})
	}
	live := g.seq - g.oldest
	if month := int64(30*24 + 1); live > month || live < month-2 {
		t.Fatalf("%d items in the window after a year, want about %d (30 days of one an hour)", live, month)
	}
	if len(g.urls) > int(live)+int(live)/4+1 || len(g.stats) > int(live)+int(live)/4+1 {
		t.Errorf("maps hold %d keys and %d stories for %d live items", len(g.urls), len(g.stats), live)
	}
	for s := range g.oldest {
		if sl := g.slot(s); sl.f.title != nil { // the ring is not full: slot s is item s's
			t.Fatalf("item %d left the window but keeps its tokens", s)
		}
	}
	if g.df.n != int(live) {
		t.Errorf("word counts over %d items, window holds %d", g.df.n, live)
	}
	// Two outlets tell one story within the window: still grouped.
	at := start.Add(hours * time.Hour)
	a := g.Add(&Item{URL: "https://a.vn/1", Source: "A", Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng với Thái Lan",
		Summary: "Hàng trăm người dân được sơ tán.", Time: at})
	b := g.Add(&Item{URL: "https://b.vn/1", Source: "B", Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng với Thái Lan ở biên giới",
		Summary: "Người dân được sơ tán khỏi khu vực biên giới.", Time: at.Add(time.Hour)})
	if b.Story != a.Story {
		t.Errorf("one story told by two outlets an hour apart was split: %+v %+v", a, b)
	}
}
