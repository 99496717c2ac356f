package http

import (
	"net/http"

	"ttdn"
)

// planIndicatorsView is a plan's choice of the indicators its units report.
type planIndicatorsView struct {
	Plan     *ttdn.Plan
	Rows     []planIndicatorRow
	Selected int
}

type planIndicatorRow struct {
	*ttdn.Indicator
	Checked bool
}

func (s *Server) handlePlanIndicatorsForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPlanIndicators(r, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_plan_indicators", "ind.plan_title", v)
}

func (s *Server) handlePlanIndicators(w http.ResponseWriter, r *http.Request) {
	chosen, err := ids(r.PostForm["indicator"])
	if err == nil && len(chosen) == 0 {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một chỉ tiêu.", "Choose at least one indicator.")
	}
	v, verr := s.newPlanIndicators(r, chosen)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	if err == nil {
		err = s.cfg.Indicators.SetPlanIndicators(r.Context(), v.Plan.ID, chosen)
	}
	if err != nil {
		s.renderWithError(w, r, err, "report_plan_indicators", "ind.plan_title", v)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(v.Plan.ID)+"/indicators", "flash.plan_indicators_saved")
}

// newPlanIndicators lists the catalogue in service plus any retired
// indicator the plan still reports, ticked as the plan selected them (or
// as chosen, when a form comes back).
func (s *Server) newPlanIndicators(r *http.Request, chosen []int64) (*planIndicatorsView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v := &planIndicatorsView{}
	if v.Plan, err = s.cfg.Plans.FindPlanByID(r.Context(), id); err != nil {
		return nil, err
	}
	all, err := s.cfg.Indicators.FindIndicators(r.Context(), ttdn.IndicatorFilter{WithRetired: true})
	if err != nil {
		return nil, err
	}
	selected, err := s.cfg.Indicators.FindIndicators(r.Context(), ttdn.IndicatorFilter{PlanID: &id})
	if err != nil {
		return nil, err
	}
	ticked := map[int64]bool{}
	for _, ind := range selected {
		ticked[ind.ID] = true
	}
	if chosen != nil {
		ticked = map[int64]bool{}
		for _, id := range chosen {
			ticked[id] = true
		}
	}
	for _, ind := range all {
		if ind.Retired() && !ticked[ind.ID] {
			continue
		}
		v.Rows = append(v.Rows, planIndicatorRow{ind, ticked[ind.ID]})
		if ticked[ind.ID] {
			v.Selected++
		}
	}
	return v, nil
}
