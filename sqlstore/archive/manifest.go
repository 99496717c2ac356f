// Package archive reads and writes ttdn's logical archive: the format of
// `ttdn export`, of `ttdn backup` on PostgreSQL, and what `ttdn import` and
// `ttdn restore` load into either engine.
//
// An archive is a zip file holding manifest.json and one JSON-lines file per
// table (tables/NNN-name.jsonl). Each line is one row: a JSON array of the
// values in the manifest's column order. Values are typed by the column's
// kind, not by the engine that wrote them, so an archive made on SQLite
// loads into PostgreSQL and back:
//
//	int    JSON number (64-bit integer)
//	float  JSON number
//	text   JSON string
//	bool   true / false
//	time   JSON string, RFC 3339 in UTC with microseconds
//	bytes  JSON string, standard base64
//
// and null for NULL in any kind. The manifest records the format version,
// the schema (the migrations applied where the archive was made), and per
// table its columns, row count and the SHA-256 of its file, so a truncated
// or altered archive is refused rather than half loaded.
//
// The package touches no database and trusts no input: every malformed
// archive gives an error, never a panic (see the fuzz test).
package archive

import (
	"regexp"
	"time"
)

// Format names the file format in the manifest.
const Format = "ttdn-archive"

// Version is the format version this package writes and the newest it reads.
const Version = 1

// ManifestName is the manifest's name inside the zip.
const ManifestName = "manifest.json"

// Kind is a column's value kind.
type Kind string

// The column kinds.
const (
	KindInt   Kind = "int"
	KindFloat Kind = "float"
	KindText  Kind = "text"
	KindBool  Kind = "bool"
	KindTime  Kind = "time"
	KindBytes Kind = "bytes"
)

func (k Kind) valid() bool {
	switch k {
	case KindInt, KindFloat, KindText, KindBool, KindTime, KindBytes:
		return true
	}
	return false
}

// Column is one column of a table.
type Column struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// Table describes one table's file.
type Table struct {
	Name    string   `json:"name"`
	File    string   `json:"file"`
	Columns []Column `json:"columns"`
	Rows    int64    `json:"rows"`
	SHA256  string   `json:"sha256"`
}

// Manifest describes a whole archive. Tables are in dependency order: a
// table comes after every table it refers to.
type Manifest struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Kind       string    `json:"kind"`   // "export" or "backup"
	Engine     string    `json:"engine"` // the engine it was made on
	CreatedAt  time.Time `json:"created_at"`
	Migrations []string  `json:"migrations"` // schema: every migration applied, in order
	Tables     []Table   `json:"tables"`
}

// Table returns the table named name, or nil.
func (m *Manifest) Table(name string) *Table {
	for i := range m.Tables {
		if m.Tables[i].Name == name {
			return &m.Tables[i]
		}
	}
	return nil
}

// identRe is what a table or column name may be: the names are put into SQL
// by the importer, so nothing else gets through.
var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// ValidIdent reports whether s may name a table or column.
func ValidIdent(s string) bool { return identRe.MatchString(s) }

// TimeLayout is how times are written: UTC, microseconds (what both engines
// store).
const TimeLayout = "2006-01-02T15:04:05.000000Z"
