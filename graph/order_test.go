package graph_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// orderedPage is one page of Actor.obligations as the explorer's table
// asks for it.
type orderedPage struct {
	TotalCount int
	Edges      []struct {
		Cursor string
		Node   orderedPageNode
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   string
	}
}

const orderedQuery = `query($order: ObligationOrder, $after: String, $n: Int, $f: ObligationFilter) {
  actor(id: "secretary-general") { obligations(first: $n, after: $after, order: $order, filter: $f) {
    totalCount edges { cursor node { id verb verbPhrase class action deadline deadlineDate chapterVII document { symbol date } } }
    pageInfo { hasNextPage endCursor } } } }`

// allPages pages through the Secretary-General's obligations in order,
// n at a time, and returns every obligation in the order met.
func allPages(t *testing.T, post func(vars map[string]any) orderedPage, order map[string]any, n int) (ids []string, rows []orderedPage) {
	t.Helper()
	var after any
	for range 100 {
		p := post(map[string]any{"order": order, "after": after, "n": n})
		rows = append(rows, p)
		for _, e := range p.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !p.PageInfo.HasNextPage {
			return ids, rows
		}
		after = p.PageInfo.EndCursor
	}
	t.Fatalf("more than 100 pages")
	return nil, nil
}

func TestObligationsSortAndPageOnTheServer(t *testing.T) {
	srv := server(t, nil)
	ask := func(vars map[string]any) (orderedPage, []gqlError) {
		r := post(t, srv, orderedQuery, vars)
		var d struct {
			Actor struct{ Obligations orderedPage }
		}
		if len(r.Data) > 0 && string(r.Data) != "null" {
			if err := json.Unmarshal(r.Data, &d); err != nil {
				t.Fatal(err)
			}
		}
		return d.Actor.Obligations, r.Errors
	}
	get := func(vars map[string]any) orderedPage {
		t.Helper()
		p, errs := ask(vars)
		if len(errs) > 0 {
			t.Fatalf("%v: %+v", vars, errs)
		}
		return p
	}
	snapshot, _ := allPages(t, get, nil, 500)
	if len(snapshot) < 10 {
		t.Fatalf("the seed's Secretary-General has %d obligations, want at least 10", len(snapshot))
	}
	newest, _ := allPages(t, get, map[string]any{"by": "DATE", "descending": true}, 3)
	if want := reversed(snapshot); !slices.Equal(newest, want) {
		t.Errorf("newest first, 3 a page:\n%v\nwant the snapshot order reversed:\n%v", newest, want)
	}
	for _, c := range []struct {
		by    string
		value func(n orderedPageNode) string
		// ok tells whether a may come before b ascending.
		ok func(a, b string) bool
	}{
		{"VERB", func(n orderedPageNode) string { return strings.ToLower(or(n.VerbPhrase, n.Verb)) }, func(a, b string) bool { return a <= b }},
		{"CLASS", func(n orderedPageNode) string { return n.Class }, func(a, b string) bool { return classRank(a) <= classRank(b) }},
		{"DOCUMENT", func(n orderedPageNode) string { return n.Document.Symbol }, nil},
		{"ACTION", func(n orderedPageNode) string { return strings.ToLower(n.Action) }, func(a, b string) bool { return b == "" || (a != "" && a <= b) }},
		{"DEADLINE", func(n orderedPageNode) string { return n.DeadlineDate + "|" + n.Deadline }, func(a, b string) bool { return b == "|" || a != "|" }},
		{"CHAPTER_VII", func(n orderedPageNode) string { return map[bool]string{false: "0", true: "1"}[n.ChapterVII] }, func(a, b string) bool { return a <= b }},
	} {
		t.Run(c.by, func(t *testing.T) {
			asc, pages := allPages(t, get, map[string]any{"by": c.by}, 4)
			desc, _ := allPages(t, get, map[string]any{"by": c.by, "descending": true}, 4)
			if !sameSet(asc, snapshot) || !sameSet(desc, snapshot) {
				t.Fatalf("paged %d ascending and %d descending, want the %d obligations once each", len(asc), len(desc), len(snapshot))
			}
			var values []string
			for _, p := range pages {
				for _, e := range p.Edges {
					values = append(values, c.value(e.Node))
				}
			}
			for i := 1; i < len(values) && c.ok != nil; i++ {
				if !c.ok(values[i-1], values[i]) {
					t.Errorf("%s ascending: %q before %q (row %d)", c.by, values[i-1], values[i], i)
				}
			}
			// Descending is ascending reversed, except that obligations
			// with no value come last both ways.
			if c.by != "ACTION" && c.by != "DEADLINE" && !slices.Equal(desc, reversed(asc)) {
				t.Errorf("%s descending is not ascending reversed:\n%v\n%v", c.by, desc, asc)
			}
		})
	}

	// An edge's cursor starts the next page after its obligation.
	first := get(map[string]any{"order": map[string]any{"by": "VERB"}, "n": 5})
	next := get(map[string]any{"order": map[string]any{"by": "VERB"}, "n": 2, "after": first.Edges[2].Cursor})
	if next.Edges[0].Node.ID != first.Edges[3].Node.ID || next.Edges[1].Node.ID != first.Edges[4].Node.ID {
		t.Errorf("after the third edge's cursor: %s, %s; want %s, %s", next.Edges[0].Node.ID, next.Edges[1].Node.ID, first.Edges[3].Node.ID, first.Edges[4].Node.ID)
	}
	// A filter and an order together: the table's words and year.
	f := get(map[string]any{"order": map[string]any{"by": "DATE", "descending": true}, "n": 500, "f": map[string]any{"text": "report", "from": "2012", "to": "2012"}})
	if f.TotalCount == 0 || f.TotalCount >= len(snapshot) {
		t.Errorf("filtered by \"report\" in 2012: %d of %d", f.TotalCount, len(snapshot))
	}
	for _, e := range f.Edges {
		if !strings.HasPrefix(e.Node.Document.Date, "2012") {
			t.Errorf("filtered to 2012, got %s of %s", e.Node.ID, e.Node.Document.Date)
		}
	}

	// Refusals: a cursor of another order, an unknown key.
	if _, errs := ask(map[string]any{"order": map[string]any{"by": "CLASS"}, "after": first.PageInfo.EndCursor}); len(errs) == 0 || errs[0].Extensions["code"] != "invalid" {
		t.Errorf("a VERB cursor for a CLASS order: errors %+v, want invalid", errs)
	}
	if _, errs := ask(map[string]any{"order": map[string]any{"by": "COLOUR"}}); len(errs) == 0 {
		t.Errorf("an unknown sort key: no error")
	}
}

type orderedPageNode struct {
	ID, Verb, VerbPhrase, Class, Action, Deadline, DeadlineDate string
	ChapterVII                                                  bool
	Document                                                    struct{ Symbol, Date string }
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func classRank(c string) int {
	return slices.Index([]string{"decision", "demand", "request", "authorization", "strong recommendation", "weak recommendation"}, c)
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y) && len(slices.Compact(x)) == len(a)
}
