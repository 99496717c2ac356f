package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// planForm is the plan edit form exactly as typed: on any error it goes back
// to the user unchanged.
type planForm struct {
	ID                                    int64
	Version                               int
	Number, Title, Year, Issuer, Place    string
	IssuedOn, Signer, SignerTitle, Budget string
	Objectives, Requirements, Directions  string
	Classification                        string
	Classifications                       []ttdn.Classification
	Conflict                              bool
	// Amend is set for an issued plan: its changes are an amendment and
	// need a Reason, kept in the plan's history.
	Amend  bool
	Reason string
}

func newPlanForm(p *ttdn.Plan) *planForm {
	return &planForm{ID: p.ID, Version: p.Version, Number: p.Number, Title: p.Title,
		Year: strconv.Itoa(p.Year), Issuer: p.Issuer, Place: p.Place, IssuedOn: p.IssuedOn.String(),
		Signer: p.Signer, SignerTitle: p.SignerTitle, Budget: p.Budget,
		Objectives: strings.Join(p.Objectives, "\n"), Requirements: strings.Join(p.Requirements, "\n"),
		Directions: strings.Join(p.ContentDirections, "\n"), Classification: p.Classification.String(),
		Classifications: ttdn.Classifications, Amend: p.Status == ttdn.PlanIssued}
}

func planFormFrom(r *http.Request, id int64) *planForm {
	v, _ := strconv.Atoi(r.PostFormValue("version"))
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return &planForm{ID: id, Version: v, Number: f("number"), Title: f("title"), Year: f("year"),
		Issuer: f("issuer"), Place: f("place"), IssuedOn: f("issued_on"), Signer: f("signer"),
		SignerTitle: f("signer_title"), Budget: f("budget"), Objectives: f("objectives"),
		Requirements: f("requirements"), Directions: f("directions"), Classification: f("classification"),
		Classifications: ttdn.Classifications, Amend: r.PostFormValue("amend") == "1",
		Reason: f("reason")}
}

// update turns the form into a PlanUpdate, refusing what does not parse.
func (f *planForm) update() (ttdn.PlanUpdate, error) {
	year, err := strconv.Atoi(f.Year)
	if err != nil {
		return ttdn.PlanUpdate{}, ttdn.Errorf(ttdn.EINVALID, "Năm kế hoạch %q không hợp lệ.", "Invalid plan year %q.", f.Year)
	}
	issued, err := ttdn.ParseDate(f.IssuedOn)
	if err != nil {
		return ttdn.PlanUpdate{}, err
	}
	class, err := ttdn.ParseClassification(f.Classification)
	if err != nil {
		return ttdn.PlanUpdate{}, err
	}
	obj, req, dir := lines(f.Objectives), lines(f.Requirements), lines(f.Directions)
	return ttdn.PlanUpdate{Version: f.Version, Number: &f.Number, Title: &f.Title, Year: &year,
		Issuer: &f.Issuer, Place: &f.Place, IssuedOn: &issued, Signer: &f.Signer, SignerTitle: &f.SignerTitle,
		Objectives: &obj, Requirements: &req, ContentDirections: &dir, Budget: &f.Budget,
		Classification: &class}, nil
}

// lines splits a textarea into its non-empty paragraphs.
func lines(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func (s *Server) handlePlanEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.formAllowed(w, r, ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, planResource(plan)) && plan.Status != ttdn.PlanClosed) {
		return
	}
	s.render(w, r, http.StatusOK, "plan_edit", "plan.edit", newPlanForm(plan))
}

func (s *Server) handlePlanEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	form := planFormFrom(r, id)
	upd, err := form.update()
	if err == nil {
		err = s.savePlan(r, id, form, upd)
	}
	if err != nil {
		if isCode(err, ttdn.ECONFLICT) {
			form.Conflict = true
			if cur, ferr := s.cfg.Plans.FindPlanByID(r.Context(), id); ferr == nil {
				form.Version = cur.Version // a second save is a deliberate overwrite
			}
		}
		s.renderWithError(w, r, err, "plan_edit", "plan.edit", form)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(id), "flash.saved")
}

// savePlan edits a draft freely and amends an issued plan with its reason.
func (s *Server) savePlan(r *http.Request, id int64, form *planForm, upd ttdn.PlanUpdate) error {
	var err error
	if form.Amend && s.cfg.Lifecycle != nil {
		_, err = s.cfg.Lifecycle.AmendPlan(r.Context(), id, upd, form.Reason)
	} else {
		_, err = s.cfg.Plans.UpdatePlan(r.Context(), id, upd)
	}
	return err
}
