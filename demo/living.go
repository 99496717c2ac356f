package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// The living year: beside the 2019 plan as imported, the demo holds the
// current year's plan made from it — copied, re-dated, issued with a
// number and deadlines — and a year of work on it as it stands on the
// demo's "today": progress with evidence, activities, an open report
// period under review, budget estimates and difficulties at every step,
// and two weeks of press items. Everything goes through the services a
// person's request goes through, as the person who would do it, at the
// time it would have happened (the database clock is moved for each
// step), so notifications, audit and derived figures are the real ones.

// Options tune LoadLiving.
type Options struct {
	// Today is the demo's "today"; every date is placed relative to it.
	// Zero means time.Now().
	Today time.Time
	// Progress, when set, is called as steps complete (done of total).
	Progress func(done, total int)
	// NewsDir, when set, is a folder of news files ({id, title, link,
	// summary, source, category, published, fetched} arrays, as the shared
	// test data's) ingested, shifted to the last two weeks, instead of the
	// demo's own invented items.
	NewsDir string
}

// Summary says what LoadLiving found or made, for the command's output.
type Summary struct {
	Logins   []Login
	Year     int
	Plan     *ttdn.Plan
	Tasks    int // tasks and duties of the year's plan
	Overdue  int
	Period   string // the open report period's name
	Articles int    // press items of the last 14 days
	Steps    int    // steps run this time (0: everything was there)
}

// LoadLiving loads the demo (Load) and the living year on db. Running it
// again adds nothing; running it in a later year adds that year.
func LoadLiving(ctx context.Context, db *sqlstore.DB, opt Options) (*Summary, error) {
	logins, err := Load(ctx, db)
	if err != nil {
		return nil, err
	}
	if opt.Today.IsZero() {
		opt.Today = time.Now()
	}
	l, err := newLiving(ctx, db, opt)
	if err != nil {
		return nil, err
	}
	defer l.restoreClock()
	if err := l.run(ctx); err != nil {
		return nil, err
	}
	l.restoreClock()
	sum, err := l.summary(ctx)
	if err != nil {
		return nil, err
	}
	sum.Logins = logins
	return sum, nil
}

// living holds what the steps share.
type living struct {
	db      *sqlstore.DB
	opt     Options
	cal     calendar
	now     func() time.Time // the database clock before the load
	users   map[string]*ttdn.User
	units   map[string]*ttdn.Unit // by code, every unit
	unitsID map[int64]*ttdn.Unit
	plan    *ttdn.Plan // the year's plan
	tasks   []*ttdn.Task
	steps   []step
	press   []pressItem // the two weeks of press items
	actions int         // press hits marked as needing action
}

// step is one act of the year, run with the database clock at at.
type step struct {
	at time.Time
	do func(ctx context.Context) error
}

func newLiving(ctx context.Context, db *sqlstore.DB, opt Options) (*living, error) {
	cal := newCalendar(opt.Today)
	l := &living{db: db, opt: opt, cal: cal, now: db.Now,
		users: map[string]*ttdn.User{}, units: map[string]*ttdn.Unit{}, unitsID: map[int64]*ttdn.Unit{}}
	sys := ttdn.NewSystemContext(ctx)
	all, _, err := sqlstore.NewUnitService(db).FindUnits(sys, ttdn.UnitFilter{})
	if err != nil {
		return nil, err
	}
	for _, u := range all {
		l.units[u.Code], l.unitsID[u.ID] = u, u
	}
	for _, d := range demoUsers {
		name := d.username
		found, _, err := sqlstore.NewUserService(db).FindUsers(sys, ttdn.UserFilter{Username: &name, Limit: 1})
		if err != nil {
			return nil, err
		} else if len(found) == 0 {
			return nil, ttdn.Errorf(ttdn.ECONFLICT, "Không tìm thấy tài khoản mẫu %s.", "The demo account %s is missing.", name)
		}
		l.users[name] = found[0]
	}
	return l, nil
}

// run makes the year's plan, then gathers every other section's steps,
// sorts them by time and runs them in that order, so the audit log and the
// notifications read as the year happened.
func (l *living) run(ctx context.Context) error {
	sys := ttdn.NewSystemContext(ctx)
	// The press items are read first: a news folder that cannot be read
	// leaves the year untouched.
	var err error
	if l.press, err = l.pressItems(); err != nil {
		return err
	}
	if err := l.ensurePlan(sys); err != nil {
		return fmt.Errorf("demo: the year's plan: %w", err)
	}
	for _, section := range []func(context.Context) error{l.progressSteps, l.activitySteps, l.reportSteps,
		l.budgetSteps, l.difficultySteps, l.pressSteps, l.publicSteps, l.caseSteps} {
		if err := section(sys); err != nil {
			return err
		}
	}
	slices.SortStableFunc(l.steps, func(a, b step) int { return a.at.Compare(b.at) })
	progress := l.opt.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	for i, s := range l.steps {
		l.setClock(s.at)
		if err := s.do(sys); err != nil {
			return fmt.Errorf("demo: step at %s: %w", s.at.Format(time.DateTime), err)
		}
		progress(i+1, len(l.steps))
	}
	return nil
}

// add schedules a step.
func (l *living) add(at time.Time, do func(ctx context.Context) error) {
	l.steps = append(l.steps, step{at: at, do: do})
}

// setClock moves the database clock to t.
func (l *living) setClock(t time.Time) { l.db.Now = func() time.Time { return t } }

// restoreClock gives the database its own clock back.
func (l *living) restoreClock() { l.db.Now = l.now }

// as returns ctx acting as the demo user name.
func (l *living) as(ctx context.Context, name string) context.Context {
	return ttdn.NewContextWithUser(ctx, l.users[name])
}

// unit returns the unit of code as it stands on the demo's today: an ended
// unit is replaced by its successor.
func (l *living) unit(code string) *ttdn.Unit {
	return l.active(l.units[code], l.cal.Today)
}

// active follows successors from u to the unit active on day (nil when the
// unit was abolished without one).
func (l *living) active(u *ttdn.Unit, day ttdn.Date) *ttdn.Unit {
	for hops := 0; u != nil && hops < 8; hops++ {
		if u.ActiveOn(day) {
			return u
		}
		u = l.unitsID[u.SuccessorID]
	}
	return nil
}

// summary reads back what the command prints.
func (l *living) summary(ctx context.Context) (*Summary, error) {
	sys := ttdn.NewSystemContext(ctx)
	s := &Summary{Year: l.cal.Year, Plan: l.plan, Tasks: len(l.tasks), Steps: len(l.steps)}
	tasks, _, err := sqlstore.NewTaskService(l.db).FindTasks(sys, ttdn.TaskFilter{PlanID: &l.plan.ID})
	if err != nil {
		return nil, err
	}
	s.Tasks = len(tasks)
	for _, t := range tasks {
		if t.Overdue(l.cal.Today) {
			s.Overdue++
		}
	}
	periods, _, err := sqlstore.NewReportPeriodService(l.db).FindPeriods(sys, ttdn.PeriodFilter{PlanID: &l.plan.ID, Limit: 1})
	if err != nil {
		return nil, err
	} else if len(periods) > 0 {
		s.Period = periods[0].Name
	}
	_, s.Articles, err = sqlstore.NewPressService(l.db).SearchArticles(sys, ttdn.ArticleFilter{
		From: l.cal.Now.AddDate(0, 0, -14), To: l.cal.Now.Add(time.Minute), Limit: 1})
	return s, err
}
