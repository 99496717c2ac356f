package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// The coordinator's pages of the public site (issue 14 §2): the list of
// publications, the form that publishes a public activity or an approved
// rebuttal with its Vietnamese, English and Khmer versions, its edit form,
// and unpublishing.

func (s *Server) registerPublicationRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Publications == nil {
		return
	}
	auth("GET /publications", s.handlePublicationList)
	auth("GET /publications/new", s.handlePublicationNew)
	auth("POST /publications/new", s.handlePublicationCreate)
	auth("GET /publications/{id}", s.handlePublicationEdit)
	auth("POST /publications/{id}", s.handlePublicationUpdate)
	auth("POST /publications/{id}/unpublish", s.handlePublicationUnpublish)
}

// CanPublications shows the menu item (the coordinator and leaders follow
// what the province shows the public).
func (p *page) CanPublications() bool {
	return p.User != nil && (p.User.Role == ttdn.RoleCoordinator || p.User.Role == ttdn.RoleLeader)
}

// CanPublish shows the "publish on the public site" buttons.
func (p *page) CanPublish() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePublication, Classification: ttdn.Public})
}

// PubTitle is a publication's Vietnamese title.
func (p *page) PubTitle(pub *ttdn.Publication) string {
	t, _ := pub.Text(ttdn.LangVI)
	return t.Title
}

// PublicationKind and TranslationStatus label the enums in the page's language.
func (p *page) PublicationKind(k ttdn.PublicationKind) string {
	return p.T("publication.kind." + string(k))
}
func (p *page) TranslationStatus(s ttdn.TranslationStatus) string {
	return p.T("publication.status." + string(s))
}

type publicationList struct {
	Rows  []*ttdn.Publication
	Pager pager
	Kind  string
	Kinds []ttdn.PublicationKind
}

func (s *Server) handlePublicationList(w http.ResponseWriter, r *http.Request) {
	current, offset := pageNumber(r)
	kind := ttdn.PublicationKind(r.URL.Query().Get("kind"))
	if !kind.Valid() {
		kind = ""
	}
	rows, total, err := s.cfg.Publications.FindPublications(r.Context(), ttdn.PublicationFilter{Kind: kind, Offset: offset, Limit: pageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "publications", "publication.list_title", &publicationList{Rows: rows,
		Pager: newPager(r, current, total), Kind: string(kind), Kinds: ttdn.PublicationKinds})
}

// publicationForm is the form's view: the publication (a draft or the
// stored one) and, per language, what was typed.
type publicationForm struct {
	Pub      *ttdn.Publication
	Source   string // "activity" or "response", for the new form
	Texts    []ttdn.PublicationText
	Statuses [3]ttdn.TranslationStatus
	Public   string // the public address of the item, once published
}

func newPublicationForm(p *ttdn.Publication) *publicationForm {
	f := &publicationForm{Pub: p, Statuses: ttdn.TranslationStatuses}
	for _, l := range ttdn.PublicLanguages {
		t := ttdn.PublicationText{Lang: l, Status: ttdn.TranslationNeeded}
		if v := p.In(l); v != nil {
			t = *v
		}
		f.Texts = append(f.Texts, t)
	}
	if p.ID != 0 {
		f.Public = "/public/vi/items/" + itoa(p.ID)
	}
	return f
}

// sourceOf reads ?activity=ID or ?response=ID (or the form's fields).
func sourceOf(r *http.Request) (ttdn.PublicationSource, string) {
	for _, k := range []struct {
		field string
		kind  ttdn.ResourceKind
	}{{"activity", ttdn.ResourceActivity}, {"response", ttdn.ResourceCaseResponse}} {
		if id, err := strconv.ParseInt(r.FormValue(k.field), 10, 64); err == nil && id > 0 {
			return ttdn.PublicationSource{Kind: k.kind, ID: id}, k.field
		}
	}
	return ttdn.PublicationSource{}, ""
}

func (s *Server) handlePublicationNew(w http.ResponseWriter, r *http.Request) {
	src, field := sourceOf(r)
	if field == "" {
		s.renderError(w, r, ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy hồ sơ cần đăng.", "The record to publish was not found."))
		return
	}
	if p, err := s.cfg.Publications.FindPublicationBySource(r.Context(), src); err == nil {
		s.redirect(w, r, "/publications/"+itoa(p.ID))
		return
	}
	d, err := s.cfg.Publications.DraftPublication(r.Context(), src)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := newPublicationForm(d)
	f.Source = field
	s.render(w, r, http.StatusOK, "publication_form", "publication.new_title", f)
}

// textsFrom reads the three language versions of the form.
func textsFrom(r *http.Request) []ttdn.PublicationText {
	var out []ttdn.PublicationText
	for _, l := range ttdn.PublicLanguages {
		v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k + "_" + l)) }
		out = append(out, ttdn.PublicationText{Lang: l, Title: v("title"), Summary: v("summary"), Body: v("body"),
			Status: ttdn.TranslationStatus(v("status"))})
	}
	return out
}

func (s *Server) handlePublicationCreate(w http.ResponseWriter, r *http.Request) {
	src, field := sourceOf(r)
	p := &ttdn.Publication{Texts: textsFrom(r), LinkURL: strings.TrimSpace(r.PostFormValue("link_url")),
		Author: strings.TrimSpace(r.PostFormValue("author"))}
	err := s.cfg.Publications.Publish(r.Context(), src, p) // an empty source is refused there, after the policy
	if err != nil {
		shown := *p
		if d, derr := s.cfg.Publications.DraftPublication(r.Context(), src); derr == nil {
			shown = *d
			shown.Texts, shown.LinkURL, shown.Author = p.Texts, p.LinkURL, p.Author
		}
		f := newPublicationForm(&shown)
		f.Source, f.Texts = field, p.Texts
		s.renderWithError(w, r, err, "publication_form", "publication.new_title", f)
		return
	}
	s.redirectWithFlash(w, r, "/publications/"+itoa(p.ID), "flash.publication_published")
}

func (s *Server) handlePublicationEdit(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	p, err := s.cfg.Publications.FindPublicationByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "publication_form", "publication.edit_title", newPublicationForm(p))
}

func (s *Server) handlePublicationUpdate(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	upd := ttdn.PublicationUpdate{Texts: textsFrom(r), LinkURL: strings.TrimSpace(r.PostFormValue("link_url")),
		Author: strings.TrimSpace(r.PostFormValue("author"))}
	var err error
	if upd.Version, err = formVersion(r); err == nil {
		_, err = s.cfg.Publications.UpdatePublication(r.Context(), id, upd)
	}
	if err != nil {
		p, ferr := s.cfg.Publications.FindPublicationByID(r.Context(), id)
		if ferr != nil {
			s.renderError(w, r, ferr)
			return
		}
		f := newPublicationForm(p)
		f.Texts = upd.Texts
		s.renderWithError(w, r, err, "publication_form", "publication.edit_title", f)
		return
	}
	s.redirectWithFlash(w, r, "/publications/"+itoa(id), "flash.publication_saved")
}

func (s *Server) handlePublicationUnpublish(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r)
	version, _ := formVersion(r) // a missing version is a stale one: the service refuses it
	if err := s.cfg.Publications.Unpublish(r.Context(), id, version); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/publications", "flash.publication_unpublished")
}
