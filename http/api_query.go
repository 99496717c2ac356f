package http

import (
	"net/http"
	"strconv"

	"ttdn"
)

// queryInt reads an optional integer query parameter.
func queryInt(r *http.Request, name string) (*int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, onField(name, ttdn.Errorf(ttdn.EINVALID, "Tham số %s không hợp lệ.", "Invalid parameter %s.", name))
	}
	return &n, nil
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
		return onField(field, ttdn.Errorf(ttdn.EINVALID, "Thiếu trường %s.", "The field %s is required.", field))
	}
	return nil
}
