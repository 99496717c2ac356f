package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
)

// CreateUser stores a new user with password hashed (argon2id) and sets its
// ID, version and creation time.
func (s *UserService) CreateUser(ctx context.Context, u *ttdn.User, password string) error {
	if err := authorize(ctx, ttdn.ActionCreate, userResource(0), nil); err != nil {
		return err
	} else if err := u.Validate(); err != nil {
		return err
	} else if err := ttdn.ValidatePassword(u.Username, password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A new account with a role that reads secrets, made in the app, has a
	// password its maker knows: it stays disabled until a leader confirms.
	pending := ttdn.NeedsConfirmation(ttdn.UserFromContext(ctx), ttdn.AccountOpen, u.Role) && !u.Disabled
	if pending {
		u.Disabled = true
	}
	id, err := tx.insertID(ctx, `INSERT INTO users (username, name, email, role, unit_id, password_hash, disabled,
		version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
		u.Username, u.Name, u.Email, string(u.Role), idArg(u.UnitID), hash, u.Disabled, tx.now)
	if err != nil {
		return err
	}
	u.ID, u.Version, u.CreatedAt = id, 1, tx.now
	if err := fillScopes(ctx, tx, []*ttdn.User{u}); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceUser, id, nil, u); err != nil {
		return err
	}
	if pending {
		if err := requestAccountChange(ctx, tx, u, ttdn.AccountOpen, u.Role, ""); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// UpdateUser applies upd if upd.Version is the user's current version.
func (s *UserService) UpdateUser(ctx context.Context, id int64, upd ttdn.UserUpdate) (*ttdn.User, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, userResource(id), errUserNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, _, err := findUser(ctx, tx, "id = ?", id)
	if err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	u := *before
	setIf(&u.Name, upd.Name)
	setIf(&u.Email, upd.Email)
	setIf(&u.Role, upd.Role)
	setIf(&u.UnitID, upd.UnitID)
	setIf(&u.Disabled, upd.Disabled)
	if err := u.Validate(); err != nil {
		return nil, err
	}
	me := ttdn.UserFromContext(ctx)
	if u.Role != before.Role {
		if me != nil && !me.IsSystem() && me.ID == id {
			return nil, errOwnRole()
		}
		if ttdn.NeedsConfirmation(me, ttdn.AccountGrantRole, u.Role) {
			// The rest is saved now; the role waits for a leader.
			if err := requestAccountChange(ctx, tx, before, ttdn.AccountGrantRole, u.Role, ""); err != nil {
				return nil, err
			}
			u.Role = before.Role
		} else if err := notifyAccount(ctx, tx, id, fmt.Sprintf("role:%d:%d", id, before.Version), "Thay đổi tài khoản của bạn",
			fmt.Sprintf("Vai trò của tài khoản %s đã đổi từ “%s” sang “%s”.", u.Username, before.Role.Label(), u.Role.Label())); err != nil {
			return nil, err
		}
	}
	if me != nil && !me.IsSystem() && me.ID == id && u.Disabled != before.Disabled {
		return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Không ai được tự khóa hoặc mở khóa tài khoản của mình.", "Nobody may disable or enable their own account.")
	}
	res, err := tx.exec(ctx, `UPDATE users SET name = ?, email = ?, role = ?, unit_id = ?, disabled = ?,
		version = version + 1 WHERE id = ? AND version = ?`,
		u.Name, u.Email, string(u.Role), idArg(u.UnitID), u.Disabled, id, u.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	u.Version++
	if err := fillScopes(ctx, tx, []*ttdn.User{&u}); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceUser, id, before, &u); err != nil {
		return nil, err
	}
	return &u, tx.Commit()
}

// SetPassword replaces the user's password and ends the user's sessions.
// Besides those the policy lets manage users, a user may set their own.
func (s *UserService) SetPassword(ctx context.Context, id int64, password string) error {
	if me := ttdn.UserFromContext(ctx); me == nil || me.ID != id || me.IsSystem() {
		if err := authorize(ctx, ttdn.ActionUpdate, userResource(id), errUserNotFound()); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "id = ?", id)
	if err != nil {
		return err
	} else if err := ttdn.ValidatePassword(u.Username, password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	if me := ttdn.UserFromContext(ctx); me.ID != id && ttdn.NeedsConfirmation(me, ttdn.AccountResetPassword, u.Role) {
		// Someone else's password, on an account that reads secrets: a
		// leader confirms first, so an administrator cannot take it over.
		if err := requestAccountChange(ctx, tx, u, ttdn.AccountResetPassword, "", hash); err != nil {
			return err
		}
		return tx.Commit()
	}
	if _, err := tx.exec(ctx, `UPDATE users SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
		return err
	} else if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
		return err
	} else if err := tx.audit(ctx, "set_password", ttdn.ResourceUser, id, nil, nil); err != nil {
		return err
	}
	if me := ttdn.UserFromContext(ctx); me.ID != id {
		_, byName := actor(ctx)
		if err := notifyAccount(ctx, tx, id, fmt.Sprintf("password:%d:%d", id, tx.now.UnixNano()), "Thay đổi tài khoản của bạn",
			fmt.Sprintf("Mật khẩu của tài khoản %s đã được %s đặt lại; mọi phiên đăng nhập đã kết thúc.", u.Username, byName)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// errLogin is the one answer to every failed login, so it tells an attacker
// nothing about which part was wrong.
func errLogin() error {
	return ttdn.Errorf(ttdn.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.")
}

// Authenticate returns the user with this username and password. Unknown
// user, wrong password and disabled account give the same error after the
// same work (one argon2id verification).
func (s *UserService) Authenticate(ctx context.Context, username, password string) (*ttdn.User, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, hash, err := findUser(ctx, tx, "username = ?", username)
	if ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
		verifyPassword(dummyHash(), password)
		return nil, errLogin()
	} else if err != nil {
		return nil, err
	}
	if !verifyPassword(hash, password) || u.Disabled {
		return nil, errLogin()
	}
	return u, nil
}
