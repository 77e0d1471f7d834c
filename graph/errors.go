package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/resgraph/resgraph"
)

// ETIMEOUT is the extensions.code of an operation that ran out of time.
const ETIMEOUT = "timeout"

// ErrorPresenter returns the one error presenter of the API. It maps a
// resgraph.Error's code to extensions.code and shows its message; any other
// error is internal: it is logged with its path and shown only as
// "internal error". Errors gqlgen itself makes (bad arguments, unknown
// fields) pass through unchanged: they describe the request, not the server.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		path := graphql.GetPath(ctx)
		var gq *gqlerror.Error
		if errors.As(err, &gq) {
			if gq.Err == nil {
				return gq // made by gqlgen from the request
			}
			if len(gq.Path) > 0 {
				path = gq.Path
			}
		}
		out := &gqlerror.Error{Err: err, Path: path, Extensions: map[string]any{}}
		if gq != nil {
			out.Locations = gq.Locations
		}
		code := resgraph.ErrorCode(err)
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			code, out.Message = ETIMEOUT, "the request took too long and was stopped"
		case errors.Is(err, context.Canceled):
			code, out.Message = ETIMEOUT, "the request was canceled"
		case code == resgraph.EINTERNAL:
			out.Message = "internal error"
			log.ErrorContext(ctx, "internal error", LogPath, path.String(), LogErr, err)
		default:
			out.Message = resgraph.ErrorMessage(err)
		}
		out.Extensions["code"] = code
		return out
	}
}

// RecoverFunc turns a panic in a resolver into a logged internal error.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", LogPath, graphql.GetPath(ctx).String(), LogErr, fmt.Sprint(p))
		return resgraph.Errorf(resgraph.EINTERNAL, "internal error")
	}
}

// Log attribute keys of this package.
const (
	LogPath      = "path"
	LogErr       = "err"
	LogOperation = "operation"
	LogDuration  = "duration"
	LogReason    = "reason"
	LogDetail    = "detail"
	LogCount     = "count"
	LogStack     = "stack"
)
