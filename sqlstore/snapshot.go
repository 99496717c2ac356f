package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ttdn/sqlstore/archive"
)

// Snapshot is a consistent view of a whole database for a logical export
// or backup: one read transaction (a WAL snapshot on SQLite, REPEATABLE READ
// READ ONLY on PostgreSQL), so rows written meanwhile are either all in it
// or all out of it. It is also the Source that restore copies from.
type Snapshot struct {
	ctx      context.Context
	tx       *Tx
	tables   []*tableInfo
	manifest *archive.Manifest
}

// OpenSnapshot begins the snapshot. The caller closes it.
func (db *DB) OpenSnapshot(ctx context.Context) (*Snapshot, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == EnginePostgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	stx, err := db.read.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: begin snapshot: %w", err)
	}
	tx := &Tx{Tx: stx, db: db, now: db.now()}
	s := &Snapshot{ctx: ctx, tx: tx}
	if err := s.describe(ctx); err != nil {
		tx.Rollback()
		return nil, err
	}
	return s, nil
}

func (s *Snapshot) describe(ctx context.Context) error {
	var err error
	if s.tables, err = s.tx.loadSchema(ctx); err != nil {
		return err
	}
	migs, err := s.tx.queryStrings(ctx, `SELECT name FROM schema_migrations ORDER BY name`)
	if err != nil {
		return fmt.Errorf("sqlstore: read schema version: %w", err)
	}
	s.manifest = &archive.Manifest{Format: archive.Format, Version: archive.Version,
		Engine: s.tx.db.engine, CreatedAt: s.tx.now, Migrations: migs}
	for _, t := range s.tables {
		var n int64
		if err := s.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t.name)).Scan(&n); err != nil {
			return fmt.Errorf("sqlstore: count %s: %w", t.name, err)
		}
		s.manifest.Tables = append(s.manifest.Tables, archive.Table{Name: t.name, Columns: t.cols, Rows: n})
	}
	return nil
}

// Close ends the snapshot's transaction.
func (s *Snapshot) Close() error { return s.tx.Rollback() }

// Manifest describes the snapshot's tables (no files or checksums).
func (s *Snapshot) Manifest() *archive.Manifest { return s.manifest }

// Rows calls fn with each row of t, ordered by primary key, each value in
// its archive kind.
func (s *Snapshot) Rows(t *archive.Table, fn func(row []any) error) error {
	ctx := s.ctx
	info := s.table(t.Name)
	if info == nil {
		return fmt.Errorf("sqlstore: no table %s", t.Name)
	}
	names := make([]string, len(info.cols))
	for i, c := range info.cols {
		names[i] = quoteIdent(c.Name)
	}
	// Primary-key order makes archives of equal data equal; a table without
	// a key is ordered by all its columns.
	var order []string
	for _, k := range info.pk {
		order = append(order, quoteIdent(k))
	}
	if len(order) == 0 {
		order = names
	}
	rows, err := s.tx.QueryContext(ctx, `SELECT `+strings.Join(names, ", ")+` FROM `+quoteIdent(info.name)+
		` ORDER BY `+strings.Join(order, ", "))
	if err != nil {
		return fmt.Errorf("sqlstore: read %s: %w", info.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(info.cols))
	ptrs := make([]any, len(info.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("sqlstore: read %s: %w", info.name, err)
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			if row[i], err = sourceValue(info.cols[i].Kind, v); err != nil {
				return fmt.Errorf("sqlstore: read %s.%s: %w", info.name, info.cols[i].Name, err)
			}
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *Snapshot) table(name string) *tableInfo {
	for _, t := range s.tables {
		if t.name == name {
			return t
		}
	}
	return nil
}

// sourceValue normalises what a driver returned for a column of kind k:
// SQLite may give a timestamp as text, PostgreSQL's text as bytes.
func sourceValue(k archive.Kind, v any) (any, error) {
	switch v := v.(type) {
	case []byte:
		if k == archive.KindBytes {
			return append([]byte(nil), v...), nil
		}
		return sourceValue(k, string(v))
	case string:
		if k == archive.KindTime {
			var t time.Time
			err := timeScan{&t}.Scan(v)
			return t, err
		}
	case time.Time:
		return v.UTC(), nil
	}
	return v, nil
}
