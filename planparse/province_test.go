package planparse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn"
	"ttdn/directory"
)

// TestOtherProvincesResolve: plans of other provinces, written after 2025
// in the shape of real plans (testdata/province), parsed against the
// starting directory `ttdn province setup` generates for that province,
// resolve at least 95% of their unit mentions with no help.
func TestOtherProvincesResolve(t *testing.T) {
	files, _ := filepath.Glob("testdata/province/*.txt")
	if len(files) < 2 {
		t.Fatalf("only %d plans", len(files))
	}
	for _, file := range files {
		base := filepath.Base(file)
		name := strings.TrimSuffix(base, filepath.Ext(base))
		province := strings.Join(strings.Split(name, "-")[:len(strings.Split(name, "-"))-1], " ")
		t.Run(name, func(t *testing.T) {
			p, _, ok := directory.FindProvince(province)
			if !ok {
				t.Fatalf("no province %q", province)
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d := directory.Generate(p)
			res, err := Parse(data, base, directory.NewResolver(d.Units(), d.UnitGroups()))
			if err != nil {
				t.Fatal(err)
			}
			total, resolved, missed := MentionScore(res.Plan)
			if total < 30 {
				t.Fatalf("only %d unit mentions read", total)
			}
			share := float64(resolved) / float64(total)
			t.Logf("%s: %d of %d unit mentions resolved (%.1f%%); unresolved: %q", p.Place(), resolved, total, 100*share, missed)
			if share < 0.95 {
				t.Errorf("%.1f%% resolved, want ≥ 95%%", 100*share)
			}
		})
	}
}

// MentionScore counts a plan's unit mentions (task units, duties, report
// recipients, distribution) and those resolved, with the texts that were
// not.
func MentionScore(p *ttdn.Plan) (total, resolved int, missed []string) {
	count := func(r ttdn.UnitRef) {
		total++
		if r.Resolved() {
			resolved++
		} else {
			missed = append(missed, r.Text)
		}
	}
	for _, t := range p.Tasks {
		for _, refs := range [][]ttdn.UnitRef{t.Lead, t.Executing, t.Coordinating} {
			for _, r := range refs {
				count(r)
			}
		}
	}
	for _, resp := range p.Responsibilities {
		for _, r := range resp.Units {
			count(r)
		}
	}
	if p.ReportSchedule.ReportTo != nil {
		count(*p.ReportSchedule.ReportTo)
	}
	for _, r := range p.ReportSchedule.Recipients {
		count(r)
	}
	for _, d := range p.Distribution {
		switch {
		case d.Unit != nil:
			count(*d.Unit)
		case !strings.HasPrefix(d.Text, "Lưu"): // "Lưu: VT" is the archive, not a unit
			count(ttdn.UnitRef{Text: d.Text})
		}
	}
	return total, resolved, missed
}
