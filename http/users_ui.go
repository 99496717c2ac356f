package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// userListView is the user administration list.
type userListView struct {
	Rows  []*ttdn.User
	Units map[int64]*ttdn.Unit
	Pager pager
}

// userForm is the create/edit form as typed. The password is never sent
// back to the browser.
type userForm struct {
	ID                          int64
	Version                     int
	Username, Name, Email, Role string
	UnitID                      int64
	Disabled                    bool
	Roles                       []ttdn.Role
	Units                       []*ttdn.Unit
	Conflict                    bool
	Locks                       *ttdn.LoginLocks // log-in throttle state (user_unlock_ui.go)
}

var errAdminOnly = ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ quản trị hệ thống mới được quản lý người dùng.", "Only administrators manage users.")

// adminOnly refuses early anyone but an administrator; the user service
// checks again.
func (s *Server) adminOnly(w http.ResponseWriter, r *http.Request) bool {
	if u := reqOf(r).user; u == nil || u.Role != ttdn.RoleAdmin {
		s.renderError(w, r, errAdminOnly)
		return false
	}
	return true
}

func (s *Server) handleUserList(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	current, offset := pageNumber(r)
	users, total, err := s.cfg.Users.FindUsers(r.Context(), ttdn.UserFilter{Offset: offset, Limit: pageSize})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	units, err := s.unitMap(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", "users.title", userListView{Rows: users, Units: units, Pager: newPager(r, current, total)})
}

func (s *Server) unitMap(r *http.Request) (map[int64]*ttdn.Unit, error) {
	all, err := s.allUnits(r)
	m := map[int64]*ttdn.Unit{}
	for _, u := range all {
		m[u.ID] = u
	}
	return m, err
}

func (s *Server) newUserForm(r *http.Request, f *userForm) (*userForm, error) {
	f.Roles = ttdn.Roles
	var err error
	f.Units, err = s.allUnits(r)
	return f, err
}

func userFormFrom(r *http.Request) *userForm {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	unitID, _ := strconv.ParseInt(f("unit_id"), 10, 64)
	version, _ := strconv.Atoi(f("version"))
	return &userForm{Version: version, Username: strings.ToLower(f("username")), Name: f("name"), Email: f("email"),
		Role: f("role"), UnitID: unitID, Disabled: r.PostFormValue("disabled") == "on"}
}

func (s *Server) handleUserNewForm(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	f, err := s.newUserForm(r, &userForm{Role: string(ttdn.RoleUnitOfficer)})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_form", "users.new", f)
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	if !s.adminOnly(w, r) {
		return
	}
	form := userFormFrom(r)
	u := &ttdn.User{Username: form.Username, Name: form.Name, Email: form.Email, Role: ttdn.Role(form.Role), UnitID: form.UnitID}
	password := r.PostFormValue("password")
	err := u.Validate()
	if err == nil {
		err = ttdn.ValidatePassword(u.Username, password)
	}
	if err == nil {
		err = s.cfg.Users.CreateUser(r.Context(), u, password)
	}
	if err != nil {
		f, _ := s.newUserForm(r, form)
		s.renderWithError(w, r, err, "user_form", "users.new", f)
		return
	}
	s.redirectWithFlash(w, r, "/users", "flash.user_created")
}
