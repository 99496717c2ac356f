package http

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"ttdn"
)

// pendingCookie holds a log-in waiting for its TOTP code. It is scoped to the
// second-step page and lives as long as the pending session.
const pendingCookie = "ttdn_pending"

// startSecondFactor parks a password-checked log-in and asks for the code.
func (s *Server) startSecondFactor(w http.ResponseWriter, r *http.Request, u *ttdn.User, next string) {
	sess, err := s.cfg.Accounts.StartSecondFactor(r.Context(), u.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Value: sess.Token, Path: "/login/totp",
		MaxAge: int(time.Until(sess.ExpiresAt).Seconds()) + 1, HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode})
	target := "/login/totp"
	if next != "" {
		target += "?next=" + url.QueryEscape(next)
	}
	s.redirect(w, r, target)
}

func (s *Server) handleTOTPLoginForm(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(pendingCookie); err != nil {
		s.redirect(w, r, "/login")
		return
	}
	s.render(w, r, http.StatusOK, "login_totp", "totp.login_title", loginView{Next: safeNext(r.URL.Query().Get("next"))})
}

// handleTOTPLogin checks the code; wrong codes count against the account
// like wrong passwords, so six digits cannot be guessed at leisure.
func (s *Server) handleTOTPLogin(w http.ResponseWriter, r *http.Request) {
	view := loginView{Next: safeNext(r.PostFormValue("next"))}
	c, err := r.Cookie(pendingCookie)
	if err != nil {
		s.redirect(w, r, "/login")
		return
	}
	ctx := r.Context()
	u, err := s.cfg.Accounts.FindPendingUser(ctx, c.Value)
	if err != nil {
		s.redirect(w, r, "/login")
		return
	}
	if s.cfg.Throttle != nil {
		if err := s.cfg.Throttle.CheckLogin(ctx, u.Username, clientAddr(r)); err != nil {
			s.renderWithError(w, r, err, "login_totp", "totp.login_title", view)
			return
		}
	}
	sess, err := s.cfg.Accounts.FinishSecondFactor(ctx, c.Value, r.PostFormValue("code"))
	if err != nil {
		s.loginFailed(w, r, err, u.Username, ttdn.LoginTOTP, func(err error) {
			s.renderWithError(w, r, err, "login_totp", "totp.login_title", view)
		})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: pendingCookie, Path: "/login/totp", MaxAge: -1, HttpOnly: true, Secure: s.secure(r)})
	s.loginSucceeded(r, u.Username)
	s.setSessionCookie(w, r, sess)
	next := view.Next
	if next == "" {
		next = "/"
	}
	s.redirect(w, r, next)
}

// totpView is the enrolment page.
type totpView struct {
	Enabled  bool
	Required bool
	Enrol    *ttdn.TOTPEnrolment
	Codes    []string // recovery codes, shown once
}

func (s *Server) handleTOTPPage(w http.ResponseWriter, r *http.Request) {
	me := reqOf(r).user
	s.render(w, r, http.StatusOK, "totp", "totp.title", totpView{Enabled: me.TOTPEnabled, Required: me.NeedsTOTP(s.totpRequired(r))})
}

// handleTOTPBegin offers a new secret; the page shows it until confirmed.
func (s *Server) handleTOTPBegin(w http.ResponseWriter, r *http.Request) {
	me := reqOf(r).user
	enr, err := s.cfg.Accounts.BeginTOTP(r.Context(), me.ID)
	if err != nil {
		s.renderWithError(w, r, err, "totp", "totp.title", totpView{Enabled: me.TOTPEnabled})
		return
	}
	s.render(w, r, http.StatusOK, "totp", "totp.title", totpView{Enrol: enr})
}

// handleTOTPConfirm turns TOTP on after the current password and the first
// code. The password keeps a stolen session from tying the account to the
// thief's phone; wrong ones count like failed log-ins. Every other session
// of the user ends: one opened before the second factor must not outlive it.
func (s *Server) handleTOTPConfirm(w http.ResponseWriter, r *http.Request) {
	me := reqOf(r).user
	ctx := r.Context()
	view := totpView{Enrol: enrolmentFromForm(r)} // shown again after a mistake
	if s.cfg.Throttle != nil {
		if err := s.cfg.Throttle.CheckLogin(ctx, me.Username, clientAddr(r)); err != nil {
			s.renderWithError(w, r, err, "totp", "totp.title", view)
			return
		}
	}
	if _, err := s.cfg.Users.Authenticate(ctx, me.Username, r.PostFormValue("current")); err != nil {
		s.loginFailed(w, r, err, me.Username, ttdn.LoginCurrentPassword, func(error) {
			s.renderWithError(w, r, errCurrentPassword, "totp", "totp.title", view)
		})
		return
	}
	s.loginSucceeded(r, me.Username)
	codes, err := s.cfg.Accounts.ConfirmTOTP(ctx, me.ID, r.PostFormValue("code"), reqOf(r).session)
	if err != nil {
		s.renderWithError(w, r, err, "totp", "totp.title", view)
		return
	}
	s.render(w, r, http.StatusOK, "totp", "totp.title", totpView{Enabled: true, Codes: codes})
}

var errCurrentPassword = ttdn.Errorf(ttdn.EINVALID, "Mật khẩu hiện tại không đúng.", "The current password is wrong.")

// enrolmentFromForm reads back the offered secret the confirmation form
// carries, so a mistake does not send the user back to a new secret. It is
// only shown: ConfirmTOTP checks the code against the stored secret.
func enrolmentFromForm(r *http.Request) *ttdn.TOTPEnrolment {
	secret, uri := r.PostFormValue("secret"), r.PostFormValue("uri")
	if len(secret) < 16 || len(secret) > 64 || !strings.HasPrefix(uri, "otpauth://totp/") ||
		strings.Trim(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		return nil
	}
	return &ttdn.TOTPEnrolment{Secret: secret, URI: uri}
}

func (s *Server) handleTOTPDisable(w http.ResponseWriter, r *http.Request) {
	me := reqOf(r).user
	if err := s.cfg.Accounts.DisableTOTP(r.Context(), me.ID, r.PostFormValue("code")); err != nil {
		s.renderWithError(w, r, err, "totp", "totp.title", totpView{Enabled: me.TOTPEnabled})
		return
	}
	s.redirectWithFlash(w, r, "/account", "flash.totp_off")
}

func (s *Server) handleTOTPRequire(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Accounts.SetRequireTOTP(r.Context(), r.PostFormValue("require") == "on"); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.totpReq.forget()
	s.redirectWithFlash(w, r, "/account", "flash.totp_required_saved")
}

// totpRequired reads the admin's setting, cached briefly: it is asked on
// every page of admins and coordinators.
func (s *Server) totpRequired(r *http.Request) bool {
	if s.cfg.Accounts == nil {
		return false
	}
	return s.totpReq.get(s, r)
}

// mustEnrol reports whether the user must set up TOTP before anything but
// the enrolment page, the log-out and the assets.
func (s *Server) mustEnrol(r *http.Request, u *ttdn.User) bool {
	p := r.URL.Path
	if p == "/account/totp" || strings.HasPrefix(p, "/account/totp/") || p == "/logout" || u.TOTPEnabled {
		return false
	}
	return u.NeedsTOTP(s.totpRequired(r))
}

// requirementCache keeps the setting for requirementLife; after a change on
// another instance, that is how long the old value may still be used (plus
// one read while it is being refreshed).
//
// The lock is never held across the database read: it is asked on every
// page, and a reader holding it while waiting for a pooled connection made
// every other request of the instance queue behind it each time the value
// expired (89 % of the lock waiting of the 200-user mix, issue 15). Once
// expired, one request reads the setting while the others keep the old
// value; after forget (a change on this instance) nobody uses the old value.
type requirementCache struct {
	mu      sync.Mutex
	at      time.Time // when on was read; zero: no value to use
	on      bool
	reading bool   // a request is reading the setting for an expired value
	gen     uint64 // bumped by forget, so a read begun before it is not kept
}

const requirementLife = 15 * time.Second

func (c *requirementCache) get(s *Server, r *http.Request) bool {
	c.mu.Lock()
	if !c.at.IsZero() && (time.Since(c.at) < requirementLife || c.reading) {
		on := c.on
		c.mu.Unlock()
		return on
	}
	expired := !c.at.IsZero() // an old value exists; without one every caller reads
	if expired {
		c.reading = true
	}
	gen, old := c.gen, c.on
	c.mu.Unlock()
	on, err := s.cfg.Accounts.RequireTOTP(r.Context())
	c.mu.Lock()
	defer c.mu.Unlock()
	if expired {
		c.reading = false
	}
	if err != nil {
		s.log.Error("totp requirement", "err", err)
		return old
	}
	if gen == c.gen {
		c.at, c.on = time.Now(), on
	}
	return on
}

func (c *requirementCache) forget() {
	c.mu.Lock()
	c.at, c.reading = time.Time{}, false
	c.gen++
	c.mu.Unlock()
}
