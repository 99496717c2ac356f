package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiBulkRoutes registers the bulk change of a plan's task list (issue 3):
// one status and/or one progress update for every task named, all or
// nothing, through the same progress service as the page.
func (s *Server) apiBulkRoutes() {
	if s.cfg.Progress == nil {
		return
	}
	s.op("POST /api/v1/plans/{id}/tasks/bulk", actOp(http.StatusOK, s.apiBulkUpdate))
}

type bulkInput struct {
	TaskIDs []int64          `json:"task_ids"`
	Status  *ttdn.TaskStatus `json:"status"`
	Text    string           `json:"text"` // a progress update for each task
	Date    ttdn.Date        `json:"date"` // of that update; today when empty
}

// apiBulkUpdate answers the tasks as they are after the change.
func (s *Server) apiBulkUpdate(ctx context.Context, planID int64, in *bulkInput) (map[string]any, error) {
	if len(in.TaskIDs) == 0 {
		return nil, apiField("task_ids", ttdn.Errorf(ttdn.EINVALID, "Hãy đánh dấu ít nhất một nhiệm vụ.", "Tick at least one task."))
	}
	var upd *ttdn.ProgressUpdate
	if text := strings.TrimSpace(in.Text); text != "" {
		upd = &ttdn.ProgressUpdate{Text: text, Date: in.Date}
		if upd.Date.IsZero() {
			upd.Date = ttdn.DateOf(s.now().In(vietnam))
		}
	} else if in.Status == nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn trạng thái mới hoặc nhập nội dung cập nhật.", "Choose a new status or enter an update.")
	}
	tasks := make([]*ttdn.Task, 0, len(in.TaskIDs))
	for _, id := range in.TaskIDs { // a task of another plan is not this list's
		t, err := s.cfg.Tasks.FindTaskByID(ctx, id)
		if err != nil {
			return nil, apiField("task_ids", err)
		} else if t.PlanID != planID {
			return nil, apiField("task_ids", ttdn.Errorf(ttdn.EINVALID, "Nhiệm vụ %d không thuộc kế hoạch này.", "Task %d is not in this plan.", id))
		}
	}
	if err := s.cfg.Progress.BulkUpdate(ctx, planID, in.TaskIDs, in.Status, upd); err != nil {
		return nil, err
	}
	for _, id := range in.TaskIDs {
		t, err := s.cfg.Tasks.FindTaskByID(ctx, id)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, t)
	}
	return map[string]any{"items": tasks}, nil
}
