package http

import (
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIConventions: read-only tokens, cursor pages, the rate limit and
// problem documents, every answer checked against openapi.json.
func TestAPIConventions(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		ro := newAPIClient(t, f.h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{ReadOnly: true}))
		draft := map[string]any{"year": 2019, "title": "Dự toán", "lines": []map[string]any{{"item": "Hội trường", "quantity": 1, "unit_price": 1000, "source": "provincial"}}}
		if a := ro.call("POST", "/api/v1/budgets", draft).want(t, http.StatusForbidden); a.str("code") != "forbidden" {
			t.Fatalf("read-only token wrote: %s", a.raw)
		}
		ro.call("GET", "/api/v1/budgets", nil).want(t, http.StatusOK)
		if l := ro.call("GET", "/api/v1/budgets", nil); l.body["total"].(float64) != 0 {
			t.Fatalf("a read-only token created: %s", l.raw)
		}

		// Cursor pages: every unit once, in a stable order.
		seen, pages, total := map[float64]bool{}, 0, -1.0
		for cursor := ""; pages == 0 || cursor != ""; pages++ {
			a := f.coord.call("GET", "/api/v1/units?kind=department&limit=7&cursor="+cursor, nil).want(t, http.StatusOK)
			total = a.body["total"].(float64)
			for _, it := range a.body["items"].([]any) {
				id := it.(map[string]any)["id"].(float64)
				if seen[id] {
					t.Fatalf("unit %v on two pages", id)
				}
				seen[id] = true
			}
			cursor = a.str("next_cursor")
			if pages > 100 {
				t.Fatal("the cursor does not end")
			}
		}
		if float64(len(seen)) != total || pages < 2 {
			t.Fatalf("%d units over %d pages, total %v", len(seen), pages, total)
		}
		first := f.coord.call("GET", "/api/v1/units?kind=department&limit=7", nil)
		if a := f.coord.call("GET", "/api/v1/units?kind=office&limit=7&cursor="+first.str("next_cursor"), nil).want(t, http.StatusBadRequest); a.str("field") != "cursor" {
			t.Fatalf("a cursor of other filters: %s", a.raw)
		}
		if a := f.coord.call("GET", "/api/v1/units?limit=500", nil).want(t, http.StatusBadRequest); a.str("field") != "limit" {
			t.Fatalf("limit: %s", a.raw)
		}
		if a := f.coord.call("GET", "/api/v1/budgets/999999", nil, "Accept-Language", "en").want(t, http.StatusNotFound); a.str("detail") != a.str("message_en") || a.str("message") == a.str("message_en") {
			t.Fatalf("problem languages: %s", a.raw)
		}
		if a := f.coord.call("POST", "/api/v1/report-periods", "not an object").want(t, http.StatusBadRequest); a.str("code") != "invalid" {
			t.Fatalf("bad JSON: %s", a.raw)
		}

		// The rate limit: a fourth request in the window is 429.
		cfg := f.srv.cfg
		cfg.APIRateLimit = 3
		h := NewServer(cfg).Handler()
		c := newAPIClient(t, h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{}))
		for i := range 3 {
			if a := c.call("GET", "/api/v1/units?limit=1", nil).want(t, http.StatusOK); a.header.Get("RateLimit-Remaining") != itoa(int64(2-i)) {
				t.Fatalf("RateLimit-Remaining %q after %d", a.header.Get("RateLimit-Remaining"), i+1)
			}
		}
		if a := c.call("GET", "/api/v1/units?limit=1", nil).want(t, http.StatusTooManyRequests); a.header.Get("Retry-After") == "" {
			t.Fatal("429 without Retry-After")
		}
	})
}
