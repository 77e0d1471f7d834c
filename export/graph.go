package export

import (
	"github.com/resgraph/resgraph"

	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// View names one of the graphs Build can make.
type View string

// Views.
const (
	// ViewObligations: the issuer (the Security Council) to each actor it
	// obliges, one edge per obligation (directive or task), or one weighted
	// edge per pair with Options.Weighted. Directed.
	ViewObligations View = "obligations"
	// ViewBipartite: actors and documents, an edge where a document
	// addresses an actor (any action: directive, task or stance), weighted by
	// the number of actions. Undirected.
	ViewBipartite View = "bipartite"
	// ViewCoaddressee: actors, an edge between two actors obliged in the
	// same paragraph, weighted by the number of such paragraphs. Undirected.
	ViewCoaddressee View = "coaddressee"
	// ViewCitations: documents, an edge per citation from the citing to the
	// cited document, typed by relation; cited documents outside the input
	// are nodes marked external. Directed.
	ViewCitations View = "citations"
	// ViewFull: the knowledge graph of documents, actions (obligations and
	// stances) and actors, with citations and the registry's part-of and
	// led-by links. Directed.
	ViewFull View = "full"
)

// Views lists every view, in the order docs and help show them.
var Views = []View{ViewObligations, ViewBipartite, ViewCoaddressee, ViewCitations, ViewFull}

// ParseView returns the view named s.
func ParseView(s string) (View, error) {
	for _, v := range Views {
		if string(v) == s {
			return v, nil
		}
	}
	return "", resgraph.Errorf(resgraph.EINVALID, "unknown view %q (want %s)", s, joinViews())
}

func joinViews() string {
	var s []string
	for _, v := range Views {
		s = append(s, string(v))
	}
	return strings.Join(s, ", ")
}

// Node kinds.
const (
	KindActor      = "actor"
	KindDocument   = "document"
	KindObligation = "obligation" // a directive or task, in the full view
	KindStance     = "stance"     // a stance or a self-directed action, in the full view
)

// Edge kinds.
const (
	EdgeObligation  = "obligation"  // issuer -> addressee (obligations view)
	EdgeAddressed   = "addressed"   // actor - document (bipartite view)
	EdgeCoaddressed = "coaddressed" // actor - actor (co-addressee view)
	EdgeCites       = "cites"       // document -> document (citations, full)
	EdgeContains    = "contains"    // document -> action (full)
	EdgeAddressee   = "addressee"   // obligation -> actor (full)
	EdgeTarget      = "about"       // stance -> the actor it is about (full)
	EdgePartner     = "partner"     // action -> partner actor (full)
	EdgeIssues      = "issues"      // issuer -> document (full)
	EdgePartOf      = "partOf"      // actor -> actor, from the registry (full)
	EdgeLedBy       = "ledBy"       // actor -> actor, from the registry (full)
)

// Node is one node of a view. Measures are filled by Measure.
type Node struct {
	ID       string   // stable: actor id, document symbol, "SYMBOL#PARA/N" for an action
	Kind     string   // KindActor, KindDocument, KindObligation, KindStance
	Label    string   // actor name, document symbol, "verb -> addressee"
	Type     string   // actor type, document kind, action class
	Aliases  []string // actors: registry aliases and the mentions seen
	Date     string   // ISO day: document date; for actors and actions, the earliest document date they appear in
	Title    string   // documents
	Document string   // actions: the document symbol
	External bool     // documents cited but not in the input
	Chapter7 bool     // documents and actions: adopted under Chapter VII
	// Periods are, for an actor holding a mandate, the periods it was in
	// force (package mandate): GEXF spells, so Gephi's timeline shows when.
	Periods []Spell

	// Bipartite is 0 for actors and 1 for documents in the bipartite view
	// (NetworkX's convention), -1 elsewhere.
	Bipartite int

	Measured    bool
	InDegree    int     // directed views only
	OutDegree   int     // directed views only
	Degree      int     // in + out (directed), incident edges (undirected)
	WInDegree   float64 // summed weights of incoming edges (directed)
	WOutDegree  float64 // summed weights of outgoing edges (directed)
	WDegree     float64 // summed weights of all incident edges
	PageRank    float64
	Betweenness float64
	Community   int

	iri string // RDF IRI where the ID alone does not give it (actions)
}

// Edge is one edge of a view.
// Spell is a stretch of days, ISO, inclusive; End "" is open.
type Spell struct{ Start, End string }

type Edge struct {
	ID         string
	Source     string
	Target     string
	Kind       string // EdgeObligation, EdgeCites ...
	Verb       string // lemma: "requests"
	Class      string // resgraph.Class, or the document kind for "issues"
	Relation   string // citations: "recalls", "reaffirms", "pursuant to" ...
	Document   string // symbol of the document the edge comes from
	Paragraph  string // paragraph id: "op9(a)"
	Date       string // ISO day of the document; weighted edges: the earliest
	End        string // obligations (not weighted): last day the obligation holds (mandate.Validity), "" while it holds
	Chapter7   bool
	Action     string  // what the addressee must do (obligations)
	Weight     float64 // 1 per obligation, citation ...; the count on weighted edges
	Documents  int     // weighted and projected edges: distinct documents behind the edge
	Paragraphs int     // co-addressee edges: paragraphs behind the edge
}

// Graph is a built view: nodes and edges in a deterministic order (nodes by
// ID, edges by source, target, date and ID).
type Graph struct {
	View     View
	Directed bool
	Weighted bool // one edge per pair, weight = count
	Nodes    []Node
	Edges    []Edge
	// Attrs holds graph-level facts written with the graph: "betweenness"
	// ("exact" or "sampled k=256 seed=1"), "pagerank" (damping, weights).
	Attrs map[string]string

	index map[string]int
}

// Node returns the node with id, or nil.
func (g *Graph) Node(id string) *Node {
	if i, ok := g.index[id]; ok {
		return &g.Nodes[i]
	}
	return nil
}

// sortAll puts nodes and edges in their canonical order and rebuilds the
// index.
func (g *Graph) sortAll() {
	if !slices.IsSortedFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) }) {
		slices.SortFunc(g.Nodes, func(a, b Node) int { return strings.Compare(a.ID, b.ID) })
	}
	// Edges are large: sort an index, then permute once.
	idx := make([]int32, len(g.Edges))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(i, j int32) int {
		a, b := &g.Edges[i], &g.Edges[j]
		if c := strings.Compare(a.Source, b.Source); c != 0 {
			return c
		}
		if c := strings.Compare(a.Target, b.Target); c != 0 {
			return c
		}
		if c := strings.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	sorted := make([]Edge, len(g.Edges))
	for i, j := range idx {
		sorted[i] = g.Edges[j]
	}
	g.Edges = sorted
	g.index = make(map[string]int, len(g.Nodes))
	for i := range g.Nodes {
		g.index[g.Nodes[i].ID] = i
	}
}

// attr is one typed attribute of nodes or edges, shared by every writer so
// that the formats agree on names and types.
type attr[T any] struct {
	Name string
	Type string // GraphML attr.type: string, boolean, int, double
	// Get returns the value and whether it is set for this element.
	Get func(g *Graph, x *T) (any, bool)
}

func str(s string) (any, bool)            { return s, s != "" }
func boolean(b bool) (any, bool)          { return b, b }
func measured(n *Node, v any) (any, bool) { return v, n.Measured }

// nodeAttrs are the node attributes, in the order writers declare them.
var nodeAttrs = []attr[Node]{
	{"kind", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Kind) }},
	{"label", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Label) }},
	{"type", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Type) }},
	{"aliases", "string", func(g *Graph, n *Node) (any, bool) { return str(strings.Join(n.Aliases, "|")) }},
	{"date", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Date) }},
	{"title", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Title) }},
	{"document", "string", func(g *Graph, n *Node) (any, bool) { return str(n.Document) }},
	{"external", "boolean", func(g *Graph, n *Node) (any, bool) { return boolean(n.External) }},
	{"chapterVII", "boolean", func(g *Graph, n *Node) (any, bool) { return boolean(n.Chapter7) }},
	{"bipartite", "int", func(g *Graph, n *Node) (any, bool) { return n.Bipartite, n.Bipartite >= 0 }},
	{"inDegree", "int", func(g *Graph, n *Node) (any, bool) { return n.InDegree, n.Measured && g.Directed }},
	{"outDegree", "int", func(g *Graph, n *Node) (any, bool) { return n.OutDegree, n.Measured && g.Directed }},
	{"degree", "int", func(g *Graph, n *Node) (any, bool) { return measured(n, n.Degree) }},
	{"weightedInDegree", "double", func(g *Graph, n *Node) (any, bool) { return n.WInDegree, n.Measured && g.Directed }},
	{"weightedOutDegree", "double", func(g *Graph, n *Node) (any, bool) { return n.WOutDegree, n.Measured && g.Directed }},
	{"weightedDegree", "double", func(g *Graph, n *Node) (any, bool) { return measured(n, n.WDegree) }},
	{"pagerank", "double", func(g *Graph, n *Node) (any, bool) { return measured(n, n.PageRank) }},
	{"betweenness", "double", func(g *Graph, n *Node) (any, bool) { return measured(n, n.Betweenness) }},
	{"community", "int", func(g *Graph, n *Node) (any, bool) { return measured(n, n.Community) }},
}

// edgeAttrs are the edge attributes, in the order writers declare them.
var edgeAttrs = []attr[Edge]{
	{"kind", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Kind) }},
	{"verb", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Verb) }},
	{"class", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Class) }},
	{"relation", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Relation) }},
	{"document", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Document) }},
	{"paragraph", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Paragraph) }},
	{"date", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Date) }},
	{"chapterVII", "boolean", func(g *Graph, e *Edge) (any, bool) { return boolean(e.Chapter7) }},
	{"action", "string", func(g *Graph, e *Edge) (any, bool) { return str(e.Action) }},
	{"weight", "double", func(g *Graph, e *Edge) (any, bool) { return e.Weight, true }},
	{"documents", "int", func(g *Graph, e *Edge) (any, bool) { return e.Documents, e.Documents > 0 }},
	{"paragraphs", "int", func(g *Graph, e *Edge) (any, bool) { return e.Paragraphs, e.Paragraphs > 0 }},
}

// graphAttrNames returns the graph-level attribute names in sorted order.
func (g *Graph) graphAttrNames() []string {
	var names []string
	for k := range g.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// formatValue renders an attribute value as text (GraphML, GEXF, CSV).
func formatValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}
