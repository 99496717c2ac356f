package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestErrorsMarkTheirField: an error about one field marks that field
// (aria-invalid, pointing at the message placed beside it), keeping the
// field's own description; other fields stay unmarked.
func TestErrorsMarkTheirField(t *testing.T) {
	page := []byte(`<form><input id="title" name="title" value="x"><input id="start" name="start" aria-describedby="date-help"><select name="unit"><option>a</option></select></form>`)
	got := string(markField(page, "start", "Hoạt động phải có ngày bắt đầu <b>"))
	if !strings.Contains(got, `<input id="start" name="start" aria-describedby="field-error date-help" aria-invalid="true"><p class="field-error" id="field-error">Hoạt động phải có ngày bắt đầu &lt;b&gt;</p>`) {
		t.Errorf("start: %s", got)
	}
	if strings.Count(got, "aria-invalid") != 1 {
		t.Errorf("other fields marked: %s", got)
	}
	got = string(markField(page, "unit", "Chọn đơn vị"))
	if !strings.Contains(got, `</select><p class="field-error" id="field-error">Chọn đơn vị</p>`) {
		t.Errorf("select: %s", got)
	}
	if string(markField(page, "missing", "x")) != string(page) {
		t.Error("a page without the field changed")
	}
	// Through a real form: an activity without a start date.
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		w := f.do(f.request(http.MethodPost, "/activities/new", "coordinator", form("type", "press_conference",
			"title", "Họp báo", "start", "", "units", itoa(f.units["so-tttt"].ID))))
		body := w.Body.String()
		if w.Code < 400 || !strings.Contains(body, `aria-invalid="true"`) || !strings.Contains(body, `class="field-error"`) {
			t.Fatalf("activity without a start date: %d\n%s", w.Code, snippet(body))
		}
	})
}
