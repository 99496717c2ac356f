package http

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"ttdn"
)

// contentSecurityPolicy allows nothing from outside the server: the system
// runs on isolated government networks and loads no third-party code.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status and the size of the body for the
// request log and the metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// routeOf is the pattern the request matched without its method
// ("/plans/{id}"): a bounded set of values, unlike the path, which may also
// carry a secret (a calendar feed's token). Requests no route matched
// (redirects the mux made itself) are "other".
func routeOf(r *http.Request) string {
	p := r.Pattern
	if _, rest, ok := strings.Cut(p, " "); ok {
		p = rest
	}
	if p == "" {
		return "other"
	}
	return p
}

// logRequests logs one line per request: its id, method, route pattern,
// status, duration, body size, user id and address. It logs neither paths,
// query strings, headers nor bodies: they may carry search terms,
// passwords, session cookies or tokens.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		r, info := s.withRequestInfo(r)
		w.Header().Set(requestIDHeader, info.id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		elapsed := time.Since(start)
		route := routeOf(r)
		if s.cfg.ObserveRequest != nil {
			s.cfg.ObserveRequest(r.Method, route, rec.status, elapsed)
		}
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			return
		}
		attrs := []slog.Attr{slog.String("request_id", info.id), slog.String("method", r.Method),
			slog.String("route", route), slog.Int("status", rec.status),
			slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000), slog.Int64("bytes", rec.bytes),
			slog.String("addr", clientAddr(r))}
		if info.userID != 0 {
			attrs = append(attrs, slog.Int64("user", info.userID))
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "http", attrs...)
	})
}

// recoverPanics turns a panic into the 500 page (or JSON error); the stack
// goes to the log, never to the user.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "request_id", requestID(r), "route", routeOf(r), "panic", v, "stack", stack())
				err := ttdn.Errorf(ttdn.EINTERNAL, "panic", "panic")
				if isAPI(r) {
					s.apiError(w, r, err)
					return
				}
				s.renderError(w, r, err)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// uiOptions tunes uiMiddleware per route.
type uiOptions struct {
	auth      bool  // anonymous visitors are sent to the log-in page
	bodyLimit int64 // 0 means maxFormBytes
	// onFormError answers a POST whose body could not be read (too large,
	// malformed); nil means the error page.
	onFormError func(w http.ResponseWriter, r *http.Request, err error)
}

// uiMiddleware prepares a UI request: the session user, the language, the
// body limit, the CSRF check on every POST, and the acting user and address
// on the context.
func (s *Server) uiMiddleware(next http.HandlerFunc, opt uiOptions) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := ttdn.NewContextWithAddr(r.Context(), clientAddr(r))
		req := &request{lang: langOf(r)}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			if u, err := s.cfg.Auth.FindSessionUser(ctx, c.Value); err == nil {
				req.user, req.session = u, c.Value
				setRequestUser(r, u.ID)
				ctx = ttdn.NewContextWithUser(ctx, u)
			}
		}
		ctx = context.WithValue(ctx, requestKey{}, req)
		r = r.WithContext(ctx)
		if opt.auth && req.user == nil {
			s.redirectToLogin(w, r)
			return
		}
		if opt.auth && s.mustEnrol(r, req.user) {
			s.redirect(w, r, "/account/totp")
			return
		}
		if r.Method == http.MethodPost && !s.checkPost(w, r, req, opt) {
			return
		}
		next(w, r)
	})
}

// checkPost reads the form within its limit and checks CSRF; on failure it
// answers and returns false.
func (s *Server) checkPost(w http.ResponseWriter, r *http.Request, req *request, opt uiOptions) bool {
	if err := crossOrigin.Check(r); err != nil {
		s.renderError(w, r, errCSRF)
		return false
	}
	limit := opt.bodyLimit
	if limit <= 0 {
		limit = maxFormBytes
	}
	limitBody(w, r, limit)
	if err := parseForm(r, limit); err != nil {
		if opt.onFormError != nil {
			opt.onFormError(w, r, err)
		} else {
			s.renderError(w, r, err)
		}
		return false
	}
	if !s.validCSRF(r, req) {
		s.renderError(w, r, errCSRF)
		return false
	}
	return true
}

// parseForm parses a urlencoded or multipart body, translating a body over
// its limit into ETOOLARGE and a garbled one into EINVALID.
func parseForm(r *http.Request, limit int64) error {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(limit)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		cleanForm(r)
		return nil
	case errors.As(err, &tooBig):
		return ttdn.Errorf(ttdn.ETOOLARGE, "Dữ liệu gửi lên vượt quá giới hạn %s.", "The data sent is over the %s limit.", formatBytes(tooBig.Limit))
	}
	return ttdn.Errorf(ttdn.EINVALID, "Không đọc được dữ liệu biểu mẫu gửi lên.", "The form data could not be read.")
}

// request is what the UI middleware learned about a request.
type request struct {
	user    *ttdn.User
	session string // raw session token, for logout and the CSRF token
	lang    string
}

type requestKey struct{}

// reqOf returns the request state; outside the UI middleware an empty one.
func reqOf(r *http.Request) *request {
	if v, ok := r.Context().Value(requestKey{}).(*request); ok {
		return v
	}
	return &request{lang: langOf(r)}
}

// limitBody caps the request body; reading past it fails with
// *http.MaxBytesError, which tooLarge recognises.
func limitBody(w http.ResponseWriter, r *http.Request, n int64) {
	r.Body = http.MaxBytesReader(w, r.Body, n)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }
