package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"ttdn"
)

// Log-in throttling. Failures are counted per account and per address in
// the database, so an attacker gains nothing by spreading attempts over
// several instances. MaxLoginFailures failures within LoginWindow lock the
// subject for LoginLockout, doubled at each further lockout up to
// MaxLoginLockout. An address gets more tries than an account: a whole
// office may sit behind one address.
const (
	MaxLoginFailures = 5
	MaxAddrFailures  = 20
	LoginWindow      = 15 * time.Minute
	LoginLockout     = 15 * time.Minute
	MaxLoginLockout  = 24 * time.Hour
)

// LoginThrottle counts failed log-ins and refuses locked accounts and
// addresses.
type LoginThrottle struct{ db *DB }

// NewLoginThrottle returns the throttle on db.
func NewLoginThrottle(db *DB) *LoginThrottle { return &LoginThrottle{db: db} }

var _ ttdn.LoginThrottle = (*LoginThrottle)(nil)

// The subject of a username is the same whether or not the account exists,
// so a lockout tells nobody which usernames are real.
func userSubject(username string) string {
	return "user:" + strings.ToLower(strings.TrimSpace(username))
}
func addrSubject(addr string) string { return "addr:" + addr }

func errLocked(wait time.Duration) error {
	mins := int((wait + time.Minute - 1) / time.Minute)
	return ttdn.Errorf(ttdn.EFORBIDDEN,
		"Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau %d phút.",
		"Too many failed log-ins: the account is locked for now, try again in %d minutes.", mins)
}

// CheckLogin returns EFORBIDDEN with the remaining wait when the account or
// the address is locked, before any password is checked.
func (t *LoginThrottle) CheckLogin(ctx context.Context, username, addr string) error {
	tx, err := t.db.BeginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, subj := range []string{userSubject(username), addrSubject(addr)} {
		var until time.Time
		err := tx.QueryRowContext(ctx, `SELECT locked_until FROM login_throttle WHERE subject = ?`, subj).
			Scan(timeScan{&until})
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return err
		}
		if tx.now.Before(until) {
			return errLocked(until.Sub(tx.now))
		}
	}
	return nil
}

// LoginFailed counts a failed log-in against the account and the address,
// locking either when it reaches its limit.
func (t *LoginThrottle) LoginFailed(ctx context.Context, username, addr string) error {
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.countFailure(ctx, userSubject(username), MaxLoginFailures); err != nil {
		return err
	} else if addr != "" {
		if err := tx.countFailure(ctx, addrSubject(addr), MaxAddrFailures); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// LoginSucceeded clears the account's failures and lockout history. The
// address keeps its count: one good password must not reset a guesser
// working through many accounts.
func (t *LoginThrottle) LoginSucceeded(ctx context.Context, username string) error {
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM login_throttle WHERE subject = ?`, userSubject(username)); err != nil {
		return err
	}
	return tx.Commit()
}

// countFailure adds one failure to subj. The no-op UPDATE takes the row lock
// first, so two instances counting at once on PostgreSQL do not lose one.
func (tx *Tx) countFailure(ctx context.Context, subj string, limit int) error {
	if _, err := tx.exec(ctx, `INSERT INTO login_throttle (subject, failures, window_start, lockouts)
		VALUES (?, 0, ?, 0) ON CONFLICT (subject) DO NOTHING`, subj, tx.now); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `UPDATE login_throttle SET failures = failures WHERE subject = ?`, subj); err != nil {
		return err
	}
	var failures, lockouts int
	var start, until time.Time
	if err := tx.QueryRowContext(ctx, `SELECT failures, window_start, locked_until, lockouts FROM login_throttle
		WHERE subject = ?`, subj).Scan(&failures, timeScan{&start}, timeScan{&until}, &lockouts); err != nil {
		return err
	}
	if tx.now.Sub(start) >= MaxLoginLockout && tx.now.After(until) {
		lockouts = 0 // a quiet day forgives earlier lockouts
	}
	if tx.now.Sub(start) >= LoginWindow {
		failures, start = 0, tx.now
	}
	failures++
	if failures >= limit {
		until = tx.now.Add(lockoutFor(lockouts))
		failures, start, lockouts = 0, tx.now, lockouts+1
	}
	_, err := tx.exec(ctx, `UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ?, lockouts = ?
		WHERE subject = ?`, failures, start, timeArg(until), lockouts, subj)
	return err
}

// lockoutFor is the length of the next lockout after n earlier ones.
func lockoutFor(n int) time.Duration {
	d := LoginLockout
	for i := 0; i < n && d < MaxLoginLockout; i++ {
		d *= 2
	}
	return min(d, MaxLoginLockout)
}
