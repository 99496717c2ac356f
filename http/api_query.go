package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// queryInt reads an optional integer query parameter; a year is held to
// the years ttdn knows (parseYear), anything else to what a column holds.
func queryInt(r *http.Request, name string) (*int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	if strings.HasSuffix(name, "year") {
		y, err := parseYear(v)
		if err != nil {
			return nil, apiField(name, err)
		}
		return y, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return nil, apiField(name, ttdn.Errorf(ttdn.EINVALID, "Tham số %s không hợp lệ.", "Invalid parameter %s.", name))
	}
	i := int(n)
	return &i, nil
}

// queryStr reads an optional string query parameter as T.
func queryStr[T ~string](r *http.Request, name string) *T {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil
	}
	t := T(v)
	return &t
}

// apiPathID is pathID for the API: a malformed id is simply not found.
func apiPathID(r *http.Request) (int64, error) { return pathID(r) }

// required refuses a missing field of a request body.
func required(field string, missing bool) error {
	if missing {
		return apiField(field, ttdn.Errorf(ttdn.EINVALID, "Thiếu trường %s.", "The field %s is required.", field))
	}
	return nil
}

// queryDate reads an optional YYYY-MM-DD query parameter (the API's one
// date form; the pages also take dd/mm/yyyy).
func queryDate(r *http.Request, name string) (*ttdn.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	d, err := ttdn.ParseISODate(v)
	if err != nil {
		return nil, apiField(name, ttdn.Errorf(ttdn.EINVALID, "Tham số %s phải là ngày YYYY-MM-DD.", "Parameter %s must be a date YYYY-MM-DD.", name))
	}
	return &d, nil
}
