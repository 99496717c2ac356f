package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"strings"
	"time"

	"ttdn"
)

// PendingLoginTTL is how long a log-in may wait for its second factor.
const PendingLoginTTL = 5 * time.Minute

// recoveryCodeCount codes are issued when TOTP is turned on.
const recoveryCodeCount = 10

const keyRequireTOTP = "security.require_totp"

func errTOTPCode() error {
	return ttdn.Errorf(ttdn.EINVALID, "Mã xác thực không đúng hoặc đã được dùng.", "Wrong or already used verification code.")
}

// BeginTOTP offers a new secret; it takes effect only once confirmed, so an
// abandoned enrolment changes nothing.
func (s *AccountService) BeginTOTP(ctx context.Context, userID int64) (*ttdn.TOTPEnrolment, error) {
	if err := ownAccount(ctx, userID); err != nil {
		return nil, err
	}
	secret, err := newTOTPSecret()
	if err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	if err != nil {
		return nil, err
	} else if u.TOTPEnabled {
		return nil, ttdn.Errorf(ttdn.ECONFLICT, "Xác thực hai bước đã được bật.", "Two-step verification is already on.")
	}
	sealed, err := tx.sealSecret(ctx, secretTOTP(userID), secret)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?`, sealed, userID); err != nil {
		return nil, err
	}
	return &ttdn.TOTPEnrolment{Secret: secret, URI: totpURI(u.Username, secret)}, tx.Commit()
}

// ConfirmTOTP turns TOTP on when code matches the offered secret, ends the
// user's other sessions (one opened before the second factor must not
// outlive it), and returns fresh recovery codes (only their hashes are
// stored).
func (s *AccountService) ConfirmTOTP(ctx context.Context, userID int64, code, keepSession string) ([]string, error) {
	if err := ownAccount(ctx, userID); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	secret, enabled, last, err := tx.totpState(ctx, userID)
	if err != nil {
		return nil, err
	}
	step := matchTOTP(secret, normCode(code), tx.now, last)
	if enabled || secret == "" || step == 0 {
		return nil, errTOTPCode()
	}
	codes, err := tx.newRecoveryCodes(ctx, userID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE users SET totp_enabled = ?, totp_last_step = ? WHERE id = ?`, true, step, userID); err != nil {
		return nil, err
	} else if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, userID, tokenHash(keepSession)); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "totp_on", ttdn.ResourceUser, userID, nil, nil); err != nil {
		return nil, err
	}
	return codes, tx.Commit()
}

// DisableTOTP turns TOTP off. The user proves it with a current code or a
// recovery code; an administrator may turn it off for a user who lost both.
func (s *AccountService) DisableTOTP(ctx context.Context, userID int64, code string) error {
	if err := ownAccount(ctx, userID); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	me := ttdn.UserFromContext(ctx)
	if me != nil && me.ID == userID {
		if err := tx.checkSecondFactor(ctx, userID, code); err != nil {
			return err
		}
	} else if target, _, err := findUser(ctx, tx, "id = ?", userID); err != nil {
		return err
	} else if ttdn.NeedsConfirmation(me, ttdn.AccountResetTOTP, target.Role) {
		// Someone else's second factor, on an account that reads secrets:
		// a leader confirms first (separation of duties).
		if err := requestAccountChange(ctx, tx, target, ttdn.AccountResetTOTP, "", ""); err != nil {
			return err
		}
		return tx.Commit()
	}
	if err := disableTOTP(ctx, tx, userID); err != nil {
		return err
	}
	return tx.Commit()
}

// disableTOTP turns the user's TOTP off and drops the recovery codes.
func disableTOTP(ctx context.Context, tx *Tx, userID int64) error {
	if _, err := tx.exec(ctx, `UPDATE users SET totp_enabled = ?, totp_secret = '', totp_last_step = 0 WHERE id = ?`, false, userID); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return err
	}
	return tx.audit(ctx, "totp_off", ttdn.ResourceUser, userID, nil, nil)
}

// StartSecondFactor stores a session that is not yet a log-in: storage
// refuses it everywhere except FinishSecondFactor.
func (s *AccountService) StartSecondFactor(ctx context.Context, userID int64) (*ttdn.Session, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sess, err := tx.insertSession(ctx, userID, "totp", PendingLoginTTL)
	if err != nil {
		return nil, err
	}
	return sess, tx.Commit()
}

// FinishSecondFactor checks the code of a pending log-in and replaces the
// pending session with a new full one.
func (s *AccountService) FinishSecondFactor(ctx context.Context, pending, code string) (*ttdn.Session, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var id, userID int64
	var expires time.Time
	err = tx.QueryRowContext(ctx, `SELECT id, user_id, expires_at FROM sessions WHERE token_hash = ? AND stage = 'totp'`,
		tokenHash(pending)).Scan(&id, &userID, timeScan{&expires})
	if errors.Is(err, sql.ErrNoRows) || err == nil && !tx.now.Before(expires) {
		return nil, errSession()
	} else if err != nil {
		return nil, err
	}
	if err := tx.checkSecondFactor(ctx, userID, code); ttdn.ErrorCode(err) == ttdn.EINVALID {
		// At log-in a wrong code is a failed log-in.
		return nil, &ttdn.Error{Code: ttdn.EUNAUTHORIZED, Message: ttdn.ErrorMessage(err, "vi"), MessageEN: ttdn.ErrorMessage(err, "en")}
	} else if err != nil {
		return nil, err
	}
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	if err != nil || u.Disabled {
		return nil, errSession()
	}
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
		return nil, err
	}
	sess, err := tx.insertSession(ctx, userID, "", SessionMaxAge)
	if err != nil {
		return nil, err
	} else if err := tx.audit(ttdn.NewContextWithUser(ctx, u), "login", ttdn.ResourceUser, userID, nil, nil); err != nil {
		return nil, err
	}
	return sess, tx.Commit()
}

// FindPendingUser returns the user of a live pending log-in.
func (s *AccountService) FindPendingUser(ctx context.Context, pending string) (*ttdn.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var userID int64
	var expires time.Time
	err = tx.QueryRowContext(ctx, `SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND stage = 'totp'`,
		tokenHash(pending)).Scan(&userID, timeScan{&expires})
	if errors.Is(err, sql.ErrNoRows) || err == nil && !tx.now.Before(expires) {
		return nil, errSession()
	} else if err != nil {
		return nil, err
	}
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	return u, err
}

// checkSecondFactor accepts a TOTP code (recording its step, so it cannot
// be used again) or an unused recovery code (marking it used).
func (tx *Tx) checkSecondFactor(ctx context.Context, userID int64, code string) error {
	secret, enabled, last, err := tx.totpState(ctx, userID)
	if err != nil {
		return err
	} else if !enabled {
		return errTOTPCode()
	}
	code = normCode(code)
	if step := matchTOTP(secret, code, tx.now, last); step != 0 {
		_, err := tx.exec(ctx, `UPDATE users SET totp_last_step = ? WHERE id = ?`, step, userID)
		return err
	}
	res, err := tx.exec(ctx, `UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		tx.now, userID, tokenHash(code))
	if err != nil {
		return err
	} else if n, _ := res.RowsAffected(); n != 1 {
		return errTOTPCode()
	}
	return nil
}

func (tx *Tx) totpState(ctx context.Context, userID int64) (secret string, enabled bool, last int64, err error) {
	err = tx.QueryRowContext(ctx, `SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?`, userID).
		Scan(&secret, &enabled, &last)
	if errors.Is(err, sql.ErrNoRows) {
		err = errUserNotFound()
	} else if err == nil {
		secret, err = tx.openSecret(ctx, secretTOTP(userID), secret)
	}
	return
}

// newRecoveryCodes replaces the user's recovery codes. Each has 50 random
// bits, so a fast hash suffices (like session tokens).
func (tx *Tx) newRecoveryCodes(ctx context.Context, userID int64) ([]string, error) {
	if _, err := tx.exec(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return nil, err
	}
	codes := make([]string, recoveryCodeCount)
	for i := range codes {
		b := make([]byte, 7)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		c := strings.ToLower(b32.EncodeToString(b))[:10]
		codes[i] = c[:5] + "-" + c[5:]
		if _, err := tx.exec(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`,
			userID, tokenHash(normCode(codes[i]))); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

// normCode drops spaces and dashes and lowers the case, as users type codes.
func normCode(code string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(code)))
}

// RequireTOTP reports whether admins and coordinators must use TOTP.
func (s *AccountService) RequireTOTP(ctx context.Context) (bool, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keyRequireTOTP).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return v == "true", err
}

// SetRequireTOTP turns the requirement on or off (administrators only).
func (s *AccountService) SetRequireTOTP(ctx context.Context, on bool) error {
	if me := ttdn.UserFromContext(ctx); me == nil || !me.IsSystem() && (me.Role != ttdn.RoleAdmin || me.Token != nil) {
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ quản trị hệ thống được thay đổi yêu cầu này.", "Only an administrator may change this requirement.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	v := map[bool]string{true: "true", false: "false"}[on]
	if _, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, keyRequireTOTP, v, tx.now); err != nil {
		return err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceSettings, 0, nil, map[string]string{keyRequireTOTP: v}); err != nil {
		return err
	}
	return tx.Commit()
}
