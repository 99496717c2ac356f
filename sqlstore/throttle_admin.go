package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// throttleAccountUser finds the account an administrator acts on and
// checks that they may manage it.
func (tx *Tx) throttleAccountUser(ctx context.Context, username string) (int64, string, error) {
	account := accountKey(username)
	id, err := tx.throttleUserID(ctx, account)
	if err != nil {
		return 0, "", err
	} else if id == 0 {
		return 0, "", errUserNotFound()
	}
	return id, account, authorize(ctx, ttdn.ActionUpdate, userResource(id), errUserNotFound())
}

// LoginLocks reports the account's locked addresses and slow mode.
func (t *LoginThrottle) LoginLocks(ctx context.Context, username string) (*ttdn.LoginLocks, error) {
	tx, err := t.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, account, err := tx.throttleAccountUser(ctx, username)
	if err != nil {
		return nil, err
	}
	var l ttdn.LoginLocks
	rows, err := tx.QueryContext(ctx, `SELECT locked_until FROM login_throttle
		WHERE kind = ? AND account = ? AND locked_until > ?`, throttlePair, account, tx.now)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var until time.Time
		if err := rows.Scan(timeScan{&until}); err != nil {
			return nil, err
		}
		l.LockedAddrs++
		if until.After(l.LockedUntil) {
			l.LockedUntil = until
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	acct, err := tx.readThrottle(ctx, throttleAccount, account, "")
	if err != nil {
		return nil, err
	} else if acct.locked(tx.now) {
		l.SlowUntil = acct.until
	}
	return &l, nil
}

// UnlockLogin clears every pair of the account (failures, waits, locks and
// the memory of earlier lockouts) and ends its slow mode. Addresses it
// logged in from stay known. Locks of whole addresses are left alone: they
// are about the address, not this account.
func (t *LoginThrottle) UnlockLogin(ctx context.Context, username string) error {
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	id, account, err := tx.throttleAccountUser(ctx, username)
	if err != nil {
		return err
	}
	var locked int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM login_throttle
		WHERE kind = ? AND account = ? AND locked_until > ?`, throttlePair, account, tx.now).Scan(&locked); err != nil {
		return err
	}
	acct, err := tx.readThrottle(ctx, throttleAccount, account, "")
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE login_throttle SET failures = 0, locked_until = NULL, lockouts = 0
		WHERE kind = ? AND account = ?`, throttlePair, account); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `DELETE FROM login_throttle WHERE kind = ? AND account = ?`, throttleAccount, account); err != nil {
		return err
	}
	before := map[string]any{"locked_addresses": locked, "slowed": acct.locked(tx.now)}
	if err := tx.audit(ctx, "login_unlocked", ttdn.ResourceUser, id, before, map[string]any{"account": account}); err != nil {
		return err
	}
	return tx.Commit()
}

// pruneEvery is how often an instance removes throttle rows that no longer
// matter; pruning rides on failed log-ins, the only thing that adds rows in
// bulk.
const pruneEvery = time.Hour

// pruneNow removes, at most once per pruneEvery, rows with no lock in
// force, no failure for a day (their counts have drained and their
// lockouts are forgiven) and no success within KnownPairFor. A failure here
// is logged by nobody and retried next time: it must not fail a log-in.
func (t *LoginThrottle) pruneNow(ctx context.Context) {
	t.mu.Lock()
	now := t.db.now()
	if now.Sub(t.lastPrune) < pruneEvery {
		t.mu.Unlock()
		return
	}
	t.lastPrune = now
	t.mu.Unlock()
	tx, err := t.db.BeginTx(ctx, true)
	if err != nil {
		return
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM login_throttle
		WHERE (locked_until IS NULL OR locked_until < ?)
		AND (last_failure IS NULL OR last_failure < ?)
		AND (last_success IS NULL OR last_success < ?)`,
		tx.now, tx.now.Add(-MaxLoginLockout), tx.now.Add(-KnownPairFor)); err != nil {
		return
	}
	_ = tx.Commit()
}
