package archive

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"time"
)

// Writer writes an archive: tables one after another, then the manifest.
type Writer struct {
	zw       *zip.Writer
	manifest Manifest
	cur      *TableWriter
}

// NewWriter starts an archive on w, made by engine for kind ("export" or
// "backup") at schema migrations.
func NewWriter(w io.Writer, kind, engine string, migrations []string, now time.Time) *Writer {
	return &Writer{zw: zip.NewWriter(w), manifest: Manifest{Format: Format, Version: Version, Kind: kind,
		Engine: engine, CreatedAt: now.UTC(), Migrations: migrations}}
}

// TableWriter writes the rows of one table.
type TableWriter struct {
	t    Table
	out  io.Writer
	sum  hash.Hash
	line []byte
}

// Table starts the file of a table; the previous table's file is finished.
func (w *Writer) Table(name string, cols []Column) (*TableWriter, error) {
	if !ValidIdent(name) {
		return nil, fmt.Errorf("archive: table name %q", name)
	}
	w.finishTable()
	file := fmt.Sprintf("tables/%03d-%s.jsonl", len(w.manifest.Tables)+1, name)
	out, err := w.zw.CreateHeader(&zip.FileHeader{Name: file, Method: zip.Deflate, Modified: w.manifest.CreatedAt})
	if err != nil {
		return nil, err
	}
	sum := sha256.New()
	w.cur = &TableWriter{t: Table{Name: name, File: file, Columns: cols}, out: io.MultiWriter(out, sum), sum: sum}
	return w.cur, nil
}

// Write writes one row, its values in column order.
func (tw *TableWriter) Write(row []any) error {
	if len(row) != len(tw.t.Columns) {
		return fmt.Errorf("archive: %s: %d values for %d columns", tw.t.Name, len(row), len(tw.t.Columns))
	}
	b := append(tw.line[:0], '[')
	for i, v := range row {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendValue(b, tw.t.Columns[i].Kind, v); err != nil {
			return fmt.Errorf("%w (%s.%s)", err, tw.t.Name, tw.t.Columns[i].Name)
		}
	}
	b = append(b, ']', '\n')
	tw.line = b
	tw.t.Rows++
	_, err := tw.out.Write(b)
	return err
}

func (w *Writer) finishTable() {
	if w.cur == nil {
		return
	}
	w.cur.t.SHA256 = hex.EncodeToString(w.cur.sum.Sum(nil))
	w.manifest.Tables = append(w.manifest.Tables, w.cur.t)
	w.cur = nil
}

// Close writes the manifest and finishes the zip. It returns the manifest.
func (w *Writer) Close() (*Manifest, error) {
	w.finishTable()
	out, err := w.zw.CreateHeader(&zip.FileHeader{Name: ManifestName, Method: zip.Deflate, Modified: w.manifest.CreatedAt})
	if err != nil {
		return nil, err
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&w.manifest); err != nil {
		return nil, err
	}
	if err := w.zw.Close(); err != nil {
		return nil, err
	}
	return &w.manifest, nil
}
