package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// watchForm is a watch term as typed, with what it would change: the
// stored articles it gains and loses against the current rule.
type watchForm struct {
	ID                                                   int64
	Version, Code, Name, Aliases, Kind, Priority, Themes string
	Folded                                               bool
	Exclude, Context, Within                             string
	Enabled                                              bool
	Previewed                                            bool
	Diff                                                 *ttdn.WatchTermDiff
	// ThemeChoices are the catalogue's themes, ticked by name (a term
	// stores their codes); nil shows the codes as text.
	ThemeChoices []*ttdn.Theme
}

// HasTheme reports whether the form's themes hold code.
func (f *watchForm) HasTheme(code string) bool {
	for _, c := range commaList(f.Themes) {
		if c == code {
			return true
		}
	}
	return false
}

// OtherThemes are the form's theme codes the catalogue does not offer (a
// theme retired since), kept as they are.
func (f *watchForm) OtherThemes() []string {
	var out []string
	for _, c := range commaList(f.Themes) {
		known := false
		for _, th := range f.ThemeChoices {
			known = known || th.Code == c
		}
		if !known {
			out = append(out, c)
		}
	}
	return out
}

func watchFormFrom(r *http.Request, id int64) *watchForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return &watchForm{ID: id, Version: v("version"), Code: v("code"), Name: v("name"), Aliases: v("aliases"), Kind: v("kind"),
		Priority: v("priority"), Themes: strings.Join(r.PostForm["themes"], ","), Folded: v("folded") == "1", Exclude: v("exclude"), Context: v("context"),
		Within: v("within"), Enabled: v("enabled") == "1"}
}

func watchFormOf(t *ttdn.WatchTerm) *watchForm {
	f := &watchForm{ID: t.ID, Version: strconv.Itoa(t.Version), Code: t.Code, Name: t.Name, Kind: t.Kind,
		Aliases: strings.Join(t.Aliases, "\n"), Priority: strconv.Itoa(t.Priority), Themes: strings.Join(t.Themes, ", "),
		Folded: t.Folded, Exclude: strings.Join(t.Exclude, "\n"), Context: strings.Join(t.Context, "\n"), Enabled: t.Enabled}
	if t.Within > 0 {
		f.Within = strconv.Itoa(t.Within)
	}
	return f
}

// phraseLines splits a text area into its non-empty lines (or semicolon-separated
// entries).
func phraseLines(s string) []string {
	var out []string
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		if a := strings.TrimSpace(line); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// term turns the form into a term: aliases, exclusions and context phrases
// one per line (or semicolon-separated), themes comma-separated codes.
func (f *watchForm) term() (*ttdn.WatchTerm, error) {
	t := &ttdn.WatchTerm{ID: f.ID, Code: f.Code, Name: f.Name, Kind: f.Kind, Enabled: f.Enabled, Themes: commaList(f.Themes),
		Aliases: phraseLines(f.Aliases), Folded: f.Folded, Exclude: phraseLines(f.Exclude), Context: phraseLines(f.Context)}
	var err error
	if t.Priority, err = strconv.Atoi(f.Priority); err != nil {
		t.Priority = 0 // Validate names the problem
	}
	if f.Within != "" {
		if t.Within, err = strconv.Atoi(f.Within); err != nil {
			t.Within = -1 // Validate names the problem
		}
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
		Themes: &t.Themes, Folded: &t.Folded, Exclude: &t.Exclude, Context: &t.Context, Within: &t.Within, Enabled: &t.Enabled}
}

// diffRows is one table of a preview's examples.
type diffRows struct {
	ID   string
	Rows []*ttdn.WatchPreview
}

// GainedRows and LostRows are the preview's examples.
func (f *watchForm) GainedRows() diffRows { return diffRows{"preview-gained", f.Diff.Gained} }
func (f *watchForm) LostRows() diffRows   { return diffRows{"preview-lost", f.Diff.Lost} }
