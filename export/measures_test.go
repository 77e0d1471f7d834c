package export

import (
	"math"
	"testing"

	"math/rand/v2"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// gonumDirected is the view as gonum graphs: weighted directed (both
// directions for undirected views) and unweighted simple.
func gonumGraphs(g *Graph) (*simple.WeightedDirectedGraph, graph.Graph) {
	a := newAdjacency(g)
	wd := simple.NewWeightedDirectedGraph(0, 0)
	for i := 0; i < a.n; i++ {
		wd.AddNode(simple.Node(i))
	}
	var plain graph.Graph
	if g.Directed {
		d := simple.NewDirectedGraph()
		for i := 0; i < a.n; i++ {
			d.AddNode(simple.Node(i))
		}
		plain = d
	} else {
		u := simple.NewUndirectedGraph()
		for i := 0; i < a.n; i++ {
			u.AddNode(simple.Node(i))
		}
		plain = u
	}
	for s, ts := range a.out {
		for j, t := range ts {
			wd.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(s), T: simple.Node(t), W: a.wout[s][j]})
			switch p := plain.(type) {
			case *simple.DirectedGraph:
				p.SetEdge(simple.Edge{F: simple.Node(s), T: simple.Node(t)})
			case *simple.UndirectedGraph:
				p.SetEdge(simple.Edge{F: simple.Node(s), T: simple.Node(t)})
			}
		}
	}
	return wd, plain
}

// TestMeasuresAgreeWithGonum: our PageRank and Brandes give gonum's
// network.PageRankSparse and network.Betweenness values on every view.
func TestMeasuresAgreeWithGonum(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		for _, weighted := range []bool{false, true} {
			g := build(t, v, f, Options{Weighted: weighted})
			Measure(g, MeasureOptions{})
			wd, plain := gonumGraphs(g)
			pr := network.PageRankSparse(wd, 0.85, 1e-13)
			bc := network.Betweenness(plain)
			scale := normalizer(len(g.Nodes))
			var sum float64
			for i, n := range g.Nodes {
				sum += n.PageRank
				if d := math.Abs(n.PageRank - pr[int64(i)]); d > 1e-9 {
					t.Errorf("%s weighted=%t: PageRank(%s) = %v, gonum %v", v, weighted, n.ID, n.PageRank, pr[int64(i)])
				}
				if d := math.Abs(n.Betweenness - bc[int64(i)]*scale); d > 1e-12 {
					t.Errorf("%s weighted=%t: betweenness(%s) = %v, gonum %v", v, weighted, n.ID, n.Betweenness, bc[int64(i)]*scale)
				}
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("%s: PageRank sums to %v", v, sum)
			}
			if g.Attrs["betweenness"] != "exact normalized=1/((n-1)(n-2)) hops" {
				t.Errorf("%s: betweenness attribute %q", v, g.Attrs["betweenness"])
			}
		}
	}
}

func TestDegrees(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewObligations, f, Options{})
	Measure(g, MeasureOptions{})
	c := g.Node("security-council")
	if c.OutDegree != 43 || c.InDegree != 0 || c.WOutDegree != 43 || c.Degree != 43 {
		t.Errorf("council degrees = out %d in %d wout %v degree %d, want 43 0 43 43", c.OutDegree, c.InDegree, c.WOutDegree, c.Degree)
	}
	if sg := g.Node("secretary-general"); sg.InDegree != 11 || sg.WInDegree != 11 {
		t.Errorf("secretary-general in-degree %d weighted %v, want 11", sg.InDegree, sg.WInDegree)
	}
	w := build(t, ViewObligations, f, Options{Weighted: true})
	Measure(w, MeasureOptions{})
	if sg := w.Node("secretary-general"); sg.InDegree != 1 || sg.WInDegree != 11 {
		t.Errorf("weighted: secretary-general in-degree %d weighted %v, want 1 and 11", sg.InDegree, sg.WInDegree)
	}
	// Same PageRank either way: parallel edges add their weights.
	for _, n := range g.Nodes {
		if d := math.Abs(n.PageRank - w.Node(n.ID).PageRank); d > 1e-12 {
			t.Errorf("PageRank(%s) %v unweighted, %v weighted", n.ID, n.PageRank, w.Node(n.ID).PageRank)
		}
	}
}

// TestSampledBetweenness: with a limit below the node count the estimate
// is sampled, said so, deterministic, and close to the exact value's
// ranking on the full view.
func TestSampledBetweenness(t *testing.T) {
	f := loadFixture(t)
	exact := build(t, ViewFull, f, Options{})
	Measure(exact, MeasureOptions{})
	n := len(exact.Nodes)
	s1 := build(t, ViewFull, f, Options{})
	Measure(s1, MeasureOptions{ExactLimit: 10, Pivots: n / 2})
	s2 := build(t, ViewFull, f, Options{})
	Measure(s2, MeasureOptions{ExactLimit: 10, Pivots: n / 2})
	want := "sampled k=" + itoa(n/2) + " seed=1 normalized=1/((n-1)(n-2))*n/k hops"
	if s1.Attrs["betweenness"] != want {
		t.Errorf("attribute = %q, want %q", s1.Attrs["betweenness"], want)
	}
	for i := range s1.Nodes {
		if s1.Nodes[i].Betweenness != s2.Nodes[i].Betweenness {
			t.Fatalf("sampled betweenness of %s differs between runs", s1.Nodes[i].ID)
		}
	}
	// All pivots: the sampled estimator is the exact value.
	all := build(t, ViewFull, f, Options{})
	Measure(all, MeasureOptions{ExactLimit: 10, Pivots: n})
	for i := range all.Nodes {
		if d := math.Abs(all.Nodes[i].Betweenness - exact.Nodes[i].Betweenness); d > 1e-12 {
			t.Errorf("k=n: %s = %v, exact %v", all.Nodes[i].ID, all.Nodes[i].Betweenness, exact.Nodes[i].Betweenness)
		}
	}
}

func itoa(i int) string { return formatValue(i) }

// TestCommunities: our Louvain's modularity is what gonum's community.Q
// computes for the same partition, and not worse than gonum's own Louvain
// (community.Modularize) on every view of the fixture and the seed.
func TestCommunities(t *testing.T) {
	f := loadFixture(t)
	sd, sa := seed(t)
	for _, in := range []struct {
		name fixture
		tag  string
	}{{f, "fixture"}, {fixture{Documents: sd, Actors: sa}, "seed"}} {
		for _, v := range Views {
			g := build(t, v, in.name, Options{})
			Measure(g, MeasureOptions{})
			a := newAdjacency(g)
			_, ours := communities(a)
			u := simple.NewWeightedUndirectedGraph(0, 0)
			for i := range g.Nodes {
				u.AddNode(simple.Node(i))
			}
			for s, ts := range a.out {
				for j, t := range ts {
					w := a.wout[s][j]
					if !g.Directed {
						if int(t) < s {
							continue
						}
					} else if e := u.WeightedEdge(int64(s), int64(t)); e != nil {
						w += e.Weight()
					}
					u.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(s), T: simple.Node(t), W: w})
				}
			}
			parts := map[int][]graph.Node{}
			for i, n := range g.Nodes {
				parts[n.Community] = append(parts[n.Community], simple.Node(i))
			}
			var comms [][]graph.Node
			for c := 0; c < len(parts); c++ {
				comms = append(comms, parts[c])
			}
			q := community.Q(u, comms, 1)
			if math.Abs(q-ours) > 1e-9 {
				t.Errorf("%s %s: modularity %v, gonum's Q of the same partition %v", in.tag, v, ours, q)
			}
			theirs := community.Q(u, community.Modularize(u, 1, rand.NewPCG(1, 1)).Communities(), 1)
			if ours < theirs-0.02 {
				t.Errorf("%s %s: modularity %v, gonum's Louvain %v", in.tag, v, ours, theirs)
			}
			t.Logf("%s %s: %d nodes, %d communities, Q %.4f (gonum's Louvain %.4f)", in.tag, v, len(g.Nodes), len(parts), ours, theirs)
			if g.Nodes[0].Community != 0 {
				t.Errorf("first node in community %d, want 0", g.Nodes[0].Community)
			}
		}
	}
}
