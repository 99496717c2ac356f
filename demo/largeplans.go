package demo

import (
	"context"
	"fmt"
	"time"

	"ttdn"
	"ttdn/planparse"
	"ttdn/seed"
	"ttdn/sqlstore"
)

// subTaskTitles are the kinds of work the seed's items break down into.
var subTaskTitles = []string{
	"Xây dựng chuyên mục thông tin đối ngoại trên %s",
	"Tổ chức họp báo cung cấp thông tin về %s",
	"Biên soạn, phát hành tờ rơi tuyên truyền về %s",
	"Tập huấn nghiệp vụ thông tin đối ngoại về %s",
	"Đón tiếp, hỗ trợ phóng viên nước ngoài tìm hiểu về %s",
	"Tuyên truyền tại Cụm thông tin đối ngoại cửa khẩu về %s",
	"Theo dõi, phản bác thông tin sai sự thật về %s",
	"Quảng bá trên cổng thông tin điện tử về %s",
	"Phối hợp tổ chức triển lãm ảnh về %s",
}

var subjects = []string{"quan hệ Việt Nam – Campuchia", "chủ quyền biển, đảo", "biên giới hòa bình, hữu nghị",
	"du lịch Tây Ninh", "nông nghiệp công nghệ cao", "môi trường đầu tư", "kết quả phân giới cắm mốc",
	"người Việt Nam ở nước ngoài", "hội nhập quốc tế", "văn hóa, lịch sử Tây Ninh"}

// createPlans stores one plan per year, each the seed's structure re-dated with
// TasksPerPlan sub-tasks spread over the seed's numbered items.
func (g *generator) createPlans(ctx context.Context) error {
	r, err := sqlstore.LoadResolver(ctx, g.db)
	if err != nil {
		return err
	}
	svc := sqlstore.NewPlanService(g.db)
	for i := range g.sc.Plans {
		res, err := planparse.Parse(seed.Plan2019, seed.Plan2019Name, r)
		if err != nil {
			return err
		}
		p := g.redate(res.Plan, g.sc.FirstYear+i)
		// Plans are published documents: every other one public, so its
		// public tasks are too (a task is never less protected than its plan).
		if i%2 == 0 {
			p.Classification = ttdn.Public
		}
		if err := svc.CreatePlan(ctx, p); err != nil {
			return fmt.Errorf("demo: plan %d: %w", p.Year, err)
		}
		g.plans = append(g.plans, p)
	}
	return nil
}

// redate moves the seed plan to year and adds generated sub-tasks.
func (g *generator) redate(p *ttdn.Plan, year int) *ttdn.Plan {
	shift := year - p.Year
	p.Year, p.Number = year, fmt.Sprintf("%d/KH-UBND", 10+g.rng.IntN(300))
	p.Title = fmt.Sprintf("Kế hoạch thông tin đối ngoại tỉnh Tây Ninh năm %d (dữ liệu mẫu)", year)
	p.IssuedOn = ttdn.Date{Year: year, Month: time.January, Day: 5 + g.rng.IntN(20)}
	items := append([]*ttdn.Task(nil), p.Tasks...)
	for _, t := range items {
		if !t.Deadline.IsZero() {
			t.Deadline.Year += shift
		}
	}
	acting := g.actingUnits()
	for n := range g.sc.TasksPerPlan {
		item := items[n%len(items)]
		lead := pick(g.rng, acting)
		t := &ttdn.Task{Ref: fmt.Sprintf("%s.%d", item.Ref, n/len(items)+1),
			Title:          fmt.Sprintf(pick(g.rng, subTaskTitles), pick(g.rng, subjects)),
			Lead:           []ttdn.UnitRef{{Name: lead.Name, ID: lead.ID}},
			Classification: g.classification()}
		if len(g.groups) > 0 && g.rng.IntN(3) == 0 {
			gr := pick(g.rng, g.groups)
			t.Coordinating = []ttdn.UnitRef{{Name: gr.Name, ID: gr.ID, Group: true}}
		}
		if g.rng.IntN(5) == 0 {
			t.DeadlineText = "Thường xuyên"
		} else {
			t.Deadline = g.dayIn(year)
		}
		p.Tasks = append(p.Tasks, t)
	}
	return p
}

// classification gives most records internal, many public, a few secret.
func (g *generator) classification() ttdn.Classification {
	switch n := g.rng.IntN(100); {
	case n < 4:
		return ttdn.Secret
	case n < 55:
		return ttdn.Internal
	}
	return ttdn.Public
}

// dayIn returns a random day of year.
func (g *generator) dayIn(year int) ttdn.Date {
	return ttdn.DateOf(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rng.IntN(365)))
}

// lastYear is the year the generated plans are still running.
func (g *generator) lastYear() int { return g.sc.FirstYear + g.sc.Plans - 1 }

// taskStates finishes most tasks of past years and leaves the last year's
// mixed, with last changes spread over each year.
func (g *generator) taskStates(ctx context.Context) error {
	var states []sqlstore.TaskState
	for _, p := range g.plans {
		for _, t := range p.Tasks {
			s := sqlstore.TaskState{TaskID: t.ID, Status: ttdn.TaskDone, Percent: 100,
				UpdatedAt: g.dayIn(p.Year).Time(time.UTC).Add(10 * time.Hour)}
			n := g.rng.IntN(100)
			if p.Year == g.lastYear() {
				n = g.rng.IntN(60) + 40
			}
			switch {
			case n >= 95:
				s.Status, s.Percent = ttdn.TaskCancelled, 0
			case n >= 80:
				s.Status, s.Percent = ttdn.TaskInProgress, 10*(1+g.rng.IntN(9))
			case n >= 60 && p.Year == g.lastYear():
				s.Status, s.Percent = ttdn.TaskNotStarted, 0
			}
			states = append(states, s)
			t.Status, t.Percent = s.Status, s.Percent
		}
	}
	return g.bulk.SetTaskStates(ctx, states)
}

var updateTexts = []string{"Đã đăng %d tin, bài trên chuyên mục.", "Đã tổ chức %d buổi tuyên truyền tại xã biên giới.",
	"Phát hành %d tờ rơi song ngữ Việt – Khmer.", "Phối hợp đón %d phóng viên nước ngoài.",
	"Đã cập nhật %d bài lên cổng thông tin điện tử.", "Báo cáo kết quả thực hiện đợt %d."}

// updates writes Updates progress updates spread over the tasks, when the
// progress table exists (migration 0002); otherwise it does nothing, and
// the lead wires it once that migration is in.
func (g *generator) updates(ctx context.Context) error {
	if g.sc.Updates == 0 || !g.bulk.HasProgressTable(ctx) {
		return nil
	}
	var all []*ttdn.Task
	year := map[int64]int{}
	for _, p := range g.plans {
		all = append(all, p.Tasks...)
		year[p.ID] = p.Year
	}
	entries := make([]sqlstore.ProgressEntry, 0, g.sc.Updates)
	for i := range g.sc.Updates {
		t := all[i%len(all)]
		e := sqlstore.ProgressEntry{TaskID: t.ID, Date: g.dayIn(year[t.PlanID]), Text: fmt.Sprintf(pick(g.rng, updateTexts), 1+g.rng.IntN(20)),
			Percent: t.Percent, Status: t.Status}
		if len(t.Lead) > 0 && !t.Lead[0].Group {
			e.UnitID = t.Lead[0].ID
		}
		entries = append(entries, e)
	}
	return g.bulk.CreateProgressEntries(ctx, entries)
}
