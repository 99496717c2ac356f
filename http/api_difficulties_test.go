package http

import (
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIDifficulties drives difficulties through the API alone: two units
// raise theirs, the coordinator groups them under a proposal, forwards it
// to UBND tỉnh and records the answer, which reaches each difficulty; a
// third is edited and given a file by its unit and closed by the
// coordinator.
func TestAPIDifficulties(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		nv := newAPIClient(t, f.h, mustToken(t, db, f.users["nv"], ttdn.TokenScope{}))
		raise := func(c *apiClient, title string) *apiAnswer {
			return c.call("POST", "/api/v1/difficulties", map[string]any{"title": title, "text": "Thiếu kinh phí tổ chức họp báo định kỳ."}).want(t, http.StatusCreated)
		}
		d1 := raise(f.officer, "Thiếu kinh phí họp báo")
		d2 := raise(nv, "Thiếu kinh phí đón đoàn phóng viên")
		d3 := raise(f.officer, "Chưa có người phát ngôn")
		if d1.str("status") != "raised" || int64(d1.body["unit_id"].(float64)) != f.units["cong-an"].ID {
			t.Fatalf("raise: %s", d1.raw)
		}
		f.officer.call("POST", "/api/v1/difficulties", map[string]any{"title": "", "text": ""}).want(t, http.StatusBadRequest)

		members := []int64{d1.id(), d2.id()}
		group := map[string]any{"title": "Kinh phí thông tin đối ngoại", "proposal": "Đề nghị bổ sung kinh phí cho các đơn vị", "member_ids": members}
		f.officer.call("POST", "/api/v1/difficulty-groups", group).want(t, http.StatusForbidden)
		g := f.coord.call("POST", "/api/v1/difficulty-groups", group).want(t, http.StatusCreated)
		gp := "/api/v1/difficulty-groups/" + itoa(g.id())
		fw := f.coord.call("POST", gp+"/forward", map[string]any{"number": "120/STTTT-TTĐN", "date": "2019-06-20"}, "If-Match", g.etag()).want(t, http.StatusOK)
		if fw.str("status") != "forwarded" || fw.str("forwarded_to") == "" {
			t.Fatalf("forward: %s", fw.raw)
		}
		f.coord.call("POST", gp+"/answer", map[string]any{"text": "x", "date": "2019-07-01"}, "If-Match", g.etag()).want(t, http.StatusPreconditionFailed)
		ans := f.coord.call("POST", gp+"/answer", map[string]any{"text": "UBND tỉnh đồng ý bổ sung 200 triệu đồng.", "number": "55/UBND-KGVX", "date": "2019-07-01"},
			"If-Match", fw.etag()).want(t, http.StatusOK)
		if ans.str("status") != "answered" {
			t.Fatalf("answer: %s", ans.raw)
		}
		if got := nv.call("GET", "/api/v1/difficulties/"+itoa(d2.id()), nil).want(t, http.StatusOK); got.str("status") != "answered" {
			t.Fatalf("the unit does not see the answer: %s", got.raw)
		}
		nv.call("GET", "/api/v1/difficulties/"+itoa(d3.id()), nil).want(t, http.StatusNotFound)
		if l := f.coord.call("GET", "/api/v1/difficulties?group_id="+itoa(g.id()), nil).want(t, http.StatusOK); len(l.items()) != 2 {
			t.Fatalf("the group's members: %s", l.raw)
		}
		if l := f.coord.call("GET", "/api/v1/difficulty-groups", nil).want(t, http.StatusOK); len(l.items()) != 1 {
			t.Fatalf("groups: %s", l.raw)
		}

		p3 := "/api/v1/difficulties/" + itoa(d3.id())
		ed := f.officer.call("PATCH", p3, map[string]any{"text": "Đơn vị chưa cử người phát ngôn."}, "If-Match", d3.etag()).want(t, http.StatusOK)
		up := f.officer.callFiles(p3+"/files", nil, map[string][]byte{"cong-van.pdf": pdfBytes}).want(t, http.StatusCreated)
		if files := f.officer.call("GET", p3+"/files", nil).want(t, http.StatusOK); len(files.items()) != 1 {
			t.Fatalf("files: %s", files.raw)
		}
		file := p3 + "/files/" + itoa(int64(up.items()[0]["id"].(float64)))
		if got := f.coord.call("GET", file, nil).want(t, http.StatusOK); string(got.raw) != string(pdfBytes) {
			t.Fatalf("download: %q", got.raw)
		}
		nv.call("GET", file, nil).want(t, http.StatusNotFound)
		// Only the coordinator closes a difficulty, as on the page.
		f.officer.call("POST", p3+"/close", map[string]any{"note": "Đã cử người phát ngôn."}, "If-Match", ed.etag()).want(t, http.StatusForbidden)
		cl := f.coord.call("POST", p3+"/close", map[string]any{"note": "Đơn vị đã cử người phát ngôn."}, "If-Match", ed.etag()).want(t, http.StatusOK)
		if cl.str("status") != "closed" {
			t.Fatalf("close: %s", cl.raw)
		}
	})
}
