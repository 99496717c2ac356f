package sqlstore

import (
	"context"
	"fmt"
)

// The press full-text index is engine-specific (FTS5 on SQLite, tsvector
// on PostgreSQL), so archives leave it out and a load rebuilds it from the
// articles, with the same text the ingest indexes (SearchText).
func init() { derivedRebuilders = append(derivedRebuilders, rebuildPressSearch) }

func rebuildPressSearch(ctx context.Context, tx *Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM press_articles`).Scan(&n); err != nil || n == 0 {
		return nil // no press tables (older schema) or no articles: nothing to index
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, title, summary FROM press_articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("sqlstore: rebuild press search: %w", err)
	}
	type article struct {
		id             int64
		title, summary string
	}
	var list []article
	for rows.Next() {
		var a article
		if err := rows.Scan(&a.id, &a.title, &a.summary); err != nil {
			rows.Close()
			return err
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	insert := tx.db.ftsInsertSQL()
	bodies := make([]string, 0, len(list))
	for _, a := range list {
		body := SearchText(a.title, a.summary)
		if _, err := tx.ExecContext(ctx, insert, a.id, body); err != nil {
			return fmt.Errorf("sqlstore: rebuild press search: %w", err)
		}
		bodies = append(bodies, body)
	}
	return addSearchWords(ctx, tx, bodies...)
}
