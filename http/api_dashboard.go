package http

import (
	"net/http"

	"ttdn"
)

// apiDashboardRoutes registers the dashboard's numbers (issue 3) for the
// province's portal and the leaders' screens: the same figures the page
// draws, for one plan (?plan=, else the newest of ?year=, else the newest).
func (s *Server) apiDashboardRoutes() {
	if s.cfg.Dashboard == nil {
		return
	}
	s.op("GET /api/v1/dashboard", s.apiDashboard)
}

// dashboardFigures is the dashboard without its charts.
type dashboardFigures struct {
	PlanID     int64                 `json:"plan_id,omitempty"`
	Year       int                   `json:"year"`
	Day        ttdn.Date             `json:"day"`
	Progress   *ttdn.PlanProgress    `json:"progress"`
	Attention  []*ttdn.TaskAttention `json:"attention"`
	StaleUnits []*ttdn.UnitActivity  `json:"stale_units"`
	StaleDays  int                   `json:"stale_days"`
	Timeline   []ttdn.TimelineItem   `json:"timeline"`
	Activities *ttdn.ActivityStats   `json:"activities"`
}

func (s *Server) apiDashboard(r *http.Request) (*apiResult, error) {
	if _, err := queryID(r, "plan"); err != nil {
		return nil, err
	}
	if _, err := queryInt(r, "year"); err != nil {
		return nil, err
	}
	v, err := s.newDashboard(r)
	if err != nil {
		return nil, err
	}
	out := &dashboardFigures{Year: v.Year, Day: v.Today, Progress: v.Progress, Attention: nonNil(v.Attention),
		StaleUnits: nonNil(v.StaleUnits), StaleDays: v.StaleDays, Timeline: nonNil(v.Timeline), Activities: v.Stats}
	if v.Plan != nil {
		out.PlanID = v.Plan.ID
	}
	return ok(out, 0)
}
