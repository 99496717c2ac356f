package ttdn

import (
	"context"
	"time"
)

// Separation of duties: the administrator manages accounts but reads no
// secrets, so an administrator must not be able to become, or take over,
// someone who does. Nobody changes their own role; granting a role that
// reads secrets, and resetting the password of an account that has one,
// wait for a leader's confirmation in the app (an AccountRequest), unless
// done on the server with the CLI. Each step is audited and notified to the
// account concerned.

// ResourceAccountRequest is the policy's kind for those requests.
const ResourceAccountRequest ResourceKind = "account_request"

// NotifyAccountChange tells a user about a change to their own account.
const NotifyAccountChange NotificationKind = "account_change"

// ReadsSecrets reports whether the role reads secret records beyond its own
// units' — derived from the policy, so a new rule there counts here too.
func (r Role) ReadsSecrets() bool {
	return ReadScope(&User{ID: -1, Role: r}, ResourcePlan).Max >= Secret
}

// AccountRequestKind is what a request would change.
type AccountRequestKind string

const (
	AccountGrantRole     AccountRequestKind = "role"     // give the account Role
	AccountResetPassword AccountRequestKind = "password" // set a new password (its hash is kept)
	AccountResetTOTP     AccountRequestKind = "totp"     // turn two-step verification off (lost phone)
	// AccountOpen opens a new account created with Role: an account made
	// by an administrator with a role that reads secrets stays disabled
	// until a leader confirms, or the administrator, who set its password,
	// would log in as it.
	AccountOpen AccountRequestKind = "open"
)

// Label names the kind in Vietnamese.
func (k AccountRequestKind) Label() string {
	switch k {
	case AccountGrantRole:
		return "Cấp vai trò"
	case AccountResetPassword:
		return "Đặt lại mật khẩu"
	case AccountResetTOTP:
		return "Tắt xác thực hai bước"
	case AccountOpen:
		return "Mở tài khoản mới có vai trò"
	}
	return string(k)
}

// AccountRequestStatus is where a request stands.
type AccountRequestStatus string

const (
	AccountRequestPending   AccountRequestStatus = "pending"
	AccountRequestConfirmed AccountRequestStatus = "confirmed"
	AccountRequestRejected  AccountRequestStatus = "rejected"
)

// Label names the status in Vietnamese.
func (s AccountRequestStatus) Label() string {
	switch s {
	case AccountRequestPending:
		return "Chờ lãnh đạo xác nhận"
	case AccountRequestConfirmed:
		return "Đã xác nhận"
	case AccountRequestRejected:
		return "Đã từ chối"
	}
	return string(s)
}

// AccountRequest is a change to an account waiting for a leader.
type AccountRequest struct {
	ID              int64                `json:"id"`
	UserID          int64                `json:"user_id"`
	Username        string               `json:"username"`
	UserName        string               `json:"user_name"`
	CurrentRole     Role                 `json:"current_role"`
	Kind            AccountRequestKind   `json:"kind"`
	Role            Role                 `json:"role,omitempty"`
	Status          AccountRequestStatus `json:"status"`
	RequestedBy     int64                `json:"requested_by"`
	RequestedByName string               `json:"requested_by_name"`
	RequestedAt     time.Time            `json:"requested_at"`
	DecidedByName   string               `json:"decided_by_name,omitempty"`
	DecidedAt       time.Time            `json:"decided_at,omitzero"`
}

// NeedsConfirmation reports whether actor's change of kind to an account
// with role target (the role granted, for AccountGrantRole) must wait for a
// leader. The CLI acts as the system user and needs none.
func NeedsConfirmation(actor *User, kind AccountRequestKind, target Role) bool {
	if actor == nil || actor.IsSystem() {
		return false
	}
	return target.ReadsSecrets()
}

// CanDecideAccountRequest reports whether u may confirm or reject r: a
// leader who neither asked for it nor is the account concerned.
func CanDecideAccountRequest(u *User, r *AccountRequest) bool {
	if u == nil || u.Disabled {
		return false
	}
	if u.IsSystem() {
		return true
	}
	return u.Role == RoleLeader && u.ID != r.UserID && u.ID != r.RequestedBy
}

// AccountRequestService lists and decides account requests.
type AccountRequestService interface {
	// FindAccountRequests lists requests, pending first; administrators
	// and leaders see them.
	FindAccountRequests(ctx context.Context, pendingOnly bool) ([]*AccountRequest, error)
	// DecideAccountRequest confirms (applies) or rejects request id.
	DecideAccountRequest(ctx context.Context, id int64, confirm bool) (*AccountRequest, error)
}
