package http

import (
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// maxEvidenceFiles bounds the files of one update.
const maxEvidenceFiles = 10

// progressForm is the add-an-update form as typed; on any error it comes
// back unchanged (files cannot be kept: the browser must send them again).
type progressForm struct {
	Text, Date, Status, Percent string
}

func progressFormFrom(r *http.Request) progressForm {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return progressForm{Text: f("text"), Date: f("date"), Status: f("status"), Percent: f("percent")}
}

// update turns the form into a ProgressUpdate; an empty status or percent
// leaves the task's as they are.
func (f progressForm) update(taskID int64) (*ttdn.ProgressUpdate, error) {
	date, err := ttdn.ParseDate(f.Date)
	if err != nil {
		return nil, err
	}
	u := &ttdn.ProgressUpdate{TaskID: taskID, Text: f.Text, Date: date}
	if f.Status != "" {
		st := ttdn.TaskStatus(f.Status)
		u.Status = &st
	}
	if f.Percent != "" {
		p, err := strconv.Atoi(strings.TrimSuffix(f.Percent, "%"))
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Tỷ lệ hoàn thành %q không phải là số.", "Percent done %q is not a number.", f.Percent)
		}
		u.Percent = &p
	}
	return u, nil
}

// readEvidence reads the uploaded files into attachments. Storage checks
// each one's size and type by content.
func readEvidence(r *http.Request) ([]*ttdn.Attachment, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	files := r.MultipartForm.File["files"]
	if len(files) > maxEvidenceFiles {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Mỗi lần cập nhật đính kèm tối đa %d tệp.", "At most %d files per update.", maxEvidenceFiles)
	}
	var out []*ttdn.Attachment
	for _, fh := range files {
		if fh.Filename == "" && fh.Size == 0 {
			continue // the empty file input of a form sent without a file
		}
		data, err := readPart(fh)
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %q.", "The file %q could not be read.", fh.Filename)
		}
		out = append(out, &ttdn.Attachment{Name: fh.Filename, Data: data})
	}
	return out, nil
}

func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func (s *Server) handleProgressAdd(w http.ResponseWriter, r *http.Request) {
	form := progressFormFrom(r)
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The task page is built only to show an error: the service reads
	// and checks the task itself, and a success only redirects (the page
	// was 13 statements before each stored update).
	u, err := form.update(id)
	if err == nil {
		u.Attachments, err = readEvidence(r)
	}
	if err == nil {
		err = s.cfg.Progress.AddProgressUpdate(r.Context(), u)
	}
	if err != nil {
		v, verr := s.newTaskView(r)
		if verr != nil { // not there, or not the user's to read
			s.renderError(w, r, verr)
			return
		}
		v.Form = form
		s.renderWithError(w, r, err, "task", "task.page", v)
		return
	}
	s.redirectWithFlash(w, r, "/tasks/"+itoa(id)+"#updates", "flash.progress_added")
}

// progressFormError answers an update whose body could not be read (over
// the limit): the task page with the message; what was typed is lost with
// the unread body.
func (s *Server) progressFormError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newTaskView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	s.renderWithError(w, r, err, "task", "task.page", v)
}
