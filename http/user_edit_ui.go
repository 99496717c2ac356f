package http

import (
	"net/http"

	"ttdn"
)

func (s *Server) findUser(w http.ResponseWriter, r *http.Request) (*ttdn.User, bool) {
	if !s.adminOnly(w, r) {
		return nil, false
	}
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	u, err := s.cfg.Users.FindUserByID(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return nil, false
	}
	return u, true
}

func (s *Server) handleUserEditForm(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	f, err := s.newUserForm(r, &userForm{ID: u.ID, Version: u.Version, Username: u.Username, Name: u.Name,
		Email: u.Email, Role: string(u.Role), UnitID: u.UnitID, Disabled: u.Disabled, Locks: s.loginLocks(r, u.Username)})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_form", "users.edit", f)
}

func (s *Server) handleUserEdit(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	form := userFormFrom(r)
	form.ID, form.Username = u.ID, u.Username
	role := ttdn.Role(form.Role)
	upd := ttdn.UserUpdate{Version: form.Version, Name: &form.Name, Email: &form.Email, Role: &role,
		UnitID: &form.UnitID, Disabled: &form.Disabled}
	check := ttdn.User{Username: u.Username, Name: form.Name, Email: form.Email, Role: role, UnitID: form.UnitID}
	err := check.Validate()
	if err == nil {
		_, err = s.cfg.Users.UpdateUser(r.Context(), u.ID, upd)
	}
	if err != nil {
		if isCode(err, ttdn.ECONFLICT) {
			form.Conflict, form.Version = true, u.Version
		}
		f, _ := s.newUserForm(r, form)
		s.renderWithError(w, r, err, "user_form", "users.edit", f)
		return
	}
	flash := "flash.saved"
	if role != u.Role && ttdn.NeedsConfirmation(reqOf(r).user, ttdn.AccountGrantRole, role) {
		flash = "flash.role_requested"
	}
	s.redirectWithFlash(w, r, "/users", flash)
}

// handleUserPassword sets a new password chosen by the administrator.
func (s *Server) handleUserPassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	password := r.PostFormValue("password")
	err := ttdn.ValidatePassword(u.Username, password)
	if err == nil {
		err = s.cfg.Users.SetPassword(r.Context(), u.ID, password)
	}
	if err != nil {
		f, _ := s.newUserForm(r, &userForm{ID: u.ID, Version: u.Version, Username: u.Username, Name: u.Name,
			Email: u.Email, Role: string(u.Role), UnitID: u.UnitID, Disabled: u.Disabled})
		s.renderWithError(w, r, err, "user_form", "users.edit", f)
		return
	}
	flash := "flash.password_set"
	if me := reqOf(r).user; me.ID != u.ID && ttdn.NeedsConfirmation(me, ttdn.AccountResetPassword, u.Role) {
		flash = "flash.password_requested"
	}
	s.redirectWithFlash(w, r, "/users", flash)
}
