package sqlstore

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"ttdn"
)

// This file holds everything that differs between SQLite and PostgreSQL at
// query time. Upserts (ON CONFLICT … DO NOTHING), RETURNING, recursive CTEs and
// ESCAPE in LIKE are spelt the same on both; search is on keys folded in Go,
// so no case-insensitive operator is needed. The rest of the package writes
// portable SQL with ? placeholders.

// rebind rewrites ? placeholders to $1, $2… for PostgreSQL, leaving quoted
// strings alone.
func (db *DB) rebind(q string) string {
	if db.engine != EnginePostgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, quoted := 0, false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// limitClause returns LIMIT/OFFSET for paging; limit <= 0 means no limit.
// The numbers are ints, so formatting them into the query is safe.
func limitClause(limit, offset int) string {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 {
		if offset == 0 {
			return ""
		}
		// SQLite needs a LIMIT before OFFSET; both engines accept a huge one.
		limit = 1 << 53
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
}

// likeContains returns a LIKE pattern matching s anywhere, with LIKE's own
// wildcards escaped (use with ESCAPE '\').
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// placeholders returns "?, ?, ?" for n values (n >= 1).
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// mapError turns constraint violations into domain errors; other errors pass
// through unchanged.
func mapError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "23505":
			return errDuplicate(err)
		case "23503":
			return errReference(err)
		}
		return err
	}
	var sqErr *sqlite.Error
	if errors.As(err, &sqErr) {
		switch sqErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return errDuplicate(err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errReference(err)
		}
	}
	return err
}

func errDuplicate(err error) error {
	return fmt.Errorf("%w (%v)", ttdn.Errorf(ttdn.ECONFLICT, "Bản ghi đã tồn tại (trùng mã hoặc tên).", "The record already exists (duplicate code or name)."), err)
}

func errReference(err error) error {
	return fmt.Errorf("%w (%v)", ttdn.Errorf(ttdn.EINVALID, "Bản ghi tham chiếu tới một đơn vị, người dùng hoặc kế hoạch không tồn tại.", "The record refers to a unit, user or plan that does not exist."), err)
}
