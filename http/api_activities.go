package http

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"ttdn"
)

// apiActivityRoutes registers the activity registry (issue 3) in the API:
// press conferences, trainings, fairs, publications… with their files — the
// same service and policy as the pages.
func (s *Server) apiActivityRoutes() {
	if s.cfg.Activities == nil {
		return
	}
	s.op("GET /api/v1/activities", s.apiActivities)
	s.op("POST /api/v1/activities", createOp("/api/v1/activities/{id}", s.apiActivityCreate))
	s.op("GET /api/v1/activities/{id}", readOp(s.cfg.Activities.FindActivityByID))
	s.op("PATCH /api/v1/activities/{id}", editOp(s.apiActivityUpdate))
	if s.cfg.Attachments != nil {
		s.op("GET /api/v1/activities/{id}/files", listOp(s.apiActivityFiles))
		s.op("POST /api/v1/activities/{id}/files", s.apiActivityFileAdd)
	}
}

func (s *Server) apiActivities(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	unitID, err1 := queryID(r, "unit_id")
	taskID, err2 := queryID(r, "task_id")
	channelID, err3 := queryID(r, "channel_id")
	from, err4 := queryDate(r, "from")
	to, err5 := queryDate(r, "to")
	if err := firstErr(err1, err2, err3, err4, err5); err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Activities.FindActivities(r.Context(), ttdn.ActivityFilter{Type: queryStr[ttdn.ActivityType](r, "type"),
		UnitID: unitID, TaskID: taskID, ChannelID: channelID, Theme: queryStr[string](r, "theme"), From: from, To: to,
		Query: queryStr[string](r, "q"), Sort: ttdn.SortByDate, Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// activityInput is an activity as a client writes it; the organising unit
// defaults to the caller's own, the classification to internal.
type activityInput struct {
	Type           ttdn.ActivityType   `json:"type"`
	Title          string              `json:"title"`
	Summary        string              `json:"summary"`
	StartDate      ttdn.Date           `json:"start_date"`
	EndDate        ttdn.Date           `json:"end_date"`
	Place          string              `json:"place"`
	UnitIDs        []int64             `json:"unit_ids"`
	TaskIDs        []int64             `json:"task_ids"`
	Themes         []string            `json:"themes"`
	Classification ttdn.Classification `json:"classification"`
	Details        json.RawMessage     `json:"details"` // the fields of the type's details
}

func (s *Server) apiActivityCreate(ctx context.Context, in *activityInput) (*ttdn.Activity, error) {
	if len(in.UnitIDs) == 0 {
		if u := ttdn.UserFromContext(ctx); u.UnitID != 0 {
			in.UnitIDs = []int64{u.UnitID}
		}
	}
	details, err := ttdn.DecodeActivityDetails(in.Type, in.Details)
	if err != nil {
		return nil, apiField("details", err)
	}
	a := &ttdn.Activity{Type: in.Type, Title: strings.TrimSpace(in.Title), Summary: strings.TrimSpace(in.Summary),
		StartDate: in.StartDate, EndDate: in.EndDate, Place: strings.TrimSpace(in.Place), UnitIDs: in.UnitIDs,
		TaskIDs: in.TaskIDs, Themes: in.Themes, Classification: in.Classification, Details: details}
	if err := s.cfg.Activities.CreateActivity(ctx, a); err != nil {
		return nil, err
	}
	return s.cfg.Activities.FindActivityByID(ctx, a.ID)
}

type activityPatch struct {
	Title          *string              `json:"title"`
	Summary        *string              `json:"summary"`
	StartDate      *ttdn.Date           `json:"start_date"`
	EndDate        *ttdn.Date           `json:"end_date"`
	Place          *string              `json:"place"`
	UnitIDs        *[]int64             `json:"unit_ids"`
	TaskIDs        *[]int64             `json:"task_ids"`
	Themes         *[]string            `json:"themes"`
	Classification *ttdn.Classification `json:"classification"`
	Details        json.RawMessage      `json:"details"`
}

// apiActivityUpdate edits an activity; its type is fixed once created, and
// details, when sent, are read as that type's.
func (s *Server) apiActivityUpdate(ctx context.Context, id int64, version int, in *activityPatch) (*ttdn.Activity, error) {
	upd := ttdn.ActivityUpdate{Version: version, Title: in.Title, Summary: in.Summary,
		StartDate: in.StartDate, EndDate: in.EndDate, Place: in.Place, UnitIDs: in.UnitIDs, TaskIDs: in.TaskIDs,
		Themes: in.Themes, Classification: in.Classification}
	if in.Details != nil {
		cur, err := s.cfg.Activities.FindActivityByID(ctx, id)
		if err != nil {
			return nil, err
		}
		d, err := ttdn.DecodeActivityDetails(cur.Type, in.Details)
		if err != nil {
			return nil, apiField("details", err)
		}
		upd.Details = &d
	}
	return s.cfg.Activities.UpdateActivity(ctx, id, upd)
}

// apiActivityFiles lists the activity's files, without their contents.
func (s *Server) apiActivityFiles(ctx context.Context, id int64) ([]*ttdn.Attachment, error) {
	if _, err := s.cfg.Activities.FindActivityByID(ctx, id); err != nil {
		return nil, err // an activity one may not read is not found
	}
	files, err := s.cfg.Attachments.FindAttachments(ctx, ttdn.ResourceActivity, id)
	for _, f := range files {
		f.Data = nil
	}
	return files, err
}

// apiActivityFileAdd stores multipart files ("files") for the activity,
// under the same check as the page: who may change the activity.
func (s *Server) apiActivityFileAdd(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	a, err := s.cfg.Activities.FindActivityByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !ttdn.Can(ttdn.UserFromContext(r.Context()), ttdn.ActionUpdate, activityResource(a)) {
		return nil, errNoForm()
	}
	if !isMultipart(r) {
		return nil, withStatus(http.StatusUnsupportedMediaType, ttdn.EINVALID, "Tệp gửi bằng multipart/form-data, trường files.", "Send files as multipart/form-data, field files.")
	}
	files, err := s.parseAPIMultipart(r)
	if err == nil && len(files) == 0 {
		err = apiField("files", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một tệp.", "Choose at least one file."))
	}
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Attachments.CreateAttachments(r.Context(), ttdn.ResourceActivity, a.ID, files); err != nil {
		return nil, apiField("files", err)
	}
	for _, f := range files {
		f.Data = nil
	}
	return created(map[string]any{"items": files}, 0, "/api/v1/activities/"+itoa(a.ID)+"/files")
}
