package ttdn

import (
	"context"
	"time"
)

// LoginThrottle slows down and then refuses repeated failed log-ins (issue
// 10). It counts per account and address together, so failures from one
// address never lock the account for the others; an address and an account
// have wider limits of their own (sqlstore/throttle.go explains them). It is
// kept in the database so that every instance sees the same counts.
type LoginThrottle interface {
	// CheckLogin returns EFORBIDDEN, with the wait in its message, when the
	// pair must wait or is locked, and otherwise counts the attempt as a
	// failure until LoginSucceeded clears it: concurrent attempts cannot
	// slip past the waits. Call it before checking any password or code.
	CheckLogin(ctx context.Context, username, addr string) error
	// LoginFailed records a failed attempt that CheckLogin let through:
	// it locks the pair at its limit, counts the failure against the address
	// and the account, and writes the audit rows.
	LoginFailed(ctx context.Context, username, addr string, step LoginStep) error
	// LoginSucceeded clears the pair's failures and remembers the address as
	// one the account logs in from.
	LoginSucceeded(ctx context.Context, username, addr string) error
	// LoginLocks tells an administrator how the account is throttled.
	LoginLocks(ctx context.Context, username string) (*LoginLocks, error)
	// UnlockLogin lifts every lock and wait of the account (administrators
	// and the command line), audited.
	UnlockLogin(ctx context.Context, username string) error
}

// LoginStep is what a failed attempt got wrong, for the audit log. The
// attempted password or code is never recorded.
type LoginStep string

// The steps a log-in can fail at.
const (
	LoginPassword        LoginStep = "password"         // the log-in form
	LoginTOTP            LoginStep = "totp"             // the second step
	LoginCurrentPassword LoginStep = "current_password" // re-entered on the account pages
	LoginSignOn          LoginStep = "sso"              // an identity refused by single sign-on (never sent to the throttle)
)

// LoginLocks is the throttle state of one account.
type LoginLocks struct {
	LockedAddrs int       // addresses it may not log in from for now
	LockedUntil time.Time // when the last of those locks ends
	SlowUntil   time.Time // zero, or the end of its slow mode (many addresses failing)
}

// TokenScope narrows what an API token may do: a role and a unit no broader
// than its user's, and the operations it may call (ReadOnly: reads only, for
// dashboards). Zero values mean "as the user".
type TokenScope struct {
	Role     Role  `json:"role,omitempty"`
	UnitID   int64 `json:"unit_id,omitempty"`
	ReadOnly bool  `json:"read_only,omitempty"`
}

// TOTPEnrolment is a secret offered to a user before it is confirmed.
type TOTPEnrolment struct {
	Secret string // base32, shown as text
	URI    string // otpauth://totp/…
}

// AccountService is what a user does with their own account: end every
// session, list and scope tokens, and manage the TOTP second factor.
type AccountService interface {
	// EndUserSessions logs the user out everywhere.
	EndUserSessions(ctx context.Context, userID int64) error
	FindUserTokens(ctx context.Context, userID int64) ([]*APIToken, error)
	CreateScopedToken(ctx context.Context, userID int64, name string, ttl time.Duration, scope TokenScope) (string, *APIToken, error)

	BeginTOTP(ctx context.Context, userID int64) (*TOTPEnrolment, error)
	// ConfirmTOTP turns the second factor on when code matches the offered
	// secret, ends every session of the user but keepSession (the raw token
	// of the session doing it; "" ends all), and returns recovery codes,
	// shown once. The UI asks for the current password first.
	ConfirmTOTP(ctx context.Context, userID int64, code, keepSession string) ([]string, error)
	DisableTOTP(ctx context.Context, userID int64, code string) error
	// StartSecondFactor turns a password-checked log-in into a session
	// waiting for its code; FinishSecondFactor checks the code (or a
	// recovery code) and returns a fresh full session.
	StartSecondFactor(ctx context.Context, userID int64) (*Session, error)
	FinishSecondFactor(ctx context.Context, pendingToken, code string) (*Session, error)
	// FindPendingUser returns the user of a log-in waiting for its code.
	FindPendingUser(ctx context.Context, pendingToken string) (*User, error)
	// RequireTOTP reports whether admins and coordinators must use TOTP.
	RequireTOTP(ctx context.Context) (bool, error)
	SetRequireTOTP(ctx context.Context, on bool) error
}

// NeedsTOTP reports whether the policy makes u enrol a second factor when
// required is on.
func (u *User) NeedsTOTP(required bool) bool {
	return required && !u.TOTPEnabled && (u.Role == RoleAdmin || u.Role == RoleCoordinator)
}

// Covers reports whether a token of a user with role r may act as role n:
// only when every right of n is one r already has. A coordinator may hand a
// unit's officer a token for that unit; no other role has a narrower twin.
func (r Role) Covers(n Role) bool {
	return r == n || r == RoleCoordinator && n == RoleUnitOfficer
}

// CheckFor refuses a scope broader than u: a role u's role does not cover,
// or a unit outside u's scope. A unit officer scope needs a unit.
func (s TokenScope) CheckFor(u *User) error {
	if s.Role != "" && (!s.Role.Valid() || !u.Role.Covers(s.Role)) {
		return Errorf(EINVALID, "Mã truy cập không được có quyền rộng hơn người dùng (vai trò %s).",
			"A token may not be broader than its user (role %s).", s.Role)
	} else if s.UnitID != 0 && !u.InScope(s.UnitID) && u.Role != RoleCoordinator {
		return Errorf(EINVALID, "Đơn vị của mã truy cập phải thuộc phạm vi của người dùng.",
			"The token's unit must be within the user's scope.")
	} else if s.Role == RoleUnitOfficer && s.UnitID == 0 && u.UnitID == 0 {
		return Errorf(EINVALID, "Mã truy cập vai trò cán bộ đơn vị cần một đơn vị.", "A unit-officer token needs a unit.")
	}
	return nil
}
