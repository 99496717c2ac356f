package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// budgetDone maps a step to the confirmation shown after it.
var budgetDone = map[ttdn.BudgetStep]string{
	ttdn.StepSubmit: "flash.budget_submitted", ttdn.StepReturn: "flash.budget_returned",
	ttdn.StepForward: "flash.budget_forwarded", ttdn.StepApprove: "flash.budget_approved",
}

// handleBudgetAdvance submits, returns, forwards or approves.
func (s *Server) handleBudgetAdvance(w http.ResponseWriter, r *http.Request) {
	form := stepFormFrom(r)
	adv := ttdn.BudgetAdvance{Step: ttdn.BudgetStep(r.PostFormValue("step")), Note: form.Note,
		Approval: ttdn.BudgetApproval{Body: form.Body, Number: form.Number}}
	version, err := formVersion(r)
	if err == nil && adv.Step == ttdn.StepApprove {
		adv.Approval.Date, err = ttdn.ParseDate(form.Date)
	}
	id, _ := pathID(r)
	if err == nil {
		adv.Version = version
		_, err = s.cfg.Budgets.AdvanceBudgetEstimate(r.Context(), id, adv)
	}
	if err != nil {
		s.renderBudgetWithError(w, r, form, err)
		return
	}
	s.redirectWithFlash(w, r, "/budgets/"+itoa(id), budgetDone[adv.Step])
}

func stepFormFrom(r *http.Request) budgetStepForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return budgetStepForm{Note: v("note"), Body: v("body"), Number: v("number"), Date: v("date"), Amount: v("amount"),
		EntryDate: v("entry_date"), Line: v("line")}
}

// renderBudgetWithError shows the estimate again with the error and what
// the step's form held.
func (s *Server) renderBudgetWithError(w http.ResponseWriter, r *http.Request, form budgetStepForm, err error) {
	v, verr := s.newBudgetView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	v.Form = form
	s.renderWithError(w, r, err, "budget_view", "budget.page", v)
}

// handleBudgetAppraise records the amounts and comments the finance agency
// typed for every line; an amount that does not parse refuses them all.
func (s *Server) handleBudgetAppraise(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	version, err := formVersion(r)
	a := ttdn.BudgetAppraisal{Version: version}
	ids, amounts, comments := r.PostForm["line_id"], r.PostForm["appraised"], r.PostForm["comment"]
	for i := 0; err == nil && i < len(ids) && i < len(amounts); i++ {
		la := ttdn.LineAppraisal{}
		if la.LineID, err = strconv.ParseInt(ids[i], 10, 64); err != nil {
			err = lineError(i+1, ttdn.Errorf(ttdn.EINVALID, "mã dòng không hợp lệ.", "invalid line id."))
			break
		}
		if la.Amount, err = ttdn.ParseMoney(amounts[i]); err != nil {
			err = lineError(i+1, err)
			break
		}
		if i < len(comments) {
			la.Comment = comments[i]
		}
		a.Lines = append(a.Lines, la)
	}
	if err == nil {
		_, err = s.cfg.Budgets.AppraiseBudgetEstimate(r.Context(), id, a)
	}
	if err != nil {
		s.renderBudgetWithError(w, r, budgetStepForm{}, err)
		return
	}
	s.redirectWithFlash(w, r, "/budgets/"+itoa(id)+"#lines", "flash.budget_appraised")
}

// handleBudgetEntry records an allocation or spending on one line.
func (s *Server) handleBudgetEntry(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	form := stepFormFrom(r)
	en := &ttdn.BudgetEntry{EstimateID: id, Kind: ttdn.BudgetEntryKind(r.PostFormValue("kind")), Note: form.Note}
	var err error
	if en.LineID, err = strconv.ParseInt(form.Line, 10, 64); err != nil {
		err = ttdn.Errorf(ttdn.EINVALID, "Hãy chọn dòng dự toán.", "Choose a line of the estimate.")
	}
	if err == nil {
		en.Amount, err = ttdn.ParseMoney(form.Amount)
	}
	if err == nil {
		en.Date, err = ttdn.ParseDate(form.EntryDate)
	}
	if err == nil {
		err = s.cfg.Budgets.RecordBudgetEntry(r.Context(), en)
	}
	if err != nil {
		s.renderBudgetWithError(w, r, form, err)
		return
	}
	s.redirectWithFlash(w, r, "/budgets/"+itoa(id)+"#entries", "flash.budget_entry")
}

// handleBudgetFileAdd attaches the uploaded files to the estimate.
func (s *Server) handleBudgetFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := addUploadedFiles(r, s.cfg.Budgets.AddBudgetAttachment)
	if err != nil {
		s.renderBudgetWithError(w, r, budgetStepForm{}, err)
		return
	}
	s.redirectWithFlash(w, r, "/budgets/"+itoa(id)+"#files", "flash.files_added")
}

// handleBudgetFile serves one of the estimate's files as a download.
func (s *Server) handleBudgetFile(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	file, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	a, err := s.cfg.Budgets.FindBudgetAttachment(r.Context(), id, file)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	serveAttachment(w, a)
}

// serveAttachment sends a file as a download that never runs in the page.
func serveAttachment(w http.ResponseWriter, a *ttdn.Attachment) {
	ct := a.ContentType
	if !inlineSafe[ct] {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ttdn.ContentDisposition(a.Name))
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	_, _ = w.Write(a.Data)
}
