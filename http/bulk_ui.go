package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// bulkForm is the bulk-update form under a task list as typed: a status to
// set and/or one update to add to every ticked task.
type bulkForm struct {
	Status, Text, Date string
}

// change turns the form into BulkUpdate's arguments.
func (f bulkForm) change() (*ttdn.TaskStatus, *ttdn.ProgressUpdate, error) {
	var status *ttdn.TaskStatus
	if f.Status != "" {
		st := ttdn.TaskStatus(f.Status)
		status = &st
	}
	if f.Text == "" {
		if status == nil {
			return nil, nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn trạng thái mới hoặc nhập nội dung cập nhật.", "Choose a new status or enter an update.")
		}
		return status, nil, nil
	}
	date, err := ttdn.ParseDate(f.Date)
	if err != nil {
		return nil, nil, err
	}
	return status, &ttdn.ProgressUpdate{Text: f.Text, Date: date}, nil
}

// checkedTasks reads the ticked task IDs.
func checkedTasks(r *http.Request) ([]int64, error) {
	var ids []int64
	for _, v := range r.PostForm["task"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Mã nhiệm vụ %q không hợp lệ.", "Invalid task ID %q.", v)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy đánh dấu ít nhất một nhiệm vụ.", "Tick at least one task.")
	}
	return ids, nil
}

// handleBulkUpdate applies one change to every ticked task, all or nothing.
// On refusal the list comes back with the ticks and the form as they were.
func (s *Server) handleBulkUpdate(w http.ResponseWriter, r *http.Request) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := bulkForm{Status: f("bulk_status"), Text: f("bulk_text"), Date: f("bulk_date")}
	ids, err := checkedTasks(r)
	var status *ttdn.TaskStatus
	var upd *ttdn.ProgressUpdate
	if err == nil {
		status, upd, err = form.change()
	}
	if err == nil {
		var planID int64
		if planID, err = strconv.ParseInt(r.PathValue("id"), 10, 64); err != nil {
			err = ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy kế hoạch.", "Plan not found.")
		} else {
			err = s.cfg.Progress.BulkUpdate(r.Context(), planID, ids, status, upd)
		}
	}
	if err != nil {
		v, verr := s.newPlanTasksView(r, ids)
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		v.Bulk = form
		v.page(r)
		s.renderWithError(w, r, err, "plan_tasks", "plan.task_list", v)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+r.PathValue("id")+"/tasks", "flash.bulk_done")
}
