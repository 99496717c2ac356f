package http

import (
	"fmt"
	"net/http"
	"time"
	_ "time/tzdata" // the tz database, so Asia/Ho_Chi_Minh loads on any host

	"ttdn"
)

// Languages of the UI: Vietnamese first, English second.
const (
	langVI = "vi"
	langEN = "en"
)

const langCookie = "lang"

// vietnam is where every time is shown.
var vietnam = mustLoadLocation("Asia/Ho_Chi_Minh")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// langOf returns the language the visitor chose, Vietnamese by default.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && c.Value == langEN {
		return langEN
	}
	return langVI
}

// handleLang sets the language cookie and goes back to the page the link was on.
func (s *Server) handleLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang != langEN {
		lang = langVI
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	next := safeNext(r.URL.Query().Get("next"))
	if next == "" {
		next = "/"
	}
	s.redirect(w, r, next)
}

// translate returns the catalog entry for key in lang, formatted with args.
// A missing key shows itself, so a gap is visible rather than blank.
func translate(lang, key string, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return key
	}
	msg := e[0]
	if lang == langEN && e[1] != "" {
		msg = e[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// label translates a domain value (status, role, kind…) through the catalog
// key prefix.value, falling back to the domain's Vietnamese label.
func label(lang, prefix string, v interface{ Label() string }, code string) string {
	if lang == langEN {
		if e, ok := catalog[prefix+"."+code]; ok {
			return e[1]
		}
	}
	return v.Label()
}

// formatDateTime shows t as dd/mm/yyyy hh:mm in Vietnam's time.
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vietnam).Format("02/01/2006 15:04")
}

// formatBytes shows a size the way officials read it.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// statusLabel and friends give templates one call per domain enum.
func planStatusLabel(lang string, s ttdn.PlanStatus) string {
	return label(lang, "plan_status", s, string(s))
}

func taskStatusLabel(lang string, s ttdn.TaskStatus) string {
	return label(lang, "task_status", s, string(s))
}

func roleLabel(lang string, r ttdn.Role) string { return label(lang, "role", r, string(r)) }

func taskRoleLabel(lang string, r ttdn.TaskRole) string {
	return label(lang, "task_role", r, string(r))
}

func unitKindLabel(lang string, k ttdn.UnitKind) string {
	return label(lang, "unit_kind", k, string(k))
}

func classificationLabel(lang string, c ttdn.Classification) string {
	return label(lang, "classification", c, c.String())
}
