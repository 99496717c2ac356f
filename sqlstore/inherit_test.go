package sqlstore_test

import (
	"strconv"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// secretWorld is the seed-shaped plan with a progress update, an activity
// carrying out task III.1 only, a difficulty and an estimate about the plan,
// and an officer of a unit the plan does not name.
type secretWorld struct {
	*world
	plan     *ttdn.Plan
	act      *ttdn.Activity
	diff     *ttdn.Difficulty
	budget   *ttdn.BudgetEstimate
	outsider *ttdn.User
	acts     *sqlstore.ActivityService
	diffs    *sqlstore.DifficultyService
	budgets  *sqlstore.BudgetService
}

func newSecretWorld(t *testing.T, db *sqlstore.DB) *secretWorld {
	w := &secretWorld{world: newWorld(t, db), acts: sqlstore.NewActivityService(db),
		diffs: sqlstore.NewDifficultyService(db), budgets: sqlstore.NewBudgetService(db)}
	unitC := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-c", Name: "Sở Du lịch"})
	w.outsider = sqltest.MustCreateUser(t, db, &ttdn.User{Username: "can-bo-c", Name: "Cán bộ C", Role: ttdn.RoleUnitOfficer,
		UnitID: unitC.ID}, "")
	p := w.plan2019()
	p.Tasks[0].Classification = ttdn.Public
	w.plan = sqltest.MustCreatePlan(t, db, p)
	if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: p.Tasks[0].ID,
		Text: "Đã tổ chức họp báo quý I", Percent: ptr(25)}); err != nil {
		t.Fatal(err)
	}
	w.act = &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo quý I", StartDate: date(2019, 3, 1),
		UnitIDs: []int64{w.unitA.ID}, TaskIDs: []int64{p.Tasks[0].ID}, Classification: ttdn.Public}
	if err := w.acts.CreateActivity(as(w.officerA), w.act); err != nil {
		t.Fatal(err)
	}
	w.diff = &ttdn.Difficulty{UnitID: w.unitA.ID, PlanID: p.ID, TaskID: p.Tasks[0].ID, Title: "Thiếu phóng viên",
		Text: "Thiếu phóng viên đưa tin họp báo.", Classification: ttdn.Public}
	if err := w.diffs.CreateDifficulty(as(w.officerA), w.diff); err != nil {
		t.Fatal(err)
	}
	w.budget = &ttdn.BudgetEstimate{UnitID: w.unitA.ID, Year: 2019, PlanID: p.ID, Title: "Dự toán họp báo",
		Justification: "Theo kế hoạch", Lines: []*ttdn.BudgetLine{{TaskID: p.Tasks[0].ID, Item: "Họp báo", Quantity: 4,
			UnitOfMeasure: "cuộc", UnitPrice: 5_000_000, Source: ttdn.FundProvincial}}}
	if err := w.budgets.CreateBudgetEstimate(as(w.officerA), w.budget); err != nil {
		t.Fatal(err)
	}
	return w
}

// setPlanLevel changes the plan's level as the coordinator does.
func (w *secretWorld) setPlanLevel(t *testing.T, c ttdn.Classification) {
	t.Helper()
	cur, err := w.plans.FindPlanByID(sqltest.SystemContext(), w.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.plans.UpdatePlan(as(w.coordinator), w.plan.ID, ttdn.PlanUpdate{Version: cur.Version, Classification: &c}); err != nil {
		t.Fatal(err)
	}
}

// reads counts what who can read of the plan's children through every
// service read path.
func (w *secretWorld) reads(t *testing.T, who *ttdn.User) map[string]int {
	t.Helper()
	ctx := as(who)
	got := map[string]int{}
	count := func(name string, err error) {
		if err == nil {
			got[name]++
		} else if ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("%s as %s: %v", name, who.Username, err)
		}
	}
	for _, task := range w.plan.Tasks {
		_, err := w.tasks.FindTaskByID(ctx, task.ID)
		count("task", err)
	}
	_, n, err := w.tasks.FindTasks(ctx, ttdn.TaskFilter{PlanID: &w.plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	got["task list"] = n
	_, n, err = w.progress.FindProgressUpdates(ctx, ttdn.ProgressFilter{TaskID: &w.plan.Tasks[0].ID})
	if ttdn.ErrorCode(err) != ttdn.ENOTFOUND && err != nil {
		t.Fatal(err)
	}
	got["progress"] = n
	_, err = w.acts.FindActivityByID(ctx, w.act.ID)
	count("activity", err)
	_, n, err = w.acts.FindActivities(ctx, ttdn.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got["activity list"] = n
	_, err = w.diffs.FindDifficultyByID(ctx, w.diff.ID)
	count("difficulty", err)
	_, err = w.budgets.FindBudgetEstimateByID(ctx, w.budget.ID)
	count("budget", err)
	return got
}

// TestSecretsFlowDown: a plan made secret hides its tasks, their progress,
// the activities carrying out only its tasks, its difficulties and estimates
// from everyone whose unit it does not name, at once; made internal again,
// they come back. The admin, kept from secrets, sees none either.
func TestSecretsFlowDown(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		open := w.reads(t, w.outsider)
		if open["task"] != 2 || open["activity"] != 1 || open["progress"] != 1 {
			t.Fatalf("outsider before: %v (the internal and public tasks, the activity, the update)", open)
		}
		w.setPlanLevel(t, ttdn.Secret)
		for _, who := range []*ttdn.User{w.outsider, w.admin} {
			got := w.reads(t, who)
			for name, n := range got {
				if n != 0 {
					t.Errorf("%s reads %d × %s of a secret plan", who.Username, n, name)
				}
			}
		}
		// Units the plan names keep their own tasks, the coordinator all.
		if got := w.reads(t, w.officerA); got["task"] == 0 || got["activity"] != 1 || got["budget"] != 1 {
			t.Errorf("officer A of a named unit: %v", got)
		}
		_, all, _ := w.tasks.FindTasks(sqltest.SystemContext(), ttdn.TaskFilter{PlanID: &w.plan.ID})
		if got := w.reads(t, w.coordinator); got["task"] != 3 || got["task list"] != all {
			t.Errorf("coordinator: %v, want every one of %d tasks", got, all)
		}
		task, err := w.tasks.FindTaskByID(sqltest.SystemContext(), w.plan.Tasks[0].ID)
		if err != nil || task.Classification != ttdn.Secret || task.OwnClassification != ttdn.Public {
			t.Fatalf("task of a secret plan: %v own %v, %v", task.Classification, task.OwnClassification, err)
		}
		// The dashboard counts move with the activity.
		if n := mustInt(t, db, `SELECT COALESCE(SUM(n), 0) FROM activity_month_counts WHERE classification = 'secret'`); n != 1 {
			t.Errorf("secret activities counted: %d", n)
		}
		w.setPlanLevel(t, ttdn.Internal)
		if got := w.reads(t, w.outsider); got["task"] != open["task"] || got["activity"] != 1 || got["progress"] != 1 {
			t.Errorf("outsider after the plan is internal again: %v, want %v", got, open)
		}
		if n := mustInt(t, db, `SELECT COALESCE(SUM(n), 0) FROM activity_month_counts WHERE classification = 'secret'`); n != 0 {
			t.Errorf("secret activities counted after: %d", n)
		}
	})
}

// TestTaskMoreSecretThanPlan: a task marked secret in an internal plan is
// secret, and so are its sub-tasks and the activities carrying out only it;
// a task can never be less protected than its plan.
func TestTaskMoreSecretThanPlan(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		parent := w.plan.Tasks[0]
		sub := &ttdn.Task{PlanID: w.plan.ID, ParentID: parent.ID, Ref: "III.1.a", Title: "Họp báo quý I",
			Lead: []ttdn.UnitRef{{Code: "so-a"}}, Classification: ttdn.Public}
		if err := w.tasks.CreateTask(as(w.coordinator), sub); err != nil {
			t.Fatal(err)
		}
		secret := ttdn.Secret
		cur, _ := w.tasks.FindTaskByID(sqltest.SystemContext(), parent.ID)
		if _, err := w.tasks.UpdateTask(as(w.coordinator), parent.ID, ttdn.TaskUpdate{Version: cur.Version, Classification: &secret}); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{parent.ID, sub.ID} {
			if _, err := w.tasks.FindTaskByID(as(w.outsider), id); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
				t.Errorf("outsider reads task %d of a secret parent: %v", id, err)
			}
		}
		if _, err := w.acts.FindActivityByID(as(w.outsider), w.act.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Errorf("outsider reads the activity of a secret task: %v", err)
		}
		// The plan secret, a public own level stays secret.
		w.setPlanLevel(t, ttdn.Secret)
		public := ttdn.Public
		cur, _ = w.tasks.FindTaskByID(sqltest.SystemContext(), parent.ID)
		got, err := w.tasks.UpdateTask(as(w.coordinator), parent.ID, ttdn.TaskUpdate{Version: cur.Version, Classification: &public})
		if err != nil || got.Classification != ttdn.Secret || got.OwnClassification != ttdn.Public {
			t.Fatalf("public task of a secret plan: %+v, %v", got, err)
		}
	})
}

// TestLinkToHiddenTask: linking an activity, a difficulty or a budget line
// to a task one may not read answers as if the task did not exist.
func TestLinkToHiddenTask(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		hidden := w.plan.Tasks[1].ID // secret, led by B
		a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo", StartDate: date(2019, 3, 1),
			UnitIDs: []int64{w.unitA.ID}, TaskIDs: []int64{hidden}}
		err := w.acts.CreateActivity(as(w.officerA), a)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "không tồn tại") {
			t.Fatalf("activity linked to a hidden task: %v", err)
		}
		missing := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo", StartDate: date(2019, 3, 1),
			UnitIDs: []int64{w.unitA.ID}, TaskIDs: []int64{hidden + 1000}}
		errMissing := w.acts.CreateActivity(as(w.officerA), missing)
		if strings.ReplaceAll(ttdn.ErrorMessage(err, "vi"), strconv.FormatInt(hidden, 10), "N") !=
			strings.ReplaceAll(ttdn.ErrorMessage(errMissing, "vi"), strconv.FormatInt(hidden+1000, 10), "N") {
			t.Errorf("hidden %q and missing %q answer differently", ttdn.ErrorMessage(err, "vi"), ttdn.ErrorMessage(errMissing, "vi"))
		}
		d := &ttdn.Difficulty{UnitID: w.unitA.ID, TaskID: hidden, Title: "Vướng mắc", Text: "Nội dung"}
		if err := w.diffs.CreateDifficulty(as(w.officerA), d); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("difficulty on a hidden task: %v", err)
		}
		e := &ttdn.BudgetEstimate{UnitID: w.unitA.ID, Year: 2019, Title: "Dự toán", Justification: "x",
			Lines: []*ttdn.BudgetLine{{TaskID: hidden, Item: "Họp báo", Quantity: 1, UnitOfMeasure: "cuộc",
				UnitPrice: 1_000_000, Source: ttdn.FundProvincial}}}
		if err := w.budgets.CreateBudgetEstimate(as(w.officerA), e); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("budget line on a hidden task: %v", err)
		}
		// The coordinator, who reads it, may link it.
		a.TaskIDs = []int64{hidden}
		if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil || a.Classification != ttdn.Secret {
			t.Fatalf("coordinator links the secret task: %v, level %v", err, a.Classification)
		}
	})
}

// TestIssuedPlanChangesByAmendmentOnly: once a plan is issued a unit
// officer cannot rewrite its tasks, the coordinator only with a reason kept
// in the plan's history; a closed plan changes not at all until reopened.
func TestIssuedPlanChangesByAmendmentOnly(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		cur, _ := w.plans.FindPlanByID(sqltest.SystemContext(), w.plan.ID)
		if _, err := w.plans.IssuePlan(as(w.coordinator), w.plan.ID, ttdn.PlanIssue{Version: cur.Version, Number: "79/KH-UBND",
			IssuedOn: date(2019, 1, 14), Signer: "Trần Văn Chiến"}); err != nil {
			t.Fatal(err)
		}
		task := w.plan.Tasks[0]
		title, deadline := "Nhiệm vụ đã bị sửa", date(2030, 1, 1)
		exec := []ttdn.UnitRef{{Code: "so-b"}}
		rewrite := func(who *ttdn.User, reason string) (*ttdn.Task, error) {
			cur, _ := w.tasks.FindTaskByID(sqltest.SystemContext(), task.ID)
			return w.tasks.UpdateTask(as(who), task.ID, ttdn.TaskUpdate{Version: cur.Version, Title: &title,
				Deadline: &deadline, Executing: &exec, Reason: reason})
		}
		if _, err := rewrite(w.officerA, "tự sửa"); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer rewrites a task of an issued plan: %v", err)
		}
		if _, err := rewrite(w.coordinator, ""); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("amendment without a reason: %v", err)
		}
		if _, err := rewrite(w.coordinator, "Điều chỉnh theo Công văn 12/UBND"); err != nil {
			t.Fatalf("amendment: %v", err)
		}
		hist, err := w.plans.FindPlanHistory(as(w.coordinator), w.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := hist[len(hist)-1]
		if last.Action != ttdn.HistoryAmendTask || last.Reason != "Điều chỉnh theo Công văn 12/UBND" ||
			!strings.Contains(last.After, title) {
			t.Fatalf("history: %+v", last)
		}
		cur, _ = w.plans.FindPlanByID(sqltest.SystemContext(), w.plan.ID)
		closed, err := w.plans.ClosePlan(as(w.coordinator), w.plan.ID, cur.Version, "Hết năm")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rewrite(w.coordinator, "sau khi kết thúc"); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("amendment of a closed plan: %v", err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: task.ID, Text: "muộn"}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("progress on a closed plan: %v", err)
		}
		if _, err := w.plans.ReopenPlan(as(w.coordinator), w.plan.ID, closed.Version, ""); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("reopen without a reason: %v", err)
		}
		if _, err := w.plans.ReopenPlan(as(w.officerA), w.plan.ID, closed.Version, "x"); err == nil {
			t.Fatal("an officer reopened the plan")
		}
		if _, err := w.plans.ReopenPlan(as(w.coordinator), w.plan.ID, closed.Version, "Bổ sung báo cáo"); err != nil {
			t.Fatal(err)
		}
		if err := w.progress.AddProgressUpdate(as(w.officerA), &ttdn.ProgressUpdate{TaskID: task.ID, Text: "bổ sung"}); err != nil {
			t.Fatalf("progress after reopening: %v", err)
		}
		// A new task of an issued plan is refused (tasks are amended, not added freely).
		if err := w.tasks.CreateTask(as(w.coordinator), &ttdn.Task{PlanID: w.plan.ID, Ref: "III.9", Title: "Mới"}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("task added to an issued plan: %v", err)
		}
	})
}

// TestHiddenOwnerFilesAreNotFound: a budget's or difficulty's file is "not
// found" for anyone who may not read its owner, exactly like a file that
// does not exist (no existence oracle), and found for those who may.
func TestHiddenOwnerFilesAreNotFound(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newSecretWorld(t, db)
		bf := &ttdn.Attachment{Name: "du-toan.pdf", Data: pdfBytes}
		if err := w.budgets.AddBudgetAttachment(as(w.officerA), w.budget.ID, bf); err != nil {
			t.Fatal(err)
		}
		df := &ttdn.Attachment{Name: "vuong-mac.pdf", Data: pdfBytes}
		if err := w.diffs.AddDifficultyAttachment(as(w.officerA), w.diff.ID, df); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{bf.ID, df.ID} {
			if _, err := w.attachments.FindAttachmentByID(as(w.officerA), id); err != nil {
				t.Errorf("officer A reads file %d of its unit: %v", id, err)
			}
			for _, who := range []*ttdn.User{w.officerB, w.outsider, w.admin} {
				_, err := w.attachments.FindAttachmentByID(as(who), id)
				_, errMissing := w.attachments.FindAttachmentByID(as(who), id+100000)
				if ttdn.ErrorCode(err) != ttdn.ENOTFOUND || ttdn.ErrorMessage(err, "vi") != ttdn.ErrorMessage(errMissing, "vi") {
					t.Errorf("%s reads file %d: %v (missing: %v)", who.Username, id, err, errMissing)
				}
			}
		}
	})
}
