package http

import (
	"strings"
	"time"

	"ttdn"
	"ttdn/document"
)

// englishCatalog holds words the English-mode walk (english_test.go) found
// written in Vietnamese only: the national header of official documents
// and the way a document is cited.
var englishCatalog = map[string][2]string{
	"doc.nation":        {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"},
	"doc.motto":         {"Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"},
	"doc.cite_number":   {"%s số %s", "%s no. %s"},
	"doc.cite_date":     {"%s ngày %s", "%s of %s"},
	"press.span_day":    {"ngày %s", "%s"},
	"cons.doc_kind":     {"BÁO CÁO", "REPORT"},
	"cons.units_wrote":  {"%d đơn vị", "%d units"},
	"cons.of_which":     {"trong đó: %s (%s)", "of which: %s (%s)"},
	"ind.unit_example":  {"tin, bài", "articles"},
	"home.due":          {"hạn %s", "due %s"},
	"home.forwarded":    {"gửi %s", "sent %s"},
	"home.budget_year":  {"năm %d", "year %d"},
	"home.late":         {"nộp muộn", "submitted late"},
	"home.missing_late": {"%d đơn vị chưa nộp, %d nộp muộn (hạn %s)", "%d units yet to report, %d late (due %s)"},
	"press.span_week":   {"từ ngày %s đến ngày %s", "%s to %s"},
}

func init() {
	for k, v := range englishCatalog {
		catalog[k] = v
	}
}

// DocLabel cites a document as offices do, in the page's language:
// "Quyết định số 368/QĐ-TTg ngày 28/02/2013" (the kind is the document's
// own word, kept as written).
func (p *page) DocLabel(d ttdn.Document) string {
	s := d.Kind
	if d.Number != "" {
		if s != "" {
			s = p.T("doc.cite_number", s, d.Number)
		} else {
			s = d.Number
		}
	}
	if !d.Date.IsZero() && s == "" {
		s = d.Date.String()
	} else if !d.Date.IsZero() {
		s = p.T("doc.cite_date", s, d.Date.String())
	}
	return s
}

// digestSpan is the page's words for the days a press digest covers; the
// digest's documents keep document.DigestSpan, in Vietnamese.
func digestSpan(p *page, d *ttdn.PressDigest) string {
	if d.Kind == ttdn.DigestWeekly {
		first := ttdn.DateOf(d.Day.Time(time.UTC).AddDate(0, 0, -6))
		return p.T("press.span_week", first.String(), d.Day.String())
	}
	return p.T("press.span_day", d.Day.String())
}

// measureUnits are the English words of the units of measure the indicator
// catalogue is seeded with (ttdn.DefaultIndicators); a unit a coordinator
// typed is shown as typed.
var measureUnits = map[string]string{
	"bản ghi": "records", "bản": "copies", "chương trình": "programmes", "cuộc": "events",
	"lượt người": "attendances", "lượt": "times", "lớp": "courses", "người": "persons",
	"nhiệm vụ": "tasks", "sự kiện": "events", "tin, bài": "articles", "văn bản": "documents",
	"vụ việc": "cases", "đoàn": "delegations", "đầu ấn phẩm": "titles", "phút": "minutes", "đồng": "đồng",
}

// MeasureUnit is an indicator's unit of measure in the page's language.
func (p *page) MeasureUnit(u string) string {
	if en, ok := measureUnits[u]; ok && p.Lang == langEN {
		return en
	}
	return u
}

// englishRows is the consolidated report's indicator table for a reader
// of the English pages: document.Rows in English words. The documents
// exported stay in Vietnamese.
func englishRows(c *ttdn.ConsolidatedReport) []document.Row {
	p := &page{Lang: langEN}
	rows := document.Rows(c)
	i := 0
	for _, t := range c.Totals {
		ind := t.Indicator
		rows[i].Name, rows[i].Unit = p.IndicatorName(ind), p.MeasureUnit(ind.Unit)
		if ind.ValueType == ttdn.ValueText {
			rows[i].Value = translate(langEN, "cons.units_wrote", len(t.Texts))
		}
		i++
		for _, b := range t.Rows {
			rows[i].Name = translate(langEN, "cons.of_which", ttdn.BreakdownItemName(b.Breakdown, b.Item, true), strings.ToLower(p.Breakdown(b.Breakdown)))
			rows[i].Unit = p.MeasureUnit(ind.Unit)
			i++
		}
	}
	return rows
}

// englishNumberLine is document.NumberLine for the English page.
func englishNumberLine(c *ttdn.ConsolidatedReport) string {
	return strings.Replace(document.NumberLine(c), "Số:", "No.:", 1)
}

// englishPlaceDate is document.PlaceDate for the English page: the place
// and the date as dd/mm/yyyy (blank until the report is issued).
func englishPlaceDate(c *ttdn.ConsolidatedReport) string {
	if !c.IssuedOn.IsZero() {
		return c.Place + ", " + c.IssuedOn.String()
	}
	year := ""
	if c.Period != nil {
		year = itoa(int64(c.Period.DueDate.Year))
	}
	return c.Place + ", …/…/" + year
}
