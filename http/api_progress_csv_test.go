package http

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIProgressCSV previews and applies a progress CSV through the API:
// the preview changes nothing and shows a wrong row with its line; a file
// with an error is refused whole; a good one moves the tasks.
func TestAPIProgressCSV(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		base := "/api/v1/plans/" + itoa(f.plan.ID) + "/progress-csv"
		t0, t1 := f.plan.Tasks[0], f.plan.Tasks[1]
		head := "ma_nhiem_vu,trang_thai,ty_le,ngay,noi_dung\n"
		good := head + t0.Ref + ",in_progress,30,2019-05-02,Đã triển khai\n" + t1.Ref + ",done,100,2019-05-02,Hoàn thành\n"
		bad := good + "IX.9,done,100,2019-05-02,Không có nhiệm vụ này\n"
		send := func(path, csv string) *apiAnswer {
			r := httptest.NewRequest("POST", path, bytes.NewReader([]byte(csv)))
			r.Header.Set("Authorization", "Bearer "+f.coord.token)
			r.Header.Set("Content-Type", "text/csv; charset=utf-8")
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, r)
			a := &apiAnswer{status: w.Code, header: w.Header(), raw: w.Body.Bytes()}
			f.coord.validate("POST", path, a)
			return a
		}
		pv := send(base+"/preview", bad).want(t, http.StatusOK)
		errs := pv.body["errors"].([]any)
		if len(errs) != 1 || errs[0].(map[string]any)["line"].(float64) != 4 {
			t.Fatalf("preview errors: %s", pv.raw)
		}
		if tk := f.coord.call("GET", "/api/v1/tasks/"+itoa(t1.ID), nil).want(t, http.StatusOK); tk.str("status") == "done" {
			t.Fatal("the preview changed a task")
		}
		send(base, bad).want(t, http.StatusBadRequest)
		if tk := f.coord.call("GET", "/api/v1/tasks/"+itoa(t1.ID), nil).want(t, http.StatusOK); tk.str("status") == "done" {
			t.Fatal("a refused file changed a task")
		}
		send(base, "").want(t, http.StatusBadRequest)
		ap := send(base, good).want(t, http.StatusOK)
		if len(ap.body["rows"].([]any)) != 2 {
			t.Fatalf("apply: %s", ap.raw)
		}
		if tk := f.coord.call("GET", "/api/v1/tasks/"+itoa(t1.ID), nil).want(t, http.StatusOK); tk.str("status") != "done" {
			t.Fatalf("the file did not move the task: %s", tk.raw)
		}
	})
}
