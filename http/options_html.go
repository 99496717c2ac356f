package http

import (
	"html/template"
	"strings"
)

// Forms that repeat a long picker — the budget form's task and activity
// pickers on every line (up to 500 options each), the activity form's unit
// picker in five places (300+ units after the 2025 merger) — spent most of
// their time in the template comparing every option with the choice through
// reflection, pickers × options times. The options are escaped here once a
// page and only the chosen ones are marked; TestBudgetOptionsAsTemplate and
// TestActivityOptionsAsTemplate hold the markup to the template's.

// optionHTML is one <option>: its value and label, already escaped.
type optionHTML struct{ value, label string }

// TaskOptions is the task picker's options, selected marked.
func (o *budgetOptions) TaskOptions(selected string) template.HTML {
	if o.taskOpts == nil {
		o.taskOpts = make([]optionHTML, len(o.Tasks))
		for i, t := range o.Tasks {
			o.taskOpts[i] = optionHTML{itoa(t.ID), escapeText(t.Ref) + " " + escapeText(t.Title)}
		}
	}
	return writeOptions(o.taskOpts, one(selected))
}

// ActivityOptions is the activity picker's options, selected marked.
func (o *budgetOptions) ActivityOptions(selected string) template.HTML {
	if o.activityOpts == nil {
		o.activityOpts = make([]optionHTML, len(o.Activities))
		for i, a := range o.Activities {
			o.activityOpts[i] = optionHTML{itoa(a.ID), escapeText(a.StartDate.String()) + " " + escapeText(a.Title)}
		}
	}
	return writeOptions(o.activityOpts, one(selected))
}

// UnitOptions is the activity form's unit picker, the units of selected
// chosen; UnitOption the same with one unit chosen.
func (o *activityOptions) UnitOptions(selected []string) template.HTML {
	if o.unitOpts == nil {
		o.unitOpts = make([]optionHTML, len(o.Units))
		for i, u := range o.Units {
			o.unitOpts[i] = optionHTML{itoa(u.ID), escapeText(u.Name)}
		}
	}
	return writeOptions(o.unitOpts, among(selected))
}

func (o *activityOptions) UnitOption(selected string) template.HTML {
	return o.UnitOptions([]string{selected})
}

// TaskOptions is the activity form's task picker, selected chosen: one
// group per plan, headed by its name (every year's plan has its III.1), in
// the order the plans first come in o.Tasks.
func (o *activityOptions) TaskOptions(selected []string) template.HTML {
	var order []int64
	byPlan := map[int64][]optionHTML{}
	for _, t := range o.Tasks {
		if _, ok := byPlan[t.PlanID]; !ok {
			order = append(order, t.PlanID)
		}
		byPlan[t.PlanID] = append(byPlan[t.PlanID], optionHTML{itoa(t.ID), escapeText(t.Ref) + " " + escapeText(t.Title)})
	}
	var b strings.Builder
	for _, id := range order {
		name, ok := o.PlanNames[id]
		if !ok {
			name = "#" + itoa(id)
		}
		b.WriteString(`<optgroup label="` + escapeText(name) + `">`)
		b.WriteString(string(writeOptions(byPlan[id], among(selected))))
		b.WriteString(`</optgroup>`)
	}
	return template.HTML(b.String())
}

// one chooses the option whose value is v.
func one(v string) func(string) bool { return func(s string) bool { return s == v } }

// among chooses the options whose values are in list.
func among(list []string) func(string) bool {
	return func(s string) bool {
		for _, v := range list {
			if v == s {
				return true
			}
		}
		return false
	}
}

func writeOptions(opts []optionHTML, chosen func(string) bool) template.HTML {
	var b strings.Builder
	for _, op := range opts {
		b.WriteString(`<option value="`)
		b.WriteString(op.value)
		if chosen(op.value) {
			b.WriteString(`" selected>`)
		} else {
			b.WriteString(`" >`)
		}
		b.WriteString(op.label)
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}
