package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ttdn"
	"ttdn/sqlstore/archive"
)

// Batches bound both the statement's parameters (SQLite allows 32766,
// PostgreSQL 65535) and the memory a batch of attachments holds.
const (
	maxBatchParams = 30000
	maxBatchRows   = 500
	maxBatchBytes  = 8 << 20
)

// loader inserts one table's rows after another, in batches.
type loader struct {
	tx       *Tx
	total    int
	done     int
	progress Progress
}

// tableLoad is the state of loading one table.
type tableLoad struct {
	info   *tableInfo
	cols   []string       // target column names, in archive order
	kinds  []archive.Kind // target kinds
	self   []int          // archive positions of columns referring to the same table
	pkPos  int            // archive position of the single primary key, for self
	batch  [][]any
	bytes  int
	linked [][]any // (pk, self values…) set after the table is in
}

func (ld *loader) load(ctx context.Context, src Source, at *archive.Table, info *tableInfo) error {
	tl, err := planLoad(at, info)
	if err != nil {
		return err
	}
	err = src.Rows(at, func(row []any) error {
		if err := tl.add(row); err != nil {
			return err
		}
		ld.done++
		if ld.progress != nil && ld.done%1000 == 0 {
			ld.progress(ld.done, ld.total)
		}
		if len(tl.batch) >= tl.rowsPerBatch() || tl.bytes >= maxBatchBytes {
			return ld.flush(ctx, tl)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := ld.flush(ctx, tl); err != nil {
		return err
	}
	return ld.linkSelf(ctx, tl)
}

// planLoad matches the archive's columns to the target's.
func planLoad(at *archive.Table, info *tableInfo) (*tableLoad, error) {
	tl := &tableLoad{info: info, pkPos: -1}
	kinds := map[string]archive.Kind{}
	for _, c := range info.cols {
		kinds[c.Name] = c.Kind
	}
	for i, c := range at.Columns {
		k, ok := kinds[c.Name]
		if !ok {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Dữ liệu có cột %s.%s mà cơ sở dữ liệu này không có.",
				"The data has a column %s.%s this database does not have.", at.Name, c.Name)
		}
		tl.cols, tl.kinds = append(tl.cols, c.Name), append(tl.kinds, k)
		if containsString(info.selfRefs, c.Name) {
			tl.self = append(tl.self, i)
		}
		if len(info.pk) == 1 && info.pk[0] == c.Name {
			tl.pkPos = i
		}
	}
	if len(tl.self) > 0 && tl.pkPos < 0 {
		return nil, fmt.Errorf("sqlstore: %s refers to itself but has no single-column key", info.name)
	}
	return tl, nil
}

func (tl *tableLoad) rowsPerBatch() int {
	return max(1, min(maxBatchRows, maxBatchParams/len(tl.cols)))
}

// add converts a row to the target's kinds and queues it. References to
// rows of the same table are queued to be set once every row is in, since
// a row may point at one that comes later (a unit at its successor).
func (tl *tableLoad) add(row []any) error {
	if len(row) != len(tl.cols) {
		return fmt.Errorf("sqlstore: %s: %d values for %d columns", tl.info.name, len(row), len(tl.cols))
	}
	out := make([]any, len(row))
	for i, v := range row {
		c, err := convertValue(v, tl.kinds[i])
		if err != nil {
			return ttdn.Errorf(ttdn.EINVALID, "Giá trị không hợp lệ ở cột %s.%s: %v.", "Invalid value in column %s.%s: %v.", tl.info.name, tl.cols[i], err)
		}
		out[i] = c
		if sz, ok := c.([]byte); ok {
			tl.bytes += len(sz)
		} else if s, ok := c.(string); ok {
			tl.bytes += len(s)
		}
	}
	if len(tl.self) > 0 {
		link := []any{out[tl.pkPos]}
		set := false
		for _, i := range tl.self {
			link = append(link, out[i])
			set = set || out[i] != nil
			out[i] = nil
		}
		if set {
			tl.linked = append(tl.linked, link)
		}
	}
	tl.batch = append(tl.batch, out)
	return nil
}

func (ld *loader) flush(ctx context.Context, tl *tableLoad) error {
	if len(tl.batch) == 0 {
		return nil
	}
	names := make([]string, len(tl.cols))
	for i, c := range tl.cols {
		names[i] = quoteIdent(c)
	}
	one := "(" + placeholders(len(tl.cols)) + ")"
	var args []any
	for _, r := range tl.batch {
		args = append(args, r...)
	}
	q := `INSERT INTO ` + quoteIdent(tl.info.name) + ` (` + strings.Join(names, ", ") + `) VALUES ` +
		strings.TrimSuffix(strings.Repeat(one+", ", len(tl.batch)), ", ")
	if _, err := ld.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("%w (%s)", mapError(err), tl.info.name)
	}
	tl.batch, tl.bytes = tl.batch[:0], 0
	return nil
}

func (ld *loader) linkSelf(ctx context.Context, tl *tableLoad) error {
	if len(tl.linked) == 0 {
		return nil
	}
	sets := make([]string, len(tl.self))
	for j, i := range tl.self {
		sets[j] = quoteIdent(tl.cols[i]) + " = ?"
	}
	q := `UPDATE ` + quoteIdent(tl.info.name) + ` SET ` + strings.Join(sets, ", ") + ` WHERE ` + quoteIdent(tl.cols[tl.pkPos]) + ` = ?`
	for _, link := range tl.linked {
		args := append(append([]any{}, link[1:]...), link[0])
		if _, err := ld.tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%w (%s)", mapError(err), tl.info.name)
		}
	}
	return nil
}

// convertValue turns an archive value into one the target column of kind
// k takes: the engines differ in booleans (0/1 on SQLite) and nothing else
// the schema uses.
func convertValue(v any, k archive.Kind) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case archive.KindInt:
		switch v := v.(type) {
		case int64:
			return v, nil
		case bool:
			if v {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case archive.KindBool:
		switch v := v.(type) {
		case bool:
			return v, nil
		case int64:
			if v == 0 || v == 1 {
				return v == 1, nil
			}
		}
	case archive.KindFloat:
		switch v := v.(type) {
		case float64:
			return v, nil
		case int64:
			return float64(v), nil
		}
	case archive.KindText:
		if s, ok := v.(string); ok {
			// A SQLite database may hold NUL or broken UTF-8 (stored before
			// ttdn cleaned its input); PostgreSQL refuses both, and one bad
			// value would fail the whole import. Both engines load the text
			// cleaned, the same way.
			return ttdn.CleanText(s), nil
		}
	case archive.KindTime:
		if t, ok := v.(time.Time); ok {
			return t.UTC(), nil
		}
	case archive.KindBytes:
		if b, ok := v.([]byte); ok {
			return b, nil
		}
	}
	return nil, fmt.Errorf("a %T value where %s is expected", v, k)
}
