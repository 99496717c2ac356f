package sqlstore

import (
	"errors"
	"strings"
	"testing"
)

// TestWriteReason checks the verdicts of the read guard on statements that
// read, that write, and that hide write words in literals, names and
// comments.
func TestWriteReason(t *testing.T) {
	reads := []string{
		`SELECT id, updated_at FROM units WHERE code = ?`,
		`  select 1`,
		"\n\t(SELECT 1) UNION (SELECT 2)",
		`WITH RECURSIVE up(id) AS (SELECT id FROM units WHERE id = ? UNION ALL SELECT u.parent_id FROM units u JOIN up ON u.id = up.id) SELECT id FROM up`,
		`VALUES (1), (2)`,
		`SHOW server_version`,
		`TABLE units`,
		`SELECT 'DELETE FROM units; UPDATE x', "insert" FROM t`,
		`SELECT E'it\'s an UPDATE' AS x`,
		`SELECT 'it''s an INSERT' AS x`,
		`SELECT 1 -- DELETE FROM units` + "\n" + `FROM t`,
		`SELECT /* UPDATE /* nested */ MERGE */ 1`,
		`SELECT $$ DELETE $$, $tag$ INSERT $tag$`,
		`SELECT substring(name FROM 1 FOR 3) FROM units`,
		`SELECT deleted_at, inserted, updates, merged FROM t`,
		`SELECT COUNT(*) FROM t WHERE id = $1`,
		`SELECT pg_backend_pid(), now()`,
		`EXPLAIN SELECT 1`,
	}
	for _, q := range reads {
		if why := writeReason(q); why != "" {
			t.Errorf("%q: refused (%s), but reads", q, why)
		}
	}
	writes := map[string]string{
		`INSERT INTO units (code) VALUES (?)`:       "starts with INSERT",
		`update units SET name = ?`:                 "starts with UPDATE",
		`DELETE FROM units`:                         "starts with DELETE",
		`SET search_path = x`:                       "starts with SET",
		`LOCK TABLE units`:                          "starts with LOCK",
		`CREATE TABLE x (id INT)`:                   "starts with CREATE",
		`DO $$ BEGIN END $$`:                        "starts with DO",
		``:                                          "no statement",
		`-- only a comment`:                         "no statement",
		`INSERT INTO t (a) VALUES (?) RETURNING id`: "starts with INSERT",
		`WITH n AS (INSERT INTO t (a) VALUES (?) RETURNING id) SELECT id FROM n`:         "INSERT",
		`WITH d AS (DELETE FROM t RETURNING id) SELECT COUNT(*) FROM d`:                  "DELETE",
		`WITH m AS (SELECT 1) MERGE INTO t USING m ON true WHEN MATCHED THEN DO NOTHING`: "MERGE",
		`SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`:                 "UPDATE",
		`SELECT id FROM t FOR SHARE`:                                                     "FOR SHARE (a row lock)",
		`SELECT id FROM t FOR  KEY SHARE`:                                                "FOR KEY (a row lock)",
		`SELECT id FROM t FOR NO KEY UPDATE`:                                             "FOR NO (a row lock)",
		`SELECT * INTO copy FROM t`:                                                      "INTO",
		`SELECT nextval('s')`:                                                            "NEXTVAL",
		`SELECT setval(pg_get_serial_sequence('t', 'id'), 5)`:                            "SETVAL",
		`SELECT set_config('x.y', 'z', false)`:                                           "SET_CONFIG",
		`SELECT pg_advisory_lock(?)`:                                                     "pg_advisory_lock (an advisory lock)",
		`SELECT pg_try_advisory_xact_lock(?)`:                                            "pg_try_advisory_xact_lock (an advisory lock)",
		`SELECT 1; DELETE FROM t`:                                                        "DELETE",
		`SELECT 'a''' || x FROM t; UPDATE t SET x = 1`:                                   "UPDATE",
	}
	for q, want := range writes {
		if why := writeReason(q); why != want {
			t.Errorf("%q: verdict %q, want %q", q, why, want)
		}
	}
}

// TestCheckReadCached checks the error a refused query gets, and that a
// text seen before is judged without allocating.
func TestCheckReadCached(t *testing.T) {
	q := `WITH n AS (INSERT INTO t (a) VALUES (?) RETURNING id)
		SELECT id FROM n`
	err := checkRead(q)
	if !errors.Is(err, ErrWriteInRead) || !strings.Contains(err.Error(), "sqlstore: write in a read transaction (INSERT): WITH n AS (INSERT INTO t (a) VALUES (?) RETURNING id) SELECT id FROM n") {
		t.Fatalf("error: %v", err)
	}
	read := `SELECT id FROM units WHERE code = ?`
	if err := checkRead(read); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { checkRead(read) }); n != 0 {
		t.Errorf("a cached read verdict allocates %v times", n)
	}
}

// BenchmarkCheckRead measures the guard on a read's query seen before (the
// common case) and on one judged anew.
func BenchmarkCheckRead(b *testing.B) {
	q := `SELECT a.id, a.type, a.title, a.start_date, a.classification FROM activities a
		WHERE a.start_date >= ? AND a.start_date <= ? AND EXISTS (SELECT 1 FROM activity_units u
		WHERE u.activity_id = a.id AND u.unit_id IN (?, ?, ?)) ORDER BY a.start_date DESC, a.id DESC LIMIT 50`
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			checkRead(q)
		}
	})
	b.Run("judged", func(b *testing.B) {
		for b.Loop() {
			writeReason(q)
		}
	})
}
