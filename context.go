package ttdn

import "context"

type contextKey int

const (
	userContextKey contextKey = iota + 1
	addrContextKey
)

// NewContextWithUser returns ctx carrying the acting user. Services read it to
// apply the access policy and to record who did what.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey, u)
}

// UserFromContext returns the acting user, or nil for an anonymous request.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey).(*User)
	return u
}

// NewContextWithAddr returns ctx carrying the remote address the act came
// from, for the audit log.
func NewContextWithAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, addrContextKey, addr)
}

// AddrFromContext returns the remote address, or "" (e.g. for the CLI).
func AddrFromContext(ctx context.Context) string {
	a, _ := ctx.Value(addrContextKey).(string)
	return a
}

// SystemUser acts for the command line and jobs: full rights, recorded in the
// audit log as "system".
var SystemUser = &User{ID: 0, Username: "system", Name: "Hệ thống", Role: RoleAdmin, system: true}

// IsSystem reports whether u is SystemUser.
func (u *User) IsSystem() bool { return u != nil && u.system }

// NewSystemContext returns ctx acting as SystemUser.
func NewSystemContext(ctx context.Context) context.Context {
	return NewContextWithUser(ctx, SystemUser)
}
