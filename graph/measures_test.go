package graph_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/query/querytest"
)

// The measures field gives the values the exports carry, for the same view
// and filter.
func TestMeasures(t *testing.T) {
	srv := server(t, nil)
	r := post(t, srv, `query($f: NetworkFilter) { measures(view: OBLIGATIONS, filter: $f, orderBy: WEIGHTED_IN_DEGREE, first: 3) {
		view directed nodeCount edgeCount betweenness communities
		nodes { id kind label inDegree weightedInDegree degree pagerank betweenness community } } }`,
		map[string]any{"f": map[string]any{"to": "2013"}})
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var got struct {
		Measures struct {
			View        string
			Directed    bool
			NodeCount   int
			EdgeCount   int
			Betweenness string
			Nodes       []struct {
				ID               string
				InDegree         *int
				WeightedInDegree *float64
				Degree           int
				Pagerank         float64
				Betweenness      float64
			}
		}
	}
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	g, err := export.Build(export.ViewObligations, querytest.Seed(), querytest.Actors(), export.Options{Filter: export.Filter{To: "2013"}})
	if err != nil {
		t.Fatal(err)
	}
	export.Measure(g, export.MeasureOptions{})
	m := got.Measures
	if m.View != "OBLIGATIONS" || !m.Directed || m.NodeCount != len(g.Nodes) || m.EdgeCount != len(g.Edges) || m.Betweenness != g.Attrs["betweenness"] {
		t.Errorf("measures = %+v, want %d nodes, %d edges", m, len(g.Nodes), len(g.Edges))
	}
	if len(m.Nodes) != 3 {
		t.Fatalf("%d nodes, want 3", len(m.Nodes))
	}
	prev := math.Inf(1)
	for _, n := range m.Nodes {
		x := g.Node(n.ID)
		if x == nil || n.InDegree == nil || *n.InDegree != x.InDegree || n.Pagerank != x.PageRank || n.Betweenness != x.Betweenness {
			t.Errorf("node %+v, export has %+v", n, x)
			continue
		}
		if *n.WeightedInDegree > prev {
			t.Errorf("nodes not in weighted in-degree order: %v after %v", *n.WeightedInDegree, prev)
		}
		prev = *n.WeightedInDegree
	}
	for _, bad := range []string{
		`{ measures(view: FULL, first: 0) { nodeCount } }`,
		`{ measures(view: FULL, filter: {from: "2012-13"}) { nodeCount } }`,
	} {
		if r := post(t, srv, bad, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "invalid" {
			t.Errorf("%s: errors %+v, want one invalid", bad, r.Errors)
		}
	}
}
