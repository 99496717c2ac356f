package http

import (
	"bytes"
	"io"
	"net/http"
	"strings"

	"ttdn"
	"ttdn/export"
)

// maxCSVBytes bounds a CSV of progress updates (5,000 rows fit easily).
const maxCSVBytes = 2 << 20

// progressCSVView is the upload form, then the preview of what the file
// will change. The preview is stateless like the plan import's: the file
// travels back in a hidden field and is checked again on confirmation.
type progressCSVView struct {
	Plan     *ttdn.Plan
	Name     string
	CSV      string
	Preview  *ttdn.BulkPreview
	MaxBytes string
	Columns  []string
}

// Changed counts the rows that change a task's status or percent.
func (v *progressCSVView) Changed() int {
	n := 0
	if v.Preview != nil {
		for _, r := range v.Preview.Rows {
			if r.Changed() {
				n++
			}
		}
	}
	return n
}

// RowError shows a row error in the page's language.
func (p *page) RowError(e ttdn.RowError) string {
	if p.Lang == langEN && e.MessageEN != "" {
		return e.MessageEN
	}
	return e.Message
}

func (s *Server) newProgressCSVView(r *http.Request) (*progressCSVView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	plan, err := s.planSummary(r, map[int64]*ttdn.Plan{}, id)
	if err != nil {
		return nil, err
	} else if plan.Title == "" {
		return nil, errNotFound
	}
	return &progressCSVView{Plan: plan, MaxBytes: formatBytes(maxCSVBytes),
		Columns: []string{ttdn.ColTask, ttdn.ColStatus, ttdn.ColPercent, ttdn.ColDate, ttdn.ColText}}, nil
}

func (s *Server) handleProgressCSVForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.newProgressCSVView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if r.URL.Query().Get("template") == "1" {
		s.progressCSVTemplate(w, r, v.Plan)
		return
	}
	s.render(w, r, http.StatusOK, "progress_csv", "bulk.csv", v)
}

// progressCSVTemplate is a CSV to fill in: one row per task the user may
// update, with its current status and percent.
func (s *Server) progressCSVTemplate(w http.ResponseWriter, r *http.Request, p *ttdn.Plan) {
	tasks, _, err := s.cfg.Tasks.FindTasks(r.Context(), ttdn.TaskFilter{PlanID: &p.ID, Limit: maxPlanTasks})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t := export.Table{Title: "Cập nhật tiến độ", Columns: []string{ttdn.ColTask, ttdn.ColStatus, ttdn.ColPercent, ttdn.ColDate, ttdn.ColText}}
	for _, task := range tasks {
		if ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, taskResource(task)) {
			t.Rows = append(t.Rows, []any{task.Ref, task.Status.Label(), task.Percent, "", ""})
		}
	}
	r.URL.RawQuery = "format=csv"
	s.writeExport(w, r, "cap-nhat-tien-do-"+itoa(p.ID), t)
}

// readCSVUpload returns the uploaded file, or the hidden copy of a preview.
func readCSVUpload(r *http.Request) (name, text string, err error) {
	if r.MultipartForm != nil && len(r.MultipartForm.File["file"]) > 0 {
		fh := r.MultipartForm.File["file"][0]
		if fh.Size > maxCSVBytes {
			return "", "", ttdn.Errorf(ttdn.ETOOLARGE, "Tệp CSV vượt quá %s.", "The CSV file is over %s.", formatBytes(maxCSVBytes))
		}
		data, err := readPart(fh)
		if err != nil {
			return "", "", ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp CSV.", "The CSV file could not be read.")
		}
		return fh.Filename, ttdn.CleanText(string(data)), nil
	}
	text = r.PostFormValue("csv")
	if strings.TrimSpace(text) == "" {
		return "", "", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn tệp CSV.", "Choose a CSV file.")
	}
	return r.PostFormValue("name"), text, nil
}

func (s *Server) handleProgressCSVPreview(w http.ResponseWriter, r *http.Request) {
	s.progressCSV(w, r, false)
}

func (s *Server) handleProgressCSVConfirm(w http.ResponseWriter, r *http.Request) {
	s.progressCSV(w, r, true)
}

// progressCSV previews an uploaded CSV or, on confirmation, applies it;
// a file with any error changes nothing and shows its errors.
func (s *Server) progressCSV(w http.ResponseWriter, r *http.Request, apply bool) {
	v, err := s.newProgressCSVView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var parsed *ttdn.ProgressCSV
	v.Name, v.CSV, err = readCSVUpload(r)
	if err == nil {
		parsed, err = ttdn.ParseProgressCSV(io.Reader(bytes.NewReader([]byte(v.CSV))))
	}
	if err == nil && apply {
		v.Preview, err = s.cfg.ProgressCSV.ApplyProgressCSV(r.Context(), v.Plan.ID, parsed)
	} else if err == nil {
		v.Preview, err = s.cfg.ProgressCSV.PreviewProgressCSV(r.Context(), v.Plan.ID, parsed)
	}
	switch {
	case err != nil && v.Preview == nil:
		v.CSV = ""
		s.renderWithError(w, r, err, "progress_csv", "bulk.csv", v)
	case err != nil:
		s.renderWithError(w, r, err, "progress_preview", "bulk.preview", v)
	case apply:
		s.redirectWithFlash(w, r, "/plans/"+itoa(v.Plan.ID)+"/tasks", "flash.csv_applied")
	case !v.Preview.OK():
		s.render(w, r, http.StatusUnprocessableEntity, "progress_preview", "bulk.preview", v)
	default:
		s.render(w, r, http.StatusOK, "progress_preview", "bulk.preview", v)
	}
}

// progressCSVFormError answers an upload over the limit on the form.
func (s *Server) progressCSVFormError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newProgressCSVView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	s.renderWithError(w, r, err, "progress_csv", "bulk.csv", v)
}
