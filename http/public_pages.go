package http

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"ttdn"
)

//go:embed html/public/*.html
var publicHTML embed.FS

//go:embed public_assets
var publicAssets embed.FS

// publicSections maps the list pages' path segments to their kinds.
var publicSections = map[string]ttdn.PublicationKind{
	"activities": ttdn.PublishedActivity, "materials": ttdn.PublishedMaterial, "rebuttals": ttdn.PublishedRebuttal,
}

// sectionOf is the path segment of a kind's list.
func sectionOf(k ttdn.PublicationKind) string {
	for s, kind := range publicSections {
		if kind == k {
			return s
		}
	}
	return ""
}

func mustParsePublicTemplates() map[string]*template.Template {
	funcs := template.FuncMap{"pubctx": func(p *publicPage, pub *ttdn.Publication) publicCard { return publicCard{p, pub} }}
	for k, v := range templateFuncs {
		funcs[k] = v
	}
	base := template.Must(template.New("").Funcs(funcs).ParseFS(publicHTML, "html/public/layout.html"))
	names, err := fs.Glob(publicHTML, "html/public/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		page := "public_" + strings.TrimSuffix(path.Base(name), ".html")
		if page != "public_layout" {
			out[page] = template.Must(template.Must(base.Clone()).ParseFS(publicHTML, name))
		}
	}
	return out
}

// publicPage is what every public template receives.
type publicPage struct {
	Lang        string
	Base        string
	Title       string
	Description string
	Nav         string
	// Canonical is this page's address (the Vietnamese one when the page
	// falls back to Vietnamese); Alternates its versions in other languages.
	Canonical  string
	Alternates []publicAlt
	OGType     string
	JSONLD     template.JS // schema.org data, already JSON-encoded
	Fallback   bool        // the item is shown in Vietnamese in another language's page
	Data       any
}

// publicAlt is one language version of a page.
type publicAlt struct {
	Lang, Name, URL string
}

// T translates a key into the page's language.
func (p *publicPage) T(key string, args ...any) string { return publicT(p.Lang, key, args...) }

// Href is a site path in the page's language.
func (p *publicPage) Href(rest string) string { return "/public/" + p.Lang + rest }

// Locale is the Open Graph locale of the page.
func (p *publicPage) Locale() string { return ogLocale(p.Lang) }

// Langs are the links of the language switch: every language, each to this
// page in that language.
func (p *publicPage) Langs() []publicAlt { return p.Alternates }

// VerdictLabel names a verdict in the page's language.
func (p *publicPage) VerdictLabel(v ttdn.Verdict) string { return p.T("verdict." + string(v)) }

// Item is a publication's version for the page's language.
func (p *publicPage) Item(pub *ttdn.Publication) publicItem {
	t, ok := pub.Text(p.Lang)
	return publicItem{Pub: pub, Text: t, Fallback: !ok, URL: p.Href("/items/" + itoa(pub.ID))}
}

// publicCard is what the item card partial receives.
type publicCard struct {
	P   *publicPage
	Pub *ttdn.Publication
}

// publicItem is a publication as a page shows it.
type publicItem struct {
	Pub      *ttdn.Publication
	Text     ttdn.PublicationText
	Fallback bool
	URL      string
}

// When is the activity's dates, or the publication date.
func (i publicItem) When() string {
	p := i.Pub
	switch {
	case p.StartDate.IsZero():
		return ttdn.DateOf(p.PublishedAt.In(vietnam)).String()
	case p.EndDate.IsZero() || p.EndDate == p.StartDate:
		return p.StartDate.String()
	}
	return p.StartDate.String() + " – " + p.EndDate.String()
}

func ogLocale(lang string) string {
	switch lang {
	case ttdn.LangEN:
		return "en_US"
	case ttdn.LangKM:
		return "km_KH"
	}
	return "vi_VN"
}

// allLangs links a page that exists in every language (home, lists).
func allLangs(q *publicReq, rest string) []publicAlt {
	var out []publicAlt
	for _, l := range ttdn.PublicLanguages {
		out = append(out, publicAlt{Lang: l, Name: publicLangNames[l], URL: q.Base + "/public/" + l + rest})
	}
	return out
}

// renderPublicPage executes a public template into bytes.
func (s *Server) renderPublicPage(q *publicReq, name string, p *publicPage) ([]byte, error) {
	p.Lang, p.Base = q.Lang, q.Base
	if p.Canonical == "" {
		p.Canonical = q.Base + q.Path
	}
	if p.OGType == "" {
		p.OGType = "website"
	}
	if p.Description == "" {
		p.Description = p.T("site.tagline")
	}
	var buf bytes.Buffer
	if err := s.pubTmpl[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

const htmlType = "text/html; charset=utf-8"

func (s *Server) renderPublicHome(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, "")
	if err != nil {
		return "", nil, err
	}
	data := struct{ Latest, Upcoming []*ttdn.Publication }{}
	for _, p := range items {
		if len(data.Latest) < 10 {
			data.Latest = append(data.Latest, p)
		}
		if p.Kind == ttdn.PublishedActivity && !p.StartDate.IsZero() && !lastDay(p).Before(q.Today) {
			data.Upcoming = append(data.Upcoming, p)
		}
	}
	sortByStart(data.Upcoming)
	body, err := s.renderPublicPage(q, "public_home", &publicPage{Title: publicT(q.Lang, "site.name"), Nav: "home",
		Alternates: allLangs(q, "/"), Data: data})
	return htmlType, body, err
}

func lastDay(p *ttdn.Publication) ttdn.Date {
	if p.EndDate.IsZero() {
		return p.StartDate
	}
	return p.EndDate
}

func sortByStart(list []*ttdn.Publication) {
	slices.SortStableFunc(list, func(a, b *ttdn.Publication) int { return strings.Compare(a.StartDate.ISO(), b.StartDate.ISO()) })
}

func (s *Server) renderPublicList(ctx context.Context, q *publicReq) (string, []byte, error) {
	section := q.PathValue("section")
	kind, ok := publicSections[section]
	if !ok {
		return "", nil, errPublicNotFound()
	}
	items, err := s.cfg.Public.PublicItems(ctx, kind)
	if err != nil {
		return "", nil, err
	}
	q.Page = max(q.Page, 1)
	list := publicList{Page: q.Page, Pages: max(1, (len(items)+publicPageSize-1)/publicPageSize)}
	if q.Page > list.Pages {
		return "", nil, errPublicNotFound()
	}
	list.Items = items[(q.Page-1)*publicPageSize : min(len(items), q.Page*publicPageSize)]
	if q.Page > 1 {
		list.Prev = "/public/" + q.Lang + "/" + section + "?page=" + itoa(int64(q.Page-1))
	}
	if q.Page < list.Pages {
		list.Next = "/public/" + q.Lang + "/" + section + "?page=" + itoa(int64(q.Page+1))
	}
	p := &publicPage{Title: publicT(q.Lang, "nav."+string(kind)), Nav: section, Alternates: allLangs(q, "/"+section), Data: list}
	if q.Page > 1 {
		p.Canonical = q.Base + q.Path + "?page=" + itoa(int64(q.Page))
	}
	body, err := s.renderPublicPage(q, "public_list", p)
	return htmlType, body, err
}

// publicPageSize is the items of one page of a public list.
const publicPageSize = 20

// publicList is one page of a section.
type publicList struct {
	Items       []*ttdn.Publication
	Page, Pages int
	Prev, Next  string
}

// eventMonth is one month of the events calendar.
type eventMonth struct {
	Month  string // mm/yyyy
	Events []*ttdn.Publication
}

func (s *Server) renderPublicEvents(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, ttdn.PublishedActivity)
	if err != nil {
		return "", nil, err
	}
	var events []*ttdn.Publication
	for _, p := range items {
		if !p.StartDate.IsZero() {
			events = append(events, p)
		}
	}
	sortByStart(events)
	var months []eventMonth
	for _, p := range events {
		m := p.StartDate.String()[3:]
		if len(months) == 0 || months[len(months)-1].Month != m {
			months = append(months, eventMonth{Month: m})
		}
		months[len(months)-1].Events = append(months[len(months)-1].Events, p)
	}
	body, err := s.renderPublicPage(q, "public_events", &publicPage{Title: publicT(q.Lang, "nav.events"), Nav: "events",
		Alternates: allLangs(q, "/events"), Data: months})
	return htmlType, body, err
}

func (s *Server) renderPublicItem(ctx context.Context, q *publicReq) (string, []byte, error) {
	id, err := strconv.ParseInt(q.PathValue("id"), 10, 64)
	if err != nil {
		return "", nil, errPublicNotFound()
	}
	pub, err := s.cfg.Public.PublicItem(ctx, id)
	if err != nil {
		return "", nil, err
	}
	p := &publicPage{Nav: sectionOf(pub.Kind), OGType: "article"}
	item := (&publicPage{Lang: q.Lang}).Item(pub)
	p.Title, p.Description, p.Fallback, p.Data = item.Text.Title, firstLine(item.Text.Summary, item.Text.Body), item.Fallback, item
	rest := "/items/" + itoa(pub.ID)
	for _, l := range pub.Langs() {
		p.Alternates = append(p.Alternates, publicAlt{Lang: l, Name: publicLangNames[l], URL: q.Base + "/public/" + l + rest})
	}
	if item.Fallback {
		p.Canonical = q.Base + "/public/" + ttdn.LangVI + rest
	}
	if pub.Kind == ttdn.PublishedRebuttal {
		if p.JSONLD, err = claimReview(pub, q.Base+"/public/"+ttdn.LangVI+rest); err != nil {
			return "", nil, err
		}
	}
	body, err := s.renderPublicPage(q, "public_item", p)
	return htmlType, body, err
}

// firstLine is a page's description: the summary, or the body's start.
func firstLine(texts ...string) string {
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			line, _, _ := strings.Cut(t, "\n")
			if r := []rune(line); len(r) > 200 {
				line = string(r[:200]) + "…"
			}
			return line
		}
	}
	return ""
}

// handlePublicFile serves a download of a published activity, not cached
// (files may be large) but rate-limited like every public request.
func (s *Server) handlePublicFile(w http.ResponseWriter, r *http.Request) {
	if !s.publicLimit(w, r) {
		return
	}
	q := &publicReq{Lang: r.PathValue("lang"), Base: s.publicBase(r), Path: r.URL.Path}
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	file, err2 := strconv.ParseInt(r.PathValue("file"), 10, 64)
	if !slices.Contains(ttdn.PublicLanguages, q.Lang) {
		q.Lang = ttdn.LangVI
		s.writePublicError(w, r, q, errPublicNotFound())
		return
	}
	if err1 != nil || err2 != nil { // a bad number: not found, in the reader's language
		s.writePublicError(w, r, q, errPublicNotFound())
		return
	}
	f, data, err := s.cfg.Public.PublicFile(r.Context(), id, file)
	if err != nil {
		s.writePublicError(w, r, q, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Disposition", ttdn.ContentDisposition(f.Name))
	h.Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(data)
}

// publicAsset serves one embedded file of the public site.
func (s *Server) publicAsset(name, ctype string) http.HandlerFunc {
	data, err := publicAssets.ReadFile("public_assets/" + name)
	if err != nil {
		panic(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "public, max-age=86400")
		_, _ = w.Write(data)
	}
}
