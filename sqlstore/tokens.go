package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"ttdn"
)

func tokenResource(owner int64) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceToken, Classification: ttdn.Internal, OwnerUserID: owner}
}

func errTokenNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy mã truy cập.", "Token not found.")
}

// CreateToken issues an API token for the user, valid for ttl (within
// ttdn.CheckTokenTTL's bounds: every token expires). The raw token
// ("ttdn_…") is returned once and only its hash is kept.
func (s *AuthService) CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *ttdn.APIToken, error) {
	return s.CreateScopedToken(ctx, userID, name, ttl, ttdn.TokenScope{})
}

// CreateScopedToken issues a token acting with scope, which may narrow the
// user's role and unit but never widen them.
func (s *AuthService) CreateScopedToken(ctx context.Context, userID int64, name string, ttl time.Duration, scope ttdn.TokenScope) (string, *ttdn.APIToken, error) {
	if err := authorize(ctx, ttdn.ActionCreate, tokenResource(userID), nil); err != nil {
		return "", nil, err
	} else if strings.TrimSpace(name) == "" {
		return "", nil, ttdn.Errorf(ttdn.EINVALID, "Mã truy cập cần có tên.", "A token needs a name.")
	} else if err := ttdn.CheckTokenTTL(ttl); err != nil {
		return "", nil, err
	}
	secret, err := randomToken()
	if err != nil {
		return "", nil, err
	}
	raw := TokenPrefix + secret
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "id = ?", userID)
	if err != nil {
		return "", nil, err
	} else if err := scope.CheckFor(u); err != nil {
		return "", nil, err
	}
	t := &ttdn.APIToken{UserID: userID, Name: name, CreatedAt: tx.now, ExpiresAt: tx.now.Add(ttl), Scope: scope}
	if t.ID, err = tx.insertID(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at, role, unit_id, access)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tokenHash(raw), userID, name, tx.now, timeArg(t.ExpiresAt), string(scope.Role),
		idArg(scope.UnitID), tokenAccess(scope)); err != nil {
		return "", nil, err
	}
	if err := tx.audit(ctx, "create", ttdn.ResourceToken, t.ID, nil, t); err != nil {
		return "", nil, err
	}
	return raw, t, tx.Commit()
}

// FindTokenUser returns the user of a live, unrevoked token, or
// EUNAUTHORIZED.
func (s *AuthService) FindTokenUser(ctx context.Context, raw string) (*ttdn.User, error) {
	if !strings.HasPrefix(raw, TokenPrefix) {
		return nil, errToken()
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, err := findToken(ctx, tx, "token_hash = ?", tokenHash(raw))
	if err != nil {
		return nil, errToken()
	}
	if !t.RevokedAt.IsZero() || (!t.ExpiresAt.IsZero() && !tx.now.Before(t.ExpiresAt)) {
		return nil, errToken()
	}
	u, _, err := findUser(ctx, tx, "id = ?", t.UserID)
	if err != nil || u.Disabled {
		return nil, errToken()
	}
	return narrowToToken(ctx, tx, u, t.Scope)
}

// narrowToToken makes u act with the token's scope. The scope is checked
// again at every use: a user moved to another unit or role since the token
// was made must not keep the old rights through it.
func narrowToToken(ctx context.Context, tx *Tx, u *ttdn.User, scope ttdn.TokenScope) (*ttdn.User, error) {
	if scope == (ttdn.TokenScope{}) {
		return u, nil
	} else if scope.CheckFor(u) != nil {
		return nil, errToken()
	}
	n := *u
	n.Token = &scope
	if scope.Role != "" {
		n.Role = scope.Role
	}
	if scope.UnitID != 0 {
		n.UnitID, n.ScopeUnitIDs = scope.UnitID, nil
		if err := fillScopes(ctx, tx, []*ttdn.User{&n}); err != nil {
			return nil, err
		}
	}
	return &n, nil
}

// ownsToken reports whether the acting user is the token's owner, logged in
// (not acting through a token): anyone may revoke their own tokens.
func ownsToken(ctx context.Context, t *ttdn.APIToken) bool {
	me := ttdn.UserFromContext(ctx)
	return me != nil && !me.IsSystem() && me.Token == nil && me.ID == t.UserID
}

// RevokeToken revokes a token for good. Revoking twice is not an error.
func (s *AuthService) RevokeToken(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := findToken(ctx, tx, "id = ?", id)
	if err != nil {
		return err
	} else if !ownsToken(ctx, before) {
		if err := authorize(ctx, ttdn.ActionUpdate, tokenResource(before.UserID), errTokenNotFound()); err != nil {
			return err
		}
	} else if !before.RevokedAt.IsZero() {
		return nil
	}
	after := *before
	after.RevokedAt = tx.now
	if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, tx.now, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "revoke", ttdn.ResourceToken, id, before, &after); err != nil {
		return err
	}
	return tx.Commit()
}

func findToken(ctx context.Context, tx *Tx, cond string, args ...any) (*ttdn.APIToken, error) {
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens
		WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errTokenNotFound()
	}
	return t, err
}

// scanToken reads one row of tokenColumns.
func scanToken(row interface{ Scan(...any) error }) (*ttdn.APIToken, error) {
	t := &ttdn.APIToken{}
	var role, access string
	err := row.Scan(&t.ID, &t.UserID, &t.Name, timeScan{&t.CreatedAt}, timeScan{&t.ExpiresAt},
		timeScan{&t.RevokedAt}, &role, idScan{&t.Scope.UnitID}, &access)
	t.Scope.Role, t.Scope.ReadOnly = ttdn.Role(role), access == "read"
	return t, err
}

const tokenColumns = `id, user_id, name, created_at, expires_at, revoked_at, role, unit_id, access`

// tokenAccess is the stored form of the operations a token may call.
func tokenAccess(s ttdn.TokenScope) string {
	if s.ReadOnly {
		return "read"
	}
	return "write"
}
