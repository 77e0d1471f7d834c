package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// neighbourhoodSummary (Query.neighbourhoodSummary) draws a big
// neighbourhood as a reader can take it in: the Secretary-General has
// 1,609 neighbours at one hop, tied to it by 2,794 edges and to each other
// by 10,342 citations; drawn node by node, that was a hairball of
// overlapping labels. The summary keeps the neighbours of most weight and
// groups the rest (documents by year or kind, actors by type), so the page
// draws some sixty nodes whatever the size of the neighbourhood.
//
// It is built from query's Neighbourhood (the walk, at query.MaxNodes
// nodes), here rather than in query: it is a view of that answer, and
// costs a few milliseconds over it.

// Summary limits.
const (
	defaultSummaryTop = 30
	maxSummaryTop     = 500
	maxEdgeLabels     = 10
	maxFarTies        = 3  // summed edges a node or group beyond the first hop keeps
	openStep          = 20 // members an open group shows one by one, each time it is named
	maxYearGroups     = 8  // groups of documents by year at one distance, beyond which they are by periods
)

// A summary's view of query's nodes and edges; their fields are read here
// only.
func nodeID(n *query.Node) string    { return n.ID() }
func nodeLabel(n *query.Node) string { return n.Label() }
func edgeID(e *query.Edge) string    { return e.ID() }
func edgeLabel(e *query.Edge) string { return e.Label() }
func edgeCount(e *query.Edge) int    { return e.Count() }

// summaryNode is a node of the walk, with what the summary knows of it.
type summaryNode struct {
	n      *query.Node
	depth  int
	weight int
	data   map[string]string // n.Data() by key
	actor  bool              // an actor (else a document)
	group  int               // index in groups, -1 when shown one by one
}

// summaryGroup is a group of nodes of one distance and key.
type summaryGroup struct {
	id, by, key, label, kind string
	depth, weight            int
	members                  []int // indexes in nodes
	last                     int   // the latest year of a period's members
}

func summarize(s *query.Snapshot, id string, depth int, kinds []string, top int, groupBy model.NeighbourGrouping, open []string) (*model.NeighbourhoodSummary, error) {
	if depth < 1 || depth > query.MaxDepth {
		return nil, resgraph.Errorf(resgraph.EINVALID, "depth must be between 1 and %d, got %d", query.MaxDepth, depth)
	}
	if top < 0 || top > maxSummaryTop {
		return nil, resgraph.Errorf(resgraph.EINVALID, "top must be between 0 and %d, got %d", maxSummaryTop, top)
	}
	if !groupBy.IsValid() {
		return nil, resgraph.Errorf(resgraph.EINVALID, "groupBy: %q is not YEAR or KIND", groupBy)
	}
	sub, err := s.Neighbourhood(id, depth, query.MaxNodes, kinds)
	if err != nil {
		return nil, err
	}
	nodes := make([]summaryNode, len(sub.Nodes))
	at := make(map[string]int, len(sub.Nodes))
	for i, n := range sub.Nodes {
		data := map[string]string{}
		for _, kv := range n.Data() {
			data[kv.Key] = kv.Value
		}
		nodes[i] = summaryNode{n: n, depth: -1, data: data, actor: n.TypeEnum() == "ACTOR", group: -1}
		at[nodeID(n)] = i
	}
	type link struct{ a, b int }
	links := make([]link, len(sub.Edges))
	adj := make([][]int, len(nodes))
	for i, e := range sub.Edges {
		a, b := at[e.SourceID()], at[e.TargetID()]
		links[i] = link{a, b}
		adj[a] = append(adj[a], i)
		if b != a {
			adj[b] = append(adj[b], i)
		}
	}
	// Distances: breadth first from the start, over the walk's edges (the
	// walk reached every node along a shortest path, whose nodes it holds).
	nodes[0].depth = 0
	for queue := []int{0}; len(queue) > 0; queue = queue[1:] {
		u := queue[0]
		for _, ei := range adj[u] {
			v := links[ei].a + links[ei].b - u
			if nodes[v].depth < 0 {
				nodes[v].depth = nodes[u].depth + 1
				queue = append(queue, v)
			}
		}
	}
	for i, e := range sub.Edges {
		a, b := links[i].a, links[i].b
		switch {
		case nodes[a].depth == nodes[b].depth+1:
			nodes[a].weight += edgeCount(e)
		case nodes[b].depth == nodes[a].depth+1:
			nodes[b].weight += edgeCount(e)
		}
	}
	byRank := func(x, y int) int {
		a, b := &nodes[x], &nodes[y]
		return cmp.Or(cmp.Compare(a.depth, b.depth), cmp.Compare(b.weight, a.weight), strings.Compare(nodeID(a.n), nodeID(b.n)))
	}
	rest := make([]int, 0, len(nodes))
	for i := 1; i < len(nodes); i++ {
		rest = append(rest, i)
	}
	slices.SortFunc(rest, byRank)
	shown := rest[:min(top, len(rest))]
	rest = rest[len(shown):]

	// Group the rest, then open the groups asked for. Documents of more
	// than maxYearGroups years at one distance are grouped by periods of
	// 2, 5, 10 or 25 years.
	years := map[int]map[int]bool{} // by depth
	for _, i := range rest {
		if y := docYear(&nodes[i]); y > 0 && groupBy == model.NeighbourGroupingYear {
			if years[nodes[i].depth] == nil {
				years[nodes[i].depth] = map[int]bool{}
			}
			years[nodes[i].depth][y] = true
		}
	}
	span := map[int]int{}
	for d, ys := range years {
		span[d] = yearSpan(ys)
	}
	start := nodeID(sub.Nodes[0])
	var groups []*summaryGroup
	byKey := map[string]int{}
	for _, i := range rest {
		by, key, kind := groupKey(&nodes[i], groupBy, span[nodes[i].depth])
		gid := "group:" + start + "|" + strconv.Itoa(nodes[i].depth) + "|" + by + ":" + key
		g, ok := byKey[gid]
		if !ok {
			g = len(groups)
			byKey[gid] = g
			groups = append(groups, &summaryGroup{id: gid, by: by, key: key, label: key, kind: kind, depth: nodes[i].depth})
		}
		groups[g].members = append(groups[g].members, i) // in rank order
		if y := docYear(&nodes[i]); by == "year" && y > 0 {
			groups[g].last = max(groups[g].last, y)
		}
	}
	for _, g := range groups {
		// A period is labelled up to its last year present: "2025–2026".
		if from, to, ok := strings.Cut(g.key, "-"); ok {
			if t, _ := strconv.Atoi(to); g.last > 0 && g.last < t {
				to = strconv.Itoa(g.last)
			}
			g.label = from + "–" + to
		}
	}
	shown = slices.Clone(shown)
	for _, gid := range open {
		if g, ok := byKey[gid]; ok {
			m := groups[g].members
			k := min(openStep, len(m))
			shown = append(shown, m[:k]...)
			groups[g].members = m[k:]
		}
	}
	// A group of one is its member.
	kept := groups[:0]
	for _, g := range groups {
		switch len(g.members) {
		case 0:
			continue
		case 1:
			shown = append(shown, g.members[0])
			continue
		}
		kept = append(kept, g)
	}
	groups = kept
	slices.SortFunc(shown, byRank)
	for gi, g := range groups {
		for _, i := range g.members {
			nodes[i].group = gi
			g.weight += nodes[i].weight
		}
	}
	slices.SortStableFunc(groups, func(a, b *summaryGroup) int {
		return cmp.Or(cmp.Compare(a.depth, b.depth), cmp.Compare(len(b.members), len(a.members)), strings.Compare(a.id, b.id))
	})
	for gi, g := range groups {
		for _, i := range g.members {
			nodes[i].group = gi
		}
	}

	out := &model.NeighbourhoodSummary{Neighbours: len(nodes) - 1, Shown: len(shown), Truncated: sub.Truncated}
	one := func(i int) *model.SummaryNode {
		n := &nodes[i]
		return &model.SummaryNode{ID: nodeID(n.n), Type: n.n.TypeEnum(), Label: nodeLabel(n.n), Data: n.n.Data(), Depth: n.depth, Weight: n.weight, Members: 1}
	}
	out.Nodes = append(out.Nodes, one(0))
	for _, i := range shown {
		out.Nodes = append(out.Nodes, one(i))
	}
	for _, g := range groups {
		kv := func(k, v string) *query.KeyValue { return &query.KeyValue{Key: k, Value: v} }
		out.Nodes = append(out.Nodes, &model.SummaryNode{ID: g.id, Type: "GROUP", Label: g.label,
			Data:  []*query.KeyValue{kv("by", g.by), kv("key", g.key), kv("members", g.kind)},
			Depth: g.depth, Weight: g.weight, Members: len(g.members)})
	}

	// Edges: as they are between nodes shown one by one. A group's edges
	// to nodes one hop nearer are summed: to the start node, per kind and
	// class (the star of the first hop, coloured by class); further out,
	// into one edge per pair of nodes drawn (of the kind and class with
	// most facts), of which each node keeps its maxFarTies strongest
	// toward the start. Its other edges are left out.
	shownID := func(i int) string {
		if g := nodes[i].group; g >= 0 {
			return groups[g].id
		}
		return nodeID(nodes[i].n)
	}
	type sumKey struct{ src, tgt, kind, class string }
	type sum struct {
		edge   *model.SummaryEdge
		far    string         // the end further from the start, for far ties
		facts  map[string]int // far ties: facts by kind and class
		edges  int            // graph edges summed
		labels []string
	}
	sums := map[sumKey]*sum{}
	var order []*sum
	for i, e := range sub.Edges {
		a, b := links[i].a, links[i].b
		if nodes[a].group < 0 && nodes[b].group < 0 {
			out.Edges = append(out.Edges, &model.SummaryEdge{ID: edgeID(e), Source: e.SourceID(), Target: e.TargetID(),
				Kind: e.KindEnum(), Class: e.ClassOrNil(), Label: edgeLabel(e), Count: edgeCount(e)})
			continue
		}
		near, far := a, b
		if nodes[a].depth > nodes[b].depth {
			near, far = b, a
		}
		if nodes[far].depth != nodes[near].depth+1 {
			out.OmittedEdges++
			continue
		}
		kind, class := e.KindEnum(), "" // obligations and stances by class; other kinds whatever their relation
		if c := e.ClassOrNil(); c != nil && (kind == "OBLIGATION" || kind == "STANCE") {
			class = *c
		}
		k := sumKey{shownID(a), shownID(b), kind, class}
		if nodes[near].depth > 0 {
			k = sumKey{src: min(shownID(a), shownID(b)), tgt: max(shownID(a), shownID(b))}
		}
		x := sums[k]
		if x == nil {
			x = &sum{edge: &model.SummaryEdge{Source: shownID(a), Target: shownID(b), Kind: kind}}
			if nodes[near].depth == 0 {
				x.edge.Class = e.ClassOrNil()
				x.edge.ID = summaryEdgeID(kind, class, x.edge.Source, x.edge.Target)
			} else {
				x.far, x.facts = shownID(far), map[string]int{}
			}
			sums[k] = x
			order = append(order, x)
		}
		x.edge.Count += edgeCount(e)
		x.edges++
		if x.facts != nil {
			x.facts[kind+"\x00"+class] += edgeCount(e)
		}
		for _, l := range strings.Split(edgeLabel(e), ", ") {
			if l != "" && len(x.labels) < maxEdgeLabels && !slices.Contains(x.labels, l) {
				x.labels = append(x.labels, l)
			}
		}
	}
	ties := map[string][]*sum{}
	for _, x := range order {
		x.edge.Label = strings.Join(x.labels, ", ")
		if x.facts == nil {
			out.Edges = append(out.Edges, x.edge)
			continue
		}
		best, n := "", -1
		for kc, c := range x.facts {
			if c > n || (c == n && kc < best) {
				best, n = kc, c
			}
		}
		kind, class, _ := strings.Cut(best, "\x00")
		x.edge.Kind, x.edge.Class = kind, optional(class)
		x.edge.ID = summaryEdgeID(kind, class, x.edge.Source, x.edge.Target)
		ties[x.far] = append(ties[x.far], x)
	}
	for _, x := range order {
		if x.facts == nil || ties[x.far] == nil {
			continue
		}
		ts := ties[x.far]
		delete(ties, x.far)
		slices.SortStableFunc(ts, func(a, b *sum) int { return cmp.Compare(b.edge.Count, a.edge.Count) })
		for i, t := range ts {
			if i < maxFarTies {
				out.Edges = append(out.Edges, t.edge)
			} else {
				out.OmittedEdges += t.edges
			}
		}
	}
	return out, nil
}

// summaryEdgeID is an id for a summed edge, made as query makes edge ids.
func summaryEdgeID(kind, class, src, tgt string) string {
	id := strings.ReplaceAll(strings.ToLower(kind), "_", "-") + ":" + src + "->" + tgt
	if kind == "OBLIGATION" && class != "" {
		id += ":" + class
	}
	return id
}

// groupKey returns how a node not shown one by one is grouped: documents
// by year (by periods of span years when span > 1) or kind, actors by
// type; and what the group holds.
func groupKey(n *summaryNode, by model.NeighbourGrouping, span int) (string, string, string) {
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	if n.actor {
		return "type", or(n.data["type"], string(resgraph.ActorUnknown)), "ACTOR"
	}
	if by == model.NeighbourGroupingKind {
		return "kind", or(n.data["kind"], "document"), "DOCUMENT"
	}
	y := docYear(n)
	switch {
	case y == 0:
		return "year", "undated", "DOCUMENT"
	case span > 1:
		from := y / span * span
		return "year", strconv.Itoa(from) + "-" + strconv.Itoa(from+span-1), "DOCUMENT"
	}
	return "year", strconv.Itoa(y), "DOCUMENT"
}

// docYear returns the year of a document node, 0 when none.
func docYear(n *summaryNode) int {
	if d := n.data["date"]; len(d) >= 4 {
		y, _ := strconv.Atoi(d[:4])
		return y
	}
	return 0
}

// yearSpan returns how many years a group of documents spans so that the
// years present make at most maxYearGroups groups.
func yearSpan(years map[int]bool) int {
	for _, span := range []int{1, 2, 5, 10, 25} {
		bins := map[int]bool{}
		for y := range years {
			bins[y/span] = true
		}
		if len(bins) <= maxYearGroups {
			return span
		}
	}
	return 100
}
