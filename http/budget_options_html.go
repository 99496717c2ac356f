package http

import (
	"html/template"
	"strings"
)

// The budget form repeats its task and activity pickers on every line, each
// up to 500 options: the template compared every option's ID with the
// line's choice through reflection, lines × options times. The options are
// escaped here once a page and only the chosen one is marked per line;
// TestBudgetOptionsAsTemplate holds the markup to the template's.

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
	return writeOptions(o.taskOpts, selected)
}

// ActivityOptions is the activity picker's options, selected marked.
func (o *budgetOptions) ActivityOptions(selected string) template.HTML {
	if o.activityOpts == nil {
		o.activityOpts = make([]optionHTML, len(o.Activities))
		for i, a := range o.Activities {
			o.activityOpts[i] = optionHTML{itoa(a.ID), escapeText(a.StartDate.String()) + " " + escapeText(a.Title)}
		}
	}
	return writeOptions(o.activityOpts, selected)
}

func writeOptions(opts []optionHTML, selected string) template.HTML {
	var b strings.Builder
	for _, op := range opts {
		b.WriteString(`<option value="`)
		b.WriteString(op.value)
		if op.value == selected {
			b.WriteString(`" selected>`)
		} else {
			b.WriteString(`" >`)
		}
		b.WriteString(op.label)
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}
