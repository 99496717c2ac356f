package http

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"ttdn"
)

const sessionCookie = "ttdn_session"

// sessionMaxAge bounds the cookie; the session's idle timeout lives in storage.
const sessionMaxAge = 30 * 24 * time.Hour

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, sess *ttdn.Session) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: sess.Token, Path: "/",
		MaxAge: int(sessionMaxAge.Seconds()), HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) secure(r *http.Request) bool { return r.TLS != nil || s.cfg.SecureCookies }

// loginView is the log-in form's data; Username is kept on a failed attempt.
type loginView struct {
	Username string
	Next     string
	SignOn   bool // offer "Đăng nhập bằng tài khoản một cửa" (oidc_ui.go)
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	if reqOf(r).user != nil {
		s.redirect(w, r, "/")
		return
	}
	s.render(w, r, http.StatusOK, "login", "login.title", loginView{Next: safeNext(r.URL.Query().Get("next")), SignOn: s.cfg.OIDC != nil})
}

// handleLogin checks the throttle, then the password, and starts a fresh
// session (or, with TOTP on, a pending one for the second step), so a
// session token planted before log-in is never promoted.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	view := loginView{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next")),
		SignOn: s.cfg.OIDC != nil}
	ctx, addr := r.Context(), clientAddr(r)
	if view.Username == "" {
		s.renderWithError(w, r, errWrongLogin, "login", "login.title", view)
		return
	}
	if s.cfg.Throttle != nil {
		if err := s.cfg.Throttle.CheckLogin(ctx, view.Username, addr); err != nil {
			s.renderWithError(w, r, err, "login", "login.title", view)
			return
		}
	}
	u, err := s.cfg.Users.Authenticate(ctx, view.Username, r.PostFormValue("password"))
	if err != nil {
		s.loginFailed(w, r, err, view.Username, ttdn.LoginPassword, func(error) {
			s.renderWithError(w, r, errWrongLogin, "login", "login.title", view)
		})
		return
	}
	if old := reqOf(r).session; old != "" {
		_ = s.cfg.Auth.DeleteSession(ctx, old)
	}
	if u.TOTPEnabled && s.cfg.Accounts != nil {
		s.startSecondFactor(w, r, u, view.Next)
		return
	}
	s.finishLogin(w, r, u, view.Next)
}

var errWrongLogin = ttdn.Errorf(ttdn.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password.")

// loginFailed records a failed attempt (the throttle counts it against the
// account and address and audits it), then shows the failure (the same
// message for every wrong password: it must not tell which part was wrong).
func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, err error, username string, step ttdn.LoginStep, show func(error)) {
	if ttdn.ErrorCode(err) == ttdn.EINTERNAL {
		s.renderError(w, r, err)
		return
	}
	if s.cfg.ObserveLoginFailure != nil {
		s.cfg.ObserveLoginFailure(step)
	}
	if s.cfg.Throttle != nil {
		if err := s.cfg.Throttle.LoginFailed(r.Context(), username, clientAddr(r), step); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	show(err)
}

// loginSucceeded clears the pair's count after a right password (and
// code). A failure here is logged, not shown: the user proved who they are.
func (s *Server) loginSucceeded(r *http.Request, username string) {
	if s.cfg.Throttle == nil {
		return
	}
	if err := s.cfg.Throttle.LoginSucceeded(r.Context(), username, clientAddr(r)); err != nil {
		s.log.Error("login throttle", "err", err)
	}
}

// finishLogin starts a full session for u, clears the pair's failures and
// goes on (to TOTP enrolment first when the policy requires it).
func (s *Server) finishLogin(w http.ResponseWriter, r *http.Request, u *ttdn.User, next string) {
	sess, err := s.cfg.Auth.CreateSession(ttdn.NewContextWithUser(r.Context(), u), u.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.loginSucceeded(r, u.Username)
	s.setSessionCookie(w, r, sess)
	if next == "" {
		next = "/"
	}
	if u.NeedsTOTP(s.totpRequired(r)) {
		next = "/account/totp"
	}
	s.redirect(w, r, next)
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if tok := reqOf(r).session; tok != "" {
		if err := s.cfg.Auth.DeleteSession(r.Context(), tok); err != nil {
			s.log.Error("logout", "err", err)
		}
	}
	s.clearSessionCookie(w, r)
	s.redirect(w, r, "/login")
}

// redirectToLogin sends an anonymous visitor to the log-in page and back to
// where they were going afterwards.
func (s *Server) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	s.redirect(w, r, target)
}
