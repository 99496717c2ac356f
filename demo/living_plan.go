package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/planparse"
	"ttdn/seed"
	"ttdn/sqlstore"
)

// ensurePlan finds the year's plan or makes it as a coordinator would: copy
// the 2019 plan to the year, bring its units up to date (an ended unit's
// work goes to its successor), date every deadline — the seed's items have
// none — and issue it with a number.
func (l *living) ensurePlan(ctx context.Context) error {
	seedPlan, err := l.findSeedPlan(ctx)
	if err != nil {
		return err
	}
	plans := sqlstore.NewPlanService(l.db)
	title := strings.ReplaceAll(seedPlan.Title, strconv.Itoa(seedPlan.Year), strconv.Itoa(l.cal.Year))
	year := l.cal.Year
	existing, _, err := plans.FindPlans(ctx, ttdn.PlanFilter{Year: &year, Limit: 100})
	if err != nil {
		return err
	}
	for _, p := range existing {
		if p.Title == title {
			l.plan = p
		}
	}
	coord := l.as(ctx, "dieuphoi")
	if l.plan == nil {
		l.setClock(l.cal.at(addDays(l.cal.Issued, -12), 9, 30))
		if l.plan, err = plans.CopyPlan(coord, seedPlan.ID, l.cal.Year); err != nil {
			return err
		}
	}
	if err := l.loadTasks(ctx); err != nil {
		return err
	}
	if l.plan.Status != ttdn.PlanDraft {
		return nil
	}
	l.setClock(l.cal.at(addDays(l.cal.Issued, -10), 14, 0))
	fates := l.fates()
	svc := sqlstore.NewTaskService(l.db)
	for i, t := range l.tasks {
		upd := ttdn.TaskUpdate{Version: t.Version}
		l.redateTask(t, fates[i], &upd)
		for _, p := range []struct {
			refs []ttdn.UnitRef
			dst  **[]ttdn.UnitRef
		}{{t.Lead, &upd.Lead}, {t.Executing, &upd.Executing}, {t.Coordinating, &upd.Coordinating}} {
			if refs, changed := l.currentRefs(p.refs); changed {
				*p.dst = &refs
			}
		}
		if _, err := svc.UpdateTask(coord, t.ID, upd); err != nil {
			return fmt.Errorf("task %s: %w", t.Ref, err)
		}
	}
	l.setClock(l.cal.at(l.cal.Issued, 10, 0))
	p, err := plans.FindPlanByID(ctx, l.plan.ID)
	if err != nil {
		return err
	}
	l.plan, err = plans.IssuePlan(coord, p.ID, ttdn.PlanIssue{Version: p.Version, IssuedOn: l.cal.Issued,
		Number: fmt.Sprintf("%d/KH-UBND", 12+l.cal.Year%70), Signer: "Nguyễn Văn An", SignerTitle: "Phó Chủ tịch UBND tỉnh"})
	if err != nil {
		return err
	}
	return l.loadTasks(ctx)
}

// findSeedPlan returns the 2019 plan Load imported.
func (l *living) findSeedPlan(ctx context.Context) (*ttdn.Plan, error) {
	r, err := sqlstore.LoadResolver(ctx, l.db)
	if err != nil {
		return nil, err
	}
	res, err := planparse.Parse(seed.Plan2019, seed.Plan2019Name, r)
	if err != nil {
		return nil, err
	}
	year := res.Year
	plans, _, err := sqlstore.NewPlanService(l.db).FindPlans(ctx, ttdn.PlanFilter{Year: &year, Limit: 100})
	if err != nil {
		return nil, err
	}
	for _, p := range plans {
		if p.Title == res.Title {
			return p, nil
		}
	}
	return nil, ttdn.Errorf(ttdn.ECONFLICT, "Không tìm thấy kế hoạch mẫu “%s” để lập kế hoạch năm nay từ đó.",
		"The seed plan “%s” is missing: this year's plan is made from it.", res.Title)
}

// loadTasks reads the plan's tasks and duties, in the plan's order.
func (l *living) loadTasks(ctx context.Context) error {
	tasks, _, err := sqlstore.NewTaskService(l.db).FindTasks(ctx, ttdn.TaskFilter{PlanID: &l.plan.ID})
	l.tasks = tasks
	return err
}

// currentRefs replaces each unit that no longer exists on the issue date
// by its successor, without repeating a unit; changed says whether any
// was replaced.
func (l *living) currentRefs(refs []ttdn.UnitRef) ([]ttdn.UnitRef, bool) {
	out, seen, changed := make([]ttdn.UnitRef, 0, len(refs)), map[int64]bool{}, false
	for _, r := range refs {
		if r.ID != 0 && !r.Group {
			if u := l.active(l.unitsID[r.ID], l.cal.Issued); u != nil && u.ID != r.ID {
				r, changed = ttdn.UnitRef{Name: u.Name, Text: r.Text, ID: u.ID, Code: u.Code}, true
			}
			if seen[r.ID] {
				changed = true
				continue
			}
			seen[r.ID] = true
		}
		out = append(out, r)
	}
	return out, changed
}

// fate is what becomes of a task in the year.
type fate int

const (
	fateDone           fate = iota // finished, mostly before its deadline
	fateDoneLate                   // finished after its deadline
	fateOnTrack                    // in progress, deadline ahead
	fateDueSoon                    // in progress, due within two weeks
	fateOverdue                    // in progress, deadline passed
	fateNotStartedLate             // never started, deadline passed
	fateNotStarted                 // not started, deadline late in the year
	fateStale                      // started, then no word for long
	fateCancelled                  // cancelled by amendment
	fateRecurring                  // "Thường xuyên", reported on every month or so
)

// fateMix is how many tasks of every 49 (the seed's count) meet each fate.
var fateMix = []struct {
	f fate
	n int
}{{fateDone, 16}, {fateDoneLate, 2}, {fateOnTrack, 9}, {fateDueSoon, 4}, {fateOverdue, 5}, {fateNotStartedLate, 2},
	{fateNotStarted, 4}, {fateStale, 3}, {fateCancelled, 2}, {fateRecurring, 2}}

// ngoaivuFates are those of Sở Ngoại vụ's tasks, in order, so the demo
// unit officer's home has something of each kind.
var ngoaivuFates = []fate{fateOverdue, fateDueSoon, fateStale, fateDone, fateOnTrack, fateDone, fateNotStarted, fateDone}

// fates returns the fate of every task of l.tasks (same order): the same
// for the same plan and year, so a second run agrees with the first.
func (l *living) fates() []fate {
	rng := l.rngFor("fates")
	var pool []fate
	for _, m := range fateMix {
		for range (m.n*len(l.tasks) + 48) / 49 {
			pool = append(pool, m.f)
		}
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	out := make([]fate, len(l.tasks))
	ngv, k := l.unit("so-ngoai-vu"), 0
	for i, t := range l.tasks {
		if ngv != nil && l.names(t, ngv.ID) && k < len(ngoaivuFates) {
			out[i], k = ngoaivuFates[k], k+1
			continue
		}
		out[i], pool = pool[0], pool[1:]
	}
	return out
}

// names reports whether t names unit id as lead or executing unit.
func (l *living) names(t *ttdn.Task, id int64) bool {
	for _, refs := range [][]ttdn.UnitRef{t.Lead, t.Executing} {
		for _, r := range refs {
			if !r.Group && r.ID == id {
				return true
			}
		}
	}
	return false
}

// rngFor returns a random source for one part of the load, the same for
// the same year whatever the other parts did.
func (l *living) rngFor(part string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(part))
	return rand.New(rand.NewPCG(uint64(l.cal.Year), h.Sum64()))
}

// redateTask sets the task's deadline by its fate: passed for what is late
// or done, near for what is due soon, later in the year otherwise; a task
// done continually keeps "Thường xuyên" and comes back every quarter.
func (l *living) redateTask(t *ttdn.Task, f fate, upd *ttdn.TaskUpdate) {
	c, rng := l.cal, l.rngFor("deadline "+t.Ref)
	past := func(lo, hi float64) ttdn.Date {
		return c.between(addDays(c.Issued, 20), addDays(c.Today, -3), lo+rng.Float64()*(hi-lo))
	}
	end := ttdn.Date{Year: c.Year, Month: time.December, Day: 20}
	if c.days(c.Today, end) < 45 {
		end = addDays(c.Today, 45)
	}
	future := func(lo, hi float64) ttdn.Date {
		return c.between(addDays(c.Today, 15), end, lo+rng.Float64()*(hi-lo))
	}
	var d ttdn.Date
	switch f {
	case fateDone:
		d = past(0.1, 1)
		if rng.IntN(4) == 0 {
			d = future(0, 0.6) // finished ahead of time
		}
	case fateDoneLate:
		d = past(0.1, 0.6)
	case fateOverdue, fateNotStartedLate:
		d = past(0.3, 1)
	case fateDueSoon:
		d = addDays(c.Today, 2+rng.IntN(12))
	case fateRecurring:
		text, rec := "Thường xuyên", ttdn.Recurrence{Freq: ttdn.Quarterly, Day: 20}
		upd.DeadlineText, upd.Recurrence = &text, &rec
		return
	default:
		d = future(0, 1)
	}
	empty := ""
	upd.Deadline, upd.DeadlineText = &d, &empty
}
