package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIPlanLifecycle drives a plan's life through the API alone: edit
// the draft, issue it, amend with a reason, close, reopen, copy into next
// year, edit the copy and link it, amend a task; a unit officer is refused every
// change, and a stale version is 412.
func TestAPIPlanLifecycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		plan := "/api/v1/plans/" + itoa(f.plan.ID)
		draft := f.coord.call("GET", plan, nil).want(t, http.StatusOK)
		if draft.str("status") != "draft" {
			t.Fatalf("the seed plan is %q", draft.str("status"))
		}
		// A draft is edited freely, then issued.
		f.officer.call("PATCH", plan, map[string]any{"title": "x"}, "If-Match", draft.etag()).want(t, http.StatusForbidden)
		edited := f.coord.call("PATCH", plan, map[string]any{"place": "Tây Ninh"}, "If-Match", draft.etag()).want(t, http.StatusOK)
		f.coord.call("POST", plan+"/issue", map[string]any{"number": "", "issued_on": "2019-03-01", "signer": "Trần Văn Chiến"}, "If-Match", edited.etag()).want(t, http.StatusBadRequest)
		f.officer.call("POST", plan+"/issue", map[string]any{"number": "79/KH-UBND", "issued_on": "2019-03-01", "signer": "Trần Văn Chiến"}, "If-Match", edited.etag()).want(t, http.StatusForbidden)
		cur := f.coord.call("POST", plan+"/issue", map[string]any{"number": "79/KH-UBND", "issued_on": "2019-03-01", "signer": "Trần Văn Chiến",
			"signer_title": "KT. CHỦ TỊCH"}, "If-Match", edited.etag()).want(t, http.StatusOK)
		if cur.str("status") != "issued" || cur.str("issued_on") != "2019-03-01" {
			t.Fatalf("issue: %s", cur.raw)
		}
		// Once issued, a change is an amendment and needs its reason.
		f.officer.call("PATCH", plan, map[string]any{"title": "x", "reason": "y"}, "If-Match", cur.etag()).want(t, http.StatusForbidden)
		noReason := f.coord.call("PATCH", plan, map[string]any{"budget": "Ngân sách tỉnh"}, "If-Match", cur.etag()).want(t, http.StatusBadRequest)
		if !strings.Contains(noReason.str("message"), "lý do") {
			t.Fatalf("an amendment without a reason: %s", noReason.raw)
		}
		amended := f.coord.call("PATCH", plan, map[string]any{"budget": "Ngân sách tỉnh và nguồn xã hội hóa", "reason": "Bổ sung nguồn kinh phí"},
			"If-Match", cur.etag()).want(t, http.StatusOK)
		f.coord.call("PATCH", plan, map[string]any{"budget": "ghi đè", "reason": "cũ"}, "If-Match", cur.etag()).want(t, http.StatusPreconditionFailed)

		f.officer.call("POST", plan+"/close", map[string]any{"reason": "x"}, "If-Match", amended.etag()).want(t, http.StatusForbidden)
		closed := f.coord.call("POST", plan+"/close", map[string]any{"reason": "Hết năm thực hiện"}, "If-Match", amended.etag()).want(t, http.StatusOK)
		if closed.str("status") != "closed" {
			t.Fatalf("close: %s", closed.raw)
		}
		f.coord.call("POST", plan+"/reopen", map[string]any{}, "If-Match", closed.etag()).want(t, http.StatusBadRequest)
		reopened := f.coord.call("POST", plan+"/reopen", map[string]any{"reason": "Còn nhiệm vụ chuyển tiếp"}, "If-Match", closed.etag()).want(t, http.StatusOK)
		if reopened.str("status") != "issued" {
			t.Fatalf("reopen: %s", reopened.raw)
		}
		hist := f.coord.call("GET", plan+"/history", nil).want(t, http.StatusOK)
		var actions []string
		for _, h := range hist.items() {
			actions = append(actions, h["action"].(string))
		}
		for _, want := range []string{"amend", "close", "reopen"} {
			if !strings.Contains(strings.Join(actions, " "), want) {
				t.Errorf("history %v lacks %s", actions, want)
			}
		}

		// Copy into 2020: a draft with its own number to be given.
		f.officer.call("POST", plan+"/copy", map[string]any{"year": 2020}).want(t, http.StatusForbidden)
		cp := f.coord.call("POST", plan+"/copy", map[string]any{"year": 2020}).want(t, http.StatusCreated)
		if cp.str("status") != "draft" || cp.body["year"].(float64) != 2020 || cp.header.Get("Location") != "/api/v1/plans/"+itoa(cp.id()) {
			t.Fatalf("copy: %s (Location %s)", cp.raw, cp.header.Get("Location"))
		}
		np := "/api/v1/plans/" + itoa(cp.id())
		f.coord.call("PATCH", np, map[string]any{"title": "Kế hoạch thông tin đối ngoại năm 2020"}, "If-Match", cp.etag()).want(t, http.StatusOK)
		tree := f.coord.call("PUT", np+"/links", map[string]any{"links": []map[string]any{{"target_plan_id": f.plan.ID}}}).want(t, http.StatusOK)
		if !strings.Contains(string(tree.raw), f.plan.Number) {
			t.Fatalf("the link is not in the tree: %s", tree.raw)
		}

		// A task of the issued plan is amended with its reason.
		task := "/api/v1/tasks/" + itoa(f.plan.Tasks[0].ID)
		tk := f.coord.call("GET", task, nil).want(t, http.StatusOK)
		f.officer.call("PATCH", task, map[string]any{"deadline": "2019-09-30", "reason": "x"}, "If-Match", tk.etag()).want(t, http.StatusForbidden)
		moved := f.coord.call("PATCH", task, map[string]any{"deadline": "2019-09-30", "reason": "Lùi hạn theo chỉ đạo của UBND tỉnh"},
			"If-Match", tk.etag()).want(t, http.StatusOK)
		if moved.str("deadline") != "2019-09-30" {
			t.Fatalf("task amend: %s", moved.raw)
		}
	})
}
