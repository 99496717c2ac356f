// Package document writes the consolidated report of a period as the files
// offices exchange: DOCX laid out as an administrative document per Nghị
// định 30/2020/NĐ-CP, PDF (pure Go, with an embedded Unicode font), XLSX and
// CSV. The writers take a ttdn.ConsolidatedReport as storage computes it;
// they know nothing of the database.
package document

import (
	"fmt"
	"strconv"
	"strings"

	"ttdn"
)

// Header lines of every administrative document (Nghị định 30/2020, phụ
// lục I): the national name (Quốc hiệu) and motto (Tiêu ngữ).
const (
	NationalName  = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	NationalMotto = "Độc lập - Tự do - Hạnh phúc"
	DocumentType  = "BÁO CÁO"
)

// NumberLine returns "Số: 125/BC-SVHTTDL", or the blank "Số:      /BC-…"
// of a draft, which the clerk fills in when the report is issued.
func NumberLine(c *ttdn.ConsolidatedReport) string {
	if c.Number != "" {
		return "Số: " + c.Number
	}
	return "Số:        /BC-" + abbreviation(c.IssuingUnit)
}

// abbreviation makes the issuing unit's symbol from its initials ("SỞ VĂN
// HÓA, THỂ THAO VÀ DU LỊCH" → "SVHTTDL"), as drafts show it.
func abbreviation(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.NewReplacer(",", " ", "-", " ").Replace(name)) {
		r := []rune(w)
		if strings.EqualFold(w, "và") {
			continue
		}
		b.WriteRune(r[0])
	}
	return strings.ToUpper(b.String())
}

// PlaceDate returns the place and date line, "Tây Ninh, ngày 05 tháng 12
// năm 2019". Nghị định 30 writes days below 10 and months below 3 with a
// leading zero; a draft leaves day and month blank.
func PlaceDate(c *ttdn.ConsolidatedReport) string {
	d := c.IssuedOn
	if d.IsZero() {
		year := ""
		if c.Period != nil {
			year = strconv.Itoa(c.Period.DueDate.Year)
		}
		return fmt.Sprintf("%s, ngày      tháng      năm %s", c.Place, year)
	}
	month := strconv.Itoa(int(d.Month))
	if d.Month < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", c.Place, d.Day, month, d.Year)
}

// Row is one line of the indicator table: a total (Level 0) or a "trong
// đó" breakdown row (Level 1).
type Row struct {
	Number   string // "1", "" for breakdown rows
	Name     string
	Unit     string
	Value    string
	Previous string
	Change   string
	Level    int
}

// TableHeadings are the columns of the indicator table.
var TableHeadings = []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Cùng kỳ năm trước", "Tăng (+), giảm (-)"}

// Rows returns the indicator table of c: each indicator's total, then its
// breakdown rows. Text indicators show how many units wrote one.
func Rows(c *ttdn.ConsolidatedReport) []Row {
	var rows []Row
	for i, t := range c.Totals {
		ind := t.Indicator
		r := Row{Number: strconv.Itoa(i + 1), Name: ind.Name, Unit: ind.Unit}
		if ind.ValueType == ttdn.ValueText {
			r.Value = fmt.Sprintf("%d đơn vị", len(t.Texts))
		} else {
			r.Value = FormatNumber(t.Value)
			r.Previous, r.Change = compare(t.Previous, t.Value)
		}
		rows = append(rows, r)
		for _, b := range t.Rows {
			br := Row{Name: "trong đó: " + ttdn.BreakdownItemName(b.Breakdown, b.Item, false) + " (" + strings.ToLower(b.Breakdown.Label()) + ")", Unit: ind.Unit,
				Value: FormatNumber(b.Value), Level: 1}
			br.Previous, br.Change = compare(b.Previous, b.Value)
			rows = append(rows, br)
		}
	}
	return rows
}

func compare(prev *int64, v int64) (string, string) {
	if prev == nil {
		return "", ""
	}
	d := v - *prev
	sign := ""
	if d > 0 {
		sign = "+"
	}
	return FormatNumber(*prev), sign + FormatNumber(d)
}

// FormatNumber groups thousands with dots, as Vietnamese documents do:
// 1.500.000.
func FormatNumber(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Section is one numbered part of the body with its paragraphs.
type Section struct {
	Heading    string
	Paragraphs []string
}

// romans numbers the body's parts.
var romans = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}

// Sections returns the body: the coordinator's narrative for each section
// or, where it wrote none, the units' texts gathered under it; then the
// open difficulties. The indicator table goes after the first section.
func Sections(c *ttdn.ConsolidatedReport) []Section {
	var out []Section
	for i, sec := range ttdn.NarrativeSections {
		s := Section{Heading: romans[i] + ". " + strings.ToUpper(sec.Heading)}
		if text := strings.TrimSpace(*sec.Get(&c.Narrative)); text != "" {
			s.Paragraphs = paragraphs(text)
		} else {
			for _, un := range c.UnitNarratives {
				if un.Key != sec.Key {
					continue
				}
				for _, u := range un.Units {
					s.Paragraphs = append(s.Paragraphs, u.UnitName+": "+strings.Join(paragraphs(u.Text), " "))
				}
			}
		}
		if sec.Key == "shortcomings" && len(c.Difficulties) > 0 {
			for _, d := range c.Difficulties {
				s.Paragraphs = append(s.Paragraphs, "- "+d)
			}
		}
		out = append(out, s)
	}
	return out
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// SignerLines splits the position ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC") into lines.
func SignerLines(c *ttdn.ConsolidatedReport) []string {
	return paragraphs(strings.ReplaceAll(c.SignerTitle, " / ", "\n"))
}

// Recipients returns the "Nơi nhận" lines, each starting with "- ".
func Recipients(c *ttdn.ConsolidatedReport) []string {
	out := make([]string, 0, len(c.Recipients))
	for _, r := range c.Recipients {
		out = append(out, "- "+strings.TrimPrefix(strings.TrimSpace(r), "- "))
	}
	return out
}

// Title returns the summary line under "BÁO CÁO".
func Title(c *ttdn.ConsolidatedReport) string { return c.Summary }
