package ttdn

import (
	"context"
	"time"
)

// ProgressRow is how far a group of tasks (a plan item, a unit, the whole
// plan) has come: counts by status, the mean percent done and how many are
// overdue on the dashboard's day.
type ProgressRow struct {
	Key         string             `json:"key"` // item ref ("III.4") or unit code
	Label       string             `json:"label"`
	UnitID      int64              `json:"unit_id,omitempty"`
	Total       int                `json:"total"`
	ByStatus    map[TaskStatus]int `json:"by_status"`
	MeanPercent float64            `json:"mean_percent"`
	Overdue     int                `json:"overdue"`
}

// Add counts t into r, as of day.
func (r *ProgressRow) Add(t *Task, day Date) {
	if r.ByStatus == nil {
		r.ByStatus = map[TaskStatus]int{}
	}
	r.MeanPercent = (r.MeanPercent*float64(r.Total) + float64(t.Percent)) / float64(r.Total+1)
	r.Total++
	r.ByStatus[t.Status]++
	if t.Overdue(day) {
		r.Overdue++
	}
}

// PlanProgress is the progress dashboard of one plan. BySection groups tasks
// by their numbered item (the first two parts of the ref: "III.4" holds
// "III.4" and "III.4.2"), since a plan's tasks all sit in one Roman section.
// ByUnit counts a task for every unit it names, directly or through a group.
type PlanProgress struct {
	PlanID int64       `json:"plan_id"`
	Day    Date        `json:"day"`
	Total  ProgressRow `json:"total"`
	// Tasks and Duties split Total: the plan's tasks, and the duties of its
	// section V tracked like tasks. Pages count them apart, in the same
	// words on the plan, the dashboard and the home page.
	Tasks     ProgressRow   `json:"tasks"`
	Duties    ProgressRow   `json:"duties"`
	BySection []ProgressRow `json:"by_section"`
	ByUnit    []ProgressRow `json:"by_unit"`
}

// TaskAttention is a task that needs attention: past its deadline, or with
// no update for longer than the stale limit.
type TaskAttention struct {
	TaskID          int64      `json:"task_id"`
	PlanID          int64      `json:"plan_id"`
	Ref             string     `json:"ref"`
	Title           string     `json:"title"`
	Deadline        Date       `json:"deadline"`
	Status          TaskStatus `json:"status"`
	Percent         int        `json:"percent"`
	LastUpdate      time.Time  `json:"last_update"`
	DaysSinceUpdate int        `json:"days_since_update"`
	Overdue         bool       `json:"overdue"`
	Stale           bool       `json:"stale"`
}

// AttentionFilter selects tasks needing attention on Day: overdue ones, and
// unfinished ones not updated for StaleDays days (0: staleness not checked).
type AttentionFilter struct {
	PlanID    *int64
	UnitID    *int64
	Day       Date
	StaleDays int
	Limit     int
}

// Count is one bar of a chart: a key, its label and a number.
type Count struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// ActivityStats counts the activities started between From and To (both
// inclusive): by type (every type, zeros included), by month ("2019-06",
// every month of the range) and by theme (every theme in the catalogue).
type ActivityStats struct {
	From    Date    `json:"from"`
	To      Date    `json:"to"`
	Total   int     `json:"total"`
	ByType  []Count `json:"by_type"`
	ByMonth []Count `json:"by_month"`
	ByTheme []Count `json:"by_theme"`
}

// TimelineItem is one bar of a plan's task timeline. Tasks have no start
// date, so a bar starts when the plan was issued (or on 1 January of its
// year); a task without a dated deadline runs to 31 December.
type TimelineItem struct {
	TaskID  int64      `json:"task_id"`
	Ref     string     `json:"ref"`
	Title   string     `json:"title"`
	Start   Date       `json:"start"`
	End     Date       `json:"end"`
	Dated   bool       `json:"dated"` // End is the task's own deadline
	Status  TaskStatus `json:"status"`
	Percent int        `json:"percent"`
	Overdue bool       `json:"overdue"`
	// Subtasks summarises the readable tasks drawn inside this bar rather
	// than as bars of their own (PlanOverview only): zero in TaskTimeline.
	Subtasks SubtaskSummary `json:"subtasks,omitzero"`
}

// SubtaskSummary counts the sub-tasks of a timeline bar: a task's children
// (ParentID) and the tasks numbered under it ("III.4.12" under "III.4").
type SubtaskSummary struct {
	Total   int  `json:"total"`
	Done    int  `json:"done"`
	Overdue int  `json:"overdue"`
	Last    Date `json:"last"` // the latest dated deadline among them
}

// PlanOverview is what the dashboard shows of one plan, computed from one
// read of its tasks: the progress figures, and a timeline with one bar per
// top-level task (a task with no readable task above it), its sub-tasks
// summarised in the bar.
type PlanOverview struct {
	Progress *PlanProgress  `json:"progress"`
	Timeline []TimelineItem `json:"timeline"`
}

// DashboardService answers the dashboard's questions. Every number counts
// only records the acting user may read.
type DashboardService interface {
	PlanProgress(ctx context.Context, planID int64, day Date) (*PlanProgress, error)
	AttentionTasks(ctx context.Context, filter AttentionFilter) ([]*TaskAttention, error)
	ActivityStats(ctx context.Context, from, to Date) (*ActivityStats, error)
	TaskTimeline(ctx context.Context, planID int64, day Date) ([]TimelineItem, error)
	// PlanOverview answers PlanProgress and a summarised TaskTimeline
	// together, reading the plan's tasks once.
	PlanOverview(ctx context.Context, planID int64, day Date) (*PlanOverview, error)
}
