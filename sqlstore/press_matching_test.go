package sqlstore_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestShippedWatchlistUpgraded runs the 0018 migration's data steps on the
// watchlist an older version seeded: "Việt Tân" leaves the hostile
// organisations' aliases for a term of its own with a context rule, and
// the province's place names also match without diacritics. A term a user
// renamed is left alone.
func TestShippedWatchlistUpgraded(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		for _, row := range [][]string{
			{"to-chuc-phan-dong", "tổ chức phản động", `["phản động","Việt Tân","khủng bố","lưu vong"]`},
			{"tay-ninh", "Tây Ninh", `["tỉnh Tây Ninh"]`},
			{"moc-bai", "cửa khẩu Mộc Bài", `[]`}, // renamed by its users
		} {
			if err := db.ExecTest(`INSERT INTO press_watch_terms (code, name, aliases, kind, priority, updated_at)
				VALUES (?, ?, ?, 'topic', 3, '2025-01-01 00:00:00+00:00')`, row[0], row[1], row[2]); err != nil {
				t.Fatal(err)
			}
		}
		body, err := os.ReadFile("migrations/" + db.Engine() + "/0018_press_matching.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range strings.Split(string(body), ";") {
			s := strings.TrimSpace(stmt)
			for _, verb := range []string{"UPDATE press_watch_terms", "INSERT INTO press_watch_terms"} {
				if i := strings.Index(s, verb); i >= 0 {
					if err := db.ExecTest(s[i:]); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		terms, err := sqlstore.NewPressService(db).FindWatchTerms(sqltest.SystemContext())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, tm := range terms {
			got[tm.Code] = strings.Join(tm.Aliases, "|") + " folded=" + map[bool]string{true: "yes", false: "no"}[tm.Folded] +
				" context=" + strings.Join(tm.Context, "|")
			if tm.Code == "viet-tan" && (tm.Name != "Việt Tân" || tm.Within != 10 || !slices.Contains(tm.Context, "khủng bố")) {
				t.Errorf("viet-tan: %+v", tm)
			}
		}
		want := map[string]string{
			"to-chuc-phan-dong": "phản động|khủng bố|lưu vong folded=no context=",
			"tay-ninh":          "tỉnh Tây Ninh folded=yes context=",
			"moc-bai":           " folded=no context=",
			"viet-tan":          "Viet Tan folded=no context=tổ chức|khủng bố|phản động|terrorist|terror|reactionary",
		}
		for code, w := range want {
			if got[code] != w {
				t.Errorf("%s: %q, want %q", code, got[code], w)
			}
		}
	})
}
