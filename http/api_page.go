package http

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"ttdn"
)

// listResponse is the shape of every API list: a page of items, the total
// the filters match, and the cursor of the next page ("" on the last).
type listResponse[T any] struct {
	Items      []T    `json:"items"`
	Total      int    `json:"total"`
	NextCursor string `json:"next_cursor"`
}

// apiPos is where a list request starts and how many it wants. Lists are in
// a stable order (the services sort on a unique key last), so a position
// names the same place on every request.
type apiPos struct {
	offset, limit int
	filters       [8]byte // hash of the other query parameters
}

// apiPage reads ?limit= (1–200, default 50) and ?cursor=. The cursor is
// opaque to clients; it carries the position and the filters it was made
// for, and is refused with other filters.
func apiPage(r *http.Request) (apiPos, error) {
	q := r.URL.Query()
	p := apiPos{limit: 50, filters: filterHash(r)}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			return p, apiField("limit", ttdn.Errorf(ttdn.EINVALID, "limit phải từ 1 đến 200.", "limit must be between 1 and 200."))
		}
		p.limit = n
	}
	if v := q.Get("cursor"); v != "" {
		b, err := base64.RawURLEncoding.DecodeString(v)
		if err != nil || len(b) != 16 || [8]byte(b[8:]) != p.filters {
			return p, apiField("cursor", ttdn.Errorf(ttdn.EINVALID, "cursor không hợp lệ (hoặc dùng với bộ lọc khác).", "Invalid cursor (or used with other filters)."))
		}
		p.offset = int(binary.BigEndian.Uint64(b[:8]))
		if p.offset < 0 || p.offset > 1<<30 {
			return p, apiField("cursor", ttdn.Errorf(ttdn.EINVALID, "cursor không hợp lệ.", "Invalid cursor."))
		}
	}
	return p, nil
}

// next returns the cursor after a page of n items of total.
func (p apiPos) next(n, total int) string {
	end := p.offset + n
	if n == 0 || end >= total {
		return ""
	}
	b := binary.BigEndian.AppendUint64(nil, uint64(end))
	return base64.RawURLEncoding.EncodeToString(append(b, p.filters[:]...))
}

func filterHash(r *http.Request) [8]byte {
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "cursor" && k != "limit" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k + "=" + strings.Join(q[k], "\x00") + "\x01"))
	}
	return [8]byte(h.Sum(nil))
}

// listOf answers a page.
func listOf[T any](p apiPos, items []T, total int) (*apiResult, error) {
	return ok(listResponse[T]{Items: nonNil(items), Total: total, NextCursor: p.next(len(items), total)}, 0)
}
