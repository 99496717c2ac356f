package http

import (
	"errors"
	"net/http"
	"runtime/debug"

	"ttdn"
)

// errorStatus is the one mapping from ttdn error codes to HTTP statuses.
// Invalid input is 422 on a form that was understood but refused, and 400 in
// the API (where the request itself is malformed by the client).
func errorStatus(err error) int {
	switch ttdn.ErrorCode(err) {
	case ttdn.EINVALID:
		return http.StatusUnprocessableEntity
	case ttdn.ENOTFOUND:
		return http.StatusNotFound
	case ttdn.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case ttdn.EFORBIDDEN:
		return http.StatusForbidden
	case ttdn.ECONFLICT:
		return http.StatusConflict
	case ttdn.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// apiErrorStatus is errorStatus for the API, where bad input is 400.
func apiErrorStatus(err error) int {
	if ttdn.ErrorCode(err) == ttdn.EINVALID {
		return http.StatusBadRequest
	}
	return errorStatus(err)
}

func (s *Server) logIfInternal(r *http.Request, err error) {
	if ttdn.ErrorCode(err) == ttdn.EINTERNAL {
		s.log.Error("internal error", "request_id", requestID(r), "method", r.Method, "route", routeOf(r), "err", err)
	}
}

// renderError shows the error page; an expired session goes to log-in.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	if ttdn.ErrorCode(err) == ttdn.EUNAUTHORIZED && reqOf(r).user == nil {
		s.redirectToLogin(w, r)
		return
	}
	s.renderWithError(w, r, err, "error", "error.title", nil)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	err := ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu.", "The page you asked for was not found.")
	if isAPI(r) {
		s.apiError(w, r, err)
		return
	}
	s.renderError(w, r, err)
}

var errNotFound = ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy bản ghi.", "Record not found.")

func stack() string { return string(debug.Stack()) }

// isCode reports whether err carries code.
func isCode(err error, code string) bool {
	var e *ttdn.Error
	return errors.As(err, &e) && e.Code == code
}
