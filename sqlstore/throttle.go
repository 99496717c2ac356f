package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"ttdn"
)

// Log-in throttling (issue 10). The unit that is slowed down and locked is
// the pair (account, address): an attacker's failures lock the attacker's
// own pair, never the account for the other addresses it is used from.
//
//   - Pair: the first PairFreeFailures attempts go at once; then each must
//     wait 2 s, 4 s, … after the one before; the MaxPairFailures-th failure
//     locks the pair for LoginLockout, doubled at each further lockout up to
//     MaxLoginLockout. Attempts while waiting or locked are refused unchecked
//     and uncounted, so they neither lengthen a lock nor reach the password.
//     Failures drain by one per PairLeak of quiet, so a patient guesser who
//     never reaches the lock still gets only a dozen tries a day; a quiet day
//     after a lock forgives earlier lockouts; a success clears the pair.
//   - Known pair: an address the account logged in from within KnownPairFor.
//     Neither of the two wider limits below touches it.
//   - Address: failures at names not known there, draining by one per
//     AddrLeak; at MaxAddrFailures the address may try no further unknown
//     names (same lock lengths). Users who have logged in from it before go
//     on logging in.
//   - Account: failures from unknown addresses, draining by one per
//     AccountLeak. At AccountSlowFailures the account enters slow mode for
//     AccountSlowFor: unknown pairs wait AccountSlowDelay after every failure
//     and lock after SlowPairFailures. It never refuses a first attempt, and
//     one address cannot reach it: its pair's locks hold it to far fewer
//     failures than the account drains (TestThrottleOneAddressNeverSlowsAccount).
const (
	PairFreeFailures    = 3
	MaxPairFailures     = 10
	PairLeak            = 2 * time.Hour
	AddrLeak            = 30 * time.Minute
	LoginLockout        = 15 * time.Minute
	MaxLoginLockout     = 24 * time.Hour
	KnownPairFor        = 90 * 24 * time.Hour
	MaxAddrFailures     = 20
	AccountSlowFailures = 50
	AccountLeak         = 5 * time.Minute
	AccountSlowFor      = time.Hour
	AccountSlowDelay    = 30 * time.Second
	SlowPairFailures    = 3
)

// Kinds of throttle rows.
const (
	throttlePair    = "pair"
	throttleAddr    = "addr"
	throttleAccount = "account"
)

// LoginThrottle counts failed log-ins and refuses pairs that must wait.
type LoginThrottle struct {
	db *DB

	mu        sync.Mutex
	lastPrune time.Time // when this instance last removed stale rows
}

// NewLoginThrottle returns the throttle on db.
func NewLoginThrottle(db *DB) *LoginThrottle { return &LoginThrottle{db: db} }

var _ ttdn.LoginThrottle = (*LoginThrottle)(nil)

func errLocked(wait time.Duration) error {
	mins := int((wait + time.Minute - 1) / time.Minute)
	return ttdn.Errorf(ttdn.EFORBIDDEN,
		"Đăng nhập sai nhiều lần nên tạm thời không đăng nhập được tài khoản này từ địa chỉ của bạn, vui lòng thử lại sau %d phút.",
		"Too many failed log-ins: this account cannot log in from your address for now, try again in %d minutes.", mins)
}

func errWait(wait time.Duration) error {
	secs := int((wait + time.Second - 1) / time.Second)
	return ttdn.Errorf(ttdn.EFORBIDDEN,
		"Đăng nhập sai nhiều lần, vui lòng chờ %d giây rồi thử lại.",
		"Too many failed log-ins: wait %d seconds and try again.", secs)
}

// throttleRow is one row of login_throttle.
type throttleRow struct {
	kind, account, addr string
	failures, lockouts  int
	lastFailure, until  time.Time
	lastSuccess         time.Time
}

// loadThrottle reads a row, creating it first. The no-op UPDATE takes the
// row lock on PostgreSQL, so two instances counting at once take turns.
func (tx *Tx) loadThrottle(ctx context.Context, kind, account, addr string) (*throttleRow, error) {
	if _, err := tx.exec(ctx, `INSERT INTO login_throttle (kind, account, addr) VALUES (?, ?, ?)
		ON CONFLICT (kind, account, addr) DO NOTHING`, kind, account, addr); err != nil {
		return nil, err
	} else if _, err := tx.exec(ctx, `UPDATE login_throttle SET failures = failures
		WHERE kind = ? AND account = ? AND addr = ?`, kind, account, addr); err != nil {
		return nil, err
	}
	return tx.readThrottle(ctx, kind, account, addr)
}

// readThrottle reads a row without creating it; a missing row reads as an
// empty one.
func (tx *Tx) readThrottle(ctx context.Context, kind, account, addr string) (*throttleRow, error) {
	r := &throttleRow{kind: kind, account: account, addr: addr}
	err := tx.QueryRowContext(ctx, `SELECT failures, last_failure, locked_until, lockouts, last_success
		FROM login_throttle WHERE kind = ? AND account = ? AND addr = ?`, kind, account, addr).
		Scan(&r.failures, timeScan{&r.lastFailure}, timeScan{&r.until}, &r.lockouts, timeScan{&r.lastSuccess})
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	return r, err
}

func (tx *Tx) saveThrottle(ctx context.Context, r *throttleRow) error {
	_, err := tx.exec(ctx, `UPDATE login_throttle SET failures = ?, last_failure = ?, locked_until = ?, lockouts = ?, last_success = ?
		WHERE kind = ? AND account = ? AND addr = ?`, r.failures, timeArg(r.lastFailure), timeArg(r.until), r.lockouts,
		timeArg(r.lastSuccess), r.kind, r.account, r.addr)
	return err
}

// drain forgets one failure per every quiet interval since the last one.
func (r *throttleRow) drain(now time.Time, every time.Duration) {
	if r.failures > 0 && !r.lastFailure.IsZero() {
		r.failures = max(0, r.failures-int(now.Sub(r.lastFailure)/every))
	}
}

func (r *throttleRow) locked(now time.Time) bool { return now.Before(r.until) }

// known reports whether the pair's account has logged in from its address
// recently.
func (r *throttleRow) known(now time.Time) bool {
	return !r.lastSuccess.IsZero() && now.Sub(r.lastSuccess) < KnownPairFor
}

// forgive forgets earlier lockouts after a quiet day: no lock and no
// failure for MaxLoginLockout.
func (r *throttleRow) forgive(now time.Time) {
	if now.Sub(r.until) >= MaxLoginLockout && now.Sub(r.lastFailure) >= MaxLoginLockout {
		r.lockouts = 0
	}
}

// lock starts the next lockout of a pair or address.
func (r *throttleRow) lock(now time.Time) {
	r.until = now.Add(lockoutFor(r.lockouts))
	r.failures, r.lockouts = 0, r.lockouts+1
}

// pairDelay is how long an attempt must wait after the one before when
// failures are already counted on its pair: none for the first few, then
// 2 s doubling (about four minutes in all before the lock).
func pairDelay(failures int) time.Duration {
	if failures < PairFreeFailures {
		return 0
	}
	return time.Second << min(failures-PairFreeFailures+1, 20)
}

// lockoutFor is the length of the next lockout after n earlier ones.
func lockoutFor(n int) time.Duration {
	d := LoginLockout
	for i := 0; i < n && d < MaxLoginLockout; i++ {
		d *= 2
	}
	return min(d, MaxLoginLockout)
}

// CheckLogin refuses a pair that must wait or is locked (or an unknown pair
// at a locked address), before any password is checked; otherwise it counts
// the attempt on the pair. A refusal is decided on the read pool first, so
// a flood of refused attempts never queues for the (SQLite: only) writer;
// an attempt that may go is checked again under the pair's row lock.
func (t *LoginThrottle) CheckLogin(ctx context.Context, username, addr string) error {
	account, addr := accountKey(username), addrKey(addr)
	if err := t.precheck(ctx, account, addr); err != nil {
		return err
	}
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	pair, err := tx.loadThrottle(ctx, throttlePair, account, addr)
	if err != nil {
		return err
	} else if err := tx.admit(ctx, pair); err != nil {
		return err
	}
	pair.failures++
	pair.lastFailure = tx.now
	if err := tx.saveThrottle(ctx, pair); err != nil {
		return err
	}
	return tx.Commit()
}

func (t *LoginThrottle) precheck(ctx context.Context, account, addr string) error {
	tx, err := t.db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	pair, err := tx.readThrottle(ctx, throttlePair, account, addr)
	if err != nil {
		return err
	}
	return tx.admit(ctx, pair)
}

// admit returns the refusal for an attempt on pair now, if any, leaving
// the pair drained and forgiven as of now.
func (tx *Tx) admit(ctx context.Context, pair *throttleRow) error {
	now := tx.now
	if pair.locked(now) {
		return errLocked(pair.until.Sub(now))
	}
	pair.forgive(now)
	pair.drain(now, PairLeak)
	limit, wait := MaxPairFailures, pairDelay(pair.failures)
	if !pair.known(now) {
		at, err := tx.readThrottle(ctx, throttleAddr, "", pair.addr)
		if err != nil {
			return err
		} else if at.locked(now) {
			return errLocked(at.until.Sub(now))
		}
		acct, err := tx.readThrottle(ctx, throttleAccount, pair.account, "")
		if err != nil {
			return err
		} else if acct.locked(now) && pair.failures > 0 {
			limit, wait = SlowPairFailures, max(wait, AccountSlowDelay)
		}
	}
	if pair.failures >= limit {
		// Attempts still in flight lock the pair when they fail.
		wait = max(wait, AccountSlowDelay)
	}
	if next := pair.lastFailure.Add(wait); wait > 0 && now.Before(next) {
		return errWait(next.Sub(now))
	}
	return nil
}

// LoginFailed locks the pair at its limit and counts a failure at an
// unknown pair against the address and the account, auditing the failure
// and every lock it starts in the same transaction.
func (t *LoginThrottle) LoginFailed(ctx context.Context, username, addr string, step ttdn.LoginStep) error {
	t.pruneNow(ctx)
	account, addr := accountKey(username), addrKey(addr)
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := tx.now
	userID, err := tx.throttleUserID(ctx, account)
	if err != nil {
		return err
	}
	// A name that is no account is not recorded: people type their password
	// into the name field, and the audit log keeps what it gets for ever.
	failed := map[string]any{"step": step}
	if userID != 0 {
		failed["account"] = account
	}
	if err := tx.audit(ctx, "login_failed", ttdn.ResourceUser, userID, nil, failed); err != nil {
		return err
	}
	pair, err := tx.loadThrottle(ctx, throttlePair, account, addr)
	if err != nil {
		return err
	}
	known := pair.known(now)
	slow, err := tx.readThrottle(ctx, throttleAccount, account, "")
	if err != nil {
		return err
	}
	limit := MaxPairFailures
	if !known && slow.locked(now) {
		limit = SlowPairFailures
	}
	pair.drain(now, PairLeak)
	if pair.failures >= limit {
		pair.lock(now)
		if err := tx.auditLock(ctx, userID, "pair", account, pair.until); err != nil {
			return err
		}
	}
	if err := tx.saveThrottle(ctx, pair); err != nil {
		return err
	}
	if !known {
		if err := tx.countAddrFailure(ctx, addr); err != nil {
			return err
		} else if err := tx.countAccountFailure(ctx, account, userID); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// countAddrFailure adds one failure to the address, locking it (for
// unknown names) at its limit.
func (tx *Tx) countAddrFailure(ctx context.Context, addr string) error {
	r, err := tx.loadThrottle(ctx, throttleAddr, "", addr)
	if err != nil {
		return err
	}
	r.forgive(tx.now)
	r.drain(tx.now, AddrLeak)
	r.failures++
	if r.failures >= MaxAddrFailures {
		r.lock(tx.now)
		if err := tx.auditLock(ctx, 0, "address", "", r.until); err != nil {
			return err
		}
	}
	r.lastFailure = tx.now
	return tx.saveThrottle(ctx, r)
}

// countAccountFailure adds one failure from an unknown address to the
// account, starting (or, after as many more, prolonging) its slow mode.
func (tx *Tx) countAccountFailure(ctx context.Context, account string, userID int64) error {
	r, err := tx.loadThrottle(ctx, throttleAccount, account, "")
	if err != nil {
		return err
	}
	r.drain(tx.now, AccountLeak)
	r.failures++
	r.lastFailure = tx.now
	if r.failures >= AccountSlowFailures {
		r.until, r.failures, r.lockouts = tx.now.Add(AccountSlowFor), 0, r.lockouts+1
		if err := tx.audit(ctx, "login_slowed", ttdn.ResourceUser, userID, nil,
			map[string]any{"account": r.account, "until": r.until}); err != nil {
			return err
		}
	}
	return tx.saveThrottle(ctx, r)
}

// auditLock records a lockout. The address is the event's own.
func (tx *Tx) auditLock(ctx context.Context, userID int64, scope, account string, until time.Time) error {
	after := map[string]any{"scope": scope, "until": until}
	if userID != 0 {
		after["account"] = account
	}
	return tx.audit(ctx, "login_locked", ttdn.ResourceUser, userID, nil, after)
}

// throttleUserID is the id of the account a throttled name is, or 0.
func (tx *Tx) throttleUserID(ctx context.Context, account string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM users WHERE username = ?`, account).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// LoginSucceeded clears the pair and marks it known. The address and the
// account keep their counts: one good password must not reset a guesser
// working through many accounts or from many addresses.
func (t *LoginThrottle) LoginSucceeded(ctx context.Context, username, addr string) error {
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	pair, err := tx.loadThrottle(ctx, throttlePair, accountKey(username), addrKey(addr))
	if err != nil {
		return err
	}
	pair.failures, pair.lockouts, pair.until, pair.lastSuccess = 0, 0, time.Time{}, tx.now
	if err := tx.saveThrottle(ctx, pair); err != nil {
		return err
	}
	return tx.Commit()
}
