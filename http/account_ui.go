package http

import (
	"net/http"
	"strconv"
	"time"

	"ttdn"
)

// accountRoutes registers the pages of one's own account: log out
// everywhere, own password, own tokens, and the TOTP second factor.
func (s *Server) accountRoutes(ui, auth func(string, http.HandlerFunc)) {
	if s.cfg.Accounts == nil {
		return
	}
	auth("GET /account", s.handleAccount)
	auth("POST /account/logout-all", s.handleLogoutAll)
	auth("POST /account/password", s.handleOwnPassword)
	auth("POST /account/notify-email", s.handleAccountEmail)
	auth("POST /account/tokens/{id}/revoke", s.handleOwnTokenRevoke)
	auth("GET /account/totp", s.handleTOTPPage)
	auth("POST /account/totp", s.handleTOTPBegin)
	auth("POST /account/totp/confirm", s.handleTOTPConfirm)
	auth("POST /account/totp/disable", s.handleTOTPDisable)
	auth("POST /account/totp/require", s.handleTOTPRequire)
	ui("GET /login/totp", s.handleTOTPLoginForm)
	ui("POST /login/totp", s.handleTOTPLogin)
}

// accountView is the account page.
type accountView struct {
	Tokens      []*ttdn.APIToken
	RequireTOTP bool
	Email       *accountEmailView // nil: no notification service
	// The calendar feed (calendar_ui.go): whether it is offered, since
	// when the address exists, and the address itself, shown once.
	Calendar      bool
	CalendarSince time.Time
	CalendarURL   string
}

func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, nil)
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, err error) {
	s.renderAccountWithError(w, r, err, nil)
}

// renderAccountWith renders the page with something shown once (a new
// calendar address).
func (s *Server) renderAccountWith(w http.ResponseWriter, r *http.Request, once func(*accountView)) {
	s.renderAccountWithError(w, r, nil, once)
}

func (s *Server) renderAccountWithError(w http.ResponseWriter, r *http.Request, err error, once func(*accountView)) {
	me := reqOf(r).user
	tokens, terr := s.cfg.Accounts.FindUserTokens(r.Context(), me.ID)
	if terr != nil {
		s.renderError(w, r, terr)
		return
	}
	view := accountView{Tokens: tokens, RequireTOTP: s.totpRequired(r), Email: s.accountEmail(r),
		Calendar: s.cfg.CalendarFeeds != nil}
	if view.Calendar {
		if view.CalendarSince, terr = s.cfg.CalendarFeeds.CalendarFeedCreated(r.Context(), me.ID); terr != nil {
			s.renderError(w, r, terr)
			return
		}
	}
	if once != nil {
		once(&view)
	}
	if err != nil {
		s.renderWithError(w, r, err, "account", "account.title", view)
		return
	}
	s.render(w, r, http.StatusOK, "account", "account.title", view)
}

// handleLogoutAll ends every session of the user, this browser's too.
func (s *Server) handleLogoutAll(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Accounts.EndUserSessions(r.Context(), reqOf(r).user.ID); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.clearSessionCookie(w, r)
	s.redirect(w, r, "/login")
}

// handleOwnPassword changes one's password after checking the current one.
// Every session ends (storage does it); this browser gets a new one.
func (s *Server) handleOwnPassword(w http.ResponseWriter, r *http.Request) {
	me := reqOf(r).user
	ctx := r.Context()
	if s.cfg.Throttle != nil {
		if err := s.cfg.Throttle.CheckLogin(ctx, me.Username, clientAddr(r)); err != nil {
			s.renderAccount(w, r, err)
			return
		}
	}
	if _, err := s.cfg.Users.Authenticate(ctx, me.Username, r.PostFormValue("current")); err != nil {
		// A stolen session must not become a way to guess the password.
		s.loginFailed(w, r, err, me.Username, ttdn.LoginCurrentPassword, func(error) {
			s.renderAccount(w, r, errCurrentPassword)
		})
		return
	}
	s.loginSucceeded(r, me.Username)
	if err := s.cfg.Users.SetPassword(ctx, me.ID, r.PostFormValue("password")); err != nil {
		s.renderAccount(w, r, err)
		return
	}
	sess, err := s.cfg.Auth.CreateSession(ctx, me.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.setSessionCookie(w, r, sess)
	s.redirectWithFlash(w, r, "/account", "flash.password_set")
}

func (s *Server) handleOwnTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	if err := s.cfg.Auth.RevokeToken(r.Context(), id); err != nil {
		s.renderAccount(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/account", "flash.token_revoked")
}
