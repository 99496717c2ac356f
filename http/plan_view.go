package http

import (
	"html/template"
	"strings"

	"ttdn"
)

// planView is a plan arranged for its page: tasks by section (the plan's own
// order) or by unit (who does what), and what the user may change.
type planView struct {
	Plan     *ttdn.Plan
	ByUnits  bool
	Sections []sectionTasks
	Units    []unitTasks
	TaskN    int
	DutyN    int // the duties of section V, tracked like tasks
	CanEdit  bool
	Life     *planLife
	// TaskList is Sections or Units written out (plan_tasks_html.go).
	TaskList template.HTML
}

// taskRow is a task with what its row needs to show.
type taskRow struct {
	*ttdn.Task
	Overdue bool
	CanEdit bool
}

type sectionTasks struct {
	Section ttdn.Section
	Tasks   []taskRow
}

// unitTasks is one unit (or group, or name as written) and its tasks.
type unitTasks struct {
	Ref  ttdn.UnitRef
	Rows []unitTaskRow
}

type unitTaskRow struct {
	taskRow
	Role ttdn.TaskRole
}

func newPlanView(p *ttdn.Plan, u *ttdn.User, lang string, today ttdn.Date, mode string) planView {
	v := planView{Plan: p, ByUnits: mode == "units", TaskN: len(p.Tasks), DutyN: dutyCount(p),
		CanEdit: ttdn.Can(u, ttdn.ActionUpdate, planResource(p))}
	rows := make([]taskRow, len(p.Tasks))
	for i, t := range p.Tasks {
		rows[i] = taskRow{Task: t, Overdue: t.Overdue(today), CanEdit: p.Status != ttdn.PlanClosed && ttdn.Can(u, ttdn.ActionAmend, taskResource(t))}
	}
	if v.ByUnits {
		v.Units = tasksByUnit(rows)
	} else {
		v.Sections = tasksBySection(p.Sections, rows)
	}
	v.TaskList = planTaskListHTML(lang, &v)
	return v
}

// tasksBySection groups tasks under the section their ref names ("III.5" →
// "III"); tasks of an unknown section go in a last, untitled group.
func tasksBySection(sections []ttdn.Section, rows []taskRow) []sectionTasks {
	var out []sectionTasks
	index := map[string]int{}
	for _, sec := range sections {
		index[sec.Number] = -1
	}
	for _, row := range rows {
		num, _, _ := strings.Cut(row.Ref, ".")
		i, known := index[num]
		if !known {
			num = ""
			i, known = index[num]
		}
		if !known || i < 0 {
			sec := ttdn.Section{Number: num}
			for _, s := range sections {
				if s.Number == num {
					sec = s
				}
			}
			out = append(out, sectionTasks{Section: sec})
			i = len(out) - 1
			index[num] = i
		}
		out[i].Tasks = append(out[i].Tasks, row)
	}
	return out
}

// tasksByUnit lists every unit the tasks name, in order of first mention,
// with each task and the role the unit plays in it.
func tasksByUnit(rows []taskRow) []unitTasks {
	var out []unitTasks
	index := map[string]int{}
	for _, row := range rows {
		for _, role := range []ttdn.TaskRole{ttdn.RoleLead, ttdn.RoleExecuting, ttdn.RoleCoordinating} {
			for _, ref := range row.Units()[role] {
				key := refKey(ref)
				i, ok := index[key]
				if !ok {
					out = append(out, unitTasks{Ref: ref})
					i = len(out) - 1
					index[key] = i
				}
				out[i].Rows = append(out[i].Rows, unitTaskRow{row, role})
			}
		}
	}
	return out
}

// refKey identifies what a reference names: a unit, a group, or a text.
func refKey(ref ttdn.UnitRef) string {
	switch {
	case ref.Group && ref.ID != 0:
		return "g" + ref.Code + "/" + itoa(ref.ID)
	case ref.ID != 0:
		return "u" + itoa(ref.ID)
	}
	return "t" + strings.ToLower(ref.Text)
}

func planResource(p *ttdn.Plan) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourcePlan, Classification: p.Classification, UnitIDs: p.UnitIDs()}
}

func taskResource(t *ttdn.Task) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceTask, Classification: t.Classification, UnitIDs: t.UnitIDs()}
}

// dutyCount is how many duties of section V the plan tracks (those the
// user may read).
func dutyCount(p *ttdn.Plan) int {
	n := 0
	for _, r := range p.Responsibilities {
		for _, id := range r.DutyTaskIDs {
			if id != 0 {
				n++
			}
		}
	}
	return n
}
