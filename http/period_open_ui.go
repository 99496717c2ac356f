package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// periodTypes are the types offered, in the order officials think of them.
var periodTypes = []ttdn.PeriodType{ttdn.PeriodHalfYear, ttdn.PeriodYear, ttdn.PeriodQuarter, ttdn.PeriodMonth, ttdn.PeriodAdHoc}

// periodForm is the open-a-period form as typed. The dates start as the
// plan's defaults (Nghị định 09/2019 window, the plan's due dates) and stay
// editable.
type periodForm struct {
	PlanID                    int64
	Type, Year, Number, Name  string
	CutOffFrom, CutOffTo, Due string
}

// periodOpenView is the form, the plans to choose from and the units the
// plan expects to hear from.
type periodOpenView struct {
	Form     periodForm
	Plans    []*ttdn.Plan
	Plan     *ttdn.Plan
	Types    []ttdn.PeriodType
	Expected []*ttdn.Unit
}

func periodFormFrom(v func(string) string) periodForm {
	f := periodForm{Type: v("type"), Year: v("year"), Number: v("number"), Name: v("name"),
		CutOffFrom: v("cutoff_from"), CutOffTo: v("cutoff_to"), Due: v("due_date")}
	f.PlanID, _ = strconv.ParseInt(v("plan"), 10, 64)
	return f
}

// withDefaults fills the blank dates and name from the plan's defaults for
// the chosen type, year and number.
func (f *periodForm) withDefaults(p *ttdn.Plan, today ttdn.Date) {
	if f.Type == "" {
		f.Type = string(ttdn.PeriodHalfYear)
	}
	year, err := strconv.Atoi(f.Year)
	if err != nil {
		// The plan in context sets the year, not the calendar: a period of
		// the 2019 plan is a 2019 period.
		year = today.Year
		if p != nil && p.Year != 0 {
			year = p.Year
		}
		f.Year = strconv.Itoa(year)
	}
	n, _ := strconv.Atoi(f.Number)
	if f.Number == "" && ttdn.PeriodType(f.Type) != ttdn.PeriodYear && ttdn.PeriodType(f.Type) != ttdn.PeriodAdHoc {
		n, f.Number = 1, "1"
	}
	def := ttdn.NewReportPeriod(p, ttdn.PeriodType(f.Type), year, n)
	fill := func(dst *string, d ttdn.Date) {
		if *dst == "" && !d.IsZero() {
			*dst = d.String()
		}
	}
	fill(&f.CutOffFrom, def.CutOffFrom)
	fill(&f.CutOffTo, def.CutOffTo)
	fill(&f.Due, def.DueDate)
	if f.Name == "" && ttdn.PeriodType(f.Type) != ttdn.PeriodAdHoc {
		f.Name = def.Name
	}
}

// period turns the form into a period to open; a blank date means the
// default, which storage fills in.
func (f periodForm) period() (*ttdn.ReportPeriod, error) {
	rp := &ttdn.ReportPeriod{PlanID: f.PlanID, Type: ttdn.PeriodType(f.Type), Name: strings.TrimSpace(f.Name)}
	var err error
	if rp.Year, err = strconv.Atoi(f.Year); err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Năm %q không hợp lệ.", "Invalid year %q.", f.Year)
	}
	if f.Number != "" {
		if rp.Number, err = strconv.Atoi(f.Number); err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Số thứ tự kỳ %q không phải là số.", "Period number %q is not a number.", f.Number)
		}
	}
	for _, d := range []struct {
		dst *ttdn.Date
		s   string
	}{{&rp.CutOffFrom, f.CutOffFrom}, {&rp.CutOffTo, f.CutOffTo}, {&rp.DueDate, f.Due}} {
		if *d.dst, err = ttdn.ParseDate(d.s); err != nil {
			return nil, err
		}
	}
	return rp, nil
}

func (s *Server) handlePeriodOpenForm(w http.ResponseWriter, r *http.Request) {
	// Opening a period changes its plan: the plan's writers only.
	if !s.formAllowed(w, r, ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: ttdn.Public})) {
		return
	}
	form := periodFormFrom(func(k string) string { return strings.TrimSpace(r.URL.Query().Get(k)) })
	if r.URL.Query().Has("recompute") {
		form.CutOffFrom, form.CutOffTo, form.Due, form.Name = "", "", "", ""
	}
	s.renderPeriodOpen(w, r, form, nil)
}

func (s *Server) handlePeriodOpen(w http.ResponseWriter, r *http.Request) {
	form := periodFormFrom(func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) })
	if r.PostFormValue("recompute") != "" {
		// The type, year or number changed: show the new defaults, open nothing.
		form.CutOffFrom, form.CutOffTo, form.Due, form.Name = "", "", "", ""
		s.renderPeriodOpen(w, r, form, nil)
		return
	}
	rp, err := form.period()
	if err == nil {
		err = s.cfg.Periods.OpenPeriod(r.Context(), rp)
	}
	if err != nil {
		s.renderPeriodOpen(w, r, form, err)
		return
	}
	s.redirectWithFlash(w, r, "/reports/periods/"+itoa(rp.ID), "flash.period_opened")
}

// renderPeriodOpen shows the open form: with err, exactly as typed and the
// error banner; without, with the defaults filled in.
func (s *Server) renderPeriodOpen(w http.ResponseWriter, r *http.Request, form periodForm, err error) {
	v, verr := s.newPeriodOpenView(r, form)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	if err == nil {
		s.render(w, r, http.StatusOK, "report_period_open", "period.open_title", v)
		return
	}
	v.Form = form
	s.renderWithError(w, r, err, "report_period_open", "period.open_title", v)
}

// newPeriodOpenView loads the plans and, for the chosen plan, the defaults
// and the units it expects.
func (s *Server) newPeriodOpenView(r *http.Request, form periodForm) (*periodOpenView, error) {
	v := &periodOpenView{Form: form, Types: periodTypes}
	var err error
	if v.Plans, _, err = s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Limit: 200}); err != nil {
		return nil, err
	}
	if form.PlanID == 0 && len(v.Plans) > 0 {
		v.Form.PlanID = v.Plans[0].ID
	}
	if v.Form.PlanID == 0 {
		return v, nil
	}
	if v.Plan, err = s.cfg.Plans.FindPlanByID(r.Context(), v.Form.PlanID); err != nil {
		return nil, err
	}
	v.Form.withDefaults(v.Plan, ttdn.DateOf(s.now().In(vietnam)))
	day, _ := ttdn.ParseDate(v.Form.Due)
	if day.IsZero() {
		day = ttdn.DateOf(s.now().In(vietnam))
	}
	v.Expected, err = s.cfg.Periods.ExpectedReporters(r.Context(), v.Form.PlanID, day)
	return v, err
}
