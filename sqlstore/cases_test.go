package sqlstore_test

import (
	"context"
	"hash/fnv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// caseWorld is the storage world with monitors, two press sources and a
// story of two items about Mộc Bài (and one item of another story).
type caseWorld struct {
	*world
	press            *sqlstore.PressService
	cases            *sqlstore.CaseService
	monitorB         *ttdn.User // Sở Ngoại vụ's monitor: opens the case
	monitorA1        *ttdn.User // a monitor of a unit the case never involves
	domestic, abroad *ttdn.Source
	first, second    *sqlstore.IngestArticle
	fetched          time.Time
	clock            *time.Time
}

func newCaseWorld(t *testing.T, db *sqlstore.DB) *caseWorld {
	t.Helper()
	w := &caseWorld{world: newWorld(t, db), press: sqlstore.NewPressService(db), cases: sqlstore.NewCaseService(db)}
	now := time.Date(2025, 11, 14, 3, 0, 0, 0, time.UTC) // 10:00 in Tây Ninh
	w.clock = &now
	db.Now = func() time.Time { return *w.clock }
	w.monitorB = sqltest.MustCreateUser(t, db, &ttdn.User{Username: "theo-doi-b", Name: "Theo dõi B", Role: ttdn.RoleMonitor,
		UnitID: w.unitB.ID, Email: "b@tayninh.gov.vn"}, "")
	w.monitorA1 = sqltest.MustCreateUser(t, db, &ttdn.User{Username: "theo-doi-a1", Name: "Theo dõi A1", Role: ttdn.RoleMonitor,
		UnitID: w.unitA1.ID}, "")
	sys := sqltest.SystemContext()
	for _, s := range []**ttdn.Source{&w.domestic, &w.abroad} {
		foreign := s == &w.abroad
		name := map[bool]string{false: "Báo Tây Ninh", true: "Khmer Times"}[foreign]
		*s = &ttdn.Source{Name: name, Country: "VN", Language: "vi", Foreign: foreign, Enabled: true}
		if err := w.press.CreateSource(sys, *s); err != nil {
			t.Fatal(err)
		}
	}
	w.fetched = now.Add(-2 * time.Hour)
	w.first = w.article(w.domestic, "https://baotayninh.example/moc-bai", "Tin đồn đóng cửa khẩu Mộc Bài", -1, 0)
	w.second = w.article(w.domestic, "https://baotayninh.example/moc-bai-2", "Cửa khẩu Mộc Bài vẫn thông quan", 0, 0)
	other := w.article(w.domestic, "https://baotayninh.example/le-hoi", "Lễ hội núi Bà Đen", -1, 0)
	if err := w.press.StoreArticles(sys, []*sqlstore.IngestArticle{w.first, w.second, other}); err != nil {
		t.Fatal(err)
	}
	return w
}

// article is an item of src; joinBatch/joinStory as IngestArticle has them.
func (w *caseWorld) article(src *ttdn.Source, url, title string, joinBatch int, joinStory int64) *sqlstore.IngestArticle {
	return &sqlstore.IngestArticle{Article: ttdn.Article{SourceID: src.ID, URL: url, Title: title, Summary: "Tóm tắt: " + title,
		Language: "vi", Published: w.fetched.Add(-time.Hour), Fetched: w.fetched, Tone: ttdn.ToneNegative},
		URLHash: urlHash(url), Index: "moc bai", ToneGuess: ttdn.ToneNegative,
		JoinBatch: joinBatch, JoinStory: joinStory}
}

// TestCaseLifecycle takes a press item to a published, closed case: the
// source is kept as it was, each step is done by whom the policy allows
// and refused (changing nothing) for others, stages get their times, a
// secret response makes the case secret, and the author never approves
// their own response.
func TestCaseLifecycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newCaseWorld(t, db)
		s := w.cases
		mustCode(t, s.OpenCase(as(w.officerA), &ttdn.Case{ArticleID: w.first.ID}, nil), ttdn.EFORBIDDEN)
		c := &ttdn.Case{ArticleID: w.second.ID}
		if err := s.OpenCase(as(w.monitorB), c, nil); err != nil {
			t.Fatal(err)
		}
		if c.StoryID != w.first.ID || c.Source.Title != "Cửa khẩu Mộc Bài vẫn thông quan" || c.Stage != ttdn.StageDetected ||
			!c.DetectedAt.Equal(w.fetched) || c.UnitID != w.unitB.ID || c.Classification != ttdn.Internal {
			t.Fatalf("opened: %+v", c)
		}
		mustCode(t, s.OpenCase(as(w.monitorB), &ttdn.Case{ArticleID: w.first.ID}, nil), ttdn.ECONFLICT) // same story
		mustCode(t, s.OpenCase(as(w.monitorB), &ttdn.Case{ArticleID: 987654}, nil), ttdn.EINVALID)

		// The stored item changes: the case keeps what it was.
		exec(t, db, `UPDATE press_articles SET title = 'Đã sửa', summary = 'Đã sửa' WHERE story_id = ?`, w.first.ID)
		got, err := s.FindCaseByID(as(w.coordinator), c.ID)
		if err != nil || got.Source.Title != "Cửa khẩu Mộc Bài vẫn thông quan" || got.Source.Summary != "Tóm tắt: Cửa khẩu Mộc Bài vẫn thông quan" {
			t.Fatalf("the snapshot moved: %+v %v", got, err)
		}
		spread, err := s.FindCaseSpread(as(w.coordinator), c.ID)
		if err != nil || len(spread.Items) != 2 || spread.After != 0 || spread.Items[0].Title == "Đã sửa" {
			t.Fatalf("items at opening: %+v %v", spread, err)
		}
		if _, err := s.FindCaseByID(as(w.officerA), c.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("a unit the case does not involve: %v", err)
		}

		// Assessment, then assignment.
		a := ttdn.CaseAssessment{Version: c.Version, Claim: "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn.", Verdict: ttdn.VerdictFalse,
			Severity: ttdn.SeverityHigh, Topics: []ttdn.CaseTopic{ttdn.TopicCambodia, ttdn.TopicBorder}, Assessment: "Cửa khẩu hoạt động bình thường."}
		assign := ttdn.CaseAssignment{LeadUnitID: w.unitA.ID, CoordinatingUnitIDs: []int64{w.unitB.ID, w.unitA.ID}}
		assign.Version = c.Version
		_, err = s.AssignCase(as(w.monitorB), c.ID, assign)
		mustCode(t, err, ttdn.EINVALID) // not assessed yet
		_, err = s.AssessCase(as(w.officerB), c.ID, a)
		mustCode(t, err, ttdn.EFORBIDDEN)
		*w.clock = w.clock.Add(30 * time.Minute)
		if c, err = s.AssessCase(as(w.monitorB), c.ID, a); err != nil {
			t.Fatal(err)
		}
		if c.Stage != ttdn.StageAssessed || !c.AssessedAt.Equal(*w.clock) || len(c.Topics) != 2 {
			t.Fatalf("assessed: %+v", c)
		}
		_, err = s.AssessCase(as(w.monitorB), c.ID, a) // the version read before
		mustCode(t, err, ttdn.ECONFLICT)
		assign.Version = c.Version
		if c, err = s.AssignCase(as(w.monitorB), c.ID, assign); err != nil {
			t.Fatal(err)
		}
		if c.Stage != ttdn.StageAssigned || c.LeadUnitID != w.unitA.ID || len(c.CoordinatingUnitIDs) != 1 || c.CoordinatingUnitIDs[0] != w.unitB.ID {
			t.Fatalf("assigned: %+v", c)
		}
		if !hasNotice(notices(t, db, w.officerA), "Vụ việc được giao chủ trì xử lý", "/cases/"+itoaTest(int(c.ID))) {
			t.Errorf("the lead unit's officer was not told: %q", notices(t, db, w.officerA))
		}

		// Responses: the lead unit drafts, a leader approves, not the author.
		r := &ttdn.CaseResponse{Kind: ttdn.ResponsePressRelease, Title: "Thông cáo về cửa khẩu Mộc Bài", Body: "Cửa khẩu vẫn thông quan."}
		mustCode(t, s.DraftResponse(as(w.officerA1), c.ID, r), ttdn.ENOTFOUND) // a unit below the lead reads nothing of it
		if err := s.DraftResponse(as(w.officerA), c.ID, r); err != nil {
			t.Fatal(err)
		}
		_, err = s.ReviewResponse(as(w.officerA), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true})
		mustCode(t, err, ttdn.EFORBIDDEN)
		_, err = s.ReviewResponse(as(w.leader), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true})
		mustCode(t, err, ttdn.EINVALID) // not submitted
		if r, err = s.UpdateResponse(as(w.officerA), r.ID, ttdn.ResponseUpdate{Version: r.Version, Submit: true}); err != nil {
			t.Fatal(err)
		}
		if !hasNotice(notices(t, db, w.leader), "Phản hồi chờ duyệt", "/cases/"+itoaTest(int(c.ID))) {
			t.Errorf("the leader was not told: %q", notices(t, db, w.leader))
		}
		own := &ttdn.CaseResponse{Kind: ttdn.ResponseArticle, Title: "Bài phản bác", Body: "Nội dung."}
		if err := s.DraftResponse(as(w.coordinator), c.ID, own); err != nil {
			t.Fatal(err)
		}
		if own, err = s.UpdateResponse(as(w.coordinator), own.ID, ttdn.ResponseUpdate{Version: own.Version, Submit: true}); err != nil {
			t.Fatal(err)
		}
		_, err = s.ReviewResponse(as(w.coordinator), own.ID, ttdn.ResponseReview{Version: own.Version, Approve: true})
		mustCode(t, err, ttdn.EFORBIDDEN)
		_, err = s.ReviewResponse(as(w.leader), own.ID, ttdn.ResponseReview{Version: own.Version})
		mustCode(t, err, ttdn.EINVALID) // a return needs its reason
		if own, err = s.ReviewResponse(as(w.leader), own.ID, ttdn.ResponseReview{Version: own.Version, Note: "Bổ sung số liệu."}); err != nil || own.Status != ttdn.ResponseDraft {
			t.Fatalf("returned: %+v %v", own, err)
		}
		*w.clock = w.clock.Add(time.Hour)
		if r, err = s.ReviewResponse(as(w.leader), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true}); err != nil {
			t.Fatal(err)
		}
		approved := *w.clock
		*w.clock = w.clock.Add(30 * time.Minute)
		pub := ttdn.ResponsePublication{Version: r.Version, Where: "Cổng thông tin điện tử tỉnh", URL: "https://tayninh.example/tin/1"}
		// In the future; before detection; before approval.
		for _, at := range []time.Time{w.clock.Add(time.Hour), w.fetched.Add(-time.Minute), approved.Add(-time.Minute)} {
			pub.At = at
			_, err = s.PublishResponse(as(w.officerA), r.ID, pub)
			mustCode(t, err, ttdn.EINVALID)
		}
		pub.At = w.clock.Add(-10 * time.Minute)
		if r, err = s.PublishResponse(as(w.officerA), r.ID, pub); err != nil {
			t.Fatal(err)
		}
		c, _ = s.FindCaseByID(as(w.coordinator), c.ID)
		if minutes, ok := c.ResponseMinutes(); c.Stage != ttdn.StagePublished || !ok || minutes != 230 || len(c.Responses) != 2 {
			t.Fatalf("published: stage %s, %d minutes (%v), %d responses", c.Stage, minutes, ok, len(c.Responses))
		}

		// A secret response makes the case secret: a monitor of a unit it
		// does not involve no longer reads it, its own units still do.
		if _, err := s.FindCaseByID(as(w.monitorA1), c.ID); err != nil {
			t.Fatalf("internal case, any monitor: %v", err)
		}
		secret := &ttdn.CaseResponse{Kind: ttdn.ResponseGuidance, Title: "Định hướng", Body: "Nội dung định hướng mật.", OwnClassification: ttdn.Secret}
		if err := s.DraftResponse(as(w.officerA), c.ID, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindCaseByID(as(w.monitorA1), c.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("a secret case read by another unit's monitor: %v", err)
		}
		if got, err := s.FindCaseByID(as(w.monitorB), c.ID); err != nil || got.Classification != ttdn.Secret || got.OwnClassification != ttdn.Internal {
			t.Fatalf("the detecting unit's monitor: %+v %v", got, err)
		}
		if list, n, _ := s.FindCases(as(w.monitorA1), ttdn.CaseFilter{}); n != 0 || len(list) != 0 {
			t.Fatalf("the list shows another unit's monitor %d secret cases", n)
		}
		// Reassigned to unit B, the secret case leaves unit A: its officer no
		// longer reads it, nor the notices that name it.
		if !hasNotice(notices(t, db, w.officerA), "Phản hồi đã được duyệt", "/cases/"+itoaTest(int(c.ID))) {
			t.Fatalf("the lead officer's notices: %q", notices(t, db, w.officerA))
		}
		if c, err = s.AssignCase(as(w.monitorB), c.ID, ttdn.CaseAssignment{Version: c.Version, LeadUnitID: w.unitB.ID}); err != nil {
			t.Fatal(err)
		}
		if got := notices(t, db, w.officerA); len(got) != 0 {
			t.Errorf("notices of a secret case no longer theirs: %q", got)
		}
		if _, err := s.FindCaseByID(as(w.officerA), c.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("the former lead reads the secret case: %v", err)
		}

		// Closing; a closed case changes no more.
		if c, err = s.CloseCase(as(w.monitorB), c.ID, ttdn.CaseClose{Version: c.Version}); err != nil || c.Stage != ttdn.StageClosed {
			t.Fatalf("closed: %+v %v", c, err)
		}
		a.Version = c.Version
		_, err = s.AssessCase(as(w.monitorB), c.ID, a)
		mustCode(t, err, ttdn.EINVALID)
		// The audit view judges case events by the case: the administrator,
		// who reads no case of another unit, sees that they happened, not
		// what they said; a leader sees it all.
		for _, k := range []struct {
			entity string
			id     int64
			word   string
		}{{"case", c.ID, "Mộc Bài"}, {"case_response", r.ID, "thông quan"}} {
			for who, hidden := range map[*ttdn.User]bool{w.admin: true, w.leader: false} {
				list, _, err := w.audit.FindAuditEvents(as(who), ttdn.AuditFilter{Entity: &k.entity, EntityID: &k.id})
				if err != nil || len(list) == 0 {
					t.Fatalf("%s events: %v", k.entity, err)
				}
				for _, e := range list {
					if e.Action == "read" { // reads of a secret case carry no content
						continue
					}
					if e.Hidden != hidden || strings.Contains(e.Before+e.After, k.word) == hidden {
						t.Errorf("%s %s seen by %s: hidden %v, content %q", k.entity, e.Action, who.Username, e.Hidden, e.Before+e.After)
					}
				}
			}
		}
		events := auditActions(t, db, "case")
		for _, want := range []string{"create", "assess", "assign", "close"} {
			if !strings.Contains(events, want) {
				t.Errorf("audit of the case lacks %q: %s", want, events)
			}
		}
		if events := auditActions(t, db, "case_response"); !strings.Contains(events, "approve") || !strings.Contains(events, "publish") ||
			!strings.Contains(events, "return") {
			t.Errorf("audit of responses: %s", events)
		}
	})
}

// TestCaseByHand opens a case for a social-media post with a screenshot:
// the claim and where it appeared are needed, the evidence is kept, and
// bad input changes nothing.
func TestCaseByHand(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newCaseWorld(t, db)
		s := w.cases
		shot := &ttdn.Attachment{Name: "anh-chup.png", Data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 32)...)}
		for _, bad := range []*ttdn.Case{
			{Source: ttdn.CaseSource{URL: "https://facebook.example/p/1"}},                                     // no claim
			{Claim: "Tây Ninh cấm người dân qua lại biên giới."},                                               // nowhere
			{Claim: "Tây Ninh cấm người dân qua lại biên giới.", Source: ttdn.CaseSource{URL: "javascript:1"}}, // bad URL
			{Claim: strings.Repeat("Rất dài. ", 100), Source: ttdn.CaseSource{Outlet: "TikTok"}},
		} {
			mustCode(t, s.OpenCase(as(w.monitorB), bad, []*ttdn.Attachment{shot}), ttdn.EINVALID)
		}
		if list, n, _ := s.FindCases(as(w.coordinator), ttdn.CaseFilter{}); n != 0 {
			t.Fatalf("refused cases were stored: %+v", list)
		}
		earlier := w.clock.Add(-3 * time.Hour)
		c := &ttdn.Case{Claim: "Tây Ninh cấm người dân qua lại biên giới.", DetectedAt: earlier,
			Source: ttdn.CaseSource{URL: "https://facebook.example/p/1", Outlet: "Facebook", Summary: "Bài đăng trên trang cá nhân."}}
		if err := s.OpenCase(as(w.monitorB), c, []*ttdn.Attachment{shot}); err != nil {
			t.Fatal(err)
		}
		if c.Origin != ttdn.OriginManual || c.Title != c.Claim || !c.DetectedAt.Equal(earlier) || c.StoryID != 0 {
			t.Fatalf("by hand: %+v", c)
		}
		files, err := s.FindCaseEvidence(as(w.coordinator), c.ID)
		if err != nil || len(files) != 1 || files[0].ContentType != "image/png" {
			t.Fatalf("evidence: %+v %v", files, err)
		}
		if f, err := s.FindCaseEvidenceFile(as(w.coordinator), c.ID, files[0].ID); err != nil || len(f.Data) != len(shot.Data) {
			t.Fatalf("evidence file: %v", err)
		}
		if _, err := s.FindCaseEvidenceFile(as(w.officerA), c.ID, files[0].ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("evidence of a case one may not read: %v", err)
		}
		if got, _, _ := s.FindCases(as(w.coordinator), ttdn.CaseFilter{Query: "cam nguoi dan"}); len(got) != 1 {
			t.Errorf("search by the claim without diacritics found %d", len(got))
		}
		future := &ttdn.Case{Claim: "x", DetectedAt: w.clock.Add(time.Hour), Source: ttdn.CaseSource{Outlet: "Zalo"}}
		mustCode(t, s.OpenCase(as(w.monitorB), future, nil), ttdn.EINVALID)
	})
}

// TestCaseSpreadAndDeadlines: items joining the story after the case
// opened are attached once by the job, counted by origin; a stage left
// undone past its deadline notifies the detecting unit and the
// coordinator once, and past twice its allowance the leaders.
func TestCaseSpreadAndDeadlines(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newCaseWorld(t, db)
		s, sys := w.cases, sqltest.SystemContext()
		c := &ttdn.Case{StoryID: w.first.ID}
		if err := s.OpenCase(as(w.monitorB), c, nil); err != nil {
			t.Fatal(err)
		}
		if c.Origin != ttdn.OriginStory || c.ArticleID != w.first.ID {
			t.Fatalf("a story opens on its first item: %+v", c)
		}
		if _, err := s.TrackCaseSpread(as(w.coordinator)); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("a person ran the job: %v", err)
		}
		later := w.article(w.abroad, "https://khmertimes.example/moc-bai", "Moc Bai border gate rumours", -1, w.first.ID)
		if err := w.press.StoreArticles(sys, []*sqlstore.IngestArticle{later}); err != nil {
			t.Fatal(err)
		}
		for i, want := range []int{1, 0} {
			if n, err := s.TrackCaseSpread(sys); err != nil || n != want {
				t.Fatalf("run %d attached %d (%v), want %d", i+1, n, err, want)
			}
		}
		sp, err := s.FindCaseSpread(as(w.monitorB), c.ID)
		if err != nil || len(sp.Items) != 3 || sp.After != 1 || sp.Foreign != 1 || sp.Domestic != 0 ||
			len(sp.ByOutlet) != 1 || sp.ByOutlet[0].Label != "Khmer Times" {
			t.Fatalf("spread: %+v %v", sp, err)
		}

		// Unassessed, the case is held to the medium deadlines: 8 hours to
		// assess from detection (two hours before opening).
		*w.clock = w.fetched.Add(7 * time.Hour)
		if n, _ := s.GenerateCaseNotices(sys); n != 0 {
			t.Fatalf("%d notices before the deadline", n)
		}
		if figures, _ := s.FindCaseFigures(as(w.coordinator), time.Time{}, time.Time{}, *w.clock); figures.Overdue != 0 || figures.Open != 1 {
			t.Fatalf("figures before the deadline: %+v", figures)
		}
		*w.clock = w.fetched.Add(9 * time.Hour)
		n, err := s.GenerateCaseNotices(sys)
		if err != nil || n != 2 { // the detecting unit's monitor and the coordinator
			t.Fatalf("overdue notices: %d %v", n, err)
		}
		if n, _ := s.GenerateCaseNotices(sys); n != 0 {
			t.Fatalf("a second run created %d", n)
		}
		link := "/cases/" + itoaTest(int(c.ID))
		if !hasNotice(notices(t, db, w.monitorB), "Vụ việc quá hạn xử lý", link) || !hasNotice(notices(t, db, w.coordinator), "Vụ việc quá hạn xử lý", link) {
			t.Errorf("overdue: monitor %q, coordinator %q", notices(t, db, w.monitorB), notices(t, db, w.coordinator))
		}
		if hasNotice(notices(t, db, w.leader), "Vụ việc quá hạn, báo cáo lãnh đạo", link) {
			t.Error("escalated before twice the allowance")
		}
		*w.clock = w.fetched.Add(17 * time.Hour)
		if _, err := s.GenerateCaseNotices(sys); err != nil {
			t.Fatal(err)
		}
		if !hasNotice(notices(t, db, w.leader), "Vụ việc quá hạn, báo cáo lãnh đạo", link) {
			t.Errorf("not escalated: %q", notices(t, db, w.leader))
		}
		figures, err := s.FindCaseFigures(as(w.coordinator), time.Time{}, time.Time{}, *w.clock)
		if err != nil || figures.Overdue != 1 || figures.ByStage[0].Count != 1 || figures.Detected != 1 {
			t.Fatalf("figures: %+v %v", figures, err)
		}
		if list, _, _ := s.FindCases(as(w.coordinator), ttdn.CaseFilter{Overdue: true}); len(list) != 1 {
			t.Errorf("the overdue filter found %d", len(list))
		}
	})
}

// urlHash stands in for the ingest's hash of a normalised URL.
func urlHash(url string) int64 {
	h := fnv.New64a()
	h.Write([]byte(url))
	return int64(h.Sum64() >> 1)
}

// exec runs a statement on the write pool as a test's setup.
func exec(t *testing.T, db *sqlstore.DB, query string, args ...any) {
	t.Helper()
	tx, err := db.BeginTx(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatal(err)
	} else if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// auditActions lists the actions the audit log holds about records of kind.
func auditActions(t *testing.T, db *sqlstore.DB, kind string) string {
	t.Helper()
	tx, err := db.BeginTx(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(context.Background(), `SELECT action FROM audit_events WHERE entity = ? ORDER BY id`, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return strings.Join(out, ",")
}
