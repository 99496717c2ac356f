package sqlstore

import (
	"context"

	"ttdn"
)

// PublicationService is the coordinator's side of the public site (issue 14
// §2): publishing a public record as a snapshot with its language versions,
// editing them, unpublishing. The anonymous side is PublicSite.
type PublicationService struct{ db *DB }

// NewPublicationService returns the service over db.
func NewPublicationService(db *DB) *PublicationService { return &PublicationService{db: db} }

var _ ttdn.PublicationService = (*PublicationService)(nil)

func errPublicationNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy tin đã đăng.", "Publication not found.")
}

// publicationResource is what the policy judges: publications are public by
// nature, and only the coordinator writes them.
var publicationResource = ttdn.Resource{Kind: ttdn.ResourcePublication, Classification: ttdn.Public}

func errNotPublic() error {
	return ttdn.Errorf(ttdn.EINVALID, "Chỉ hồ sơ có độ mật “Công khai” mới được đăng lên trang công khai.",
		"Only records classified public can be published on the public site.")
}

// DraftPublication builds the publication a source would make, unsaved.
func (s *PublicationService) DraftPublication(ctx context.Context, src ttdn.PublicationSource) (*ttdn.Publication, error) {
	if err := authorize(ctx, ttdn.ActionCreate, publicationResource, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return draftFrom(ctx, tx, src)
}

// draftFrom reads the source as the acting user may and refuses what cannot
// be published.
func draftFrom(ctx context.Context, tx *Tx, src ttdn.PublicationSource) (*ttdn.Publication, error) {
	p := &ttdn.Publication{SourceKind: src.Kind, SourceID: src.ID}
	if id, _ := actor(ctx); id != 0 {
		if u := ttdn.UserFromContext(ctx); u != nil {
			p.Author = unitName(ctx, tx, u.UnitID)
		}
	}
	switch src.Kind {
	case ttdn.ResourceActivity:
		return p, draftActivity(ctx, tx, p)
	case ttdn.ResourceCaseResponse:
		return p, draftRebuttal(ctx, tx, p)
	}
	return nil, ttdn.Errorf(ttdn.EINVALID, "Loại hồ sơ này không đăng lên trang công khai được.", "This kind of record cannot be published.")
}

func draftActivity(ctx context.Context, tx *Tx, p *ttdn.Publication) error {
	a, err := findActivityByID(ctx, tx, p.SourceID)
	if err != nil {
		return err
	} else if err := canRead(ctx, activityResource(a), errActivityNotFound()); err != nil {
		return err
	} else if a.Classification != ttdn.Public {
		return errNotPublic()
	}
	p.Kind, p.StartDate, p.EndDate, p.Place = ttdn.KindOfActivity(a.Type), a.StartDate, a.EndDate, a.Place
	p.Texts = []ttdn.PublicationText{{Lang: ttdn.LangVI, Title: a.Title, Summary: a.Summary, Status: ttdn.TranslationApproved}}
	return nil
}

func draftRebuttal(ctx context.Context, tx *Tx, p *ttdn.Publication) error {
	list, err := findResponses(ctx, tx, `r.id = ?`, p.SourceID)
	if err == nil && len(list) == 0 {
		err = errResponseNotFound()
	}
	if err != nil {
		return err
	}
	r := list[0]
	c, err := findCaseByID(ctx, tx, r.CaseID)
	if err != nil {
		return err
	} else if err := canRead(ctx, c.Resource(), errResponseNotFound()); err != nil {
		return err
	} else if c.Classification != ttdn.Public || r.OwnClassification != ttdn.Public {
		return errNotPublic()
	} else if r.Status != ttdn.ResponseApproved && r.Status != ttdn.ResponsePublished {
		return ttdn.Errorf(ttdn.EINVALID, "Chỉ phản hồi đã được duyệt mới được đăng lên trang công khai.",
			"Only an approved response can be published on the public site.")
	} else if r.Kind == ttdn.ResponseGuidance {
		return ttdn.Errorf(ttdn.EINVALID, "Định hướng thông tin cho báo chí là văn bản nội bộ, không đăng lên trang công khai.",
			"Guidance to the press is internal and is not published on the public site.")
	} else if !c.Verdict.Clarified() {
		return ttdn.Errorf(ttdn.EINVALID, "Vụ việc chưa có kết luận (sai sự thật, xuyên tạc…): chưa đăng phản bác được.",
			"The case has no verdict yet: a rebuttal cannot be published.")
	}
	p.Kind, p.Claim, p.Verdict, p.ClaimURL = ttdn.PublishedRebuttal, c.Claim, c.Verdict, c.Source.URL
	p.StartDate = ttdn.DateOf(tx.now.In(vietnamZone))
	p.Texts = []ttdn.PublicationText{{Lang: ttdn.LangVI, Title: r.Title, Body: r.Body, Status: ttdn.TranslationApproved}}
	return nil
}

// Publish stores a new publication of src with the texts, link and author
// of p; the rest comes from the source as it is now.
func (s *PublicationService) Publish(ctx context.Context, src ttdn.PublicationSource, p *ttdn.Publication) error {
	if err := authorize(ctx, ttdn.ActionCreate, publicationResource, nil); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	d, err := draftFrom(ctx, tx, src)
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM publications WHERE source_kind = ? AND source_id = ?`,
		string(src.Kind), src.ID).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return ttdn.Errorf(ttdn.ECONFLICT, "Hồ sơ này đã được đăng lên trang công khai.", "This record is already on the public site.")
	}
	d.Texts, d.LinkURL, d.Author = p.Texts, p.LinkURL, p.Author
	if err := d.Validate(); err != nil {
		return err
	}
	d.PublishedBy, _ = actor(ctx)
	d.PublishedAt, d.UpdatedAt, d.Version = tx.now, tx.now, 1
	if d.ID, err = tx.insertID(ctx, `INSERT INTO publications (kind, source_kind, source_id, start_date, end_date, place, link_url,
		claim, verdict, claim_url, author, published_by, published_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		string(d.Kind), string(d.SourceKind), d.SourceID, dateArg(d.StartDate), dateArg(d.EndDate), d.Place, d.LinkURL,
		d.Claim, string(d.Verdict), d.ClaimURL, d.Author, d.PublishedBy, tx.now, tx.now); err != nil {
		return err
	}
	if err := writeTexts(ctx, tx, d); err != nil {
		return err
	} else if err := tx.audit(ctx, "publish_public", ttdn.ResourcePublication, d.ID, nil, d); err != nil {
		return err
	}
	*p = *d
	return tx.Commit()
}

func writeTexts(ctx context.Context, tx *Tx, p *ttdn.Publication) error {
	if _, err := tx.exec(ctx, `DELETE FROM publication_texts WHERE publication_id = ?`, p.ID); err != nil {
		return err
	}
	for _, t := range p.Texts {
		if _, err := tx.exec(ctx, `INSERT INTO publication_texts (publication_id, lang, title, summary, body, status)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, t.Lang, t.Title, t.Summary, t.Body, string(t.Status)); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePublication changes the language versions, link and author.
func (s *PublicationService) UpdatePublication(ctx context.Context, id int64, upd ttdn.PublicationUpdate) (*ttdn.Publication, error) {
	tx, before, err := s.beginPublication(ctx, id, upd.Version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p := *before
	p.Texts, p.LinkURL, p.Author = upd.Texts, upd.LinkURL, upd.Author
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.Version, p.UpdatedAt = before.Version+1, tx.now
	if _, err := tx.exec(ctx, `UPDATE publications SET link_url = ?, author = ?, version = ?, updated_at = ? WHERE id = ?`,
		p.LinkURL, p.Author, p.Version, tx.now, id); err != nil {
		return nil, err
	} else if err := writeTexts(ctx, tx, &p); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourcePublication, id, before, &p); err != nil {
		return nil, err
	}
	return &p, tx.Commit()
}

// Unpublish deletes the publication: it leaves every page, feed and the
// sitemap at this commit.
func (s *PublicationService) Unpublish(ctx context.Context, id int64, version int) error {
	tx, before, err := s.beginPublication(ctx, id, version)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM publication_texts WHERE publication_id = ?`, id); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `DELETE FROM publications WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "unpublish_public", ttdn.ResourcePublication, id, before, nil); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *PublicationService) beginPublication(ctx context.Context, id int64, version int) (*Tx, *ttdn.Publication, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, publicationResource, errPublicationNotFound()); err != nil {
		return nil, nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, nil, err
	}
	list, err := findPublications(ctx, tx, `p.id = ?`, id)
	if err == nil && len(list) == 0 {
		err = errPublicationNotFound()
	}
	if err == nil && list[0].Version != version {
		err = errConflict()
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, list[0], nil
}

// FindPublicationByID returns a publication, visible on the site or not.
func (s *PublicationService) FindPublicationByID(ctx context.Context, id int64) (*ttdn.Publication, error) {
	return s.findOne(ctx, `p.id = ?`, id)
}

// FindPublicationBySource returns the publication of a record.
func (s *PublicationService) FindPublicationBySource(ctx context.Context, src ttdn.PublicationSource) (*ttdn.Publication, error) {
	return s.findOne(ctx, `p.source_kind = ? AND p.source_id = ?`, string(src.Kind), src.ID)
}

func (s *PublicationService) findOne(ctx context.Context, where string, args ...any) (*ttdn.Publication, error) {
	if err := canRead(ctx, publicationResource, errPublicationNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	scope, sargs := publicationScope(ctx)
	list, err := findPublications(ctx, tx, where+" AND "+scope, append(args, sargs...)...)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errPublicationNotFound()
	}
	return list[0], nil
}

// FindPublications lists publications newest first, with whether each is
// on the site now (its source still public).
func (s *PublicationService) FindPublications(ctx context.Context, f ttdn.PublicationFilter) ([]*ttdn.Publication, int, error) {
	if err := canRead(ctx, publicationResource, errPublicationNotFound()); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := publicationScope(ctx)
	if f.Kind != "" {
		where, args = where+" AND p.kind = ?", append(args, string(f.Kind))
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM publications p WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	list, err := findPublications(ctx, tx, where+` ORDER BY p.published_at DESC, p.id DESC`+limitClause(f.Limit, f.Offset), args...)
	return list, total, err
}

// publicationColumns ends with whether the source is public now.
const publicationColumns = `p.id, p.kind, p.source_kind, p.source_id, p.start_date, p.end_date, p.place, p.link_url, p.claim,
	p.verdict, p.claim_url, p.author, p.published_by, p.published_at, p.updated_at, p.version, ` + publicVisible

// publicationScope is the condition on the publications the acting user
// may see: every one whose source is public now; one whose source has been
// made more classified since (the site no longer shows it) only to those
// who read every record, as the texts were written from the source.
func publicationScope(ctx context.Context) (string, []any) {
	u := ttdn.UserFromContext(ctx)
	all := ttdn.ReadScope(u, ttdn.ResourceActivity).Max >= ttdn.Secret && ttdn.ReadScope(u, ttdn.ResourceCase).Max >= ttdn.Secret
	return "(" + publicVisible + " OR ?)", []any{all}
}

func findPublications(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Publication, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+publicationColumns+` FROM publications p WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.Publication
	for rows.Next() {
		p := &ttdn.Publication{}
		var kind, srcKind, verdict string
		if err := rows.Scan(&p.ID, &kind, &srcKind, &p.SourceID, dateScan{&p.StartDate}, dateScan{&p.EndDate}, &p.Place,
			&p.LinkURL, &p.Claim, &verdict, &p.ClaimURL, &p.Author, &p.PublishedBy, timeScan{&p.PublishedAt},
			timeScan{&p.UpdatedAt}, &p.Version, &p.Visible); err != nil {
			return nil, err
		}
		p.Kind, p.SourceKind, p.Verdict = ttdn.PublicationKind(kind), ttdn.ResourceKind(srcKind), ttdn.Verdict(verdict)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadPublicationParts(ctx, tx, out)
}

// loadPublicationParts reads the texts and, for activities, the files.
func loadPublicationParts(ctx context.Context, tx *Tx, list []*ttdn.Publication) error {
	if len(list) == 0 {
		return nil
	}
	byID := map[int64]*ttdn.Publication{}
	ids := make([]int64, len(list))
	for i, p := range list {
		byID[p.ID], ids[i] = p, p.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT publication_id, lang, title, summary, body, status FROM publication_texts
		WHERE publication_id IN (`+placeholders(len(ids))+`) ORDER BY publication_id, lang`, int64Args(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t ttdn.PublicationText
		var status string
		if err := rows.Scan(&id, &t.Lang, &t.Title, &t.Summary, &t.Body, &status); err != nil {
			return err
		}
		t.Status = ttdn.TranslationStatus(status)
		byID[id].Texts = append(byID[id].Texts, t)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return loadPublicFiles(ctx, tx, list)
}

func loadPublicFiles(ctx context.Context, tx *Tx, list []*ttdn.Publication) error {
	byActivity := map[int64]*ttdn.Publication{}
	var ids []int64
	for _, p := range list {
		if p.SourceKind == ttdn.ResourceActivity {
			byActivity[p.SourceID] = p
			ids = append(ids, p.SourceID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT owner_id, id, name, content_type, size FROM attachments
		WHERE owner_kind = 'activity' AND owner_id IN (`+placeholders(len(ids))+`) ORDER BY owner_id, id`, int64Args(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var owner int64
		var f ttdn.PublicFile
		if err := rows.Scan(&owner, &f.ID, &f.Name, &f.ContentType, &f.Size); err != nil {
			return err
		}
		byActivity[owner].Files = append(byActivity[owner].Files, f)
	}
	return rows.Err()
}
