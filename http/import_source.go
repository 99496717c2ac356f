package http

import (
	"net/url"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/planparse"
)

// The preview shows the parsed plan beside the text it was read from: each
// source line numbered, the warnings at the line they concern, and every
// task and section linked to where it starts. The header and each task's
// title, deadline and product are form fields; a field left out of the
// confirmation keeps what the parser read.

// sourceLine is one line of the source text with the warnings about it.
type sourceLine struct {
	N        int
	Text     string
	Warnings []string
}

// maxSourceLines bounds the source shown beside the preview.
const maxSourceLines = 5000

// sourceLines numbers the text's lines and attaches the warnings.
func sourceLines(text string, warnings []planparse.Warning) []sourceLine {
	lines := strings.Split(text, "\n")
	if len(lines) > maxSourceLines {
		lines = lines[:maxSourceLines]
	}
	out := make([]sourceLine, len(lines))
	for i, l := range lines {
		out[i] = sourceLine{N: i + 1, Text: strings.TrimRight(l, "\r")}
	}
	for _, w := range warnings {
		if w.Line >= 1 && w.Line <= len(out) {
			out[w.Line-1].Warnings = append(out[w.Line-1].Warnings, w.Text)
		}
	}
	return out
}

// headerField is an editable field of the plan's header.
type headerField struct {
	Name, Label, Value string
	Line               int  // where the parser read it, 0 if nowhere
	Unsure             bool // the parser found nothing or warned about it
	Wide               bool
}

// headerFields lists the header's editable fields with what the parser read.
func headerFields(p *ttdn.Plan, lang string, lines map[string]int, warnings []planparse.Warning) []headerField {
	date := ""
	if !p.IssuedOn.IsZero() {
		date = p.IssuedOn.String()
	}
	yearTo := ""
	if p.YearTo != 0 {
		yearTo = strconv.Itoa(p.YearTo)
	}
	year := ""
	if p.Year != 0 {
		year = strconv.Itoa(p.Year)
	}
	fs := []headerField{
		{Name: "h_title", Label: translate(lang, "import.title_field"), Value: p.Title, Wide: true},
		{Name: "h_kind", Label: translate(lang, "import.kind"), Value: p.Kind},
		{Name: "h_number", Label: translate(lang, "plan.number"), Value: p.Number, Unsure: p.Number == "" && p.Decision == nil},
		{Name: "h_year", Label: translate(lang, "plan.year"), Value: year, Unsure: p.Year == 0},
		{Name: "h_year_to", Label: translate(lang, "import.year_to"), Value: yearTo},
		{Name: "h_issuer", Label: translate(lang, "plan.issuer"), Value: p.Issuer, Unsure: p.Issuer == "", Wide: true},
		{Name: "h_place", Label: translate(lang, "import.place"), Value: p.Place},
		{Name: "h_issued_on", Label: translate(lang, "import.issued_on"), Value: date, Unsure: p.IssuedOn.IsZero()},
		{Name: "h_signer", Label: translate(lang, "plan.signer"), Value: p.Signer, Unsure: p.Signer == ""},
		{Name: "h_signer_title", Label: translate(lang, "import.signer_title"), Value: p.SignerTitle},
	}
	for i := range fs {
		fs[i].Line = lines["title"]
	}
	fs[0].Unsure = p.Title == ""
	for _, w := range warnings {
		if w.Line == lines["title"] && strings.Contains(w.Text, "tiêu đề") {
			fs[0].Unsure = true
		}
	}
	return fs
}

// previewTask is a task of the preview with its editable fields.
type previewTask struct {
	I    int
	Task *ttdn.Task
	Line int
}

// applyEdits sets the header and task fields the user edited; a field
// absent from the form keeps what the parser read.
func applyEdits(p *ttdn.Plan, form url.Values) error {
	text := func(name string, dst *string) {
		if form.Has(name) {
			*dst = strings.TrimSpace(form.Get(name))
		}
	}
	text("h_title", &p.Title)
	text("h_kind", &p.Kind)
	text("h_number", &p.Number)
	text("h_issuer", &p.Issuer)
	text("h_place", &p.Place)
	text("h_signer", &p.Signer)
	text("h_signer_title", &p.SignerTitle)
	for _, f := range []struct {
		name string
		dst  *int
	}{{"h_year", &p.Year}, {"h_year_to", &p.YearTo}} {
		if !form.Has(f.name) {
			continue
		}
		v := strings.TrimSpace(form.Get(f.name))
		if v == "" {
			*f.dst = 0
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1900 || n > 2200 {
			return ttdn.Errorf(ttdn.EINVALID, "Năm %q không hợp lệ.", "Invalid year %q.", v)
		}
		*f.dst = n
	}
	if p.YearTo != 0 && p.YearTo < p.Year {
		return ttdn.Errorf(ttdn.EINVALID, "Năm kết thúc %d trước năm bắt đầu %d.", "The last year %d is before the first year %d.", p.YearTo, p.Year)
	}
	if form.Has("h_issued_on") {
		d, err := ttdn.ParseDate(strings.TrimSpace(form.Get("h_issued_on")))
		if err != nil {
			return err
		}
		p.IssuedOn = d
	}
	for i, t := range p.Tasks {
		k := "t" + strconv.Itoa(i) + "_"
		text(k+"title", &t.Title)
		text(k+"product", &t.Product)
		if form.Has(k + "deadline") {
			dt := strings.TrimSpace(form.Get(k + "deadline"))
			if dt != t.DeadlineText {
				t.DeadlineText = dt
				t.Deadline, _ = planparse.ParseDeadline(dt)
			}
		}
		if strings.TrimSpace(t.Title) == "" {
			return ttdn.Errorf(ttdn.EINVALID, "Nhiệm vụ %s phải có nội dung.", "Task %s needs a title.", t.Ref)
		}
	}
	return nil
}
