package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// planTreeView is the plan with what it implements above it and the plans
// implementing it below, and the links as an editable text.
type planTreeView struct {
	Root      *ttdn.PlanNode
	Links     string
	CanManage bool
}

func (s *Server) handlePlanTree(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPlanTreeView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "plan_tree", "plan.tree", v)
}

func (s *Server) newPlanTreeView(r *http.Request) (*planTreeView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	plan, err := s.cfg.Plans.FindPlanByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	root, err := s.cfg.Lifecycle.FindPlanTree(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return &planTreeView{Root: root, Links: linksText(root.Implements),
		CanManage: ttdn.Can(reqOf(r).user, ttdn.ActionUpdate, planResource(plan))}, nil
}

// linksText writes what a plan implements one per line: "#ID" for a stored
// plan, else "number | title".
func linksText(nodes []*ttdn.PlanNode) string {
	var b strings.Builder
	for _, n := range nodes {
		if n.PlanID != 0 {
			b.WriteString("#" + itoa(n.PlanID) + " | " + n.Number + "\n")
			continue
		}
		b.WriteString(n.Number)
		if n.Title != "" {
			b.WriteString(" | " + n.Title)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// parseLinks reads the text linksText writes.
func parseLinks(text string) ([]ttdn.PlanLink, error) {
	out := []ttdn.PlanLink{}
	for i, line := range strings.Split(text, "\n") {
		num, title, _ := strings.Cut(strings.TrimSpace(line), "|")
		num, title = strings.TrimSpace(num), strings.TrimSpace(title)
		if num == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(num, "#"); ok {
			id, err := strconv.ParseInt(rest, 10, 64)
			if err != nil || id <= 0 {
				return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng %d: %q không phải mã kế hoạch.", "Line %d: %q is not a plan ID.", i+1, num)
			}
			out = append(out, ttdn.PlanLink{TargetPlanID: id})
			continue
		}
		out = append(out, ttdn.PlanLink{Number: num, Title: title})
	}
	return out, nil
}

func (s *Server) handlePlanLinks(w http.ResponseWriter, r *http.Request) {
	v, err := s.newPlanTreeView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Links = r.PostFormValue("links")
	links, err := parseLinks(v.Links)
	if err == nil {
		err = s.cfg.Lifecycle.SetPlanLinks(r.Context(), v.Root.PlanID, links)
	}
	if err != nil {
		s.renderWithError(w, r, err, "plan_tree", "plan.tree", v)
		return
	}
	s.redirectWithFlash(w, r, "/plans/"+itoa(v.Root.PlanID)+"/tree", "flash.saved")
}
