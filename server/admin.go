package server

import (
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
)

// LoadRequest is the body of POST /admin/load, as `resgraph load -server`
// sends it.
type LoadRequest struct {
	Actors    []resgraph.Actor     `json:"actors,omitempty"` // when given, written first
	Documents []*resgraph.Document `json:"documents"`
}

// LoadResponse is its answer.
type LoadResponse struct {
	Loaded     int           `json:"loaded"`
	Failed     []LoadFailure `json:"failed"`
	Generation int64         `json:"generation"`
}

// LoadFailure is a document the server could not store, with a message
// safe to show.
type LoadFailure struct {
	Symbol resgraph.Symbol `json:"symbol,omitempty"`
	Error  string          `json:"error"`
}

// MaxLoadBody bounds a POST /admin/load body (the whole corpus as JSON is
// ~400 MB; load sends 64 documents at a time).
const MaxLoadBody = 256 << 20

// loadHandler is POST /admin/load: it writes the documents of a
// LoadRequest into st, each atomically, so readers never see half a
// document. Requests must carry "Authorization: Bearer <token>"; with an
// empty token the endpoint refuses everything. done runs after each
// request that reached the store.
func loadHandler(st *store.Store, token string, log *slog.Logger, done func()) http.Handler {
	log = log.With("component", "admin-load")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "use POST", http.StatusMethodNotAllowed)
			return
		}
		if token == "" {
			writeError(w, r, log, resgraph.Errorf(resgraph.EFORBIDDEN, "loading through this server is disabled: it has no admin token"))
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			writeError(w, r, log, resgraph.Errorf(resgraph.EUNAUTHORIZED, "missing or wrong bearer token"))
			return
		}
		var req LoadRequest
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxLoadBody)).Decode(&req); err != nil {
			if _, tooBig := err.(*http.MaxBytesError); !tooBig {
				err = resgraph.Errorf(resgraph.EINVALID, "bad load request: %v", err)
			}
			writeError(w, r, log, err)
			return
		}
		for _, d := range req.Documents {
			if d == nil {
				writeError(w, r, log, resgraph.Errorf(resgraph.EINVALID, "bad load request: null document"))
				return
			}
		}
		ctx := r.Context()
		defer done()
		if req.Actors != nil {
			if err := st.PutActors(ctx, req.Actors); err != nil {
				writeError(w, r, log, err)
				return
			}
		}
		resp := LoadResponse{Failed: []LoadFailure{}}
		for _, f := range st.ReplaceEach(ctx, req.Documents) {
			log.Warn("document not loaded", "symbol", f.Symbol, "err", f.Err)
			_, msg := status(f.Err)
			resp.Failed = append(resp.Failed, LoadFailure{Symbol: f.Symbol, Error: msg})
		}
		resp.Loaded = len(req.Documents) - len(resp.Failed)
		gen, err := st.Generation(ctx)
		if err != nil {
			log.Error("reading generation", "err", err)
		}
		resp.Generation = gen
		log.Info("loaded", "documents", resp.Loaded, "failed", len(resp.Failed), "generation", gen)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	})
}
