package http

import (
	"context"
	"net/http"
	"strings"

	"ttdn"
)

// apiAdminRoutes registers what administrators and every user do about
// accounts: users (administrators only, as on the pages; raising a role
// or resetting another administrator's password still waits for a second
// administrator), the audit log (the audit service asks the policy), and a
// user's own notifications.
func (s *Server) apiAdminRoutes() {
	if s.cfg.Users != nil { // the public site's own server has none
		s.op("GET /api/v1/users", admin(s.apiUsers))
		s.op("POST /api/v1/users", admin(createOp("/api/v1/users/{id}", s.apiUserCreate)))
		s.op("GET /api/v1/users/{id}", admin(readOp(s.cfg.Users.FindUserByID)))
		s.op("PATCH /api/v1/users/{id}", admin(editOp(s.apiUserUpdate)))
		s.op("POST /api/v1/users/{id}/password", admin(actOp(http.StatusOK, s.apiUserPassword)))
	}
	if s.cfg.Users != nil && s.cfg.Throttle != nil {
		s.op("POST /api/v1/users/{id}/unlock", admin(actOp(http.StatusOK, s.apiUserUnlock)))
	}
	if s.cfg.Audit != nil {
		s.op("GET /api/v1/audit-events", s.apiAuditEvents)
		s.op("GET /api/v1/audit-chain", s.apiAuditChain)
	}
	if s.cfg.Notifications != nil {
		s.op("GET /api/v1/notifications", s.apiNotifications)
		s.op("POST /api/v1/notifications/{id}/read", actOp(http.StatusOK, s.apiNotificationRead))
		s.op("POST /api/v1/notifications/read-all", s.apiNotificationsReadAll)
	}
}

// admin refuses anyone but an administrator before reading the request,
// as the user pages do; the user service checks again.
func admin(op apiOp) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		if u := ttdn.UserFromContext(r.Context()); u == nil || u.Role != ttdn.RoleAdmin {
			return nil, errAdminOnly
		}
		return op(r)
	}
}

func (s *Server) apiUsers(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	unitID, err := queryID(r, "unit_id")
	if err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Users.FindUsers(r.Context(), ttdn.UserFilter{UnitID: unitID, Role: queryStr[ttdn.Role](r, "role"),
		Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type userInput struct {
	Username string    `json:"username"`
	Name     string    `json:"name"`
	Email    string    `json:"email"`
	Role     ttdn.Role `json:"role"`
	UnitID   int64     `json:"unit_id"`
	Password string    `json:"password"`
}

func (s *Server) apiUserCreate(ctx context.Context, in *userInput) (*ttdn.User, error) {
	u := &ttdn.User{Username: strings.ToLower(strings.TrimSpace(in.Username)), Name: strings.TrimSpace(in.Name),
		Email: strings.TrimSpace(in.Email), Role: in.Role, UnitID: in.UnitID}
	err := u.Validate()
	if err == nil {
		err = apiField("password", ttdn.ValidatePassword(u.Username, in.Password))
	}
	if err == nil {
		err = s.cfg.Users.CreateUser(ctx, u, in.Password)
	}
	if err != nil {
		return nil, err
	}
	return s.cfg.Users.FindUserByID(ctx, u.ID)
}

type userPatch struct {
	Name     *string    `json:"name"`
	Email    *string    `json:"email"`
	Role     *ttdn.Role `json:"role"`
	UnitID   *int64     `json:"unit_id"`
	Disabled *bool      `json:"disabled"`
}

// apiUserUpdate changes a user; a role that needs a second administrator
// is requested, and the answer shows the role still unchanged.
func (s *Server) apiUserUpdate(ctx context.Context, id int64, version int, in *userPatch) (*ttdn.User, error) {
	cur, err := s.cfg.Users.FindUserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	check := *cur
	for _, f := range []struct {
		dst *string
		src *string
	}{{&check.Name, in.Name}, {&check.Email, in.Email}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
	if in.Role != nil {
		check.Role = *in.Role
	}
	if in.UnitID != nil {
		check.UnitID = *in.UnitID
	}
	if err := check.Validate(); err != nil {
		return nil, err
	}
	return s.cfg.Users.UpdateUser(ctx, id, ttdn.UserUpdate{Version: version, Name: in.Name, Email: in.Email, Role: in.Role,
		UnitID: in.UnitID, Disabled: in.Disabled})
}

type passwordInput struct {
	Password string `json:"password"`
}

// accountStep is the answer of a step on an account: done, or requested
// and waiting for a second administrator.
type accountStep struct {
	Status string `json:"status"` // "done" or "requested"
}

func (s *Server) apiUserPassword(ctx context.Context, id int64, in *passwordInput) (*accountStep, error) {
	u, err := s.cfg.Users.FindUserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := apiField("password", ttdn.ValidatePassword(u.Username, in.Password)); err != nil {
		return nil, err
	}
	if err := s.cfg.Users.SetPassword(ctx, u.ID, in.Password); err != nil {
		return nil, err
	}
	if me := ttdn.UserFromContext(ctx); me.ID != u.ID && ttdn.NeedsConfirmation(me, ttdn.AccountResetPassword, u.Role) {
		return &accountStep{Status: "requested"}, nil
	}
	return &accountStep{Status: "done"}, nil
}

func (s *Server) apiUserUnlock(ctx context.Context, id int64, _ *struct{}) (*accountStep, error) {
	u, err := s.cfg.Users.FindUserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.cfg.Throttle.UnlockLogin(ctx, u.Username); err != nil {
		return nil, err
	}
	return &accountStep{Status: "done"}, nil
}

// apiAuditEvents reads the audit log with the page's filters (user,
// entity, action, from, to); the audit service decides who may.
func (s *Server) apiAuditEvents(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	_, err1 := queryDate(r, "from") // the API's dates are YYYY-MM-DD only
	_, err2 := queryDate(r, "to")
	entityID, err3 := queryID(r, "entity_id")
	if err := firstErr(err1, err2, err3); err != nil {
		return nil, err
	}
	_, f, err := parseAuditQuery(r)
	if err != nil {
		return nil, err
	}
	f.EntityID, f.Offset, f.Limit = entityID, p.offset, p.limit
	rows, total, err := s.cfg.Audit.FindAuditEvents(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

func (s *Server) apiNotifications(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Notifications.FindNotifications(r.Context(), ttdn.NotificationFilter{
		Unread: r.URL.Query().Get("unread") == "true", Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

func (s *Server) apiNotificationRead(ctx context.Context, id int64, _ *struct{}) (*accountStep, error) {
	if err := s.cfg.Notifications.MarkNotificationRead(ctx, id); err != nil {
		return nil, err
	}
	return &accountStep{Status: "done"}, nil
}

func (s *Server) apiNotificationsReadAll(r *http.Request) (*apiResult, error) {
	if err := s.cfg.Notifications.MarkAllNotificationsRead(r.Context()); err != nil {
		return nil, err
	}
	return ok(&accountStep{Status: "done"}, 0)
}

// apiAuditChain checks the audit chain for programs: a monitor can poll it
// (only the events since the last sealed check are read) and compare the
// head with the one it wrote down; full=true reads every event, as `ttdn
// audit verify` does.
func (s *Server) apiAuditChain(r *http.Request) (*apiResult, error) {
	var full bool
	switch v := r.URL.Query().Get("full"); v {
	case "", "false":
	case "true":
		full = true
	default:
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tham số full chỉ nhận true hoặc false (nhận được “%s”).",
			"The full parameter takes true or false (got “%s”).", v)
	}
	v, err := s.cfg.Audit.VerifyAuditChain(r.Context(), full)
	if err != nil {
		return nil, err
	}
	return ok(v, 0)
}
