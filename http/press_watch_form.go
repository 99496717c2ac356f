package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// watchForm is a watch term as typed, with the preview of what it would
// have matched.
type watchForm struct {
	ID                                                   int64
	Version, Code, Name, Aliases, Kind, Priority, Themes string
	Enabled                                              bool
	Previewed                                            bool
	Preview                                              []*ttdn.WatchPreview
	Matched                                              int
}

func watchFormFrom(r *http.Request, id int64) *watchForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return &watchForm{ID: id, Version: v("version"), Code: v("code"), Name: v("name"), Aliases: v("aliases"), Kind: v("kind"),
		Priority: v("priority"), Themes: v("themes"), Enabled: v("enabled") == "1"}
}

func watchFormOf(t *ttdn.WatchTerm) *watchForm {
	return &watchForm{ID: t.ID, Version: strconv.Itoa(t.Version), Code: t.Code, Name: t.Name, Kind: t.Kind,
		Aliases: strings.Join(t.Aliases, "\n"), Priority: strconv.Itoa(t.Priority), Themes: strings.Join(t.Themes, ", "), Enabled: t.Enabled}
}

// term turns the form into a term: aliases one per line (or
// semicolon-separated), themes comma-separated codes.
func (f *watchForm) term() (*ttdn.WatchTerm, error) {
	t := &ttdn.WatchTerm{ID: f.ID, Code: f.Code, Name: f.Name, Kind: f.Kind, Enabled: f.Enabled, Themes: commaList(f.Themes)}
	for _, line := range strings.FieldsFunc(f.Aliases, func(r rune) bool { return r == '\n' || r == ';' }) {
		if a := strings.TrimSpace(line); a != "" {
			t.Aliases = append(t.Aliases, a)
		}
	}
	var err error
	if t.Priority, err = strconv.Atoi(f.Priority); err != nil {
		t.Priority = 0 // Validate names the problem
	}
	if f.ID != 0 {
		if t.Version, err = strconv.Atoi(f.Version); err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Phiên bản biểu mẫu không hợp lệ.", "Invalid form version.")
		}
	}
	return t, t.Validate()
}

// update is the change the form makes to the stored term.
func (f *watchForm) update(t *ttdn.WatchTerm) ttdn.WatchTermUpdate {
	return ttdn.WatchTermUpdate{Version: t.Version, Name: &t.Name, Aliases: &t.Aliases, Kind: &t.Kind, Priority: &t.Priority,
		Themes: &t.Themes, Enabled: &t.Enabled}
}
