package archive

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// Limits on what a reader accepts, so a hostile archive cannot exhaust
// memory before it is refused.
const (
	maxManifestBytes = 16 << 20
	// MaxLineBytes bounds one row: the largest attachment, base64, and room.
	MaxLineBytes = 96 << 20
)

// Reader reads an archive.
type Reader struct {
	zr       *zip.Reader
	files    map[string]*zip.File
	manifest *Manifest
}

// NewReader opens the archive in r (size bytes) and checks its manifest.
func NewReader(r io.ReaderAt, size int64) (*Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, bad("không phải tệp zip (%v).", "not a zip file (%v).", err)
	}
	ar := &Reader{zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		ar.files[f.Name] = f
	}
	f := ar.files[ManifestName]
	if f == nil {
		return nil, bad("thiếu %s.", "%s is missing.", ManifestName)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, bad("không đọc được %s (%v).", "cannot read %s (%v).", ManifestName, err)
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, maxManifestBytes+1))
	if err != nil || len(body) > maxManifestBytes {
		return nil, bad("không đọc được %s.", "cannot read %s.", ManifestName)
	}
	var m Manifest
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, bad("%s không phải JSON hợp lệ (%v).", "%s is not valid JSON (%v).", ManifestName, err)
	}
	if err := ar.check(&m); err != nil {
		return nil, err
	}
	ar.manifest = &m
	return ar, nil
}

// Manifest returns the archive's manifest.
func (ar *Reader) Manifest() *Manifest { return ar.manifest }

// check refuses a manifest this version cannot load faithfully.
func (ar *Reader) check(m *Manifest) error {
	if m.Format != Format {
		return bad("định dạng %q, không phải %q.", "format %q, not %q.", m.Format, Format)
	}
	if m.Version < 1 || m.Version > Version {
		return bad("phiên bản định dạng %d; bản ttdn này đọc đến phiên bản %d — hãy nâng cấp ttdn.",
			"format version %d; this ttdn reads up to version %d — upgrade ttdn.", m.Version, Version)
	}
	seen := map[string]bool{}
	for _, t := range m.Tables {
		if !ValidIdent(t.Name) || seen[t.Name] {
			return bad("tên bảng %q không hợp lệ hoặc lặp lại.", "table name %q is invalid or repeated.", t.Name)
		}
		seen[t.Name] = true
		if ar.files[t.File] == nil {
			return bad("thiếu tệp %q của bảng %s.", "file %q of table %s is missing.", t.File, t.Name)
		}
		if t.Rows < 0 || len(t.SHA256) != 64 || len(t.Columns) == 0 {
			return bad("mô tả bảng %s không hợp lệ.", "the description of table %s is invalid.", t.Name)
		}
		cols := map[string]bool{}
		for _, c := range t.Columns {
			if !ValidIdent(c.Name) || cols[c.Name] || !c.Kind.valid() {
				return bad("cột %q của bảng %s không hợp lệ.", "column %q of table %s is invalid.", c.Name, t.Name)
			}
			cols[c.Name] = true
		}
	}
	return nil
}

// Rows calls fn for each row of t, in file order, with values of the
// columns' kinds. It checks the row count and the checksum; a mismatch is
// an error after the last row, so a caller loading in a transaction rolls
// back.
func (ar *Reader) Rows(t *Table, fn func(row []any) error) error {
	rc, err := ar.files[t.File].Open()
	if err != nil {
		return bad("không mở được bảng %s (%v).", "cannot open table %s (%v).", t.Name, err)
	}
	defer rc.Close()
	sum := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(rc, sum), 64<<10)
	var n int64
	for {
		line, err := readLine(br)
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return bad("bảng %s, dòng %d: %v.", "table %s, line %d: %v.", t.Name, n+1, err)
		}
		n++
		if n > t.Rows {
			return bad("bảng %s có nhiều dòng hơn %d dòng đã ghi.", "table %s has more than its %d rows.", t.Name, t.Rows)
		}
		row, err := decodeRow(t, line)
		if err != nil {
			return bad("bảng %s, dòng %d: %v.", "table %s, line %d: %v.", t.Name, n, err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if n != t.Rows {
		return bad("bảng %s có %d dòng, manifest ghi %d (tệp bị cắt?).", "table %s has %d rows, the manifest says %d (truncated?).", t.Name, n, t.Rows)
	}
	if got := hex.EncodeToString(sum.Sum(nil)); got != strings.ToLower(t.SHA256) {
		return bad("mã kiểm tra của bảng %s không khớp (tệp bị sửa hoặc hỏng).", "the checksum of table %s does not match (altered or damaged).", t.Name)
	}
	return nil
}

// readLine returns the next line without its newline, io.EOF at the end.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		part, err := br.ReadSlice('\n')
		buf = append(buf, part...)
		if len(buf) > MaxLineBytes {
			return nil, errors.New("line too long")
		}
		switch {
		case err == nil:
			return buf[:len(buf)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0:
			return nil, errors.New("the last line has no newline (truncated?)")
		default:
			return nil, err
		}
	}
}

func decodeRow(t *Table, line []byte) ([]any, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var raw []any
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("text after the row")
	}
	if len(raw) != len(t.Columns) {
		return nil, errors.New("wrong number of values")
	}
	row := make([]any, len(raw))
	for i, v := range raw {
		var err error
		if row[i], err = decodeValue(t.Columns[i].Kind, v); err != nil {
			return nil, errors.New(t.Columns[i].Name + ": " + err.Error())
		}
	}
	return row, nil
}
