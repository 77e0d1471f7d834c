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
	// edge per pair with Options.Weighted. Directed. The Council is on
	// every edge: a star, kept for the edge list (one row per obligation,
	// with its dates and action) and the timeline, not for network measures.
	ViewObligations View = "obligations"
	// ViewBipartite: actors and documents, an edge where a document
	// addresses an actor (any action: directive, task or stance), weighted by
	// the number of actions. Undirected.
	ViewBipartite View = "bipartite"
	// ViewCoaddressee: actors, an edge between two actors obliged in the
	// same paragraph, weighted by the number of such paragraphs. Undirected.
	ViewCoaddressee View = "coaddressee"
	// ViewPartners: actors, an edge from the addressee of an obligation to
	// each partner it is to act with ("in cooperation with", "in
	// consultation with"), weighted by the number of obligations. Directed.
	ViewPartners View = "partners"
	// ViewCondemns: actors the Council condemns (condemns, deplores,
	// regrets ...: StanceFamily), an edge between two actors condemned in
	// the same paragraph, weighted by the number of such paragraphs; every
	// actor condemned is a node. Undirected.
	ViewCondemns View = "condemns"
	// ViewWelcomes: the same for the actors the Council welcomes,
	// commends, supports or pays tribute to.
	ViewWelcomes View = "welcomes"
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
var Views = []View{ViewObligations, ViewBipartite, ViewCoaddressee, ViewPartners, ViewCondemns, ViewWelcomes, ViewCitations, ViewFull}

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
	EdgeWorksWith   = "worksWith"   // addressee -> partner (partners view)
	EdgeCondemned   = "coCondemned" // actor - actor (condemns view)
	EdgeWelcomed    = "coWelcomed"  // actor - actor (welcomes view)
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
	Date     string   // ISO day: document date ("" for a cited document outside the input); for actors and actions, the earliest document date they appear in
	Title    string   // documents
	Document string   // actions: the document symbol
	External bool     // documents cited but not in the input
	Chapter7 bool     // documents and actions: adopted under Chapter VII
	// Start and End are the node's time on a timeline, ISO days, End
	// inclusive, "" open (see docs/exports.md, Time): a document from its
	// date (a cited document outside the input from its first citation),
	// an obligation until the last day it holds, an actor from its first
	// appearance to the end of its last edge.
	Start, End string
	// Periods are, for an actor holding a mandate, the periods it was in
	// force (package mandate): GEXF spells, so Gephi's timeline shows when.
	Periods []Spell
	// Sanctions and UNEntity are the registry's external ids of an actor:
	// the UN sanctions list reference ("QDe.134") and the UN entity
	// abbreviation ("MINUSMA").
	Sanctions, UNEntity string
	// Targeted is, in the stance views, the number of stances of the view's
	// family about the actor.
	Targeted int

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

// Spell is a stretch of days, ISO, inclusive; End "" is open.
type Spell struct{ Start, End string }

// String renders s as an ISO 8601 interval: "2013-04-25/2014-06-30",
// "2013-04-25/.." when open.
func (s Spell) String() string {
	end := s.End
	if end == "" {
		end = ".."
	}
	return s.Start + "/" + end
}

// Edge is one edge of a view.
type Edge struct {
	ID        string
	Source    string
	Target    string
	Kind      string // EdgeObligation, EdgeCites ...
	Verb      string // lemma: "requests" (edges of one fact)
	Class     string // resgraph.Class, or the document kind for "issues" (edges of one fact)
	Relation  string // citations: "recalls", "reaffirms", "pursuant to" ... (edges of one fact)
	Document  string // symbol of the document the edge comes from
	Paragraph string // paragraph id: "op9(a)"
	Date      string // ISO day of the document; merged edges: the earliest. The edge's start on a timeline.
	// End is the last day the edge is on a timeline, "" open: an
	// obligation's last day (mandate.Validity), a merged actor pair's last
	// document date (see docs/exports.md, Time).
	End      string
	Chapter7 bool
	Action   string  // what the addressee must do (obligations)
	Weight   float64 // 1 per obligation, citation ...; the count on weighted edges
	// Merged edges (Weighted): the distinct verbs, classes and relations
	// of the facts behind the edge, sorted.
	Verbs, Classes, Relations []string
	Documents                 int // weighted and projected edges: distinct documents behind the edge
	Paragraphs                int // co-occurrence edges: paragraphs behind the edge

	open bool // while merging: a fact behind the edge is open-ended
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
	// Edges are large: sort an index, then permute in place, following
	// the permutation's cycles (no second copy of the edges).
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
	// Position i takes the edge at idx[i]; a visited position is marked -1.
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := g.Edges[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				g.Edges[j] = tmp
				break
			}
			g.Edges[j] = g.Edges[k]
			j = k
		}
	}
	g.index = make(map[string]int, len(g.Nodes))
	for i := range g.Nodes {
		g.index[g.Nodes[i].ID] = i
	}
}

// Attribute types. Writers map them to their own: GraphML has no date or
// list type (a date is an ISO string, a list a JSON array), GEXF 1.2draft
// no date type (the dates are the elements' start and end, typed by
// timeformat="date"), GEXF 1.3 both, RDF xsd:date and one statement per
// list element, JSON and CSV ISO strings and arrays.
const (
	typeString = "string"
	typeBool   = "boolean"
	typeInt    = "int"
	typeDouble = "double"
	typeDate   = "date"       // an ISO day, "2012-12-20"
	typeList   = "liststring" // []string
)

// attr is one typed attribute of nodes or edges, shared by every writer so
// that the formats agree on names and types.
type attr[T any] struct {
	Name string
	Type string // typeString, typeBool ...
	// Get returns the value and whether it is set for this element.
	Get func(g *Graph, x *T) (any, bool)
	// RDF is the predicate of the attribute in RDF ("": NS + Name).
	RDF string
}

func str(s string) (any, bool)            { return s, s != "" }
func list(s []string) (any, bool)         { return s, len(s) > 0 }
func boolean(b bool) (any, bool)          { return b, b }
func measured(n *Node, v any) (any, bool) { return v, n.Measured }

// Shared vocabularies used by the RDF writers where one fits.
const (
	rdfsNS    = "http://www.w3.org/2000/01/rdf-schema#"
	dctermsNS = "http://purl.org/dc/terms/"
	skosNS    = "http://www.w3.org/2004/02/skos/core#"
)

// nodeAttrs are the node attributes, in the order writers declare them.
var nodeAttrs = []attr[Node]{
	{"kind", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Kind) }, ""},
	{"label", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Label) }, rdfsNS + "label"},
	{"type", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Type) }, ""},
	{"aliases", typeList, func(g *Graph, n *Node) (any, bool) { return list(n.Aliases) }, skosNS + "altLabel"},
	{"date", typeDate, func(g *Graph, n *Node) (any, bool) { return str(n.Date) }, dctermsNS + "date"},
	{"start", typeDate, func(g *Graph, n *Node) (any, bool) { return str(n.Start) }, ""},
	{"end", typeDate, func(g *Graph, n *Node) (any, bool) { return str(n.End) }, ""},
	{"periods", typeList, func(g *Graph, n *Node) (any, bool) { return list(spellStrings(n.Periods)) }, ""},
	{"title", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Title) }, dctermsNS + "title"},
	{"document", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Document) }, ""},
	{"external", typeBool, func(g *Graph, n *Node) (any, bool) { return boolean(n.External) }, ""},
	{"chapterVII", typeBool, func(g *Graph, n *Node) (any, bool) { return boolean(n.Chapter7) }, ""},
	{"sanctionsRef", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.Sanctions) }, ""},
	{"unEntity", typeString, func(g *Graph, n *Node) (any, bool) { return str(n.UNEntity) }, ""},
	{"targeted", typeInt, func(g *Graph, n *Node) (any, bool) { return n.Targeted, isStanceView(g.View) && n.Kind == KindActor }, ""},
	{"bipartite", typeInt, func(g *Graph, n *Node) (any, bool) { return n.Bipartite, n.Bipartite >= 0 }, ""},
	{"inDegree", typeInt, func(g *Graph, n *Node) (any, bool) { return n.InDegree, n.Measured && g.Directed }, ""},
	{"outDegree", typeInt, func(g *Graph, n *Node) (any, bool) { return n.OutDegree, n.Measured && g.Directed }, ""},
	{"degree", typeInt, func(g *Graph, n *Node) (any, bool) { return measured(n, n.Degree) }, ""},
	{"weightedInDegree", typeDouble, func(g *Graph, n *Node) (any, bool) { return n.WInDegree, n.Measured && g.Directed }, ""},
	{"weightedOutDegree", typeDouble, func(g *Graph, n *Node) (any, bool) { return n.WOutDegree, n.Measured && g.Directed }, ""},
	{"weightedDegree", typeDouble, func(g *Graph, n *Node) (any, bool) { return measured(n, n.WDegree) }, ""},
	{"pagerank", typeDouble, func(g *Graph, n *Node) (any, bool) { return measured(n, n.PageRank) }, ""},
	{"betweenness", typeDouble, func(g *Graph, n *Node) (any, bool) { return measured(n, n.Betweenness) }, ""},
	{"community", typeInt, func(g *Graph, n *Node) (any, bool) { return measured(n, n.Community) }, ""},
}

// edgeAttrs are the edge attributes, in the order writers declare them.
var edgeAttrs = []attr[Edge]{
	{"kind", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Kind) }, ""},
	{"verb", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Verb) }, ""},
	{"class", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Class) }, ""},
	{"relation", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Relation) }, ""},
	{"verbs", typeList, func(g *Graph, e *Edge) (any, bool) { return list(e.Verbs) }, ""},
	{"classes", typeList, func(g *Graph, e *Edge) (any, bool) { return list(e.Classes) }, ""},
	{"relations", typeList, func(g *Graph, e *Edge) (any, bool) { return list(e.Relations) }, ""},
	{"document", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Document) }, ""},
	{"paragraph", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Paragraph) }, ""},
	{"date", typeDate, func(g *Graph, e *Edge) (any, bool) { return str(e.Date) }, dctermsNS + "date"},
	{"start", typeDate, func(g *Graph, e *Edge) (any, bool) { return str(e.Date) }, ""},
	{"end", typeDate, func(g *Graph, e *Edge) (any, bool) { return str(e.End) }, ""},
	{"chapterVII", typeBool, func(g *Graph, e *Edge) (any, bool) { return boolean(e.Chapter7) }, ""},
	{"action", typeString, func(g *Graph, e *Edge) (any, bool) { return str(e.Action) }, ""},
	{"weight", typeDouble, func(g *Graph, e *Edge) (any, bool) { return e.Weight, true }, ""},
	{"documents", typeInt, func(g *Graph, e *Edge) (any, bool) { return e.Documents, e.Documents > 0 }, ""},
	{"paragraphs", typeInt, func(g *Graph, e *Edge) (any, bool) { return e.Paragraphs, e.Paragraphs > 0 }, ""},
}

func spellStrings(ps []Spell) []string {
	if len(ps) == 0 {
		return nil
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func isStanceView(v View) bool { return v == ViewCondemns || v == ViewWelcomes }

// graphAttrNames returns the graph-level attribute names in sorted order.
func (g *Graph) graphAttrNames() []string {
	var names []string
	for k := range g.Attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// formatValue renders an attribute value as text (GraphML, GEXF, CSV);
// lists are JSON arrays, ["AU","African Union"], which json.loads and
// graphology-gexf read back whatever the values hold (a "|"-joined list
// is read as a comma-separated one by graphology when it has one value
// with a comma in it).
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
	case []string:
		return string(appendJSONList(nil, v))
	}
	return fmt.Sprint(v)
}
