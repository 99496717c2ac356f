package ttdn

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Role is what a user does in ttdn (DESIGN.md §1).
type Role string

const (
	RoleAdmin       Role = "admin"        // IT staff: users, units, backups
	RoleCoordinator Role = "coordinator"  // Sở TTTT (since 2025 Sở VHTTDL): plans, review, consolidation
	RoleUnitOfficer Role = "unit_officer" // a unit's cán bộ chuyên trách
	RoleFinance     Role = "finance"      // Sở Tài chính: appraises budget estimates
	RoleLeader      Role = "leader"       // UBND tỉnh, Ban Tuyên giáo: dashboards, approvals
	RoleMonitor     Role = "monitor"      // press opinion and rebuttal cases
)

// Roles lists every role in display order.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleUnitOfficer, RoleFinance, RoleLeader, RoleMonitor}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// Label returns the role in Vietnamese.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị hệ thống"
	case RoleCoordinator:
		return "Cơ quan điều phối"
	case RoleUnitOfficer:
		return "Cán bộ đơn vị"
	case RoleFinance:
		return "Thẩm định tài chính"
	case RoleLeader:
		return "Lãnh đạo"
	case RoleMonitor:
		return "Theo dõi báo chí"
	}
	return string(r)
}

// User is a person who logs in to ttdn. ScopeUnitIDs is the user's unit and
// every unit below it; storage fills it when it loads the user, and the access
// policy reads it.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"`
	Name         string    `json:"name"`
	Email        string    `json:"email,omitempty"`
	Role         Role      `json:"role"`
	UnitID       int64     `json:"unit_id,omitempty"`
	Disabled     bool      `json:"disabled"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
	ScopeUnitIDs []int64   `json:"-"`
	// TOTPEnabled says the user logs in with a second factor (account.go).
	TOTPEnabled bool `json:"totp_enabled"`
	// Token is the scope of the API token the user acts through, if any;
	// storage has already narrowed Role and ScopeUnitIDs to it.
	Token *TokenScope `json:"-"`

	system bool // only SystemUser: the command line and jobs
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,62}$`)

// Validate checks a user's fields.
func (u *User) Validate() error {
	if !usernameRE.MatchString(u.Username) {
		return Errorf(EINVALID, "Tên đăng nhập %q không hợp lệ: 2–63 ký tự thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.", "Invalid username %q: 2–63 lowercase letters, digits, '.', '-' or '_'.", u.Username)
	} else if !u.Role.Valid() {
		return Errorf(EINVALID, "Vai trò %q không hợp lệ.", "Unknown role %q.", u.Role)
	} else if u.Email != "" && !strings.Contains(u.Email, "@") {
		return Errorf(EINVALID, "Địa chỉ thư điện tử %q không hợp lệ.", "Invalid e-mail address %q.", u.Email)
	} else if u.UnitID == 0 && (u.Role == RoleUnitOfficer || u.Role == RoleFinance) {
		return Errorf(EINVALID, "Người dùng vai trò %s phải thuộc một đơn vị.", "A user with role %s must belong to a unit.", u.Role.Label())
	}
	return nil
}

// ValidatePassword applies the password policy: at least 10 characters, not
// the username, not a well-known password (password_common.go).
func ValidatePassword(username, password string) error {
	if len([]rune(password)) < 10 {
		return Errorf(EINVALID, "Mật khẩu phải có ít nhất 10 ký tự.", "A password needs at least 10 characters.")
	} else if strings.EqualFold(password, username) {
		return Errorf(EINVALID, "Mật khẩu không được trùng tên đăng nhập.", "The password must differ from the username.")
	} else if commonPassword(password) {
		return Errorf(EINVALID, "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.", "This password is too common and easy to guess. Please choose another.")
	}
	return nil
}

// InScope reports whether unitID is the user's unit or one below it.
func (u *User) InScope(unitID int64) bool {
	if unitID == 0 {
		return false
	}
	if unitID == u.UnitID {
		return true
	}
	for _, id := range u.ScopeUnitIDs {
		if id == unitID {
			return true
		}
	}
	return false
}

// UserFilter selects users.
type UserFilter struct {
	ID       *int64
	Username *string
	UnitID   *int64
	Role     *Role
	Offset   int
	Limit    int
}

// UserUpdate changes a user. Version must equal the current version.
type UserUpdate struct {
	Version  int
	Name     *string
	Email    *string
	Role     *Role
	UnitID   *int64
	Disabled *bool
}

// UserService manages users and checks their passwords.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUsers(ctx context.Context, filter UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, u *User, password string) error
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	SetPassword(ctx context.Context, id int64, password string) error
	// Authenticate returns the user with this username and password, or
	// EUNAUTHORIZED with one message for every kind of failure.
	Authenticate(ctx context.Context, username, password string) (*User, error)
	// NameOf returns the full name of the account whose user name is
	// username ("" for none), for histories that record who acted by
	// user name: any signed-in user who sees the user name may see the
	// person's name.
	NameOf(ctx context.Context, username string) (string, error)
}

// Session is a logged-in browser. The raw token is given to the browser once,
// in a cookie; storage keeps only its hash.
type Session struct {
	Token     string    `json:"-"`
	UserID    int64     `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// APIToken is a bearer token for machine clients, stored hashed.
type APIToken struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt time.Time  `json:"expires_at,omitzero"`
	RevokedAt time.Time  `json:"revoked_at,omitzero"`
	Scope     TokenScope `json:"scope"`
}

// AuthService keeps sessions and API tokens.
type AuthService interface {
	CreateSession(ctx context.Context, userID int64) (*Session, error)
	// FindSessionUser returns the user of a live session, extending its idle
	// timeout, or EUNAUTHORIZED.
	FindSessionUser(ctx context.Context, token string) (*User, error)
	DeleteSession(ctx context.Context, token string) error
	// CreateToken returns the raw token once; only its hash is stored.
	CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (string, *APIToken, error)
	FindTokenUser(ctx context.Context, raw string) (*User, error)
	RevokeToken(ctx context.Context, id int64) error
}
