package resgraph

import (
	"errors"
	"fmt"
)

// Error codes. Anything that is not an *Error counts as EINTERNAL.
const (
	ENOTFOUND = "not_found"
	EINVALID  = "invalid"
	ECONFLICT = "conflict"
	EINTERNAL = "internal"
	// EUNAUTHORIZED: the request carries no valid credentials.
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: the operation is disabled for everyone on this server.
	EFORBIDDEN = "forbidden"
	// ETIMEOUT: the operation ran out of its time limit.
	ETIMEOUT = "timeout"
)

// Error is the domain error: a code for machines and a message that is safe
// to show to users.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or
// EINTERNAL; "" for a nil error.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the message of its
// *Error, or a generic text for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "internal error"
}
