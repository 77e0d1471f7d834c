package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/resgraph/resgraph"
)

// status maps err to the HTTP status and the message a client may see:
// the message of a domain error, never the text of an internal one.
func status(err error) (int, string) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return http.StatusRequestEntityTooLarge, "request body too large: send fewer documents per request"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the request took too long and was stopped"
	case errors.Is(err, context.Canceled):
		return 499, "the request was canceled" // nginx's "client closed request": nobody reads it
	}
	switch resgraph.ErrorCode(err) {
	case resgraph.EINVALID:
		return http.StatusBadRequest, resgraph.ErrorMessage(err)
	case resgraph.ENOTFOUND:
		return http.StatusNotFound, resgraph.ErrorMessage(err)
	case resgraph.ECONFLICT:
		return http.StatusConflict, resgraph.ErrorMessage(err)
	case resgraph.EUNAUTHORIZED:
		return http.StatusUnauthorized, resgraph.ErrorMessage(err)
	case resgraph.EFORBIDDEN:
		return http.StatusForbidden, resgraph.ErrorMessage(err)
	case resgraph.ETIMEOUT:
		return http.StatusServiceUnavailable, resgraph.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

// writeError answers r with err's status and client-safe message, as plain
// text, and logs internal errors with their full text.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	code, msg := status(err)
	if code >= 500 {
		log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="resgraph admin"`)
	}
	http.Error(w, msg, code)
}
