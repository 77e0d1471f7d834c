package export

import (
	"sort"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
)

// CouncilID is the id of the Security Council, the issuer of every
// obligation in resolutions and presidential statements. The registry's
// entry of that id, when present, names it.
const CouncilID resgraph.ActorID = "security-council"

// Build makes view over docs and the registry's actors, keeping what opt's
// filter selects. The graph has no measures yet: see Measure.
//
// Documents are taken in input order; a document whose symbol repeats an
// earlier one is skipped. Self-loops (a document citing itself) are dropped.
func Build(view View, docs []*resgraph.Document, actors []resgraph.Actor, opt Options) (*Graph, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	b := newBuilder(view, docs, actors, opt)
	switch view {
	case ViewObligations:
		b.obligations()
	case ViewBipartite:
		b.bipartite()
	case ViewCoaddressee:
		b.coaddressee()
	case ViewCitations:
		b.citations(false)
	case ViewFull:
		b.full()
	default:
		return nil, resgraph.Errorf(resgraph.EINVALID, "build: unknown view %q (want %s)", view, joinViews())
	}
	return b.finish(), nil
}

type builder struct {
	g        *Graph
	opt      Options
	m        *matcher
	docs     []*resgraph.Document // deduplicated, passing the document filters
	bySymbol map[string]*resgraph.Document
	registry map[resgraph.ActorID]*resgraph.Actor
	nodes    map[string]*Node
	mentions map[string]map[string]bool // actor node id -> mentions seen
	timeline *mandate.Timeline          // of all the documents given, filtered or not
}

func newBuilder(view View, docs []*resgraph.Document, actors []resgraph.Actor, opt Options) *builder {
	b := &builder{
		g:        &Graph{View: view, Attrs: map[string]string{}},
		opt:      opt,
		m:        compile(opt.Filter, docs, actors),
		bySymbol: make(map[string]*resgraph.Document),
		registry: make(map[resgraph.ActorID]*resgraph.Actor, len(actors)),
		nodes:    make(map[string]*Node),
		mentions: make(map[string]map[string]bool),
		timeline: mandate.Build(docs, actors),
	}
	for i := range actors {
		b.registry[actors[i].ID] = &actors[i]
	}
	seen := make(map[resgraph.Symbol]bool)
	for _, d := range docs {
		if d == nil || seen[d.Symbol] {
			continue
		}
		seen[d.Symbol] = true
		if !b.m.document(d) {
			continue
		}
		b.docs = append(b.docs, d)
	}
	// Every symbol of every input document resolves citations, filtered or
	// not, so a cited document outside the filter is not called external.
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, s := range d.Symbols() {
			if _, ok := b.bySymbol[string(s)]; !ok {
				b.bySymbol[string(s)] = d
			}
		}
	}
	return b
}

func (b *builder) finish() *Graph {
	g := b.g
	ids := make([]string, 0, len(b.nodes))
	for id := range b.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids) // sorting ids, not Node values, is several times cheaper
	g.Nodes = make([]Node, 0, len(ids))
	for _, id := range ids {
		n := b.nodes[id]
		if n.Kind == KindActor {
			if m := b.timeline.Mandate(resgraph.ActorID(n.ID)); m != nil {
				for _, p := range m.Periods {
					n.Periods = append(n.Periods, Spell{p.From, p.Until})
				}
			}
		}
		if ms := b.mentions[id]; len(ms) > 0 {
			have := make(map[string]bool)
			for _, a := range n.Aliases {
				have[strings.ToLower(a)] = true
			}
			have[strings.ToLower(n.Label)] = true
			// In order, so that of mentions differing only in case the
			// same one is kept on every run.
			sorted := make([]string, 0, len(ms))
			for m := range ms {
				sorted = append(sorted, m)
			}
			sort.Strings(sorted)
			var extra []string
			for _, m := range sorted {
				if !have[strings.ToLower(m)] {
					have[strings.ToLower(m)] = true
					extra = append(extra, m)
				}
			}
			n.Aliases = append(n.Aliases, extra...)
		}
		g.Nodes = append(g.Nodes, *n)
	}
	g.sortAll()
	return g
}

// actionIDs returns the stable id of each action of d: "SYMBOL#PARA/N",
// N counting the actions of the paragraph from 1.
func actionIDs(d *resgraph.Document) []string {
	ids := make([]string, len(d.Actions))
	count := make(map[string]int)
	for i := range d.Actions {
		p := paragraphOf(&d.Actions[i])
		count[p]++
		ids[i] = string(d.Symbol) + "#" + p + "/" + strconv.Itoa(count[p])
	}
	return ids
}

func paragraphOf(a *resgraph.Action) string {
	if a.ParagraphID != "" {
		return a.ParagraphID
	}
	return a.Paragraph + a.Item
}

func isObligation(a *resgraph.Action) bool {
	return (a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask) &&
		a.Addressee != nil && a.Addressee.ID != ""
}

// actor adds (or updates) the node of an actor seen in a document of the
// given date.
func (b *builder) actor(id resgraph.ActorID, ref *resgraph.ActorRef, date string) *Node {
	key := string(id)
	n := b.nodes[key]
	if n == nil {
		n = &Node{ID: key, Kind: KindActor, Bipartite: -1}
		if a := b.registry[id]; a != nil {
			n.Label, n.Type = a.Name, string(a.Type)
			n.Aliases = append([]string(nil), a.Aliases...)
		} else if ref != nil {
			n.Label, n.Type = ref.Name, string(ref.Type)
			n.Aliases = append([]string(nil), ref.Aliases...)
		}
		if n.Label == "" {
			if id == CouncilID {
				n.Label, n.Type = "Security Council", string(resgraph.ActorUNOrgan)
			} else {
				n.Label = key
			}
		}
		if n.Type == "" {
			n.Type = string(resgraph.ActorUnknown)
		}
		if b.g.View == ViewBipartite {
			n.Bipartite = 0
		}
		b.nodes[key] = n
	}
	if ref != nil && ref.Mention != "" {
		ms := b.mentions[key]
		if ms == nil {
			ms = make(map[string]bool)
			b.mentions[key] = ms
		}
		ms[strings.Join(strings.Fields(ref.Mention), " ")] = true
	}
	if date != "" && (n.Date == "" || date < n.Date) {
		n.Date = date
	}
	return n
}

// document adds the node of an input document.
func (b *builder) document(d *resgraph.Document) *Node {
	key := string(d.Symbol)
	if n := b.nodes[key]; n != nil {
		return n
	}
	n := &Node{ID: key, Kind: KindDocument, Label: key, Type: string(d.Kind), Title: d.Title,
		Date: d.Date, Chapter7: d.ChapterVII, Bipartite: -1}
	if b.g.View == ViewBipartite {
		n.Bipartite = 1
	}
	b.nodes[key] = n
	return n
}

// cited returns the node id of the document a citation names, adding an
// external node when no input document has that symbol.
func (b *builder) cited(sym resgraph.Symbol) string {
	if d := b.bySymbol[string(sym)]; d != nil {
		b.document(d)
		return string(d.Symbol)
	}
	key := string(sym)
	if b.nodes[key] == nil {
		b.nodes[key] = &Node{ID: key, Kind: KindDocument, Label: key, Type: kindOfSymbol(key),
			External: true, Bipartite: -1}
	}
	return key
}

// kindOfSymbol guesses a cited document's kind from its symbol.
func kindOfSymbol(s string) string {
	switch {
	case strings.HasPrefix(s, "S/RES/"):
		return string(resgraph.KindResolution)
	case strings.HasPrefix(s, "S/PRST/"):
		return string(resgraph.KindPresidentialStatement)
	case strings.HasPrefix(s, "A/RES/"):
		return "general assembly resolution"
	case strings.HasPrefix(s, "S/"):
		return "security council document"
	}
	return "document"
}

func (b *builder) issuer() resgraph.ActorID { return CouncilID }

// obligations: issuer -> addressee per directive or task.
func (b *builder) obligations() {
	b.g.Directed = true
	var edges []Edge
	for _, d := range b.docs {
		ids := actionIDs(d)
		for i := range d.Actions {
			a := &d.Actions[i]
			if !isObligation(a) || !b.m.action(a, b.issuer()) {
				continue
			}
			b.actor(b.issuer(), nil, d.Date)
			b.actor(a.Addressee.ID, a.Addressee, d.Date)
			edges = append(edges, Edge{
				ID: ids[i], Source: string(b.issuer()), Target: string(a.Addressee.ID), Kind: EdgeObligation,
				Verb: a.Verb, Class: string(a.Class), Document: string(d.Symbol), Paragraph: paragraphOf(a),
				Date: d.Date, End: b.timeline.Validity(mandate.FactsOf(d, a)).Until,
				Chapter7: a.ChapterVII || d.ChapterVII, Action: a.Action, Weight: 1,
			})
		}
	}
	if b.opt.Weighted {
		edges = merge(edges, func(e *Edge) string { return e.Source + "->" + e.Target })
		b.g.Weighted = true
	}
	b.g.Edges = edges
}

// bipartite: actor - document, weighted by the actions addressed.
func (b *builder) bipartite() {
	b.g.Weighted = true
	var edges []Edge
	for _, d := range b.docs {
		for i := range d.Actions {
			a := &d.Actions[i]
			if a.Addressee == nil || a.Addressee.ID == "" || !b.m.action(a, b.issuer()) {
				continue
			}
			b.actor(a.Addressee.ID, a.Addressee, d.Date)
			b.document(d)
			edges = append(edges, Edge{
				ID: string(a.Addressee.ID) + "--" + string(d.Symbol), Source: string(a.Addressee.ID),
				Target: string(d.Symbol), Kind: EdgeAddressed, Verb: a.Verb, Class: string(a.Class),
				Document: string(d.Symbol), Date: d.Date, Chapter7: a.ChapterVII || d.ChapterVII, Weight: 1,
			})
		}
	}
	b.g.Edges = merge(edges, func(e *Edge) string { return e.ID })
}

// coaddressee: actor - actor, per paragraph obliging both.
func (b *builder) coaddressee() {
	b.g.Weighted = true
	var edges []Edge
	for _, d := range b.docs {
		type para struct {
			ids   []resgraph.ActorID
			refs  []*resgraph.ActorRef
			class map[string]bool
		}
		var order []string
		paras := make(map[string]*para)
		for i := range d.Actions {
			a := &d.Actions[i]
			// The actor filter applies to pairs below, not to actions.
			if !isObligation(a) || (b.m.classes != nil && !b.m.classes[strings.ToLower(string(a.Class))]) {
				continue
			}
			pid := paragraphOf(a)
			p := paras[pid]
			if p == nil {
				p = &para{class: map[string]bool{}}
				paras[pid] = p
				order = append(order, pid)
			}
			p.class[string(a.Class)] = true
			dup := false
			for _, id := range p.ids {
				dup = dup || id == a.Addressee.ID
			}
			if !dup {
				p.ids = append(p.ids, a.Addressee.ID)
				p.refs = append(p.refs, a.Addressee)
			}
		}
		for _, pid := range order {
			p := paras[pid]
			for i := 0; i < len(p.ids); i++ {
				for j := i + 1; j < len(p.ids); j++ {
					x, y := p.ids[i], p.ids[j]
					if !b.m.actor(x) && !b.m.actor(y) {
						continue
					}
					rx, ry := p.refs[i], p.refs[j]
					if y < x {
						x, y, rx, ry = y, x, ry, rx
					}
					b.actor(x, rx, d.Date)
					b.actor(y, ry, d.Date)
					edges = append(edges, Edge{
						ID: string(x) + "--" + string(y), Source: string(x), Target: string(y), Kind: EdgeCoaddressed,
						Class: joinKeys(p.class), Document: string(d.Symbol), Paragraph: pid, Date: d.Date,
						Chapter7: d.ChapterVII, Weight: 1, Paragraphs: 1,
					})
				}
			}
		}
	}
	b.g.Edges = merge(edges, func(e *Edge) string { return e.ID })
}

// citations: citing document -> cited document, per reference. In the full
// view (full=true) edge ids are prefixed like the view's other edges.
func (b *builder) citations(full bool) []Edge {
	b.g.Directed = true
	var edges []Edge
	for _, d := range b.docs {
		if b.m.filtersActions() {
			ok := false
			for i := range d.Actions {
				if b.m.action(&d.Actions[i], b.issuer()) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		b.document(d)
		for i, r := range d.References {
			if r.Symbol == "" || r.Target != "" {
				continue // a paragraph of the same document
			}
			target := b.cited(r.Symbol)
			if target == string(d.Symbol) {
				continue
			}
			edges = append(edges, Edge{
				ID: string(d.Symbol) + "#ref" + strconv.Itoa(i+1), Source: string(d.Symbol), Target: target,
				Kind: EdgeCites, Relation: r.Relation, Document: string(d.Symbol), Paragraph: r.ParagraphID,
				Date: d.Date, Chapter7: d.ChapterVII, Weight: 1,
			})
		}
	}
	if b.opt.Weighted && !full {
		edges = merge(edges, func(e *Edge) string { return e.Source + "->" + e.Target })
		b.g.Weighted = true
	}
	if !full {
		b.g.Edges = edges
	}
	return edges
}

// full: documents, actions and actors.
func (b *builder) full() {
	g := b.g
	g.Directed = true
	var edges []Edge
	add := func(kind, src, dst string, e Edge) {
		e.Kind, e.Source, e.Target = kind, src, dst
		if e.ID == "" {
			e.ID = kind + ":" + src + ">" + dst
		}
		if e.Weight == 0 {
			e.Weight = 1
		}
		edges = append(edges, e)
	}
	council := string(b.issuer())
	for _, d := range b.docs {
		ids := actionIDs(d)
		var kept []int
		for i := range d.Actions {
			a := &d.Actions[i]
			if a.Kind == resgraph.ActionSelf || !b.m.action(a, b.issuer()) {
				continue
			}
			if !isObligation(a) && a.Kind != resgraph.ActionStance {
				continue // a directive whose addressee was not found
			}
			kept = append(kept, i)
		}
		if b.m.filtersActions() && len(kept) == 0 {
			continue
		}
		dn := b.document(d)
		b.actor(b.issuer(), nil, d.Date)
		add(EdgeIssues, council, dn.ID, Edge{Class: string(d.Kind), Document: dn.ID, Date: d.Date, Chapter7: d.ChapterVII})
		for _, i := range kept {
			a := &d.Actions[i]
			id := ids[i]
			n := &Node{ID: id, Kind: KindObligation, Type: string(a.Class), Document: string(d.Symbol),
				Date: d.Date, Chapter7: a.ChapterVII || d.ChapterVII, Bipartite: -1, iri: ActionIRI(string(d.Symbol), i)}
			if a.Kind == resgraph.ActionStance {
				n.Kind = KindStance
			}
			n.Label = a.Verb
			if a.Addressee != nil && a.Addressee.Name != "" {
				n.Label += " -> " + a.Addressee.Name
			} else if a.Target != "" {
				n.Label += " -> " + a.Target
			}
			b.nodes[id] = n
			common := Edge{Verb: a.Verb, Class: string(a.Class), Document: string(d.Symbol), Paragraph: paragraphOf(a),
				Date: d.Date, Chapter7: n.Chapter7}
			add(EdgeContains, dn.ID, id, common)
			if a.Addressee != nil && a.Addressee.ID != "" {
				b.actor(a.Addressee.ID, a.Addressee, d.Date)
				kind := EdgeAddressee
				if a.Kind == resgraph.ActionStance {
					kind = EdgeTarget
				}
				e := common
				e.Action = a.Action
				add(kind, id, string(a.Addressee.ID), e)
			}
			seen := map[resgraph.ActorID]bool{}
			for j := range a.Partners {
				p := &a.Partners[j]
				if p.ID == "" || seen[p.ID] || (a.Addressee != nil && p.ID == a.Addressee.ID) {
					continue
				}
				seen[p.ID] = true
				b.actor(p.ID, p, d.Date)
				add(EdgePartner, id, string(p.ID), common)
			}
		}
	}
	edges = append(edges, b.citations(true)...)
	// Registry structure among the actors present.
	var ids []string
	for id, n := range b.nodes {
		if n.Kind == KindActor {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := b.registry[resgraph.ActorID(id)]
		if a == nil {
			continue
		}
		if a.PartOf != "" && b.nodes[string(a.PartOf)] != nil {
			add(EdgePartOf, id, string(a.PartOf), Edge{})
		}
		if a.LedBy != "" && b.nodes[string(a.LedBy)] != nil {
			add(EdgeLedBy, id, string(a.LedBy), Edge{})
		}
	}
	g.Edges = edges
}

// merge folds edges with the same key into one, summing weights, counting
// documents and paragraphs, keeping the earliest date and joining distinct
// verbs, classes and relations with "|". The merged edge's id is the key.
func merge(edges []Edge, key func(*Edge) string) []Edge {
	type acc struct {
		e                    Edge
		docs, paras          map[string]bool
		verbs, classes, rels map[string]bool
	}
	var order []string
	accs := make(map[string]*acc)
	for i := range edges {
		e := &edges[i]
		k := key(e)
		a := accs[k]
		if a == nil {
			a = &acc{e: Edge{ID: k, Source: e.Source, Target: e.Target, Kind: e.Kind, Date: e.Date},
				docs: map[string]bool{}, paras: map[string]bool{}, verbs: map[string]bool{},
				classes: map[string]bool{}, rels: map[string]bool{}}
			accs[k] = a
			order = append(order, k)
		}
		a.e.Weight += e.Weight
		a.e.Chapter7 = a.e.Chapter7 || e.Chapter7
		if e.Date != "" && (a.e.Date == "" || e.Date < a.e.Date) {
			a.e.Date = e.Date
		}
		a.docs[e.Document] = true
		if e.Paragraph != "" {
			a.paras[e.Document+"#"+e.Paragraph] = true
		}
		for _, s := range []struct {
			m map[string]bool
			v string
		}{{a.verbs, e.Verb}, {a.classes, e.Class}, {a.rels, e.Relation}} {
			for _, v := range strings.Split(s.v, "|") {
				if v != "" {
					s.m[v] = true
				}
			}
		}
	}
	out := make([]Edge, 0, len(order))
	for _, k := range order {
		a := accs[k]
		a.e.Documents = len(a.docs)
		if a.e.Kind == EdgeCoaddressed {
			a.e.Paragraphs = len(a.paras)
		}
		a.e.Verb, a.e.Class, a.e.Relation = joinKeys(a.verbs), joinKeys(a.classes), joinKeys(a.rels)
		if a.e.Documents == 1 {
			for d := range a.docs {
				a.e.Document = d
			}
		}
		out = append(out, a.e)
	}
	return out
}

func joinKeys(m map[string]bool) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, "|")
}
