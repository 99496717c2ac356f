package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

func consolidatedFormFrom(r *http.Request) consolidatedForm {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := consolidatedForm{Issuer: f("issuer"), IssuingUnit: f("issuing_unit"), Place: f("place"), Summary: f("summary"),
		SignerTitle: f("signer_title"), Signer: f("signer"), Recipients: f("recipients")}
	form.Version, _ = strconv.Atoi(f("version"))
	for _, sec := range ttdn.NarrativeSections {
		*sec.Get(&form.Narrative) = f(sec.Key)
	}
	return form
}

func (f consolidatedForm) update() ttdn.ConsolidatedUpdate {
	recipients := lines(f.Recipients)
	n := f.Narrative
	return ttdn.ConsolidatedUpdate{Version: f.Version, Issuer: &f.Issuer, IssuingUnit: &f.IssuingUnit, Place: &f.Place,
		Summary: &f.Summary, Narrative: &n, SignerTitle: &f.SignerTitle, Signer: &f.Signer, Recipients: &recipients}
}

// handleConsolidatedSave stores the coordinator's header and narrative.
func (s *Server) handleConsolidatedSave(w http.ResponseWriter, r *http.Request) {
	form := consolidatedFormFrom(r)
	v, err := s.newConsolidatedView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err = s.cfg.Consolidated.UpdateConsolidatedReport(r.Context(), v.Period.ID, form.update()); err != nil {
		v.Form, v.Conflict = form, isCode(err, ttdn.ECONFLICT)
		if v.Conflict {
			v.Form.Version = v.Report.Version // a second save is a deliberate overwrite
		}
		s.renderWithError(w, r, err, "report_consolidated", "cons.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/periods/"+itoa(v.Period.ID)+"/consolidated", "flash.consolidated_saved")
}

// handleConsolidatedIssue numbers, dates and freezes the report.
func (s *Server) handleConsolidatedIssue(w http.ResponseWriter, r *http.Request) {
	v, err := s.newConsolidatedView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Issue = consolidatedIssueForm{Number: strings.TrimSpace(r.PostFormValue("number")), Date: strings.TrimSpace(r.PostFormValue("date"))}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	on, err := ttdn.ParseDate(v.Issue.Date)
	if err == nil {
		_, err = s.cfg.Consolidated.IssueConsolidatedReport(r.Context(), v.Period.ID, version, v.Issue.Number, on)
	}
	if err != nil {
		v.Conflict = isCode(err, ttdn.ECONFLICT)
		s.renderWithError(w, r, err, "report_consolidated", "cons.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/periods/"+itoa(v.Period.ID)+"/consolidated", "flash.consolidated_issued")
}
