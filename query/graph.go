package query

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/resgraph/resgraph"
)

// Node types.
const (
	NodeDocument = "document"
	NodeActor    = "actor"
)

// Edge kinds.
const (
	EdgeObligation = "obligation" // document -> addressee, one edge per class
	EdgePartner    = "partner"    // document -> actor named as partner of an obligation
	EdgeStance     = "stance"     // document -> actor the stance is about
	EdgeCites      = "cites"      // document -> cited document
	EdgePartOf     = "part-of"    // actor -> actor it is part of
	EdgeLedBy      = "led-by"     // actor -> actor leading it
)

// EdgeKinds lists every edge kind.
var EdgeKinds = []string{EdgeObligation, EdgePartner, EdgeStance, EdgeCites, EdgePartOf, EdgeLedBy}

// Node is a document or an actor in the graph view. ID is "document:" plus
// the symbol or "actor:" plus the actor id.
type Node struct {
	ID       string
	Type     string // NodeDocument or NodeActor
	Label    string
	Document *Document // set for documents
	Actor    *Actor    // set for actors

	idx int // position in the graph's nodes
}

// Edge links two nodes. Several facts of one kind between the same nodes
// (and, for obligations, of one class) make one edge with a Count.
type Edge struct {
	ID             string
	Source, Target *Node
	Kind           string
	Class          string // obligations: their class; citations: the first relation
	Label          string // verbs or relations, comma-separated
	Count          int

	rank int32 // position in the order of IDs, to sort answers by ID cheaply
	kind kinds // Kind as a set of one
}

// kinds is a set of edge kinds: bit i stands for EdgeKinds[i].
type kinds uint8

func kindOf(kind string) kinds { return 1 << slices.Index(EdgeKinds, kind) }

// graphIndex is the graph view. It is built once per snapshot and lives
// as long, so it is laid out for the garbage collector, which marks it on
// every cycle: nodes and edges in two flat arrays, their ids and labels in
// one string, adjacency as one array of edges with offsets per node
// (compressed sparse rows), lookups by document and actor as arrays.
type graphIndex struct {
	nodes   []*Node // into one []Node
	byID    map[string]*Node
	edges   []*Edge   // into one []Edge
	adjOff  []int32   // by node idx: node i's edges are adjList[adjOff[i]:adjOff[i+1]]
	adjList []*Edge   // edges touching each node, in edge order
	outOff  []int32   // the same for the edges leaving each node (as source):
	outList []outEdge // what a neighbourhood needs of them, without pointers
	byRank  []int32   // indexes in edges in the order of edge IDs
	byDoc   []*Node   // by Document.Order
	byActr  []*Node   // by Actor.order
}

// adj returns the edges touching n, in edge order.
func (g *graphIndex) adj(n *Node) []*Edge { return g.adjList[g.adjOff[n.idx]:g.adjOff[n.idx+1]] }

func (g *graphIndex) docNode(d *Document) *Node {
	if d == nil {
		return nil
	}
	return g.byDoc[d.Order]
}

func (g *graphIndex) actorNode(a *Actor) *Node {
	if a == nil {
		return nil
	}
	return g.byActr[a.order]
}

func buildGraph(s *Snapshot) graphIndex {
	g := graphIndex{byID: make(map[string]*Node, len(s.docs)+len(s.actors)), byDoc: make([]*Node, len(s.docs)), byActr: make([]*Node, len(s.actors))}
	flat := make([]Node, 0, len(s.docs)+len(s.actors))
	for _, d := range s.docs {
		flat = append(flat, Node{ID: NodeDocument + ":" + string(d.Symbol), Type: NodeDocument, Label: string(d.Symbol), Document: d})
	}
	for _, a := range s.actors {
		flat = append(flat, Node{ID: NodeActor + ":" + string(a.ID), Type: NodeActor, Label: a.Name, Actor: a})
	}
	g.nodes = make([]*Node, len(flat))
	for i := range flat {
		n := &flat[i]
		n.idx = i
		g.nodes[i] = n
		if n.Document != nil {
			g.byDoc[n.Document.Order] = n
		} else {
			g.byActr[n.Actor.order] = n
		}
	}

	// Edges are made in an order that depends only on the snapshot, and
	// keep it everywhere (adjacency, neighbourhood answers before sorting).
	var edges []Edge
	byKey := map[string]int{}
	link := func(kind string, from, to *Node, class, label string) {
		if from == nil || to == nil {
			return
		}
		id := kind + ":" + from.ID + "->" + to.ID
		if class != "" && kind == EdgeObligation {
			id += ":" + class
		}
		i, ok := byKey[id]
		if !ok {
			i = len(edges)
			byKey[id] = i
			edges = append(edges, Edge{ID: id, Source: from, Target: to, Kind: kind, Class: class, kind: kindOf(kind)})
		}
		e := &edges[i]
		e.Count++
		if label != "" && !slices.Contains(strings.Split(e.Label, ", "), label) {
			if e.Label != "" {
				e.Label += ", "
			}
			e.Label += label
		}
	}
	for _, d := range s.docs {
		if d.Status == resgraph.StatusNotAdopted {
			continue // a failed draft links to no one in the graph views
		}
		dn := g.docNode(d)
		for _, o := range d.Obligations {
			if o.Addressee != nil {
				link(EdgeObligation, dn, g.actorNode(o.Addressee), string(o.Action.Class), o.Action.Verb)
			}
			for _, a := range o.Partners {
				link(EdgePartner, dn, g.actorNode(a), "", "")
			}
		}
		for _, o := range d.Stances {
			if o.Addressee != nil {
				link(EdgeStance, dn, g.actorNode(o.Addressee), string(o.Action.Class), o.Action.Verb)
			}
		}
		for _, c := range d.CitesOut {
			if c.To != nil {
				link(EdgeCites, dn, g.docNode(c.To), c.Reference.Relation, c.Reference.Relation)
			}
		}
	}
	for _, a := range s.actors {
		if a.PartOf != "" {
			link(EdgePartOf, g.actorNode(a), g.actorNode(s.actorByID[a.PartOf]), "", "")
		}
		if a.LedBy != "" {
			link(EdgeLedBy, g.actorNode(a), g.actorNode(s.actorByID[a.LedBy]), "", "")
		}
	}

	// Ids and labels into one string.
	var ids []string
	for i := range flat {
		ids = append(ids, flat[i].ID)
	}
	for i := range edges {
		ids = append(ids, edges[i].ID, edges[i].Label)
	}
	ids = oneString(ids)
	for i := range flat {
		flat[i].ID = ids[i]
		g.byID[flat[i].ID] = &flat[i]
	}
	for i, k := range ids[len(flat):] {
		if i%2 == 0 {
			edges[i/2].ID = k
		} else {
			edges[i/2].Label = k
		}
	}

	byID := make([]int32, len(edges))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(a, b int32) int { return cmp.Compare(edges[a].ID, edges[b].ID) })
	for r, i := range byID {
		edges[i].rank = int32(r)
	}
	g.byRank = byID

	g.edges = make([]*Edge, len(edges))
	g.adjOff = make([]int32, len(flat)+1)
	for i := range edges {
		e := &edges[i]
		g.edges[i] = e
		g.adjOff[e.Source.idx+1]++
		if e.Target != e.Source {
			g.adjOff[e.Target.idx+1]++
		}
	}
	for i := range flat {
		g.adjOff[i+1] += g.adjOff[i]
	}
	g.adjList = make([]*Edge, g.adjOff[len(flat)])
	next := slices.Clone(g.adjOff[:len(flat)])
	for _, e := range g.edges {
		g.adjList[next[e.Source.idx]] = e
		next[e.Source.idx]++
		if e.Target != e.Source {
			g.adjList[next[e.Target.idx]] = e
			next[e.Target.idx]++
		}
	}
	g.outOff = make([]int32, len(flat)+1)
	for _, e := range g.edges {
		g.outOff[e.Source.idx+1]++
	}
	for i := range flat {
		g.outOff[i+1] += g.outOff[i]
	}
	g.outList = make([]outEdge, len(edges))
	next = slices.Clone(g.outOff[:len(flat)])
	for _, e := range g.edges {
		g.outList[next[e.Source.idx]] = outEdge{target: int32(e.Target.idx), rank: e.rank, kind: e.kind}
		next[e.Source.idx]++
	}
	return g
}

// outEdge is an edge leaving a node, as the neighbourhood walk reads it:
// one array of ints it reads in order, where reading each edge and its
// target for these three fields was most of a neighbourhood's time.
type outEdge struct {
	target int32 // the target node's idx
	rank   int32
	kind   kinds
}

// out returns the edges leaving n, in edge order.
func (g *graphIndex) out(n *Node) []outEdge { return g.outList[g.outOff[n.idx]:g.outOff[n.idx+1]] }

// oneString returns ss with every string a part of one new string: one
// object for the garbage collector to mark instead of len(ss).
func oneString(ss []string) []string {
	var b strings.Builder
	n := 0
	for _, x := range ss {
		n += len(x)
	}
	b.Grow(n)
	for _, x := range ss {
		b.WriteString(x)
	}
	all, out, at := b.String(), make([]string, len(ss)), 0
	for i, x := range ss {
		out[i] = all[at : at+len(x)]
		at += len(x)
	}
	return out
}

// Node finds a node by its id ("document:S/2012/946", "actor:african-union"),
// by a document symbol, or by an actor id, name or alias; nil when none.
func (s *Snapshot) Node(id string) *Node {
	if n := s.graph.byID[id]; n != nil {
		return n
	}
	if rest, ok := strings.CutPrefix(id, NodeDocument+":"); ok {
		id = rest
	} else if rest, ok := strings.CutPrefix(id, NodeActor+":"); ok {
		id = rest
	}
	if d := s.Document(id); d != nil {
		return s.graph.docNode(d)
	}
	if as := s.ResolveActor(id); len(as) > 0 {
		return s.graph.actorNode(as[0])
	}
	return nil
}

// Subgraph is a set of nodes and the edges among them.
type Subgraph struct {
	Nodes     []*Node
	Edges     []*Edge
	Truncated bool // the node limit cut the neighbourhood short
}

// Neighbourhood limits.
const (
	MaxDepth        = 3
	DefaultMaxNodes = 100
	MaxNodes        = 2000
)

// kindSet returns the edge kinds to follow; all when kinds is empty.
func kindSet(names []string) (kinds, error) {
	var set kinds
	for _, k := range names {
		k = lower(k)
		if !slices.Contains(EdgeKinds, k) {
			return 0, resgraph.Errorf(resgraph.EINVALID, "unknown edge kind %q (want one of %s)", k, strings.Join(EdgeKinds, ", "))
		}
		set |= kindOf(k)
	}
	if set == 0 {
		set = 1<<len(EdgeKinds) - 1
	}
	return set, nil
}

// has reports whether e is of a kind of the set.
func (ks kinds) has(e *Edge) bool { return ks&e.kind != 0 }

// Neighbourhood returns the nodes within depth hops of the node id (edges
// followed both ways, only of the given kinds, all when none), breadth
// first, at most maxNodes of them, and every edge among them.
func (s *Snapshot) Neighbourhood(id string, depth, maxNodes int, kinds []string) (*Subgraph, error) {
	if depth < 0 || depth > MaxDepth {
		return nil, resgraph.Errorf(resgraph.EINVALID, "depth must be between 0 and %d, got %d", MaxDepth, depth)
	}
	if maxNodes == 0 {
		maxNodes = DefaultMaxNodes
	}
	if maxNodes < 1 || maxNodes > MaxNodes {
		return nil, resgraph.Errorf(resgraph.EINVALID, "limit must be between 1 and %d, got %d", MaxNodes, maxNodes)
	}
	ks, err := kindSet(kinds)
	if err != nil {
		return nil, err
	}
	start := s.Node(id)
	if start == nil {
		return nil, resgraph.Errorf(resgraph.ENOTFOUND, "no document or actor %q", id)
	}
	g := &s.graph
	// The walk's bookkeeping is borrowed, so that an answer allocates only
	// what it returns (a neighbourhood was 19 KB of garbage, which
	// brought the collector round under load).
	w := walks.Get().(*walk)
	defer walks.Put(w)
	words := (len(g.nodes) + 63) / 64
	w.in = slices.Grow(w.in[:0], words)[:words]
	clear(w.in)
	w.nodes = w.nodes[:0]
	w.add(start.idx)
	sub := &Subgraph{}
	for d, from := 0, 0; d < depth && from < len(w.nodes) && !sub.Truncated; d++ {
		to := len(w.nodes)
		for _, ni := range w.nodes[from:to] {
			n := g.nodes[ni]
			for _, e := range g.adj(n) {
				if !ks.has(e) {
					continue
				}
				m := e.Target
				if m == n {
					m = e.Source
				}
				if w.has(m.idx) {
					continue
				}
				if len(w.nodes) >= maxNodes {
					sub.Truncated = true
					break
				}
				w.add(m.idx)
			}
		}
		from = to
	}
	sub.Nodes = make([]*Node, len(w.nodes))
	for i, ni := range w.nodes {
		sub.Nodes[i] = g.nodes[ni]
	}
	// Every edge among the nodes, once: from its source's edges. Sorted
	// by ID as ranks (ints sort faster than pointers, which the collector
	// must be told about at every swap while it marks).
	w.ranks = w.ranks[:0]
	for _, n := range sub.Nodes {
		for _, e := range g.out(n) {
			if ks&e.kind != 0 && w.has(int(e.target)) {
				w.ranks = append(w.ranks, e.rank)
			}
		}
	}
	slices.Sort(w.ranks)
	sub.Edges = make([]*Edge, len(w.ranks))
	for i, r := range w.ranks {
		sub.Edges[i] = g.edges[g.byRank[r]]
	}
	return sub, nil
}

// walk is the bookkeeping of one Neighbourhood: the nodes found, as a set
// (a bit per node) and in the order found, and the ranks of the edges
// among them.
type walk struct {
	in    []uint64
	nodes []int32
	ranks []int32
}

var walks = sync.Pool{New: func() any { return new(walk) }}

func (w *walk) has(i int) bool { return w.in[i/64]&(1<<(i%64)) != 0 }

func (w *walk) add(i int) {
	w.in[i/64] |= 1 << (i % 64)
	w.nodes = append(w.nodes, int32(i))
}

// ShortestPath returns a shortest path between two nodes, following edges
// both ways (only of the given kinds, all when none), or nil when they are
// not connected. Among paths of equal length it takes the one found first
// in edge order, so the answer is stable.
func (s *Snapshot) ShortestPath(from, to string, kinds []string) (*Subgraph, error) {
	ks, err := kindSet(kinds)
	if err != nil {
		return nil, err
	}
	a, b := s.Node(from), s.Node(to)
	switch {
	case a == nil:
		return nil, resgraph.Errorf(resgraph.ENOTFOUND, "no document or actor %q", from)
	case b == nil:
		return nil, resgraph.Errorf(resgraph.ENOTFOUND, "no document or actor %q", to)
	case a == b:
		return &Subgraph{Nodes: []*Node{a}}, nil
	}
	g := &s.graph
	via := map[*Node]*Edge{a: nil}
	frontier := []*Node{a}
	for len(frontier) > 0 {
		var next []*Node
		for _, n := range frontier {
			for _, e := range g.adj(n) {
				if !ks.has(e) {
					continue
				}
				m := e.Target
				if m == n {
					m = e.Source
				}
				if _, ok := via[m]; ok {
					continue
				}
				via[m] = e
				if m == b {
					return pathTo(via, a, b), nil
				}
				next = append(next, m)
			}
		}
		frontier = next
	}
	return nil, nil
}

func pathTo(via map[*Node]*Edge, a, b *Node) *Subgraph {
	p := &Subgraph{Nodes: []*Node{b}}
	for n := b; n != a; {
		e := via[n]
		p.Edges = append(p.Edges, e)
		if e.Source == n {
			n = e.Target
		} else {
			n = e.Source
		}
		p.Nodes = append(p.Nodes, n)
	}
	slices.Reverse(p.Nodes)
	slices.Reverse(p.Edges)
	return p
}

// String describes a node for logs and tests.
func (n *Node) String() string { return fmt.Sprintf("%s %q", n.ID, n.Label) }
