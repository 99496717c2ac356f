package sqlstore_test

import (
	"context"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// dirtySQLite is a SQLite database holding NUL and invalid UTF-8 in text
// columns, written behind the services (as an older ttdn stored them).
func dirtySQLite(t *testing.T) *sqlstore.DB {
	t.Helper()
	src := sqltest.Open(t, sqlstore.EngineSQLite)
	u := sqltest.MustCreateUnit(t, src, &ttdn.Unit{Code: "a", Name: "A"})
	if err := src.ExecTest(`UPDATE units SET name = ?, note = ? WHERE id = ?`, "Đơn\x00 vị\xff mới", "\x00\x00ghi\xc3 chú\x00", u.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := src.QueryStringTest(`SELECT name FROM units WHERE id = ?`, u.ID); got != "Đơn\x00 vị\xff mới" {
		t.Fatalf("fixture: SQLite holds %q", got)
	}
	return src
}

// TestImportCleansNULAndBrokenUTF8: the export of such a database loads
// into PostgreSQL (and SQLite) with the text cleaned, the same on both; so
// does a load straight from the database (an archive an older ttdn wrote
// may hold \u0000).
func TestImportCleansNULAndBrokenUTF8(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		src := dirtySQLite(t)
		mustImport(t, db, mustExport(t, src))
		checkCleanUnit(t, db)

		snap, err := src.OpenSnapshot(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		direct := sqltest.Open(t, db.Engine())
		if err := direct.Import(context.Background(), snap, sqlstore.ImportOptions{}); err != nil {
			t.Fatalf("load from the database itself: %v", err)
		}
		checkCleanUnit(t, direct)
	})
}

func checkCleanUnit(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	name, err := db.QueryStringTest(`SELECT name FROM units WHERE code = 'a'`)
	if err != nil || name != "Đơn vị mới" {
		t.Errorf("%s: name %q, %v", db.Engine(), name, err)
	}
	note, err := db.QueryStringTest(`SELECT note FROM units WHERE code = 'a'`)
	if err != nil || note != "ghi chú" {
		t.Errorf("%s: note %q, %v", db.Engine(), note, err)
	}
}
