package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// The case page's forms: each posts one step to the service and comes
// back to the case; a refused step shows the case again with the banner
// and what was typed.

func assessFormFrom(r *http.Request) assessForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return assessForm{Claim: v("claim"), Verdict: v("verdict"), Severity: v("severity"), Assessment: v("assessment"),
		Classification: v("classification"), Topics: r.PostForm["topic"], Touches: v("touches_secrets") == "1"}
}

func (s *Server) handleCaseAssess(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	form := assessFormFrom(r)
	a := ttdn.CaseAssessment{Claim: form.Claim, Verdict: ttdn.Verdict(form.Verdict), Severity: ttdn.Severity(form.Severity),
		Assessment: form.Assessment, TouchesSecrets: form.Touches}
	for _, t := range form.Topics {
		a.Topics = append(a.Topics, ttdn.CaseTopic(t))
	}
	var err error
	if a.Version, err = formVersion(r); err == nil {
		if a.Classification, err = ttdn.ParseClassification(form.Classification); err == nil {
			_, err = s.cfg.Cases.AssessCase(r.Context(), id, a)
		}
	}
	if err != nil {
		s.renderCaseWithError(w, r, err, func(v *caseView) { v.Assess = form })
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(id)+"#assessment", "flash.case_assessed")
}

func (s *Server) handleCaseAssign(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	a := ttdn.CaseAssignment{}
	var err error
	a.Version, err = formVersion(r)
	if err == nil {
		a.LeadUnitID, _ = strconv.ParseInt(r.PostFormValue("lead"), 10, 64)
		for _, raw := range r.PostForm["coordinating"] {
			if u, perr := strconv.ParseInt(raw, 10, 64); perr == nil {
				a.CoordinatingUnitIDs = append(a.CoordinatingUnitIDs, u)
			}
		}
		_, err = s.cfg.Cases.AssignCase(r.Context(), id, a)
	}
	if err != nil {
		s.renderCaseWithError(w, r, err, nil)
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(id)+"#assignment", "flash.case_assigned")
}

func (s *Server) handleCaseClose(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	version, err := formVersion(r)
	if err == nil {
		_, err = s.cfg.Cases.CloseCase(r.Context(), id, ttdn.CaseClose{Version: version, Note: r.PostFormValue("note")})
	}
	if err != nil {
		s.renderCaseWithError(w, r, err, nil)
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(id), "flash.case_closed")
}

func responseFormFrom(r *http.Request) responseForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return responseForm{Kind: v("kind"), Title: v("title"), Body: v("body"), Classification: v("classification")}
}

func (s *Server) handleResponseDraft(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	form := responseFormFrom(r)
	resp := &ttdn.CaseResponse{Kind: ttdn.ResponseKind(form.Kind), Title: form.Title, Body: form.Body}
	var err error
	if resp.OwnClassification, err = ttdn.ParseClassification(form.Classification); err == nil {
		err = s.cfg.Cases.DraftResponse(r.Context(), id, resp)
	}
	if err != nil {
		s.renderCaseWithError(w, r, err, func(v *caseView) { v.Draft = form })
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(id)+"#response-"+itoa(resp.ID), "flash.response_saved")
}

// caseOfResponse is the case page a response's form comes back to.
func caseOfResponse(r *http.Request) (int64, *http.Request) {
	caseID, _ := strconv.ParseInt(r.PostFormValue("case"), 10, 64)
	r2 := r.Clone(r.Context())
	r2.SetPathValue("id", strconv.FormatInt(caseID, 10))
	return caseID, r2
}

// handleResponseEdit saves a draft, or saves and submits it (step=submit).
func (s *Server) handleResponseEdit(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	form := responseFormFrom(r)
	upd := ttdn.ResponseUpdate{Submit: r.PostFormValue("step") == "submit"}
	kind := ttdn.ResponseKind(form.Kind)
	upd.Kind, upd.Title, upd.Body = &kind, &form.Title, &form.Body
	var err error
	var level ttdn.Classification
	if upd.Version, err = formVersion(r); err == nil {
		if level, err = ttdn.ParseClassification(form.Classification); err == nil {
			upd.Classification = &level
			_, err = s.cfg.Cases.UpdateResponse(r.Context(), id, upd)
		}
	}
	if err != nil {
		s.renderResponseError(w, r, err, func(v *caseView) { v.Failed, v.Typed = id, form })
		return
	}
	caseID, _ := caseOfResponse(r)
	flash := "flash.response_saved"
	if upd.Submit {
		flash = "flash.response_submitted"
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(caseID)+"#response-"+itoa(id), flash)
}

// renderResponseError shows the response's case (named by the form) with
// the banner and edit applied; a form naming no case gets the error alone.
func (s *Server) renderResponseError(w http.ResponseWriter, r *http.Request, err error, edit func(v *caseView)) {
	caseID, back := caseOfResponse(r)
	if caseID == 0 {
		s.renderError(w, r, err)
		return
	}
	s.renderCaseWithError(w, back, err, edit)
}

func (s *Server) handleResponseReview(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	rv := ttdn.ResponseReview{Approve: r.PostFormValue("decision") == "approve", Note: r.PostFormValue("note")}
	var err error
	if rv.Version, err = formVersion(r); err == nil {
		_, err = s.cfg.Cases.ReviewResponse(r.Context(), id, rv)
	}
	if err != nil {
		s.renderResponseError(w, r, err, nil)
		return
	}
	caseID, _ := caseOfResponse(r)
	flash := "flash.response_returned"
	if rv.Approve {
		flash = "flash.response_approved"
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(caseID)+"#response-"+itoa(id), flash)
}

func (s *Server) handleResponsePublish(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := publishForm{Where: v("where"), URL: v("url"), Date: v("date"), Time: v("time")}
	p := ttdn.ResponsePublication{Where: form.Where, URL: form.URL}
	var err error
	if p.Version, err = formVersion(r); err == nil {
		if p.At, err = dateTimeFrom(form.Date, form.Time); err == nil {
			_, err = s.cfg.Cases.PublishResponse(r.Context(), id, p)
		}
	}
	if err != nil {
		s.renderResponseError(w, r, err, func(cv *caseView) { cv.Failed, cv.Publish = id, form })
		return
	}
	caseID, _ := caseOfResponse(r)
	s.redirectWithFlash(w, r, "/cases/"+itoa(caseID)+"#response-"+itoa(id), "flash.response_published")
}

func (s *Server) handleCaseFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := addUploadedFiles(r, s.cfg.Cases.AddCaseEvidence)
	if err != nil {
		s.renderCaseWithError(w, r, err, nil)
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(id)+"#evidence", "flash.files_added")
}

func (s *Server) handleCaseFile(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	file, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	a, err := s.cfg.Cases.FindCaseEvidenceFile(r.Context(), id, file)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	serveAttachment(w, a)
}
