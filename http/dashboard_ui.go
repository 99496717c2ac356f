package http

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"ttdn"
	"ttdn/chart"
)

// dashboardCatalog holds the dashboard's strings added with the summarised
// timeline, merged into catalog.
var dashboardCatalog = map[string][2]string{
	"dashboard.timeline_desc": {"Mỗi thanh là một nhiệm vụ cấp trên cùng; các nhiệm vụ con được tính gộp vào thanh của nó. Số liệu có trong bảng bên dưới.",
		"Each bar is a top-level task, with its sub-tasks counted into it. The chart's numbers are in the table below."},
	"dashboard.subtasks":     {"%d nhiệm vụ con: %d hoàn thành, %d quá hạn", "%d sub-tasks: %d done, %d overdue"},
	"dashboard.subtasks_col": {"Nhiệm vụ con", "Sub-tasks"},
	"dashboard.all_tasks":    {"Xem toàn bộ danh sách nhiệm vụ của kế hoạch", "See the plan's full task list"},
}

func init() {
	for k, v := range dashboardCatalog {
		catalog[k] = v
	}
}

// maxAttention bounds the overdue and stale tasks the dashboard lists.
const maxAttention = 30

// dashboardView is the dashboard of one plan and one year: every chart is
// SVG drawn by the server, with its numbers in a table beside it.
type dashboardView struct {
	Plans      []*ttdn.Plan
	Plan       *ttdn.Plan
	Year       int
	Today      ttdn.Date
	Progress   *ttdn.PlanProgress
	Attention  []*ttdn.TaskAttention
	StaleUnits []*ttdn.UnitActivity
	Stats      *ttdn.ActivityStats
	Timeline   []ttdn.TimelineItem
	StaleDays  int
	Charts     map[string]template.HTML
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	v, err := s.newDashboard(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := s.newPage(w, r, "dashboard.title", v)
	v.drawCharts(p)
	s.renderPage(w, r, http.StatusOK, "dashboard", p)
}

// newDashboard picks the plan (?plan=, else the newest of ?year=, else the
// newest of all) and loads its numbers.
func (s *Server) newDashboard(r *http.Request) (*dashboardView, error) {
	v := &dashboardView{Today: ttdn.DateOf(s.now().In(vietnam)), Charts: map[string]template.HTML{}}
	if err := s.pickDashboardPlan(r, v); err != nil {
		return nil, err
	}
	set, err := s.settings(r)
	if err != nil {
		return nil, err
	}
	v.StaleDays = set.StaleDays
	if v.Plan != nil {
		if err := s.loadPlanNumbers(r, v); err != nil {
			return nil, err
		}
	}
	from, to := ttdn.Date{Year: v.Year, Month: time.January, Day: 1}, ttdn.Date{Year: v.Year, Month: time.December, Day: 31}
	v.Stats, err = s.cfg.Dashboard.ActivityStats(r.Context(), from, to)
	return v, err
}

func (s *Server) pickDashboardPlan(r *http.Request, v *dashboardView) error {
	ctx := r.Context()
	q := r.URL.Query()
	if id, err := strconv.ParseInt(q.Get("plan"), 10, 64); err == nil {
		plans, _, err := s.cfg.Plans.FindPlans(ctx, ttdn.PlanFilter{ID: &id, Limit: 1})
		if err != nil {
			return err
		} else if len(plans) == 0 {
			return errNotFound
		}
		v.Plan = plans[0]
	}
	if y, err := parseYear(q.Get("year")); err != nil {
		return err
	} else if y != nil {
		v.Year = *y
	}
	if v.Year == 0 && v.Plan != nil {
		v.Year = v.Plan.Year
	}
	f := ttdn.PlanFilter{Limit: 100, Choices: true, NoTaskCount: true}
	if v.Year != 0 {
		f.Year = &v.Year
	}
	plans, _, err := s.cfg.Plans.FindPlans(ctx, f)
	if err != nil {
		return err
	}
	v.Plans = plans
	if v.Plan == nil && len(plans) > 0 {
		v.Plan = plans[0] // newest first
	}
	if v.Year == 0 {
		v.Year = v.Today.Year
		if v.Plan != nil {
			v.Year = v.Plan.Year
		}
	}
	return nil
}

func (s *Server) loadPlanNumbers(r *http.Request, v *dashboardView) error {
	ctx, id := r.Context(), v.Plan.ID
	ov, err := s.cfg.Dashboard.PlanOverview(ctx, id, v.Today)
	if err != nil {
		return err
	}
	v.Progress, v.Timeline = ov.Progress, ov.Timeline
	if v.Attention, err = s.cfg.Dashboard.AttentionTasks(ctx, ttdn.AttentionFilter{PlanID: &id, Day: v.Today,
		StaleDays: v.StaleDays, Limit: maxAttention}); err != nil {
		return err
	}
	if s.cfg.Progress != nil {
		v.StaleUnits, err = s.cfg.Progress.FindUnitActivity(ctx, ttdn.UnitActivityFilter{PlanID: &id, StaleOnly: true})
	}
	return err
}

// drawCharts renders the SVG charts in the page's language. The SVG comes
// from the chart package, which escapes every label.
func (v *dashboardView) drawCharts(p *page) {
	bar := func(key, title, unit string, bars []chart.Bar) {
		svg := chart.BarChart{Title: title, Desc: p.T("dashboard.chart_desc"), Unit: unit, Bars: bars}.SVG()
		v.Charts[key] = template.HTML(svg) // #nosec: chart escapes its text
	}
	if v.Progress != nil {
		bar("section", p.T("dashboard.by_section"), "%", chart.PercentBars(v.Progress.BySection))
		bar("unit", p.T("dashboard.by_unit"), "%", chart.PercentBars(v.Progress.ByUnit))
		tl := chart.Timeline{Title: p.T("dashboard.timeline"), Desc: p.T("dashboard.timeline_desc"), Today: v.Today, Items: v.Timeline,
			Subtasks: func(s ttdn.SubtaskSummary) string { return p.T("dashboard.subtasks", s.Total, s.Done, s.Overdue) }}
		v.Charts["timeline"] = template.HTML(tl.SVG())
	}
	if v.Stats != nil {
		// The table beside the chart shows the same, translated, labels.
		for i, c := range v.Stats.ByType {
			v.Stats.ByType[i].Label = p.ActivityType(ttdn.ActivityType(c.Key))
		}
		bar("type", p.T("dashboard.by_type"), "", chart.CountBars(v.Stats.ByType))
		bar("month", p.T("dashboard.by_month"), "", chart.CountBars(v.Stats.ByMonth))
		bar("theme", p.T("dashboard.by_theme"), "", chart.CountBars(v.Stats.ByTheme))
	}
}
