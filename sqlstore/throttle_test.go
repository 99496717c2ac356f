package sqlstore_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// throttleRig drives the log-in throttle as the HTTP layer does, on a
// settable clock.
type throttleRig struct {
	t   *testing.T
	db  *sqlstore.DB
	th  *sqlstore.LoginThrottle
	now time.Time
	ctx context.Context
}

func newThrottleRig(t *testing.T, db *sqlstore.DB) *throttleRig {
	g := &throttleRig{t: t, db: db, th: sqlstore.NewLoginThrottle(db), now: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC), ctx: as(nil)}
	db.Now = func() time.Time { return g.now }
	return g
}

func (g *throttleRig) advance(d time.Duration) { g.now = g.now.Add(d) }

// fail makes one attempt with a wrong password: the throttle's refusal, or
// nil when the attempt was let through (and failed).
func (g *throttleRig) fail(user, addr string) error {
	g.t.Helper()
	if err := g.th.CheckLogin(g.ctx, user, addr); err != nil {
		if ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			g.t.Fatal(err)
		}
		return err
	}
	if err := g.th.LoginFailed(g.ctx, user, addr, ttdn.LoginPassword); err != nil {
		g.t.Fatal(err)
	}
	return nil
}

// succeed makes one attempt with the right password.
func (g *throttleRig) succeed(user, addr string) error {
	g.t.Helper()
	if err := g.th.CheckLogin(g.ctx, user, addr); err != nil {
		return err
	}
	if err := g.th.LoginSucceeded(g.ctx, user, addr); err != nil {
		g.t.Fatal(err)
	}
	return nil
}

var waitRE = regexp.MustCompile(`(\d+) (giây|phút)`)

// waitOf reads the wait a refusal announces and whether it is a lock.
func waitOf(t *testing.T, err error) (time.Duration, bool) {
	t.Helper()
	m := waitRE.FindStringSubmatch(ttdn.ErrorMessage(err, "vi"))
	if m == nil {
		t.Fatalf("a refusal without its wait: %v", err)
	}
	n, _ := strconv.Atoi(m[1])
	if m[2] == "phút" {
		return time.Duration(n) * time.Minute, true
	}
	return time.Duration(n) * time.Second, false
}

// hammer fails as fast as the throttle allows until the pair (or the
// address) is locked, and returns how many attempts were let through and
// the lock's length.
func (g *throttleRig) hammer(user, addr string) (int, time.Duration) {
	g.t.Helper()
	through := 0
	for range 100 {
		err := g.fail(user, addr)
		if err == nil {
			through++
			continue
		}
		wait, locked := waitOf(g.t, err)
		if locked {
			return through, wait
		}
		g.advance(wait)
	}
	g.t.Fatal("never locked")
	return 0, 0
}

// hammerPair hammers until the pair itself is locked, waiting out any lock
// of the whole address on the way, and returns the pair's lock.
func (g *throttleRig) hammerPair(user, addr string) *ttdn.LoginLocks {
	g.t.Helper()
	for range 10 {
		_, wait := g.hammer(user, addr)
		if l := g.locks(user); l.LockedAddrs > 0 {
			return l
		}
		g.advance(wait)
	}
	g.t.Fatal("the pair never locked")
	return nil
}

func (g *throttleRig) locks(user string) *ttdn.LoginLocks {
	g.t.Helper()
	l, err := g.th.LoginLocks(sqltest.SystemContext(), user)
	if err != nil {
		g.t.Fatal(err)
	}
	return l
}

// TestThrottlePairSlowsThenLocks: three quick failures go through, then
// each attempt waits 2 s, 4 s, …; the tenth failure locks the pair for 15
// minutes. Attempts during the wait or the lock are refused uncounted and do
// not lengthen it; it ends on time and the right password then works from
// the same address. Under endless hammering the locks double up to the
// 24-hour cap and never beyond, and the same account at another address is
// never refused. A quiet day forgives earlier lockouts.
func TestThrottlePairSlowsThenLocks(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user, attacker, office := w.officerA.Username, "203.0.113.9", "10.0.0.7"
		for i := range sqlstore.PairFreeFailures {
			if err := g.fail(user, attacker); err != nil {
				t.Fatalf("failure %d slowed: %v", i+1, err)
			}
		}
		err := g.fail(user, attacker)
		if wait, locked := waitOf(t, err); locked || wait != 2*time.Second {
			t.Fatalf("fourth attempt: %v", err)
		}
		g.advance(2 * time.Second)
		if err := g.fail(user, attacker); err != nil {
			t.Fatalf("after the wait: %v", err)
		}
		if got, _ := g.hammer(user, attacker); 4+got != sqlstore.MaxPairFailures {
			t.Fatalf("locked after %d failures, want %d", 4+got, sqlstore.MaxPairFailures)
		}
		l := g.locks(user)
		if l.LockedAddrs != 1 || l.LockedUntil.Sub(g.now) != 15*time.Minute || !l.SlowUntil.IsZero() {
			t.Fatalf("first lock: %+v", l)
		}
		until := l.LockedUntil
		for range 150 { // an attacker who keeps going during the lock
			if err := g.fail(user, attacker); err == nil {
				t.Fatal("an attempt went through during the lock")
			}
			if err := g.succeed(user, attacker); err == nil {
				t.Fatal("the right password went through during the lock")
			}
			g.advance(5 * time.Second)
		}
		if l := g.locks(user); !l.LockedUntil.Equal(until) {
			t.Fatalf("attempts during the lock moved its end from %v to %v", until, l.LockedUntil)
		}
		if err := g.succeed(user, office); err != nil {
			t.Fatalf("the account from another address during the lock: %v", err)
		}
		g.now = until
		if err := g.succeed(user, attacker); err != nil {
			t.Fatalf("the right password when the lock ended: %v", err)
		}

		// Endless hammering: 15 min, then 30, 60, … up to the cap.
		want := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour,
			8 * time.Hour, 16 * time.Hour, 24 * time.Hour, 24 * time.Hour, 24 * time.Hour}
		for i, d := range want {
			l := g.hammerPair(user, attacker)
			if got := l.LockedUntil.Sub(g.now); got != d {
				t.Fatalf("lock %d lasts %v, want %v", i+1, got, d)
			}
			if err := g.succeed(user, office); err != nil {
				t.Fatalf("lock %d: the account from another address: %v", i+1, err)
			}
			g.now = l.LockedUntil
		}
		g.advance(sqlstore.MaxLoginLockout)
		if got := g.hammerPair(user, attacker).LockedUntil.Sub(g.now); got != sqlstore.LoginLockout {
			t.Fatalf("after a quiet day the lock lasts %v", got)
		}
	})
}

// TestThrottleOneAddressNeverSlowsAccount: one address failing as fast as
// it may for a whole day never puts the account into slow mode, so it
// cannot slow down the account's users anywhere else.
func TestThrottleOneAddressNeverSlowsAccount(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user, start := w.admin.Username, g.now
		total, peak := 0, 0
		for g.now.Sub(start) < 24*time.Hour {
			n, wait := g.hammer(user, "203.0.113.50")
			total += n
			if l := g.locks(user); !l.SlowUntil.IsZero() {
				t.Fatalf("one address put the account into slow mode after %d failures", total)
			}
			level, _ := strconv.Atoi(mustString(t, db, `SELECT failures FROM login_throttle WHERE kind = 'account'`))
			peak = max(peak, level)
			g.advance(wait)
		}
		t.Logf("one address in a day: %d failures, the account's count peaked at %d of %d", total, peak, sqlstore.AccountSlowFailures)
		if peak > sqlstore.AccountSlowFailures/2 {
			t.Fatalf("one address brought the account's count to %d: too close to its limit", peak)
		}
		if total < 50 {
			t.Fatalf("the day's failures (%d) did not even reach the account limit", total)
		}
		if err := g.fail(user, "10.0.0.8"); err != nil {
			t.Fatalf("a new address: %v", err)
		}
		if err := g.succeed(user, "10.0.0.8"); err != nil {
			t.Fatalf("a new address right after one mistake: %v", err)
		}
	})
}

// TestThrottleManyAddressesSlowAccount: failures from many addresses put
// the account into slow mode: unknown addresses wait 30 s after each failure
// and lock after three, but a first attempt always goes through (the right
// password works), an address the user logged in from is untouched, and slow
// mode ends by itself.
func TestThrottleManyAddressesSlowAccount(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user, office := w.admin.Username, "10.0.0.7"
		if err := g.succeed(user, office); err != nil {
			t.Fatal(err)
		}
		var swarm []string
		for i := range 8 {
			swarm = append(swarm, "198.18.0."+strconv.Itoa(i+1))
		}
		for range sqlstore.MaxPairFailures {
			for _, a := range swarm {
				g.fail(user, a)
			}
			g.advance(130 * time.Second)
		}
		l := g.locks(user)
		if l.SlowUntil.IsZero() || l.SlowUntil.Sub(g.now) > sqlstore.AccountSlowFor {
			t.Fatalf("80 failures from 8 addresses: %+v", l)
		}
		if n := countAudit(t, w, "login_slowed"); n != 1 {
			t.Fatalf("%d login_slowed audit rows", n)
		}
		for range 2 {
			if err := g.fail(user, office); err != nil {
				t.Fatalf("the user's own address is slowed: %v", err)
			}
		}
		if err := g.succeed(user, office); err != nil {
			t.Fatalf("the user's own address: %v", err)
		}
		travel := "192.0.2.44"
		if err := g.fail(user, travel); err != nil {
			t.Fatalf("a first attempt from a new address: %v", err)
		}
		if wait, locked := waitOf(t, g.fail(user, travel)); locked || wait != sqlstore.AccountSlowDelay {
			t.Fatalf("second attempt from a new address in slow mode: %v %v", wait, locked)
		}
		for range sqlstore.SlowPairFailures - 1 {
			g.advance(sqlstore.AccountSlowDelay)
			if err := g.fail(user, travel); err != nil {
				t.Fatal(err)
			}
		}
		if _, locked := waitOf(t, g.fail(user, travel)); !locked {
			t.Fatal("a new address was not locked after three failures in slow mode")
		}
		if err := g.succeed(user, "192.0.2.45"); err != nil {
			t.Fatalf("the right password from yet another address: %v", err)
		}
		g.now = l.SlowUntil
		if l := g.locks(user); !l.SlowUntil.IsZero() {
			t.Fatalf("slow mode did not end: %+v", l)
		}
	})
}

// TestThrottleAddressLimit: twenty failures at twenty names from one
// address stop new names from it, but neither a user who logs in from that
// address nor those names at other addresses.
func TestThrottleAddressLimit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		sprayer := "198.51.100.20"
		if err := g.succeed(w.officerA.Username, sprayer); err != nil {
			t.Fatal(err)
		}
		names := []string{w.officerB.Username, w.admin.Username, w.coordinator.Username}
		for i := range sqlstore.MaxAddrFailures - len(names) {
			names = append(names, "nguoi-"+strconv.Itoa(i))
		}
		for _, n := range names {
			if err := g.fail(n, sprayer); err != nil {
				t.Fatalf("%s: %v", n, err)
			}
		}
		if _, locked := waitOf(t, g.fail("ten-moi", sprayer)); !locked {
			t.Fatal("a new name from the spraying address went through")
		}
		if err := g.succeed(w.officerA.Username, sprayer); err != nil {
			t.Fatalf("a user who logs in from that address: %v", err)
		}
		for _, n := range names[:3] {
			if err := g.succeed(n, "10.0.0.9"); err != nil {
				t.Fatalf("%s from another address: %v", n, err)
			}
		}
		if n := countAudit(t, w, "login_locked"); n != 1 {
			t.Fatalf("%d login_locked audit rows", n)
		}
	})
}

// TestThrottleIPv6Network: the addresses of one IPv6 /64 count as one.
func TestThrottleIPv6Network(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user := w.officerB.Username
		for i := range sqlstore.PairFreeFailures {
			if err := g.fail(user, "2001:db8:1:2::"+strconv.Itoa(i+1)); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.fail(user, "2001:db8:1:2:ffff::9"); err == nil {
			t.Fatal("a fresh address in the same /64 skipped the wait")
		}
		if err := g.fail(user, "2001:db8:1:3::1"); err != nil {
			t.Fatalf("another /64: %v", err)
		}
	})
}

// TestUnlockLogin: an administrator (or the command line, as the system)
// lifts an account's locks and slow mode, audited; nobody else may.
func TestUnlockLogin(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user := w.officerA.Username
		g.hammer(user, "203.0.113.1")
		g.hammer(user, "203.0.113.2")
		if err := g.th.UnlockLogin(as(w.officerB), user); err == nil {
			t.Fatal("an officer unlocked another account")
		}
		if err := g.th.UnlockLogin(as(w.admin), "khong-co-ai"); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("unknown account: %v", err)
		}
		if l := g.locks(user); l.LockedAddrs != 2 {
			t.Fatalf("before: %+v", l)
		}
		if err := g.th.UnlockLogin(as(w.admin), strings.ToUpper(user)); err != nil {
			t.Fatal(err)
		}
		if l := g.locks(user); l.LockedAddrs != 0 || !l.LockedUntil.IsZero() {
			t.Fatalf("after: %+v", l)
		}
		for range sqlstore.PairFreeFailures {
			if err := g.fail(user, "203.0.113.1"); err != nil {
				t.Fatalf("unlocked pair still slowed: %v", err)
			}
		}
		action := "login_unlocked"
		events, _, err := w.audit.FindAuditEvents(as(w.admin), ttdn.AuditFilter{Action: &action})
		if err != nil || len(events) != 1 || events[0].EntityID != w.officerA.ID || events[0].Username != w.admin.Username ||
			!strings.Contains(events[0].Before, `"locked_addresses":2`) {
			t.Fatalf("unlock audit: %v %+v", err, events)
		}
	})
}

// TestLoginFailureAudit: a failed log-in at an account is audited with its
// step; a name that is no account is not written anywhere in the log
// (people type passwords into the name field).
func TestLoginFailureAudit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		g.ctx = ttdn.NewContextWithAddr(as(nil), "10.0.0.3")
		if err := g.fail(w.officerA.Username, "10.0.0.3"); err != nil {
			t.Fatal(err)
		}
		if err := g.fail("Mat-Khau-Go-Nham-2024", "10.0.0.3"); err != nil {
			t.Fatal(err)
		}
		action := "login_failed"
		events, _, err := w.audit.FindAuditEvents(as(w.admin), ttdn.AuditFilter{Action: &action})
		if err != nil || len(events) != 2 {
			t.Fatalf("%v %d events", err, len(events))
		}
		known, unknown := events[1], events[0]
		if known.EntityID != w.officerA.ID || known.Addr != "10.0.0.3" || !strings.Contains(known.After, `"step":"password"`) ||
			!strings.Contains(known.After, w.officerA.Username) {
			t.Fatalf("failure at an account: %+v", known)
		}
		if unknown.EntityID != 0 || !strings.Contains(unknown.After, `"step":"password"`) {
			t.Fatalf("failure at no account: %+v", unknown)
		}
		if n := mustString(t, db, `SELECT COUNT(*) FROM audit_events WHERE LOWER(before_json || after_json || username) LIKE '%mat-khau-go-nham%'`); n != "0" {
			t.Fatalf("the typed name is in the audit log (%s rows)", n)
		}
	})
}

func countAudit(t *testing.T, w *world, action string) int {
	t.Helper()
	_, n, err := w.audit.FindAuditEvents(as(w.admin), ttdn.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestThrottlePrune: rows whose counts have drained and whose lockouts are
// forgiven are removed as failures come in; a pair the account logged in
// from is kept, so it stays known.
func TestThrottlePrune(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		if err := g.succeed(w.officerA.Username, "10.0.0.7"); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			g.fail("nguoi-"+strconv.Itoa(i), "198.51.100.1")
		}
		g.advance(2 * sqlstore.MaxLoginLockout)
		g.fail("nguoi-moi", "198.51.100.2")
		rows := mustString(t, db, `SELECT COUNT(*) FROM login_throttle WHERE addr = '198.51.100.1'`)
		known := mustString(t, db, `SELECT COUNT(*) FROM login_throttle WHERE addr = '10.0.0.7' AND last_success IS NOT NULL`)
		if rows != "0" || known != "1" {
			t.Fatalf("after two quiet days: %s stale rows, %s known pair", rows, known)
		}
	})
}

// TestThrottlePatientGuesser: failures drain only after PairLeak of
// quiet, so a guesser who spaces tries out to stay under the lock gets one
// try per PairLeak (a dozen a day); one who tries faster meets locks that
// grow to a day, and soon gets no more than that either.
func TestThrottlePatientGuesser(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		user, start := w.leader.Username, g.now
		late := 0 // tries let through on days 5 and 6
		for g.now.Sub(start) < 6*24*time.Hour {
			if err := g.fail(user, "203.0.113.70"); err == nil && g.now.Sub(start) >= 4*24*time.Hour {
				late++
			}
			g.advance(30 * time.Minute)
		}
		t.Logf("one try every 30 minutes: %d let through on days 5 and 6", late)
		if late > 24 {
			t.Fatalf("one try every 30 minutes: %d let through in two days, want at most 24", late)
		}
		for i := range 48 { // four days at one try per PairLeak
			if err := g.fail(user, "203.0.113.71"); err != nil {
				t.Fatalf("try %d at one per %v: %v", i+1, sqlstore.PairLeak, err)
			}
			g.advance(sqlstore.PairLeak)
		}
	})
}

// TestThrottleConcurrentAttempts: attempts sent all at once cannot slip
// past the waits: each is counted when it is let through, under the pair's
// row lock, so only the free ones go.
func TestThrottleConcurrentAttempts(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		g := newThrottleRig(t, db)
		errs := make(chan error, 20)
		for range cap(errs) {
			go func() { errs <- g.th.CheckLogin(g.ctx, w.admin.Username, "203.0.113.80") }()
		}
		through := 0
		for range cap(errs) {
			err := <-errs
			if err == nil {
				through++
			} else if ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
				t.Fatal(err)
			}
		}
		if through != sqlstore.PairFreeFailures {
			t.Fatalf("%d of 20 simultaneous attempts went through, want %d", through, sqlstore.PairFreeFailures)
		}
	})
}
