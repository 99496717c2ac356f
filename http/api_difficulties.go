package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiDifficultyRoutes registers difficulties and recommendations (issue 5)
// in the API: a unit raises one, the coordinator groups them under a
// proposal, forwards the proposal and records the answer — the same service
// and policy as the pages.
func (s *Server) apiDifficultyRoutes() {
	if s.cfg.Difficulties == nil {
		return
	}
	d := s.cfg.Difficulties
	s.op("GET /api/v1/difficulties", s.apiDifficulties)
	s.op("POST /api/v1/difficulties", createOp("/api/v1/difficulties/{id}", s.apiDifficultyCreate))
	s.op("GET /api/v1/difficulties/{id}", readOp(d.FindDifficultyByID))
	s.op("PATCH /api/v1/difficulties/{id}", editOp(s.apiDifficultyUpdate))
	s.op("POST /api/v1/difficulties/{id}/close", editOp(s.apiDifficultyClose))
	s.op("GET /api/v1/difficulties/{id}/files", listOp(withoutData(d.FindDifficultyAttachments)))
	s.op("POST /api/v1/difficulties/{id}/files", s.filesOp(found(d.FindDifficultyByID), d.AddDifficultyAttachment))
	s.op("GET /api/v1/difficulty-groups", s.apiDifficultyGroups)
	s.op("POST /api/v1/difficulty-groups", createOp("/api/v1/difficulty-groups/{id}", s.apiDifficultyGroupCreate))
	s.op("GET /api/v1/difficulty-groups/{id}", readOp(d.FindDifficultyGroupByID))
	s.op("POST /api/v1/difficulty-groups/{id}/forward", editOp(s.apiDifficultyForward))
	s.op("POST /api/v1/difficulty-groups/{id}/answer", editOp(s.apiDifficultyAnswer))
}

func (s *Server) apiDifficulties(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	unitID, err1 := queryID(r, "unit_id")
	groupID, err2 := queryID(r, "group_id")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Difficulties.FindDifficulties(r.Context(), ttdn.DifficultyFilter{UnitID: unitID, GroupID: groupID,
		Status: queryStr[ttdn.DifficultyStatus](r, "status"), OpenOnly: r.URL.Query().Get("open") == "true",
		Query: queryStr[string](r, "q"), Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// difficultyInput raises a difficulty; the unit defaults to the caller's.
type difficultyInput struct {
	UnitID         int64               `json:"unit_id"`
	PlanID         int64               `json:"plan_id"`
	TaskID         int64               `json:"task_id"`
	Title          string              `json:"title"`
	Text           string              `json:"text"`
	Classification ttdn.Classification `json:"classification"`
}

func (s *Server) apiDifficultyCreate(ctx context.Context, in *difficultyInput) (*ttdn.Difficulty, error) {
	if in.UnitID == 0 {
		in.UnitID = ttdn.UserFromContext(ctx).UnitID
	}
	d := &ttdn.Difficulty{UnitID: in.UnitID, PlanID: in.PlanID, TaskID: in.TaskID, Title: strings.TrimSpace(in.Title),
		Text: strings.TrimSpace(in.Text), Classification: in.Classification}
	if err := s.cfg.Difficulties.CreateDifficulty(ctx, d); err != nil {
		return nil, err
	}
	return s.cfg.Difficulties.FindDifficultyByID(ctx, d.ID)
}

type difficultyPatch struct {
	Title          *string              `json:"title"`
	Text           *string              `json:"text"`
	PlanID         *int64               `json:"plan_id"`
	TaskID         *int64               `json:"task_id"`
	Classification *ttdn.Classification `json:"classification"`
}

func (s *Server) apiDifficultyUpdate(ctx context.Context, id int64, version int, in *difficultyPatch) (*ttdn.Difficulty, error) {
	return s.cfg.Difficulties.UpdateDifficulty(ctx, id, ttdn.DifficultyUpdate{Version: version, Title: in.Title, Text: in.Text,
		PlanID: in.PlanID, TaskID: in.TaskID, Classification: in.Classification})
}

type closeInput struct {
	Note string `json:"note"`
}

func (s *Server) apiDifficultyClose(ctx context.Context, id int64, version int, in *closeInput) (*ttdn.Difficulty, error) {
	return s.cfg.Difficulties.CloseDifficulty(ctx, id, version, strings.TrimSpace(in.Note))
}

func (s *Server) apiDifficultyGroups(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Difficulties.FindDifficultyGroups(r.Context(), p.offset, p.limit)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type groupInput struct {
	Title     string  `json:"title"`
	Proposal  string  `json:"proposal"`
	MemberIDs []int64 `json:"member_ids"`
}

func (s *Server) apiDifficultyGroupCreate(ctx context.Context, in *groupInput) (*ttdn.DifficultyGroup, error) {
	g := &ttdn.DifficultyGroup{Title: strings.TrimSpace(in.Title), Proposal: strings.TrimSpace(in.Proposal), MemberIDs: in.MemberIDs}
	if err := s.cfg.Difficulties.GroupDifficulties(ctx, g); err != nil {
		return nil, err
	}
	return s.cfg.Difficulties.FindDifficultyGroupByID(ctx, g.ID)
}

type forwardInput struct {
	To     string    `json:"to"`
	Number string    `json:"number"`
	Date   ttdn.Date `json:"date"`
}

func (s *Server) apiDifficultyForward(ctx context.Context, id int64, version int, in *forwardInput) (*ttdn.DifficultyGroup, error) {
	return s.cfg.Difficulties.ForwardDifficultyGroup(ctx, id, ttdn.DifficultyForward{Version: version,
		To: strings.TrimSpace(in.To), Number: strings.TrimSpace(in.Number), Date: in.Date})
}

type answerInput struct {
	Text   string    `json:"text"`
	Number string    `json:"number"`
	Date   ttdn.Date `json:"date"`
}

func (s *Server) apiDifficultyAnswer(ctx context.Context, id int64, version int, in *answerInput) (*ttdn.DifficultyGroup, error) {
	return s.cfg.Difficulties.AnswerDifficultyGroup(ctx, id, ttdn.DifficultyAnswer{Version: version,
		Text: strings.TrimSpace(in.Text), Number: strings.TrimSpace(in.Number), Date: in.Date})
}
