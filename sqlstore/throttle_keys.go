package sqlstore

import (
	"net/netip"
	"strings"
)

// maxKeyBytes bounds a throttle key: usernames are at most 63 characters,
// and a longer name is no account anyway.
const maxKeyBytes = 128

// accountKey is the throttled form of a typed username, the same whether or
// not the account exists, so a lockout tells nobody which names are real.
// NUL and invalid UTF-8 are dropped: PostgreSQL refuses them in text.
func accountKey(username string) string {
	k := strings.ToLower(strings.TrimSpace(username))
	if len(k) > maxKeyBytes {
		k = k[:maxKeyBytes]
	}
	return strings.ToValidUTF8(strings.ReplaceAll(k, "\x00", ""), "")
}

// addrKey is the throttled form of a client address: an IPv4 address, or
// the /64 network of an IPv6 one (one subscriber gets a whole /64, so
// counting single IPv6 addresses would give an attacker 2^64 fresh ones).
func addrKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return accountKey(addr)
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	p, err := ip.Prefix(64)
	if err != nil {
		return ip.String()
	}
	return p.String()
}
