package http

import (
	"html/template"
	"net/http"
	"strconv"

	"ttdn"
	"ttdn/chart"
	"ttdn/export"
)

// chartGroups bounds the groups drawn; the table beside the chart lists
// them all.
const chartGroups = 8

// budgetSummaryView is the totals page: one dimension, its rows, a chart
// of estimated vs appraised vs approved vs spent, and the settings.
type budgetSummaryView struct {
	By       string
	Year     string
	Unit     string
	Dims     []ttdn.BudgetGroupBy
	Units    []*ttdn.Unit
	Rows     []ttdn.BudgetSummaryRow
	Total    ttdn.BudgetSummaryRow
	Chart    template.HTML
	Settings ttdn.BudgetSettings
	CanSet   bool
	Exports  exportLinks
}

func (s *Server) handleBudgetSummary(w http.ResponseWriter, r *http.Request) {
	v, err := s.newBudgetSummary(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.writeExport(w, r, "tong-hop-kinh-phi-"+v.By, summaryTable(v))
		return
	}
	s.render(w, r, http.StatusOK, "budget_summary", "budgets.summary", v)
}

func (s *Server) newBudgetSummary(r *http.Request) (*budgetSummaryView, error) {
	q := r.URL.Query()
	v := &budgetSummaryView{By: q.Get("by"), Year: q.Get("year"), Unit: q.Get("unit"), Dims: ttdn.BudgetGroupBys, Exports: newExportLinks(r)}
	if v.By == "" {
		v.By = string(ttdn.BudgetByUnitGroup)
	}
	f := ttdn.BudgetSummaryFilter{By: ttdn.BudgetGroupBy(v.By)}
	var err error
	if f.Year, err = parseYear(v.Year); err != nil {
		return nil, err
	}
	if id, err := strconv.ParseInt(v.Unit, 10, 64); err == nil {
		f.UnitID = &id
	}
	if v.Units, err = s.allUnits(r); err != nil {
		return nil, err
	}
	if v.Rows, err = s.cfg.Budgets.FindBudgetSummary(r.Context(), f); err != nil {
		return nil, err
	}
	for _, row := range v.Rows {
		if f.By == ttdn.BudgetByThemeGroup {
			break // a line counts under each of its themes: no total
		}
		if err := v.Total.AddRow(row); err != nil {
			return nil, err
		}
	}
	if v.Settings, err = s.cfg.Budgets.FindBudgetSettings(r.Context()); err != nil {
		return nil, err
	}
	u := reqOf(r).user
	v.CanSet = ttdn.Can(u, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceSettings})
	v.Chart = template.HTML(budgetChart(newPageLang(r), v.Rows).SVG()) // chart escapes every label itself
	return v, nil
}

// budgetChart draws up to chartGroups groups, four bars each. Money goes
// to float64 only here, for bar widths: every amount is at most
// ttdn.MaxMoney < 2^53, so the conversion is exact.
func budgetChart(p *page, rows []ttdn.BudgetSummaryRow) chart.BarChart {
	c := chart.BarChart{Title: p.T("budgets.chart_title"), Desc: p.T("budgets.chart_desc"), Unit: " đ"}
	for i, row := range rows {
		if i == chartGroups {
			break
		}
		for _, m := range []struct {
			key string
			v   ttdn.Money
		}{{"budget.estimated", row.Estimated}, {"budget.appraised", row.Appraised}, {"budget.approved", row.Approved}, {"budget.spent", row.Spent}} {
			c.Bars = append(c.Bars, chart.Bar{Label: row.Label + " · " + p.T(m.key), Value: float64(m.v)})
		}
	}
	return c
}

// newPageLang is a page that only translates, for code that draws.
func newPageLang(r *http.Request) *page { return &page{Lang: reqOf(r).lang} }

func summaryTable(v *budgetSummaryView) export.Table {
	t := export.Table{Title: "Tổng hợp kinh phí TTĐN", Columns: []string{"Nhóm", "Dự toán (đồng)", "Thẩm định (đồng)",
		"Phê duyệt (đồng)", "Cấp phát (đồng)", "Đã chi (đồng)"}}
	for _, r := range v.Rows {
		t.Rows = append(t.Rows, []any{r.Label, int64(r.Estimated), int64(r.Appraised), int64(r.Approved), int64(r.Allocated), int64(r.Spent)})
	}
	return t
}

// handleBudgetSettings changes the drafting warning threshold.
func (s *Server) handleBudgetSettings(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PostFormValue("warn_above_percent"))
	if err != nil {
		err = ttdn.Errorf(ttdn.EINVALID, "Ngưỡng cảnh báo phải là một số nguyên.", "The threshold must be a whole number.")
	} else {
		_, err = s.cfg.Budgets.UpdateBudgetSettings(r.Context(), ttdn.BudgetSettings{WarnAbovePercent: n})
	}
	if err != nil {
		v, verr := s.newBudgetSummary(r)
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		s.renderWithError(w, r, err, "budget_summary", "budgets.summary", v)
		return
	}
	s.redirectWithFlash(w, r, "/budgets/summary", "flash.budget_settings")
}
