package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"ttdn"
)

// Session lifetimes: a session ends after SessionIdleTimeout without a
// request, and in any case SessionMaxAge after login.
const (
	SessionIdleTimeout = 2 * time.Hour
	SessionMaxAge      = 12 * time.Hour
)

// TokenPrefix starts every API token, so a leaked one is easy to recognise.
const TokenPrefix = "ttdn_"

// AuthService keeps sessions and API tokens. Only SHA-256 hashes of tokens
// are stored: a copy of the database does not let anyone log in.
type AuthService struct{ db *DB }

// NewAuthService returns the auth service on db.
func NewAuthService(db *DB) *AuthService { return &AuthService{db: db} }

var _ ttdn.AuthService = (*AuthService)(nil)

func errSession() error {
	return ttdn.Errorf(ttdn.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", "Your session has expired. Please log in again.")
}

func errToken() error {
	return ttdn.Errorf(ttdn.EUNAUTHORIZED, "Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.", "The API token is invalid, expired or revoked.")
}

// randomToken returns 32 random bytes, URL-safe encoded.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func tokenHash(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// CreateSession starts a session for an enabled user (after Authenticate)
// and records the login.
func (s *AuthService) CreateSession(ctx context.Context, userID int64) (*ttdn.Session, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	if err != nil {
		return nil, err
	} else if u.Disabled {
		return nil, errLogin()
	}
	sess, err := tx.insertSession(ctx, userID, "", SessionMaxAge)
	if err != nil {
		return nil, err
	}
	if err := tx.audit(ttdn.NewContextWithUser(ctx, u), "login", ttdn.ResourceUser, userID, nil, nil); err != nil {
		return nil, err
	}
	return sess, tx.Commit()
}

// insertSession stores a new session of the given stage ("" is a full
// log-in) with a fresh random token: a log-in never reuses an old id.
func (tx *Tx) insertSession(ctx context.Context, userID int64, stage string, ttl time.Duration) (*ttdn.Session, error) {
	raw, err := randomToken()
	if err != nil {
		return nil, err
	}
	sess := &ttdn.Session{Token: raw, UserID: userID, CreatedAt: tx.now, ExpiresAt: tx.now.Add(ttl)}
	_, err = tx.exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, stage)
		VALUES (?, ?, ?, ?, ?, ?)`, tokenHash(raw), userID, tx.now, tx.now, sess.ExpiresAt, stage)
	return sess, err
}

// sessionTouchEvery is how stale last_seen_at may get before a request
// refreshes it. Refreshing on every request would make every page view a
// write, and on SQLite writes queue behind one connection.
const sessionTouchEvery = time.Minute

// FindSessionUser returns the user of a live session and extends its idle
// timeout; an expired session is deleted and gives EUNAUTHORIZED. Most calls
// only read: the session is written at most once a minute.
func (s *AuthService) FindSessionUser(ctx context.Context, token string) (*ttdn.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The session, its user and the unit directory's version in one
	// statement (every request makes it; on PostgreSQL each statement is
	// a round trip): the user's scope then comes from the kept directory.
	var id, dirVersion int64
	var lastSeen, expires time.Time
	u := &ttdn.User{}
	var role string
	err = tx.QueryRowContext(ctx, `SELECT s.id, s.last_seen_at, s.expires_at,
			u.id, u.username, u.name, u.email, u.role, u.unit_id, u.disabled, u.version, u.created_at, u.totp_enabled,
			(SELECT n FROM unit_directory_version WHERE id = 1)
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.stage = ''`,
		tokenHash(token)).Scan(&id, timeScan{&lastSeen}, timeScan{&expires},
		&u.ID, &u.Username, &u.Name, &u.Email, &role, idScan{&u.UnitID}, &u.Disabled, &u.Version, timeScan{&u.CreatedAt}, &u.TOTPEnabled,
		&dirVersion)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errSession()
	} else if err != nil {
		return nil, err
	}
	if !tx.now.Before(expires) || tx.now.Sub(lastSeen) >= SessionIdleTimeout {
		return nil, s.endSession(ctx, id)
	}
	u.Role = ttdn.Role(role)
	if u.Disabled {
		return nil, errSession()
	}
	if err := fillScopesAt(ctx, tx, []*ttdn.User{u}, dirVersion); err != nil {
		return nil, err
	}
	if tx.now.Sub(lastSeen) >= sessionTouchEvery {
		if err := s.touchSession(ctx, id); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// endSession deletes an expired session and returns the error to show.
func (s *AuthService) endSession(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
		return err
	} else if err := tx.Commit(); err != nil {
		return err
	}
	return errSession()
}

// touchSession moves a session's last_seen_at to now.
func (s *AuthService) touchSession(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, tx.now, id); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteSession ends a session (logout), audited in the same transaction.
// An unknown token is not an error.
func (s *AuthService) DeleteSession(ctx context.Context, token string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var userID int64
	err = tx.QueryRowContext(ctx, `SELECT user_id FROM sessions WHERE token_hash = ?`, tokenHash(token)).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token)); err != nil {
		return err
	} else if err := tx.audit(ctx, "logout", ttdn.ResourceUser, userID, nil, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteExpiredSessions removes sessions past either timeout (a periodic
// job), and returns how many it removed.
func (s *AuthService) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`,
		tx.now, tx.now.Add(-SessionIdleTimeout))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return n, tx.Commit()
}
