package sqlstore

import (
	"testing"

	"ttdn"
)

func TestSummariseTimeline(t *testing.T) {
	day := ttdn.Date{Year: 2020, Month: 1, Day: 10}
	due := func(m int) ttdn.Date { return ttdn.Date{Year: 2019, Month: 12, Day: m} }
	tasks := []*ttdn.Task{
		{ID: 1, Ref: "III.1"},
		{ID: 2, Ref: "III.1.1", Status: ttdn.TaskDone, Deadline: due(1)},
		{ID: 3, Ref: "III.1.2", Deadline: due(20)}, // overdue on day
		{ID: 4, Ref: "III.1.2.1", Deadline: due(5)},
		{ID: 5, Ref: "IV.9", ParentID: 1}, // a child by ParentID, whatever its ref
		{ID: 6, Ref: "III.2.1"},           // III.2 is not readable: a bar of its own
		{ID: 7, Ref: "V.3.2"},             // a duty: no task "V.3" or "V"
		{ID: 8, Ref: "X.1", ParentID: 9},  // a damaged chain (cycle): both keep their bars
		{ID: 9, Ref: "X.2", ParentID: 8},
		{ID: 10, Ref: "III.3", ParentID: 99}, // parent not readable, no prefix task
	}
	items := make([]ttdn.TimelineItem, len(tasks))
	for i, task := range tasks {
		items[i] = ttdn.TimelineItem{TaskID: task.ID, Ref: task.Ref}
	}
	got := summariseTimeline(tasks, items, day)
	var refs []string
	for _, it := range got {
		refs = append(refs, it.Ref)
	}
	want := []string{"III.1", "III.2.1", "V.3.2", "X.1", "X.2", "III.3"}
	if len(refs) != len(want) {
		t.Fatalf("bars %v, want %v", refs, want)
	}
	for i := range want {
		if refs[i] != want[i] {
			t.Fatalf("bars %v, want %v", refs, want)
		}
	}
	if s := got[0].Subtasks; s != (ttdn.SubtaskSummary{Total: 4, Done: 1, Overdue: 2, Last: due(20)}) {
		t.Errorf("III.1 summary %+v", s)
	}
	for _, it := range got[1:] {
		if it.Subtasks.Total != 0 {
			t.Errorf("%s summary %+v", it.Ref, it.Subtasks)
		}
	}
}
