package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"ttdn/sqlstore/archive"
)

// tableInfo is what the logical export and import need to know about a
// table, read from the database's own catalogue, so tables added by later
// migrations are carried without code changes here.
type tableInfo struct {
	name     string
	cols     []archive.Column
	pk       []string
	refs     []string // tables this one refers to (not itself)
	selfRefs []string // columns that refer to this same table
	identity bool     // PostgreSQL: id is an identity column whose sequence import resets
}

// Tables the logical archive leaves out:
//   - schema_migrations: the manifest carries the schema instead;
//   - instanceTables: facts about this database, not data (the id of the
//     key its secrets are sealed with, the readiness heartbeat, the unit
//     directory's version that in-memory copies are checked against);
//   - derivedTables: search indexes each engine stores its own way (FTS5 on
//     SQLite, tsvector on PostgreSQL), rebuilt from their source rows by the
//     functions in derivedRebuilders after an import; press_fts_words, the
//     words of SQLite's index (0049), with it.
var derivedTables = map[string]bool{"press_search": true, "press_fts_words": true}

var instanceTables = map[string]bool{"secret_key_check": true, "heartbeat": true, "unit_directory_version": true}

func skipTable(name string) bool {
	return name == "schema_migrations" || instanceTables[name] || derivedTables[name] || strings.HasPrefix(name, "sqlite_")
}

// loadSchema reads every table of the database, in dependency order.
func (tx *Tx) loadSchema(ctx context.Context) ([]*tableInfo, error) {
	names, err := tx.tableNames(ctx)
	if err != nil {
		return nil, err
	}
	var tables []*tableInfo
	for _, n := range names {
		if skipTable(n) {
			continue
		}
		t := &tableInfo{name: n}
		if tx.db.engine == EnginePostgres {
			err = tx.describePostgres(ctx, t)
		} else {
			err = tx.describeSQLite(ctx, t)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlstore: describe table %s: %w", n, err)
		}
		tables = append(tables, t)
	}
	return orderByDependency(tables)
}

func (tx *Tx) tableNames(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`
	if tx.db.engine == EnginePostgres {
		q = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	names, err := tx.queryStrings(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list tables: %w", err)
	}
	sort.Strings(names)
	return names, nil
}

func (tx *Tx) queryStrings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (tx *Tx) describeSQLite(ctx context.Context, t *tableInfo) error {
	rows, err := tx.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, t.name)
	if err != nil {
		return err
	}
	type pkCol struct {
		name string
		pos  int
	}
	var pks []pkCol
	for rows.Next() {
		var name, typ string
		var pk int
		if err := rows.Scan(&name, &typ, &pk); err != nil {
			rows.Close()
			return err
		}
		t.cols = append(t.cols, archive.Column{Name: name, Kind: sqliteKind(typ)})
		if pk > 0 {
			pks = append(pks, pkCol{name, pk})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(pks, func(i, j int) bool { return pks[i].pos < pks[j].pos })
	for _, p := range pks {
		t.pk = append(t.pk, p.name)
	}
	refs, err := tx.queryPairs(ctx, `SELECT "table", "from" FROM pragma_foreign_key_list(?)`, t.name)
	if err != nil {
		return err
	}
	t.addRefs(refs)
	return nil
}

// sqliteKind maps a declared column type, by SQLite's own affinity rules
// plus the TIMESTAMP and BOOLEAN names the migrations use.
func sqliteKind(decl string) archive.Kind {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "TIMESTAMP"), strings.Contains(d, "DATETIME"):
		return archive.KindTime
	case strings.Contains(d, "BOOL"):
		return archive.KindBool
	case strings.Contains(d, "INT"):
		return archive.KindInt
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return archive.KindText
	case strings.Contains(d, "BLOB"), d == "":
		return archive.KindBytes
	}
	return archive.KindFloat
}

func (tx *Tx) describePostgres(ctx context.Context, t *tableInfo) error {
	rows, err := tx.QueryContext(ctx, `SELECT column_name, data_type, is_identity FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, t.name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name, typ, ident string
		if err := rows.Scan(&name, &typ, &ident); err != nil {
			rows.Close()
			return err
		}
		t.cols = append(t.cols, archive.Column{Name: name, Kind: postgresKind(typ)})
		t.identity = t.identity || ident == "YES" && name == "id"
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if t.pk, err = tx.queryStrings(ctx, `SELECT a.attname FROM pg_index i
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
		WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass AND i.indisprimary
		ORDER BY array_position(i.indkey, a.attnum)`, t.name); err != nil {
		return err
	}
	refs, err := tx.queryPairs(ctx, `SELECT rf.relname, a.attname FROM pg_constraint c
		JOIN pg_class cl ON cl.oid = c.conrelid
		JOIN pg_namespace n ON n.oid = cl.relnamespace
		JOIN pg_class rf ON rf.oid = c.confrelid
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
		WHERE c.contype = 'f' AND n.nspname = current_schema() AND cl.relname = ?`, t.name)
	if err != nil {
		return err
	}
	t.addRefs(refs)
	return nil
}

func postgresKind(typ string) archive.Kind {
	switch typ {
	case "bigint", "integer", "smallint":
		return archive.KindInt
	case "boolean":
		return archive.KindBool
	case "timestamp with time zone", "timestamp without time zone":
		return archive.KindTime
	case "bytea":
		return archive.KindBytes
	case "real", "double precision", "numeric":
		return archive.KindFloat
	}
	return archive.KindText
}

func (tx *Tx) queryPairs(ctx context.Context, q string, args ...any) ([][2]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var p [2]string
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// addRefs records (referenced table, column) pairs.
func (t *tableInfo) addRefs(refs [][2]string) {
	for _, r := range refs {
		if r[0] == t.name {
			t.selfRefs = append(t.selfRefs, r[1])
		} else if !containsString(t.refs, r[0]) {
			t.refs = append(t.refs, r[0])
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// orderByDependency sorts tables so each comes after the tables it refers
// to (by name among equals, so the order is stable). A cycle is an error:
// no load order would satisfy its foreign keys.
func orderByDependency(tables []*tableInfo) ([]*tableInfo, error) {
	byName := map[string]*tableInfo{}
	for _, t := range tables {
		byName[t.name] = t
	}
	var out []*tableInfo
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(t *tableInfo) error
	visit = func(t *tableInfo) error {
		switch state[t.name] {
		case 1:
			return fmt.Errorf("sqlstore: foreign keys form a cycle through %s", t.name)
		case 2:
			return nil
		}
		state[t.name] = 1
		for _, r := range t.refs {
			if dep := byName[r]; dep != nil {
				if err := visit(dep); err != nil {
					return err
				}
			}
		}
		state[t.name] = 2
		out = append(out, t)
		return nil
	}
	for _, t := range tables {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// quoteIdent quotes a name the catalogue or a checked archive gave.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
