package http

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

func (s *Server) handleReportView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newReportView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_unit", "ureport.title", v)
}

// newReportView loads the report, its period, the plan's indicators, the
// records behind computed values and the history, and decides which
// buttons the acting user gets.
func (s *Server) newReportView(r *http.Request) (*reportView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	v := &reportView{}
	if v.Report, err = s.cfg.UnitReports.FindUnitReportByID(ctx, id); err != nil {
		return nil, err
	}
	if v.Period, err = s.cfg.Periods.FindPeriodByID(ctx, v.Report.PeriodID); err != nil {
		return nil, err
	}
	indicators, err := s.cfg.Indicators.FindIndicators(ctx, ttdn.IndicatorFilter{PlanID: &v.Period.PlanID})
	if err != nil {
		return nil, err
	}
	names, err := s.loadSourceNames(r, v.Report, indicators)
	if err != nil {
		return nil, err
	}
	if v.Events, err = s.cfg.UnitReports.FindReportEvents(ctx, id); err != nil {
		return nil, err
	}
	v.decide(reqOf(r).user, s.now())
	if err := s.loadReportFiles(r, v); err != nil {
		return nil, err
	}
	v.Blocks = buildBlocks(v.Report, indicators, names, v.CanEdit)
	v.Narrative, v.Version = v.Report.Narrative, v.Report.Version
	q := url.Values{"unit": {itoa(v.Report.UnitID)}, "from": {v.Period.CutOffFrom.String()}, "to": {v.Period.CutOffTo.String()}}
	v.MoreLink = "/activities?" + q.Encode()
	return v, nil
}

// decide sets the buttons: the service checks again on every action.
func (v *reportView) decide(u *ttdn.User, now time.Time) {
	rep, open := v.Report, v.Period.Status == ttdn.PeriodOpen
	v.CanEdit = ttdn.CanReport(u, ttdn.ActEdit, rep.UnitID) && rep.Status.Editable()
	v.CanSubmit = v.CanEdit && open
	review := rep.Status == ttdn.ReportSubmitted || rep.Status == ttdn.ReportResubmitted
	v.CanReview = review && ttdn.CanReport(u, ttdn.ActAccept, rep.UnitID)
	v.CanReopen = rep.Locked() && ttdn.CanReport(u, ttdn.ActReopen, rep.UnitID)
	v.Overdue = !rep.Status.Sent() && v.Period.IsLate(now)
}

// handleReportSave saves the draft or, with action=submit, saves and
// sends it. A refused value changes nothing and the form comes back as
// typed.
func (s *Server) handleReportSave(w http.ResponseWriter, r *http.Request) {
	form := reportFormFrom(r)
	v, err := s.newReportView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx, id := r.Context(), v.Report.ID
	rep, err := s.cfg.UnitReports.UpdateUnitReport(ctx, id, ttdn.UnitReportUpdate{Version: form.Version,
		Values: form.inputs(), Narrative: &form.Narrative})
	if err != nil {
		s.reportFormError(w, r, v, form, err)
		return
	}
	flash := "flash.report_saved"
	if form.Action == "submit" {
		if rep, err = s.cfg.UnitReports.Transition(ctx, id, ttdn.ActSubmit, rep.Version, ""); err != nil {
			s.reportError(w, r, savedAnyway(err)) // the content is stored; show it as stored
			return
		}
		flash = "flash.report_submitted"
		if rep.Late {
			flash = "flash.report_submitted_late"
		}
	}
	s.redirectWithFlash(w, r, "/reports/"+itoa(id), flash)
}

// savedAnyway adds to a refused submission that the content was kept.
func savedAnyway(err error) error {
	return &ttdn.Error{Code: ttdn.ErrorCode(err),
		Message:   ttdn.ErrorMessage(err, langVI) + " Nội dung đã được lưu dưới dạng dự thảo.",
		MessageEN: ttdn.ErrorMessage(err, langEN) + " The content has been saved as a draft."}
}

// reportError shows the report as stored with the error banner.
func (s *Server) reportError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newReportView(r)
	if verr != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderWithError(w, r, err, "report_unit", "ureport.title", v)
}

// reportFormError re-renders the report with the error, keeping the
// user's input; a stale version is named as such.
func (s *Server) reportFormError(w http.ResponseWriter, r *http.Request, v *reportView, form reportForm, err error) {
	v.Conflict = isCode(err, ttdn.ECONFLICT)
	if v.CanEdit {
		form.overlay(v.Blocks)
		v.Narrative = form.Narrative
	}
	if !v.Conflict && form.Version != 0 {
		v.Version = form.Version
	}
	s.renderWithError(w, r, err, "report_unit", "ureport.title", v)
}

func (s *Server) handleReportRefresh(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if _, err := s.cfg.UnitReports.RefreshPrefill(r.Context(), id, version); err != nil {
		s.reportError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/reports/"+itoa(id), "flash.report_refreshed")
}

// reviewFlash is the confirmation of each review step.
var reviewFlash = map[ttdn.ReportAction]string{ttdn.ActReturn: "flash.report_returned",
	ttdn.ActAccept: "flash.report_accepted", ttdn.ActReopen: "flash.report_reopened"}

// handleReportReview returns, accepts or reopens the report.
func (s *Server) handleReportReview(w http.ResponseWriter, r *http.Request) {
	v, err := s.newReportView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	act := ttdn.ReportAction(r.PostFormValue("action"))
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if reviewFlash[act] == "" {
		err = ttdn.Errorf(ttdn.EINVALID, "Thao tác %q không hợp lệ.", "Invalid action %q.", act)
	} else {
		_, err = s.cfg.UnitReports.Transition(r.Context(), v.Report.ID, act, version, comment)
	}
	if err != nil {
		v.Comment, v.Conflict = comment, isCode(err, ttdn.ECONFLICT)
		s.renderWithError(w, r, err, "report_unit", "ureport.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/"+itoa(v.Report.ID)+"#history", reviewFlash[act])
}
