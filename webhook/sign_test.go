package webhook

import (
	"context"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"ttdn/feed"
)

// TestVerify: a signature made with the secret verifies; another secret,
// a changed body, a changed or stale timestamp do not.
func TestVerify(t *testing.T) {
	now := time.Date(2026, 12, 4, 22, 0, 0, 0, time.UTC)
	body := []byte(`{"event":"report.submitted"}`)
	sig := Sign("whsec_a", now, body)
	ts := strconv.FormatInt(now.Unix(), 10)
	if err := Verify("whsec_a", ts, sig, body, now.Add(time.Minute), 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"other secret": Verify("whsec_b", ts, sig, body, now, 5*time.Minute),
		"changed body": Verify("whsec_a", ts, sig, []byte(`{"event":"case.opened"}`), now, 5*time.Minute),
		"changed time": Verify("whsec_a", strconv.FormatInt(now.Unix()+1, 10), sig, body, now, 5*time.Minute),
		"stale":        Verify("whsec_a", ts, sig, body, now.Add(10*time.Minute), 5*time.Minute),
		"no scheme":    Verify("whsec_a", ts, sig[len("sha256="):], body, now, 5*time.Minute),
		"not a number": Verify("whsec_a", "x", sig, body, now, 5*time.Minute),
	} {
		if err == nil {
			t.Errorf("%s verified", name)
		}
	}
}

// TestRulesHTTP: https everywhere the guard allows; plain http only with
// AllowHTTP and only to private addresses.
func TestRulesHTTP(t *testing.T) {
	lookup := func(_ context.Context, h string) ([]netip.Addr, error) {
		if h == "motcua.tayninh.gov.vn" {
			return []netip.Addr{netip.MustParseAddr("10.20.1.5")}, nil
		}
		return []netip.Addr{netip.MustParseAddr("203.0.113.7")}, nil
	}
	g := feed.MustGuard("10.20.0.0/16")
	g.Lookup = lookup
	strict := Rules{Guard: g, Lookup: lookup}
	open := Rules{Guard: g, AllowHTTP: true, Lookup: lookup}
	for _, c := range []struct {
		r   Rules
		url string
		ok  bool
	}{
		{strict, "https://motcua.tayninh.gov.vn/hook", true},
		{strict, "http://motcua.tayninh.gov.vn/hook", false},
		{open, "http://motcua.tayninh.gov.vn/hook", true},
		{open, "http://public.example/hook", false}, // http to the Internet: never
		{open, "https://192.168.1.1/hook", false},   // internal, not on the allow-list
		{strict, "https://user:pw@motcua.tayninh.gov.vn/", false},
		{strict, "ftp://motcua.tayninh.gov.vn/", false},
	} {
		if err := c.r.Check(context.Background(), c.url); (err == nil) != c.ok {
			t.Errorf("%s (allow http %v): %v", c.url, c.r.AllowHTTP, err)
		}
	}
}
