package http

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPressWithoutQueryShowsHitsFirst: /press without a query lists the
// watchlist hits first, by priority then time, not the newest national
// items (issue 11).
func TestPressWithoutQueryShowsHitsFirst(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, _ := newPressFixture(t, db)
		w := f.do(f.request("GET", "/press", "monitor", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("status %d", w.Code)
		}
		m := regexp.MustCompile(`data-article-id="(\d+)"`).FindAllStringSubmatch(w.Body.String(), -1)
		if len(m) < 2 {
			t.Fatalf("%d results", len(m))
		}
		store := sqlstore.NewPressService(db)
		prev := (*ttdn.Article)(nil)
		for _, x := range m {
			id, _ := strconv.ParseInt(x[1], 10, 64)
			a, err := store.FindArticleByID(sqltest.SystemContext(), id)
			if err != nil {
				t.Fatal(err)
			}
			if prev != nil && (a.Priority > prev.Priority || a.Priority == prev.Priority && a.Published.After(prev.Published)) {
				t.Errorf("article %d (priority %d, %v) after %d (priority %d, %v)", a.ID, a.Priority, a.Published, prev.ID, prev.Priority, prev.Published)
			}
			prev = a
		}
		first, _ := strconv.ParseInt(m[0][1], 10, 64)
		if a, _ := store.FindArticleByID(sqltest.SystemContext(), first); a == nil || a.Priority == 0 {
			t.Errorf("first result %d is not a watchlist hit", first)
		}
	})
}
