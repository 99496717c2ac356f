package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiPlanRoutes registers the plan's life (issue 3) in the API: edit a
// draft or amend an issued plan with its reason, issue, close, reopen, copy
// into a new year, link to the plans it implements, and edit or amend a
// task — the same lifecycle service and policy as the pages.
func (s *Server) apiPlanRoutes() {
	s.op("PATCH /api/v1/plans/{id}", editOp(s.apiPlanUpdate))
	s.op("PATCH /api/v1/tasks/{id}", editOp(s.apiTaskUpdate))
	if s.cfg.Lifecycle == nil {
		return
	}
	lc := s.cfg.Lifecycle
	s.op("POST /api/v1/plans/{id}/issue", editOp(s.apiPlanIssue))
	s.op("POST /api/v1/plans/{id}/close", editOp(reasoned(lc.ClosePlan)))
	s.op("POST /api/v1/plans/{id}/reopen", editOp(reasoned(lc.ReopenPlan)))
	s.op("POST /api/v1/plans/{id}/copy", s.apiPlanCopyOp)
	s.op("PUT /api/v1/plans/{id}/links", actOp(http.StatusOK, s.apiPlanLinks))
	s.op("GET /api/v1/plans/{id}/history", listOp(lc.FindPlanHistory))
}

// planPatch changes a plan; on an issued plan it is an amendment and
// needs the reason, as on the page.
type planPatch struct {
	Number            *string              `json:"number"`
	Title             *string              `json:"title"`
	Year              *int                 `json:"year"`
	Issuer            *string              `json:"issuer"`
	Place             *string              `json:"place"`
	IssuedOn          *ttdn.Date           `json:"issued_on"`
	Signer            *string              `json:"signer"`
	SignerTitle       *string              `json:"signer_title"`
	Objectives        *[]string            `json:"objectives"`
	Requirements      *[]string            `json:"requirements"`
	ContentDirections *[]string            `json:"content_directions"`
	Budget            *string              `json:"budget"`
	Classification    *ttdn.Classification `json:"classification"`
	Reason            string               `json:"reason"`
}

func (s *Server) apiPlanUpdate(ctx context.Context, id int64, version int, in *planPatch) (*ttdn.Plan, error) {
	upd := ttdn.PlanUpdate{Version: version, Number: in.Number, Title: in.Title, Year: in.Year, Issuer: in.Issuer,
		Place: in.Place, IssuedOn: in.IssuedOn, Signer: in.Signer, SignerTitle: in.SignerTitle, Objectives: in.Objectives,
		Requirements: in.Requirements, ContentDirections: in.ContentDirections, Budget: in.Budget, Classification: in.Classification}
	cur, err := s.cfg.Plans.FindPlanByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if cur.Status != ttdn.PlanDraft && s.cfg.Lifecycle != nil {
		return s.cfg.Lifecycle.AmendPlan(ctx, id, upd, strings.TrimSpace(in.Reason))
	}
	return s.cfg.Plans.UpdatePlan(ctx, id, upd)
}

type planIssueInput struct {
	Number      string    `json:"number"`
	IssuedOn    ttdn.Date `json:"issued_on"`
	Signer      string    `json:"signer"`
	SignerTitle string    `json:"signer_title"`
}

func (s *Server) apiPlanIssue(ctx context.Context, id int64, version int, in *planIssueInput) (*ttdn.Plan, error) {
	return s.cfg.Lifecycle.IssuePlan(ctx, id, ttdn.PlanIssue{Version: version, Number: strings.TrimSpace(in.Number),
		IssuedOn: in.IssuedOn, Signer: strings.TrimSpace(in.Signer), SignerTitle: strings.TrimSpace(in.SignerTitle)})
}

type reasonInput struct {
	Reason string `json:"reason"`
}

// reasoned adapts a lifecycle step that takes a reason (close, reopen).
func reasoned(step func(ctx context.Context, id int64, version int, reason string) (*ttdn.Plan, error)) func(context.Context, int64, int, *reasonInput) (*ttdn.Plan, error) {
	return func(ctx context.Context, id int64, version int, in *reasonInput) (*ttdn.Plan, error) {
		return step(ctx, id, version, strings.TrimSpace(in.Reason))
	}
}

type planCopyInput struct {
	Year int `json:"year"`
}

// apiPlanCopyOp copies the plan into a draft for another year: 201 at the
// new plan.
func (s *Server) apiPlanCopyOp(r *http.Request) (*apiResult, error) {
	res, err := actOp(http.StatusCreated, func(ctx context.Context, id int64, in *planCopyInput) (*ttdn.Plan, error) {
		if err := required("year", in.Year == 0); err != nil {
			return nil, err
		}
		return s.cfg.Lifecycle.CopyPlan(ctx, id, in.Year)
	})(r)
	if err == nil {
		res.location = "/api/v1/plans/" + itoa(res.body.(*ttdn.Plan).ID)
	}
	return res, err
}

type planLinksInput struct {
	Links []ttdn.PlanLink `json:"links"`
}

// apiPlanLinks replaces the plans this plan implements; it answers the
// plan's tree.
func (s *Server) apiPlanLinks(ctx context.Context, id int64, in *planLinksInput) (*ttdn.PlanNode, error) {
	if err := s.cfg.Lifecycle.SetPlanLinks(ctx, id, in.Links); err != nil {
		return nil, err
	}
	return s.cfg.Lifecycle.FindPlanTree(ctx, id)
}

// taskPatch edits a task; on an issued plan the change is an amendment
// and the reason is kept in the plan's history.
type taskPatch struct {
	Title          *string              `json:"title"`
	Body           *string              `json:"body"`
	Lead           *[]ttdn.UnitRef      `json:"lead"`
	Executing      *[]ttdn.UnitRef      `json:"executing"`
	Coordinating   *[]ttdn.UnitRef      `json:"coordinating"`
	Deadline       *ttdn.Date           `json:"deadline"`
	DeadlineText   *string              `json:"deadline_text"`
	Status         *ttdn.TaskStatus     `json:"status"`
	Percent        *int                 `json:"percent"`
	Classification *ttdn.Classification `json:"classification"`
	Recurrence     *ttdn.Recurrence     `json:"recurrence"`
	Reason         string               `json:"reason"`
}

func (s *Server) apiTaskUpdate(ctx context.Context, id int64, version int, in *taskPatch) (*ttdn.Task, error) {
	return s.cfg.Tasks.UpdateTask(ctx, id, ttdn.TaskUpdate{Version: version, Title: in.Title, Body: in.Body, Lead: in.Lead,
		Executing: in.Executing, Coordinating: in.Coordinating, Deadline: in.Deadline, DeadlineText: in.DeadlineText,
		Status: in.Status, Percent: in.Percent, Classification: in.Classification, Recurrence: in.Recurrence,
		Reason: strings.TrimSpace(in.Reason)})
}
