package archive

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"ttdn"
)

// appendValue appends v, a value of kind k, as JSON. The values are those a
// database driver returns (int64, float64, bool, string, []byte, time.Time,
// nil); a value the kind cannot hold is an error, so an archive never holds
// what import would refuse.
func appendValue(b []byte, k Kind, v any) ([]byte, error) {
	if v == nil {
		return append(b, "null"...), nil
	}
	switch k {
	case KindInt:
		switch v := v.(type) {
		case int64:
			return strconv.AppendInt(b, v, 10), nil
		case bool:
			if v {
				return append(b, '1'), nil
			}
			return append(b, '0'), nil
		}
	case KindFloat:
		switch v := v.(type) {
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("archive: float %v has no JSON form", v)
			}
			return strconv.AppendFloat(b, v, 'g', -1, 64), nil
		case int64:
			return strconv.AppendInt(b, v, 10), nil
		}
	case KindText:
		// Text is written cleaned (no NUL, valid UTF-8): a SQLite database
		// may hold what PostgreSQL refuses, and the archive must load into
		// either engine.
		switch v := v.(type) {
		case string:
			return appendJSONString(b, ttdn.CleanText(v))
		case []byte:
			return appendJSONString(b, ttdn.CleanText(string(v)))
		}
	case KindBool:
		switch v := v.(type) {
		case bool:
			return strconv.AppendBool(b, v), nil
		case int64:
			return strconv.AppendBool(b, v != 0), nil
		}
	case KindTime:
		if t, ok := v.(time.Time); ok {
			return appendJSONString(b, t.UTC().Format(TimeLayout))
		}
	case KindBytes:
		switch v := v.(type) {
		case []byte:
			return appendJSONString(b, base64.StdEncoding.EncodeToString(v))
		case string:
			return appendJSONString(b, base64.StdEncoding.EncodeToString([]byte(v)))
		}
	}
	return nil, fmt.Errorf("archive: a %T value in a %s column", v, k)
}

func appendJSONString(b []byte, s string) ([]byte, error) {
	enc, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return append(b, enc...), nil
}

// decodeValue turns one decoded JSON value (with UseNumber) into the Go
// value of kind k: int64, float64, string, bool, time.Time or []byte.
func decodeValue(k Kind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case KindInt:
		if n, ok := v.(json.Number); ok {
			return strconv.ParseInt(string(n), 10, 64)
		}
	case KindFloat:
		if n, ok := v.(json.Number); ok {
			return strconv.ParseFloat(string(n), 64)
		}
	case KindText:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case KindBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case KindTime:
		if s, ok := v.(string); ok {
			t, err := time.Parse(time.RFC3339Nano, s)
			return t.UTC(), err
		}
	case KindBytes:
		if s, ok := v.(string); ok {
			return base64.StdEncoding.DecodeString(s)
		}
	}
	return nil, fmt.Errorf("a %T where a %s value belongs", v, k)
}
