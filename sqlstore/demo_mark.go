package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ttdn"
)

// keyDemo marks, in settings, a database that holds the demo data: only
// there may accounts with the published demo password exist.
const keyDemo = "demo_database"

// catalogTables are filled by the seeding every start does (the shipped
// unit directory, themes, channels, indicators, watch terms) and by the
// migrations: a database holding only them is empty.
var catalogTables = map[string]bool{
	"units": true, "unit_groups": true, "unit_group_members": true, "themes": true, "channels": true,
	"indicators": true, "press_watch_terms": true, "press_state": true,
	"audit_events": true, "audit_chain_head": true,
}

// ClaimDemo lets the demo data, with its accounts whose password is
// published, be loaded into db: a database already marked as a demo
// database is accepted, an empty one is marked, and anything else is
// refused with ECONFLICT and nothing changed. A database from before the
// mark existed whose every account has demoPassword is a demo database too
// (loading the demo into it worked before) and is marked.
func ClaimDemo(ctx context.Context, db *DB, demoPassword string) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keyDemo).Scan(&v)
	if err == nil {
		return nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	table, err := tx.firstDataTable(ctx)
	if err != nil {
		return err
	}
	if table != "" {
		if ok, err := tx.onlyDemoAccounts(ctx, demoPassword); err != nil {
			return err
		} else if !ok {
			return ttdn.Errorf(ttdn.ECONFLICT,
				"Cơ sở dữ liệu này đã có dữ liệu (bảng %s) và không phải cơ sở dữ liệu mẫu. Dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống, để không có tài khoản mang mật khẩu công khai bên cạnh dữ liệu thật; hãy dùng một thư mục --data mới (hoặc một CSDL PostgreSQL trống).",
				"This database already holds data (table %s) and is not a demo database. The demo data loads only into an empty database, so that no account with the published password sits beside real data; use a new --data directory (or an empty PostgreSQL database).",
				table)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, 'true', ?)
		ON CONFLICT (key) DO NOTHING`, keyDemo, tx.now); err != nil {
		return err
	}
	if err := tx.audit(ctx, "update", ttdn.ResourceSettings, 0, nil, map[string]string{keyDemo: "true"}); err != nil {
		return err
	}
	return tx.Commit()
}

// firstDataTable names a table that holds rows beyond the catalogues, or
// returns "" for an empty database.
func (tx *Tx) firstDataTable(ctx context.Context) (string, error) {
	names, err := tx.tableNames(ctx)
	if err != nil {
		return "", err
	}
	for _, n := range names {
		if skipTable(n) || catalogTables[n] {
			continue
		}
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+quoteIdent(n)+` LIMIT 1`).Scan(&one)
		if err == nil {
			return n, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("sqlstore: read %s: %w", n, err)
		}
	}
	return "", nil
}

// onlyDemoAccounts reports whether db has accounts and every one has the
// demo password. It stops at the first that does not.
func (tx *Tx) onlyDemoAccounts(ctx context.Context, demoPassword string) (bool, error) {
	hashes, err := tx.queryStrings(ctx, `SELECT password_hash FROM users ORDER BY id`)
	if err != nil || len(hashes) == 0 {
		return false, err
	}
	for _, h := range hashes {
		if !verifyPassword(h, demoPassword) {
			return false, nil
		}
	}
	return true, nil
}
