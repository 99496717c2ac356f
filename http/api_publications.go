package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiPublicationRoutes registers the management of the public site (issue
// 14 §2) in the API: the list, one publication, publishing a public
// activity or an approved rebuttal, editing its language versions and
// unpublishing — the publication service's policy (the coordinator) and
// audit, as on the pages.
func (s *Server) apiPublicationRoutes() {
	if s.cfg.Publications == nil {
		return
	}
	s.op("GET /api/v1/publications", s.apiPublications)
	s.op("POST /api/v1/publications", publisher(createOp("/api/v1/publications/{id}", s.apiPublish)))
	s.op("GET /api/v1/publications/{id}", readOp(s.cfg.Publications.FindPublicationByID))
	s.op("PATCH /api/v1/publications/{id}", publisher(editOp(s.apiPublicationUpdate)))
	s.op("POST /api/v1/publications/{id}/unpublish", publisher(s.apiUnpublish))
}

// publisher refuses whoever may not publish before the request is read,
// as the pages do (CanPublish); the service asks the same policy again.
func publisher(op apiOp) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		if !ttdn.Can(ttdn.UserFromContext(r.Context()), ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourcePublication, Classification: ttdn.Public}) {
			return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền quản lý trang thông tin công khai.", "You may not manage the public site.")
		}
		return op(r)
	}
}

// apiPublications lists publications, newest first, of ?kind= when given.
func (s *Server) apiPublications(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	kind := ttdn.PublicationKind(r.URL.Query().Get("kind"))
	if kind != "" && !kind.Valid() {
		return nil, apiField("kind", ttdn.Errorf(ttdn.EINVALID, "Chuyên mục phải là activity, material hoặc rebuttal.",
			"The kind must be activity, material or rebuttal."))
	}
	rows, total, err := s.cfg.Publications.FindPublications(r.Context(), ttdn.PublicationFilter{Kind: kind, Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// publicationInput publishes a record: an activity or a case response
// (source_kind "activity" or "case_response") with its language versions;
// without texts the record's title and summary are published in
// Vietnamese, without author the publisher's unit is named.
type publicationInput struct {
	SourceKind ttdn.ResourceKind      `json:"source_kind"`
	SourceID   int64                  `json:"source_id"`
	Texts      []ttdn.PublicationText `json:"texts"`
	LinkURL    string                 `json:"link_url"`
	Author     string                 `json:"author"`
}

func (s *Server) apiPublish(ctx context.Context, in *publicationInput) (*ttdn.Publication, error) {
	var src ttdn.PublicationSource // another kind stays empty: the service refuses it after the policy
	if in.SourceKind == ttdn.ResourceActivity || in.SourceKind == ttdn.ResourceCaseResponse {
		src = ttdn.PublicationSource{Kind: in.SourceKind, ID: in.SourceID}
	}
	p := &ttdn.Publication{Texts: in.Texts, LinkURL: strings.TrimSpace(in.LinkURL), Author: strings.TrimSpace(in.Author)}
	if len(p.Texts) == 0 || p.Author == "" {
		// As the form is filled: the record's title and summary, the
		// publisher's unit.
		if d, err := s.cfg.Publications.DraftPublication(ctx, src); err == nil {
			if len(p.Texts) == 0 {
				p.Texts = d.Texts
			}
			if p.Author == "" {
				p.Author = d.Author
			}
		}
	}
	if err := s.cfg.Publications.Publish(ctx, src, p); err != nil {
		return nil, err
	}
	return s.cfg.Publications.FindPublicationByID(ctx, p.ID)
}

// publicationPatch changes what is given; texts replace the stored
// language versions as a whole (a language left out is dropped, as on the
// form, Vietnamese required).
type publicationPatch struct {
	Texts   *[]ttdn.PublicationText `json:"texts"`
	LinkURL *string                 `json:"link_url"`
	Author  *string                 `json:"author"`
}

func (s *Server) apiPublicationUpdate(ctx context.Context, id int64, version int, in *publicationPatch) (*ttdn.Publication, error) {
	cur, err := s.cfg.Publications.FindPublicationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	upd := ttdn.PublicationUpdate{Version: version, Texts: cur.Texts, LinkURL: cur.LinkURL, Author: cur.Author}
	if in.Texts != nil {
		upd.Texts = *in.Texts
	}
	if in.LinkURL != nil {
		upd.LinkURL = strings.TrimSpace(*in.LinkURL)
	}
	if in.Author != nil {
		upd.Author = strings.TrimSpace(*in.Author)
	}
	return s.cfg.Publications.UpdatePublication(ctx, id, upd)
}

// apiUnpublish takes the publication off the site at the version read
// (If-Match); nothing remains of it, so the answer is 204.
func (s *Server) apiUnpublish(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	version, err := ifMatch(r)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Publications.Unpublish(r.Context(), id, version); err != nil {
		return nil, stale(err)
	}
	return &apiResult{status: http.StatusNoContent}, nil
}
