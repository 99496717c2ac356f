package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"ttdn"
	"ttdn/sqlstore"
)

// Scale sizes the generated province. LargeScale meets issue 3's figures;
// tests may use a smaller one.
type Scale struct {
	ExtraUnits   int // generated communes and outlets added to the directory
	FirstYear    int // plans run from FirstYear for Plans years
	Plans        int
	TasksPerPlan int // sub-tasks added under the seed's numbered items
	Activities   int
	Updates      int // progress updates (needs migration 0002's table)
	Users        int
}

// LargeScale is `ttdn demo --scale large`: 10 yearly plans (2016–2025),
// over 150 units, 3,000 tasks, 50,000 activities, 20,000 progress updates
// and 200 users.
var LargeScale = Scale{ExtraUnits: 60, FirstYear: 2016, Plans: 10, TasksPerPlan: 300, Activities: 50000, Updates: 20000, Users: 200}

// HugeScale is `ttdn demo --scale huge`: a province after the 2025
// merger, for measuring how pages grow with the data — over 300 units, the
// same 10 years of plans, 500,000 activities, 200,000 progress updates and
// 1,000 users.
var HugeScale = Scale{ExtraUnits: 190, FirstYear: 2016, Plans: 10, TasksPerPlan: 300, Activities: 500000, Updates: 200000, Users: 1000}

// markerCode is the code of the first generated unit: its presence means
// the large demo was loaded already.
const markerCode = "xa-mau-001"

// Large builds the large demo province on db: it loads the ordinary demo
// (directory, seed plan, demo users), the catalogues, then generated units,
// plans, tasks with their states, progress updates, activities and users.
// progress is called as work completes (done of total steps); it may be nil.
// A database that has it already is refused with ECONFLICT.
func Large(ctx context.Context, db *sqlstore.DB, progress func(done, total int)) error {
	return Generate(ctx, db, LargeScale, progress)
}

// Generate builds a province of scale sc; see Large.
func Generate(ctx context.Context, db *sqlstore.DB, sc Scale, progress func(done, total int)) error {
	ctx = ttdn.NewSystemContext(ctx)
	if progress == nil {
		progress = func(int, int) {}
	}
	g := &generator{db: db, sc: sc, rng: rand.New(rand.NewPCG(2019, 79)), bulk: sqlstore.NewBulkLoader(db)}
	if err := g.refuseTwice(ctx); err != nil {
		return err
	}
	steps := []func(context.Context) error{g.base, g.createUnits, g.createPlans, g.taskStates, g.updates, g.createUsers}
	batches := (sc.Activities + activityBatch - 1) / activityBatch
	total, done := len(steps)+batches, 0
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
		done++
		progress(done, total)
	}
	for b := range batches {
		n := min(activityBatch, sc.Activities-b*activityBatch)
		if err := g.bulk.CreateActivities(ctx, g.activities(n)); err != nil {
			return fmt.Errorf("demo: activities: %w", err)
		}
		done++
		progress(done, total)
	}
	return g.bulk.Analyze(ctx)
}

// activityBatch is how many activities one transaction stores.
const activityBatch = 5000

// generator holds what the steps share: the random source (seeded, so
// every run builds the same province) and what earlier steps created.
type generator struct {
	db       *sqlstore.DB
	sc       Scale
	rng      *rand.Rand
	bulk     *sqlstore.BulkLoader
	units    []*ttdn.Unit // every stored unit
	groups   []*ttdn.UnitGroup
	plans    []*ttdn.Plan // generated plans with their tasks
	channels []*ttdn.Channel
	themes   []string
	window   func() ttdn.Date // activity days; nil: any day of the plan's year
}

func (g *generator) refuseTwice(ctx context.Context) error {
	code := markerCode
	found, _, err := sqlstore.NewUnitService(g.db).FindUnits(ctx, ttdn.UnitFilter{Code: &code, Limit: 1})
	if err != nil {
		return err
	} else if len(found) > 0 {
		return ttdn.Errorf(ttdn.ECONFLICT, "Cơ sở dữ liệu này đã có dữ liệu mẫu cỡ lớn; hãy dùng một cơ sở dữ liệu trống để tạo lại.",
			"This database already holds the large demo data; use an empty database to generate it again.")
	}
	return nil
}

// base loads the ordinary demo and the catalogues, and reads back what the
// later steps pick from.
func (g *generator) base(ctx context.Context) error {
	if _, err := Load(ctx, g.db); err != nil {
		return err
	}
	if err := sqlstore.SeedCatalogs(ctx, g.db); err != nil {
		return err
	}
	var err error
	if g.channels, _, err = sqlstore.NewChannelService(g.db).FindChannels(ctx, ttdn.ChannelFilter{}); err != nil {
		return err
	}
	themes, err := sqlstore.NewThemeService(g.db).FindThemes(ctx)
	for _, t := range themes {
		g.themes = append(g.themes, t.Code)
	}
	if err != nil {
		return err
	}
	g.groups, err = sqlstore.NewUnitService(g.db).FindUnitGroups(ctx)
	return err
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }
