package graph_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/resgraph/resgraph/graph"
)

// bothWays returns the handler NewHandler(snaps, cfg) makes, checked on
// every request against one that answers with gqlgen's generated executor
// alone (ServerConfig.GeneratedOnly): the status, the content type and
// every byte of the answer must be the same. Every test serving through
// server or maliServer so checks the compiled executor (compiled.go) on
// its own questions.
func bothWays(t testing.TB, snaps graph.Snapshots, cfg graph.ServerConfig) http.Handler {
	compiled := graph.NewHandler(snaps, cfg)
	gcfg := cfg
	gcfg.GeneratedOnly = true
	gcfg.Logger = slog.New(slog.DiscardHandler)
	gcfg.Observe = nil
	generated := graph.NewHandler(snaps, gcfg)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading the request: %v", err)
			return
		}
		serve := func(h http.Handler) *httptest.ResponseRecorder {
			rr := r.Clone(r.Context())
			rr.Body = io.NopCloser(bytes.NewReader(body))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, rr)
			return rec
		}
		want := serve(generated)
		got := serve(compiled)
		if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Errorf("%s %s %s: the compiled executor answers\n%d %s %s\nthe generated one\n%d %s %s",
				r.Method, r.URL.RawQuery, body,
				got.Code, got.Header().Get("Content-Type"), got.Body.Bytes(),
				want.Code, want.Header().Get("Content-Type"), want.Body.Bytes())
		}
		for k, v := range got.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(got.Code)
		w.Write(got.Body.Bytes())
	})
}
