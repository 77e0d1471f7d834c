package query

import (
	"cmp"
	"fmt"
	"math/bits"
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

// Node is a document or an actor in the graph view (a handle, as
// Document). Its ID is "document:" plus the symbol or "actor:" plus the
// actor id.
type Node struct {
	s *Snapshot
	i int32
}

// Edge links two nodes (a handle, as Document). Several facts of one kind
// between the same nodes (and, for obligations, of one class) make one
// edge with a Count.
type Edge struct {
	s *Snapshot
	i int32
}

// kinds is a set of edge kinds: bit i stands for EdgeKinds[i].
type kinds uint8

func kindOf(kind string) kinds { return 1 << slices.Index(EdgeKinds, kind) }

type nodeRec struct {
	id str
}

type edgeRec struct {
	id, label      str
	source, target int32 // nodes
	count          int32
	rank           int32 // position in the order of IDs, to sort answers by ID cheaply
	class          int32 // into graphIndex.classes
	kind           kinds // Kind as a set of one
}

// graphIndex is the graph view, built once per snapshot: nodes and edges
// in two flat arrays of records (the documents' nodes first, in snapshot
// order, then the actors', in id order), adjacency as one array of edge
// indexes with offsets per node (compressed sparse rows).
type graphIndex struct {
	nodes   []nodeRec
	edges   []edgeRec
	nodeH   []Node // handles
	edgeH   []Edge
	nDocs   int32
	byID    keyIndex[int32]
	adjOff  []int32   // by node: node i's edges are adjList[adjOff[i]:adjOff[i+1]]
	adjList []int32   // edges touching each node, in edge order
	outOff  []int32   // the same for the edges leaving each node (as source):
	outList []outEdge // what a neighbourhood needs of them
	byRank  []int32   // indexes in edges in the order of edge IDs
	classes []string  // the edges' classes; classes[0] is ""
}

// adj returns the edges touching node n, in edge order.
func (g *graphIndex) adj(n int32) []int32 { return g.adjList[g.adjOff[n]:g.adjOff[n+1]] }

// other returns the node at the other end of edge e from n.
func (g *graphIndex) other(e, n int32) int32 {
	if t := g.edges[e].target; t != n {
		return t
	}
	return g.edges[e].source
}

func (g *graphIndex) docNode(d *Document) *Node {
	if d == nil {
		return nil
	}
	return &g.nodeH[d.i]
}

func (g *graphIndex) actorNode(a *Actor) *Node {
	if a == nil {
		return nil
	}
	return &g.nodeH[g.nDocs+a.i]
}

func (n *Node) rec() *nodeRec { return &n.s.graph.nodes[n.i] }

// ID returns the node's id: "document:S/2012/946", "actor:african-union".
func (n *Node) ID() string { return n.s.str(n.rec().id) }

// Type returns NodeDocument or NodeActor.
func (n *Node) Type() string {
	if n.i < n.s.graph.nDocs {
		return NodeDocument
	}
	return NodeActor
}

// Label returns the document's symbol or the actor's name.
func (n *Node) Label() string {
	if d := n.Document(); d != nil {
		return d.SymbolString()
	}
	return n.Actor().Name()
}

// Document returns the node's document, nil for an actor.
func (n *Node) Document() *Document {
	if n.i < n.s.graph.nDocs {
		return &n.s.docs[n.i]
	}
	return nil
}

// Actor returns the node's actor, nil for a document.
func (n *Node) Actor() *Actor {
	if n.i < n.s.graph.nDocs {
		return nil
	}
	return &n.s.actors[n.i-n.s.graph.nDocs]
}

func (e *Edge) rec() *edgeRec { return &e.s.graph.edges[e.i] }

// ID returns the edge's id: kind, source and target ("cites:document:S/RES/2085 (2012)->document:S/RES/2071 (2012)").
func (e *Edge) ID() string { return e.s.str(e.rec().id) }

// Source returns the edge's source node.
func (e *Edge) Source() *Node { return &e.s.graph.nodeH[e.rec().source] }

// Target returns the edge's target node.
func (e *Edge) Target() *Node { return &e.s.graph.nodeH[e.rec().target] }

// Kind returns one of EdgeKinds.
func (e *Edge) Kind() string { return EdgeKinds[bits.TrailingZeros8(uint8(e.rec().kind))] }

// Class returns the class of obligations, or the first relation of
// citations; "" for other kinds.
func (e *Edge) Class() string { return e.s.graph.classes[e.rec().class] }

// Label returns the verbs or relations, comma-separated.
func (e *Edge) Label() string { return e.s.str(e.rec().label) }

// Count returns how many facts the edge stands for.
func (e *Edge) Count() int { return int(e.rec().count) }

// edgeBuild is an edge as buildGraph collects it.
type edgeBuild struct {
	id             string
	labels         []string
	source, target int32
	count          int32
	class          string
	kind           kinds
}

func buildGraph(s *Snapshot, a *arena) graphIndex {
	nDocs := len(s.docs)
	g := graphIndex{nDocs: int32(nDocs), nodes: make([]nodeRec, nDocs+len(s.actors)), classes: []string{""}}
	ids := make(map[string]int32, len(g.nodes))
	for i := range s.docs {
		id := NodeDocument + ":" + s.docs[i].SymbolString()
		g.nodes[i].id = a.put(id)
		ids[id] = int32(i)
	}
	for i := range s.actors {
		id := NodeActor + ":" + s.actors[i].IDString()
		g.nodes[nDocs+i].id = a.put(id)
		ids[id] = int32(nDocs + i)
	}
	g.byID = newKeyIndex(a, ids)
	g.nodeH = make([]Node, len(g.nodes))
	for i := range g.nodeH {
		g.nodeH[i] = Node{s: s, i: int32(i)}
	}
	nodeID := func(n int32) string {
		if n < int32(nDocs) {
			return NodeDocument + ":" + s.docs[n].SymbolString()
		}
		return NodeActor + ":" + s.actors[n-int32(nDocs)].IDString()
	}

	// Edges are made in an order that depends only on the snapshot, and
	// keep it everywhere (adjacency, neighbourhood answers before sorting).
	var edges []edgeBuild
	byKey := map[string]int{}
	link := func(kind string, from, to *Node, class, label string) {
		if from == nil || to == nil {
			return
		}
		id := kind + ":" + nodeID(from.i) + "->" + nodeID(to.i)
		if class != "" && kind == EdgeObligation {
			id += ":" + class
		}
		i, ok := byKey[id]
		if !ok {
			i = len(edges)
			byKey[id] = i
			edges = append(edges, edgeBuild{id: id, source: from.i, target: to.i, class: class, kind: kindOf(kind)})
		}
		e := &edges[i]
		e.count++
		if label != "" && !slices.Contains(e.labels, label) {
			e.labels = append(e.labels, label)
		}
	}
	for i := range s.docs {
		d := &s.docs[i]
		if d.Status() == resgraph.StatusNotAdopted {
			continue // a failed draft links to no one in the graph views
		}
		dn := g.docNode(d)
		for _, o := range d.Obligations() {
			if ad := o.Addressee(); ad != nil {
				link(EdgeObligation, dn, g.actorNode(ad), o.ClassName(), o.Verb())
			}
			for _, p := range o.Partners() {
				link(EdgePartner, dn, g.actorNode(p), "", "")
			}
		}
		for _, o := range d.Stances() {
			if ad := o.Addressee(); ad != nil {
				link(EdgeStance, dn, g.actorNode(ad), o.ClassName(), o.Verb())
			}
		}
		for _, c := range d.CitesOut() {
			if to := c.To(); to != nil {
				link(EdgeCites, dn, g.docNode(to), c.Relation(), c.Relation())
			}
		}
	}
	for i := range s.actors {
		ac := &s.actors[i]
		if p := ac.PartOf(); p != "" {
			link(EdgePartOf, g.actorNode(ac), g.actorNode(s.Actor(p)), "", "")
		}
		if l := ac.LedBy(); l != "" {
			link(EdgeLedBy, g.actorNode(ac), g.actorNode(s.Actor(l)), "", "")
		}
	}

	classes := map[string]int32{"": 0}
	g.edges = make([]edgeRec, len(edges))
	for i, e := range edges {
		c, ok := classes[e.class]
		if !ok {
			c = int32(len(g.classes))
			classes[e.class] = c
			g.classes = append(g.classes, e.class)
		}
		g.edges[i] = edgeRec{id: a.put(e.id), label: a.put(strings.Join(e.labels, ", ")), source: e.source, target: e.target,
			count: e.count, class: c, kind: e.kind}
	}
	byID := make([]int32, len(edges))
	for i := range byID {
		byID[i] = int32(i)
	}
	slices.SortFunc(byID, func(x, y int32) int { return cmp.Compare(edges[x].id, edges[y].id) })
	for r, i := range byID {
		g.edges[i].rank = int32(r)
	}
	g.byRank = byID
	g.edgeH = make([]Edge, len(edges))
	for i := range g.edgeH {
		g.edgeH[i] = Edge{s: s, i: int32(i)}
	}

	n := len(g.nodes)
	g.adjOff = make([]int32, n+1)
	for _, e := range g.edges {
		g.adjOff[e.source+1]++
		if e.target != e.source {
			g.adjOff[e.target+1]++
		}
	}
	for i := range n {
		g.adjOff[i+1] += g.adjOff[i]
	}
	g.adjList = make([]int32, g.adjOff[n])
	next := slices.Clone(g.adjOff[:n])
	for i, e := range g.edges {
		g.adjList[next[e.source]] = int32(i)
		next[e.source]++
		if e.target != e.source {
			g.adjList[next[e.target]] = int32(i)
			next[e.target]++
		}
	}
	g.outOff = make([]int32, n+1)
	for _, e := range g.edges {
		g.outOff[e.source+1]++
	}
	for i := range n {
		g.outOff[i+1] += g.outOff[i]
	}
	g.outList = make([]outEdge, len(g.edges))
	next = slices.Clone(g.outOff[:n])
	for _, e := range g.edges {
		g.outList[next[e.source]] = outEdge{target: e.target, rank: e.rank, kind: e.kind}
		next[e.source]++
	}
	return g
}

// outEdge is an edge leaving a node, as the neighbourhood walk reads it:
// one array of ints it reads in order, where reading each edge and its
// target for these three fields was most of a neighbourhood's time.
type outEdge struct {
	target int32 // the target node
	rank   int32
	kind   kinds
}

// out returns the edges leaving node n, in edge order.
func (g *graphIndex) out(n int32) []outEdge { return g.outList[g.outOff[n]:g.outOff[n+1]] }

// Node finds a node by its id ("document:S/2012/946", "actor:african-union"),
// by a document symbol, or by an actor id, name or alias; nil when none.
func (s *Snapshot) Node(id string) *Node {
	if n, ok := s.graph.byID.get(s.text, id); ok {
		return &s.graph.nodeH[n]
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

// has reports whether edge e is of a kind of the set.
func (ks kinds) has(g *graphIndex, e int32) bool { return ks&g.edges[e].kind != 0 }

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
	w.add(int(start.i))
	sub := &Subgraph{}
	for d, from := 0, 0; d < depth && from < len(w.nodes) && !sub.Truncated; d++ {
		to := len(w.nodes)
		for _, n := range w.nodes[from:to] {
			for _, e := range g.adj(n) {
				if !ks.has(g, e) {
					continue
				}
				m := g.other(e, n)
				if w.has(int(m)) {
					continue
				}
				if len(w.nodes) >= maxNodes {
					sub.Truncated = true
					break
				}
				w.add(int(m))
			}
		}
		from = to
	}
	sub.Nodes = make([]*Node, len(w.nodes))
	for i, n := range w.nodes {
		sub.Nodes[i] = &g.nodeH[n]
	}
	// Every edge among the nodes, once: from its source's edges. Sorted
	// by ID as ranks.
	w.ranks = w.ranks[:0]
	for _, n := range w.nodes {
		for _, e := range g.out(n) {
			if ks&e.kind != 0 && w.has(int(e.target)) {
				w.ranks = append(w.ranks, e.rank)
			}
		}
	}
	slices.Sort(w.ranks)
	sub.Edges = make([]*Edge, len(w.ranks))
	for i, r := range w.ranks {
		sub.Edges[i] = &g.edgeH[g.byRank[r]]
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
	via := map[int32]int32{a.i: -1} // node: the edge it was reached by
	frontier := []int32{a.i}
	for len(frontier) > 0 {
		var next []int32
		for _, n := range frontier {
			for _, e := range g.adj(n) {
				if !ks.has(g, e) {
					continue
				}
				m := g.other(e, n)
				if _, ok := via[m]; ok {
					continue
				}
				via[m] = e
				if m == b.i {
					return g.pathTo(via, a.i, b.i), nil
				}
				next = append(next, m)
			}
		}
		frontier = next
	}
	return nil, nil
}

func (g *graphIndex) pathTo(via map[int32]int32, a, b int32) *Subgraph {
	p := &Subgraph{Nodes: []*Node{&g.nodeH[b]}}
	for n := b; n != a; {
		e := via[n]
		p.Edges = append(p.Edges, &g.edgeH[e])
		n = g.other(e, n)
		p.Nodes = append(p.Nodes, &g.nodeH[n])
	}
	slices.Reverse(p.Nodes)
	slices.Reverse(p.Edges)
	return p
}

// String describes a node for logs and tests.
func (n *Node) String() string { return fmt.Sprintf("%s %q", n.ID(), n.Label()) }
