package http

import (
	"net/http"
	"slices"
)

// routeMux is a ServeMux that remembers every pattern registered on it, so
// tests can check each route against the permission table
// (permissions_test.go): a route nobody thought about fails the build.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

func newRouteMux() *routeMux { return &routeMux{ServeMux: http.NewServeMux()} }

func (m *routeMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *routeMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(h))
}

// Routes returns every registered pattern ("GET /plans/{id}"), sorted.
func (s *Server) Routes() []string {
	p := slices.Clone(s.mux.patterns)
	slices.Sort(p)
	return p
}
