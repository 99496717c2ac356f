package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ttdn"
)

// publicVisible is the condition every read of the public site carries: a
// publication shows only while its source is public at this moment. An
// activity made internal or secret, or a case that became more classified
// (a response made secret raises it), leaves the site at the commit that
// changed it; nothing has to remember to unpublish it.
const publicVisible = `(
	(p.source_kind = 'activity' AND EXISTS (SELECT 1 FROM activities a
		WHERE a.id = p.source_id AND a.classification = 'public'))
	OR (p.source_kind = 'case_response' AND EXISTS (SELECT 1 FROM case_responses r JOIN cases c ON c.id = r.case_id
		WHERE r.id = p.source_id AND r.own_classification = 'public' AND c.classification = 'public'
		AND r.status IN ('approved', 'published'))))`

// PublicSite is the anonymous side of the public site. It needs no user and
// reads nothing but visible publications, their texts and their
// activities' files.
type PublicSite struct{ db *DB }

// NewPublicSite returns the public site's reader over db.
func NewPublicSite(db *DB) *PublicSite { return &PublicSite{db: db} }

var _ ttdn.PublicSite = (*PublicSite)(nil)

// PublicStamp summarises what the site shows: it changes when anything is
// published, edited, unpublished, or leaves because its source changed.
func (s *PublicSite) PublicStamp(ctx context.Context) (string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var n, sum int64
	var last sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(p.id * 100000 + p.version), 0),
		CAST(MAX(p.updated_at) AS TEXT) FROM publications p WHERE `+publicVisible).Scan(&n, &sum, &last)
	return fmt.Sprintf("%d.%d.%s", n, sum, last.String), err
}

// PublicItems lists the visible publications of a section (all when kind
// is empty), newest first.
func (s *PublicSite) PublicItems(ctx context.Context, kind ttdn.PublicationKind) ([]*ttdn.Publication, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := publicVisible, []any{}
	if kind != "" {
		where, args = `p.kind = ? AND `+where, append(args, string(kind))
	}
	return findPublications(ctx, tx, where+` ORDER BY p.published_at DESC, p.id DESC`, args...)
}

// PublicItem returns one visible publication, or ENOTFOUND.
func (s *PublicSite) PublicItem(ctx context.Context, id int64) (*ttdn.Publication, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findPublications(ctx, tx, `p.id = ? AND `+publicVisible, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errPublicationNotFound()
	}
	return list[0], nil
}

// PublicFile returns a file of a visible published activity.
func (s *PublicSite) PublicFile(ctx context.Context, pubID, fileID int64) (*ttdn.PublicFile, []byte, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	f := &ttdn.PublicFile{ID: fileID}
	var data []byte
	err = tx.QueryRowContext(ctx, `SELECT f.name, f.content_type, f.size, f.data FROM publications p
		JOIN attachments f ON f.owner_kind = 'activity' AND f.owner_id = p.source_id
		WHERE p.id = ? AND f.id = ? AND p.source_kind = 'activity' AND `+publicVisible, pubID, fileID).
		Scan(&f.Name, &f.ContentType, &f.Size, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy tệp.", "File not found.")
	}
	return f, data, err
}
