package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// difficultyView is a difficulty's page: the text, the proposal and the
// answer when there are, the files, and the coordinator's close form.
type difficultyView struct {
	D        *ttdn.Difficulty
	UnitName string
	Task     *ttdn.Task
	Plan     *ttdn.Plan
	Files    []*ttdn.Attachment
	Age      int
	CanEdit  bool
	CanClose bool
	CanFile  bool
}

func (s *Server) handleDifficultyView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newDifficultyView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "difficulty_view", "difficulty.page", v)
}

func (s *Server) newDifficultyView(r *http.Request) (*difficultyView, error) {
	d, err := s.findDifficulty(r)
	if err != nil {
		return nil, err
	}
	ctx, u := r.Context(), reqOf(r).user
	res := ttdn.Resource{Kind: ttdn.ResourceDifficulty, Classification: d.Classification, UnitIDs: []int64{d.UnitID}}
	mayWrite := ttdn.Can(u, ttdn.ActionUpdate, res)
	v := &difficultyView{D: d, Age: d.AgeDays(s.now()), CanFile: mayWrite,
		CanEdit:  mayWrite && u.Role == ttdn.RoleUnitOfficer && d.Status == ttdn.DifficultyRaised,
		CanClose: u.Role == ttdn.RoleCoordinator && d.Status != ttdn.DifficultyClosed}
	names, err := s.unitNames(r)
	if err != nil {
		return nil, err
	}
	v.UnitName = names[d.UnitID]
	if d.TaskID != 0 {
		v.Task, _ = s.cfg.Tasks.FindTaskByID(ctx, d.TaskID)
	}
	if d.PlanID != 0 {
		v.Plan, _ = s.cfg.Plans.FindPlanByID(ctx, d.PlanID)
	}
	v.Files, err = s.cfg.Difficulties.FindDifficultyAttachments(ctx, d.ID)
	return v, err
}

func (s *Server) handleDifficultyClose(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	version, err := formVersion(r)
	if err == nil {
		_, err = s.cfg.Difficulties.CloseDifficulty(r.Context(), id, version, strings.TrimSpace(r.PostFormValue("note")))
	}
	if err != nil {
		s.renderDifficultyWithError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/difficulties/"+itoa(id), "flash.difficulty_closed")
}

func (s *Server) renderDifficultyWithError(w http.ResponseWriter, r *http.Request, err error) {
	v, verr := s.newDifficultyView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	s.renderWithError(w, r, err, "difficulty_view", "difficulty.page", v)
}

func (s *Server) handleDifficultyFileAdd(w http.ResponseWriter, r *http.Request) {
	id, err := addUploadedFiles(r, s.cfg.Difficulties.AddDifficultyAttachment)
	if err != nil {
		s.renderDifficultyWithError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/difficulties/"+itoa(id)+"#files", "flash.files_added")
}

func (s *Server) handleDifficultyFile(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	file, err := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if err != nil {
		s.renderError(w, r, errNotFound)
		return
	}
	a, err := s.cfg.Difficulties.FindDifficultyAttachment(r.Context(), id, file)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	serveAttachment(w, a)
}
