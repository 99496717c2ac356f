package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// approvedRebuttal takes a case opened from a press item to an approved
// press release, the case at level class.
func approvedRebuttal(t *testing.T, w *caseWorld, class ttdn.Classification) *ttdn.CaseResponse {
	t.Helper()
	s := w.cases
	c := &ttdn.Case{ArticleID: w.second.ID}
	if err := s.OpenCase(as(w.monitorB), c, nil); err != nil {
		t.Fatal(err)
	}
	c, err := s.AssessCase(as(w.monitorB), c.ID, ttdn.CaseAssessment{Version: c.Version, Claim: "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.",
		Verdict: ttdn.VerdictFalse, Severity: ttdn.SeverityHigh, Topics: []ttdn.CaseTopic{ttdn.TopicBorder}, Classification: class})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = s.AssignCase(as(w.monitorB), c.ID, ttdn.CaseAssignment{Version: c.Version, LeadUnitID: w.unitA.ID}); err != nil {
		t.Fatal(err)
	}
	r := &ttdn.CaseResponse{Kind: ttdn.ResponsePressRelease, Title: "Cửa khẩu Mộc Bài vẫn thông quan bình thường",
		Body: "Cửa khẩu hoạt động bình thường.", OwnClassification: class}
	if err := s.DraftResponse(as(w.officerA), c.ID, r); err != nil {
		t.Fatal(err)
	}
	if r, err = s.UpdateResponse(as(w.officerA), r.ID, ttdn.ResponseUpdate{Version: r.Version, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if r, err = s.ReviewResponse(as(w.leader), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true}); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPublications publishes a public activity and an approved rebuttal,
// refuses what is not public and what is not the coordinator's to publish,
// and shows that a source made more classified leaves the site at once,
// that unpublishing removes it, and that every step is audited.
func TestPublications(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newCaseWorld(t, db)
		pubs, site := sqlstore.NewPublicationService(db), sqlstore.NewPublicSite(db)
		acts := sqlstore.NewActivityService(db)
		fair := &ttdn.Activity{Type: ttdn.ActivityFair, Title: "Hội chợ thương mại Việt Nam – Campuchia", StartDate: date(2025, 12, 1),
			UnitIDs: []int64{w.unitA.ID}, Classification: ttdn.Public}
		internal := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo nội bộ", StartDate: date(2025, 12, 2),
			UnitIDs: []int64{w.unitA.ID}}
		for _, a := range []*ttdn.Activity{fair, internal} {
			if err := acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
		}
		src := ttdn.PublicationSource{Kind: ttdn.ResourceActivity, ID: fair.ID}
		d, err := pubs.DraftPublication(as(w.coordinator), src)
		if err != nil || d.Kind != ttdn.PublishedActivity || d.Texts[0].Title != fair.Title || d.Author != w.unitA.Name {
			t.Fatalf("draft: %+v %v", d, err)
		}
		d.Texts = append(d.Texts, ttdn.PublicationText{Lang: ttdn.LangEN, Title: "Viet Nam – Cambodia trade fair", Status: ttdn.TranslationDone},
			ttdn.PublicationText{Lang: ttdn.LangKM, Title: "ពិព័រណ៍ពាណិជ្ជកម្ម", Status: ttdn.TranslationNeeded})
		mustCode(t, pubs.Publish(as(w.officerA), src, d), ttdn.EFORBIDDEN)
		mustCode(t, pubs.Publish(as(w.leader), src, d), ttdn.EFORBIDDEN)
		mustCode(t, pubs.Publish(as(w.coordinator), ttdn.PublicationSource{Kind: ttdn.ResourceActivity, ID: internal.ID}, d), ttdn.EINVALID)
		if err := pubs.Publish(as(w.coordinator), src, d); err != nil {
			t.Fatal(err)
		}
		mustCode(t, pubs.Publish(as(w.coordinator), src, d), ttdn.ECONFLICT)
		item, err := site.PublicItem(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := item.Text(ttdn.LangEN); !ok {
			t.Error("the English version is not shown")
		}
		if km, ok := item.Text(ttdn.LangKM); ok || km.Lang != ttdn.LangVI {
			t.Errorf("a version that needs translating is shown: %+v", km)
		}

		// The rebuttal: only a public case's approved response.
		secretR := approvedRebuttal(t, w, ttdn.Secret)
		mustCode(t, pubs.Publish(as(w.coordinator), ttdn.PublicationSource{Kind: ttdn.ResourceCaseResponse, ID: secretR.ID},
			&ttdn.Publication{Texts: []ttdn.PublicationText{{Lang: "vi", Title: "x"}}, Author: "x"}), ttdn.EINVALID)
		exec(t, db, `DELETE FROM case_items`) // let the story open a second case
		exec(t, db, `UPDATE cases SET story_id = NULL, article_id = NULL`)
		r := approvedRebuttal(t, w, ttdn.Public)
		rsrc := ttdn.PublicationSource{Kind: ttdn.ResourceCaseResponse, ID: r.ID}
		rd, err := pubs.DraftPublication(as(w.coordinator), rsrc)
		if err != nil || rd.Kind != ttdn.PublishedRebuttal || rd.Verdict != ttdn.VerdictFalse || rd.Claim == "" {
			t.Fatalf("rebuttal draft: %+v %v", rd, err)
		}
		if err := pubs.Publish(as(w.coordinator), rsrc, rd); err != nil {
			t.Fatal(err)
		}
		stamp := func() string {
			s, err := site.PublicStamp(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		count := func(kind ttdn.PublicationKind) int {
			list, err := site.PublicItems(t.Context(), kind)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		if count("") != 2 || count(ttdn.PublishedRebuttal) != 1 {
			t.Fatalf("on the site: %d", count(""))
		}

		// The fair's activity made internal: gone at once, back when public again.
		before := stamp()
		exec(t, db, `UPDATE activities SET classification = 'internal' WHERE id = ?`, fair.ID)
		if count(ttdn.PublishedActivity) != 0 || stamp() == before {
			t.Fatal("an internal activity is still on the public site")
		}
		if _, err := site.PublicItem(t.Context(), d.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("item of an internal activity: %v", err)
		}
		list, _, err := pubs.FindPublications(as(w.coordinator), ttdn.PublicationFilter{})
		if err != nil || len(list) != 2 || list[0].Visible == list[1].Visible {
			t.Fatalf("the management list marks the hidden one: %+v %v", list, err)
		}
		// A response made secret through the service raises its case.
		var c *ttdn.Case
		if c, err = w.cases.FindCaseByID(as(w.coordinator), r.CaseID); err != nil {
			t.Fatal(err)
		}
		exec(t, db, `UPDATE cases SET classification = 'secret' WHERE id = ?`, c.ID)
		if count(ttdn.PublishedRebuttal) != 0 {
			t.Fatal("a secret case's rebuttal is on the public site")
		}
		exec(t, db, `UPDATE cases SET classification = 'public' WHERE id = ?`, c.ID)

		// Edit, then unpublish.
		upd := ttdn.PublicationUpdate{Version: rd.Version, Texts: append(rd.Texts, ttdn.PublicationText{Lang: "en",
			Title: "Moc Bai border gate stays open", Status: ttdn.TranslationApproved}), Author: rd.Author}
		before = stamp()
		got, err := pubs.UpdatePublication(as(w.coordinator), rd.ID, upd)
		if err != nil || len(got.Texts) != 2 || stamp() == before {
			t.Fatalf("update: %+v %v", got, err)
		}
		_, err = pubs.UpdatePublication(as(w.coordinator), rd.ID, upd)
		mustCode(t, err, ttdn.ECONFLICT)
		mustCode(t, pubs.Unpublish(as(w.officerA), rd.ID, got.Version), ttdn.EFORBIDDEN)
		if err := pubs.Unpublish(as(w.coordinator), rd.ID, got.Version); err != nil {
			t.Fatal(err)
		}
		if count("") != 0 {
			t.Fatal("unpublished, still shown")
		}
		var n int
		tx, _ := db.BeginTx(t.Context(), false)
		defer tx.Rollback()
		if err := tx.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_events WHERE entity = 'publication'
			AND action IN ('publish_public', 'update', 'unpublish_public')`).Scan(&n); err != nil || n != 4 {
			t.Fatalf("audit events: %d %v", n, err)
		}
	})
}
