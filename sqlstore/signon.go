package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

var _ ttdn.SignOnService = (*AuthService)(nil)

func errNoSignOnAccount() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Tài khoản một cửa này chưa được gắn với tài khoản ttdn nào.",
		"This single sign-on identity is not linked to any ttdn account.")
}

// signOnRefused is a refusal of FindSignOnUser with its reason code.
type signOnRefused struct {
	err    error
	reason string
}

func (e signOnRefused) Error() string        { return e.err.Error() }
func (e signOnRefused) SignOnReason() string { return e.reason }
func (e signOnRefused) Unwrap() error        { return e.err }

func refuseSignOn(reason string) error {
	return signOnRefused{errNoSignOnAccount(), reason}
}

// FindSignOnUser maps a verified identity to an enabled account: by its
// linked subject, else by user name or verified e-mail, linking the
// account to the subject in the same transaction (audited). An account
// already linked to another subject of the issuer is refused: the user
// name a provider sends can be chosen or reused, its subject cannot.
func (s *AuthService) FindSignOnUser(ctx context.Context, id ttdn.SignOnIdentity) (*ttdn.User, error) {
	id.Issuer, id.Subject = strings.TrimSpace(id.Issuer), strings.TrimSpace(id.Subject)
	if id.Issuer == "" || id.Subject == "" || !ttdn.IsCleanText(id.Subject) {
		return nil, refuseSignOn(ttdn.SignOnNoAccount)
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, `id = (SELECT user_id FROM signon_links WHERE issuer = ? AND subject = ?)`, id.Issuer, id.Subject)
	switch {
	case err == nil && u.Disabled: // a disabled account stays closed whatever signs in
		return nil, refuseSignOn(ttdn.SignOnNoAccount)
	case err == nil:
		return u, nil
	case ttdn.ErrorCode(err) != ttdn.ENOTFOUND:
		return nil, err
	}
	if u, err = matchSignOnAccount(ctx, tx, id); err != nil {
		return nil, err
	}
	var other int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM signon_links WHERE user_id = ? AND issuer = ?`,
		u.ID, id.Issuer).Scan(&other); err != nil {
		return nil, err
	} else if other > 0 {
		return nil, refuseSignOn(ttdn.SignOnOtherIdentity)
	}
	if _, err := tx.exec(ctx, `INSERT INTO signon_links (issuer, subject, user_id, linked_at) VALUES (?, ?, ?, ?)`,
		id.Issuer, id.Subject, u.ID, tx.now); err != nil {
		return nil, err
	}
	if err := tx.audit(ctx, "sso_link", ttdn.ResourceUser, u.ID, nil, map[string]any{"account": u.Username, "provider": id.Issuer}); err != nil {
		return nil, err
	}
	return u, tx.Commit()
}

// matchSignOnAccount finds the account an identity not yet linked names:
// by user name first, then by a verified e-mail.
func matchSignOnAccount(ctx context.Context, tx *Tx, id ttdn.SignOnIdentity) (*ttdn.User, error) {
	if username := strings.TrimSpace(id.Username); username != "" {
		u, _, err := findUser(ctx, tx, "username = ?", username)
		if err == nil && !u.Disabled {
			return u, nil
		} else if err == nil {
			return nil, refuseSignOn(ttdn.SignOnNoAccount)
		} else if ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			return nil, err
		}
	}
	email := strings.ToLower(strings.TrimSpace(id.Email))
	if email == "" || !id.EmailVerified {
		return nil, refuseSignOn(ttdn.SignOnNoAccount)
	}
	users, err := findUsers(ctx, tx, `LOWER(email) = ? ORDER BY id`, email)
	if err != nil {
		return nil, err
	}
	// Two accounts with one address: which one is meant is not for ttdn to guess.
	if len(users) != 1 || users[0].Disabled {
		return nil, refuseSignOn(ttdn.SignOnNoAccount)
	}
	// The administrator edits e-mail addresses (and reads no secrets): an
	// account that reads secrets signs on by its user name only, or the
	// administrator could point it at an identity of their own.
	if users[0].Role.ReadsSecrets() {
		return nil, refuseSignOn(ttdn.SignOnNoAccount)
	}
	return users[0], nil
}

// UnlinkSignOn removes the account's sign-on links, audited.
func (s *AuthService) UnlinkSignOn(ctx context.Context, username string) (int, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	u, _, err := findUser(ctx, tx, "username = ?", strings.ToLower(strings.TrimSpace(username)))
	if err != nil {
		return 0, err
	}
	res, err := tx.exec(ctx, `DELETE FROM signon_links WHERE user_id = ?`, u.ID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if err := tx.audit(ctx, "sso_unlink", ttdn.ResourceUser, u.ID, map[string]any{"links": n}, map[string]any{"account": u.Username}); err != nil {
		return 0, err
	}
	return int(n), tx.Commit()
}

// SignOnRefused audits a refused sign-on in its own transaction: the
// refusal changes nothing else. A name that is no account is not recorded
// (the identity is the provider's, not ttdn's).
func (s *AuthService) SignOnRefused(ctx context.Context, username, reason string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	account := accountKey(username)
	var userID int64
	if account != "" {
		if userID, err = tx.throttleUserID(ctx, account); err != nil {
			return err
		}
	}
	failed := map[string]any{"step": ttdn.LoginSignOn, "reason": reason}
	if userID != 0 {
		failed["account"] = account
	}
	if err := tx.audit(ctx, "login_failed", ttdn.ResourceUser, userID, nil, failed); err != nil {
		return err
	}
	return tx.Commit()
}
