package planparse

import (
	"strings"

	"ttdn"
)

// closingStarts begin the paragraphs that close a plan after its last
// numbered duty: they address everyone, not the unit of that item.
var closingStarts = []string{"de nghi thu truong", "thu truong cac", "de nghi chu tich", "yeu cau thu truong", "trong qua trinh",
	"tren day la", "giao so", "ke hoach nay thay the", "ke hoach co hieu luc"}

// parseDuties turns each item of the organising section into a
// responsibility "V.3": the units its heading names and one duty per
// paragraph. In the last item, the paragraphs from a closing sentence on go
// to the plan's closing; the reporting sentence is read from the section.
func (ps *parser) parseDuties(s *section, last bool) {
	for k, it := range s.items {
		ps.at = it.line
		r := &ttdn.Responsibility{Ref: s.number + "." + itoa(it.number), Heading: tidy(it.head)}
		ps.mark("duty "+r.Ref, it.line)
		paras := it.paras
		holder, inline := splitInlineDuty(it.head)
		r.Units = ps.resolver.ResolveList(dutyHolder(holder))
		ps.unitWarnings("Mục "+r.Ref, r.Units)
		if inline != "" {
			r.Heading = tidy(holder)
			paras = append([]string{inline}, paras...)
		}
		if last && k == len(s.items)-1 {
			paras, ps.plan.Closing = splitClosing(paras)
		}
		r.Duties = cleanParas(paras)
		ps.plan.Responsibilities = append(ps.plan.Responsibilities, r)
	}
	if len(s.items) == 0 && last {
		ps.plan.Closing = cleanParas(s.intro)
	}
	ps.plan.Closing = cleanParas(ps.plan.Closing)
	ps.at = s.line
	ps.parseReportSchedule(s)
}

// dutyHolder strips the courtesy words before the units of a heading:
// "Đề nghị Ban Tuyên giáo Tỉnh ủy (Thường trực BCD 94-16)".
func dutyHolder(head string) string {
	h := strings.TrimRight(head, " .:")
	for _, p := range []string{"Đề nghị ", "đề nghị ", "Giao ", "Yêu cầu ", "Trách nhiệm của ", "Trách nhiệm "} {
		h = strings.TrimPrefix(h, p)
	}
	return h
}

// splitInlineDuty splits "3. Sở Thông tin và Truyền thông: Theo dõi …" into
// the holder and the first duty.
func splitInlineDuty(head string) (holder, duty string) {
	h, d, ok := strings.Cut(head, ":")
	if !ok || strings.TrimSpace(d) == "" || len(h) > 200 {
		return head, ""
	}
	return h, strings.TrimSpace(d)
}

func splitClosing(paras []string) (duties, closing []string) {
	for i, p := range paras {
		if hasFoldedPrefix(p, closingStarts...) {
			return paras[:i], paras[i:]
		}
	}
	return paras, nil
}
