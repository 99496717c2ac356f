package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A feed URL is a request the server makes on a monitor's behalf: without a
// guard, anyone who may add a source can make ttdn probe the province's own
// network (server-side request forgery). The Guard refuses every address
// inside it — loopback, private, link-local, CGNAT, multicast, unspecified
// and the IPv6 forms that embed them — unless the operator names the host
// on the allow-list.
//
// The decision is made where the connection is made: the dialer's Control
// hook sees the address actually connected to, for the first request,
// every redirect hop and every DNS answer tried, so a name that resolves
// to a public address when the source is added and to 127.0.0.1 when it is
// fetched (DNS rebinding) gains nothing. CheckURL is the early check when a
// source is added, so that the monitor gets a clear message at once.

// ErrBlocked is wrapped by every refusal of the guard.
var ErrBlocked = errors.New("feed: address not allowed (internal network)")

// Guard decides which addresses the fetcher may connect to. The zero value
// is not usable; NewGuard(nil) is the default, which allows nothing inside.
type Guard struct {
	names    map[string]bool // "host" or "host:port", allowed whatever it resolves to
	suffixes []string        // ".example.vn" from "*.example.vn"
	prefixes []netip.Prefix  // internal addresses allowed anyway

	// Lookup resolves a host name for CheckURL; nil uses the system
	// resolver. Tests set it so that no lookup leaves the machine.
	Lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

// NewGuard returns a guard allowing the listed intranet hosts, each one of:
//
//	news.intranet.vn        a host name, on any port, whatever it resolves to
//	news.intranet.vn:8080   a host name on one port
//	*.intranet.vn           every name under a domain
//	10.20.0.0/16, 10.1.2.3  addresses (CIDR or single), by whatever name reached
//	127.0.0.1:8080, [::1]:8080  one address on one port
func NewGuard(allow []string) (*Guard, error) {
	g := &Guard{names: map[string]bool{}}
	for _, raw := range allow {
		e := strings.ToLower(strings.TrimSpace(raw))
		if e == "" {
			continue
		}
		if err := g.add(e); err != nil {
			return nil, fmt.Errorf("feed: allow-list entry %q: %w", raw, err)
		}
	}
	return g, nil
}

// MustGuard is NewGuard for fixed lists; it panics on a bad entry.
func MustGuard(allow ...string) *Guard {
	g, err := NewGuard(allow)
	if err != nil {
		panic(err)
	}
	return g
}

func (g *Guard) add(e string) error {
	if strings.Contains(e, "/") {
		p, err := netip.ParsePrefix(e)
		if err != nil {
			return err
		}
		g.prefixes = append(g.prefixes, p.Masked())
		return nil
	}
	if a, err := netip.ParseAddr(e); err == nil {
		a = a.Unmap().WithZone("")
		g.prefixes = append(g.prefixes, netip.PrefixFrom(a, a.BitLen()))
		return nil
	}
	host, port := e, ""
	if h, p, err := net.SplitHostPort(e); err == nil {
		n, perr := strconv.Atoi(p)
		if perr != nil || n < 1 || n > 65535 {
			return errors.New("bad port")
		}
		host, port = h, p
	}
	if strings.HasPrefix(host, "*.") && port == "" && validName(host[2:]) {
		g.suffixes = append(g.suffixes, host[1:])
		return nil
	}
	host = canonicalHost(host)
	if !validName(host) && !isIP(host) {
		return errors.New("not a host name, address or CIDR")
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	}
	g.names[host] = true
	return nil
}

// Empty reports whether nothing is allowed beyond the public Internet.
func (g *Guard) Empty() bool {
	return len(g.names) == 0 && len(g.suffixes) == 0 && len(g.prefixes) == 0
}

// allowsName reports whether host (with port, as dialled) is allowed by
// name, so that whatever it resolves to may be connected.
func (g *Guard) allowsName(host, port string) bool {
	host = canonicalHost(host)
	if g.names[host] || (port != "" && g.names[net.JoinHostPort(host, port)]) {
		return true
	}
	for _, s := range g.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// allowsAddr reports whether a may be connected: a public address, or an
// internal one the allow-list names.
func (g *Guard) allowsAddr(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	if !Internal(a) {
		return true
	}
	for _, p := range g.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// control is the dialer's hook: it runs for every address the dialer is
// about to connect to, after DNS.
func (g *Guard) control(_ context.Context, _, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable address %q", ErrBlocked, address)
	}
	if !g.allowsAddr(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrBlocked, address)
	}
	return nil
}

// DialContext wraps d so that every connection passes the guard: a host
// allowed by name is dialled as is; any other is dialled with the Control
// hook that refuses internal addresses.
func (g *Guard) DialContext(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	guarded := *d
	guarded.ControlContext = g.control
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if oddNumericHost(host) {
			return nil, fmt.Errorf("%w: numeric host %q", ErrBlocked, host)
		}
		if g.allowsName(host, port) {
			return d.DialContext(ctx, network, addr)
		}
		return guarded.DialContext(ctx, network, addr)
	}
}

// checkSyntax refuses, without any lookup, what no feed URL needs: another
// scheme, a user name or password, a host written as an odd number.
func checkSyntax(u *url.URL) error {
	switch {
	case u.Scheme != "http" && u.Scheme != "https", u.Hostname() == "":
		return errBadURL
	case u.User != nil:
		return errUserInfo
	case oddNumericHost(u.Hostname()):
		return errNumericHost
	}
	return nil
}

var (
	errBadURL      = errors.New("feed: only http and https URLs with a host are fetched")
	errUserInfo    = errors.New("feed: a user name or password in a feed URL is refused")
	errNumericHost = fmt.Errorf("%w: host written as a number in a non-standard form", ErrBlocked)
)

// checkTarget resolves u's host and refuses it if it is, or resolves to,
// an internal address the allow-list does not name. A name that does not
// resolve passes: the connection check decides when it is fetched.
func (g *Guard) checkTarget(ctx context.Context, u *url.URL) error {
	host, port := canonicalHost(u.Hostname()), u.Port()
	if g.allowsName(host, port) {
		return nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !g.allowsAddr(a) {
			return fmt.Errorf("%w: %s", ErrBlocked, host)
		}
		return nil
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") { // RFC 6761: always loopback
		return fmt.Errorf("%w: %s", ErrBlocked, host)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	addrs, err := g.lookup(ctx, host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if !g.allowsAddr(a) {
			return fmt.Errorf("%w: %s resolves to %s", ErrBlocked, host, a)
		}
	}
	return nil
}

func (g *Guard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if g.Lookup != nil {
		return g.Lookup(ctx, host)
	}
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// canonicalHost lower-cases a host, drops a trailing dot and writes an IP
// address in its one standard form.
func canonicalHost(h string) string {
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Unmap().WithZone("").String()
	}
	return h
}

func isIP(h string) bool {
	_, err := netip.ParseAddr(h)
	return err == nil
}

// validName accepts a DNS host name (letters, digits, '-', '_', dots).
func validName(h string) bool {
	if h == "" || len(h) > 253 || oddNumericHost(h) {
		return false
	}
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// oddNumericHost reports a host made only of numbers that is not a
// standard dotted-quad IPv4 address: 2130706433, 0x7f000001, 0177.0.0.1,
// 127.1, 127.0.0.1. (trailing dot) — forms some resolvers (inet_aton) read as an address
// and others send to DNS. No feed needs them.
func oddNumericHost(h string) bool {
	if h == "" || strings.Contains(h, ":") {
		return false
	}
	trimmed := strings.TrimSuffix(h, ".")
	if a, err := netip.ParseAddr(h); err == nil && a.Is4() {
		return false
	}
	for _, label := range strings.Split(trimmed, ".") {
		if !numericLabel(strings.ToLower(label)) {
			return false
		}
	}
	return true
}

func numericLabel(s string) bool {
	digits := "0123456789"
	if strings.HasPrefix(s, "0x") {
		s, digits = s[2:], "0123456789abcdef"
		if s == "" {
			return true
		}
	}
	if s == "" {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune(digits, c) {
			return false
		}
	}
	return true
}
