package http

import (
	"net/http"
	"strings"

	"ttdn"
)

// apiProgressRoutes registers progress updates: JSON, or multipart with
// evidence files ("files"), as the page sends them.
func (s *Server) apiProgressRoutes() {
	if s.cfg.Progress == nil {
		return
	}
	s.op("GET /api/v1/tasks/{id}/progress", s.apiProgressList)
	s.op("POST /api/v1/tasks/{id}/progress", s.apiProgressAdd)
}

func (s *Server) apiProgressList(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.cfg.Tasks.FindTaskByID(r.Context(), id); err != nil {
		return nil, err // a task one may not read is not found
	}
	rows, total, err := s.cfg.Progress.FindProgressUpdates(r.Context(), ttdn.ProgressFilter{TaskID: &id, Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	for _, u := range rows {
		for _, a := range u.Attachments {
			a.Data = nil
		}
	}
	return listOf(p, rows, total)
}

type progressInput struct {
	Date    ttdn.Date        `json:"date"`
	Text    string           `json:"text"`
	Percent *int             `json:"percent"`
	Status  *ttdn.TaskStatus `json:"status"`
}

func (s *Server) apiProgressAdd(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.cfg.Tasks.FindTaskByID(r.Context(), id); err != nil {
		return nil, err // a task one may not read is not found, whatever the body
	}
	u := &ttdn.ProgressUpdate{TaskID: id}
	if isMultipart(r) {
		files, err := s.parseAPIMultipart(r)
		if err != nil {
			return nil, err
		}
		if u, err = progressFormFrom(r).update(id); err != nil {
			return nil, err
		}
		u.Attachments = files
	} else {
		var in progressInput
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		u.Date, u.Text, u.Percent, u.Status = in.Date, strings.TrimSpace(in.Text), in.Percent, in.Status
	}
	if u.Date.IsZero() {
		u.Date = ttdn.DateOf(s.now().In(ttdn.VietnamZone()))
	}
	if err := s.cfg.Progress.AddProgressUpdate(r.Context(), u); err != nil {
		return nil, err
	}
	for _, a := range u.Attachments {
		a.Data = nil
	}
	return created(u, 0, "/api/v1/tasks/"+itoa(id)+"/progress")
}
