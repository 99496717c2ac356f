package http

import (
	"bytes"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// planTasksTemplate is the tasks section of plan.html as it was before the
// list was written in Go (plan_tasks_html.go): the reference the Go writer
// is held to.
const planTasksTemplate = `{{define "old-tasks"}}{{with .Data}}{{$plan := .Plan}}
  {{if .ByUnits}}
    {{range .Units}}
    <div class="unit-block">
      <h3>{{template "unitrefs" (ctx $ (list .Ref))}} <small>({{$.T "plan.n_tasks" (len .Rows)}})</small></h3>
      <table class="tasks">
        <thead><tr><th scope="col" class="ref">{{$.T "task.ref"}}</th><th scope="col">{{$.T "task.title"}}</th><th scope="col">{{$.T "task.role"}}</th><th scope="col">{{$.T "task.deadline"}}</th><th scope="col">{{$.T "task.status"}}</th></tr></thead>
        <tbody>{{range .Rows}}<tr data-task-id="{{.ID}}">
          <td class="ref">{{.Ref}}</td>
          <td><a href="/tasks/{{.ID}}">{{.Title}}</a></td>
          <td><span class="role role-{{.Role}}">{{$.TaskRole .Role}}</span></td>
          <td>{{template "deadline" (ctx $ .)}}</td>
          <td>{{template "taskstatus" (ctx $ .)}}</td>
        </tr>{{end}}</tbody>
      </table>
    </div>
    {{else}}<p class="empty">{{$.T "plan.no_tasks"}}</p>{{end}}
  {{else}}
    {{range .Sections}}
    <h3>{{with .Section.Number}}{{.}}. {{end}}{{.Section.Title}}</h3>
    <ol class="task-list">
      {{range .Tasks}}
      <li class="task" id="task-{{.ID}}" data-task-id="{{.ID}}">
        <div class="task-head">
          <span class="ref">{{.Ref}}</span>
          <p class="task-title"><a href="/tasks/{{.ID}}">{{.Title}}</a></p>
          {{if .CanEdit}}<a class="button small secondary noprint" href="/tasks/{{.ID}}/edit">{{$.T "task.edit"}}</a>{{end}}
        </div>
        {{with .Body}}<div class="task-body">{{range paragraphs .}}<p>{{.}}</p>{{end}}</div>{{end}}
        <dl class="task-units">
          {{if .Lead}}<div><dt>{{$.T "task.lead"}}</dt><dd>{{template "unitrefs" (ctx $ .Lead)}}</dd></div>{{end}}
          {{if .Executing}}<div><dt>{{$.T "task.executing"}}</dt><dd>{{template "unitrefs" (ctx $ .Executing)}}</dd></div>{{end}}
          {{if .Coordinating}}<div><dt>{{$.T "task.coordinating"}}</dt><dd>{{template "unitrefs" (ctx $ .Coordinating)}}</dd></div>{{end}}
          <div><dt>{{$.T "task.deadline"}}</dt><dd>{{template "deadline" (ctx $ .)}}</dd></div>
          {{with .Product}}<div><dt>{{$.T "import.product"}}</dt><dd class="task-product">{{.}}</dd></div>{{end}}
          <div><dt>{{$.T "task.status"}}</dt><dd>{{template "taskstatus" (ctx $ .)}}</dd></div>
        </dl>
      </li>
      {{end}}
    </ol>
    {{else}}<p class="empty">{{$.T "plan.no_tasks"}}</p>{{end}}
  {{end}}
{{end}}{{end}}`

func oldPlanTasks(t *testing.T, lang string, v planView) string {
	t.Helper()
	tm := template.Must(template.Must(template.New("").Funcs(templateFuncs).ParseFS(htmlFS, "html/partials.html")).Parse(planTasksTemplate))
	var b bytes.Buffer
	if err := tm.ExecuteTemplate(&b, "old-tasks", &page{Lang: lang, Data: v}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var spaces = regexp.MustCompile(`\s+`)

// sameText compares two pieces of HTML with runs of white space as one.
func sameText(a, b string) (string, string) {
	return strings.TrimSpace(spaces.ReplaceAllString(a, " ")), strings.TrimSpace(spaces.ReplaceAllString(b, " "))
}

// tasksSection cuts the tasks section's list out of a served plan page.
func tasksSection(t *testing.T, body string) string {
	t.Helper()
	start := strings.Index(body, `<section id="tasks">`)
	end := strings.Index(body, `<section id="budget">`)
	if start < 0 || end < start {
		t.Fatal("no tasks section")
	}
	s := body[start:end]
	s = s[strings.Index(s, "</nav>")+len("</nav>"):]
	return strings.TrimSuffix(strings.TrimSpace(s), "</section>")
}

// TestPlanTaskListAsTemplate: the plan page served over the seed plan shows,
// for every user, language and view, the same task list — tasks, refs,
// units, deadlines, statuses, edit links — as the template that wrote it
// before, fed with the plan the service returns to that user.
func TestPlanTaskListAsTemplate(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		for _, who := range []string{"coordinator", "officer"} {
			plan, err := f.srv.cfg.Plans.FindPlanByID(sqltest.UserContext(f.users[who]), f.plan.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, lang := range []string{"vi", "en"} {
				for _, mode := range []string{"", "units"} {
					r := f.request(http.MethodGet, "/plans/"+itoa(f.plan.ID)+"?view="+mode, who, nil)
					r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
					w := f.do(r)
					if w.Code != http.StatusOK {
						t.Fatalf("%s %s %q: %d", who, lang, mode, w.Code)
					}
					got := tasksSection(t, w.Body.String())
					v := newPlanView(plan, f.users[who], lang, ttdn.DateOf(f.srv.now().In(vietnam)), mode)
					a, b := sameText(got, oldPlanTasks(t, lang, v))
					if a != b {
						t.Errorf("%s %s %q: the page's task list differs from the template's:\n%s", who, lang, mode, firstDiff(a, b))
					}
					for _, task := range plan.Tasks {
						if !strings.Contains(got, `data-task-id="`+itoa(task.ID)+`"`) {
							t.Errorf("%s %s %q: task %s missing", who, lang, mode, task.Ref)
						}
					}
				}
			}
		}
	})
}

// TestPlanTaskListEveryBranch feeds the writer and the old template tasks
// that take every branch: groups, unresolved names, bodies, products,
// percents, overdue, no deadline, text to escape, an empty plan.
func TestPlanTaskListEveryBranch(t *testing.T) {
	today := ttdn.Date{Year: 2026, Month: 6, Day: 1}
	odd := `<b>"Sở" & 'Ban' + 1</b>`
	plan := &ttdn.Plan{Status: ttdn.PlanIssued, Sections: []ttdn.Section{{Number: "III", Title: "Nhiệm vụ " + odd}}, Tasks: []*ttdn.Task{
		{ID: 1, Ref: "III.1", Title: odd, Body: "Đoạn một\n\n  Đoạn " + odd + "  \n", Product: odd,
			Lead:         []ttdn.UnitRef{{ID: 7, Name: "Sở " + odd}},
			Executing:    []ttdn.UnitRef{{ID: 3, Group: true, Code: "xa", Name: "Các xã"}, {Text: "UBND " + odd, Name: "x"}},
			Coordinating: []ttdn.UnitRef{{ID: 8, Name: "Công an"}},
			Deadline:     ttdn.Date{Year: 2026, Month: 3, Day: 9}, DeadlineText: "Quý I", Status: ttdn.TaskInProgress, Percent: 40},
		{ID: 2, Ref: "III.2", Title: "Không hạn", Status: ttdn.TaskNotStarted},
		{ID: 3, Ref: "IX.1", Title: "Mục lạ", DeadlineText: "Thường xuyên", Status: ttdn.TaskDone, Percent: 100,
			Lead: []ttdn.UnitRef{{ID: 7, Name: "Sở " + odd}}},
	}}
	coordinator := &ttdn.User{ID: 1, Role: ttdn.RoleCoordinator}
	for _, lang := range []string{"vi", "en"} {
		for _, mode := range []string{"", "units"} {
			for _, p := range []*ttdn.Plan{plan, {Status: ttdn.PlanDraft}} {
				v := newPlanView(p, coordinator, lang, today, mode)
				a, b := sameText(string(v.TaskList), oldPlanTasks(t, lang, v))
				if a != b {
					t.Errorf("%s %q %d tasks: differs:\n%s", lang, mode, len(p.Tasks), firstDiff(a, b))
				}
			}
		}
	}
}

// firstDiff shows where two texts part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-120)
	return "Go:       " + a[from:min(len(a), i+120)] + "\ntemplate: " + b[from:min(len(b), i+120)]
}
