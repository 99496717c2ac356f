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

// BenchmarkDashboard renders the dashboard of the seed plan, with a few
// activities, for the coordinator.
func BenchmarkDashboard(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, true)
		for range 20 {
			f.mustActivity(b)
		}
		benchPageAs(b, f, "/dashboard?plan="+itoa(f.plan.ID), "coordinator")
	})
}

// BenchmarkPlanTasks renders a plan's task list (the unit's tasks filter).
func BenchmarkPlanTasks(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, true)
		benchPage(b, f, "/plans/"+itoa(f.plan.ID)+"/tasks?unit="+itoa(f.units["so-tttt"].ID))
	})
}

// BenchmarkActivityList renders the first page of the activity registry.
func BenchmarkActivityList(b *testing.B) {
	sqltest.EachB(b, func(b *testing.B, db *sqlstore.DB) {
		f := newFixture(b, db, true)
		for range 60 {
			f.mustActivity(b)
		}
		benchPage(b, f, "/activities")
	})
}

func benchPageAs(b *testing.B, f *fixture, path, who string) {
	b.ReportAllocs()
	for b.Loop() {
		w := f.do(f.request(http.MethodGet, path, who, nil))
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
	}
}
