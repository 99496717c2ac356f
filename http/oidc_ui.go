package http

import (
	"encoding/base64"
	"net/http"
	"strings"

	"ttdn"
	"ttdn/oidc"
)

// Single sign-on (issue 16): "Đăng nhập bằng tài khoản một cửa" sends the
// browser to the province's OpenID provider (code flow with PKCE); the
// callback verifies the ID token and logs in the existing account of that
// user name or verified e-mail. Nobody is created here, and local
// passwords keep working (the administrator's above all).

// oidcCookie holds state, nonce, PKCE verifier and the page to return to
// between the two legs; it lives ten minutes on the callback's path only.
const oidcCookie = "ttdn_oidc"

func (s *Server) signOnRoutes(ui func(string, http.HandlerFunc)) {
	if s.cfg.OIDC == nil || s.cfg.SignOn == nil {
		return
	}
	ui("GET /login/oidc", s.handleSignOnStart)
	ui("GET /login/oidc/callback", s.handleSignOnCallback)
}

var (
	errSignOnUnavailable = ttdn.Errorf(ttdn.EUNAUTHORIZED, "Không kết nối được dịch vụ đăng nhập một cửa. Hãy thử lại sau hoặc đăng nhập bằng mật khẩu.",
		"The single sign-on service cannot be reached. Try again later or log in with a password.")
	errSignOnFailed = ttdn.Errorf(ttdn.EUNAUTHORIZED, "Đăng nhập một cửa không thành công (phiên đăng nhập không hợp lệ hoặc đã hết hạn). Hãy thử lại.",
		"Single sign-on failed (the log-in was invalid or has expired). Try again.")
	errSignOnUnknown = ttdn.Errorf(ttdn.EUNAUTHORIZED, "Tài khoản một cửa của bạn chưa được gắn với tài khoản nào trong hệ thống TTĐN. Hãy liên hệ quản trị viên để được cấp tài khoản (tên đăng nhập hoặc thư điện tử trùng với tài khoản một cửa).",
		"Your single sign-on identity is not linked to any account in ttdn. Ask the administrator for an account (with the same user name or e-mail as your sign-on identity).")
)

func (s *Server) handleSignOnStart(w http.ResponseWriter, r *http.Request) {
	state, nonce, verifier := oidc.Random(), oidc.Random(), oidc.Random()
	next := safeNext(r.URL.Query().Get("next"))
	auth, err := s.cfg.OIDC.AuthURL(r.Context(), state, nonce, verifier)
	if err != nil {
		s.log.Warn("sign-on: provider", "err", err)
		s.renderSignOnError(w, r, errSignOnUnavailable)
		return
	}
	value := strings.Join([]string{state, nonce, verifier, base64.RawURLEncoding.EncodeToString([]byte(next))}, ".")
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: value, Path: "/login/oidc", MaxAge: 600, HttpOnly: true,
		Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
	s.redirectToSignOn(w, r, auth)
}

func (s *Server) handleSignOnCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := r.Cookie(oidcCookie)
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/login/oidc", MaxAge: -1})
	if err != nil {
		s.signOnFailed(w, r, errSignOnFailed, "", "sso_no_cookie")
		return
	}
	parts := strings.Split(c.Value, ".")
	q := r.URL.Query()
	if len(parts) != 4 || q.Get("error") != "" || q.Get("code") == "" || q.Get("state") != parts[0] {
		s.signOnFailed(w, r, errSignOnFailed, "", "sso_state")
		return
	}
	nextB, _ := base64.RawURLEncoding.DecodeString(parts[3])
	raw, err := s.cfg.OIDC.Exchange(ctx, q.Get("code"), parts[2])
	if err != nil {
		s.log.Warn("sign-on: token exchange", "err", err)
		s.signOnFailed(w, r, errSignOnFailed, "", "sso_exchange")
		return
	}
	claims, err := s.cfg.OIDC.Verify(ctx, raw, parts[1])
	if err != nil {
		// The reason goes to the log (no identity in it), not to the page.
		s.log.Warn("sign-on: ID token refused", "err", err)
		s.signOnFailed(w, r, errSignOnFailed, "", "sso_token")
		return
	}
	// Claims are text from outside: one holding a NUL or invalid UTF-8
	// names no account (and would fail the query on PostgreSQL).
	if !ttdn.IsCleanText(claims.PreferredUsername) || !ttdn.IsCleanText(claims.Email) || !ttdn.IsCleanText(claims.Subject) {
		s.signOnFailed(w, r, errSignOnUnknown, "", ttdn.SignOnNoAccount)
		return
	}
	u, err := s.cfg.SignOn.FindSignOnUser(ctx, ttdn.SignOnIdentity{Issuer: s.cfg.OIDC.Issuer(), Subject: claims.Subject,
		Username: claims.PreferredUsername, Email: claims.Email, EmailVerified: claims.EmailVerified})
	if err != nil {
		if ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			s.renderError(w, r, err)
			return
		}
		s.log.Warn("sign-on: no account for the identity", "issuer", s.cfg.OIDC.Issuer(), "reason", ttdn.SignOnRefusal(err))
		s.signOnFailed(w, r, errSignOnUnknown, claims.PreferredUsername, ttdn.SignOnRefusal(err))
		return
	}
	if old := reqOf(r).session; old != "" {
		_ = s.cfg.Auth.DeleteSession(ctx, old)
	}
	// The provider proved who this is, but not with ttdn's second factor:
	// an account with TOTP on gives its code here as after a password.
	if u.TOTPEnabled && s.cfg.Accounts != nil {
		s.startSecondFactor(w, r, u, safeNext(string(nextB)))
		return
	}
	s.finishLogin(w, r, u, safeNext(string(nextB)))
}

// signOnFailed audits a refused sign-on (its reason, one of the codes
// auditValueWords puts into words, and the identity's
// user name when one was proved), counts it in the metrics and shows why.
// It is never sent to the log-in throttle: the provider guards its own
// passwords, and a refusal here locks nobody out.
func (s *Server) signOnFailed(w http.ResponseWriter, r *http.Request, err error, username, reason string) {
	if s.cfg.ObserveLoginFailure != nil {
		s.cfg.ObserveLoginFailure(ttdn.LoginSignOn)
	}
	if aerr := s.cfg.SignOn.SignOnRefused(r.Context(), username, reason); aerr != nil {
		s.renderError(w, r, aerr)
		return
	}
	s.renderSignOnError(w, r, err)
}

func (s *Server) renderSignOnError(w http.ResponseWriter, r *http.Request, err error) {
	s.renderWithError(w, r, err, "login", "login.title", loginView{SignOn: true})
}
