package http

import (
	"net/http"

	"ttdn"
)

// The account page's e-mail choice: notifications always show in the app;
// each person chooses whether they also come by e-mail, one by one or as a
// daily digest. The notification service stores the choice.

// emailPrefs returns the store of e-mail choices, or nil when the
// notification service has none.
func (s *Server) emailPrefs() ttdn.EmailPreferences {
	p, _ := s.cfg.Notifications.(ttdn.EmailPreferences)
	return p
}

// accountEmailView is the choice shown on the account page.
type accountEmailView struct {
	Modes   []ttdn.EmailMode
	Current ttdn.EmailMode
}

func (s *Server) accountEmail(r *http.Request) *accountEmailView {
	p := s.emailPrefs()
	if p == nil {
		return nil
	}
	m, err := p.FindEmailMode(r.Context())
	if err != nil {
		return nil
	}
	return &accountEmailView{Modes: ttdn.EmailModes, Current: m}
}

func (s *Server) handleAccountEmail(w http.ResponseWriter, r *http.Request) {
	p := s.emailPrefs()
	if p == nil {
		s.handleNotFound(w, r)
		return
	}
	if err := p.SetEmailMode(r.Context(), ttdn.EmailMode(r.PostFormValue("notify_email"))); err != nil {
		s.renderAccount(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/account", "flash.notify_email_set")
}
