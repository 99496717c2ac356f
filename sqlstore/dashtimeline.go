package sqlstore

import (
	"strings"

	"ttdn"
)

// maxTimelineDepth bounds the walk up from a task to its top-level task, so
// a damaged parent chain (a cycle) cannot loop forever; such a task keeps
// its own bar.
const maxTimelineDepth = 16

// summariseTimeline keeps the bars of top-level tasks and counts every other
// task into the bar of the top-level task above it. items is timeline(tasks),
// bar i being tasks[i].
//
// A large plan has a few numbered items and hundreds of sub-tasks under
// them: drawn one bar each the chart was ~350 bars tall, unreadable, and
// most of the page's rendering time. The full list stays one link away (the
// plan's task list).
//
// A task's parent is its ParentID when that task is readable, else the
// readable task whose ref is the longest dotted prefix of its own ("III.4"
// for "III.4.12"). Only readable tasks take part, so a sub-task under a task
// the user may not read becomes a bar of its own and nothing hidden is
// counted or hinted at.
func summariseTimeline(tasks []*ttdn.Task, items []ttdn.TimelineItem, day ttdn.Date) []ttdn.TimelineItem {
	byID := make(map[int64]int, len(tasks))
	byRef := make(map[string]int, len(tasks))
	for i, t := range tasks {
		byID[t.ID] = i
		if _, dup := byRef[t.Ref]; !dup && t.Ref != "" {
			byRef[t.Ref] = i
		}
	}
	parent := func(i int) int {
		t := tasks[i]
		if j, ok := byID[t.ParentID]; ok && t.ParentID != 0 && j != i {
			return j
		}
		for ref := t.Ref; ; {
			dot := strings.LastIndexByte(ref, '.')
			if dot < 0 {
				return -1
			}
			ref = ref[:dot]
			if j, ok := byRef[ref]; ok && j != i {
				return j
			}
		}
	}
	top := make([]int, len(tasks))
	for i := range tasks {
		top[i] = i
		d, j := 0, parent(i)
		for ; j >= 0 && d < maxTimelineDepth; d, j = d+1, parent(j) {
			top[i] = j
		}
		if j >= 0 { // a cycle: draw the task as it is
			top[i] = i
		}
	}
	for i, t := range tasks {
		if top[i] == i {
			continue
		}
		s := &items[top[i]].Subtasks
		s.Total++
		if t.Status == ttdn.TaskDone {
			s.Done++
		}
		if t.Overdue(day) {
			s.Overdue++
		}
		if !t.Deadline.IsZero() && s.Last.Before(t.Deadline) {
			s.Last = t.Deadline
		}
	}
	out := make([]ttdn.TimelineItem, 0, len(items))
	for i, it := range items {
		if top[i] == i {
			out = append(out, it)
		}
	}
	return out
}
