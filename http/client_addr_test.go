package http

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// trustProxies rebuilds the fixture's server with these trusted proxies.
func (f *fixture) trustProxies(t *testing.T, trusted ...string) {
	cfg := f.srv.cfg
	var err error
	if cfg.TrustedProxies, err = ParseTrustedProxies(trusted); err != nil {
		t.Fatal(err)
	}
	f.srv = NewServer(cfg)
	f.h = f.srv.Handler()
}

// loginVia posts the log-in form from the TCP peer with the given
// X-Forwarded-For (none when empty).
func (f *fixture) loginVia(user, password, peer, xff string) *httptest.ResponseRecorder {
	r := f.request(http.MethodPost, "/login", anon, form("username", user, "password", password, csrfField, fixedCSRF))
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: fixedCSRF})
	r.RemoteAddr = peer + ":40000"
	if xff != "" {
		r.Header.Set("X-Forwarded-For", xff)
	}
	return f.do(r)
}

// lastLoginAddr is the address the audit log recorded for the latest
// log-in.
func lastLoginAddr(t *testing.T, f *fixture) string {
	t.Helper()
	action := "login"
	events, _, err := sqlstore.NewAuditService(f.db).FindAuditEvents(sqltest.UserContext(f.users["admin"]), ttdn.AuditFilter{Action: &action, Limit: 1})
	if err != nil || len(events) == 0 {
		t.Fatalf("no log-in audited: %v", err)
	}
	return events[0].Addr
}

// TestForwardedForSpoofIgnored: without a trusted proxy, or from a peer
// that is not one, X-Forwarded-For is ignored: the audit log records the TCP
// peer, and an attacker cannot dodge the throttle by inventing a new
// address for every attempt.
func TestForwardedForSpoofIgnored(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		for _, trusted := range [][]string{nil, {"10.0.0.1"}} {
			f.trustProxies(t, trusted...)
			if w := f.loginVia("officer", testPassword, "203.0.113.5", "10.20.30.40"); w.Code != http.StatusSeeOther {
				t.Fatalf("log-in: %d", w.Code)
			}
			if got := lastLoginAddr(t, f); got != "203.0.113.5" {
				t.Fatalf("trusted %v: a spoofed header gave the audit address %q", trusted, got)
			}
			for i := range sqlstore.PairFreeFailures {
				f.loginVia("finance", "sai-mat-khau", "203.0.113.6", "192.0.2."+itoa(int64(i+1)))
			}
			if w := f.loginVia("finance", "sai-mat-khau", "203.0.113.6", "192.0.2.200"); w.Code != http.StatusForbidden {
				t.Fatalf("trusted %v: a fresh spoofed address skipped the wait: %d", trusted, w.Code)
			}
			if err := sqlstore.NewLoginThrottle(db).UnlockLogin(sqltest.SystemContext(), "finance"); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestForwardedForFromTrustedProxy: from the trusted proxy, the right-most
// address that is not a trusted proxy is the client's: in the audit log and
// for the throttle, so one client's failures do not slow another client
// behind the same proxy.
func TestForwardedForFromTrustedProxy(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		f.trustProxies(t, "10.0.0.1, 10.0.1.0/24")
		// The client wrote "1.2.3.4" itself; the proxies appended the rest.
		if w := f.loginVia("officer", testPassword, "10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.1.9"); w.Code != http.StatusSeeOther {
			t.Fatalf("log-in: %d", w.Code)
		}
		if got := lastLoginAddr(t, f); got != "198.51.100.7" {
			t.Fatalf("client address %q, want 198.51.100.7", got)
		}
		for range sqlstore.PairFreeFailures + 2 {
			f.loginVia("finance", "sai-mat-khau", "10.0.0.1", "198.51.100.66")
		}
		if w := f.loginVia("finance", testPassword, "10.0.0.1", "198.51.100.66"); w.Code != http.StatusForbidden {
			t.Fatalf("the hammering client was not slowed: %d", w.Code)
		}
		if w := f.loginVia("finance", testPassword, "10.0.0.1", "198.51.100.8"); w.Code != http.StatusSeeOther {
			t.Fatalf("another client behind the proxy: %d", w.Code)
		}
		if got := lastLoginAddr(t, f); got != "198.51.100.8" {
			t.Fatalf("client address %q, want 198.51.100.8", got)
		}
	})
}

// TestResolveClientAddr: the walk along X-Forwarded-For.
func TestResolveClientAddr(t *testing.T) {
	proxies, err := ParseTrustedProxies([]string{"10.0.0.0/8", "2001:db8::1", "::ffff:192.168.0.0/112"})
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{cfg: Config{TrustedProxies: proxies}}
	for _, c := range []struct{ peer, xff, want string }{
		{"203.0.113.1", "10.9.9.9", "203.0.113.1"},                      // untrusted peer
		{"10.0.0.1", "", "10.0.0.1"},                                    // trusted, no header
		{"10.0.0.1", "198.51.100.2", "198.51.100.2"},                    // one proxy
		{"10.0.0.1", "6.6.6.6, 198.51.100.2, 10.1.1.1", "198.51.100.2"}, // chain, spoofed left part
		{"10.0.0.1", "10.2.2.2, 10.1.1.1", "10.2.2.2"},                  // all trusted: the left-most
		{"10.0.0.1", "198.51.100.2, garbage", "10.0.0.1"},               // unreadable: stop
		{"10.0.0.1", "198.51.100.2:5555", "198.51.100.2"},               // with a port
		{"[2001:db8::1]", "[2001:db8::99]:80", "2001:db8::99"},          // IPv6
		{"[::ffff:10.0.0.1]", "::ffff:198.51.100.3", "198.51.100.3"},    // mapped
		{"192.168.5.5", "198.51.100.4", "198.51.100.4"},                 // mapped range in the list
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.peer + ":1234"
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := s.resolveClientAddr(r); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %q, want %q", c.peer, c.xff, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example", "10.0.0.1%eth0"} {
		if _, err := ParseTrustedProxies([]string{bad}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("%q accepted: %v", bad, err)
		}
	}
	if p, err := ParseTrustedProxies([]string{"10.0.0.9/8"}); err != nil || p[0] != netip.MustParsePrefix("10.0.0.0/8") {
		t.Errorf("10.0.0.9/8: %v %v", p, err)
	}
}
