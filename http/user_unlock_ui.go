package http

import (
	"net/http"

	"ttdn"
)

// The administrator's "Mở khóa đăng nhập" on a user's page: the same as
// `ttdn user unlock`, for a user whose pair was locked by someone else's
// failures at their address, or who locked themselves out.

// loginLocks is the account's throttle state for its page; nil when there
// is no throttle or it cannot be read (the page still shows the button).
func (s *Server) loginLocks(r *http.Request, username string) *ttdn.LoginLocks {
	if s.cfg.Throttle == nil {
		return nil
	}
	l, err := s.cfg.Throttle.LoginLocks(r.Context(), username)
	if err != nil {
		s.log.Error("login locks", "err", err)
		return nil
	}
	return l
}

func (s *Server) handleUserUnlock(w http.ResponseWriter, r *http.Request) {
	u, ok := s.findUser(w, r)
	if !ok {
		return
	}
	if s.cfg.Throttle == nil {
		s.handleNotFound(w, r)
		return
	}
	if err := s.cfg.Throttle.UnlockLogin(r.Context(), u.Username); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/users/"+itoa(u.ID)+"/edit", "flash.login_unlocked")
}
