package http

import (
	"html/template"
	"net/http"
	"slices"
	"time"

	"ttdn"
	"ttdn/chart"
)

// caseView is a case's page: the source as it was, the stages against
// their deadlines, the assessment and assignment forms, the responses with
// the step each waits for, the spread with its chart, and closing.
type caseView struct {
	C        *ttdn.Case
	Names    map[int64]string
	Units    []*ttdn.Unit
	Evidence []*ttdn.Attachment
	Spread   *ttdn.CaseSpread
	Chart    template.HTML
	Timings  []ttdn.StageTiming

	Minutes   int64 // detection to the first published response
	Responded bool  // there is one

	CanAssign  bool // assess, assign and close
	CanWrite   bool // draft and publish responses, add evidence
	CanApprove bool
	Me         int64

	Assess  assessForm
	Draft   responseForm // the new response form
	Failed  int64        // the response whose form was refused
	Typed   responseForm // what was typed in it
	Publish publishForm

	Verdicts        []ttdn.Verdict
	Severities      []ttdn.Severity
	Topics          []ttdn.CaseTopic
	Kinds           []ttdn.ResponseKind
	Classifications []ttdn.Classification
	now             time.Time
}

// assessForm is the assessment as shown or typed.
type assessForm struct {
	Claim, Verdict, Severity, Assessment, Classification string
	Topics                                               []string
	Touches                                              bool
}

// HasTopic reports whether topic t is ticked.
func (f assessForm) HasTopic(t ttdn.CaseTopic) bool { return slices.Contains(f.Topics, string(t)) }

// responseForm is a response as shown or typed.
type responseForm struct {
	Kind, Title, Body, Classification string
}

// publishForm is the publication as typed (or proposed: now).
type publishForm struct {
	Where, URL, Date, Time string
}

// Unit names a unit for the template.
func (v *caseView) Unit(id int64) string { return v.Names[id] }

// IsCoordinating reports whether a unit is among the case's coordinating
// units (the assignment form's selection).
func (v *caseView) IsCoordinating(id int64) bool { return slices.Contains(v.C.CoordinatingUnitIDs, id) }

// Edit is what a draft's form shows: what was typed when its save was
// refused, else the stored draft.
func (v *caseView) Edit(r *ttdn.CaseResponse) responseForm {
	if r.ID == v.Failed {
		return v.Typed
	}
	return responseForm{Kind: string(r.Kind), Title: r.Title, Body: r.Body, Classification: r.OwnClassification.String()}
}

// CanReview reports whether the user may review r (not their own).
func (v *caseView) CanReview(r *ttdn.CaseResponse) bool {
	return v.CanApprove && r.Status == ttdn.ResponseSubmitted && r.DraftedBy != v.Me
}

func (s *Server) handleCaseView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newCaseViewPage(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case_view", "case.page", v)
}

// renderCaseWithError shows the case again with err's banner; edit lets
// the caller put back what was typed.
func (s *Server) renderCaseWithError(w http.ResponseWriter, r *http.Request, err error, edit func(v *caseView)) {
	v, verr := s.newCaseViewPage(r)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	if edit != nil {
		edit(v)
	}
	s.renderWithError(w, r, err, "case_view", "case.page", v)
}

func (s *Server) newCaseViewPage(r *http.Request) (*caseView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, errNotFound
	}
	ctx, u := r.Context(), reqOf(r).user
	c, err := s.cfg.Cases.FindCaseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.now()
	res := c.Resource()
	v := &caseView{C: c, Timings: c.Timings(now), Me: u.ID, now: now,
		CanAssign:  c.Open() && ttdn.Can(u, ttdn.ActionAssign, res),
		CanWrite:   c.Open() && ttdn.Can(u, ttdn.ActionUpdate, res),
		CanApprove: c.Open() && ttdn.Can(u, ttdn.ActionApprove, res),
		Verdicts:   ttdn.Verdicts, Severities: ttdn.Severities, Topics: ttdn.CaseTopics, Kinds: ttdn.ResponseKinds,
		Classifications: ttdn.Classifications,
		Draft:           responseForm{Kind: string(ttdn.ResponseArticle), Classification: ttdn.Internal.String()},
		Publish:         publishForm{Date: now.In(vietnam).Format("02/01/2006"), Time: now.In(vietnam).Format("15:04")},
		Assess: assessForm{Claim: c.Claim, Verdict: string(c.Verdict), Severity: string(c.Severity), Assessment: c.Assessment,
			Classification: c.OwnClassification.String(), Touches: c.TouchesSecrets}}
	v.Minutes, v.Responded = c.ResponseMinutes()
	for _, t := range c.Topics {
		v.Assess.Topics = append(v.Assess.Topics, string(t))
	}
	if v.Units, err = s.allUnits(r); err != nil {
		return nil, err
	}
	v.Names = unitNameMap(v.Units)
	if v.Evidence, err = s.cfg.Cases.FindCaseEvidence(ctx, id); err != nil {
		return nil, err
	}
	if c.StoryID != 0 {
		if v.Spread, err = s.cfg.Cases.FindCaseSpread(ctx, id); err != nil {
			return nil, err
		}
		v.Chart = spreadChart(&page{Lang: reqOf(r).lang}, c, v.Spread)
	}
	return v, nil
}

// spreadChart draws the story's items over time with the case's opening
// and its first published response.
func spreadChart(p *page, c *ttdn.Case, sp *ttdn.CaseSpread) template.HTML {
	ch := chart.Spread{Title: p.T("case.chart_title"), Desc: p.T("case.chart_desc"), Domestic: p.T("press.domestic"),
		Foreign: p.T("press.foreign"), Zone: vietnam,
		Markers: []chart.Marker{{At: c.OpenedAt, Label: p.T("case.chart_open")}, {At: c.PublishedAt, Label: p.T("case.chart_reply")}}}
	for _, it := range sp.Items {
		ch.Items = append(ch.Items, chart.SpreadItem{At: it.Published, Foreign: it.Foreign})
	}
	return template.HTML(ch.SVG())
}
