package http

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"ttdn"
)

// The client's address feeds the log-in throttle, the audit log and the
// request log. Behind a reverse proxy every request comes from the proxy,
// so the proxy's X-Forwarded-For says who the client is; but anyone can
// send that header, so it is believed only from a configured trusted proxy
// (Config.TrustedProxies, `ttdn serve --trusted-proxy`), and only as far as
// the chain of trusted proxies goes.

type clientAddrKey struct{}

// withClientAddr works out the client's address once, before anything that
// logs or counts it.
func (s *Server) withClientAddr(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := s.resolveClientAddr(r)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientAddrKey{}, addr)))
	})
}

// clientAddr is the client's IP address as withClientAddr found it, or the
// TCP peer's outside it.
func clientAddr(r *http.Request) string {
	if a, ok := r.Context().Value(clientAddrKey{}).(string); ok {
		return a
	}
	return peerAddr(r)
}

func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// resolveClientAddr returns the TCP peer, unless the peer is a trusted
// proxy: then it walks X-Forwarded-For from the right (the entry the proxy
// itself added) past further trusted proxies, and returns the first address
// that is not one. Entries left of it were written by the client and prove
// nothing. An unreadable entry stops the walk at the last address known.
func (s *Server) resolveClientAddr(r *http.Request) string {
	peer := peerAddr(r)
	if len(s.cfg.TrustedProxies) == 0 {
		return peer
	}
	ip, err := netip.ParseAddr(peer)
	if err != nil || !s.trustedProxy(ip) {
		return peer
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	addr := ip.Unmap().WithZone("")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := parseHop(hops[i])
		if !ok {
			break
		}
		addr = hop
		if !s.trustedProxy(hop) {
			break
		}
	}
	return addr.String()
}

func (s *Server) trustedProxy(ip netip.Addr) bool {
	ip = ip.Unmap().WithZone("")
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseHop reads one X-Forwarded-For entry: an address, possibly with a
// port ("192.0.2.1:5678", "[2001:db8::1]:80").
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if ip, err := netip.ParseAddr(s); err == nil {
		return ip.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		return ip.Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

// ParseTrustedProxies reads --trusted-proxy values: each a comma-separated
// list of CIDR ranges or single addresses.
func ParseTrustedProxies(values []string) ([]netip.Prefix, error) {
	return ParsePrefixes("--trusted-proxy", values)
}

// ParsePrefixes reads addresses and CIDR ranges (repeated or comma lists)
// for the flag named flag (--trusted-proxy, --metrics-allow).
func ParsePrefixes(flag string, values []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range values {
		for _, item := range strings.Split(v, ",") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			if p, err := netip.ParsePrefix(item); err == nil {
				a, bits := p.Addr(), p.Bits()
				if a.Is4In6() {
					a, bits = a.Unmap(), max(0, bits-96)
				}
				out = append(out, netip.PrefixFrom(a, bits).Masked())
			} else if ip, err := netip.ParseAddr(item); err == nil && ip.Zone() == "" {
				ip = ip.Unmap()
				out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
			} else {
				return nil, ttdn.Errorf(ttdn.EINVALID,
					"%s: %q không phải địa chỉ IP hay dải CIDR (ví dụ 10.0.0.5 hoặc 10.0.0.0/24).",
					"%s: %q is neither an IP address nor a CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24).", flag, item)
			}
		}
	}
	return out, nil
}
