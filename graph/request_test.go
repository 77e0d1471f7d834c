package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// requestBodies are POST bodies the quick reader must decode as
// encoding/json does: the usual ones, and every way it could go wrong.
var requestBodies = []string{
	`{"query":"{ obligations(filter: {actor: \"Secretary-General\"}, first: 50) { totalCount } }"}`,
	`{"query": "query Q($a: String) { actor(name: $a) { id } }", "operationName": "Q", "variables": {"a": "AU", "n": 5, "f": 1.5e3, "l": [1, "x", {"y": null}], "b": true}}`,
	`{"operationName":null,"variables":{},"query":"{ a }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`,
	` 	{ "query" : "{ a }" , "variables" : null } `,
	`{"query":"{ a }"} trailing`,
	`{}`, `{ }`, `[]`, `null`, `""`, ``, `{`, `{"query"`, `{"query":`, `{"query":"x"`, `{"query":"x",}`, `{"query":"x" "y"}`,
	`{"query":5}`, `{"query":true}`, `{"query":{"a":1}}`, `{"query":nul}`, `{"query":nullx}`,
	`{"Query":"{ a }"}`, `{"QUERY":"{ a }"}`, `{"qu\u0065ry":"{ a }"}`, `{"other":"x","query":"{ a }"}`,
	`{"query":"a","query":"b"}`, `{"query":"a","query":null}`, `{"variables":{"a":1},"variables":{"b":2}}`,
	`{"variables":{"a":1},"variables":{}}`, `{"variables":{"a":1},"variables":null}`,
	`{"variables":[1]}`, `{"variables":"x"}`, `{"variables":{"a":}}`, `{"variables":{"a":1}`, `{"variables":{"a":"}"}}`,
	`{"query":"tab\there \"quoted\" back\\slash \/ \b\f\n\r"}`,
	`{"query":"\u00e9\u2019\u0041 é’ 😀"}`, `{"query":"\ud83d\ude00"}`, `{"query":"\ud83d"}`, `{"query":"\ude00x"}`,
	`{"query":"\u00"}`, `{"query":"\u00zz"}`, `{"query":"\x"}`, `{"query":"\`, "{\"query\":\"a\x01b\"}",
	"{\"query\":\"\xff\xfe\"}", "{\"query\":\"ok \xe2\x80\"}",
	`{"query":"{ a }","operationName":"","variables":{"n":12345678901234567890}}`,
}

func refDecode(body []byte) (graphql.RawParams, error) {
	var p graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	err := dec.Decode(&p)
	return p, err
}

func checkDecode(t *testing.T, body []byte) {
	t.Helper()
	want, werr := refDecode(body)
	var got graphql.RawParams
	gerr := decodeRequest(body, &got)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("%q: error %v, encoding/json's %v", body, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: decoded %#v, encoding/json %#v", body, got, want)
	}
}

func TestDecodeRequestIsEncodingJSONs(t *testing.T) {
	quick := 0
	for _, b := range requestBodies {
		checkDecode(t, []byte(b))
		var p graphql.RawParams
		if quickDecode([]byte(b), &p) {
			quick++
		}
	}
	// The usual bodies must take the quick way, or it is for nothing.
	for _, b := range requestBodies[:4] {
		var p graphql.RawParams
		if !quickDecode([]byte(b), &p) {
			t.Errorf("%s: not read quickly", b)
		}
	}
	// Random bodies from the pieces above, cut and spliced.
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := requestBodies[r.IntN(len(requestBodies))], requestBodies[r.IntN(len(requestBodies))]
		body := []byte(a[:r.IntN(len(a)+1)] + b[r.IntN(len(b)+1):])
		if r.IntN(4) == 0 && len(body) > 0 {
			body[r.IntN(len(body))] = `{}[]":,\ u0"`[r.IntN(12)]
		}
		checkDecode(t, body)
	}
	t.Logf("%d of %d listed bodies read quickly", quick, len(requestBodies))
}

func FuzzDecodeRequest(f *testing.F) {
	for _, b := range requestBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkDecode(t, body) })
}
