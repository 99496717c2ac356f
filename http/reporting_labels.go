package http

import (
	"ttdn"
	"ttdn/document"
)

// Label helpers of the reporting pages, in the page's language; the domain
// gives the Vietnamese, the catalog the English.

func (p *page) PeriodType(t ttdn.PeriodType) string {
	return label(p.Lang, "period_type", t, string(t))
}
func (p *page) PeriodStatus(s ttdn.PeriodStatus) string {
	return p.T("period_status." + string(s))
}
func (p *page) ReportStatus(s ttdn.ReportStatus) string {
	return label(p.Lang, "report_status", s, string(s))
}
func (p *page) ReportAction(a ttdn.ReportAction) string {
	return label(p.Lang, "report_action", a, string(a))
}
func (p *page) ValueType(t ttdn.ValueType) string { return label(p.Lang, "value_type", t, string(t)) }
func (p *page) Breakdown(b ttdn.Breakdown) string { return label(p.Lang, "breakdown", b, string(b)) }

// Source names an indicator's pre-fill rule ("" : typed by the unit).
func (p *page) Source(src string) string {
	if src == "" {
		return p.T("ind.source_none")
	}
	if _, ok := catalog["ind_source."+src]; ok {
		return p.T("ind_source." + src)
	}
	return src
}

// IndicatorName is the indicator's name in the page's language.
func (p *page) IndicatorName(ind *ttdn.Indicator) string {
	if p.Lang == langEN && ind.NameEN != "" {
		return ind.NameEN
	}
	return ind.Name
}

// Cell is a completeness cell in words (colour is never the only sign).
func (p *page) Cell(c ttdn.CellState, accepted bool) string { return cellText(p.Lang, c, accepted) }

// PeriodShort is a matrix column heading.
func (p *page) PeriodShort(rp *ttdn.ReportPeriod) string { return shortPeriod(rp) }

// Num groups thousands with dots, as Vietnamese documents do.
func (p *page) Num(n int64) string { return document.FormatNumber(n) }

// Pct is part of whole as a whole percentage.
func (p *page) Pct(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return part * 100 / whole
}
