package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
)

// QueryTimeout is the default time limit of one Gizmo query.
const QueryTimeout = 10 * time.Second

// gizmoHandler is /query/gizmo: a read-only graph query in Cayley's Gizmo
// language over the store itself (not the snapshot), for researchers who
// want paths GraphQL does not offer. The query is the POST body (or
// {"query": "...", "limit": N} as JSON), or ?q= on GET; ?limit= lowers the
// result limit (store.DefaultGizmoLimits caps it). The answer is
// {"result": [...]} as in Cayley's own HTTP API, or an error with its
// status (errors.go).
func gizmoHandler(st *store.Store, timeout time.Duration, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim := store.DefaultGizmoLimits
		var q string
		switch r.Method {
		case http.MethodGet:
			q = r.URL.Query().Get("q")
		case http.MethodPost:
			b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(lim.Size)+1024))
			if err != nil {
				writeError(w, r, log, err)
				return
			}
			q = string(b)
			if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				var req struct {
					Query string `json:"query"`
					Limit int    `json:"limit"`
				}
				if err := json.Unmarshal(b, &req); err != nil {
					writeError(w, r, log, resgraph.Errorf(resgraph.EINVALID, "gizmo: bad JSON body: %v", err))
					return
				}
				q = req.Query
				if req.Limit > 0 {
					lim.Results = min(lim.Results, req.Limit)
				}
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			http.Error(w, "use GET ?q= or POST the query", http.StatusMethodNotAllowed)
			return
		}
		if l := r.URL.Query().Get("limit"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n <= 0 {
				writeError(w, r, log, resgraph.Errorf(resgraph.EINVALID, "gizmo: limit=%q: want a positive number", l))
				return
			}
			lim.Results = min(lim.Results, n)
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		res, err := st.Gizmo(ctx, q, lim)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"result": res})
	})
}
