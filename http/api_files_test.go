package http

import (
	"bytes"
	"net/http"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIFilesAndAccounts downloads stored files through the API under
// their owner's policy (a budget estimate's file, a progress update's
// evidence), and drives a role change that waits for a leader: the
// administrator asks, may not confirm it himself, the leader confirms; a
// user lists and revokes their own token.
func TestAPIFilesAndAccounts(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		nv := newAPIClient(t, f.h, mustToken(t, db, f.users["nv"], ttdn.TokenScope{}))

		// A budget estimate's file: the unit and the finance agency read it,
		// another unit does not find it.
		est := f.officer.call("POST", "/api/v1/budgets", map[string]any{"year": 2019, "title": "Dự toán họp báo",
			"lines": []map[string]any{{"item": "Thuê hội trường", "quantity": 2, "unit_of_measure": "buổi", "unit_price": 3500000, "source": "provincial"}}}).want(t, http.StatusCreated)
		bp := "/api/v1/budgets/" + itoa(est.id())
		nv.callFiles(bp+"/files", nil, map[string][]byte{"bao-gia.pdf": pdfBytes}).want(t, http.StatusNotFound)
		up := f.officer.callFiles(bp+"/files", nil, map[string][]byte{"bao-gia.pdf": pdfBytes}).want(t, http.StatusCreated)
		file := bp + "/files/" + itoa(int64(up.items()[0]["id"].(float64)))
		if l := f.finance.call("GET", bp+"/files", nil).want(t, http.StatusOK); len(l.items()) != 1 {
			t.Fatalf("files: %s", l.raw)
		}
		got := f.finance.call("GET", file, nil).want(t, http.StatusOK)
		if !bytes.Equal(got.raw, pdfBytes) || got.header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("download: %q %q", got.header.Get("Content-Type"), got.raw)
		}
		nv.call("GET", file, nil).want(t, http.StatusNotFound)
		if doc := f.finance.call("GET", bp+"/appraisal.docx", nil).want(t, http.StatusOK); !bytes.HasPrefix(doc.raw, []byte("PK")) {
			t.Fatalf("appraisal report: %q", doc.raw[:min(8, len(doc.raw))])
		}
		nv.call("GET", bp+"/appraisal.docx", nil).want(t, http.StatusNotFound)

		// A progress update's evidence, by attachment id.
		var task *ttdn.Task
		for _, tk := range f.plan.Tasks {
			for _, ref := range append(tk.Lead, tk.Executing...) {
				if ref.ID == f.units["cong-an"].ID && task == nil {
					task = tk
				}
			}
		}
		if task == nil {
			t.Fatal("no task of Công an tỉnh")
		}
		pu := f.officer.callFiles("/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]string{"text": "Biên bản"}, map[string][]byte{"bien-ban.pdf": pdfBytes}).want(t, http.StatusCreated)
		att := "/api/v1/attachments/" + itoa(int64(pu.body["attachments"].([]any)[0].(map[string]any)["id"].(float64)))
		if ev := f.coord.call("GET", att, nil).want(t, http.StatusOK); !bytes.Equal(ev.raw, pdfBytes) {
			t.Fatalf("evidence: %q", ev.raw)
		}

		// A role that reads secrets waits for a leader.
		adm := newAPIClient(t, f.h, mustToken(t, db, f.users["admin"], ttdn.TokenScope{}))
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		u := adm.call("GET", "/api/v1/users/"+itoa(f.users["nv"].ID), nil).want(t, http.StatusOK)
		asked := adm.call("PATCH", "/api/v1/users/"+itoa(f.users["nv"].ID), map[string]any{"role": "coordinator"}, "If-Match", u.etag()).want(t, http.StatusOK)
		if asked.str("role") != "unit_officer" {
			t.Fatalf("the role changed without a second person: %s", asked.raw)
		}
		f.officer.call("GET", "/api/v1/account-requests", nil).want(t, http.StatusForbidden)
		reqs := leader.call("GET", "/api/v1/account-requests?pending=true", nil).want(t, http.StatusOK)
		if len(reqs.items()) != 1 || reqs.items()[0]["kind"] != "role" {
			t.Fatalf("requests: %s", reqs.raw)
		}
		rid := itoa(int64(reqs.items()[0]["id"].(float64)))
		adm.call("POST", "/api/v1/account-requests/"+rid+"/confirm", nil).want(t, http.StatusForbidden)
		ok := leader.call("POST", "/api/v1/account-requests/"+rid+"/confirm", nil).want(t, http.StatusOK)
		if ok.str("status") != "confirmed" {
			t.Fatalf("confirm: %s", ok.raw)
		}
		if now := adm.call("GET", "/api/v1/users/"+itoa(f.users["nv"].ID), nil).want(t, http.StatusOK); now.str("role") != "coordinator" {
			t.Fatalf("after confirmation: %s", now.raw)
		}

		// Own tokens: listed without secrets, revoked, then refused.
		spare := newAPIClient(t, f.h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{ReadOnly: true}))
		toks := f.officer.call("GET", "/api/v1/tokens", nil).want(t, http.StatusOK)
		if len(toks.items()) != 2 || bytes.Contains(toks.raw, []byte(spare.token)) {
			t.Fatalf("tokens: %s", toks.raw)
		}
		var spareID int64
		for _, tk := range toks.items() {
			if sc, _ := tk["scope"].(map[string]any); sc["read_only"] == true {
				spareID = int64(tk["id"].(float64))
			}
		}
		nv.call("POST", "/api/v1/tokens/"+itoa(spareID)+"/revoke", nil).want(t, http.StatusForbidden)
		f.officer.call("POST", "/api/v1/tokens/"+itoa(spareID)+"/revoke", nil).want(t, http.StatusOK)
		spare.call("GET", "/api/v1/plans", nil).want(t, http.StatusUnauthorized)
	})
}
