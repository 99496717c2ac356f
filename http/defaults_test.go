package http

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestYearsFollowThePlan: with the calendar in 2026, opening a period of
// the 2019 plan proposes 2019, and the difficulty form offers the 2019
// plan in force, not only this year's plans.
func TestYearsFollowThePlan(t *testing.T) {
	f := &periodForm{}
	f.withDefaults(&ttdn.Plan{Year: 2019}, ttdn.Date{Year: 2026, Month: 12, Day: 4})
	if f.Year != "2019" || !strings.Contains(f.Name, "2019") {
		t.Fatalf("period defaults: year %q name %q", f.Year, f.Name)
	}
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		fx := newFixture(t, db, true)
		cfg := fx.srv.cfg
		cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
		cfg.Now = func() time.Time { return time.Date(2026, 12, 4, 9, 0, 0, 0, vietnam) }
		fx.srv = NewServer(cfg)
		fx.h = fx.srv.Handler()
		coord := sqltest.UserContext(fx.users["coordinator"])
		plans := sqlstore.NewPlanService(db)
		p, err := plans.FindPlanByID(coord, fx.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := plans.IssuePlan(coord, p.ID, ttdn.PlanIssue{Version: p.Version, Number: "79/KH-UBND",
			IssuedOn: ttdn.Date{Year: 2019, Month: 1, Day: 14}, Signer: "Trần Văn Chiến"}); err != nil {
			t.Fatal(err)
		}
		w := fx.do(fx.request(http.MethodGet, "/difficulties/new", "officer", nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `value="`+itoa(fx.plan.ID)+`"`) {
			t.Fatalf("difficulty form in 2026 does not offer the 2019 plan in force: %d", w.Code)
		}
	})
}

// TestBudgetFormPlansOfTheYearTyped: typing another year and asking for
// its plans shows that year's plans before anything is saved, keeping
// what was typed.
func TestBudgetFormPlansOfTheYearTyped(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		fx := newFixture(t, db, true) // the 2019 plan
		cfg := fx.srv.cfg
		cfg.Budgets = sqlstore.NewBudgetService(db)
		cfg.Now = func() time.Time { return time.Date(2026, 12, 4, 9, 0, 0, 0, vietnam) }
		fx.srv = NewServer(cfg)
		fx.h = fx.srv.Handler()
		opt := `<option value="` + itoa(fx.plan.ID) + `"`
		if w := fx.do(fx.request(http.MethodGet, "/budgets/new", "officer", nil)); strings.Contains(w.Body.String(), opt) {
			t.Fatal("the 2026 form offers the 2019 plan")
		}
		w := fx.do(fx.request(http.MethodPost, "/budgets/new", "officer", form("action", "year", "year", "2019",
			"unit", itoa(fx.units["cong-an"].ID), "title", "Dự toán đang gõ")))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), opt) || !strings.Contains(w.Body.String(), "Dự toán đang gõ") {
			t.Fatalf("plans of 2019: %d", w.Code)
		}
		if _, n, err := sqlstore.NewBudgetService(db).FindBudgetEstimates(sqltest.SystemContext(), ttdn.BudgetFilter{}); err != nil || n != 0 {
			t.Fatalf("%d estimates stored by asking for the year's plans (%v)", n, err)
		}
	})
}
