package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// update turns the edit form into a PeriodUpdate.
func (f periodEditForm) update() (ttdn.PeriodUpdate, error) {
	upd := ttdn.PeriodUpdate{Version: f.Version, Name: &f.Name}
	for _, d := range []struct {
		dst **ttdn.Date
		s   string
	}{{&upd.CutOffFrom, f.CutOffFrom}, {&upd.CutOffTo, f.CutOffTo}, {&upd.DueDate, f.Due}} {
		day, err := ttdn.ParseDate(d.s)
		if err != nil {
			return upd, err
		}
		*d.dst = &day
	}
	st := ttdn.PeriodStatus(f.Status)
	upd.Status = &st
	return upd, nil
}

func (s *Server) handlePeriodEdit(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPeriodView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := periodEditForm{Name: f("name"), CutOffFrom: f("cutoff_from"), CutOffTo: f("cutoff_to"), Due: f("due_date"), Status: f("status")}
	form.Version, _ = strconv.Atoi(f("version"))
	upd, err := form.update()
	if err == nil {
		_, err = s.cfg.Periods.UpdatePeriod(r.Context(), v.Period.ID, upd)
	}
	if err != nil {
		v.Edit, v.Conflict = form, isCode(err, ttdn.ECONFLICT)
		if v.Conflict {
			v.Edit.Version = v.Period.Version // a second save is a deliberate overwrite
		}
		s.renderWithError(w, r, err, "report_period", "period.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/periods/"+itoa(v.Period.ID), "flash.period_saved")
}

// handlePeriodExpected adds the chosen units to the expected list and
// removes the ticked ones, in one step.
func (s *Server) handlePeriodExpected(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	add, err := ids(r.PostForm["add"])
	var remove []int64
	if err == nil {
		remove, err = ids(r.PostForm["remove"])
	}
	if err == nil && len(add)+len(remove) == 0 {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn đơn vị cần thêm hoặc đánh dấu đơn vị cần bỏ.", "Choose units to add or tick units to remove.")
	}
	if err == nil {
		_, err = s.cfg.Periods.SetExpectedReporters(r.Context(), id, add, remove)
	}
	if err != nil {
		s.periodError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/reports/periods/"+itoa(id)+"#expected", "flash.expected_saved")
}

// handleReportStart opens (creating if needed) a unit's report for the
// period and goes to it. Creating is a change, so it is a POST.
func (s *Server) handleReportStart(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	unitID, err := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	if err != nil {
		if u := reqOf(r).user; u != nil {
			unitID = u.UnitID
		}
	}
	rep, err := s.cfg.UnitReports.StartUnitReport(r.Context(), id, unitID)
	if err != nil {
		s.periodError(w, r, err)
		return
	}
	s.redirect(w, r, "/reports/"+itoa(rep.ID))
}

// periodError shows the period page with the error banner.
func (s *Server) periodError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newPeriodView(r)
	if verr != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderWithError(w, r, err, "report_period", "period.title", v)
}
