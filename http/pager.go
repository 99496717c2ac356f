package http

import (
	"net/http"
	"net/url"
	"strconv"
)

// pager is a list's paging links; every list in ttdn pages.
type pager struct {
	Current, Pages, Total int
	Prev, Next            string
}

// pageNumber reads ?page= (1-based) and returns it with the row offset.
// A page that is no number is the first; one past maxPage is maxPage, so
// the offset never overflows (an empty page, as any page past the end).
func pageNumber(r *http.Request) (page, offset int) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	switch {
	case err != nil && page <= 0, page < 1:
		page = 1
	case page > maxPage:
		page = maxPage
	}
	return page, (page - 1) * pageSize
}

// newPager builds the links, keeping the request's other query parameters
// (the filters) on them.
func newPager(r *http.Request, current, total int) pager {
	return newPagerSize(r, current, total, pageSize)
}

// newPagerSize is newPager for a list of size rows per page.
func newPagerSize(r *http.Request, current, total, size int) pager {
	p := pager{Current: current, Total: total, Pages: (total + size - 1) / size}
	link := func(n int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return (&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()
	}
	if current > 1 {
		p.Prev = link(current - 1)
	}
	if current < p.Pages {
		p.Next = link(current + 1)
	}
	return p
}

// pageCtx hands a partial both the page (for T) and its own value.
type pageCtx struct {
	Page *page
	V    any
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
