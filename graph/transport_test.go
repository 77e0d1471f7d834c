package graph

import (
	"bytes"
	"cmp"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

// TestPOSTTransportIsGqlgens sends the same requests to the handler with
// postTransport and with gqlgen's transport.POST in its place: each must
// get the same status, content type and answer (the answer as
// encoding/json writes it: transport.POST also escapes <, > and & in
// strings; postTransport writes them as they are). It fails when a change
// of gqlgen's transport makes the two differ.
func TestPOSTTransportIsGqlgens(t *testing.T) {
	snaps := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	cfg := ServerConfig{CacheEntries: -1, MaxDepth: 6}.withDefaults()
	res := &Resolver{Snapshots: snaps}
	es := newCompiledSchema(NewExecutableSchema(Config{Resolvers: res, Complexity: complexity()}), res, cfg.Logger, NewHandler(snaps, cfg).metrics.fallbacks)
	ours := newGraphQLServer(es, snaps, cfg, postTransport{})
	gqlgens := newGraphQLServer(es, snaps, cfg, transport.POST{})

	q := func(query string) string { b, _ := json.Marshal(map[string]any{"query": query}); return string(b) }
	for _, tc := range []struct{ name, body, ctype, accept string }{
		{"a query", q(`{ obligations(filter: {actor: "Secretary-General"}, first: 50) { totalCount edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } } pageInfo { hasNextPage endCursor } } }`), "", ""},
		{"a query, graphql-response+json", q(`{ obligations(filter: {actor: "Secretary-General"}, first: 50) { totalCount edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } } pageInfo { hasNextPage endCursor } } }`), "", "application/graphql-response+json"},
		{"a query, accepting anything", q(`{ stats { documents } }`), "", "*/*"},
		{"a query, accepting something else", q(`{ stats { documents } }`), "", "text/html"},
		{"with variables and an operation name", `{"query":"query Q($a: String) { actor(name: $a) { id name } }","operationName":"Q","variables":{"a":"AU"}}`, "", ""},
		{"strings with <, > and &", q(`{ suggest(text: "<b>&</b>") { id label } }`), "", ""},
		{"a content type with parameters", q(`{ stats { documents } }`), "application/json; charset=utf-8", ""},
		{"a resolver error", q(`{ obligations(first: 501) { totalCount } }`), "", ""},
		{"a resolver error in a list", q(`{ actors(first: 1) { edges { node { obligations(first: 501) { totalCount } } } } }`), "", ""},
		{"a syntax error", q(`{ stats {`), "", ""},
		{"a syntax error, graphql-response+json", q(`{ stats {`), "", "application/graphql-response+json"},
		{"an unknown field", q(`{ nothing }`), "", ""},
		{"too deep", q(`{ actor(name: "AU") { parts { parts { parts { parts { parts { parts { id } } } } } } } }`), "", ""},
		{"an unknown operation name", `{"query":"query A { stats { documents } }","operationName":"B"}`, "", ""},
		{"a missing variable", `{"query":"query($s: String!) { document(symbol: $s) { title } }"}`, "", ""},
		{"a persisted query not known", `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`, "", ""},
		{"no query", `{}`, "", ""},
		{"malformed JSON", `{"query": `, "", ""},
		{"not an object", `[1, 2]`, "", ""},
		{"an empty body", ``, "", ""},
		{"a body with trailing bytes", q(`{ stats { documents } }`) + ` trailing`, "", ""},
		{"escapes in the body", `{"query":"{ suggest(text: \"\u00e9\\u00e9\") { id } }"}`, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			send := func(h http.Handler) *httptest.ResponseRecorder {
				req := httptest.NewRequest("POST", "/graphql", strings.NewReader(tc.body))
				req.Header.Set("Content-Type", cmp.Or(tc.ctype, "application/json"))
				if tc.accept != "" {
					req.Header.Set("Accept", tc.accept)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			got, want := send(ours), send(gqlgens)
			var escaped bytes.Buffer
			json.HTMLEscape(&escaped, got.Body.Bytes())
			if got.Code != want.Code || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") || !bytes.Equal(escaped.Bytes(), want.Body.Bytes()) {
				t.Errorf("postTransport answers\n%d %s %s\ntransport.POST\n%d %s %s",
					got.Code, got.Header().Get("Content-Type"), got.Body, want.Code, want.Header().Get("Content-Type"), want.Body)
			}
			if cl := got.Header().Get("Content-Length"); cl != "" && cl != strconv.Itoa(got.Body.Len()) {
				t.Errorf("Content-Length %s, body %d bytes", cl, got.Body.Len())
			}
		})
	}
}
