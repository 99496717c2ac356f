package http

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"ttdn"
)

// problem is an error answer of the API, application/problem+json (RFC
// 9457), with ttdn's code, the message in Vietnamese and English, and the
// request field that is wrong when one is.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Instance  string `json:"instance,omitempty"`
	Code      string `json:"code"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"request_id,omitempty"` // for the help desk
}

// apiFieldError names the request field an error is about.
type apiFieldError struct {
	field string
	err   error
}

func (e *apiFieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *apiFieldError) Unwrap() error { return e.err }

// apiField attaches the request field name to err.
func apiField(field string, err error) error {
	if err == nil {
		return nil
	}
	return &apiFieldError{field: field, err: err}
}

// statusError is an error the transport decides the status of (412, 428,
// 415, 429), beside the domain's codes.
type statusError struct {
	status int
	err    *ttdn.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

func withStatus(status int, code, vi, en string, args ...any) error {
	return &statusError{status: status, err: ttdn.Errorf(code, vi, en, args...)}
}

// apiLang is the language of detail: Vietnamese, English for clients that
// ask for it first.
func apiLang(r *http.Request) string {
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Accept-Language")), "en") {
		return langEN
	}
	return langVI
}

// apiError writes err as a problem document with its mapped status.
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	s.logIfInternal(r, err)
	status := apiErrorStatus(err)
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ttdn"`)
	}
	code := ttdn.ErrorCode(err)
	p := problem{Type: "/api/v1/problems/" + code, Title: http.StatusText(status), Status: status,
		Detail: ttdn.ErrorMessage(err, apiLang(r)), Instance: r.URL.Path, Code: code,
		Message: ttdn.ErrorMessage(err, langVI), MessageEN: ttdn.ErrorMessage(err, langEN)}
	p.Field, p.RequestID = ttdn.ErrorField(err), requestID(r)
	var fe *apiFieldError
	if errors.As(err, &fe) {
		p.Field = fe.field
	}
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(p)
}
