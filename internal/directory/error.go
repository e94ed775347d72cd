package directory

import (
	"errors"
	"fmt"
)

// Error codes a caller or user can act on. Anything else is internal.
const (
	EConflict     = "conflict"
	EInternal     = "internal"
	EInvalid      = "invalid"
	ENotFound     = "not_found"
	EUnauthorized = "unauthorized"
	EForbidden    = "forbidden"
	EUnavailable  = "unavailable"
	ETooLarge     = "too_large"
	// EUnsupported is a request in a media type the endpoint does not read.
	EUnsupported = "unsupported_media_type"
)

// Error is an application error whose Message is safe to show to a user.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("directory error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an [*Error] with the given code and a formatted user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the [*Error] wrapped in err, "" for nil, and [EInternal] for any
// other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of the [*Error] wrapped in err, or a generic one
// for internal errors so that no detail leaks.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
