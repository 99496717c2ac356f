package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// apiFixture is the reporting fixture with budgets wired and one API
// client per role; every answer is checked against openapi.json.
type apiFixture struct {
	*reportingFixture
	coord, officer, finance *apiClient
}

func newAPIFixture(t *testing.T, db *sqlstore.DB) *apiFixture {
	f := &apiFixture{reportingFixture: newReportingFixture(t, db)}
	if err := sqlstore.SeedIndicators(sqltest.SystemContext(), db); err != nil {
		t.Fatal(err)
	}
	cfg := f.srv.cfg
	cfg.Budgets, cfg.Difficulties = sqlstore.NewBudgetService(db), sqlstore.NewDifficultyService(db)
	cfg.Now = f.clock.Now
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
	f.coord = newAPIClient(t, f.h, mustToken(t, db, f.users["coordinator"], ttdn.TokenScope{}))
	f.officer = newAPIClient(t, f.h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{}))
	f.finance = newAPIClient(t, f.h, mustToken(t, db, f.users["finance"], ttdn.TokenScope{}))
	return f
}

// TestAPIReportingCycle drives a whole reporting cycle through the API
// alone: indicators chosen, a period opened, a unit's report filled,
// submitted, returned, resubmitted, accepted, reopened and accepted again,
// and the consolidated report edited, issued and its figures read.
func TestAPIReportingCycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		plan := "/api/v1/plans/" + itoa(f.plan.ID)
		inds := f.coord.call("GET", "/api/v1/indicators", nil).want(t, http.StatusOK)
		var ids []int64
		for _, it := range inds.body["items"].([]any) {
			ids = append(ids, int64(it.(map[string]any)["id"].(float64)))
		}
		if len(ids) == 0 {
			t.Fatal("no indicators in the catalogue")
		}
		f.officer.call("PUT", plan+"/indicators", map[string]any{"indicator_ids": ids}).want(t, http.StatusForbidden)
		f.coord.call("PUT", plan+"/indicators", map[string]any{"indicator_ids": ids}).want(t, http.StatusOK)

		// A unit officer may not open a period; the coordinator may.
		open := map[string]any{"plan_id": f.plan.ID, "type": "half_year", "year": 2019, "number": 1}
		f.officer.call("POST", "/api/v1/report-periods", open).want(t, http.StatusForbidden)
		bad := f.coord.call("POST", "/api/v1/report-periods", map[string]any{"plan_id": f.plan.ID, "type": "half_year", "yaer": 2019}).want(t, http.StatusBadRequest)
		if bad.str("field") != "yaer" || !strings.Contains(bad.str("message"), "yaer") || bad.str("message_en") == "" {
			t.Fatalf("a misspelt field is not named: %s", bad.raw)
		}
		period := f.coord.call("POST", "/api/v1/report-periods", open).want(t, http.StatusCreated)
		pid := itoa(period.id())
		if period.str("cutoff_from") != "2018-12-15" || period.str("due_date") == "" {
			t.Fatalf("period window: %s", period.raw)
		}

		// The officer of Công an tỉnh starts, fills and submits its report.
		rep := f.officer.call("POST", "/api/v1/report-periods/"+pid+"/unit-reports", map[string]any{}).want(t, http.StatusCreated)
		rid := "/api/v1/unit-reports/" + itoa(rep.id())
		etag := rep.etag()
		fill := map[string]any{"values": []map[string]any{{"code": "press_conferences", "number": 3, "note": "Có thêm 2 buổi họp báo tại huyện"}},
			"narrative": map[string]any{"results": "Tổ chức họp báo về an ninh biên giới."}}
		f.officer.call("PATCH", rid, fill).want(t, 428)
		filled := f.officer.call("PATCH", rid, fill, "If-Match", etag).want(t, http.StatusOK)
		// The version read before the fill is stale now: 412, nothing overwritten.
		f.officer.call("PATCH", rid, map[string]any{"narrative": map[string]any{"results": "ghi đè"}}, "If-Match", etag).want(t, http.StatusPreconditionFailed)
		if got := f.officer.call("GET", rid, nil).want(t, http.StatusOK); !strings.Contains(string(got.raw), "an ninh biên giới") {
			t.Fatalf("a stale write overwrote the report: %s", got.raw)
		}
		step := func(c *apiClient, action, comment, etag string, status int) *apiAnswer {
			t.Helper()
			return c.call("POST", rid+"/transitions", map[string]any{"action": action, "comment": comment}, "If-Match", etag).want(t, status)
		}
		sent := step(f.officer, "submit", "", filled.etag(), http.StatusOK)
		step(f.officer, "accept", "", sent.etag(), http.StatusForbidden)
		returned := step(f.coord, "return", "Bổ sung số liệu tháng 6.", sent.etag(), http.StatusOK)
		resent := step(f.officer, "submit", "", returned.etag(), http.StatusOK)
		if resent.str("status") != "resubmitted" {
			t.Fatalf("status %s", resent.str("status"))
		}
		accepted := step(f.coord, "accept", "", resent.etag(), http.StatusOK)
		f.officer.call("PATCH", rid, fill, "If-Match", accepted.etag()).want(t, http.StatusBadRequest) // locked
		reopened := step(f.coord, "reopen", "Sai số họp báo.", accepted.etag(), http.StatusOK)
		resent = step(f.officer, "submit", "", reopened.etag(), http.StatusOK)
		step(f.coord, "accept", "", resent.etag(), http.StatusOK)
		ev := f.officer.call("GET", rid+"/events", nil).want(t, http.StatusOK)
		if n := len(ev.body["items"].([]any)); n != 7 {
			t.Fatalf("%d events, want 7: %s", n, ev.raw)
		}
		list := f.coord.call("GET", "/api/v1/unit-reports?period_id="+pid+"&status=accepted", nil).want(t, http.StatusOK)
		if list.body["total"].(float64) != 1 {
			t.Fatalf("accepted reports: %s", list.raw)
		}
		f.coord.call("GET", "/api/v1/report-periods/"+pid+"/stats", nil).want(t, http.StatusOK)
		f.coord.call("GET", "/api/v1/completeness?plan_id="+itoa(f.plan.ID), nil).want(t, http.StatusOK)

		// The consolidated report: edit, issue, and the figures.
		// Nothing is stored until the first change: no ETag, and the first
		// change says "only if nothing is stored yet"; a second such change
		// is stale.
		cons := f.coord.call("GET", "/api/v1/report-periods/"+pid+"/consolidated", nil).want(t, http.StatusOK)
		if _, stored := cons.body["id"]; cons.etag() != "" || stored {
			t.Fatalf("reading the report stored it: ETag %q, %s", cons.etag(), cons.raw)
		}
		f.coord.call("PATCH", "/api/v1/report-periods/"+pid+"/consolidated", map[string]any{"summary": "x"}).want(t, http.StatusPreconditionRequired)
		cons = f.coord.call("PATCH", "/api/v1/report-periods/"+pid+"/consolidated", map[string]any{"summary": "Kết quả công tác TTĐN 6 tháng đầu năm 2019"},
			"If-None-Match", "*").want(t, http.StatusOK)
		f.coord.call("PATCH", "/api/v1/report-periods/"+pid+"/consolidated", map[string]any{"summary": "ghi đè"},
			"If-None-Match", "*").want(t, http.StatusPreconditionFailed)
		f.officer.call("POST", "/api/v1/report-periods/"+pid+"/consolidated/issue", map[string]any{"number": "12/BC-SVHTTDL", "issued_on": "2019-06-20"},
			"If-Match", cons.etag()).want(t, http.StatusNotFound)
		issued := f.coord.call("POST", "/api/v1/report-periods/"+pid+"/consolidated/issue", map[string]any{"number": "12/BC-SVHTTDL", "issued_on": "2019-06-20"},
			"If-Match", cons.etag()).want(t, http.StatusOK)
		if issued.str("status") != "issued" || issued.str("issued_on") != "2019-06-20" {
			t.Fatalf("issue: %s", issued.raw)
		}
		figs := f.coord.call("GET", "/api/v1/report-periods/"+pid+"/consolidated/figures", nil).want(t, http.StatusOK)
		found := false
		for _, x := range figs.body["totals"].([]any) {
			tot := x.(map[string]any)
			if tot["indicator"].(map[string]any)["code"] == "press_conferences" {
				found = tot["value"].(float64) == 3
			}
		}
		if !found {
			t.Fatalf("press_conferences total is not 3: %s", figs.raw)
		}
	})
}

// TestAPIBudgetCycle drives an estimate from draft to spending through the
// API alone, with a retried creation that creates once.
func TestAPIBudgetCycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		draft := map[string]any{"unit_id": f.units["cong-an"].ID, "year": 2019, "title": "Dự toán họp báo an ninh biên giới",
			"justification": "Kế hoạch 2019, nhiệm vụ III.3", "lines": []map[string]any{
				{"item": "Thuê hội trường", "quantity": 2, "unit_of_measure": "buổi", "unit_price": 3500000, "source": "provincial"},
				{"item": "In tài liệu", "quantity": 300, "unit_of_measure": "bộ", "unit_price": 15000, "source": "provincial"}}}
		first := f.officer.call("POST", "/api/v1/budgets", draft, "Idempotency-Key", "mobile-7f3a").want(t, http.StatusCreated)
		again := f.officer.call("POST", "/api/v1/budgets", draft, "Idempotency-Key", "mobile-7f3a").want(t, http.StatusCreated)
		if again.id() != first.id() || again.header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("a retried creation was not replayed: %s", again.raw)
		}
		other := map[string]any{"unit_id": f.units["cong-an"].ID, "year": 2019, "title": "Khác", "lines": draft["lines"]}
		reused := f.officer.call("POST", "/api/v1/budgets", other, "Idempotency-Key", "mobile-7f3a").want(t, http.StatusUnprocessableEntity)
		if reused.str("field") != "Idempotency-Key" {
			t.Fatalf("reused key: %s", reused.raw)
		}
		if l := f.officer.call("GET", "/api/v1/budgets?year=2019", nil).want(t, http.StatusOK); l.body["total"].(float64) != 1 {
			t.Fatalf("the retry created twice: %s", l.raw)
		}
		bid := "/api/v1/budgets/" + itoa(first.id())
		lines := first.body["lines"].([]any)
		line1 := int64(lines[0].(map[string]any)["id"].(float64))
		line2 := int64(lines[1].(map[string]any)["id"].(float64))
		if lines[0].(map[string]any)["amount"].(float64) != 7000000 {
			t.Fatalf("amount is not quantity × unit price: %s", first.raw)
		}
		edited := f.officer.call("PATCH", bid, map[string]any{"title": "Dự toán họp báo an ninh biên giới năm 2019"}, "If-Match", first.etag()).want(t, http.StatusOK)
		f.officer.call("PATCH", bid, map[string]any{"title": "cũ"}, "If-Match", first.etag()).want(t, http.StatusPreconditionFailed)
		adv := func(c *apiClient, body map[string]any, etag string, status int) *apiAnswer {
			t.Helper()
			return c.call("POST", bid+"/steps", body, "If-Match", etag).want(t, status)
		}
		f.finance.call("POST", bid+"/appraisal", map[string]any{"lines": []map[string]any{{"line_id": line1, "amount": 6000000}}}, "If-Match", edited.etag()).want(t, http.StatusBadRequest) // not submitted yet
		sent := adv(f.officer, map[string]any{"step": "submit"}, edited.etag(), http.StatusOK)
		adv(f.officer, map[string]any{"step": "forward"}, sent.etag(), http.StatusForbidden)
		appraised := f.finance.call("POST", bid+"/appraisal", map[string]any{"lines": []map[string]any{
			{"line_id": line1, "amount": 6000000, "comment": "Theo giá hội trường của tỉnh"}, {"line_id": line2, "amount": 4500000}}},
			"If-Match", sent.etag()).want(t, http.StatusOK)
		fwd := adv(f.finance, map[string]any{"step": "forward", "note": "Đề nghị phê duyệt"}, appraised.etag(), http.StatusOK)
		adv(f.finance, map[string]any{"step": "approve"}, fwd.etag(), http.StatusBadRequest) // the decision is required
		approved := adv(f.finance, map[string]any{"step": "approve", "approval": map[string]any{"body": "UBND tỉnh Tây Ninh", "number": "123/QĐ-UBND", "date": "2019-06-25"}},
			fwd.etag(), http.StatusOK)
		if approved.str("status") != "approved" {
			t.Fatalf("status %s", approved.str("status"))
		}
		f.finance.call("POST", bid+"/entries", map[string]any{"line_id": line1, "kind": "allocation", "amount": 6000000, "date": "2019-06-28"}).want(t, http.StatusCreated)
		f.officer.call("POST", bid+"/entries", map[string]any{"line_id": line1, "kind": "spending", "amount": 5800000, "date": "2019-06-29"}).want(t, http.StatusCreated)
		f.officer.call("POST", bid+"/entries", map[string]any{"line_id": line1, "kind": "spending", "amount": 300000, "date": "2019-06-30"}).want(t, http.StatusBadRequest) // above approved
		got := f.officer.call("GET", bid, nil).want(t, http.StatusOK)
		l1 := got.body["lines"].([]any)[0].(map[string]any)
		if l1["approved"].(float64) != 6000000 || l1["spent"].(float64) != 5800000 || l1["allocated"].(float64) != 6000000 {
			t.Fatalf("money: %s", got.raw)
		}
		for _, p := range []string{"/entries", "/revisions", "/events"} {
			f.officer.call("GET", bid+p, nil).want(t, http.StatusOK)
		}
		f.finance.call("GET", "/api/v1/budgets/summary?by=unit&year=2019", nil).want(t, http.StatusOK)
		f.finance.call("GET", "/api/v1/budget-settings", nil).want(t, http.StatusOK)
	})
}
