package demo

import (
	"cmp"
	"context"
	"slices"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// livingActivities is how many activities the year holds on the demo's
// today: enough for every chart and filter to have something to show.
const livingActivities = 320

// activitySteps schedules the year's activities, made by the large demo's
// generator over the months behind today: every type at least once, the
// foreign press delegations received by Sở Ngoại vụ, a third carrying out a
// task of the year's plan. Each is recorded the day after it ended. None is
// added when an activity already carries out a task of the plan.
func (l *living) activitySteps(ctx context.Context) error {
	svc := sqlstore.NewActivityService(l.db)
	for _, t := range l.tasks {
		id := t.ID
		if found, _, err := svc.FindActivities(ctx, ttdn.ActivityFilter{TaskID: &id, Limit: 1}); err != nil {
			return err
		} else if len(found) > 0 {
			return nil
		}
	}
	g, err := l.generator(ctx)
	if err != nil {
		return err
	}
	acting := g.actingUnits()
	plan := *l.plan
	plan.Tasks = l.tasks
	ngv := l.unit("so-ngoai-vu")
	for i := range livingActivities {
		typ := g.activityType()
		if i < len(ttdn.ActivityTypes) {
			typ = ttdn.ActivityTypes[i].Type
		}
		a := g.activity(&plan, typ, acting)
		if i == 0 {
			a.TaskIDs = []int64{l.tasks[0].ID}
		}
		actor := ""
		if ngv != nil && (typ == ttdn.ActivityDelegation || i%17 == 0) {
			a.UnitIDs, actor = append([]int64{ngv.ID}, without(a.UnitIDs, ngv.ID)...), "ngoaivu"
		}
		last := a.EndDate
		if last.IsZero() {
			last = a.StartDate
		}
		at := l.cal.at(addDays(last, 1), 8, 15+i%40)
		if !at.Before(l.cal.Now) {
			at = l.cal.Now.Add(-time.Duration(livingActivities-i) * time.Minute)
		}
		l.add(at, func(ctx context.Context) error {
			if actor != "" {
				ctx = l.as(ctx, actor)
			}
			return svc.CreateActivity(ctx, a)
		})
	}
	return nil
}

// generator returns the large demo's generator on the units active today,
// drawing activity days between the plan's issue and yesterday.
func (l *living) generator(ctx context.Context) (*generator, error) {
	g := &generator{db: l.db, rng: l.rngFor("activities")}
	for _, u := range l.units {
		if u.ActiveOn(l.cal.Today) && u.Kind != ttdn.UnitCentralAgency && u.Kind != ttdn.UnitMinistry {
			g.units = append(g.units, u)
		}
	}
	slices.SortFunc(g.units, func(a, b *ttdn.Unit) int { return cmp.Compare(a.ID, b.ID) })
	var err error
	if g.channels, _, err = sqlstore.NewChannelService(l.db).FindChannels(ctx, ttdn.ChannelFilter{}); err != nil {
		return nil, err
	}
	themes, err := sqlstore.NewThemeService(l.db).FindThemes(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range themes {
		g.themes = append(g.themes, t.Code)
	}
	from, to := l.cal.Issued, addDays(l.cal.Today, -2)
	g.window = func() ttdn.Date { return l.cal.between(from, to, g.rng.Float64()) }
	return g, nil
}

// without returns ids without id.
func without(ids []int64, id int64) []int64 {
	out := ids[:0:0]
	for _, v := range ids {
		if v != id {
			out = append(out, v)
		}
	}
	return out
}
