package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// budgetDiffView compares two revisions of an estimate.
type budgetDiffView struct {
	E         *ttdn.BudgetEstimate
	Revisions []*ttdn.BudgetRevision
	From, To  int
	Diff      ttdn.BudgetDiff
}

// handleBudgetDiff shows what changed from ?from= to ?to= (by default the
// previous revision and the latest).
func (s *Server) handleBudgetDiff(w http.ResponseWriter, r *http.Request) {
	e, err := s.findBudget(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	revs, err := s.cfg.Budgets.FindBudgetRevisions(r.Context(), e.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := &budgetDiffView{E: e, Revisions: revs, From: max(1, len(revs)-1), To: len(revs)}
	if n, err := strconv.Atoi(r.URL.Query().Get("from")); err == nil {
		v.From = n
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("to")); err == nil {
		v.To = n
	}
	if v.From < 1 || v.To < 1 || v.From > len(revs) || v.To > len(revs) {
		s.renderError(w, r, ttdn.Errorf(ttdn.ENOTFOUND, "Không có lần sửa này (dự toán có %d lần sửa).",
			"No such revision (the estimate has %d).", len(revs)))
		return
	}
	v.Diff = ttdn.DiffBudgetRevisions(revs[v.From-1], revs[v.To-1])
	s.render(w, r, http.StatusOK, "budget_diff", "budget.diff", v)
}
