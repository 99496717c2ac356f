package http

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"ttdn"
)

// apiCaseRoutes registers rebuttal cases (issue 14) in the API: open one
// (from a press item, a story or by hand, with evidence files), assess,
// assign, draft a response, submit, approve or return, publish, close —
// the same case service, policy and stage deadlines as the pages.
func (s *Server) apiCaseRoutes() {
	if s.cfg.Cases == nil {
		return
	}
	c := s.cfg.Cases
	s.op("GET /api/v1/cases", s.apiCases)
	s.op("POST /api/v1/cases", s.apiCaseOpen)
	s.op("GET /api/v1/cases/{id}", readOp(c.FindCaseByID))
	s.op("POST /api/v1/cases/{id}/assess", editOp(s.apiCaseAssess))
	s.op("POST /api/v1/cases/{id}/assign", editOp(s.apiCaseAssign))
	s.op("POST /api/v1/cases/{id}/close", editOp(s.apiCaseClose))
	s.op("GET /api/v1/cases/{id}/files", listOp(withoutData(c.FindCaseEvidence)))
	s.op("POST /api/v1/cases/{id}/files", s.filesOp(found(c.FindCaseByID), c.AddCaseEvidence))
	s.op("POST /api/v1/cases/{id}/responses", s.apiResponseDraftOp)
	s.op("PATCH /api/v1/case-responses/{id}", editOp(s.apiResponseUpdate))
	s.op("POST /api/v1/case-responses/{id}/review", editOp(s.apiResponseReview))
	s.op("POST /api/v1/case-responses/{id}/publish", editOp(s.apiResponsePublish))
}

// apiCases lists cases with the list page's filters: stage, verdict,
// severity, topic, unit_id, open, overdue, q, from, to (YYYY-MM-DD).
func (s *Server) apiCases(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	_, err1 := queryDate(r, "from")
	_, err2 := queryDate(r, "to")
	unitID, err3 := queryID(r, "unit_id")
	if err := firstErr(err1, err2, err3); err != nil {
		return nil, err
	}
	q := r.URL.Query()
	page := url.Values{}
	for _, k := range []string{"stage", "verdict", "severity", "topic", "q", "from", "to"} {
		page.Set(k, q.Get(k))
	}
	for _, k := range []string{"open", "overdue"} {
		if q.Get(k) == "true" {
			page.Set(k, "1")
		}
	}
	if unitID != nil {
		page.Set("unit", itoa(*unitID))
	}
	f, err := caseListFilterFrom(page).filter(s.now())
	if err != nil {
		return nil, err
	}
	f.Offset, f.Limit = p.offset, p.limit
	rows, total, err := s.cfg.Cases.FindCases(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// caseInput opens a case: from a press item (article_id), a story
// (story_id), or by hand with the claim and where it was seen.
type caseInput struct {
	Title          string              `json:"title"`
	Claim          string              `json:"claim"`
	ArticleID      int64               `json:"article_id"`
	StoryID        int64               `json:"story_id"`
	Source         ttdn.CaseSource     `json:"source"`
	DetectedAt     time.Time           `json:"detected_at"`
	TouchesSecrets bool                `json:"touches_secrets"`
	Classification ttdn.Classification `json:"classification"`
}

// apiCaseOpen opens a case from JSON, or from multipart with evidence
// files ("files") and the case as JSON in the field "case".
func (s *Server) apiCaseOpen(r *http.Request) (*apiResult, error) {
	if !(&page{User: ttdn.UserFromContext(r.Context())}).CanOpenCase() {
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền mở vụ việc.", "You are not allowed to open a case.")
	}
	var in caseInput
	var files []*ttdn.Attachment
	if isMultipart(r) {
		var err error
		if files, err = s.parseAPIMultipart(r); err != nil {
			return nil, err
		}
		body := &http.Request{Header: http.Header{"Content-Type": {"application/json"}},
			Body: readCloser(strings.NewReader(r.FormValue("case")))}
		if err := decodeJSON(body, &in); err != nil {
			return nil, apiField("case", err)
		}
	} else if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	c := &ttdn.Case{Title: strings.TrimSpace(in.Title), Claim: strings.TrimSpace(in.Claim), ArticleID: in.ArticleID, StoryID: in.StoryID,
		DetectedAt: in.DetectedAt, TouchesSecrets: in.TouchesSecrets, Classification: in.Classification}
	if in.ArticleID == 0 && in.StoryID == 0 {
		c.Source = in.Source
	}
	if err := s.cfg.Cases.OpenCase(r.Context(), c, files); err != nil {
		return nil, err
	}
	c, err := s.cfg.Cases.FindCaseByID(r.Context(), c.ID)
	if err != nil {
		return nil, err
	}
	return created(c, c.Version, "/api/v1/cases/"+itoa(c.ID))
}

type assessInput struct {
	Claim          string              `json:"claim"`
	Verdict        ttdn.Verdict        `json:"verdict"`
	Severity       ttdn.Severity       `json:"severity"`
	Topics         []ttdn.CaseTopic    `json:"topics"`
	Assessment     string              `json:"assessment"`
	TouchesSecrets bool                `json:"touches_secrets"`
	Classification ttdn.Classification `json:"classification"`
}

func (s *Server) apiCaseAssess(ctx context.Context, id int64, version int, in *assessInput) (*ttdn.Case, error) {
	return s.cfg.Cases.AssessCase(ctx, id, ttdn.CaseAssessment{Version: version, Claim: strings.TrimSpace(in.Claim), Verdict: in.Verdict,
		Severity: in.Severity, Topics: in.Topics, Assessment: strings.TrimSpace(in.Assessment), TouchesSecrets: in.TouchesSecrets,
		Classification: in.Classification})
}

type assignInput struct {
	LeadUnitID          int64   `json:"lead_unit_id"`
	CoordinatingUnitIDs []int64 `json:"coordinating_unit_ids"`
}

func (s *Server) apiCaseAssign(ctx context.Context, id int64, version int, in *assignInput) (*ttdn.Case, error) {
	return s.cfg.Cases.AssignCase(ctx, id, ttdn.CaseAssignment{Version: version, LeadUnitID: in.LeadUnitID, CoordinatingUnitIDs: in.CoordinatingUnitIDs})
}

func (s *Server) apiCaseClose(ctx context.Context, id int64, version int, in *closeInput) (*ttdn.Case, error) {
	return s.cfg.Cases.CloseCase(ctx, id, ttdn.CaseClose{Version: version, Note: strings.TrimSpace(in.Note)})
}

type responseInput struct {
	Kind           ttdn.ResponseKind   `json:"kind"`
	Title          string              `json:"title"`
	Body           string              `json:"body"`
	Classification ttdn.Classification `json:"classification"`
}

// apiResponseDraftOp drafts a response to the case: 201 at the response.
func (s *Server) apiResponseDraftOp(r *http.Request) (*apiResult, error) {
	res, err := actOp(http.StatusCreated, func(ctx context.Context, caseID int64, in *responseInput) (*ttdn.CaseResponse, error) {
		resp := &ttdn.CaseResponse{Kind: in.Kind, Title: strings.TrimSpace(in.Title), Body: strings.TrimSpace(in.Body), OwnClassification: in.Classification}
		return resp, s.cfg.Cases.DraftResponse(ctx, caseID, resp)
	})(r)
	if err == nil {
		res.location = "/api/v1/case-responses/" + itoa(res.body.(*ttdn.CaseResponse).ID)
	}
	return res, err
}

type responsePatch struct {
	Kind           *ttdn.ResponseKind   `json:"kind"`
	Title          *string              `json:"title"`
	Body           *string              `json:"body"`
	Classification *ttdn.Classification `json:"classification"`
	Submit         bool                 `json:"submit"` // and send it for approval
}

func (s *Server) apiResponseUpdate(ctx context.Context, id int64, version int, in *responsePatch) (*ttdn.CaseResponse, error) {
	return s.cfg.Cases.UpdateResponse(ctx, id, ttdn.ResponseUpdate{Version: version, Kind: in.Kind, Title: in.Title, Body: in.Body,
		Classification: in.Classification, Submit: in.Submit})
}

type responseReviewInput struct {
	Decision string `json:"decision"` // approve or return
	Note     string `json:"note"`
}

func (s *Server) apiResponseReview(ctx context.Context, id int64, version int, in *responseReviewInput) (*ttdn.CaseResponse, error) {
	if in.Decision != "approve" && in.Decision != "return" {
		return nil, apiField("decision", ttdn.Errorf(ttdn.EINVALID, "Quyết định %q không hợp lệ (approve, return).", "Invalid decision %q (approve, return).", in.Decision))
	}
	return s.cfg.Cases.ReviewResponse(ctx, id, ttdn.ResponseReview{Version: version, Approve: in.Decision == "approve", Note: strings.TrimSpace(in.Note)})
}

type publishInput struct {
	Where string    `json:"where"`
	URL   string    `json:"url"`
	At    time.Time `json:"at"` // when it went out; now when zero
}

func (s *Server) apiResponsePublish(ctx context.Context, id int64, version int, in *publishInput) (*ttdn.CaseResponse, error) {
	return s.cfg.Cases.PublishResponse(ctx, id, ttdn.ResponsePublication{Version: version, Where: strings.TrimSpace(in.Where),
		URL: strings.TrimSpace(in.URL), At: in.At})
}
