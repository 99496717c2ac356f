package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ttdn"
)

// Values written to and read from columns whose Go and SQL forms differ.
// Each scanner accepts what either driver returns for the column.

// dateArg returns d as 'YYYY-MM-DD', or NULL for the zero Date.
func dateArg(d ttdn.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.ISO()
}

// dateScan scans a TEXT 'YYYY-MM-DD' (or NULL) column into a ttdn.Date.
type dateScan struct{ d *ttdn.Date }

func (s dateScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.d = ttdn.Date{}
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	case time.Time:
		*s.d = ttdn.DateOf(v)
	default:
		return fmt.Errorf("sqlstore: cannot scan %T into a date", v)
	}
	return nil
}

func (s dateScan) parse(v string) error {
	d, err := ttdn.ParseISODate(v)
	*s.d = d
	return err
}

// timeArg returns t in UTC, or NULL for the zero time.
func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// timeScan scans a timestamp (or NULL) into a UTC time.Time. SQLite returns
// text when a column's declared type is lost (expressions), so text is parsed.
type timeScan struct{ t *time.Time }

var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
}

func (s timeScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
		return nil
	case time.Time:
		*s.t = v.UTC()
		return nil
	case []byte:
		return s.Scan(string(v))
	case string:
		if t, ok := parseStoredUTC(v); ok {
			*s.t = t
			return nil
		}
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, v); err == nil {
				*s.t = t.UTC()
				return nil
			}
		}
		return fmt.Errorf("sqlstore: cannot parse time %q", v)
	}
	return fmt.Errorf("sqlstore: cannot scan %T into a time", v)
}

// classScan scans a classification code.
type classScan struct{ c *ttdn.Classification }

func (s classScan) Scan(v any) error {
	var code sql.NullString
	if err := code.Scan(v); err != nil {
		return err
	}
	c, err := ttdn.ParseClassification(code.String)
	*s.c = c
	return err
}

// idArg returns id, or NULL for 0 (an absent reference).
func idArg(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idScan scans a nullable id into an int64 (0 for NULL).
type idScan struct{ id *int64 }

func (s idScan) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*s.id = n.Int64
	return nil
}

// jsonArg encodes a string list as a JSON array ("[]" for nil).
func jsonArg(list []string) string {
	if list == nil {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// jsonScan decodes a JSON array column into a string list; an empty array
// gives nil, so a list round-trips as the domain builds it.
type jsonScan struct{ list *[]string }

func (s jsonScan) Scan(v any) error {
	var text sql.NullString
	if err := text.Scan(v); err != nil {
		return err
	}
	var list []string
	if text.String != "" {
		if err := json.Unmarshal([]byte(text.String), &list); err != nil {
			return fmt.Errorf("sqlstore: decode list: %w", err)
		}
	}
	if len(list) == 0 {
		list = nil
	}
	*s.list = list
	return nil
}

// rowScanner is *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }
