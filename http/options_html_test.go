package http

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"

	"ttdn"
)

// budgetOptionsTemplate is the budget form's pickers as the template wrote
// them before options_html.go.
const budgetOptionsTemplate = `{{define "old"}}{{$o := .Opts}}{{range $i, $l := .Lines}}<select name="task">{{range $o.Tasks}}<option value="{{.ID}}" {{if eq (print .ID) $l.Task}}selected{{end}}>{{.Ref}} {{.Title}}</option>{{end}}</select><select name="activity">{{range $o.Activities}}<option value="{{.ID}}" {{if eq (print .ID) $l.Activity}}selected{{end}}>{{.StartDate}} {{.Title}}</option>{{end}}</select>{{end}}{{end}}` +
	`{{define "new"}}{{$o := .Opts}}{{range $i, $l := .Lines}}<select name="task">{{$o.TaskOptions $l.Task}}</select><select name="activity">{{$o.ActivityOptions $l.Activity}}</select>{{end}}{{end}}`

// TestBudgetOptionsAsTemplate: the pickers read byte for byte as the
// template's, with a chosen task and activity, none, and text to escape.
func TestBudgetOptionsAsTemplate(t *testing.T) {
	odd := `<b>"Hội" & 'báo' + 1</b>`
	f := &budgetForm{Lines: []budgetLineForm{{Task: "12", Activity: "40"}, {}, {Task: "13"}, {Activity: "999"}}, Opts: &budgetOptions{
		Tasks: []*ttdn.Task{{ID: 12, Ref: "III.1", Title: odd}, {ID: 13, Ref: "V.2", Title: "Trực"}, {ID: 120, Ref: "III.10", Title: "x"}},
		Activities: []*ttdn.Activity{{ID: 40, Title: odd, StartDate: ttdn.Date{Year: 2026, Month: 3, Day: 4}},
			{ID: 4, Title: "Hội nghị"}},
	}}
	sameAsTemplate(t, budgetOptionsTemplate, f, 3)
}

// activityOptionsTemplate is the activity form's pickers as the template
// wrote them before options_html.go.
const activityOptionsTemplate = `{{define "old"}}{{$f := .}}{{$o := .Opts}}<select name="units">{{range $o.Units}}<option value="{{.ID}}" {{if $f.Has $f.Units .ID}}selected{{end}}>{{.Name}}</option>{{end}}</select>` +
	`{{range $i, $row := .Attendance}}<select name="att_unit"><option value="">—</option>{{range $o.Units}}<option value="{{.ID}}" {{if eq (print .ID) $row.Unit}}selected{{end}}>{{.Name}}</option>{{end}}</select>{{end}}` +
	`<select name="expected">{{range $o.Units}}<option value="{{.ID}}" {{if $f.Has $f.Expected .ID}}selected{{end}}>{{.Name}}</option>{{end}}</select>` +
	`<select name="escorts">{{range $o.Units}}<option value="{{.ID}}" {{if $f.Has $f.Escorts .ID}}selected{{end}}>{{.Name}}</option>{{end}}</select>{{end}}` +
	`{{define "new"}}{{$f := .}}{{$o := .Opts}}<select name="units">{{$o.UnitOptions $f.Units}}</select>` +
	`{{range $i, $row := .Attendance}}<select name="att_unit"><option value="">—</option>{{$o.UnitOption $row.Unit}}</select>{{end}}` +
	`<select name="expected">{{$o.UnitOptions $f.Expected}}</select>` +
	`<select name="escorts">{{$o.UnitOptions $f.Escorts}}</select>{{end}}`

// TestActivityOptionsAsTemplate: the activity form's unit pickers read byte
// for byte as the template's, with several units chosen, one, and none, and
// names to escape.
func TestActivityOptionsAsTemplate(t *testing.T) {
	odd := `<b>"Sở" & 'Ban' + 1</b>`
	f := &activityForm{Units: []string{"3", "12"}, Tasks: []string{"120"}, Expected: []string{"7"},
		Attendance: []attendanceRow{{Unit: "12"}, {Unit: ""}, {Unit: "999"}, {Unit: "3"}},
		opts: &activityOptions{
			Units: []*ttdn.Unit{{ID: 3, Name: odd}, {ID: 7, Name: "Sở Văn hóa, Thể thao và Du lịch"}, {ID: 12, Name: "UBND xã Tân Biên"}, {ID: 120, Name: "x"}},
			Tasks: []*ttdn.Task{{ID: 12, Ref: "III.1", Title: odd}, {ID: 120, Ref: "III.10", Title: "Trực"}},
		}}
	sameAsTemplate(t, activityOptionsTemplate, f, 5)
}

// The task picker groups the tasks by plan, in the order the plans come,
// under each plan's name, escaped; a plan without a name still has a group.
func TestActivityTaskOptionsByPlan(t *testing.T) {
	o := &activityOptions{
		Tasks: []*ttdn.Task{{ID: 7, PlanID: 2, Ref: "III.1", Title: "Năm nay"}, {ID: 8, PlanID: 2, Ref: "III.2", Title: `<i>"b"</i>`},
			{ID: 3, PlanID: 1, Ref: "III.1", Title: "Năm trước"}, {ID: 9, PlanID: 5, Ref: "V.1", Title: "x"}},
		PlanNames: map[int64]string{1: "Kế hoạch 2025", 2: `Kế hoạch 2026 <"mới">`},
	}
	got := string(o.TaskOptions([]string{"8", "3"}))
	want := `<optgroup label="Kế hoạch 2026 &lt;&#34;mới&#34;&gt;"><option value="7" >III.1 Năm nay</option><option value="8" selected>III.2 &lt;i&gt;&#34;b&#34;&lt;/i&gt;</option></optgroup>` +
		`<optgroup label="Kế hoạch 2025"><option value="3" selected>III.1 Năm trước</option></optgroup>` +
		`<optgroup label="#5"><option value="9" >V.1 x</option></optgroup>`
	if got != want {
		t.Errorf("task picker:\n%s", firstDiff(got, want))
	}
}

// A task the activity is linked to stays offered past the picker's cap (or
// saving the form would unlink it); one the user may not read, or that is
// gone, is left out; any other failure is the form's.
func TestWithChosenTasks(t *testing.T) {
	choices := []*ttdn.Task{{ID: 1}, {ID: 2}}
	find := func(id int64) (*ttdn.Task, error) {
		switch id {
		case 40:
			return &ttdn.Task{ID: 40, PlanID: 9}, nil
		case 41:
			return nil, ttdn.Errorf(ttdn.ENOTFOUND, "không có", "none")
		case 42:
			return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "không được", "no")
		}
		return nil, errors.New("database gone")
	}
	got, err := withChosenTasks(choices, []string{"2", "40", "41", "42", "x"}, find)
	if err != nil || len(got) != 3 || got[2].ID != 40 {
		t.Fatalf("got %v, %v", got, err)
	}
	if _, err := withChosenTasks(choices, []string{"43"}, find); err == nil {
		t.Fatal("a failure to read a chosen task was swallowed")
	}
}

// sameAsTemplate renders data through the "old" and "new" templates of
// text and fails unless they write the same bytes, with chosen options
// marked selected.
func sameAsTemplate(t *testing.T, text string, data any, chosen int) {
	t.Helper()
	tm := template.Must(template.New("").Parse(text))
	var old, got bytes.Buffer
	if err := tm.ExecuteTemplate(&old, "old", data); err != nil {
		t.Fatal(err)
	}
	if err := tm.ExecuteTemplate(&got, "new", data); err != nil {
		t.Fatal(err)
	}
	if got.String() != old.String() {
		t.Errorf("pickers differ:\n%s", firstDiff(got.String(), old.String()))
	}
	if n := strings.Count(got.String(), " selected>"); n != chosen {
		t.Errorf("%d options chosen, want %d", n, chosen)
	}
}
