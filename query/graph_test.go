package query

import (
	"cmp"
	"slices"
	"testing"

	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/query/querytest"
)

// A neighbourhood's edges are every edge among its nodes, of the kinds
// asked for, in order of id: checked against a scan of all edges, from
// every node of the seed graph, at every depth, with and without a node
// limit and kinds.
// On the corpus (when present), from 40 nodes spread over the graph.
func TestNeighbourhoodEdgesAreEveryEdgeAmongItsNodes(t *testing.T) {
	s := Build(querytest.Seed(), querytest.Actors())
	if len(s.graph.nodes) < 10 {
		t.Fatalf("the seed graph has %d nodes", len(s.graph.nodes))
	}
	checkNeighbourhoods(t, s, nodes(s), MaxDepth)
	dir, _ := testcorpus.Find()
	if dir == "" {
		t.Log("corpus absent: checked the seed only")
		return
	}
	reg, err := corpusdocs.Registry()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := corpusdocs.Walk(reg, dir, ".xml", ".txt")
	if err != nil {
		t.Fatal(err)
	}
	s = Build(docs, reg.Actors())
	var starts []*Node
	for i := 0; i < len(s.graph.nodes); i += len(s.graph.nodes) / 40 {
		starts = append(starts, &s.graph.nodeH[i])
	}
	starts = append(starts, s.Node("African Union"))
	checkNeighbourhoods(t, s, starts, 2)
}

func checkNeighbourhoods(t *testing.T, s *Snapshot, starts []*Node, maxDepth int) {
	t.Helper()
	g := &s.graph
	checked := 0
	for _, start := range starts {
		for depth := range maxDepth + 1 {
			for _, limit := range []int{0, 5} {
				for _, kinds := range [][]string{nil, {EdgeObligation}, {EdgeCites, EdgePartOf, EdgePartner}} {
					sub, err := s.Neighbourhood(start.ID(), depth, limit, kinds)
					if err != nil {
						t.Fatal(err)
					}
					ks, _ := kindSet(kinds)
					in := map[*Node]bool{}
					for _, n := range sub.Nodes {
						in[n] = true
					}
					var want []*Edge
					for i := range g.edgeH {
						e := &g.edgeH[i]
						if ks.has(g, int32(i)) && in[e.Source()] && in[e.Target()] {
							want = append(want, e)
						}
					}
					slices.SortFunc(want, func(a, b *Edge) int { return cmp.Compare(a.ID(), b.ID()) })
					if !slices.Equal(sub.Edges, want) {
						t.Fatalf("%s, depth %d, limit %d, kinds %v: %d edges, want %d", start.ID(), depth, limit, kinds, len(sub.Edges), len(want))
					}
					if sub.Nodes[0] != start || len(sub.Nodes) > max(limit, DefaultMaxNodes) {
						t.Fatalf("%s: nodes %d, first %s", start.ID(), len(sub.Nodes), sub.Nodes[0].ID())
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d neighbourhoods from %d nodes checked", checked, len(starts))
}

// nodes returns every node of s's graph.
func nodes(s *Snapshot) []*Node {
	out := make([]*Node, len(s.graph.nodeH))
	for i := range out {
		out[i] = &s.graph.nodeH[i]
	}
	return out
}
