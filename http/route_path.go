package http

import (
	"net/http"
	"strings"
)

// RoutePath turns a route pattern ("GET /plans/{id}/tasks") into a request
// that can be sent: its method and a path with every wildcard filled. id
// answers the record id of a collection ("plans", "press/stories",
// "reports/periods"; see RouteCollection), "" for one with no record. The
// permission table test and `ttdn bench --pages` walk the route table with
// it, so both request the same paths.
func RoutePath(pattern string, id func(collection string) string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = http.MethodGet, pattern
	}
	switch path {
	case "/":
		return method, "/no-such-page"
	case "/api/":
		return method, "/api/v1/no-such-thing"
	case "/assets/":
		return method, "/assets/style.css"
	case "/{$}":
		return method, "/"
	}
	v := "999999999" // a record nobody made: the answer is about the route
	if c := RouteCollection(path); c != "" {
		if got := id(c); got != "" {
			v = got
		}
	}
	r := strings.NewReplacer("{id}", v, "{format}", "csv", "{lang}", "en", "{section}", "activities", "{file}", "999999998", "{$}", "")
	return method, r.Replace(path)
}

// RouteCollection names the records a path's {id} points at: the segments
// before it, without the API prefix ("/api/v1/plans/{id}" and
// "/plans/{id}/edit" are both "plans"); "" when the path has no {id}.
func RouteCollection(path string) string {
	before, _, ok := strings.Cut(path, "/{id}")
	if !ok {
		return ""
	}
	before = strings.TrimPrefix(before, "/api/v1")
	return strings.TrimPrefix(before, "/")
}
