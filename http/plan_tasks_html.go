package http

import (
	"html/template"
	"strconv"
	"strings"

	"ttdn"
)

// The plan view's task list is written here in Go rather than by the
// template: a 350-task plan made html/template evaluate some 40 fields,
// partials and catalog look-ups per task through reflection — over half of
// the page's CPU (docs/PROFILES.md). The markup is the one plan.html had;
// TestPlanTaskListAsTemplate holds the two to the same text.

// planTaskListHTML is the tasks section's body: by section or by unit.
func planTaskListHTML(lang string, v *planView) template.HTML {
	w := taskListWriter{lang: lang, labels: map[string]string{}}
	if v.ByUnits {
		w.byUnits(v.Units)
	} else {
		w.bySections(v.Sections)
	}
	return template.HTML(w.b.String())
}

type taskListWriter struct {
	b      strings.Builder
	lang   string
	labels map[string]string // catalog words, looked up once a page
}

// t is a catalog word, escaped, remembered for the next row.
func (w *taskListWriter) t(key string) string {
	s, ok := w.labels[key]
	if !ok {
		s = escapeText(translate(w.lang, key))
		w.labels[key] = s
	}
	return s
}

func (w *taskListWriter) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

func (w *taskListWriter) text(s string) { w.b.WriteString(escapeText(s)) }
func (w *taskListWriter) id(id int64)   { w.b.WriteString(strconv.FormatInt(id, 10)) }

func (w *taskListWriter) bySections(sections []sectionTasks) {
	if len(sections) == 0 {
		w.s("<p class=\"empty\">", w.t("plan.no_tasks"), "</p>")
		return
	}
	for _, sec := range sections {
		w.s("\n<h3>")
		if sec.Section.Number != "" {
			w.text(sec.Section.Number)
			w.s(". ")
		}
		w.text(sec.Section.Title)
		w.s("</h3>\n<ol class=\"task-list\">\n")
		for _, row := range sec.Tasks {
			w.sectionTask(row)
		}
		w.s("</ol>\n")
	}
}

func (w *taskListWriter) sectionTask(row taskRow) {
	w.s("<li class=\"task\" id=\"task-")
	w.id(row.ID)
	w.s("\" data-task-id=\"")
	w.id(row.ID)
	w.s("\">\n<div class=\"task-head\">\n<span class=\"ref\">")
	w.text(row.Ref)
	w.s("</span>\n<p class=\"task-title\"><a href=\"/tasks/")
	w.id(row.ID)
	w.s("\">")
	w.text(row.Title)
	w.s("</a></p>\n")
	if row.CanEdit {
		w.s("<a class=\"button small secondary noprint\" href=\"/tasks/")
		w.id(row.ID)
		w.s("/edit\">", w.t("task.edit"), "</a>")
	}
	w.s("\n</div>\n")
	if row.Body != "" {
		w.s("<div class=\"task-body\">")
		for _, para := range strings.Split(row.Body, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				w.s("<p>")
				w.text(para)
				w.s("</p>")
			}
		}
		w.s("</div>")
	}
	w.s("\n<dl class=\"task-units\">\n")
	for _, g := range []struct {
		key  string
		refs []ttdn.UnitRef
	}{{"task.lead", row.Lead}, {"task.executing", row.Executing}, {"task.coordinating", row.Coordinating}} {
		if len(g.refs) > 0 {
			w.s("<div><dt>", w.t(g.key), "</dt><dd>")
			w.unitRefs(g.refs)
			w.s("</dd></div>")
		}
		w.s("\n")
	}
	w.s("<div><dt>", w.t("task.deadline"), "</dt><dd>")
	w.deadline(row)
	w.s("</dd></div>\n")
	if row.Product != "" {
		w.s("<div><dt>", w.t("import.product"), "</dt><dd class=\"task-product\">")
		w.text(row.Product)
		w.s("</dd></div>")
	}
	w.s("\n<div><dt>", w.t("task.status"), "</dt><dd>")
	w.status(row)
	w.s("</dd></div>\n</dl>\n</li>\n")
}

func (w *taskListWriter) byUnits(units []unitTasks) {
	if len(units) == 0 {
		w.s("<p class=\"empty\">", w.t("plan.no_tasks"), "</p>")
		return
	}
	for _, u := range units {
		w.s("\n<div class=\"unit-block\">\n<h3>")
		w.unitRefs([]ttdn.UnitRef{u.Ref})
		w.s(" <small>(")
		w.text(translate(w.lang, "plan.n_tasks", len(u.Rows)))
		w.s(")</small></h3>\n<table class=\"tasks\">\n<thead><tr><th scope=\"col\" class=\"ref\">", w.t("task.ref"),
			"</th><th scope=\"col\">", w.t("task.title"), "</th><th scope=\"col\">", w.t("task.role"),
			"</th><th scope=\"col\">", w.t("task.deadline"), "</th><th scope=\"col\">", w.t("task.status"),
			"</th></tr></thead>\n<tbody>")
		for _, row := range u.Rows {
			w.s("<tr data-task-id=\"")
			w.id(row.ID)
			w.s("\">\n<td class=\"ref\">")
			w.text(row.Ref)
			w.s("</td>\n<td><a href=\"/tasks/")
			w.id(row.ID)
			w.s("\">")
			w.text(row.Title)
			w.s("</a></td>\n<td><span class=\"role role-")
			w.text(string(row.Role))
			w.s("\">")
			w.text(taskRoleLabel(w.lang, row.Role))
			w.s("</span></td>\n<td>")
			w.deadline(row.taskRow)
			w.s("</td>\n<td>")
			w.status(row.taskRow)
			w.s("</td>\n</tr>")
		}
		w.s("</tbody>\n</table>\n</div>\n")
	}
}

// unitRefs is the "unitrefs" partial of partials.html.
func (w *taskListWriter) unitRefs(refs []ttdn.UnitRef) {
	for i, u := range refs {
		if i > 0 {
			w.s(", ")
		}
		switch {
		case u.Group:
			w.s("<span class=\"unit group\" title=\"", w.t("unit.group"), "\">")
			w.text(u.Name)
			w.s("</span>")
		case u.ID != 0:
			w.s("<a class=\"unit\" href=\"/units/")
			w.id(u.ID)
			w.s("\">")
			w.text(u.Name)
			w.s("</a>")
		default:
			w.s("<span class=\"unit unresolved\" title=\"", w.t("unit.unresolved"), "\">")
			w.text(u.Text)
			w.s(" <span class=\"warn\" aria-label=\"", w.t("unit.unresolved"), "\">⚠</span></span>")
		}
	}
}

// deadline is the "deadline" partial.
func (w *taskListWriter) deadline(row taskRow) {
	switch {
	case !row.Deadline.IsZero():
		w.s("<time datetime=\"", escapeText(row.Deadline.ISO()), "\">", escapeText(row.Deadline.String()), "</time>")
		if row.DeadlineText != "" {
			w.s(" (")
			w.text(row.DeadlineText)
			w.s(")")
		}
	case row.DeadlineText != "":
		w.text(row.DeadlineText)
	default:
		w.s("<span class=\"muted\">", w.t("task.no_deadline"), "</span>")
	}
	if row.Overdue {
		w.s(" <span class=\"overdue\">", w.t("task.overdue"), "</span>")
	}
}

// status is the "taskstatus" partial.
func (w *taskListWriter) status(row taskRow) {
	w.s("<span class=\"status status-")
	w.text(string(row.Status))
	w.s("\">")
	w.text(taskStatusLabel(w.lang, row.Status))
	w.s("</span>")
	if row.Percent != 0 {
		w.s(" <span class=\"percent\">", strconv.Itoa(row.Percent), "%</span>")
	}
}

// escapeText escapes as html/template does text and quoted attributes
// (its htmlReplacementTable), so the page reads the same byte for byte.
var textEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

func escapeText(s string) string { return textEscaper.Replace(s) }
