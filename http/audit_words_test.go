package http

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ttdn"
)

// TestAuditReadsAsSentences: an event reads as who did what to which
// record, with a link; fields are named in Vietnamese, technical ones left
// out, dates as dd/mm/yyyy and zero dates as nothing.
func TestAuditReadsAsSentences(t *testing.T) {
	e := &ttdn.AuditEvent{Username: "dieuphoi", Action: "update", Entity: "task", EntityID: 7,
		Before: `{"ref":"III.5","title":"Họp báo","deadline":"2019-12-05","version":3,"classification":"internal","updated_at":"0001-01-01T00:00:00Z"}`,
		After:  `{"ref":"III.5","title":"Họp báo quý","deadline":"2020-01-15","version":4,"classification":"secret","updated_at":"2026-12-04T10:00:00Z"}`}
	w := auditWords(e, "vi")
	if w.Who != "dieuphoi" || w.Action != "sửa" || w.Kind != "nhiệm vụ" || w.Name != "III.5 Họp báo quý" || w.Link != "/tasks/7" {
		t.Fatalf("sentence: %+v", w)
	}
	changes := readableChanges(diffJSON(e.Before, e.After), "vi")
	got := map[string][2]string{}
	for _, c := range changes {
		got[c.Field] = [2]string{c.Before, c.After}
	}
	if got["Thời hạn"] != [2]string{"05/12/2019", "15/01/2020"} || got["Độ mật"] != [2]string{"Nội bộ", "Mật"} {
		t.Errorf("changes: %v", got)
	}
	for _, c := range changes {
		if c.Field == "version" || strings.Contains(c.Before+c.After, "0001") || strings.Contains(c.Field, "_") {
			t.Errorf("technical or zero value shown: %+v", c)
		}
	}
	if en := auditWords(e, "en"); en.Action != "changed" || en.Kind != "task" {
		t.Errorf("english: %+v", en)
	}
	// Every action the storage records has words: the literal ones found
	// in its source, and the workflow steps it records by their codes.
	src, err := filepath.Glob("../sqlstore/*.go")
	if err != nil || len(src) == 0 {
		t.Fatal("no storage source", err)
	}
	actions := append([]string(nil), auditActions...)
	lit := regexp.MustCompile(`\.audit\(ctx, "([a-z_]+)"`)
	for _, f := range src {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllSubmatch(b, -1) {
			actions = append(actions, string(m[1]))
		}
	}
	for _, a := range []ttdn.ReportAction{ttdn.ActSubmit, ttdn.ActReturn, ttdn.ActAccept, ttdn.ActReopen} {
		actions = append(actions, string(a))
	}
	for _, s := range ttdn.DifficultyStatuses {
		actions = append(actions, string(s))
	}
	for _, s := range []ttdn.BudgetStep{ttdn.StepSubmit, ttdn.StepReturn, ttdn.StepForward, ttdn.StepApprove, ttdn.StepAppraise, ttdn.StepAllocate, ttdn.StepSpend} {
		actions = append(actions, string(s))
	}
	for _, a := range actions {
		if _, ok := auditActionWords[a]; !ok {
			t.Errorf("action %q has no words", a)
		}
	}
	for _, k := range auditKinds {
		if _, ok := auditKindWords[k]; !ok {
			t.Errorf("kind %q has no words", k)
		}
	}
	hidden := &ttdn.AuditEvent{Username: "quantri", Action: "update", Entity: "activity", EntityID: 3, Hidden: true}
	if w := auditWords(hidden, "vi"); w.Name != "" {
		t.Errorf("a hidden event names its record: %+v", w)
	}
}
