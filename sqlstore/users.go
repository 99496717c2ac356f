package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// UserService manages users and checks their passwords.
type UserService struct{ db *DB }

// NewUserService returns the user service on db.
func NewUserService(db *DB) *UserService {
	dummyHash() // pay for it now, not on the first failed login
	return &UserService{db: db}
}

var _ ttdn.UserService = (*UserService)(nil)

func errUserNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy người dùng.", "User not found.")
}

func userResource(id int64) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceUser, Classification: ttdn.Internal, OwnerUserID: id}
}

// FindUserByID returns the user, or ENOTFOUND.
func (s *UserService) FindUserByID(ctx context.Context, id int64) (*ttdn.User, error) {
	if err := canRead(ctx, userResource(id), errUserNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "id = ?", id)
	return u, err
}

// FindUsers returns the users the filter selects, by username, and their
// total. Users who may not read every account see only their own.
func (s *UserService) FindUsers(ctx context.Context, f ttdn.UserFilter) ([]*ttdn.User, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := userWhere(ctx, f)
	users, err := findUsers(ctx, tx, where+` ORDER BY username`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(users), `SELECT COUNT(*) FROM users WHERE `+where, args...)
	return users, total, err
}

func userWhere(ctx context.Context, f ttdn.UserFilter) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	if me := ttdn.UserFromContext(ctx); me == nil {
		where = append(where, "1 = 0")
	} else if !ttdn.Can(me, ttdn.ActionRead, userResource(-1)) {
		where, args = append(where, "id = ?"), append(args, me.ID)
	}
	if f.ID != nil {
		where, args = append(where, "id = ?"), append(args, *f.ID)
	}
	if f.Username != nil {
		where, args = append(where, "username = ?"), append(args, *f.Username)
	}
	if f.UnitID != nil {
		where, args = append(where, "unit_id = ?"), append(args, *f.UnitID)
	}
	if f.Role != nil {
		where, args = append(where, "role = ?"), append(args, string(*f.Role))
	}
	return strings.Join(where, " AND "), args
}

const userColumns = `id, username, name, email, role, unit_id, disabled, version, created_at, password_hash, totp_enabled`

// findUser returns the one user matching cond, with its scope and password
// hash, or ENOTFOUND.
func findUser(ctx context.Context, tx *Tx, cond string, args ...any) (*ttdn.User, string, error) {
	u := &ttdn.User{}
	var role, hash string
	err := tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, args...).Scan(&u.ID, &u.Username,
		&u.Name, &u.Email, &role, idScan{&u.UnitID}, &u.Disabled, &u.Version, timeScan{&u.CreatedAt}, &hash, &u.TOTPEnabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", errUserNotFound()
	} else if err != nil {
		return nil, "", err
	}
	u.Role = ttdn.Role(role)
	return u, hash, fillScopes(ctx, tx, []*ttdn.User{u})
}

func findUsers(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.User, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var users []*ttdn.User
	for rows.Next() {
		u := &ttdn.User{}
		var role, hash string
		if err := rows.Scan(&u.ID, &u.Username, &u.Name, &u.Email, &role, idScan{&u.UnitID}, &u.Disabled,
			&u.Version, timeScan{&u.CreatedAt}, &hash, &u.TOTPEnabled); err != nil {
			return nil, err
		}
		u.Role = ttdn.Role(role)
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return users, fillScopes(ctx, tx, users)
}

// fillScopes sets ScopeUnitIDs of each user to the user's unit and every
// unit below it along parent_id, in one recursive query for all users.
func fillScopes(ctx context.Context, tx *Tx, users []*ttdn.User) error {
	return fillScopesAt(ctx, tx, users, -1)
}

// fillScopesAt is fillScopes for a caller that has read the unit
// directory's version n in its own statement: while the kept directory is
// that version, the scopes come from it and no query is sent.
func fillScopesAt(ctx context.Context, tx *Tx, users []*ttdn.User, n int64) error {
	var roots []int64
	for _, u := range users {
		if u.UnitID != 0 {
			roots = append(roots, u.UnitID)
		}
	}
	if len(roots) == 0 {
		return nil
	}
	if n >= 0 {
		scope, ok := tx.db.scopesAt(n, roots)
		if !ok {
			// One statement either way: the directory, kept for the
			// next requests, rather than the recursive query.
			_, latest, err := tx.db.loadDirectory(ctx, tx)
			if err != nil {
				return err
			}
			scope, ok = tx.db.scopesAt(latest, roots)
		}
		if ok {
			for _, u := range users {
				u.ScopeUnitIDs = scope[u.UnitID]
			}
			return nil
		}
	}
	rows, err := tx.QueryContext(ctx, `WITH RECURSIVE sub(root, id) AS (
			SELECT id, id FROM units WHERE id IN (`+placeholders(len(roots))+`)
			UNION SELECT sub.root, u.id FROM units u JOIN sub ON u.parent_id = sub.id)
		SELECT root, id FROM sub ORDER BY root, id`, int64Args(roots)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	scope := map[int64][]int64{}
	for rows.Next() {
		var root, id int64
		if err := rows.Scan(&root, &id); err != nil {
			return err
		}
		scope[root] = append(scope[root], id)
	}
	for _, u := range users {
		u.ScopeUnitIDs = scope[u.UnitID]
	}
	return rows.Err()
}

// NameOf returns the full name of the account username, "" for none.
func (s *UserService) NameOf(ctx context.Context, username string) (string, error) {
	if ttdn.UserFromContext(ctx) == nil {
		return "", nil
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var name string
	err = tx.QueryRowContext(ctx, `SELECT name FROM users WHERE username = ?`, username).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}
