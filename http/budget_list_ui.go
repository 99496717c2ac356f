package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/export"
)

// budgetListView is the list of estimates with its filters as typed.
type budgetListView struct {
	Rows     []*ttdn.BudgetEstimate
	Filter   budgetListFilter
	Units    []*ttdn.Unit
	Names    map[int64]string
	Statuses []ttdn.BudgetStatus
	Pager    pager
	Exports  exportLinks
	CanNew   bool
}

// Unit names a unit ID for the template.
func (v *budgetListView) Unit(id int64) string { return v.Names[id] }

type budgetListFilter struct{ Unit, Year, Status, Query, Sort string }

func (f budgetListFilter) filter() (ttdn.BudgetFilter, error) {
	out := ttdn.BudgetFilter{Sort: ttdn.BudgetSort(f.Sort)}
	if id, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		out.UnitID = &id
	}
	var err error
	if out.Year, err = parseYear(f.Year); err != nil {
		return out, err
	}
	if f.Status != "" {
		st := ttdn.BudgetStatus(f.Status)
		out.Status = &st
	}
	if f.Query != "" {
		out.Query = &f.Query
	}
	return out, nil
}

func (s *Server) handleBudgetList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := &budgetListView{Filter: budgetListFilter{Unit: q.Get("unit"), Year: strings.TrimSpace(q.Get("year")), Status: q.Get("status"),
		Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort")}, Statuses: ttdn.BudgetStatuses, Exports: newExportLinks(r),
		CanNew: reqOf(r).user.Role == ttdn.RoleUnitOfficer}
	var err error
	if v.Units, err = s.allUnits(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Names = unitNameMap(v.Units)
	filter, err := v.Filter.filter()
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.exportBudgets(w, r, v, filter)
		return
	}
	current, offset := pageNumber(r)
	filter.Offset, filter.Limit = offset, pageSize
	rows, total, err := s.cfg.Budgets.FindBudgetEstimates(r.Context(), filter)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Rows, v.Pager = rows, newPager(r, current, total)
	s.render(w, r, http.StatusOK, "budget_list", "budgets.title", v)
}

func unitNameMap(units []*ttdn.Unit) map[int64]string {
	m := make(map[int64]string, len(units))
	for _, u := range units {
		m[u.ID] = u.Name
	}
	return m
}

// exportBudgets writes every estimate the filter selects, with its
// estimated, appraised, approved and spent totals.
func (s *Server) exportBudgets(w http.ResponseWriter, r *http.Request, v *budgetListView, f ttdn.BudgetFilter) {
	f.Limit = maxExportRows
	rows, _, err := s.cfg.Budgets.FindBudgetEstimates(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t := export.Table{Title: "Dự toán kinh phí TTĐN", Columns: []string{"Mã", "Đơn vị", "Năm", "Tên dự toán", "Trạng thái",
		"Dự toán (đồng)", "Thẩm định (đồng)", "Phê duyệt (đồng)", "Cấp phát (đồng)", "Đã chi (đồng)", "Quyết định", "Lần sửa"}}
	for _, e := range rows {
		total, _ := e.Total()
		appraised, _ := e.AppraisedTotal()
		approved, _ := e.ApprovedTotal()
		allocated, _ := e.AllocatedTotal()
		spent, _ := e.SpentTotal()
		decision := strings.TrimSpace(e.Approval.Number + " " + e.Approval.Date.String())
		t.Rows = append(t.Rows, []any{e.ID, v.Names[e.UnitID], e.Year, e.Title, e.Status.Label(), int64(total), int64(appraised),
			int64(approved), int64(allocated), int64(spent), decision, e.Revision})
	}
	s.writeExport(w, r, "du-toan-kinh-phi", t)
}
