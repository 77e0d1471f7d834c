package graph_test

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

// introspectionQuery is graphql-js 16's getIntrospectionQuery() with
// every option on, as GraphiQL, Apollo and codegen send it: 15 levels
// deep, past the depth limit of 12 (TypeRef's ofType chain).
const introspectionQuery = `query IntrospectionQuery {
  __schema { description queryType { name kind } mutationType { name kind } subscriptionType { name kind }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } } } }
fragment FullType on __Type { kind name description specifiedByURL
  fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } }`

// Introspection is exempt from the depth limit, which still holds for
// other fields, also beside introspection in one operation; gqlparser's
// own rule still refuses introspection nested through fields, interfaces,
// possibleTypes or inputFields, whose answer would grow with each level.
func TestIntrospectionIsNotDepthLimited(t *testing.T) {
	srv := server(t, nil)
	r := post(t, srv, introspectionQuery, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"queryType":{"name":"Query","kind":"OBJECT"}`) {
		t.Fatalf("introspection: errors %+v, data %.200s", r.Errors, r.Data)
	}
	deep := `{ actor(name: "AU") { parts { parts { parts { parts { parts { parts { parts { parts { parts { parts { parts { parts { id } } } } } } } } } } } } } }`
	for name, q := range map[string]string{
		"a deep query":                deep,
		"a deep query and __schema":   strings.Replace(deep, "{ actor", "{ __schema { queryType { name } } actor", 1),
		"a deep query and __typename": strings.Replace(deep, "{ id }", "{ id __typename }", 1),
	} {
		r := post(t, srv, q, nil)
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "DEPTH_LIMIT_EXCEEDED" {
			t.Errorf("%s: errors %+v, want the depth limit's", name, r.Errors)
		}
	}
	r = post(t, srv, `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`, nil)
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Message, "introspection depth") {
		t.Errorf("nested introspection: errors %+v, want gqlparser's introspection depth error", r.Errors)
	}
}

// TestGraphQLJSIntrospection reads the schema as a stock client does:
// graphql-js (graph/testdata/graphqljs, npm ci there) sends
// getIntrospectionQuery() to the handler, builds a client schema from the
// answer and prints it.
func TestGraphQLJSIntrospection(t *testing.T) {
	dir := filepath.Join("testdata", "graphqljs")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "graphql")); err != nil {
		t.Skipf("graphql-js not installed (%v): run npm ci in graph/testdata/graphqljs", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skipf("node not found: %v", err)
	}
	live := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	srv := httptest.NewServer(graph.NewHandler(live, graph.ServerConfig{}))
	defer srv.Close()
	cmd := exec.Command(node, filepath.Join(dir, "introspect.mjs"), srv.URL)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("introspect.mjs: %v\n%s", err, stderr.String())
	}
	printed := string(out)
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	for _, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(def.Name, "__") {
			continue
		}
		if !strings.Contains(printed, " "+def.Name+" {") && !strings.Contains(printed, "scalar "+def.Name) {
			t.Errorf("graphql-js's schema has no %s %s", strings.ToLower(string(def.Kind)), def.Name)
		}
	}
	// Descriptions come through: a type's, a field's, an argument's.
	for _, want := range []string{"\nWho must do what: a directive", `"""Hops from the node, 0 to 3; 1 when null."""`, `"""The view to measure."""`} {
		if !strings.Contains(printed, want) {
			t.Errorf("graphql-js's schema lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("graphql-js printed:\n%s", printed)
	}
}
