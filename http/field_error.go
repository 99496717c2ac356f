package http

import (
	"bytes"
	"errors"
	"html"
	"regexp"

	"ttdn"
)

// An error about one field is shown on that field, not only in the banner:
// the first control of that name gets aria-invalid and points at the
// message placed right after it, so a screen reader and the eye land on
// what to fix. Done on the rendered page, so every form has it without
// each template repeating it.

// fieldErrorID is the id of the message beside the field.
const fieldErrorID = "field-error"

// markField marks the first input, select or textarea named field in page
// and puts msg after it; a page without such a control is returned as is.
func markField(page []byte, field, msg string) []byte {
	re := regexp.MustCompile(`<(input|select|textarea)\b[^>]*\bname="` + regexp.QuoteMeta(html.EscapeString(field)) + `"[^>]*>`)
	loc := re.FindSubmatchIndex(page)
	if loc == nil {
		return page
	}
	tag, kind := page[loc[0]:loc[1]], string(page[loc[2]:loc[3]])
	if bytes.Contains(tag, []byte("aria-invalid")) {
		return page
	}
	marked := append([]byte(nil), tag[:len(tag)-1]...)
	if bytes.HasSuffix(marked, []byte("/")) {
		marked = marked[:len(marked)-1]
	}
	if described := []byte(`aria-describedby="`); bytes.Contains(marked, described) {
		marked = bytes.Replace(marked, described, []byte(`aria-describedby="`+fieldErrorID+` `), 1)
		marked = append(marked, []byte(` aria-invalid="true">`)...)
	} else {
		marked = append(marked, []byte(` aria-invalid="true" aria-describedby="`+fieldErrorID+`">`)...)
	}
	end := loc[1]
	if kind != "input" { // after the element's end tag
		closing := []byte("</" + kind + ">")
		if i := bytes.Index(page[end:], closing); i >= 0 {
			end += i + len(closing)
		}
	}
	note := []byte(`<p class="field-error" id="` + fieldErrorID + `">` + html.EscapeString(msg) + `</p>`)
	var out bytes.Buffer
	out.Grow(len(page) + len(marked) + len(note))
	out.Write(page[:loc[0]])
	out.Write(marked)
	out.Write(page[loc[1]:end])
	out.Write(note)
	out.Write(page[end:])
	return out.Bytes()
}

// onField records the form field err is about, when err is one of ours
// about no field yet.
func onField(err error, field string) error {
	var e *ttdn.Error
	if errors.As(err, &e) && e.Field == "" {
		c := *e
		return c.On(field)
	}
	return err
}
