package http

import (
	"net/http"
	"strings"

	"ttdn"
)

// difficultyGroupView is a group's page: its members, its proposal, and
// the forms to forward it and to record the answer.
type difficultyGroupView struct {
	G       *ttdn.DifficultyGroup
	Members []*ttdn.Difficulty
	Names   map[int64]string
	CanAct  bool
	Form    struct{ To, Number, Date, Text string }
}

// Unit names a unit ID for the template.
func (v *difficultyGroupView) Unit(id int64) string { return v.Names[id] }

func (s *Server) handleDifficultyGroupView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newDifficultyGroupView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "difficulty_group", "difficulty.group", v)
}

func (s *Server) newDifficultyGroupView(r *http.Request) (*difficultyGroupView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v := &difficultyGroupView{CanAct: reqOf(r).user.Role == ttdn.RoleCoordinator}
	if v.G, err = s.cfg.Difficulties.FindDifficultyGroupByID(r.Context(), id); err != nil {
		return nil, err
	}
	if v.Members, _, err = s.cfg.Difficulties.FindDifficulties(r.Context(), ttdn.DifficultyFilter{GroupID: &id}); err != nil {
		return nil, err
	}
	v.Names, err = s.unitNames(r)
	return v, err
}

// handleDifficultyForward records that the proposal was sent.
func (s *Server) handleDifficultyForward(w http.ResponseWriter, r *http.Request) {
	f, version, date, err := groupStepForm(r)
	id, _ := pathID(r)
	if err == nil {
		_, err = s.cfg.Difficulties.ForwardDifficultyGroup(r.Context(), id, ttdn.DifficultyForward{Version: version, To: f.To, Number: f.Number, Date: date})
	}
	s.afterGroupStep(w, r, err, f, "flash.difficulty_forwarded")
}

// handleDifficultyAnswer records the People's Committee's answer.
func (s *Server) handleDifficultyAnswer(w http.ResponseWriter, r *http.Request) {
	f, version, date, err := groupStepForm(r)
	id, _ := pathID(r)
	if err == nil {
		_, err = s.cfg.Difficulties.AnswerDifficultyGroup(r.Context(), id, ttdn.DifficultyAnswer{Version: version, Text: f.Text, Number: f.Number, Date: date})
	}
	s.afterGroupStep(w, r, err, f, "flash.difficulty_answered")
}

type groupStep struct{ To, Number, Date, Text string }

func groupStepForm(r *http.Request) (groupStep, int, ttdn.Date, error) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := groupStep{To: v("to"), Number: v("number"), Date: v("date"), Text: v("text")}
	version, err := formVersion(r)
	if err != nil {
		return f, 0, ttdn.Date{}, err
	}
	date, err := ttdn.ParseDate(f.Date)
	return f, version, date, err
}

// afterGroupStep redirects to the group, or shows it again with the error
// and what was typed.
func (s *Server) afterGroupStep(w http.ResponseWriter, r *http.Request, err error, f groupStep, flash string) {
	if err == nil {
		s.redirectWithFlash(w, r, "/difficulty-groups/"+r.PathValue("id"), flash)
		return
	}
	v, verr := s.newDifficultyGroupView(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	v.Form.To, v.Form.Number, v.Form.Date, v.Form.Text = f.To, f.Number, f.Date, f.Text
	s.renderWithError(w, r, err, "difficulty_group", "difficulty.group", v)
}
