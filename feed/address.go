package feed

import "net/netip"

// internal4 are the IPv4 ranges that are not the public Internet: a feed
// is never fetched from them unless the allow-list names them.
var internal4 = prefixes(
	"0.0.0.0/8",      // "this network"; 0.0.0.0 reaches the local host on Linux
	"10.0.0.0/8",     // private (RFC 1918)
	"100.64.0.0/10",  // carrier-grade NAT (RFC 6598)
	"127.0.0.0/8",    // loopback
	"169.254.0.0/16", // link-local, cloud metadata services
	"172.16.0.0/12",  // private
	"192.0.0.0/24",   // IETF protocol assignments
	"192.88.99.0/24", // 6to4 relay anycast
	"192.168.0.0/16", // private
	"198.18.0.0/15",  // benchmarking
	"224.0.0.0/4",    // multicast
	"240.0.0.0/4",    // reserved, and 255.255.255.255 broadcast
)

// internal6 are the IPv6 ranges refused as such; addresses that embed an
// IPv4 address (mapped, NAT64, 6to4) are judged by it.
var internal6 = prefixes(
	"::/96",          // unspecified, loopback and the old IPv4-compatible form
	"100::/64",       // discard
	"2001::/32",      // Teredo: the IPv4 inside is obfuscated
	"64:ff9b:1::/48", // local NAT64
	"fc00::/7",       // unique local (private)
	"fe80::/10",      // link-local
	"fec0::/10",      // site-local (deprecated)
	"ff00::/8",       // multicast
)

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// Internal reports whether a is an address of a local or private network
// rather than of the public Internet.
func Internal(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	if !a.IsValid() {
		return true
	}
	if a.Is4() {
		return inAny(internal4, a)
	}
	b := a.As16()
	switch {
	case nat64.Contains(a):
		return Internal(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(a):
		return Internal(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return inAny(internal6, a) || a.IsLoopback() || a.IsUnspecified() || a.IsMulticast() ||
		a.IsLinkLocalUnicast() || a.IsPrivate()
}

func inAny(list []netip.Prefix, a netip.Addr) bool {
	for _, p := range list {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func prefixes(s ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(s))
	for i, p := range s {
		out[i] = netip.MustParsePrefix(p)
	}
	return out
}
