package planparse

import (
	"regexp"
	"strconv"
	"strings"

	"ttdn"
)

// dayMonthRe matches a yearly date "20/6", "05/12" (not followed by a year).
var dayMonthRe = regexp.MustCompile(`(\d{1,2})\s*/\s*(\d{1,2})(/\d)?`)

// parseReportSchedule finds the reporting sentence — "Định kỳ (ngày 20/6 và
// 05/12) báo cáo … gửi về Sở Thông tin và Truyền thông để tổng hợp báo cáo
// Ban Chỉ đạo 94-16, UBND tỉnh và Bộ TTTT" — in the closing or the duties,
// preferring one with due dates.
func (ps *parser) parseReportSchedule(s *section) {
	var candidates []string
	candidates = append(candidates, ps.plan.Closing...)
	for _, r := range ps.plan.Responsibilities {
		candidates = append(candidates, r.Duties...)
	}
	candidates = append(candidates, s.intro...)
	best, dated := "", []ttdn.DayMonth(nil)
	for _, p := range candidates {
		for _, sent := range sentences(p) {
			f := folded(sent)
			if !strings.Contains(f, "bao cao") {
				continue
			}
			if !strings.Contains(f, "gui") {
				// "Định kỳ 6 tháng (trước ngày 15/6) … báo cáo UBND tỉnh":
				// the dates, when the sentence naming the recipient has none.
				if d := dueDates(sent); dated == nil && len(d) > 0 && hasFoldedPrefix(sent, "dinh ky", "hang nam", "hang quy", "truoc ngay") {
					dated = d
				}
				continue
			}
			if len(dueDates(sent)) > 0 {
				ps.readSchedule(sent)
				return
			}
			if best == "" && strings.Contains(f, "tong hop") {
				best = sent
			}
		}
	}
	if best != "" {
		ps.readSchedule(best)
		if len(ps.plan.ReportSchedule.DueDates) == 0 {
			ps.plan.ReportSchedule.DueDates = dated
		}
	}
}

func (ps *parser) readSchedule(sent string) {
	rs := &ps.plan.ReportSchedule
	rs.DueDates = dueDates(sent)
	i := strings.Index(sent, "gửi về ")
	n := len("gửi về ")
	if i < 0 {
		i, n = strings.Index(sent, "gửi "), len("gửi ")
	}
	if i < 0 {
		return
	}
	after := sent[i+n:]
	to, recipients, _ := strings.Cut(after, " để ")
	if ref, _, ok := ps.resolver.ResolvePrefix(to); ok {
		rs.ReportTo = &ref
	} else if t := strings.TrimSpace(strings.TrimRight(to, " .;,")); t != "" {
		rs.ReportTo = &ttdn.UnitRef{Name: t, Text: t}
		ps.warnAt(ps.locate(t), "Báo cáo định kỳ: không nhận ra đơn vị tổng hợp “%s”.", t)
	}
	if j := strings.LastIndex(recipients, "báo cáo "); j >= 0 {
		list := strings.TrimRight(recipients[j+len("báo cáo "):], " .;")
		rs.Recipients = ps.resolver.ResolveList(list)
		ps.unitWarnings("Báo cáo định kỳ", rs.Recipients)
	}
}

func dueDates(sent string) []ttdn.DayMonth {
	var out []ttdn.DayMonth
	for _, m := range dayMonthRe.FindAllStringSubmatch(sent, -1) {
		if m[3] != "" {
			continue // a full date, not a yearly one
		}
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if d >= 1 && d <= 31 && mo >= 1 && mo <= 12 {
			out = append(out, ttdn.DayMonth{Day: d, Month: mo})
		}
	}
	return out
}

// sentences splits p after ". " where a capital follows.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' && isCapitalAt(p, i+2) {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

func isCapitalAt(s string, i int) bool {
	for _, r := range s[i:] {
		return r >= 'A' && r <= 'Z' || r > 0x7f && strings.ToLower(string(r)) != string(r)
	}
	return false
}
