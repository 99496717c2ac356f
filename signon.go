package ttdn

import "context"

// SignOnService maps an identity proved by the province's central
// authentication service (OpenID Connect) to an existing account: by user
// name first, then by a verified e-mail address. Accounts are never
// created from it: the administrator decides who uses ttdn.
type SignOnService interface {
	// FindSignOnUser returns the enabled account whose user name is
	// username, or (when emailVerified) whose e-mail is email and no other
	// account's is; ENOTFOUND otherwise.
	FindSignOnUser(ctx context.Context, username, email string, emailVerified bool) (*User, error)
	// SignOnRefused audits a refused sign-on ("login_failed", step sso)
	// with why (a code the audit view puts into words); username (the
	// identity's, "" when none was proved) names the account only when
	// one has that name.
	SignOnRefused(ctx context.Context, username, reason string) error
}
