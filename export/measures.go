package export

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"
)

// MeasureOptions tune Measure. The zero value means the defaults.
type MeasureOptions struct {
	// Damping is PageRank's damping factor (default 0.85).
	Damping float64
	// ExactLimit is the largest node count for which betweenness is exact
	// (default 2000); larger graphs get the sampled estimate.
	ExactLimit int
	// Pivots is k, the number of source nodes of sampled betweenness
	// (default 256), drawn with Seed (default 1).
	Pivots int
	Seed   uint64
	// NoCommunities skips Louvain community detection.
	NoCommunities bool
}

func (o MeasureOptions) withDefaults() MeasureOptions {
	if o.Damping == 0 {
		o.Damping = 0.85
	}
	if o.ExactLimit == 0 {
		o.ExactLimit = 2000
	}
	if o.Pivots == 0 {
		o.Pivots = 256
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// Measure computes, for every node of g, in and out degree (edge counts,
// parallel edges included), weighted degrees (sums of edge weights),
// PageRank, betweenness and a Louvain community, and records how in
// g.Attrs.
//
// PageRank: damping 0.85, edge-weighted (parallel edges add their weights;
// an undirected edge counts in both directions), dangling nodes spread their
// rank uniformly, uniform teleport; power iteration from the uniform vector
// until the L1 change is below 1e-12 — NetworkX's nx.pagerank(G,
// alpha=0.85, weight="weight") with a tighter tolerance.
//
// Betweenness: shortest paths by hop count (weights are counts, not
// distances), parallel edges and self-loops ignored, directed on directed
// views, normalized by 1/((n-1)(n-2)) like nx.betweenness_centrality(G,
// normalized=True). Exact (Brandes from every node) up to ExactLimit
// nodes; above, Brandes from k pivots drawn with a fixed seed, scaled by
// n/k (NetworkX's estimator for k=...), and g.Attrs["betweenness"] says
// "sampled k=... seed=...". Brandes is written here (betweenness below)
// rather than taken from gonum's network.Betweenness: gonum has no sampled
// variant, and its map-based sums come out in a different order on each
// run, so exports would differ in the last bits; tests check both agree.
//
// Communities: Louvain, resolution 1, on the undirected weighted graph,
// numbered from 0 in order of each community's first node (see
// communities); g.Attrs["communities"] gives the partition's modularity.
func Measure(g *Graph, o MeasureOptions) {
	o = o.withDefaults()
	a := newAdjacency(g)
	n := len(g.Nodes)
	for i := range g.Nodes {
		g.Nodes[i].Measured = true
	}
	for _, e := range g.Edges {
		s, t := g.index[e.Source], g.index[e.Target]
		if g.Directed {
			g.Nodes[s].OutDegree++
			g.Nodes[s].WOutDegree += e.Weight
			g.Nodes[t].InDegree++
			g.Nodes[t].WInDegree += e.Weight
		}
		g.Nodes[s].Degree++
		g.Nodes[s].WDegree += e.Weight
		g.Nodes[t].Degree++
		g.Nodes[t].WDegree += e.Weight
	}
	// The three measures read the adjacency and write their own slices: run
	// them side by side (each is deterministic on its own).
	var (
		wg   sync.WaitGroup
		bc   []float64
		comm []int
		q    float64
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		if n <= o.ExactLimit {
			all := make([]int, n)
			for i := range all {
				all[i] = i
			}
			bc = betweenness(a, all)
		} else {
			bc = betweenness(a, pivots(n, min(o.Pivots, n), o.Seed))
		}
	}()
	go func() {
		defer wg.Done()
		if !o.NoCommunities {
			comm, q = communities(a)
		}
	}()
	pr := pageRank(a, o.Damping, 1e-12)
	wg.Wait()
	for i := range g.Nodes {
		g.Nodes[i].PageRank = pr[i]
		g.Nodes[i].Betweenness = bc[i]
	}
	g.Attrs["pagerank"] = fmt.Sprintf("damping=%g weight=weight dangling=uniform", o.Damping)
	if n <= o.ExactLimit {
		g.Attrs["betweenness"] = "exact normalized=1/((n-1)(n-2)) hops"
	} else {
		g.Attrs["betweenness"] = fmt.Sprintf("sampled k=%d seed=%d normalized=1/((n-1)(n-2))*n/k hops", min(o.Pivots, n), o.Seed)
	}
	if !o.NoCommunities {
		for i, c := range comm {
			g.Nodes[i].Community = c
		}
		g.Attrs["communities"] = fmt.Sprintf("louvain resolution=1 undirected weighted order=id modularity=%.6f", q)
	}
}

// adjacency is g as index lists: the out-neighbours of each node with the
// summed weight of the edges to it (both directions for undirected graphs),
// without self-loops.
type adjacency struct {
	n        int
	directed bool
	out      [][]int32
	wout     [][]float64
}

func newAdjacency(g *Graph) *adjacency {
	n := len(g.Nodes)
	a := &adjacency{n: n, directed: g.Directed, out: make([][]int32, n), wout: make([][]float64, n)}
	pos := make([]map[int32]int, n)
	link := func(s, t int, w float64) {
		if pos[s] == nil {
			pos[s] = make(map[int32]int)
		}
		if j, ok := pos[s][int32(t)]; ok {
			a.wout[s][j] += w
			return
		}
		pos[s][int32(t)] = len(a.out[s])
		a.out[s] = append(a.out[s], int32(t))
		a.wout[s] = append(a.wout[s], w)
	}
	for _, e := range g.Edges {
		s, t := g.index[e.Source], g.index[e.Target]
		if s == t {
			continue
		}
		link(s, t, e.Weight)
		if !g.Directed {
			link(t, s, e.Weight)
		}
	}
	// Neighbours in index order make every later step deterministic.
	for s := range a.out {
		idx := make([]int, len(a.out[s]))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return a.out[s][idx[i]] < a.out[s][idx[j]] })
		out, w := make([]int32, len(idx)), make([]float64, len(idx))
		for i, j := range idx {
			out[i], w[i] = a.out[s][j], a.wout[s][j]
		}
		a.out[s], a.wout[s] = out, w
	}
	return a
}

// pageRank is a power iteration written here, not gonum's network.PageRank,
// because gonum starts from a random vector drawn from the global source:
// exports would differ in their last digits from run to run. The test checks
// both agree.
func pageRank(a *adjacency, damp, tol float64) []float64 {
	n := a.n
	if n == 0 {
		return nil
	}
	wsum := make([]float64, n)
	for s := range a.out {
		for _, w := range a.wout[s] {
			wsum[s] += w
		}
	}
	x := make([]float64, n)
	next := make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for iter := 0; iter < 10000; iter++ {
		var dangling float64
		for i := range next {
			next[i] = 0
		}
		for s := range a.out {
			if wsum[s] == 0 {
				dangling += x[s]
				continue
			}
			f := damp * x[s] / wsum[s]
			for j, t := range a.out[s] {
				next[t] += f * a.wout[s][j]
			}
		}
		base := (1-damp)/float64(n) + damp*dangling/float64(n)
		var diff float64
		for i := range next {
			next[i] += base
			diff += math.Abs(next[i] - x[i])
		}
		x, next = next, x
		if diff < tol {
			break
		}
	}
	return x
}

func normalizer(n int) float64 {
	if n <= 2 {
		return 0
	}
	return 1 / (float64(n-1) * float64(n-2))
}

// pivots draws k distinct node indices out of n with a fixed seed.
func pivots(n, k int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	p := r.Perm(n)[:k]
	sort.Ints(p)
	return p
}

// betweenness is Brandes' algorithm (unweighted, breadth-first)
// accumulated from the given sources only, scaled by n/k and normalized:
// the estimator NetworkX uses for betweenness_centrality(k=...). With every
// node as a source it is the exact value.
func betweenness(a *adjacency, sources []int) []float64 {
	n := a.n
	cb := make([]float64, n)
	if n <= 2 || len(sources) == 0 {
		return cb
	}
	sigma := make([]float64, n)
	dist := make([]int32, n)
	delta := make([]float64, n)
	stack := make([]int32, 0, n)
	queue := make([]int32, 0, n)
	for i := range dist {
		dist[i] = -1
	}
	for _, s := range sources {
		stack = stack[:0]
		queue = append(queue[:0], int32(s))
		sigma[s], dist[s] = 1, 0
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			stack = append(stack, v)
			for _, w := range a.out[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
				}
			}
		}
		// Predecessors of w are the in-neighbours v with dist[v] = dist[w]-1;
		// walking the stack backwards and pushing along out-edges from v
		// visits the same pairs without storing predecessor lists.
		for i := len(stack) - 1; i >= 0; i-- {
			v := stack[i]
			for _, w := range a.out[v] {
				if dist[w] == dist[v]+1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if int(v) != s {
				cb[v] += delta[v]
			}
		}
		for _, v := range stack {
			sigma[v], dist[v], delta[v] = 0, -1, 0
		}
	}
	scale := normalizer(n) * float64(n) / float64(len(sources))
	for i := range cb {
		cb[i] *= scale
	}
	return cb
}

// communities is the Louvain method (Blondel et al. 2008) on the
// undirected, weighted graph (a directed edge counts in both directions),
// resolution 1, visiting nodes in id order, so it is deterministic. It
// returns each node's community, numbered in order of each community's
// first node, and the partition's modularity.
//
// It is written here rather than taken from gonum's community.Modularize,
// whose local mover sums edge weights over every member of each candidate
// community through a map: 42 s of CPU for the 66k-node full view of the
// corpus, quadratic in community size. This one keeps community totals and
// is linear in the edges per pass; tests check its modularity with gonum's
// community.Q and against gonum's partition.
func communities(a *adjacency) ([]int, float64) {
	n := a.n
	// Level-0 graph: symmetric adjacency with summed weights.
	adj := make([]map[int32]float64, n)
	for s, ts := range a.out {
		for j, t := range ts {
			w := a.wout[s][j]
			if a.directed {
				for _, e := range [2][2]int32{{int32(s), t}, {t, int32(s)}} {
					if adj[e[0]] == nil {
						adj[e[0]] = map[int32]float64{}
					}
					adj[e[0]][e[1]] += w
				}
			} else {
				if adj[s] == nil {
					adj[s] = map[int32]float64{}
				}
				adj[s][t] += w
			}
		}
	}
	lg := &louvainGraph{nbr: make([][]int32, n), w: make([][]float64, n), self: make([]float64, n)}
	for s := range adj {
		ts := make([]int32, 0, len(adj[s]))
		for t := range adj[s] {
			ts = append(ts, t)
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		lg.nbr[s] = ts
		lg.w[s] = make([]float64, len(ts))
		for j, t := range ts {
			lg.w[s][j] = adj[s][t]
		}
	}
	member := make([]int, n) // original node -> node of the current level
	for i := range member {
		member[i] = i
	}
	for {
		comm, moved := lg.localMoves()
		if !moved {
			break
		}
		var k int
		lg, k = lg.aggregate(comm)
		for i := range member {
			member[i] = comm[member[i]]
		}
		if k == 1 {
			break
		}
	}
	// Number communities by their first node.
	num := map[int]int{}
	out := make([]int, n)
	for i, c := range member {
		if _, ok := num[c]; !ok {
			num[c] = len(num)
		}
		out[i] = num[c]
	}
	return out, lg.modularity()
}

// louvainGraph is one level of the Louvain method: symmetric weighted
// adjacency without self-loops, and each node's self-loop weight (twice the
// weight of the edges folded into it).
type louvainGraph struct {
	nbr  [][]int32
	w    [][]float64
	self []float64
}

func (g *louvainGraph) degrees() ([]float64, float64) {
	k := make([]float64, len(g.nbr))
	var m2 float64
	for i := range g.nbr {
		k[i] = g.self[i]
		for _, w := range g.w[i] {
			k[i] += w
		}
		m2 += k[i]
	}
	return k, m2
}

// localMoves moves nodes, one at a time in id order, to the neighbouring
// community with the best modularity gain until a pass moves none. It
// returns communities numbered 0..k-1 in order of first node.
func (g *louvainGraph) localMoves() ([]int, bool) {
	n := len(g.nbr)
	k, m2 := g.degrees()
	comm := make([]int, n)
	tot := make([]float64, n)
	for i := range comm {
		comm[i] = i
		tot[i] = k[i]
	}
	if m2 == 0 {
		return comm, false
	}
	toComm := make([]float64, n)
	touched := make([]int, 0, 64)
	moved := false
	for pass := 0; pass < 1000; pass++ {
		changed := 0
		for i := 0; i < n; i++ {
			ci := comm[i]
			touched = touched[:0]
			for j, t := range g.nbr[i] {
				c := comm[t]
				if toComm[c] == 0 {
					touched = append(touched, c)
				}
				toComm[c] += g.w[i][j]
			}
			tot[ci] -= k[i]
			best, bestGain := ci, toComm[ci]-tot[ci]*k[i]/m2
			for _, c := range touched {
				if gain := toComm[c] - tot[c]*k[i]/m2; gain > bestGain+1e-12 {
					best, bestGain = c, gain
				}
			}
			tot[best] += k[i]
			if best != ci {
				comm[i] = best
				changed++
			}
			for _, c := range touched {
				toComm[c] = 0
			}
		}
		if changed == 0 {
			break
		}
		moved = true
	}
	// Renumber.
	num := make([]int, n)
	for i := range num {
		num[i] = -1
	}
	next := 0
	for i, c := range comm {
		if num[c] < 0 {
			num[c] = next
			next++
		}
		comm[i] = num[c]
	}
	return comm, moved
}

// aggregate folds each community into one node.
func (g *louvainGraph) aggregate(comm []int) (*louvainGraph, int) {
	k := 0
	for _, c := range comm {
		k = max(k, c+1)
	}
	adj := make([]map[int32]float64, k)
	self := make([]float64, k)
	for i := range g.nbr {
		ci := comm[i]
		self[ci] += g.self[i]
		for j, t := range g.nbr[i] {
			ct := comm[t]
			if ct == ci {
				self[ci] += g.w[i][j]
				continue
			}
			if adj[ci] == nil {
				adj[ci] = map[int32]float64{}
			}
			adj[ci][int32(ct)] += g.w[i][j]
		}
	}
	out := &louvainGraph{nbr: make([][]int32, k), w: make([][]float64, k), self: self}
	for c := range adj {
		ts := make([]int32, 0, len(adj[c]))
		for t := range adj[c] {
			ts = append(ts, t)
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
		out.nbr[c] = ts
		out.w[c] = make([]float64, len(ts))
		for j, t := range ts {
			out.w[c][j] = adj[c][t]
		}
	}
	return out, k
}

// modularity of the partition whose communities are g's nodes.
func (g *louvainGraph) modularity() float64 {
	k, m2 := g.degrees()
	if m2 == 0 {
		return 0
	}
	var q float64
	for i := range g.nbr {
		q += g.self[i]/m2 - (k[i]/m2)*(k[i]/m2)
	}
	return q
}
