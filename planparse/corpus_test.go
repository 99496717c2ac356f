package planparse

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"ttdn"
	"ttdn/directory"
)

// The corpus (testdata/corpus, see its README) holds plans of other
// provinces and years in the shapes provinces publish, each with a
// hand-made expected result, and a small unit directory per province. The
// parser is scored field by field against them; documents of the held-out
// set were not looked at while the parser was tuned, and must score at
// least corpusThreshold.

const corpusThreshold = 0.95

// wantPlan is a hand-made expected result: what a careful reader takes
// from the document.
type wantPlan struct {
	Set      string `json:"set"` // "tune" or "held-out"
	Province string `json:"province"`
	Shape    string `json:"shape"`
	Header   struct {
		Kind, Number, Title, Issuer, Place, IssuedOn, Signer, SignerTitle, Decision string
		Year, YearTo                                                                int
	} `json:"header"`
	LegalBases       []string `json:"legal_bases"` // "72/2015/NĐ-CP 2015-09-07"
	Sections         []string `json:"sections"`    // "II NHIỆM VỤ"
	Tasks            []wantTaskJSON
	Responsibilities []struct {
		Ref    string
		Units  []string
		Duties int
	}
	Report struct {
		Due        []string // "20/6"
		To         string
		Recipients []string
	}
	Distribution []string
}

type wantTaskJSON struct {
	Ref, Title, Deadline, DeadlineText, Product string
	Lead, Executing, Coordinating               []string
}

// score counts the fields got right, by kind of field.
type score struct {
	right, total map[string]int
	misses       []string
}

func newScore() *score { return &score{right: map[string]int{}, total: map[string]int{}} }

func (s *score) check(kind, what string, ok bool) {
	s.total[kind]++
	if ok {
		s.right[kind]++
	} else {
		s.misses = append(s.misses, kind+": "+what)
	}
}

func (s *score) add(o *score) {
	for k, v := range o.right {
		s.right[k] += v
	}
	for k, v := range o.total {
		s.total[k] += v
	}
}

func (s *score) ratio() (int, int, float64) {
	r, t := 0, 0
	for k := range s.total {
		r += s.right[k]
		t += s.total[k]
	}
	if t == 0 {
		return 0, 0, 1
	}
	return r, t, float64(r) / float64(t)
}

func refCodes(refs []ttdn.UnitRef) string {
	c := codes(refs)
	return strings.Join(c, ", ")
}

// scorePlan compares a parsed plan with the expected one. Every expected
// value is one field; a list entry the parser invented costs one too.
func scorePlan(res *Result, w *wantPlan) *score {
	s := newScore()
	eq := func(kind, name, got, want string) {
		s.check(kind, fmt.Sprintf("%s = %q, want %q", name, got, want), got == want)
	}
	h := w.Header
	eq("header", "kind", res.Kind, h.Kind)
	eq("header", "number", res.Number, h.Number)
	eq("header", "title", res.Title, h.Title)
	eq("header", "year", fmt.Sprint(res.Year), fmt.Sprint(h.Year))
	eq("header", "year_to", fmt.Sprint(res.YearTo), fmt.Sprint(h.YearTo))
	eq("header", "issuer", res.Issuer, h.Issuer)
	eq("header", "place", res.Place, h.Place)
	eq("header", "issued_on", res.IssuedOn.ISO(), h.IssuedOn)
	eq("header", "signer", res.Signer, h.Signer)
	eq("header", "signer_title", res.SignerTitle, h.SignerTitle)
	dec := ""
	if d := res.Decision; d != nil {
		dec = d.Number + " " + d.Date.ISO() + " " + d.Signer
	}
	eq("header", "decision", dec, h.Decision)

	var bases []string
	for _, d := range res.LegalBases {
		bases = append(bases, d.Number+" "+d.Date.ISO())
	}
	listScore(s, "legal bases", bases, w.LegalBases)
	var secs []string
	for _, sec := range res.Sections {
		secs = append(secs, sec.Number+" "+sec.Title)
	}
	listScore(s, "sections", secs, w.Sections)

	byRef := map[string]*ttdn.Task{}
	for _, t := range res.Tasks {
		byRef[t.Ref] = t
	}
	for _, wt := range w.Tasks {
		t := byRef[wt.Ref]
		if t == nil {
			t = &ttdn.Task{Ref: wt.Ref + " (missing)"}
		}
		delete(byRef, wt.Ref)
		id := "task " + wt.Ref + " "
		eq("tasks", id+"title", t.Title, wt.Title)
		eq("tasks", id+"lead", refCodes(t.Lead), strings.Join(wt.Lead, ", "))
		eq("tasks", id+"executing", refCodes(t.Executing), strings.Join(wt.Executing, ", "))
		eq("tasks", id+"coordinating", refCodes(t.Coordinating), strings.Join(wt.Coordinating, ", "))
		eq("tasks", id+"deadline", t.Deadline.ISO(), wt.Deadline)
		eq("tasks", id+"deadline_text", t.DeadlineText, wt.DeadlineText)
		eq("tasks", id+"product", t.Product, wt.Product)
	}
	for ref := range byRef {
		s.check("tasks", "task "+ref+" invented", false)
	}
	got := map[string]*ttdn.Responsibility{}
	for _, r := range res.Responsibilities {
		got[r.Ref] = r
	}
	for _, wr := range w.Responsibilities {
		r := got[wr.Ref]
		if r == nil {
			r = &ttdn.Responsibility{}
		}
		delete(got, wr.Ref)
		eq("responsibilities", wr.Ref+" units", refCodes(r.Units), strings.Join(wr.Units, ", "))
		eq("responsibilities", wr.Ref+" duties", fmt.Sprint(len(r.Duties)), fmt.Sprint(wr.Duties))
	}
	for ref := range got {
		s.check("responsibilities", ref+" invented", false)
	}
	rs := res.ReportSchedule
	var due []string
	for _, d := range rs.DueDates {
		due = append(due, fmt.Sprintf("%d/%d", d.Day, d.Month))
	}
	eq("report", "due dates", strings.Join(due, ", "), strings.Join(w.Report.Due, ", "))
	to := ""
	if rs.ReportTo != nil {
		to = refCodes([]ttdn.UnitRef{*rs.ReportTo})
	}
	eq("report", "to", to, w.Report.To)
	eq("report", "recipients", refCodes(rs.Recipients), strings.Join(w.Report.Recipients, ", "))
	var dist []string
	for _, r := range res.Distribution {
		dist = append(dist, r.Text)
	}
	listScore(s, "distribution", dist, w.Distribution)
	return s
}

// listScore scores an ordered list: each expected entry found counts one,
// each entry the parser invented costs one.
func listScore(s *score, kind string, got, want []string) {
	seen := map[string]int{}
	for _, g := range got {
		seen[g]++
	}
	for _, w := range want {
		ok := seen[w] > 0
		if ok {
			seen[w]--
		}
		s.check(kind, fmt.Sprintf("%q missing (got %q)", w, got), ok)
	}
	for g, n := range seen {
		for ; n > 0; n-- {
			s.check(kind, fmt.Sprintf("%q invented", g), false)
		}
	}
}

// loadDirectory builds a Resolver from a province's unit list
// (testdata/corpus/dir-*.txt) and the central bodies every plan cites.
//
//	unit | code | kind | name | short name | alias; alias
//	group | code | name | alias; alias | member; member
func loadDirectory(t testing.TB, name string) *directory.Resolver {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/corpus", "dir-"+name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	var units []*ttdn.Unit
	var groups []*ttdn.UnitGroup
	for _, e := range directory.Entries() {
		if e.Unit.Kind == ttdn.UnitMinistry || e.Unit.Kind == ttdn.UnitCentralAgency {
			u := e.Unit
			units = append(units, &u)
		}
	}
	split := func(s string) []string {
		var out []string
		for _, a := range strings.Split(s, ";") {
			if a = strings.TrimSpace(a); a != "" {
				out = append(out, a)
			}
		}
		return out
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		switch {
		case f[0] == "unit" && len(f) >= 5:
			u := &ttdn.Unit{Code: f[1], Kind: ttdn.UnitKind(f[2]), Name: f[3], ShortName: f[4]}
			if len(f) > 5 {
				u.Aliases = split(f[5])
			}
			if err := u.Validate(); err != nil {
				t.Fatalf("dir-%s.txt:%d: %v", name, n+1, err)
			}
			units = append(units, u)
		case f[0] == "group" && len(f) >= 3:
			g := &ttdn.UnitGroup{Code: f[1], Name: f[2]}
			if len(f) > 3 {
				g.Aliases = split(f[3])
			}
			groups = append(groups, g)
		default:
			t.Fatalf("dir-%s.txt:%d: bad line %q", name, n+1, line)
		}
	}
	return directory.NewResolver(units, groups)
}

// corpusInput makes the file a corpus document stands for: its text, or
// the PDF or .docx rendered from it.
func corpusInput(t testing.TB, path string) ([]byte, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(filepath.Base(path), ".txt")
	switch filepath.Ext(base) {
	case ".pdf":
		return renderPDF(t, string(data)), base
	case ".docx":
		return renderDocx(t, string(data)), base
	}
	return data, base + ".txt"
}

// renderDocx writes the markup of renderPDF as a .docx: paragraphs, a
// two-column block as a borderless two-cell table, table rows as a table
// ("^" a cell merged with the one above).
func renderDocx(t testing.TB, markup string) []byte {
	var b strings.Builder
	lines := strings.Split(markup, "\n")
	for i := 0; i < len(lines); {
		l := strings.TrimRight(lines[i], " \r")
		switch {
		case strings.HasPrefix(l, "#L ") || strings.HasPrefix(l, "#R "):
			var left, right []string
			for ; i < len(lines) && (strings.HasPrefix(lines[i], "#L ") || strings.HasPrefix(lines[i], "#R ")); i++ {
				if strings.HasPrefix(lines[i], "#L ") {
					left = append(left, lines[i][3:])
				} else {
					right = append(right, lines[i][3:])
				}
			}
			cell := func(ps []string) string {
				var c strings.Builder
				c.WriteString("<w:tc>")
				for _, p := range ps {
					c.WriteString(para(p, 6))
				}
				if len(ps) == 0 {
					c.WriteString("<w:p/>")
				}
				c.WriteString("</w:tc>")
				return c.String()
			}
			b.WriteString("<w:tbl><w:tr>" + cell(left) + cell(right) + "</w:tr></w:tbl>")
		case strings.HasPrefix(l, "|"):
			b.WriteString("<w:tbl>")
			for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
				b.WriteString("<w:tr>")
				for _, c := range strings.Split(strings.Trim(strings.TrimSpace(lines[i]), "|"), "|") {
					c = strings.TrimSpace(c)
					if c == "^" {
						b.WriteString(`<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`)
					} else {
						b.WriteString(`<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + para(c, 5) + "</w:tc>")
					}
				}
				b.WriteString("</w:tr>")
			}
			b.WriteString("</w:tbl>")
		default:
			b.WriteString(para(strings.TrimPrefix(l, "="), 8))
			i++
		}
	}
	return buildDocx(t, b.String())
}

// TestCorpusScore parses every corpus document against its province's
// directory and scores it; the held-out set must reach the threshold.
func TestCorpusScore(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.want.json")
	only := os.Getenv("CORPUS_SET") // "tune" while tuning: the held-out set stays unseen
	if len(files) < 8 && only == "" {
		t.Fatalf("only %d corpus documents", len(files))
	}
	sets := map[string]*score{"tune": newScore(), "held-out": newScore()}
	byKind := map[string]*score{"tune": newScore(), "held-out": newScore()}
	var report []string
	mentions, resolved := 0, 0
	for _, wf := range files {
		name := strings.TrimSuffix(filepath.Base(wf), ".want.json")
		var w wantPlan
		data, err := os.ReadFile(wf)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &w); err != nil {
			t.Fatalf("%s: %v", wf, err)
		}
		if sets[w.Set] == nil {
			t.Fatalf("%s: set %q", wf, w.Set)
		}
		if only != "" && w.Set != only {
			continue
		}
		inputs, _ := filepath.Glob("testdata/corpus/" + name + ".*.txt")
		if len(inputs) != 1 {
			t.Fatalf("%s: %d inputs", name, len(inputs))
		}
		input, fname := corpusInput(t, inputs[0])
		res, err := Parse(input, fname, loadDirectory(t, w.Province))
		if err != nil {
			t.Errorf("%s: refused: %v", name, err)
			s := newScore()
			s.check("refused", name, false)
			sets[w.Set].add(s)
			continue
		}
		m, r := unitMentions(res)
		mentions, resolved = mentions+m, resolved+r
		s := scorePlan(res, &w)
		sets[w.Set].add(s)
		byKind[w.Set].add(s)
		r, tot, ratio := s.ratio()
		report = append(report, fmt.Sprintf("%-9s %-34s %-28s %3d/%3d %5.1f%%", w.Set, name, w.Shape, r, tot, 100*ratio))
		if testing.Verbose() || (w.Set == "held-out" && ratio < corpusThreshold) {
			for _, m := range s.misses {
				t.Logf("%s: %s", name, m)
			}
		}
	}
	sort.Strings(report)
	for _, l := range report {
		t.Log(l)
	}
	for _, set := range []string{"tune", "held-out"} {
		s := byKind[set]
		var kinds []string
		for k := range s.total {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		for _, k := range kinds {
			t.Logf("%-9s %-17s %3d/%3d %5.1f%%", set, k, s.right[k], s.total[k], 100*float64(s.right[k])/float64(s.total[k]))
		}
		r, tot, ratio := sets[set].ratio()
		t.Logf("%-9s %-17s %3d/%3d %5.1f%%", set, "all fields", r, tot, 100*ratio)
	}
	if mentions > 0 {
		t.Logf("unit mentions resolved against the province's directory: %d/%d (%.1f%%)", resolved, mentions, 100*float64(resolved)/float64(mentions))
	}
	if _, _, ratio := sets["held-out"].ratio(); ratio < corpusThreshold && only != "tune" {
		t.Errorf("held-out score %.1f%% is below %.0f%%", 100*ratio, 100*corpusThreshold)
	}
}

// unitMentions counts the unit names of tasks, responsibilities and the
// reporting sentence, and how many resolved.
func unitMentions(res *Result) (total, resolved int) {
	count := func(refs []ttdn.UnitRef) {
		for _, r := range refs {
			total++
			if r.Resolved() {
				resolved++
			}
		}
	}
	for _, t := range res.Tasks {
		count(t.Lead)
		count(t.Executing)
		count(t.Coordinating)
	}
	for _, r := range res.Responsibilities {
		count(r.Units)
	}
	if res.ReportSchedule.ReportTo != nil {
		count([]ttdn.UnitRef{*res.ReportSchedule.ReportTo})
	}
	count(res.ReportSchedule.Recipients)
	return total, resolved
}
