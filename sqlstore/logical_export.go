package sqlstore

import (
	"context"
	"io"

	"ttdn/sqlstore/archive"
)

// Source is where a logical load reads from: an archive (archive.Reader)
// or a live database (Snapshot).
type Source interface {
	Manifest() *archive.Manifest
	Rows(t *archive.Table, fn func(row []any) error) error
}

var (
	_ Source = (*archive.Reader)(nil)
	_ Source = (*Snapshot)(nil)
)

// Progress is told how many rows of the total are done.
type Progress func(done, total int)

// Export writes a logical archive of the whole database to w: every table
// in dependency order, from one consistent snapshot, so it may run while
// the server writes. kind is "export" or "backup".
func (db *DB) Export(ctx context.Context, w io.Writer, kind string, progress Progress) (*archive.Manifest, error) {
	snap, err := db.OpenSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return writeArchive(snap, w, kind, progress)
}

func writeArchive(src Source, w io.Writer, kind string, progress Progress) (*archive.Manifest, error) {
	m := src.Manifest()
	aw := archive.NewWriter(w, kind, m.Engine, m.Migrations, m.CreatedAt)
	total, done := totalRows(m), 0
	for i := range m.Tables {
		t := &m.Tables[i]
		tw, err := aw.Table(t.Name, t.Columns)
		if err != nil {
			return nil, err
		}
		if err := src.Rows(t, func(row []any) error {
			done++
			if progress != nil && done%1000 == 0 {
				progress(done, total)
			}
			return tw.Write(row)
		}); err != nil {
			return nil, err
		}
	}
	if progress != nil {
		progress(total, total)
	}
	return aw.Close()
}

func totalRows(m *archive.Manifest) int {
	n := 0
	for _, t := range m.Tables {
		n += int(t.Rows)
	}
	return n
}
