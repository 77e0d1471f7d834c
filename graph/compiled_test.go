package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

// TestCompiledTypesInSchema checks compiledTypes against the schema: every
// type and field it names exists, and the types of its object fields are
// compiled too.
func TestCompiledTypesInSchema(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	for typ, ct := range compiledTypes {
		def := schema.Types[typ]
		if def == nil || def.Kind != ast.Object {
			t.Errorf("compiledTypes[%q]: no such object type", typ)
			continue
		}
		if len(ct.implementors) != 1 || ct.implementors[0] != typ {
			t.Errorf("compiledTypes[%q]: implementors %q", typ, ct.implementors)
		}
		for name := range ct.fields {
			f := def.Fields.ForName(name)
			if f == nil {
				t.Errorf("compiledTypes[%q][%q]: no such field", typ, name)
				continue
			}
			if child := schema.Types[f.Type.Name()]; child.Kind == ast.Object {
				if _, ok := compiledTypes[child.Name]; !ok {
					t.Errorf("%s.%s: its type %s is not compiled", typ, name, child.Name)
				}
			}
		}
	}
}

// TestCompiledFieldsAreCurrent checks that compiled_fields.go is what
// internal/fieldgen writes from the schema and gqlgen.yml.
func TestCompiledFieldsAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run ./graph/internal/fieldgen")
	}
	cmd := exec.Command("go", "run", "./graph/internal/fieldgen", "-check")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

// fullSelection selects every compiled field of typ, following object
// fields depth levels down (below that, only their __typename). Fields
// with required arguments get the arguments in args.
func fullSelection(schema *ast.Schema, typ string, depth int, args map[string]string) string {
	var names []string
	for name := range compiledTypes[typ].fields {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("{ __typename")
	for _, name := range names {
		f := schema.Types[typ].Fields.ForName(name)
		b.WriteString(" " + name + args[typ+"."+name])
		if schema.Types[f.Type.Name()].Kind == ast.Object {
			if depth > 0 {
				b.WriteString(" " + fullSelection(schema, f.Type.Name(), depth-1, args))
			} else {
				b.WriteString(" { __typename }")
			}
		}
	}
	b.WriteString(" }")
	return b.String()
}

// TestCompiledAnswersEveryField asks, for every compiled type, a question
// selecting all its compiled fields (and those of the objects they lead
// to), with aliases, fragments and directives, and checks that the compiled
// executor answers it, with the generated executor's bytes.
// MaliFiles are four real Mali resolutions of the corpus (under
// unxml-sc), for this package's tests (corpus_test.go too).
var MaliFiles = []string{"Pre-2020/2012/S_RES_2056_N1240613.xml", "Pre-2020/2012/S_RES_2071_N1254679.xml",
	"Pre-2020/2012/S_RES_2085_N1266067.xml", "Pre-2020/2013/S_RES_2100_1331417e.xml"}

func TestCompiledAnswersEveryField(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		checkEveryField(t, query.Build(querytest.Seed(), querytest.Actors()), "S/2012/946")
	})
	t.Run("corpus", func(t *testing.T) {
		// Real documents have what the seed lacks: votes, subjects,
		// footnotes, citations both ways.
		dir := testcorpus.AKN(t)
		reg, err := corpusdocs.Registry()
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range MaliFiles {
			paths = append(paths, filepath.Join(dir, f))
		}
		docs, err := corpusdocs.Files(reg, paths...)
		if err != nil {
			t.Fatal(err)
		}
		checkEveryField(t, query.Build(docs, reg.Actors()), "S/RES/2085 (2012)")
	})
}

func checkEveryField(t *testing.T, s *query.Snapshot, symbol string) {
	snaps := query.NewLive(s)
	cfg := ServerConfig{CacheEntries: -1, MaxComplexity: 1 << 30, MaxDepth: 64}
	h := NewHandler(snaps, cfg)
	compiled := h.compiled
	cfg.GeneratedOnly = true
	generated := NewHandler(snaps, cfg)
	schema := NewExecutableSchema(Config{}).Schema()
	args := map[string]string{"Document.paragraph": `(id: "op9(a)")`}
	full := func(typ string, depth int) string { return fullSelection(schema, typ, depth, args) }

	ask := func(h http.Handler, q string, vars map[string]any) []byte {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		b, _ := io.ReadAll(rec.Body)
		return b
	}
	sg := ask(h, `query($s: String!) { obligations(first: 1) { edges { node { id } } } document(symbol: $s) { stances { id } } }`, map[string]any{"s": symbol})
	var ids struct {
		Data struct {
			Obligations struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Document struct{ Stances []struct{ ID string } }
		}
	}
	if err := json.Unmarshal(sg, &ids); err != nil || len(ids.Data.Obligations.Edges) == 0 || len(ids.Data.Document.Stances) == 0 {
		t.Fatalf("no obligation or stance ids in %s (%v)", sg, err)
	}
	for _, tc := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"obligations", `{ obligations(first: 40) ` + full("ObligationConnection", 3) + ` }`, nil},
		{"obligations filtered, with variables", `query Q($f: ObligationFilter, $n: Int) { obligations(filter: $f, first: $n) ` + full("ObligationConnection", 2) + ` }`,
			map[string]any{"f": map[string]any{"actor": "AU", "chapterVII": true}, "n": 5}},
		{"actors", `{ actors(first: 50) ` + full("ActorConnection", 3) + ` }`, nil},
		{"actor", `{ actor(name: "AU") ` + full("Actor", 3) + ` }`, nil},
		{"unknown actor", `{ actor(name: "nobody") { id } }`, nil},
		{"documents", `{ documents(first: 5, order: NEWEST_FIRST) ` + full("DocumentConnection", 3) + ` }`, nil},
		{"document", `query($s: String!) { document(symbol: $s) ` + full("Document", 3) + ` }`, map[string]any{"s": symbol}},
		{"obligation", `query($id: ID!) { obligation(id: $id) ` + full("Obligation", 2) + ` }`, map[string]any{"id": ids.Data.Obligations.Edges[0].Node.ID}},
		{"stance", `query($id: ID!) { stance(id: $id) ` + full("Stance", 2) + ` }`, map[string]any{"id": ids.Data.Document.Stances[0].ID}},
		{"neighbourhood", `{ neighbourhood(id: "African Union", depth: 2) ` + full("Subgraph", 2) + ` }`, nil},
		{"neighbourhood summary", `{ a: neighbourhoodSummary(id: "African Union", depth: 2, top: 3) ` + full("NeighbourhoodSummary", 2) + ` b: neighbourhoodSummary(id: "Secretary-General", top: 0, groupBy: KIND) ` + full("NeighbourhoodSummary", 2) + ` }`, nil},
		{"obligations ordered", `{ actor(name: "Secretary-General") { obligations(first: 5, order: {by: VERB, descending: true}) ` + full("ObligationConnection", 2) + ` } obligations(first: 3, order: {by: DATE}) { totalCount } }`, nil},
		{"shortest path", `{ shortestPath(from: "actor:ecowas", to: "actor:secretary-general") ` + full("Subgraph", 2) + ` }`, nil},
		{"suggest", `{ suggest(text: "Mali") ` + full("Suggestion", 2) + ` }`, nil},
		{"search", `{ search(text: "Secretary-General report", first: 5) ` + full("SearchHit", 2) + ` }`, nil},
		{"counts", `{ a: counts(by: ACTOR) { ...B } v: counts(by: VERB, filter: {actor: "SG"}) { ...B } y: counts(by: YEAR) { ...B } }
			fragment B on CountBucket { key label count }`, nil},
		{"stats", `{ stats ` + full("Stats", 1) + ` }`, nil},
		{"measures", `{ o: measures(view: OBLIGATIONS, first: 5) ` + full("NetworkMeasures", 2) + ` c: measures(view: COADDRESSEE, orderBy: DEGREE) ` + full("NetworkMeasures", 2) + ` }`, nil},
		{"aliases and fragments", `query { a: obligations(first: 3) { ...C } b: obligations(first: 2, after: null) { ...C totalCount } }
			fragment C on ObligationConnection { edges { node { ... on Obligation { v: verb verb } document { symbol } } } pageInfo { endCursor } }`, nil},
		{"include and skip", `query($yes: Boolean!) { obligations(first: 2) { totalCount @include(if: $yes) edges @skip(if: $yes) { cursor } pageInfo @include(if: false) { hasNextPage } } }`,
			map[string]any{"yes": true}},
		{"strings needing escapes", `{ suggest(text: "\"\\\n\t<>&é") { id label } }`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := compiled.compiled.Load()
			got := ask(h, tc.query, tc.vars)
			if compiled.compiled.Load() != before+1 {
				t.Errorf("the compiled executor did not answer %s: %s", tc.query, got)
			}
			if want := ask(generated, tc.query, tc.vars); !bytes.Equal(got, want) {
				t.Errorf("compiled answer\n%s\ngenerated answer\n%s", got, want)
			}
			if bytes.Contains(got, []byte(`"errors"`)) || len(got) < 20 {
				t.Errorf("answer %s", got)
			}
		})
	}
}

// TestCompiledHandsOverWhatItCannotAnswer checks that operations the plan
// cannot answer go to the generated executor, are counted by reason in
// resgraph_graphql_compiled_fallbacks_total and logged once per reason
// and detail.
func TestCompiledHandsOverWhatItCannotAnswer(t *testing.T) {
	snaps := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	stats := compiledTypes["Query"].fields["stats"]
	for _, tc := range []struct {
		query, reason, detail string
		cfg                   ServerConfig
		es                    func(graphql.ExecutableSchema) graphql.ExecutableSchema
		writer                fieldWriter
	}{
		{query: `{ obligations(first: 1, after: "not a cursor") { totalCount } }`, reason: fallbackResolverError, detail: "Query.obligations: invalid"},
		{query: `{ obligations(first: 501) { totalCount } }`, reason: fallbackResolverError, detail: "Query.obligations: invalid"},
		{query: `{ __schema { queryType { name } } }`, reason: fallbackIntrospection, detail: "Query.__schema"},
		{query: `{ obligations(first: 1) { ... @defer { totalCount } } }`, reason: fallbackDefer, detail: "ObligationConnection.totalCount"},
		{query: `{ stats { documents } }`, reason: fallbackTimeout, detail: "context deadline exceeded", cfg: ServerConfig{Timeout: 1}},
		{query: `{ stats { documents } }`, reason: fallbackInternal, detail: "the executable schema is a struct { graphql.ExecutableSchema }, not generated.go's",
			es: func(es graphql.ExecutableSchema) graphql.ExecutableSchema {
				return struct{ graphql.ExecutableSchema }{es}
			}},
		{query: `{ stats { documents } }`, reason: fallbackPanic, detail: "Query.stats: a bug",
			writer: func(*execution, []byte, any, *planField, *planObject) ([]byte, error) { panic("a bug") }},
	} {
		t.Run(tc.reason, func(t *testing.T) {
			var logs bytes.Buffer
			cfg := tc.cfg
			cfg.CacheEntries = -1
			cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			h := NewHandler(snaps, cfg)
			if tc.es != nil {
				h.compiled.ExecutableSchema = tc.es(h.compiled.ExecutableSchema)
			}
			if tc.writer != nil {
				compiledTypes["Query"].fields["stats"] = tc.writer
				defer func() { compiledTypes["Query"].fields["stats"] = stats }()
			}
			for range 2 {
				body, _ := json.Marshal(map[string]any{"query": tc.query})
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
			}
			if n := h.compiled.generated.Load(); n != 2 {
				t.Errorf("%d of 2 handed to the generated executor", n)
			}
			if n := metricValue(t, h, "resgraph_graphql_compiled_fallbacks_total", tc.reason); n != 2 {
				t.Errorf("fallbacks{reason=%q} = %v, want 2", tc.reason, n)
			}
			if n := strings.Count(logs.String(), "reason="+tc.reason); n != 1 {
				t.Errorf("logged %d times, want once:\n%s", n, logs.String())
			}
			if !strings.Contains(logs.String(), tc.detail) {
				t.Errorf("the log does not say %q:\n%s", tc.detail, logs.String())
			}
		})
	}
	if n := metricValue(t, NewHandler(snaps, ServerConfig{}), "resgraph_graphql_compiled_executor_enabled", ""); n != 1 {
		t.Errorf("resgraph_graphql_compiled_executor_enabled = %v, want 1", n)
	}
	if n := metricValue(t, NewHandler(snaps, ServerConfig{GeneratedOnly: true}), "resgraph_graphql_compiled_executor_enabled", ""); n != 0 {
		t.Errorf("with GeneratedOnly, resgraph_graphql_compiled_executor_enabled = %v, want 0", n)
	}
}

// metricValue returns the value of the metric name of h's Collector (the
// series with that reason label, if reason is set), 0 when absent.
func metricValue(t *testing.T, h *Handler, name, reason string) float64 {
	t.Helper()
	reg := prometheus.NewRegistry()
	reg.MustRegister(h.Collector())
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range families {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if reason != "" && (len(m.GetLabel()) != 1 || m.GetLabel()[0].GetValue() != reason) {
				continue
			}
			if c := m.GetCounter(); c != nil {
				return c.GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

// TestAppendStringIsGqlgens compares appendString with graphql.MarshalString
// on strings that need escapes, and on bytes that are not UTF-8.
func TestAppendStringIsGqlgens(t *testing.T) {
	for _, s := range []string{"", "plain", `say "no"`, `back\slash`, "tab\tcr\rnl\n", "\x00\x01\x1f\x7f", "é ü 中文 🙂", "bad \xff\xfe utf-8", "<script>&amp;</script>", "\u2028\u2029"} {
		var want bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		if got := appendString(nil, s); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("appendString(%q) = %s, gqlgen writes %s", s, got, want.Bytes())
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		buf := make([]byte, rng.IntN(40))
		for i := range buf {
			const alphabet = "a\"\\\n\t\x00\x1f !#[]\x7f\x80\xc3\xa9\xdf\xff\xe2\x80"
			buf[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var want bytes.Buffer
		graphql.MarshalString(string(buf)).MarshalGQL(&want)
		if got := appendString(nil, string(buf)); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("appendString(%q) = %s, gqlgen writes %s", buf, got, want.Bytes())
		}
	}
	for _, f := range []float64{0, 1, -1.5, 0.1, 1e6, 1e21, 1.0 / 3, 123456789.125, 1e-7} {
		var want bytes.Buffer
		graphql.MarshalFloat(f).MarshalGQL(&want)
		if b, ok := jsonFloat(nil, f); !ok || !bytes.Equal(b, want.Bytes()) {
			t.Errorf("float %v: %s, gqlgen writes %s", f, b, want.Bytes())
		}
	}
}

// TestExplorerQueriesAreCompiled checks that every query of the explorer
// (web/static/api.js, whose string constants are expanded here as the page
// expands them) is answered by the compiled executor.
func TestExplorerQueriesAreCompiled(t *testing.T) {
	src, err := os.ReadFile("../web/static/api.js")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)const ([A-Z_]+) = (?:`([^`]*)`|'([^']*)');").FindAllStringSubmatch(string(src), -1) {
		consts[m[1]] = m[2] + m[3]
	}
	ref := regexp.MustCompile(`\$\{([A-Z_]+)\}`)
	expand := func(s string) string {
		for range 5 {
			s = ref.ReplaceAllStringFunc(s, func(r string) string { return consts[r[2:len(r)-1]] })
		}
		return s
	}
	schema := NewExecutableSchema(Config{}).Schema()
	n := 0
	for name, q := range consts {
		if !strings.HasPrefix(q, "query ") {
			continue
		}
		n++
		q = expand(q)
		doc, errs := gqlparser.LoadQuery(schema, q)
		if errs != nil {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		oc := &graphql.OperationContext{RawQuery: q, Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{}}
		if _, why := compileObject(oc, oc.Operation.SelectionSet, "Query", 0); why != nil {
			t.Errorf("%s is not compiled (%s):\n%s", name, why, q)
		}
	}
	if n < 10 {
		t.Errorf("found %d queries in api.js", n)
	}
}
