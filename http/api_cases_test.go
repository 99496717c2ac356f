package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPICase drives a rebuttal case through the API alone: the monitor
// opens it from a press item, assesses and assigns it; the lead unit's
// officer drafts and submits a response, the coordinator approves it, the
// officer records its publication, and the monitor closes the case. A case
// opened by hand carries its evidence file. Wrong roles and stale versions
// are refused.
func TestAPICase(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		tok := func(who string) *apiClient {
			return newAPIClient(t, f.h, mustToken(t, db, f.users[who], ttdn.TokenScope{}))
		}
		mon, officer, coord, finance := tok("monitor"), tok("officer"), tok("coordinator"), tok("finance")

		officer.call("POST", "/api/v1/cases", map[string]any{"title": "x", "article_id": item.ID}).want(t, http.StatusForbidden)
		c := mon.call("POST", "/api/v1/cases", map[string]any{"title": "Tin sai về cửa khẩu Mộc Bài", "article_id": item.ID}).want(t, http.StatusCreated)
		if c.str("origin") != "article" || c.str("stage") != "detected" {
			t.Fatalf("open: %s", c.raw)
		}
		mon.call("POST", "/api/v1/cases", map[string]any{"title": "Lần hai", "article_id": item.ID}).want(t, http.StatusConflict)
		cp := "/api/v1/cases/" + itoa(c.id())
		officer.call("GET", cp, nil).want(t, http.StatusNotFound) // not involved yet

		assess := map[string]any{"claim": "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.", "verdict": "false", "severity": "high", "topics": []string{"border"}}
		officer.call("POST", cp+"/assess", assess, "If-Match", c.etag()).want(t, http.StatusNotFound)
		as := mon.call("POST", cp+"/assess", assess, "If-Match", c.etag()).want(t, http.StatusOK)
		mon.call("POST", cp+"/assess", assess, "If-Match", c.etag()).want(t, http.StatusPreconditionFailed)
		ag := mon.call("POST", cp+"/assign", map[string]any{"lead_unit_id": f.units["cong-an"].ID, "coordinating_unit_ids": []int64{f.units["bdbp"].ID}},
			"If-Match", as.etag()).want(t, http.StatusOK)
		if ag.str("stage") != "assigned" {
			t.Fatalf("assign: %s", ag.raw)
		}

		r := officer.call("POST", cp+"/responses", map[string]any{"kind": "press_release", "title": "Thông cáo về cửa khẩu Mộc Bài",
			"body": "Cửa khẩu Mộc Bài vẫn hoạt động bình thường."}).want(t, http.StatusCreated)
		rp := r.header.Get("Location")
		if rp != "/api/v1/case-responses/"+itoa(r.id()) {
			t.Fatalf("response Location %q", rp)
		}
		sub := officer.call("PATCH", rp, map[string]any{"submit": true}, "If-Match", r.etag()).want(t, http.StatusOK)
		if sub.str("status") != "submitted" {
			t.Fatalf("submit: %s", sub.raw)
		}
		officer.call("POST", rp+"/review", map[string]any{"decision": "approve"}, "If-Match", sub.etag()).want(t, http.StatusForbidden)
		coord.call("POST", rp+"/review", map[string]any{"decision": "maybe"}, "If-Match", sub.etag()).want(t, http.StatusBadRequest)
		ap := coord.call("POST", rp+"/review", map[string]any{"decision": "approve"}, "If-Match", sub.etag()).want(t, http.StatusOK)
		pub := officer.call("POST", rp+"/publish", map[string]any{"where": "Cổng thông tin điện tử tỉnh", "url": "https://tayninh.example/tin/1",
			"at": "2025-11-15T02:02:00Z"}, "If-Match", ap.etag()).want(t, http.StatusOK)
		if pub.str("status") != "published" {
			t.Fatalf("publish: %s", pub.raw)
		}
		now := mon.call("GET", cp, nil).want(t, http.StatusOK)
		if now.str("stage") != "published" || len(now.body["responses"].([]any)) != 1 {
			t.Fatalf("the case after publication: %s", now.raw)
		}
		if l := coord.call("GET", "/api/v1/cases?verdict=false&open=true", nil).want(t, http.StatusOK); len(l.items()) != 1 {
			t.Fatalf("filtered cases: %s", l.raw)
		}
		if l := finance.call("GET", "/api/v1/cases", nil).want(t, http.StatusOK); len(l.items()) != 0 {
			t.Fatalf("finance lists a case it is not involved in: %s", l.raw)
		}
		docx := mon.call("GET", cp+"/report/docx", nil).want(t, http.StatusOK)
		pdf := coord.call("GET", cp+"/report/pdf", nil).want(t, http.StatusOK)
		if !strings.HasPrefix(string(docx.raw), "PK") || !strings.HasPrefix(string(pdf.raw), "%PDF") {
			t.Fatalf("case report: DOCX %q…, PDF %q…", docx.raw[:min(4, len(docx.raw))], pdf.raw[:min(4, len(pdf.raw))])
		}
		mon.call("GET", cp+"/report/odt", nil).want(t, http.StatusNotFound)
		finance.call("GET", cp+"/report/pdf", nil).want(t, http.StatusNotFound)
		cl := mon.call("POST", cp+"/close", map[string]any{"note": "Đã phản bác, tin sai không còn lan truyền."}, "If-Match", now.etag()).want(t, http.StatusOK)
		if cl.str("stage") != "closed" {
			t.Fatalf("close: %s", cl.raw)
		}

		// By hand, with a screenshot, in one multipart request.
		hand := mon.callFiles("/api/v1/cases", map[string]string{"case": `{"title":"Bài đăng Facebook sai sự thật","claim":"Tây Ninh cấm xuất khẩu nông sản sang Campuchia.",` +
			`"source":{"url":"https://facebook.example/post/1","outlet":"Facebook"}}`}, map[string][]byte{"anh-chup.pdf": pdfBytes}).want(t, http.StatusCreated)
		if hand.str("origin") != "manual" {
			t.Fatalf("by hand: %s", hand.raw)
		}
		hp := "/api/v1/cases/" + itoa(hand.id())
		mon.callFiles(hp+"/files", nil, map[string][]byte{"anh-chup-2.pdf": pdfBytes}).want(t, http.StatusCreated)
		files := mon.call("GET", hp+"/files", nil).want(t, http.StatusOK)
		if len(files.items()) != 2 {
			t.Fatalf("evidence: %s", files.raw)
		}
		file := hp + "/files/" + itoa(int64(files.items()[0]["id"].(float64)))
		if got := mon.call("GET", file, nil).want(t, http.StatusOK); string(got.raw) != string(pdfBytes) {
			t.Fatalf("download: %q", got.raw)
		}
		finance.call("GET", file, nil).want(t, http.StatusNotFound)
		bad := mon.callFiles("/api/v1/cases", map[string]string{"case": `{"title":"Thiếu nội dung"`}, nil).want(t, http.StatusBadRequest)
		if bad.str("field") != "case" {
			t.Fatalf("a broken case field: %s", bad.raw)
		}
	})
}
