package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
	"ttdn/sqlstore/archive"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Force empties a database that already holds data before loading.
	// Without it, a non-empty database is refused.
	Force bool
	// Action, when set ("import", "restore"), is recorded in the audit log
	// as the first event after the loaded ones.
	Action   string
	Progress Progress
	// ForgetSecrets loads data whose secrets this database's key cannot
	// open (a backup whose key is lost): those users' TOTP is turned off
	// and the SMTP password cleared, instead of refusing the load.
	ForgetSecrets bool
}

// migrationSeeded are tables whose rows the migrations themselves insert:
// a fresh database is "empty" with them filled, and a load replaces them.
var migrationSeeded = map[string]bool{"audit_chain_head": true, "press_state": true}

// derivedRebuilders rebuild what derivedTables hold from the loaded rows,
// in the import's transaction. A package part that keeps a derived table
// registers its rebuilder here (in an init function).
var derivedRebuilders []func(ctx context.Context, tx *Tx) error

// Import loads src into this database in one transaction: all of it, or
// nothing. The database must be empty (unless opts.Force) and know every
// migration the source was made with. Sequences are reset on PostgreSQL and
// the audit chain is sealed if the source predates it.
func (db *DB) Import(ctx context.Context, src Source, opts ImportOptions) error {
	m := src.Manifest()
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.checkSchemaVersion(ctx, m); err != nil {
		return err
	}
	tables, err := tx.loadSchema(ctx)
	if err != nil {
		return err
	}
	if err := checkTablesKnown(m, tables); err != nil {
		return err
	}
	if err := tx.emptyTarget(ctx, tables, m, opts.Force); err != nil {
		return err
	}
	ld := &loader{tx: tx, total: totalRows(m), progress: opts.Progress}
	for _, t := range tables {
		if at := m.Table(t.name); at != nil {
			if err := ld.load(ctx, src, at, t); err != nil {
				return err
			}
		}
	}
	if opts.Progress != nil {
		opts.Progress(ld.total, ld.total)
	}
	if err := tx.afterLoad(ctx, tables); err != nil {
		return err
	}
	// The loaded secrets must open with this database's key; those an older
	// version stored in clear are sealed.
	forgotten, err := tx.sealAll(ctx, db.keys.Load(), opts.ForgetSecrets)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.endScrub(ctx)
	if err := SealAuditLog(ctx, db); err != nil {
		return err
	}
	return db.recordLoad(ctx, m, opts.Action, forgotten)
}

// checkSchemaVersion refuses an archive made by a newer ttdn: it may hold
// columns or meanings this one does not know. An older archive loads; the
// columns it lacks take their defaults.
func (tx *Tx) checkSchemaVersion(ctx context.Context, m *archive.Manifest) error {
	have, err := tx.queryStrings(ctx, `SELECT name FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("sqlstore: read schema version: %w", err)
	}
	known := map[string]bool{}
	for _, n := range have {
		known[n] = true
	}
	for _, n := range m.Migrations {
		if !known[n] {
			return ttdn.Errorf(ttdn.EINVALID,
				"Dữ liệu được tạo bởi phiên bản ttdn mới hơn (cấu trúc %s chưa có ở đây). Hãy nâng cấp ttdn trước khi nạp.",
				"The data was made by a newer ttdn (schema change %s is unknown here). Upgrade ttdn before loading it.", n)
		}
	}
	return nil
}

func checkTablesKnown(m *archive.Manifest, tables []*tableInfo) error {
	have := map[string]bool{}
	for _, t := range tables {
		have[t.name] = true
	}
	for _, t := range m.Tables {
		if !have[t.Name] && !derivedTables[t.Name] {
			return ttdn.Errorf(ttdn.EINVALID, "Dữ liệu có bảng %s mà cơ sở dữ liệu này không có.",
				"The data has a table %s this database does not have.", t.Name)
		}
	}
	return nil
}

// emptyTarget refuses a database holding data, or with force deletes it
// all; rows the migrations seeded are replaced when the source has them.
func (tx *Tx) emptyTarget(ctx context.Context, tables []*tableInfo, m *archive.Manifest, force bool) error {
	if !force {
		for _, t := range tables {
			if migrationSeeded[t.name] {
				continue
			}
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+quoteIdent(t.name)+` LIMIT 1`).Scan(&one)
			if err == nil {
				return ttdn.Errorf(ttdn.ECONFLICT,
					"Cơ sở dữ liệu đích đã có dữ liệu (bảng %s). Chỉ nạp vào cơ sở dữ liệu trống, hoặc dùng --force để XÓA TOÀN BỘ dữ liệu hiện có rồi nạp.",
					"The target database already holds data (table %s). Load only into an empty database, or use --force to DELETE ALL its data first.", t.name)
			}
		}
	}
	for i := len(tables) - 1; i >= 0; i-- {
		t := tables[i]
		if !force && !(migrationSeeded[t.name] && m.Table(t.name) != nil) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)); err != nil {
			return fmt.Errorf("sqlstore: empty %s: %w", t.name, err)
		}
	}
	return nil
}

// afterLoad resets PostgreSQL's identity sequences past the loaded ids and
// rebuilds derived tables.
func (tx *Tx) afterLoad(ctx context.Context, tables []*tableInfo) error {
	for _, t := range tables {
		if !t.identity {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), COALESCE((SELECT MAX(id) FROM `+
			quoteIdent(t.name)+`), 0) + 1, false)`, t.name); err != nil {
			return fmt.Errorf("sqlstore: reset the id sequence of %s: %w", t.name, err)
		}
	}
	for _, rebuild := range derivedRebuilders {
		if err := rebuild(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// recordLoad writes the load itself into the audit log, chained after the
// loaded events.
func (db *DB) recordLoad(ctx context.Context, m *archive.Manifest, action string, forgotten []string) error {
	if action == "" {
		return nil
	}
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	after := map[string]any{"kind": m.Kind, "engine": m.Engine, "created_at": m.CreatedAt, "rows": totalRows(m)}
	if len(forgotten) > 0 {
		after["forgotten_secrets"] = forgotten
	}
	if err := tx.audit(ctx, action, "database", 0, nil, after); err != nil {
		return err
	}
	return tx.Commit()
}
