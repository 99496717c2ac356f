package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/archive"
	"ttdn/sqlstore/sqltest"
)

// tableDump is every table's rows as engine-neutral text: booleans as 0/1,
// times in UTC at microseconds, bytes in base64, columns by name.
type tableDump map[string][]string

func mustDump(t *testing.T, db *sqlstore.DB) tableDump {
	t.Helper()
	snap, err := db.OpenSnapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	d := tableDump{}
	m := snap.Manifest()
	for i := range m.Tables {
		tb := &m.Tables[i]
		cols := tb.Columns
		d[tb.Name] = []string{}
		err := snap.Rows(tb, func(row []any) error {
			parts := make([]string, len(row))
			for j, v := range row {
				parts[j] = cols[j].Name + "=" + neutral(v)
			}
			sort.Strings(parts)
			d[tb.Name] = append(d[tb.Name], strings.Join(parts, "|"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func neutral(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case bool:
		if v {
			return "1"
		}
		return "0"
	case int64:
		return strconv.FormatInt(v, 10)
	case time.Time:
		return v.UTC().Format(archive.TimeLayout)
	case []byte:
		return "b64:" + base64.StdEncoding.EncodeToString(v)
	case string:
		return strconv.Quote(v)
	}
	return fmt.Sprint(v)
}

// diffDumps reports the first difference between two dumps.
func diffDumps(a, b tableDump) string {
	for name, rows := range a {
		other, ok := b[name]
		if !ok {
			return "table " + name + " missing"
		}
		if len(rows) != len(other) {
			return fmt.Sprintf("table %s: %d rows vs %d", name, len(rows), len(other))
		}
		for i := range rows {
			if rows[i] != other[i] {
				return fmt.Sprintf("table %s row %d:\n %s\n %s", name, i, rows[i], other[i])
			}
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			return "table " + name + " extra"
		}
	}
	return ""
}

// mustDemo loads the demo data plus what it lacks for a full test: an
// attachment with binary bytes, a progress update (booleans, times), and a
// secret read (audit).
func mustDemo(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := sqltest.SystemContext()
	if _, err := demo.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	tasks, _, err := sqlstore.NewTaskService(db).FindTasks(ctx, ttdn.TaskFilter{Limit: 1})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("demo tasks: %v", err)
	}
	pct := 40
	if err := sqlstore.NewProgressService(db).AddProgressUpdate(ctx, &ttdn.ProgressUpdate{TaskID: tasks[0].ID,
		Date: ttdn.DateOf(time.Now()), Text: "Đã tổ chức họp báo", Percent: &pct}); err != nil {
		t.Fatal(err)
	}
	data := append([]byte("%PDF-1.4\n"), 0, 0xff, 0xfe, 1, 2, 3)
	if err := sqlstore.NewAttachmentService(db).CreateAttachment(ctx, &ttdn.Attachment{OwnerKind: ttdn.ResourceTask,
		OwnerID: tasks[0].ID, Name: "bien-ban.pdf", Data: data}); err != nil {
		t.Fatal(err)
	}
}

func mustExport(t *testing.T, db *sqlstore.DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := db.Export(context.Background(), &buf, "export", nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustImport(t *testing.T, db *sqlstore.DB, data []byte) {
	t.Helper()
	r, err := archive.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Import(context.Background(), r, sqlstore.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

func mustChainOK(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	if rep := mustVerify(t, db); !rep.OK() {
		t.Fatalf("audit chain: %s", rep.Break.MessageEN)
	}
}

// The demo data moves SQLite → PostgreSQL → SQLite (or SQLite → SQLite
// without PostgreSQL) and every table comes back row for row; the audit
// chain verifies at every stop, and the ids go on from where they were.
func TestExportImportMovesBetweenEngines(t *testing.T) {
	first := sqltest.Open(t, sqlstore.EngineSQLite)
	mustDemo(t, first)
	want := mustDump(t, first)
	if len(want["attachments"]) != 1 || len(want["audit_events"]) == 0 {
		t.Fatalf("fixture: %d attachments, %d audit events", len(want["attachments"]), len(want["audit_events"]))
	}
	middle := sqlstore.EngineSQLite
	if len(sqltest.Engines()) > 1 {
		middle = sqlstore.EnginePostgres
	}
	mid := sqltest.Open(t, middle)
	mustImport(t, mid, mustExport(t, first))
	if d := diffDumps(want, mustDump(t, mid)); d != "" {
		t.Fatalf("after %s: %s", middle, d)
	}
	mustChainOK(t, mid)

	last := sqltest.Open(t, sqlstore.EngineSQLite)
	mustImport(t, last, mustExport(t, mid))
	if d := diffDumps(want, mustDump(t, last)); d != "" {
		t.Fatalf("back on sqlite: %s", d)
	}
	mustChainOK(t, last)

	// New writes on the moved database get fresh ids and extend the chain.
	for _, db := range []*sqlstore.DB{mid, last} {
		u := sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "moi", Name: "Đơn vị mới"})
		if u.ID <= int64(len(want["units"])) {
			t.Fatalf("%s: new unit got id %d, reused", db.Engine(), u.ID)
		}
		mustChainOK(t, db)
	}
}

func TestImportRefusesNonEmptyUnlessForced(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		src := sqltest.Open(t, sqlstore.EngineSQLite)
		sqltest.MustCreateUnit(t, src, &ttdn.Unit{Code: "a", Name: "A"})
		data := mustExport(t, src)
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "b", Name: "B"})
		r, _ := archive.NewReader(bytes.NewReader(data), int64(len(data)))
		err := db.Import(context.Background(), r, sqlstore.ImportOptions{})
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "--force") {
			t.Fatalf("non-empty target: %v", err)
		}
		if err := db.Import(context.Background(), r, sqlstore.ImportOptions{Force: true, Action: "import"}); err != nil {
			t.Fatal(err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM units WHERE code = 'b'`); n != 0 {
			t.Fatal("--force kept the old rows")
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM audit_events WHERE action = 'import'`); n != 1 {
			t.Fatalf("the import itself is audited: %d events", n)
		}
		mustChainOK(t, db)
	})
}

// An archive from a newer schema is refused before anything is written.
func TestImportRefusesNewerSchema(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		src := sqltest.Open(t, sqlstore.EngineSQLite)
		if err := src.ExecTest(`INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 'x')`); err != nil {
			t.Fatal(err)
		}
		data := mustExport(t, src)
		r, _ := archive.NewReader(bytes.NewReader(data), int64(len(data)))
		err := db.Import(context.Background(), r, sqlstore.ImportOptions{})
		if err == nil || !strings.Contains(ttdn.ErrorMessage(err, "en"), "newer") {
			t.Fatalf("newer schema: %v", err)
		}
	})
}

// A damaged archive (one table's bytes changed) rolls the whole load back.
func TestImportRollsBackOnBadChecksum(t *testing.T) {
	src := sqltest.Open(t, sqlstore.EngineSQLite)
	sqltest.MustSeed(t, src)
	data := mustExport(t, src)
	dir := t.TempDir()
	bad := rewriteEntry(t, data, "units", func(b []byte) []byte { return bytes.Replace(b, []byte("so-"), []byte("xo-"), 1) })
	path := filepath.Join(dir, "bad.zip")
	os.WriteFile(path, bad, 0o600)
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	err := db.Restore(context.Background(), path, sqlstore.ImportOptions{})
	if err == nil || !strings.Contains(ttdn.ErrorMessage(err, "en"), "checksum") {
		t.Fatalf("altered archive: %v", err)
	}
	if n := mustInt(t, db, `SELECT COUNT(*) FROM units`); n != 0 {
		t.Fatalf("%d units loaded from a bad archive", n)
	}
}

// The press search index, stored differently by each engine, is rebuilt
// from the articles after a move.
func TestImportRebuildsPressSearch(t *testing.T) {
	src := sqltest.Open(t, sqlstore.EngineSQLite)
	for _, q := range []string{
		`INSERT INTO press_sources (id, name, created_at) VALUES (1, 'Báo Tây Ninh', '2025-01-01 00:00:00+00:00')`,
		`INSERT INTO press_articles (id, source_id, url, url_hash, title, language, published_at, fetched_at, story_id, tone)
			VALUES (1, 1, 'https://x/1', 1, 'Cửa khẩu Mộc Bài đón khách', 'vi', '2025-01-01 00:00:00+00:00', '2025-01-01 00:00:00+00:00', 1, 'neutral')`,
	} {
		if err := src.ExecTest(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, engine := range sqltest.Engines() {
		db := sqltest.Open(t, engine)
		mustImport(t, db, mustExport(t, src))
		q := `SELECT COUNT(*) FROM press_fts WHERE press_fts MATCH 'moc bai'`
		if engine == sqlstore.EnginePostgres {
			q = `SELECT COUNT(*) FROM press_search WHERE body @@ to_tsquery('simple', 'moc & bai')`
		}
		if n := mustInt(t, db, q); n != 1 {
			t.Fatalf("%s: search finds %d articles after the move", engine, n)
		}
		// A prefix too (on SQLite, the list of indexed words is rebuilt).
		got, _, err := sqlstore.NewPressService(db).SearchArticles(sqltest.SystemContext(), ttdn.ArticleFilter{Query: "mộc bà*"})
		if err != nil || len(got) != 1 {
			t.Fatalf("%s: prefix search finds %d articles after the move (%v)", engine, len(got), err)
		}
	}
}
