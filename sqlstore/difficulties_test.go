package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestDifficultyCycle raises two difficulties, groups them, forwards the
// proposal, records the answer and checks the unit sees it; along the way
// acts out of turn are refused and change nothing.
func TestDifficultyCycle(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		s := sqlstore.NewDifficultyService(db)
		db.Now = func() time.Time { return time.Date(2019, 5, 1, 3, 0, 0, 0, time.UTC) }
		a := &ttdn.Difficulty{UnitID: w.unitA.ID, Title: "Thiếu kinh phí dịch tờ rơi", Text: "Chưa có kinh phí dịch sang tiếng Khmer."}
		b := &ttdn.Difficulty{UnitID: w.unitB.ID, Title: "Thiếu biên dịch viên", Text: "Không có người dịch tiếng Khmer.", Classification: ttdn.Secret}
		if err := s.CreateDifficulty(as(w.officerA), a); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateDifficulty(as(w.officerB), b); err != nil {
			t.Fatal(err)
		}
		mustCode(t, s.CreateDifficulty(as(w.officerA), &ttdn.Difficulty{UnitID: w.unitB.ID, Title: "x", Text: "y"}), ttdn.EFORBIDDEN)
		mustCode(t, s.CreateDifficulty(as(w.officerA), &ttdn.Difficulty{UnitID: w.unitA.ID, Title: " ", Text: "y"}), ttdn.EINVALID)
		if _, err := s.FindDifficultyByID(as(w.officerA), b.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("another unit's difficulty: %v", err)
		}
		// Only the coordinator groups.
		g := &ttdn.DifficultyGroup{Title: "Dịch thuật tiếng Khmer", Proposal: "Đề nghị bố trí kinh phí dịch thuật.", MemberIDs: []int64{a.ID, b.ID}}
		mustCode(t, s.GroupDifficulties(as(w.officerA), g), ttdn.EFORBIDDEN)
		if got, _ := s.FindDifficultyByID(as(w.officerA), a.ID); got.Status != ttdn.DifficultyRaised {
			t.Fatalf("a refused grouping changed the status to %s", got.Status)
		}
		if err := s.GroupDifficulties(as(w.coordinator), g); err != nil {
			t.Fatal(err)
		}
		title := "Sửa sau khi tổng hợp"
		_, err := s.UpdateDifficulty(as(w.officerA), a.ID, ttdn.DifficultyUpdate{Version: 2, Title: &title})
		mustCode(t, err, ttdn.EINVALID)
		_, err = s.AnswerDifficultyGroup(as(w.coordinator), g.ID, ttdn.DifficultyAnswer{Version: g.Version, Text: "x", Date: date(2019, 5, 2)})
		mustCode(t, err, ttdn.EINVALID) // not forwarded yet
		g, err = s.ForwardDifficultyGroup(as(w.coordinator), g.ID, ttdn.DifficultyForward{Version: g.Version, Number: "12/TTr-SVHTTDL", Date: date(2019, 5, 3)})
		if err != nil {
			t.Fatal(err)
		}
		open, err := s.FindOpenDifficulties(as(w.coordinator), ttdn.Date{}, date(2019, 6, 14))
		if err != nil || len(open) != 2 || open[0].Group == nil || open[0].Group.Proposal == "" {
			t.Fatalf("open difficulties %v %v", open, err)
		}
		// The consolidated report lists them through its hook, and an officer
		// of unit A never sees unit B's secret one there.
		hook := sqlstore.NewConsolidatedReportService(db).Difficulties
		lines, err := hook.OpenDifficulties(as(w.coordinator), 0, date(2019, 6, 14))
		if err != nil || len(lines) != 2 || !strings.Contains(lines[0], "Thiếu kinh phí dịch tờ rơi") || !strings.Contains(lines[0], "Đề xuất: Đề nghị bố trí kinh phí dịch thuật.") {
			t.Fatalf("consolidated report difficulties %q %v", lines, err)
		}
		if lines, err := hook.OpenDifficulties(as(w.officerA), 0, date(2019, 6, 14)); err != nil || len(lines) != 1 {
			t.Fatalf("officer A sees %q %v", lines, err)
		}
		db.Now = func() time.Time { return time.Date(2019, 6, 20, 3, 0, 0, 0, time.UTC) }
		if _, err = s.AnswerDifficultyGroup(as(w.coordinator), g.ID, ttdn.DifficultyAnswer{Version: g.Version, Text: "Đồng ý bố trí 50 triệu đồng.",
			Number: "345/UBND-KGVX", Date: date(2019, 6, 18)}); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindDifficultyByID(as(w.officerA), a.ID)
		if err != nil || got.Status != ttdn.DifficultyAnswered || got.Group.Answer != "Đồng ý bố trí 50 triệu đồng." || got.AgeDays(time.Now()) != 50 {
			t.Fatalf("the unit's view: %+v %v", got, err)
		}
		if open, _ = s.FindOpenDifficulties(as(w.coordinator), ttdn.Date{}, date(2019, 6, 14)); len(open) != 2 {
			t.Errorf("open at the end of the first half: %d, want 2", len(open))
		}
		if open, _ = s.FindOpenDifficulties(as(w.coordinator), ttdn.Date{}, date(2019, 12, 14)); len(open) != 0 {
			t.Errorf("open at the end of the year: %d, want 0", len(open))
		}
		if _, n, _ := s.FindDifficulties(as(w.officerB), ttdn.DifficultyFilter{}); n != 1 {
			t.Errorf("unit B sees %d difficulties, want 1", n)
		}
		if _, n, _ := s.FindDifficulties(as(w.leader), ttdn.DifficultyFilter{OpenOnly: true}); n != 0 {
			t.Errorf("leader sees %d open difficulties, want 0", n)
		}
		_, err = s.CloseDifficulty(as(w.officerA), a.ID, got.Version, "")
		mustCode(t, err, ttdn.EFORBIDDEN)
		if _, err = s.CloseDifficulty(as(w.coordinator), a.ID, got.Version, "Đã giải quyết."); err != nil {
			t.Fatal(err)
		}
	})
}
