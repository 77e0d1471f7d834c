package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

// gqlError is an error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// server serves the hand-made seed through the real handler.
func server(t testing.TB, logs *bytes.Buffer) *httptest.Server {
	t.Helper()
	if logs == nil {
		logs = &bytes.Buffer{}
	}
	// The hand-made seed stands for documents the loader extracted: they
	// carry its version, which provenance.extractor reports.
	docs := querytest.Seed()
	for _, d := range docs {
		d.Extractor = loaderVersion
	}
	live := query.NewLive(query.Build(docs, querytest.Actors()))
	h := bothWays(t, live, graph.ServerConfig{Logger: slog.New(slog.NewTextHandler(logs, nil))})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func post(t testing.TB, srv *httptest.Server, q string, vars map[string]any) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
	return answer(t, resp, err)
}

// answer decodes the answer to a request sent with err.
func answer(t testing.TB, resp *http.Response, err error) response {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r response
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("decoding response (HTTP %d): %v", resp.StatusCode, err)
	}
	return r
}

// compact re-encodes JSON so expected and actual compare as text.
func compact(t testing.TB, s []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, s); err != nil {
		t.Fatalf("compact %s: %v", s, err)
	}
	return b.String()
}

// TheQuery is the issue's acceptance query.
const TheQuery = `{ obligations(filter: {actor: "Secretary-General", document: "S/2012/946"}, first: 50) { totalCount
  edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } }
  pageInfo { hasNextPage endCursor } } }`

func TestQuestions(t *testing.T) {
	srv := server(t, nil)
	for _, tc := range []struct {
		name  string
		query string
		vars  map[string]any
		want  string // JSON of data
	}{
		{
			name:  "in which paragraphs of S/2012/946 must the Secretary-General act",
			query: `{ obligations(filter: {actor: "Secretary-General", document: "S/2012/946"}, first: 50) { totalCount edges { node { paragraph { number } } } } }`,
			want: `{"obligations":{"totalCount":9,"edges":[{"node":{"paragraph":{"number":"1"}}},{"node":{"paragraph":{"number":"3"}}},{"node":{"paragraph":{"number":"11"}}},` +
				`{"node":{"paragraph":{"number":"12"}}},{"node":{"paragraph":{"number":"18"}}},{"node":{"paragraph":{"number":"21"}}},{"node":{"paragraph":{"number":"22"}}},` +
				`{"node":{"paragraph":{"number":"23"}}},{"node":{"paragraph":{"number":"24"}}}]}}`,
		},
		{
			name:  "what must AU do",
			query: `{ obligations(filter: {actor: "AU"}) { totalCount edges { node { verb paragraph { number } addressee { id name } } } } }`,
			want: `{"obligations":{"totalCount":2,"edges":[{"node":{"verb":"requests","paragraph":{"number":"10"},"addressee":{"id":"african-union","name":"African Union"}}},` +
				`{"node":{"verb":"requests","paragraph":{"number":"22"},"addressee":{"id":"african-union","name":"African Union"}}}]}}`,
		},
		{
			name:  "African Union by its name finds the same",
			query: `{ obligations(filter: {actor: "African Union"}) { totalCount } }`,
			want:  `{"obligations":{"totalCount":2}}`,
		},
		{
			name:  "the adopted symbol finds the draft's obligations",
			query: `{ obligations(filter: {actor: "secretary-general", document: "S/RES/2085 (2012)"}) { totalCount } }`,
			want:  `{"obligations":{"totalCount":9}}`,
		},
		{
			name:  "who is asked to report every 60 days",
			query: `{ obligations(filter: {text: "every 60 days"}) { edges { node { addressee { name } recurrence deadline partners { id } } } } }`,
			want:  `{"obligations":{"edges":[{"node":{"addressee":{"name":"African Union"},"recurrence":"P60D","deadline":"every 60 days","partners":[{"id":"ecowas"},{"id":"secretary-general"}]}}]}}`,
		},
		{
			name:  "demands in 2012, by class",
			query: `{ obligations(filter: {class: "demand", from: "2012-01-01", to: "2012-12-31"}) { edges { node { verb paragraph { number } addressee { id type } } } } }`,
			want: `{"obligations":{"edges":[{"node":{"verb":"demands","paragraph":{"number":"2"},"addressee":{"id":"x/malian-rebel-groups","type":"unknown"}}},` +
				`{"node":{"verb":"demands","paragraph":{"number":"4"},"addressee":{"id":"mali/armed-forces","type":"national-institution"}}}]}}`,
		},
		{
			name:  "actors of a type in 2013",
			query: `{ obligations(filter: {actorType: "un-official", from: "2013"}) { totalCount edges { node { document { symbol } } } } }`,
			want:  `{"obligations":{"totalCount":1,"edges":[{"node":{"document":{"symbol":"S/RES/2100 (2013)"}}}]}}`,
		},
		{
			name: "the seed document, its citations both ways",
			query: `{ document(symbol: "S/RES/2085 (2012)") { symbol kind adoptedSymbol date chapterVII
				citations { symbol relation paragraph { id } target { symbol } }
				citedBy { from { symbol date } relation mention } } }`,
			want: `{"document":{"symbol":"S/2012/946","kind":"draft resolution","adoptedSymbol":"S/RES/2085 (2012)","date":"2012-12-20","chapterVII":true,` +
				`"citations":[{"symbol":"S/RES/2056 (2012)","relation":"recalls","paragraph":{"id":"pre1"},"target":null},` +
				`{"symbol":"S/RES/2071 (2012)","relation":"recalls","paragraph":{"id":"pre1"},"target":{"symbol":"S/RES/2071 (2012)"}},` +
				`{"symbol":"S/PRST/2012/7","relation":"recalls","paragraph":{"id":"pre1"},"target":null},` +
				`{"symbol":"S/PRST/2012/9","relation":"recalls","paragraph":{"id":"pre1"},"target":null},` +
				`{"symbol":"S/2012/894","relation":"takes note of","paragraph":{"id":"pre2"},"target":null}],` +
				`"citedBy":[{"from":{"symbol":"S/RES/2100 (2013)","date":"2013-04-25"},"relation":"recalls","mention":"2085 (2012)"}]}}`,
		},
		{
			name:  "paragraph 10 with its span in the source file",
			query: `{ document(symbol: "s/2012/946") { paragraph(id: "op10") { number lead span { line column } obligations { addressee { id } } } } }`,
			want:  `{"document":{"paragraph":{"number":"10","lead":"Requests","span":{"line":307,"column":2},"obligations":[{"addressee":{"id":"african-union"}}]}}}`,
		},
		{
			name:  "an unknown document is null, not an error",
			query: `{ document(symbol: "S/RES/9999 (2099)") { symbol } }`,
			want:  `{"document":null}`,
		},
		{
			name: "the Secretary-General's page",
			query: `{ actor(name: "UN Secretary-General") { id name type inRegistry aliases
				obligations(first: 2) { totalCount edges { node { document { symbol } paragraph { number } } } }
				documents { totalCount edges { node { symbol } } } } }`,
			want: `{"actor":{"id":"secretary-general","name":"Secretary-General","type":"un-official","inRegistry":true,` +
				`"aliases":["Secretary-General of the United Nations","United Nations Secretary-General","UN Secretary-General","UNSG"],` +
				`"obligations":{"totalCount":11,"edges":[{"node":{"document":{"symbol":"S/RES/2071 (2012)"},"paragraph":{"number":"7"}}},{"node":{"document":{"symbol":"S/2012/946"},"paragraph":{"number":"1"}}}]},` +
				`"documents":{"totalCount":3,"edges":[{"node":{"symbol":"S/RES/2071 (2012)"}},{"node":{"symbol":"S/2012/946"}},{"node":{"symbol":"S/RES/2100 (2013)"}}]}}}`,
		},
		{
			name:  "AFISMA is led by the AU; Mali has parts",
			query: `{ a: actor(id: "afisma") { ledBy { name } } m: actor(name: "Republic of Mali") { parts { id } } }`,
			want:  `{"a":{"ledBy":{"name":"African Union"}},"m":{"parts":[{"id":"mali/armed-forces"},{"id":"mali/transitional-authorities"}]}}`,
		},
		{
			name:  "stances about Member States",
			query: `{ actor(id: "member-states") { stances { verb paragraph { number } } } }`,
			want:  `{"actor":{"stances":[{"verb":"takes note","paragraph":{"number":"8"}}]}}`,
		},
		{
			name:  "actors searched by part of a name",
			query: `{ actors(search: "mali", first: 10) { totalCount edges { node { id } } } }`,
			want: `{"actors":{"totalCount":5,"edges":[{"node":{"id":"afisma"}},{"node":{"id":"mali/armed-forces"}},{"node":{"id":"mali/transitional-authorities"}},` +
				`{"node":{"id":"state/mali"}},{"node":{"id":"x/malian-rebel-groups"}}]}}`,
		},
		{
			name:  "resolutions under Chapter VII citing 2071",
			query: `{ documents(filter: {kind: "resolution", chapterVII: true, cites: "S/RES/2071 (2012)"}) { totalCount edges { node { symbol } } } }`,
			want:  `{"documents":{"totalCount":1,"edges":[{"node":{"symbol":"S/RES/2100 (2013)"}}]}}`,
		},
		{
			name:  "where is the trust fund",
			query: `{ search(text: "trust fund", first: 2) { paragraph { id document { symbol } } } }`,
			want:  `{"search":[{"paragraph":{"id":"op22","document":{"symbol":"S/2012/946"}}}]}`,
		},
		{
			name:  "the AU's neighbourhood",
			query: `{ neighbourhood(id: "AU", depth: 1) { truncated nodes { id type label } edges { source target kind class count } } }`,
			want: `{"neighbourhood":{"truncated":false,"nodes":[{"id":"actor:african-union","type":"ACTOR","label":"African Union"},` +
				`{"id":"document:S/RES/2071 (2012)","type":"DOCUMENT","label":"S/RES/2071 (2012)"},{"id":"document:S/2012/946","type":"DOCUMENT","label":"S/2012/946"},` +
				`{"id":"actor:afisma","type":"ACTOR","label":"African-led International Support Mission in Mali"}],` +
				`"edges":[{"source":"document:S/2012/946","target":"document:S/RES/2071 (2012)","kind":"CITES","class":"recalls","count":1},` +
				`{"source":"actor:afisma","target":"actor:african-union","kind":"LED_BY","class":null,"count":1},` +
				`{"source":"document:S/2012/946","target":"actor:afisma","kind":"OBLIGATION","class":"authorization","count":1},` +
				`{"source":"document:S/2012/946","target":"actor:afisma","kind":"OBLIGATION","class":"strong recommendation","count":1},` +
				`{"source":"document:S/2012/946","target":"actor:african-union","kind":"OBLIGATION","class":"request","count":2},` +
				`{"source":"document:S/2012/946","target":"actor:african-union","kind":"PARTNER","class":null,"count":3},` +
				`{"source":"document:S/RES/2071 (2012)","target":"actor:african-union","kind":"PARTNER","class":null,"count":1}]}}`,
		},
		{
			name:  "from the rebel groups to resolution 2100",
			query: `{ shortestPath(from: "Malian rebel groups", to: "S/RES/2100 (2013)") { nodes { id } edges { kind } } }`,
			want:  `{"shortestPath":{"nodes":[{"id":"actor:x/malian-rebel-groups"},{"id":"document:S/2012/946"},{"id":"document:S/RES/2100 (2013)"}],"edges":[{"kind":"OBLIGATION"},{"kind":"CITES"}]}}`,
		},
		{
			name:  "no path along part-of edges only",
			query: `{ shortestPath(from: "AU", to: "Mali", kinds: [PART_OF]) { nodes { id } } }`,
			want:  `{"shortestPath":null}`,
		},
		{
			name:  "counts by actor for the dashboard",
			query: `{ counts(by: ACTOR, filter: {document: "S/2012/946"}) { key label count } }`,
			want: `{"counts":[{"key":"secretary-general","label":"Secretary-General","count":9},{"key":"member-states","label":"Member States","count":4},` +
				`{"key":"afisma","label":"African-led International Support Mission in Mali","count":2},{"key":"african-union","label":"African Union","count":2},` +
				`{"key":"mali/transitional-authorities","label":"Transitional authorities of Mali","count":2},{"key":"international-organizations","label":"international organizations","count":1},` +
				`{"key":"mali/armed-forces","label":"Malian Armed Forces","count":1},{"key":"regional-organizations","label":"regional organizations","count":1},` +
				`{"key":"x/malian-rebel-groups","label":"Malian rebel groups","count":1}]}`,
		},
		{
			name:  "counts by year",
			query: `{ counts(by: YEAR) { key count } }`,
			want:  `{"counts":[{"key":"2012","count":24},{"key":"2013","count":1}]}`,
		},
		{
			name:  "provenance of the AU's first obligation",
			query: `{ obligations(filter: {actor: "AU"}, first: 1) { edges { node { id provenance { file extractor source { line } paragraph { id } } } } } }`,
			want:  `{"obligations":{"edges":[{"node":{"id":"S/2012/946#op10/11","provenance":{"file":"data/S_2012_946.txt","extractor":"` + loaderVersion + `","source":{"line":307},"paragraph":{"id":"op10"}}}}]}}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, srv, tc.query, tc.vars)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			if got, want := compact(t, r.Data), compact(t, []byte(tc.want)); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

func TestTheIssueQuery(t *testing.T) {
	srv := server(t, nil)
	r := post(t, srv, TheQuery, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var data struct {
		Obligations struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Verb, Class, Action string
					Paragraph           struct {
						Number, Item string
						Document     struct{ Symbol string }
					}
					Addressee struct{ Name string }
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
		}
	}
	if err := json.Unmarshal(r.Data, &data); err != nil {
		t.Fatal(err)
	}
	var paras []string
	for _, e := range data.Obligations.Edges {
		n := e.Node
		paras = append(paras, n.Paragraph.Number)
		if n.Addressee.Name != "Secretary-General" || n.Paragraph.Document.Symbol != "S/2012/946" || n.Verb != "requests" || n.Class != "request" {
			t.Errorf("paragraph %s: %+v", n.Paragraph.Number, n)
		}
	}
	if got, want := strings.Join(paras, " "), "1 3 11 12 18 21 22 23 24"; got != want || data.Obligations.TotalCount != 9 {
		t.Errorf("paragraphs %q (total %d), want %q (9)", got, data.Obligations.TotalCount, want)
	}
	if data.Obligations.PageInfo.HasNextPage || data.Obligations.PageInfo.EndCursor == "" {
		t.Errorf("pageInfo %+v, want no next page and an end cursor", data.Obligations.PageInfo)
	}
}

func TestPagingWithCursorsHasNoGapsOrDuplicates(t *testing.T) {
	srv := server(t, nil)
	const q = `query($after: String) { obligations(first: 4, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`
	var ids []string
	seen := map[string]bool{}
	var after any
	total := -1
	for range 50 {
		r := post(t, srv, q, map[string]any{"after": after})
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		var d struct {
			Obligations struct {
				TotalCount int
				Edges      []struct {
					Cursor string
					Node   struct{ ID string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		if err := json.Unmarshal(r.Data, &d); err != nil {
			t.Fatal(err)
		}
		total = d.Obligations.TotalCount
		for _, e := range d.Obligations.Edges {
			if seen[e.Node.ID] {
				t.Errorf("obligation %s twice", e.Node.ID)
			}
			seen[e.Node.ID] = true
			ids = append(ids, e.Node.ID)
		}
		if !d.Obligations.PageInfo.HasNextPage {
			break
		}
		after = d.Obligations.PageInfo.EndCursor
	}
	r := post(t, srv, `{ obligations(first: 500) { edges { node { id } } } }`, nil)
	var d struct {
		Obligations struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	json.Unmarshal(r.Data, &d)
	var want []string
	for _, e := range d.Obligations.Edges {
		want = append(want, e.Node.ID)
	}
	if strings.Join(ids, ",") != strings.Join(want, ",") || len(ids) != total {
		t.Errorf("paged %d ids (total %d):\n%v\nwant one page of %d:\n%v", len(ids), total, ids, len(want), want)
	}
}

func TestRefusals(t *testing.T) {
	var logs bytes.Buffer
	srv := server(t, &logs)
	for _, tc := range []struct {
		name, query, code, message string
	}{
		{"a page of 501 is refused", `{ obligations(first: 501) { totalCount } }`, "invalid", "first must be at most 500, got 501"},
		{"a negative page is refused", `{ actors(first: -1) { totalCount } }`, "invalid", "first must not be negative, got -1"},
		{"a bad cursor is refused", `{ documents(after: "bm9wZQ") { totalCount } }`, "invalid", `invalid cursor "bm9wZQ"`},
		{"an unknown node is not found", `{ neighbourhood(id: "Atlantis") { truncated } }`, "not_found", `no document or actor "Atlantis"`},
		{"depth 4 is refused", `{ neighbourhood(id: "AU", depth: 4) { truncated } }`, "invalid", "depth must be between 0 and 3, got 4"},
		{"a bad kind is refused", `{ obligations(filter: {kind: "wish"}) { totalCount } }`, "invalid", `filter.kind: "wish" is not one of "directive", "task"`},
		{"a bad class is refused", `{ obligations(filter: {class: "requestx"}) { totalCount } }`, "invalid",
			`filter.class: "requestx" is not one of "decision", "demand", "request", "authorization", "strong recommendation", "weak recommendation"`},
		{"a bad status is refused", `{ obligations(filter: {status: "passed"}) { totalCount } }`, "invalid", `filter.status: "passed" is not one of "adopted", "draft", "not adopted", "any"`},
		{"a bad actor type is refused", `{ obligations(filter: {actorType: "country"}) { totalCount } }`, "invalid",
			`filter.actorType: "country" is not one of "un-organ", "un-official", "un-mission", "regional-organization", "international-organization", "state", "group-of-states", "armed-group", "collective", "national-institution", "mission", "person", "other", "unknown"`},
		{"a bad actor type of actors is refused", `{ actors(type: "country") { totalCount } }`, "invalid",
			`type: "country" is not one of "un-organ", "un-official", "un-mission", "regional-organization", "international-organization", "state", "group-of-states", "armed-group", "collective", "national-institution", "mission", "person", "other", "unknown"`},
		{"a bad document kind is refused", `{ documents(filter: {kind: "letter"}) { totalCount } }`, "invalid", `filter.kind: "letter" is not one of "resolution", "draft resolution", "presidential statement"`},
		{"a bad paragraph kind is refused", `{ document(symbol: "S/2012/946") { paragraphs(kind: "preamble") { id } } }`, "invalid", `kind: "preamble" is not one of "preambular", "operative", "heading", "annex"`},
		{"a bad class of a view is refused", `{ measures(view: OBLIGATIONS, filter: {classes: ["request", "wish"]}) { nodeCount } }`, "invalid",
			`filter.classes: "wish" is not one of "stance", "self", "decision", "demand", "request", "authorization", "strong recommendation", "weak recommendation"`},
		{"a date that is not one is refused", `{ obligations(filter: {from: "yesterday"}) { totalCount } }`, "invalid",
			`filter.from: "yesterday" is not an ISO date: give a day (2012-12-20), a month (2012-12) or a year (2012)`},
		{"a month that is not one is refused", `{ documents(filter: {to: "2012-13"}) { totalCount } }`, "invalid",
			`filter.to: "2012-13" is not an ISO date: give a day (2012-12-20), a month (2012-12) or a year (2012)`},
		{"a day that is not one is refused", `{ counts(by: YEAR, filter: {to: "2012-02-30"}) { key } }`, "invalid",
			`filter.to: "2012-02-30" is not an ISO date: give a day (2012-12-20), a month (2012-12) or a year (2012)`},
		{"a date of a view is checked", `{ measures(view: OBLIGATIONS, filter: {from: "12/20/2012"}) { nodeCount } }`, "invalid",
			`filter.from: "12/20/2012" is not an ISO date: give a day (2012-12-20), a month (2012-12) or a year (2012)`},
		{"from after to is refused", `{ obligations(filter: {from: "2013", to: "2012-12"}) { totalCount } }`, "invalid", "filter: from 2013 is after to 2012-12"},
		{"too deep", `{ actor(id: "afisma") { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { ledBy { id } } } } } } } } } } } } }`,
			"DEPTH_LIMIT_EXCEEDED", "operation is nested 13 deep, which exceeds the limit of 12"},
		{"too complex", `{ actors(first: 500) { edges { node { obligations(first: 500) { edges { node { verb } } } } } } }`,
			"COMPLEXITY_LIMIT_EXCEEDED", "operation has complexity 751501, which exceeds the limit of 50000"},
		{"unknown field", `{ obligations { nope } }`, "GRAPHQL_VALIDATION_FAILED", `Cannot query field "nope" on type "ObligationConnection".`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, srv, tc.query, nil)
			if len(r.Errors) != 1 {
				t.Fatalf("errors %+v, want one", r.Errors)
			}
			e := r.Errors[0]
			if e.Extensions["code"] != tc.code || e.Message != tc.message {
				t.Errorf("got %v %q, want %s %q", e.Extensions["code"], e.Message, tc.code, tc.message)
			}
		})
	}
}

// brokenSnapshots has no snapshot, or panics with a secret.
type brokenSnapshots struct{ panics bool }

func (b brokenSnapshots) Load() *query.Snapshot {
	if b.panics {
		panic("open /var/secret/resgraph.db: permission denied")
	}
	return nil
}

func TestInternalErrorsAreHiddenAndLogged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		snaps  brokenSnapshots
		logged string
	}{
		{"no snapshot yet", brokenSnapshots{}, "no snapshot loaded yet"},
		{"a panic with a path in it", brokenSnapshots{panics: true}, "/var/secret/resgraph.db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			h := graph.NewHandler(tc.snaps, graph.ServerConfig{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			srv := httptest.NewServer(h)
			defer srv.Close()
			r := post(t, srv, `{ stats { documents } }`, nil)
			if len(r.Errors) != 1 || r.Errors[0].Message != "internal error" || r.Errors[0].Extensions["code"] != "internal" {
				t.Fatalf("errors %+v, want one internal error saying only \"internal error\"", r.Errors)
			}
			if !strings.Contains(logs.String(), tc.logged) {
				t.Errorf("log %q does not hold %q", logs.String(), tc.logged)
			}
		})
	}
}

func TestRepeatedQuestionsComeFromTheCacheUntilTheSnapshotChanges(t *testing.T) {
	live := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	srv := httptest.NewServer(graph.NewHandler(live, graph.ServerConfig{}))
	defer srv.Close()
	ask := func(q string) (string, string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"query": q})
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b), resp.Header.Get("X-Resgraph-Cache")
	}
	const q = `{ stats { documents } }`
	first, hit1 := ask(q)
	second, hit2 := ask(q)
	if hit1 != "" || hit2 != "hit" || first != second {
		t.Errorf("first %q (cache %q), second %q (cache %q): want a miss then the same bytes from the cache", first, hit1, second, hit2)
	}
	live.Store(query.Build(querytest.Seed()[:1], querytest.Actors()))
	third, hit3 := ask(q)
	if hit3 != "" || third != `{"data":{"stats":{"documents":1}}}` {
		t.Errorf("after a swap: %q (cache %q), want 1 document, not from the cache", third, hit3)
	}
	ask(`{ obligations(first: 501) { totalCount } }`)
	if _, hit := ask(`{ obligations(first: 501) { totalCount } }`); hit != "" {
		t.Errorf("an error answer came from the cache")
	}
}

// Errors inside list elements carry the element's index, and @defer
// works. (gqlgen marshals list elements concurrently: the errors come in
// any order.)
func TestListErrorsCarryTheElementPath(t *testing.T) {
	srv := server(t, nil)
	r := post(t, srv, `{ actors(first: 2) { edges { node { id obligations(first: 501) { totalCount } } } } }`, nil)
	if len(r.Errors) != 2 {
		t.Fatalf("got %d errors, want one per actor: %+v", len(r.Errors), r.Errors)
	}
	var paths []string
	for _, e := range r.Errors {
		got, _ := json.Marshal(e.Path)
		paths = append(paths, string(got))
	}
	slices.Sort(paths)
	for i, got := range paths {
		if want := fmt.Sprintf(`["actors","edges",%d,"node","obligations"]`, i); got != want {
			t.Errorf("error %d: path %s, want %s", i, got, want)
		}
	}
	r = post(t, srv, `{ actor(name: "AU") { name ... @defer { parts { name } } } }`, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"name":"African Union"`) {
		t.Errorf("with @defer: data %s, errors %+v", r.Data, r.Errors)
	}
}

// The POST transport (postTransport) answers as gqlgen's transport.POST
// does: content type by Accept, 422 or 400 for a request that cannot run,
// and the cache keeps content types apart.
func TestAnswersHaveTheContentTypeAndStatusAsked(t *testing.T) {
	srv := server(t, nil)
	for _, tc := range []struct {
		name, accept, query string
		status              int
		ctype               string
	}{
		{"no Accept", "", `{ stats { documents } }`, 200, "application/json"},
		{"no Accept, again (from the cache)", "", `{ stats { documents } }`, 200, "application/json"},
		{"graphql-response+json", "application/graphql-response+json", `{ stats { documents } }`, 200, "application/graphql-response+json"},
		{"graphql-response+json, again", "application/graphql-response+json", `{ stats { documents } }`, 200, "application/graphql-response+json"},
		{"a syntax error, json", "application/json", `{ stats { `, 422, "application/json"},
		{"a syntax error, graphql-response+json", "application/graphql-response+json", `{ stats { `, 400, "application/graphql-response+json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"query": tc.query})
			req, _ := http.NewRequest("POST", srv.URL, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("HTTP %d %q, want %d %q; body %s", resp.StatusCode, resp.Header.Get("Content-Type"), tc.status, tc.ctype, b)
			}
			var r response
			if err := json.Unmarshal(b, &r); err != nil || (tc.status == 200) != (len(r.Errors) == 0) {
				t.Errorf("answer %s (%v): want data, or errors for a refused request", b, err)
			}
		})
	}
}

// The explorer's lookups: obligation(id), stance(id), suggest(text) and
// documents(order).
func TestExplorerLookups(t *testing.T) {
	srv := server(t, nil)
	data := func(q string) map[string]any {
		t.Helper()
		r := post(t, srv, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: errors %+v", q, r.Errors)
		}
		var m map[string]any
		json.Unmarshal(r.Data, &m)
		return m
	}
	t.Run("an obligation by its id, by any symbol of its document", func(t *testing.T) {
		id := data(`{ obligations(filter: {actor: "AU"}, first: 1) { edges { node { id } } } }`)["obligations"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string)
		for _, ask := range []string{id, strings.Replace(id, "S/2012/946", "s/res/2085 (2012)", 1)} {
			got, _ := json.Marshal(data(fmt.Sprintf(`{ obligation(id: %q) { id verb paragraph { number } addressee { id } } }`, ask)))
			if want := `{"obligation":{"addressee":{"id":"african-union"},"id":"` + id + `","paragraph":{"number":"10"},"verb":"requests"}}`; string(got) != want {
				t.Errorf("obligation(%q) = %s, want %s", ask, got, want)
			}
		}
	})
	t.Run("a stance by its id; neither is the other", func(t *testing.T) {
		d := data(`{ document(symbol: "S/2012/946") { stances { id verb } obligations { id } } }`)["document"].(map[string]any)
		st := d["stances"].([]any)[0].(map[string]any)
		ob := d["obligations"].([]any)[0].(map[string]any)
		got, _ := json.Marshal(data(fmt.Sprintf(`{ stance(id: %q) { id verb } notObligation: obligation(id: %q) { id } notStance: stance(id: %q) { id } unknown: obligation(id: "S/2012/946#op99/999") { id } }`, st["id"], st["id"], ob["id"])))
		want, _ := json.Marshal(map[string]any{"stance": st, "notObligation": nil, "notStance": nil, "unknown": nil})
		if string(got) != string(want) {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	for _, tc := range []struct{ text, want string }{
		// (keys in JSON order of a map: sorted)
		{"AU", `{"id":"actor:african-union","label":"African Union","matched":"AU","score":4,"type":"ACTOR"}`},
		{"secretary", `{"id":"actor:secretary-general","label":"Secretary-General","matched":"Secretary-General","score":3,"type":"ACTOR"}`},
		{"s/2012/9", `{"id":"document:S/2012/946","label":"S/2012/946","matched":"S/2012/946","score":3,"type":"DOCUMENT"}`},
		{"2085", `{"id":"document:S/2012/946","label":"S/2012/946","matched":"S/RES/2085 (2012)","score":2,"type":"DOCUMENT"}`},
	} {
		t.Run("suggest "+tc.text+" first", func(t *testing.T) {
			got, _ := json.Marshal(data(fmt.Sprintf(`{ suggest(text: %q, first: 1) { type id label matched score } }`, tc.text))["suggest"].([]any)[0])
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("documents newest first, page by page, are the reverse of oldest first", func(t *testing.T) {
		symbols := func(order string) []string {
			var out []string
			after := ""
			for range 10 {
				c := data(fmt.Sprintf(`{ documents(order: %s, first: 1, after: %q) { edges { node { symbol } } pageInfo { hasNextPage endCursor } } }`, order, after))["documents"].(map[string]any)
				for _, e := range c["edges"].([]any) {
					out = append(out, e.(map[string]any)["node"].(map[string]any)["symbol"].(string))
				}
				pi := c["pageInfo"].(map[string]any)
				if pi["hasNextPage"] != true {
					return out
				}
				after = pi["endCursor"].(string)
			}
			t.Fatalf("%s: more than 10 pages", order)
			return nil
		}
		old, newest := symbols("OLDEST_FIRST"), symbols("NEWEST_FIRST")
		slices.Reverse(old)
		if len(old) < 3 || !slices.Equal(old, newest) {
			t.Errorf("newest first %q, want the reverse of oldest first %q", newest, old)
		}
	})
}

// A request that runs out of time is told so, by POST and by GET, rather
// than answered with a bare null.
func TestTimeoutIsReported(t *testing.T) {
	live := query.NewLive(query.Build(querytest.Seed(), querytest.Actors()))
	srv := httptest.NewServer(bothWays(t, live, graph.ServerConfig{Timeout: 1})) // 1 ns: over before it starts
	defer srv.Close()
	check := func(how string, r response) {
		t.Helper()
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "timeout" || r.Errors[0].Message != "the request took too long and was stopped" {
			t.Errorf("%s: data %s, errors %+v; want the timeout error", how, r.Data, r.Errors)
		}
	}
	check("POST", post(t, srv, TheQuery, nil))
	resp, err := http.Get(srv.URL + "?query=" + url.QueryEscape(TheQuery))
	check("GET", answer(t, resp, err))
}

// provenance.extractor is the version of the extractor stored with the
// obligation's document, not the running binary's.
func TestProvenanceExtractorIsTheDocuments(t *testing.T) {
	docs := querytest.Seed()
	for _, d := range docs {
		d.Extractor = "0.0.9"
	}
	live := query.NewLive(query.Build(docs, querytest.Actors()))
	srv := httptest.NewServer(bothWays(t, live, graph.ServerConfig{}))
	defer srv.Close()
	r := post(t, srv, `{ obligations(first: 2) { edges { node { provenance { extractor } } } } document(symbol: "S/2012/946") { stances { provenance { extractor } } } }`, nil)
	if len(r.Errors) > 0 || strings.Count(string(r.Data), `"extractor":"0.0.9"`) < 3 || strings.Contains(string(r.Data), loaderVersion) {
		t.Errorf("data %s, errors %+v; want every extractor 0.0.9", r.Data, r.Errors)
	}
}
