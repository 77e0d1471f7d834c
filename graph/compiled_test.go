package graph

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
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
	h, compiled := newHandler(snaps, cfg)
	cfg.GeneratedOnly = true
	generated, _ := newHandler(snaps, cfg)
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
		{"shortest path", `{ shortestPath(from: "actor:ecowas", to: "actor:secretary-general") ` + full("Subgraph", 2) + ` }`, nil},
		{"suggest", `{ suggest(text: "Mali") ` + full("Suggestion", 2) + ` }`, nil},
		{"search", `{ search(text: "Secretary-General report", first: 5) ` + full("SearchHit", 2) + ` }`, nil},
		{"counts", `{ a: counts(by: ACTOR) { ...B } v: counts(by: VERB, filter: {actor: "SG"}) { ...B } y: counts(by: YEAR) { ...B } }
			fragment B on CountBucket { key label count }`, nil},
		{"stats", `{ stats ` + full("Stats", 1) + ` }`, nil},
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
// cannot answer (unknown fields, errors, introspection, @defer) go to the
// generated executor and get its answer.
func TestCompiledHandsOverWhatItCannotAnswer(t *testing.T) {
	snaps := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	h, compiled := newHandler(snaps, ServerConfig{CacheEntries: -1})
	for _, q := range []string{
		`{ measures(view: OBLIGATIONS) { nodeCount } }`,                   // a field it does not know
		`{ obligations(first: 1, after: "not a cursor") { totalCount } }`, // a resolver error
		`{ __schema { queryType { name } } }`,                             // introspection
		`{ obligations(first: 1) { ... @defer { totalCount } } }`,         // @defer
	} {
		before := compiled.generated.Load()
		body, _ := json.Marshal(map[string]any{"query": q})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if compiled.generated.Load() != before+1 {
			t.Errorf("%s: not handed to the generated executor (answer %s)", q, rec.Body)
		}
	}
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
		got := floatField(func(v *float64) float64 { return *v })
		b, _ := got(nil, nil, &f, nil, nil)
		if !bytes.Equal(b, want.Bytes()) {
			t.Errorf("float %v: %s, gqlgen writes %s", f, b, want.Bytes())
		}
	}
}

// TestAnyEscape checks the eight-byte test against the byte table, for
// every byte value at every position, among neighbours that need no escape
// and neighbours that do.
func TestAnyEscape(t *testing.T) {
	for _, bg := range []byte{'a', ' ', 0xff, 0x80, '#', '!', '"', 0x1f, 0} {
		for p := range 8 {
			for v := range 256 {
				var w [8]byte
				for i := range w {
					w[i] = bg
				}
				w[p] = byte(v)
				want := mustEscape[bg] || mustEscape[v]
				if got := anyEscape(binary.LittleEndian.Uint64(w[:])); got != want {
					t.Fatalf("anyEscape(% x) = %v, want %v", w, got, want)
				}
			}
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
		if compileObject(oc, oc.Operation.SelectionSet, "Query", 0) == nil {
			t.Errorf("%s is not compiled:\n%s", name, q)
		}
	}
	if n < 10 {
		t.Errorf("found %d queries in api.js", n)
	}
}
