package sqlstore

import "context"

// listTotal returns the total of a list whose page of n rows was read with
// limitClause(limit, offset). A page that is not full ends the list, so
// the rows before it and on it are all there are: the COUNT — one more
// statement, on PostgreSQL a round trip and the read scope planned once
// more — is sent only for a full page, or an empty one past an offset.
// Lists read first and count after; the rows must be what the SQL gave
// (no row dropped in Go).
func listTotal(ctx context.Context, tx *Tx, limit, offset, n int, countSQL string, args ...any) (int, error) {
	offset = max(offset, 0)
	if (limit <= 0 || n < limit) && (n > 0 || offset == 0) {
		return offset + n, nil
	}
	var total int
	err := tx.QueryRowContext(ctx, countSQL, args...).Scan(&total)
	return total, err
}
