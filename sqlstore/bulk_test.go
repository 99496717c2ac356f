package sqlstore_test

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestBulkUpdateAllOrNothing(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		p := w.plan2019()
		p.Tasks = append(p.Tasks, &ttdn.Task{Ref: "III.4", Title: "Tập huấn", Lead: []ttdn.UnitRef{{Code: "so-a"}}},
			&ttdn.Task{Ref: "III.5", Title: "Tờ rơi", Lead: []ttdn.UnitRef{{Code: "so-b"}}, Classification: ttdn.Internal})
		sqltest.MustCreatePlan(t, db, p)
		a1, a2, b := p.Tasks[0].ID, p.Tasks[3].ID, p.Tasks[4].ID
		done := ttdn.TaskDone
		err := w.progress.BulkUpdate(as(w.officerA), p.ID, []int64{a1, a2, b}, &done, &ttdn.ProgressUpdate{Text: "Hoàn thành theo kế hoạch"})
		if ttdn.ErrorCode(err) != ttdn.EFORBIDDEN || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "III.5") {
			t.Fatalf("batch with B's task: %v", err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM tasks WHERE status = 'done'`); n != 0 {
			t.Fatalf("%d tasks changed by a refused batch", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`); n != 0 {
			t.Fatalf("%d updates left by a refused batch", n)
		}
		if err := w.progress.BulkUpdate(as(w.officerA), p.ID, []int64{a1, a2}, &done, &ttdn.ProgressUpdate{Text: "Hoàn thành"}); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM tasks WHERE status = 'done' AND percent = 100 AND last_update_at IS NOT NULL`); n != 2 {
			t.Fatalf("%d tasks done, want 2", n)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates WHERE text = 'Hoàn thành'`); n != 2 {
			t.Fatalf("%d updates, want 2", n)
		}
		if err := w.progress.BulkUpdate(as(w.officerA), p.ID, nil, &done, nil); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("empty batch: %v", err)
		}
	})
}

const csvWithErrors = "\ufeffMã nhiệm vụ;Trạng thái;Tỷ lệ (%);Ngày;Nội dung\n" +
	"III.1;Đang thực hiện;40;05/03/2019;Đã họp báo quý I\n" + // 2: fine
	"III.9;Hoàn thành;100;05/03/2019;x\n" + // 3: unknown task
	"III.3;Tạm dừng;10;05/03/2019;x\n" + // 4: invalid status
	"III.3;hoan thanh;;31/02/2019;x\n" + // 5: invalid date
	"III.3;;150;;x\n" + // 6: percent out of range
	"III.3;;10\n" + // 7: wrong number of columns
	"III.2;Hoàn thành;;;x\n" // 8: secret task of B, hidden from A

func TestProgressCSV(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		moveClock(db, mustTime("2019-03-10T03:00:00Z"))
		p := sqltest.MustCreatePlan(t, db, w.plan2019())
		c, err := ttdn.ParseProgressCSV(strings.NewReader(csvWithErrors))
		if err != nil {
			t.Fatal(err)
		}
		prev, err := w.progress.ApplyProgressCSV(as(w.officerA), p.ID, c)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || prev == nil {
			t.Fatalf("apply with errors: %v", err)
		}
		lines := map[int]bool{}
		for _, e := range prev.Errors {
			lines[e.Line] = true
		}
		for _, l := range []int{3, 4, 5, 6, 7, 8} {
			if !lines[l] {
				t.Errorf("no error for line %d: %+v", l, prev.Errors)
			}
		}
		if len(prev.Rows) != 1 || prev.Rows[0].TaskRef != "III.1" || prev.Rows[0].NewPercent != 40 || prev.Rows[0].OldStatus != ttdn.TaskNotStarted {
			t.Fatalf("preview rows: %+v", prev.Rows)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`); n != 0 {
			t.Fatalf("%d updates applied from a CSV with errors", n)
		}
		good := "ma_nhiem_vu,trang_thai,ty_le,ngay,noi_dung\n" +
			"III.1,in_progress,40,05/03/2019,\"Đã họp báo, quý I\"\n" +
			"iii.3,Hoàn thành,,,Đã đăng 12 tin\n" +
			"V.1.2,,50,2019-03-08,Tổng hợp\n"
		c, err = ttdn.ParseProgressCSV(strings.NewReader(good))
		if err != nil || len(c.Errors) != 0 {
			t.Fatalf("parse good CSV: %v %+v", err, c)
		}
		// III.3 is led by the group: the coordinator records it.
		prev, err = w.progress.PreviewProgressCSV(as(w.coordinator), p.ID, c)
		if err != nil || !prev.OK() || len(prev.Rows) != 3 {
			t.Fatalf("preview: %+v, %v", prev, err)
		}
		if r := prev.Rows[1]; r.OldStatus != ttdn.TaskInProgress || r.NewStatus != ttdn.TaskDone || r.OldPercent != 40 || r.NewPercent != 100 || r.Date != date(2019, 3, 10) {
			t.Fatalf("preview of III.3: %+v", r)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`); n != 0 {
			t.Fatal("preview applied updates")
		}
		if _, err := w.progress.ApplyProgressCSV(as(w.coordinator), p.ID, c); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM progress_updates`); n != 3 {
			t.Fatalf("%d updates applied, want 3", n)
		}
		got, _ := w.tasks.FindTaskByID(sqltest.SystemContext(), p.Tasks[2].ID)
		if got.Status != ttdn.TaskDone || got.Percent != 100 {
			t.Fatalf("III.3 after CSV: %s %d%%", got.Status, got.Percent)
		}
	})
}
