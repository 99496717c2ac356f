package http

import (
	"net/http"
	"net/netip"
)

// handleMetrics serves the Prometheus metrics to the monitoring networks
// (Config.MetricsAllow, judged on the client address after the trusted
// proxies); to anyone else it is a page that does not exist.
func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if !AddrAllowed(clientAddr(r), s.cfg.MetricsAllow) {
		s.handleNotFound(w, r)
		return
	}
	s.cfg.Metrics.ServeHTTP(w, r)
}

// AddrAllowed reports whether addr (an IP address as clientAddr gives it)
// is in one of the prefixes.
func AddrAllowed(addr string, allow []netip.Prefix) bool {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	ip = ip.Unmap().WithZone("")
	for _, p := range allow {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
