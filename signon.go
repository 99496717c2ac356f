package ttdn

import (
	"context"
	"errors"
)

// SignOnIdentity is what the province's central authentication service
// (OpenID Connect) proved: its issuer, the stable subject it gives the
// person, and the user name and e-mail it sends, which may change.
type SignOnIdentity struct {
	Issuer, Subject string
	Username, Email string
	EmailVerified   bool
}

// SignOnService maps a proved identity to an existing account. An account
// is linked to one subject of an issuer at its first sign-on, found then
// by user name, or by a verified e-mail address; afterwards the subject
// alone finds it, and another subject claiming its user name is refused.
// Accounts are never created from it: the administrator decides who uses
// ttdn.
type SignOnService interface {
	// FindSignOnUser returns the enabled account linked to the identity's
	// subject, or links the one whose user name is id.Username, or (when
	// verified) whose e-mail is id.Email and no other account's is, when
	// it is linked to no other subject of the issuer; ENOTFOUND otherwise
	// (ttdn.ErrorCode), with why in SignOnRefusal.
	FindSignOnUser(ctx context.Context, id SignOnIdentity) (*User, error)
	// SignOnRefused audits a refused sign-on ("login_failed", step sso)
	// with why (a code the audit view puts into words); username (the
	// identity's, "" when none was proved) names the account only when
	// one has that name.
	SignOnRefused(ctx context.Context, username, reason string) error
	// UnlinkSignOn removes the account's links to sign-on identities (a
	// person's provider account was replaced); the next sign-on links
	// again. It returns how many links were removed.
	UnlinkSignOn(ctx context.Context, username string) (int, error)
}

// Why a sign-on found no account (audit reason codes).
const (
	SignOnNoAccount     = "sso_no_account"
	SignOnOtherIdentity = "sso_other_identity"
)

// SignOnRefusal returns the reason code of a refusal of FindSignOnUser.
func SignOnRefusal(err error) string {
	var e interface{ SignOnReason() string }
	if errors.As(err, &e) {
		return e.SignOnReason()
	}
	return SignOnNoAccount
}
