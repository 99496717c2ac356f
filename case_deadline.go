package ttdn

import "time"

// Deadlines by severity: each stage of a case is due a fixed time after
// detection, shorter the more harm the claim can do ("kịp thời phản bác").
// A case not yet assessed is held to the medium deadlines. A stage left
// undone past its deadline notifies the lead unit and the coordinator; left
// undone past twice its allowance it escalates to the leaders.

// caseDeadlines gives, per severity, the time from detection by which each
// stage must be reached.
var caseDeadlines = map[Severity]map[CaseStage]time.Duration{
	SeverityHigh: {StageAssessed: 2 * time.Hour, StageAssigned: 4 * time.Hour, StageDrafted: 12 * time.Hour,
		StageApproved: 18 * time.Hour, StagePublished: 24 * time.Hour},
	SeverityMedium: {StageAssessed: 8 * time.Hour, StageAssigned: 24 * time.Hour, StageDrafted: 48 * time.Hour,
		StageApproved: 60 * time.Hour, StagePublished: 72 * time.Hour},
	SeverityLow: {StageAssessed: 24 * time.Hour, StageAssigned: 48 * time.Hour, StageDrafted: 5 * 24 * time.Hour,
		StageApproved: 6 * 24 * time.Hour, StagePublished: 7 * 24 * time.Hour},
}

// DeadlineStages are the stages that have a deadline, in order.
var DeadlineStages = []CaseStage{StageAssessed, StageAssigned, StageDrafted, StageApproved, StagePublished}

// StageAllowance is the time from detection a case of severity sev has to
// reach stage s (0: no deadline).
func StageAllowance(sev Severity, s CaseStage) time.Duration {
	if !sev.Valid() {
		sev = SeverityMedium
	}
	return caseDeadlines[sev][s]
}

// StageDue returns when the case must have reached stage s (zero: no
// deadline, or the case was closed before it).
func (c *Case) StageDue(s CaseStage) time.Time {
	d := StageAllowance(c.Severity, s)
	if d == 0 || c.DetectedAt.IsZero() {
		return time.Time{}
	}
	return c.DetectedAt.Add(d)
}

// Deadlines returns the due time of every stage with a deadline.
func (c *Case) Deadlines() map[CaseStage]time.Time {
	out := map[CaseStage]time.Time{}
	for _, s := range DeadlineStages {
		out[s] = c.StageDue(s)
	}
	return out
}

// NextStage is the next stage the case is waiting for ("" once published
// or closed).
func (c *Case) NextStage() CaseStage {
	if !c.Open() {
		return ""
	}
	for _, s := range DeadlineStages {
		if !c.Stage.Reached(s) {
			return s
		}
	}
	return ""
}

// OverdueStage returns the stage the case is late for at now ("" when
// none): the next stage, past its deadline. Closed cases are never late.
func (c *Case) OverdueStage(now time.Time) CaseStage {
	next := c.NextStage()
	if next == "" {
		return ""
	}
	if due := c.StageDue(next); !due.IsZero() && now.After(due) {
		return next
	}
	return ""
}

// Escalated reports whether the overdue stage is late by more than its
// whole allowance again (twice the time from detection): the leaders are
// told.
func (c *Case) Escalated(now time.Time) bool {
	s := c.OverdueStage(now)
	return s != "" && now.After(c.DetectedAt.Add(2*StageAllowance(c.Severity, s)))
}

// StageTiming is one stage of a case against its deadline.
type StageTiming struct {
	Stage   CaseStage
	Due     time.Time // zero: no deadline
	Reached time.Time // zero: not yet
	Late    bool      // reached after its deadline
	Overdue bool      // not reached, and its deadline has passed (open cases only)
}

// Timings returns every stage from detection to closing with its deadline
// and when it was reached, judged at now.
func (c *Case) Timings(now time.Time) []StageTiming {
	var out []StageTiming
	for _, s := range CaseStages {
		t := StageTiming{Stage: s, Due: c.StageDue(s), Reached: c.StageAt(s)}
		if !t.Due.IsZero() {
			t.Late = !t.Reached.IsZero() && t.Reached.After(t.Due)
			t.Overdue = t.Reached.IsZero() && c.Open() && now.After(t.Due)
		}
		out = append(out, t)
	}
	return out
}
