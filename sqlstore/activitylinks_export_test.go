package sqlstore

import "context"

// RebuildActivityLinkCopiesTest runs what an import does to the links'
// copies of their activity's date and level.
func (db *DB) RebuildActivityLinkCopiesTest(ctx context.Context) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := rebuildActivityLinkCopies(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}
