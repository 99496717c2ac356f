// Package planparse turns the text of an issued TTĐN plan into a ttdn.Plan.
// It is pure: it reads bytes and touches no database.
//
// It reads the genre, not one document: a header block (issuing body, số
// ký hiệu, place and date) possibly wrapped in a web page; the "KẾ HOẠCH"
// title and summary; a preamble of legal bases; Roman-numbered sections
// whose roles are found by their content (objectives, content directions,
// tasks with unit lines, budget, unit responsibilities); the closing,
// reporting sentence, "Nơi nhận" list and signer.
//
// Deadlines keep their text as written. A date ("trước ngày 15 tháng 8 năm
// 2026") is the deadline; a quarter, month or year ("Quý II/2026",
// "tháng 6/2026", "năm 2026") gives its last day, so that the task can be
// overdue; habits ("Thường xuyên", "Hằng năm") have no date; anything else
// has no date and a warning.
package planparse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"ttdn"
	"ttdn/directory"
)

// Result is a parsed plan and what the parser could not settle. Its JSON form
// is the contract of `ttdn plan parse`.
type Result struct {
	*ttdn.Plan
	Warnings []Warning `json:"warnings"`
	// Text is the text the plan was read from (a PDF's or .docx's
	// extracted), whose lines Warning.Line numbers.
	Text string `json:"-"`
	// Lines gives where parts of the plan start in Text: "title", "section
	// III", "task III.2", "duty V.1" → line (from 1).
	Lines map[string]int `json:"-"`
}

// Warning is something the parser could not settle, with the line of Text
// (from 1; 0 for the document as a whole) it concerns.
type Warning struct {
	Line int    `json:"line,omitempty"`
	Text string `json:"text"`
}

func (w Warning) String() string { return w.Text }

// parser holds one parse's state.
type parser struct {
	plan       *ttdn.Plan
	resolver   *directory.Resolver
	warnings   []Warning
	issuerText string // upper-case issuer lines of the header
	refIndex   map[string]int

	src    []string       // the source lines
	lineOf map[string]int // paragraph → the line it starts on
	at     int            // the line being read, for warnings

	titleLine int            // where the title is, for warnings about the header
	lines     map[string]int // Result.Lines

	attachment     string          // "(Ban hành kèm theo Quyết định số …)"
	decisionPlace  string          // of the issuing decision's header
	decisionIssuer string          // its issuing body as written
	decisionBases  []ttdn.Document // its "Căn cứ …"

	tables []*taskTable // the task tables taken out of the text
}

// Parse reads a plan from data: UTF-8 text (composed or decomposed) or a
// .docx, told apart by content. filename is only used in messages. Unit
// names resolve through r (directory.Default() when nil). A file that is
// empty, not UTF-8, a damaged .docx or not a plan is refused with an
// EINVALID *ttdn.Error (ETOOLARGE when over the size limits). What the
// parser could not settle — an unknown unit, an unreadable deadline, a
// missing header — is kept as written and reported in Warnings.
func Parse(data []byte, filename string, r *directory.Resolver) (*Result, error) {
	text, err := decode(data, filename)
	if err != nil {
		return nil, err
	}
	if r == nil {
		r = directory.Default()
	}
	text = prepare(text)
	rest, tables := extractTables(text)
	paras, starts := paragraphs(rest)
	lineOf := make(map[string]int, len(paras))
	for i, p := range paras {
		if _, dup := lineOf[p]; !dup {
			lineOf[p] = starts[i]
		}
	}
	ps := &parser{plan: &ttdn.Plan{Kind: "Kế hoạch"}, refIndex: map[string]int{}, src: strings.Split(text, "\n"), lineOf: lineOf, resolver: r, tables: tables}
	headFrom, at := 0, -1
	if dec, art1, planAt, ok := findDecision(paras); ok {
		if planAt < 0 {
			return nil, notAPlan(filename, "đây là quyết định ban hành kế hoạch nhưng văn bản không có kế hoạch kèm theo",
				"it is the decision issuing a plan, but the attached plan is not in the text")
		}
		headFrom, at = ps.parseDecision(paras, dec, art1, planAt), planAt
	} else {
		at = findTitle(paras, 0)
	}
	inferred := at < 0
	if inferred {
		if vi, en := otherGenre(paras); vi != "" {
			return nil, notAPlan(filename, "đây là "+vi+", không có tiêu đề “KẾ HOẠCH” hay “CHƯƠNG TRÌNH”",
				"it is a "+en+", with no “KẾ HOẠCH” (plan) or “CHƯƠNG TRÌNH” (programme) title")
		}
		if at = inferTitle(paras); at < 0 {
			return nil, notAPlan(filename, "không có tiêu đề “KẾ HOẠCH”", "it has no “KẾ HOẠCH” title")
		}
	}
	ps.parseHeader(paras[headFrom:at])
	if inferred {
		ps.plan.Kind = kindFromNumber(ps.plan.Number)
	}
	next := ps.parseTitle(paras, at)
	if inferred {
		ps.warnAt(ps.titleLine, "Không thấy dòng tiêu đề “%s” (có thể bị mất khi sao chép); đã lấy “%s” làm tên văn bản — hãy kiểm tra.",
			strings.ToUpper(ps.plan.Kind), ps.plan.Title)
	}
	body, tail := splitTail(paras[next:])
	pre, secs, lostFirst := splitSections(body, lineOf)
	if len(secs) == 0 {
		return nil, notAPlan(filename, "không có mục nào được đánh số La Mã (I, II, III…) hay số (1, 2, 3…)",
			"it has no sections numbered with Roman (I, II, III…) or Arabic (1, 2, 3…) numerals")
	}
	if lostFirst {
		ps.warnAt(secs[0].line, "Không thấy tiêu đề mục I (có thể bị mất khi sao chép); các đoạn đánh số trước mục II được xếp vào mục I.")
	}
	if ps.plan.IssuedOn.IsZero() && ps.plan.Decision != nil {
		ps.plan.IssuedOn = ps.plan.Decision.Date
	}
	if ps.plan.Year == 0 && ps.plan.Decision != nil {
		ps.plan.Year, ps.plan.YearTo = yearsOf(ps.plan.Decision.Title)
	}
	if ps.plan.Year == 0 && !ps.plan.IssuedOn.IsZero() {
		ps.plan.Year = ps.plan.IssuedOn.Year
	}
	ps.resolver = resolverFor(r, ps.plan)
	if ps.issuerText != "" {
		ps.plan.Issuer = ps.issuerName(ps.issuerText)
	}
	ps.parsePreamble(pre)
	ps.parseSections(secs)
	ps.parseTail(tail)
	for _, t := range tables {
		if !t.used {
			ps.parseTableTasks(t, "PL") // an appendix after the signature
		}
	}
	ps.fromDecision()
	ps.checkCut(body, tail)
	ps.checkHeader()
	ps.fillEmpty()
	ps.mark("title", ps.titleLine)
	return &Result{Plan: ps.plan, Warnings: ps.warnings, Text: text, Lines: ps.lines}, nil
}

// mark records where a part of the plan starts.
func (ps *parser) mark(part string, line int) {
	if line <= 0 {
		return
	}
	if ps.lines == nil {
		ps.lines = map[string]int{}
	}
	if _, ok := ps.lines[part]; !ok {
		ps.lines[part] = line
	}
}

// warn records a warning about the line being read.
func (ps *parser) warn(format string, args ...any) {
	ps.warnAt(ps.at, format, args...)
}

func (ps *parser) warnAt(line int, format string, args ...any) {
	ps.warnings = append(ps.warnings, Warning{Line: line, Text: fmt.Sprintf(format, args...)})
}

// locate finds the line, at or after the one being read, that holds text
// as written (white space aside), or the line being read.
func (ps *parser) locate(text string) int {
	needle := strings.Join(strings.Fields(text), " ")
	if needle == "" {
		return ps.at
	}
	needle = needle[:min(len(needle), 40)]
	for i := max(ps.at-1, 0); i < len(ps.src) && i < ps.at+200; i++ {
		if strings.Contains(cleanLine(ps.src[i]), needle) {
			return i + 1
		}
	}
	return ps.at
}

// lineAt is the line paragraph p starts on, or the line being read.
func (ps *parser) lineAt(p string) int {
	if n, ok := ps.lineOf[p]; ok {
		return n
	}
	return ps.at
}

// checkHeader warns about what a complete plan has and this text lacks.
func (ps *parser) checkHeader() {
	p := ps.plan
	ps.at = ps.titleLine
	if p.Number == "" && p.Decision == nil {
		ps.warn("Không tìm thấy số, ký hiệu của kế hoạch (văn bản thiếu phần đầu).")
	}
	if p.IssuedOn.IsZero() {
		ps.warn("Không tìm thấy ngày ban hành của kế hoạch.")
	}
	if p.Title == "" {
		ps.warn("Không tìm thấy trích yếu (tên) của kế hoạch.")
	}
	if p.Year == 0 {
		ps.warn("Không xác định được năm của kế hoạch.")
	}
	if p.Signer == "" {
		ps.at = len(ps.src)
		ps.warn("Không tìm thấy người ký.")
	}
}

// unitWarnings reports the names in refs the directory does not know, and
// the units that no longer existed on the plan's date.
func (ps *parser) unitWarnings(where string, refs []ttdn.UnitRef) {
	for _, r := range refs {
		if !r.Resolved() {
			ps.warnAt(ps.locate(r.Text), "%s: không nhận ra đơn vị “%s” (giữ nguyên như trong văn bản).", where, r.Text)
		} else if note, ended := ps.resolver.Ended(r); ended {
			ps.warnAt(ps.locate(r.Text), "%s: đơn vị “%s” đã kết thúc trước thời điểm của kế hoạch. %s", where, r.Text, note)
		}
	}
}

// fillEmpty makes every list encode as [] rather than null.
func (ps *parser) fillEmpty() {
	p := ps.plan
	for _, s := range []*[]string{&p.Objectives, &p.Requirements, &p.ContentDirections} {
		if *s == nil {
			*s = []string{}
		}
	}
	if ps.warnings == nil {
		ps.warnings = []Warning{}
	}
	if p.LegalBases == nil {
		p.LegalBases = []ttdn.Document{}
	}
	if p.References == nil {
		p.References = []ttdn.Document{}
	}
	if p.Sections == nil {
		p.Sections = []ttdn.Section{}
	}
	if p.Tasks == nil {
		p.Tasks = []*ttdn.Task{}
	}
	if p.Responsibilities == nil {
		p.Responsibilities = []*ttdn.Responsibility{}
	}
	if p.Distribution == nil {
		p.Distribution = []ttdn.Recipient{}
	}
	if p.ReportSchedule.DueDates == nil {
		p.ReportSchedule.DueDates = []ttdn.DayMonth{}
	}
	if p.ReportSchedule.Recipients == nil {
		p.ReportSchedule.Recipients = []ttdn.UnitRef{}
	}
	for _, t := range p.Tasks {
		for _, l := range []*[]ttdn.UnitRef{&t.Lead, &t.Executing, &t.Coordinating} {
			if *l == nil {
				*l = []ttdn.UnitRef{}
			}
		}
	}
	for _, r := range p.Responsibilities {
		if r.Units == nil {
			r.Units = []ttdn.UnitRef{}
		}
		if r.Duties == nil {
			r.Duties = []string{}
		}
	}
}

// splitTail cuts the body where the signature part begins: "Nơi nhận:" or
// a signer's title ("KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN") after the body.
func splitTail(paras []string) (body, tail []string) {
	for i, p := range paras {
		if strings.HasPrefix(p, "Nơi nhận") || isSignerTitle(p) {
			return paras[:i], paras[i:]
		}
	}
	return paras, nil
}

// checkCut warns about a text that stops short: no signature part, and a
// last paragraph that ends mid-sentence.
func (ps *parser) checkCut(body, tail []string) {
	if len(tail) > 0 || len(body) == 0 {
		return
	}
	last := body[len(body)-1]
	r, _ := utf8.DecodeLastRuneInString(last)
	if !strings.ContainsRune(".:;!?)”\"", r) {
		ps.warnAt(ps.lineAt(last), "Văn bản có thể bị cắt ngắn: dừng giữa câu và không có phần ký, “Nơi nhận”. Hãy kiểm tra các mục cuối.")
	}
}
