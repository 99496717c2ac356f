package http

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"ttdn"
)

// budgetOptionsTemplate is the budget form's pickers as the template wrote
// them before budget_options_html.go.
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
	tm := template.Must(template.New("").Parse(budgetOptionsTemplate))
	var old, got bytes.Buffer
	if err := tm.ExecuteTemplate(&old, "old", f); err != nil {
		t.Fatal(err)
	}
	if err := tm.ExecuteTemplate(&got, "new", f); err != nil {
		t.Fatal(err)
	}
	if got.String() != old.String() {
		t.Errorf("pickers differ:\n%s", firstDiff(got.String(), old.String()))
	}
	if n := strings.Count(got.String(), " selected>"); n != 3 {
		t.Errorf("%d options chosen, want 3", n)
	}
}
