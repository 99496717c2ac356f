package http

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/export"
	"ttdn/vntext"
)

// unitsPerMatrixPage bounds the rows of one matrix page; the export holds
// them all.
const unitsPerMatrixPage = 50

// completenessView is the units × periods matrix, or one unit over the
// years when the filter names a unit.
type completenessView struct {
	Matrix  *ttdn.CompletenessMatrix
	Rows    []*ttdn.CompletenessRow
	Filter  completenessFilter
	Plans   []*ttdn.Plan
	Units   []*ttdn.Unit
	Types   []ttdn.PeriodType
	Unit    *ttdn.CompletenessRow // the one unit, in the per-unit view
	Pager   pager
	Exports exportLinks
}

type completenessFilter struct{ Plan, Type, From, To, Unit string }

func (f completenessFilter) filter() (ttdn.CompletenessFilter, error) {
	var cf ttdn.CompletenessFilter
	if id, err := strconv.ParseInt(f.Plan, 10, 64); err == nil {
		cf.PlanID = &id
	}
	if f.Type != "" {
		t := ttdn.PeriodType(f.Type)
		cf.Type = &t
	}
	var err error
	if cf.FromYear, err = parseYear(f.From); err != nil {
		return cf, err
	}
	if cf.ToYear, err = parseYear(f.To); err != nil {
		return cf, err
	}
	if id, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		cf.UnitID = &id
	}
	return cf, nil
}

func (s *Server) handleCompleteness(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := &completenessView{Filter: completenessFilter{Plan: q.Get("plan"), Type: q.Get("type"), From: q.Get("from"),
		To: q.Get("to"), Unit: q.Get("unit")}, Types: periodTypes, Exports: newExportLinks(r)}
	cf, err := v.Filter.filter()
	var m *ttdn.CompletenessMatrix
	if err == nil {
		m, err = s.cfg.Completeness.FindCompleteness(r.Context(), cf)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.writeExport(w, r, "ty-le-bao-cao", completenessTable(m))
		return
	}
	// Storage orders by bytes; officials expect Vietnamese order (Đ after D).
	slices.SortStableFunc(m.Rows, func(a, b *ttdn.CompletenessRow) int {
		return strings.Compare(vntext.Fold(a.UnitName), vntext.Fold(b.UnitName))
	})
	v.Matrix = m
	if v.Plans, _, err = s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Limit: 200, Choices: true, NoTaskCount: true}); err == nil {
		v.Units, err = s.completenessUnits(r, cf, m)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.Filter.Unit != "" && len(m.Rows) == 1 {
		v.Unit = m.Rows[0]
	}
	current, _ := pageNumber(r)
	v.Pager = newPagerSize(r, current, len(m.Rows), unitsPerMatrixPage)
	start := min((current-1)*unitsPerMatrixPage, len(m.Rows))
	v.Rows = m.Rows[start:min(start+unitsPerMatrixPage, len(m.Rows))]
	s.render(w, r, http.StatusOK, "report_completeness", "compl.title", v)
}

// shortPeriod is a matrix column heading: "6T/2019", "Năm 2019", "Q2/2019".
func shortPeriod(rp *ttdn.ReportPeriod) string {
	switch rp.Type {
	case ttdn.PeriodHalfYear:
		return fmt.Sprintf("6T/%d", rp.Year)
	case ttdn.PeriodYear:
		return fmt.Sprintf("Năm %d", rp.Year)
	case ttdn.PeriodQuarter:
		return fmt.Sprintf("Q%d/%d", rp.Number, rp.Year)
	case ttdn.PeriodMonth:
		return fmt.Sprintf("T%d/%d", rp.Number, rp.Year)
	}
	return fmt.Sprintf("ĐX%d/%d", rp.Number, rp.Year)
}

// cellText is a cell in words, so the matrix reads without colour.
func cellText(lang string, c ttdn.CellState, accepted bool) string {
	if c == ttdn.CellNotExpected {
		return "—"
	}
	t := translate(lang, "compl.cell_"+string(c))
	if accepted {
		t += " ✔"
	}
	return t
}

// completenessTable is the whole matrix as a file: one row per unit, one
// column per period, then the unit's totals.
func completenessTable(m *ttdn.CompletenessMatrix) export.Table {
	t := export.Table{Title: "Tỷ lệ báo cáo", Columns: []string{"Đơn vị"}}
	for _, rp := range m.Periods {
		t.Columns = append(t.Columns, shortPeriod(rp))
	}
	t.Columns = append(t.Columns, "Phải báo cáo", "Đúng hạn", "Muộn", "Chưa nộp")
	for _, row := range m.Rows {
		cells := []any{row.UnitName}
		for i, c := range row.Cells {
			cells = append(cells, strings.TrimSuffix(cellText(langVI, c, row.Accepted[i]), " ✔"))
		}
		t.Rows = append(t.Rows, append(cells, row.Expected, row.OnTime, row.Late, row.Missing))
	}
	return t
}

// completenessUnits are the unit filter's choices: the units that report in
// the periods chosen (the matrix's rows), in its order — not the whole
// directory, whose central bodies and ended units report nothing. With one
// unit chosen, the rows of the same filter without it.
func (s *Server) completenessUnits(r *http.Request, cf ttdn.CompletenessFilter, m *ttdn.CompletenessMatrix) ([]*ttdn.Unit, error) {
	if cf.UnitID != nil {
		cf.UnitID = nil
		all, err := s.cfg.Completeness.FindCompleteness(r.Context(), cf)
		if err != nil {
			return nil, err
		}
		slices.SortStableFunc(all.Rows, func(a, b *ttdn.CompletenessRow) int {
			return strings.Compare(vntext.Fold(a.UnitName), vntext.Fold(b.UnitName))
		})
		m = all
	}
	units := make([]*ttdn.Unit, 0, len(m.Rows))
	for _, row := range m.Rows {
		units = append(units, &ttdn.Unit{ID: row.UnitID, Name: row.UnitName})
	}
	return units, nil
}
