package http

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"ttdn"
	"ttdn/directory"
)

//go:embed html/*.html
var htmlFS embed.FS

// templates holds one parsed template set per page: the layout and partials
// plus that page's "content". They are parsed once, at start.
type templates struct {
	pages map[string]*template.Template
}

func mustParseTemplates() *templates {
	base := template.Must(template.New("").Funcs(templateFuncs).ParseFS(htmlFS, "html/layout.html", "html/partials.html"))
	names, err := fs.Glob(htmlFS, "html/*.html")
	if err != nil {
		panic(err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range names {
		page := strings.TrimSuffix(path.Base(name), ".html")
		if page == "layout" || page == "partials" {
			continue
		}
		t.pages[page] = template.Must(template.Must(base.Clone()).ParseFS(htmlFS, name))
	}
	return t
}

// page is what every template receives: the request's user, language and
// CSRF token, an error banner, and the page's own Data.
type page struct {
	Lang  string
	User  *ttdn.User
	CSRF  string
	Title string
	Nav   string // which menu item is current
	Error string // the banner: ttdn.ErrorMessage in the user's language
	// RequestID is shown with an error, for the help desk (request_id.go).
	RequestID     string
	ShowRequestID bool   // in the banner: the error is the server's, not the input's
	Flash         string // a confirmation after a redirect
	Path          string // this page's URI, for the language switch
	Version       string
	Unread        int // the user's unread notifications, for the bell
	Work          int // urgent items of the user's work, for the home link
	// ErrorField is the form field the error is about: the page marks it
	// (aria-invalid) and puts the message beside it (field_error.go).
	ErrorField string
	Data       any
	// Province is the province the instance serves (province_words.go).
	Province directory.ProvinceInfo
	SetupDue bool // an admin, and no province set up yet
	// nameOf gives a user name's person (Who), asked once per name and page.
	nameOf func(username string) string
}

// T translates a catalog key into the page's language.
func (p *page) T(key string, args ...any) string { return translate(p.Lang, key, args...) }

// LangURL is the link that switches to lang and comes back here.
func (p *page) LangURL(lang string) string {
	return "/lang/" + lang + "?next=" + url.QueryEscape(p.Path)
}

// Label helpers for the domain's enums, in the page's language.
func (p *page) PlanStatus(s ttdn.PlanStatus) string { return planStatusLabel(p.Lang, s) }
func (p *page) TaskStatus(s ttdn.TaskStatus) string { return taskStatusLabel(p.Lang, s) }
func (p *page) Role(r ttdn.Role) string             { return roleLabel(p.Lang, r) }
func (p *page) TaskRole(r ttdn.TaskRole) string     { return taskRoleLabel(p.Lang, r) }
func (p *page) UnitKind(k ttdn.UnitKind) string     { return unitKindLabel(p.Lang, k) }
func (p *page) Classification(c ttdn.Classification) string {
	return classificationLabel(p.Lang, c)
}

// IsAdmin and IsCoordinator decide which menu items and buttons show; the
// services decide what is actually allowed.
func (p *page) IsAdmin() bool       { return p.User != nil && p.User.Role == ttdn.RoleAdmin }
func (p *page) IsCoordinator() bool { return p.User != nil && p.User.Role == ttdn.RoleCoordinator }

var templateFuncs = template.FuncMap{
	"datetime": formatDateTime,
	"bytes":    formatBytes,
	// num writes a count with dots between thousands ("10.000").
	"num":      func(n int) string { return ttdn.GroupDigits(int64(n)) },
	"bystatus": func(row ttdn.ProgressRow, s string) int { return row.ByStatus[ttdn.TaskStatus(s)] },
	// at returns ids[i], or 0 past the end (a duty without its task).
	"at": func(ids []int64, i int) int64 {
		if i < len(ids) {
			return ids[i]
		}
		return 0
	},
	"join":  strings.Join,
	"add":   func(a, b int) int { return a + b },
	"ctx":   func(p *page, v any) pageCtx { return pageCtx{p, v} },
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
	"list":  refList,
	"list3": func(a, b, c string) []string { return []string{a, b, c} },
	"paragraphs": func(s string) []string {
		var out []string
		for _, para := range strings.Split(s, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				out = append(out, para)
			}
		}
		return out
	},
}

// refList makes one reference (a value or a pointer) into a list, for the
// unitrefs partial.
func refList(v any) []ttdn.UnitRef {
	switch ref := v.(type) {
	case ttdn.UnitRef:
		return []ttdn.UnitRef{ref}
	case *ttdn.UnitRef:
		if ref != nil {
			return []ttdn.UnitRef{*ref}
		}
	}
	return nil
}

// render writes the page with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, titleKey string, data any) {
	s.renderPage(w, r, status, name, s.newPage(w, r, titleKey, data))
}

// renderWithError re-renders a form with the error banner and what the user
// typed (data), with the status the error's code maps to.
func (s *Server) renderWithError(w http.ResponseWriter, r *http.Request, err error, name, titleKey string, data any) {
	s.logIfInternal(r, err)
	p := s.newPage(w, r, titleKey, data)
	p.Error = ttdn.ErrorMessage(err, p.Lang)
	p.ErrorField = ttdn.ErrorField(err)
	p.ShowRequestID = errorStatus(err) >= 500 && name != "error"
	s.renderPage(w, r, errorStatus(err), name, p)
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, titleKey string, data any) *page {
	req := reqOf(r)
	p := &page{Lang: req.lang, User: req.user, Path: r.URL.RequestURI(), Data: data, RequestID: requestID(r)}
	var set bool
	p.Province, set = s.provinceSet(r)
	// The admin's first run: a banner on every page until the province is set up.
	p.SetupDue = !set && s.cfg.Province != nil && req.user != nil && req.user.Role == ttdn.RoleAdmin
	p.CSRF = s.csrfToken(w, r)
	p.Title = p.T(titleKey)
	p.Flash = takeFlash(w, r, p.Lang)
	p.Unread = s.unreadCount(r)
	p.Work = s.workCount(r)
	p.Nav, _, _ = strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	p.nameOf = s.namesOf(r)
	return p
}

// namesOf looks people up by user name for one page, each name once; a
// failed lookup shows the user name.
func (s *Server) namesOf(r *http.Request) func(string) string {
	if s.cfg.Users == nil {
		return nil
	}
	seen := map[string]string{}
	return func(username string) string {
		if name, ok := seen[username]; ok {
			return name
		}
		name, err := s.cfg.Users.NameOf(r.Context(), username)
		if err != nil {
			s.log.Warn("who", "err", err)
		}
		seen[username] = name
		return name
	}
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		panic("http: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, ttdn.ErrorMessage(err, p.Lang), http.StatusInternalServerError)
		return
	}
	out := buf.Bytes()
	if p.ErrorField != "" {
		out = markField(out, p.ErrorField, p.Error)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store") // pages may show internal records
	w.WriteHeader(status)
	_, _ = w.Write(out)
}

// Flash messages survive one redirect in a short cookie holding a catalog
// key, so no server state is needed.
const flashCookie = "ttdn_flash"

func (s *Server) setFlash(w http.ResponseWriter, r *http.Request, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
}

func takeFlash(w http.ResponseWriter, r *http.Request, lang string) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1})
	if _, ok := catalog[c.Value]; !ok || !strings.HasPrefix(c.Value, "flash.") {
		return ""
	}
	return translate(lang, c.Value)
}

// redirectWithFlash ends a successful POST (post/redirect/get).
func (s *Server) redirectWithFlash(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	s.setFlash(w, r, flashKey)
	s.redirect(w, r, to)
}
