package main

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"ttdn/sqlstore"
)

// checkAfterCrash opens the database as a restarted server would and
// returns how many acknowledged writes are missing; it fails the test on
// any loss, integrity fault or audit chain break.
func checkAfterCrash(t *testing.T, target crashTarget, acked map[string]bool) int {
	t.Helper()
	db, err := target.open()
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer db.Close()
	raw, err := sql.Open(target.driver, target.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	present := map[string]bool{}
	texts, err := queryStrings(raw, `SELECT text FROM progress_updates`)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		present[s] = true
	}
	files, err := queryStrings(raw, `SELECT name FROM attachments`)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		present["file:"+f] = true
	}
	lost := 0
	for m := range acked {
		if !present[m] || withFile(m) && !present["file:"+m+".pdf"] {
			lost++
			t.Errorf("acknowledged write %s lost (or its file)", m)
		}
	}
	if db.Engine() == sqlstore.EngineSQLite {
		for _, q := range []string{`PRAGMA integrity_check`, `PRAGMA foreign_key_check`} {
			rows, err := queryStrings(raw, q)
			if err != nil {
				t.Fatal(err)
			}
			if q == `PRAGMA integrity_check` && (len(rows) != 1 || rows[0] != "ok") || q == `PRAGMA foreign_key_check` && len(rows) != 0 {
				t.Errorf("%s: %v", q, rows)
			}
		}
	}
	rep, err := db.VerifyAuditLog(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	} else if !rep.OK() {
		t.Errorf("audit chain after the crash: %s", rep.Break.MessageEN)
	}
	return lost
}

// crashSchema makes a fresh PostgreSQL schema for the crash round, dropped
// at the end, and returns a DSN using it.
func crashSchema(t *testing.T, dsn string) string {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("ttdn_crash_%d", rand.Int64())
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// queryStrings returns the first column of every row as text.
func queryStrings(db *sql.DB, q string) ([]string, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		dest := []any{&s}
		cols, _ := rows.Columns()
		for range len(cols) - 1 {
			dest = append(dest, new(any))
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, s.String)
	}
	return out, rows.Err()
}

// withFile reports whether the write of marker carried a file (even
// numbers do; see crashRound).
func withFile(marker string) bool {
	i := strings.LastIndexByte(marker, '-')
	n, err := strconv.Atoi(marker[i+1:])
	return err == nil && n%2 == 0
}
