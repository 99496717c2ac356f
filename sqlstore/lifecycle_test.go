package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestPlanLifecycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Number, p.IssuedOn, p.Signer = "", ttdn.Date{}, ""
		sqltest.MustCreatePlan(t, db, p)
		ctx := as(w.coordinator)
		title := "Dự thảo đã sửa"
		p2, err := w.plans.UpdatePlan(ctx, p.ID, ttdn.PlanUpdate{Version: 1, Title: &title})
		if err != nil {
			t.Fatalf("edit draft: %v", err)
		}
		if _, err := w.plans.IssuePlan(ctx, p.ID, ttdn.PlanIssue{Version: p2.Version, Number: "79/KH-UBND"}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("issue without date and signer: %v", err)
		}
		iss := ttdn.PlanIssue{Version: p2.Version, Number: "79/KH-UBND", IssuedOn: date(2019, 1, 14), Signer: "Trần Văn Chiến"}
		if _, err := w.plans.IssuePlan(as(w.officerA), p.ID, iss); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer issuing: %v", err)
		}
		p3, err := w.plans.IssuePlan(ctx, p.ID, iss)
		if err != nil || p3.Status != ttdn.PlanIssued || p3.Number != "79/KH-UBND" || p3.Signer != "Trần Văn Chiến" {
			t.Fatalf("issue: %+v, %v", p3, err)
		}
		title = "Sửa sau ban hành"
		_, err = w.plans.UpdatePlan(ctx, p.ID, ttdn.PlanUpdate{Version: p3.Version, Title: &title})
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "điều chỉnh") {
			t.Fatalf("edit issued plan: %v", err)
		}
		if _, err := w.plans.AmendPlan(ctx, p.ID, ttdn.PlanUpdate{Version: p3.Version, Title: &title}, " "); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("amend without reason: %v", err)
		}
		p4, err := w.plans.AmendPlan(ctx, p.ID, ttdn.PlanUpdate{Version: p3.Version, Title: &title}, "Bổ sung theo Công văn 4110")
		if err != nil || p4.Title != title || p4.Status != ttdn.PlanIssued {
			t.Fatalf("amend: %+v, %v", p4, err)
		}
		p5, err := w.plans.ClosePlan(ctx, p.ID, p4.Version, "Hết năm")
		if err != nil || p5.Status != ttdn.PlanClosed {
			t.Fatalf("close: %+v, %v", p5, err)
		}
		if _, err := w.plans.AmendPlan(ctx, p.ID, ttdn.PlanUpdate{Version: p5.Version, Title: &title}, "x"); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("amend closed: %v", err)
		}
		hist, err := w.plans.FindPlanHistory(as(w.officerA), p.ID)
		if err != nil || len(hist) != 3 {
			t.Fatalf("history: %d entries, %v", len(hist), err)
		}
		if h := hist[1]; h.Action != ttdn.HistoryAmend || h.Reason != "Bổ sung theo Công văn 4110" ||
			!strings.Contains(h.Before, "Dự thảo đã sửa") || !strings.Contains(h.After, title) || h.Username != "dieu-phoi" {
			t.Fatalf("amendment entry: %+v", h)
		}
		if hist[0].Action != ttdn.HistoryIssue || hist[2].Action != ttdn.HistoryClose {
			t.Fatalf("history actions: %s %s", hist[0].Action, hist[2].Action)
		}
		got, _ := w.plans.FindPlanByID(sqltest.SystemContext(), p.ID)
		if got.Status != ttdn.PlanClosed || got.Title != title || got.IssuedOn != date(2019, 1, 14) {
			t.Fatalf("stored: %q %q %v", got.Status, got.Title, got.IssuedOn)
		}
	})
}

func TestCopyPlan(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Year, p.Title = 2020, "Thông tin đối ngoại tỉnh Tây Ninh năm 2020"
		p.Tasks[0].Deadline = date(2020, 2, 29)
		p.Tasks[1].Recurrence = ttdn.Recurrence{Freq: ttdn.Quarterly, Day: 15, Month: 3}
		sqltest.MustCreatePlan(t, db, p)
		ctx := as(w.coordinator)
		sub := &ttdn.Task{PlanID: p.ID, ParentID: p.Tasks[0].ID, Ref: "III.1.a", Title: "Họp báo quý I",
			Lead: []ttdn.UnitRef{{Code: "so-a"}}, Deadline: date(2020, 3, 31)}
		if err := w.tasks.CreateTask(ctx, sub); err != nil {
			t.Fatal(err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: sub.ID, Text: "Đã họp", Percent: ptr(100)}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.plans.CopyPlan(as(w.officerA), p.ID, 2021); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer copying: %v", err)
		}
		c, err := w.plans.CopyPlan(ctx, p.ID, 2021)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.plans.FindPlanByID(sqltest.SystemContext(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != ttdn.PlanDraft || got.Year != 2021 || got.Number != "" || !got.IssuedOn.IsZero() ||
			got.Title != "Thông tin đối ngoại tỉnh Tây Ninh năm 2021" {
			t.Fatalf("copy header: %q %d %q %v %q", got.Status, got.Year, got.Number, got.IssuedOn, got.Title)
		}
		if len(got.Tasks) != 4 || got.Tasks[0].Deadline != date(2021, 2, 28) || got.Tasks[3].Deadline != date(2021, 3, 31) {
			t.Fatalf("copied tasks: %d, deadlines %v %v", len(got.Tasks), got.Tasks[0].Deadline, got.Tasks[3].Deadline)
		}
		for _, task := range got.Tasks {
			if task.Status != ttdn.TaskNotStarted || task.Percent != 0 || !task.LastUpdateAt.IsZero() {
				t.Fatalf("progress copied: %s %s %d%%", task.Ref, task.Status, task.Percent)
			}
		}
		if got.Tasks[3].ParentID != got.Tasks[0].ID || got.Tasks[1].Recurrence != p.Tasks[1].Recurrence {
			t.Fatalf("sub-task parent %d (want %d), recurrence %v", got.Tasks[3].ParentID, got.Tasks[0].ID, got.Tasks[1].Recurrence)
		}
		if got.Tasks[0].Lead[0].ID != w.unitA.ID || len(got.Responsibilities) != 2 || len(got.Responsibilities[0].DutyTaskIDs) != 2 {
			t.Fatalf("units or responsibilities not copied: %+v", got.Responsibilities)
		}
		if len(got.ReportSchedule.DueDates) != 2 || len(got.Distribution) != 3 {
			t.Fatalf("schedule/distribution: %+v", got.ReportSchedule)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates pu JOIN tasks t ON t.id = pu.task_id WHERE t.plan_id = ?`, c.ID); n != 0 {
			t.Fatalf("%d updates copied", n)
		}
	})
}

func TestPlanTree(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p79 := sqltest.MustCreatePlan(t, db, w.plan2019())
		kh235 := w.plan2019()
		kh235.Number, kh235.Title, kh235.Tasks, kh235.Responsibilities = "235/KH-UBND", "Tăng cường TTĐN với Campuchia", nil, nil
		sqltest.MustCreatePlan(t, db, kh235)
		secret := w.plan2019()
		secret.Number, secret.Title, secret.Classification, secret.Tasks, secret.Responsibilities = "1/KH-MAT", "Mật", ttdn.Secret, nil, nil
		sqltest.MustCreatePlan(t, db, secret)
		ctx := as(w.coordinator)
		// 79 implements KH 235 (stored, linked by number), KH 2688 and KH 49 (cited only).
		links := []ttdn.PlanLink{{Number: "235/KH-UBND", Kind: "Kế hoạch"}, {Number: "2688/KH-UBND", Kind: "Kế hoạch"},
			{Number: "49/KH-STTTT-BCHBĐBP", Kind: "Kế hoạch", Date: date(2018, 10, 9)}}
		if err := w.plans.SetPlanLinks(ctx, p79.ID, links); err != nil {
			t.Fatal(err)
		}
		if err := w.plans.SetPlanLinks(ctx, kh235.ID, []ttdn.PlanLink{{Number: "30/QĐ-TTg", Kind: "Quyết định", Title: "Đề án Campuchia"}}); err != nil {
			t.Fatal(err)
		}
		if err := w.plans.SetPlanLinks(ctx, secret.ID, []ttdn.PlanLink{{TargetPlanID: p79.ID}}); err != nil {
			t.Fatal(err)
		}
		if err := w.plans.SetPlanLinks(ctx, p79.ID, append(links, ttdn.PlanLink{TargetPlanID: p79.ID})); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("self link: %v", err)
		}
		tree, err := w.plans.FindPlanTree(ctx, p79.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tree.Implements) != 3 || tree.Implements[0].PlanID != kh235.ID || tree.Implements[1].PlanID != 0 ||
			tree.Implements[2].Number != "49/KH-STTTT-BCHBĐBP" {
			t.Fatalf("implements: %+v", tree.Implements)
		}
		if up := tree.Implements[0].Implements; len(up) != 1 || up[0].Number != "30/QĐ-TTg" {
			t.Fatalf("KH 235 implements: %+v", up)
		}
		if len(tree.ImplementedBy) != 1 || tree.ImplementedBy[0].PlanID != secret.ID {
			t.Fatalf("coordinator: implemented by %+v", tree.ImplementedBy)
		}
		tree, err = w.plans.FindPlanTree(as(w.officerA), p79.ID)
		if err != nil || len(tree.ImplementedBy) != 0 {
			t.Fatalf("officer A sees the secret plan in the tree: %+v, %v", tree, err)
		}
	})
}
