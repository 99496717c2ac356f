// Package ttdn holds the domain of the ttdn system: the units of a province, its
// yearly external-information (thông tin đối ngoại) plans, their tasks and
// responsibilities, the users who carry them out, and the one access policy that
// decides who may see or change what.
//
// The package imports only the standard library. Storage, HTTP and parsing live in
// subpackages that depend on it, never the other way round.
package ttdn

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in the http package.
const (
	ECONFLICT     = "conflict"     // the record changed since it was read (optimistic concurrency)
	EINTERNAL     = "internal"     // a fault of ours, never of the user
	EINVALID      = "invalid"      // bad input
	ENOTFOUND     = "not_found"    // no such record, or one the user may not see
	EUNAUTHORIZED = "unauthorized" // not logged in
	EFORBIDDEN    = "forbidden"    // logged in but not allowed
	ETOOLARGE     = "too_large"    // an upload or request over its limit
)

// Error is the one error type that crosses package boundaries. Message is
// Vietnamese (the UI language) and MessageEN its English translation; both are
// written for the official using the system, not for a programmer.
type Error struct {
	Code      string
	Message   string
	MessageEN string
	// Field names the form field the error is about ("title", "deadline"),
	// so a form can mark it and put the message beside it; "" for none.
	Field string
}

// On records the form field e is about and returns e.
func (e *Error) On(field string) *Error {
	e.Field = field
	return e
}

// ErrorField returns the form field the *Error inside err is about ("" for
// none).
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

func (e *Error) Error() string {
	if e.MessageEN != "" {
		return fmt.Sprintf("ttdn error: code=%s message=%s", e.Code, e.MessageEN)
	}
	return fmt.Sprintf("ttdn error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with a Vietnamese message and its English translation.
func Errorf(code, vi, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(vi, args...), MessageEN: fmt.Sprintf(en, args...)}
}

// ErrorCode returns the code of the *Error inside err, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err in the language lang
// ("vi" or "en"). Internal errors get a generic message: their details are for
// the log, not the user.
func ErrorMessage(err error, lang string) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		if lang == "en" && e.MessageEN != "" {
			return e.MessageEN
		}
		return e.Message
	}
	if lang == "en" {
		return "An internal error occurred. Please try again or contact the administrator."
	}
	return "Đã xảy ra lỗi hệ thống. Vui lòng thử lại hoặc liên hệ quản trị viên."
}
