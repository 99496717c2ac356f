package http

import (
	"net/http"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// BenchmarkPlanView renders the seed plan's page for a logged-in officer.
func BenchmarkPlanView(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, true)
		benchPage(b, f, "/plans/"+itoa(f.plan.ID))
	})
}

// BenchmarkUnitPage renders Sở TTTT's unit page with its tasks by role.
func BenchmarkUnitPage(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, true)
		benchPage(b, f, "/units/"+itoa(f.units["so-tttt"].ID))
	})
}

func benchPage(b *testing.B, f *fixture, path string) {
	b.ReportAllocs()
	for b.Loop() {
		w := f.do(f.request(http.MethodGet, path, "officer", nil))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
	}
}
