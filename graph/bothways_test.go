package graph_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
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
		if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || !sameAnswer(got.Body.Bytes(), want.Body.Bytes()) {
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

// sameAnswer reports whether two answers are the same bytes, or differ
// only in the order of their errors. gqlgen's generated executor marshals
// the elements of a list concurrently, so errors raised in several
// elements come in any order; the compiled executor hands every answer
// with errors to it.
func sameAnswer(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	type answer struct {
		Data       json.RawMessage   `json:"data"`
		Errors     []json.RawMessage `json:"errors"`
		Extensions json.RawMessage   `json:"extensions"`
	}
	var x, y answer
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil || len(x.Errors) < 2 {
		return false
	}
	sorted := func(es []json.RawMessage) []string {
		var s []string
		for _, e := range es {
			s = append(s, string(e))
		}
		slices.Sort(s)
		return s
	}
	return bytes.Equal(x.Data, y.Data) && bytes.Equal(x.Extensions, y.Extensions) && slices.Equal(sorted(x.Errors), sorted(y.Errors))
}
