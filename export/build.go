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
// Build is NewBuilder, Add for each document and Graph; it also resolves
// the actor filter's names against every document's mentions first.
func Build(view View, docs []*resgraph.Document, actors []resgraph.Actor, opt Options) (*Graph, error) {
	b, err := NewBuilder(view, actors, opt)
	if err != nil {
		return nil, err
	}
	b.m.learn(docs)
	b.learned = true
	for _, d := range docs {
		b.Add(d)
	}
	return b.Graph(), nil
}

// Builder makes a view from documents given one at a time, so that a
// caller can stream them from files or a store: it keeps the view's nodes
// and edges, with their texts copied out, and a small record of each
// document (symbols, date, kind, title, mandate events), never the
// documents themselves.
//
// The actor filter resolves names through the registry and the mentions
// of the documents added so far (Build resolves them against all first).
type Builder struct {
	g        *Graph
	opt      Options
	m        *matcher
	registry map[resgraph.ActorID]*resgraph.Actor
	nodes    map[string]*Node
	mentions map[string]map[string]bool // actor node id -> mentions seen
	seen     map[resgraph.Symbol]bool
	// bySymbol maps every symbol of every document added, filtered or
	// not, to its record: citations resolve through it when the graph is
	// made, so a cited document outside the filter is not called external.
	bySymbol map[string]*docMeta
	// light holds each document's mandate facts for mandate.Build.
	light []*resgraph.Document
	edges []Edge
	// ends are the obligations whose end (mandate.Validity) is known only
	// once every document is in.
	ends []pendingEnd
	// last is, per actor node, the last document date it appears in.
	last    map[string]string
	learned bool // the actor filter has seen every document's mentions
	// strs interns the short strings the graph keeps from documents
	// (verbs, classes, dates, paragraph ids): a document's strings are
	// slices of its file's text, so keeping one would keep the whole file.
	strs map[string]string
}

// s returns the builder's own copy of x, one per distinct value.
func (b *Builder) s(x string) string {
	if x == "" {
		return ""
	}
	if y, ok := b.strs[x]; ok {
		return y
	}
	y := strings.Clone(x)
	b.strs[y] = y
	return y
}

// lightEvents copies what mandate.Build reads of a document's events, and
// not the clause texts, which would keep the document's text alive.
func (b *Builder) lightEvents(evs []resgraph.MandateEvent) []resgraph.MandateEvent {
	if len(evs) == 0 {
		return nil
	}
	out := make([]resgraph.MandateEvent, len(evs))
	for i, e := range evs {
		changes := make([]string, len(e.Changes))
		for j, c := range e.Changes {
			changes[j] = b.s(c)
		}
		out[i] = resgraph.MandateEvent{Type: resgraph.EventType(b.s(string(e.Type))),
			Mandate:   resgraph.ActorRef{ID: resgraph.ActorID(b.s(string(e.Mandate.ID)))},
			Paragraph: b.s(e.Paragraph), ParagraphID: b.s(e.ParagraphID), Until: b.s(e.Until),
			Duration: b.s(e.Duration), From: b.s(e.From), Changes: changes}
	}
	return out
}

type docMeta struct {
	symbol, kind, title, date string
	chapter7                  bool
}

type pendingEnd struct {
	facts mandate.Facts
	edges []int  // indexes into Builder.edges
	node  string // the obligation's node (full view), or ""
}

// NewBuilder starts a view over the registry's actors.
func NewBuilder(view View, actors []resgraph.Actor, opt Options) (*Builder, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if _, err := ParseView(string(view)); err != nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "build: unknown view %q (want %s)", view, joinViews())
	}
	b := &Builder{
		g:        &Graph{View: view, Attrs: map[string]string{}},
		opt:      opt,
		m:        compile(opt.Filter, actors),
		registry: make(map[resgraph.ActorID]*resgraph.Actor, len(actors)),
		nodes:    make(map[string]*Node),
		mentions: make(map[string]map[string]bool),
		seen:     make(map[resgraph.Symbol]bool),
		bySymbol: make(map[string]*docMeta),
		last:     make(map[string]string),
		strs:     make(map[string]string),
	}
	for i := range actors {
		b.registry[actors[i].ID] = &actors[i]
	}
	switch view {
	case ViewObligations, ViewPartners, ViewCitations, ViewFull:
		b.g.Directed = true
	}
	switch view {
	case ViewBipartite, ViewCoaddressee, ViewPartners, ViewCondemns, ViewWelcomes:
		b.g.Weighted = true
	case ViewObligations, ViewCitations:
		b.g.Weighted = opt.Weighted
	}
	return b, nil
}

// Add adds one document. The builder keeps no reference to d.
func (b *Builder) Add(d *resgraph.Document) {
	if d == nil {
		return
	}
	meta := &docMeta{symbol: strings.Clone(string(d.Symbol)), kind: b.s(string(d.Kind)), title: strings.Clone(d.Title),
		date: b.s(d.Date), chapter7: d.ChapterVII}
	for _, s := range d.Symbols() {
		if _, ok := b.bySymbol[string(s)]; !ok {
			b.bySymbol[strings.Clone(string(s))] = meta
		}
	}
	if !b.learned {
		b.m.learn([]*resgraph.Document{d})
	}
	b.light = append(b.light, &resgraph.Document{Symbol: resgraph.Symbol(meta.symbol), Kind: resgraph.DocKind(meta.kind),
		Status: resgraph.DocStatus(b.s(string(d.Status))), Date: meta.date, Events: b.lightEvents(d.Events)})
	if b.seen[d.Symbol] {
		return
	}
	b.seen[d.Symbol] = true
	if !b.m.document(d) {
		return
	}
	switch b.g.View {
	case ViewObligations:
		b.obligations(d)
	case ViewBipartite:
		b.bipartite(d)
	case ViewCoaddressee:
		b.coaddressee(d)
	case ViewPartners:
		b.partners(d)
	case ViewCondemns, ViewWelcomes:
		b.stances(d)
	case ViewCitations:
		b.citations(d, false)
	case ViewFull:
		b.full(d)
	}
}

// Graph finishes the view: citations resolved, obligations' ends from the
// mandate timeline of every document added, parallel edges merged where
// the view is weighted, the nodes' time, and everything in its canonical
// order. Call it once.
func (b *Builder) Graph() *Graph {
	g := b.g
	timeline := mandate.Build(b.light, nil)
	inverted := 0
	for _, p := range b.ends {
		until := timeline.Validity(p.facts).Until
		if until != "" && until < p.facts.Date {
			// An end before the obligation's own document (a deadline or
			// end date read wrong): on the timeline for its day only.
			until = p.facts.Date
			inverted++
		}
		for _, i := range p.edges {
			b.edges[i].End = until
		}
		if n := b.nodes[p.node]; n != nil {
			n.End = until
		}
	}
	if inverted > 0 {
		g.Attrs["ends"] = strconv.Itoa(inverted) + " obligations end (mandate.Validity) before their document's date: they end on that date"
	}
	b.resolveCitations()
	if b.g.View == ViewFull {
		b.registryLinks()
	}
	edges := b.edges
	switch {
	case g.View == ViewObligations && g.Weighted, g.View == ViewCitations && g.Weighted:
		edges = merge(edges, func(e *Edge) string { return e.Source + "->" + e.Target })
	case g.View == ViewBipartite, g.View == ViewCoaddressee, g.View == ViewPartners, isStanceView(g.View):
		edges = merge(edges, func(e *Edge) string { return e.ID })
	}
	g.Edges = edges
	b.edges = nil
	b.nodeTimes(timeline)
	ids := make([]string, 0, len(b.nodes))
	for id := range b.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids) // sorting ids, not Node values, is several times cheaper
	g.Nodes = make([]Node, 0, len(ids))
	for _, id := range ids {
		n := b.nodes[id]
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
		delete(b.nodes, id) // the copy is the node now
	}
	g.Attrs["measures"] = "static: computed once on the whole view as filtered, not per time slice (export with -from/-to for a period)"
	g.sortAll()
	return g
}

// nodeTimes gives every node its start and end (docs/exports.md, Time).
// A node starts no later than its first edge: a cited document outside the
// input starts with its first citation, and a document cited before its
// own date (misdated in the corpus) with that citation.
func (b *Builder) nodeTimes(timeline *mandate.Timeline) {
	type span struct {
		first, end string
		open       bool
	}
	spans := make(map[string]*span)
	touch := func(id string, e *Edge) {
		s := spans[id]
		if s == nil {
			s = &span{}
			spans[id] = s
		}
		if e.Date != "" && (s.first == "" || e.Date < s.first) {
			s.first = e.Date
		}
		if e.End == "" {
			s.open = true
		} else if e.End > s.end {
			s.end = e.End
		}
	}
	for i := range b.g.Edges {
		e := &b.g.Edges[i]
		touch(e.Source, e)
		touch(e.Target, e)
	}
	for id, n := range b.nodes {
		s := spans[id]
		n.Start = n.Date
		if s != nil && s.first != "" && (n.Start == "" || s.first < n.Start) {
			n.Start = s.first
		}
		if n.Kind != KindActor {
			continue // documents and stances open; obligations end as set from the timeline
		}
		if m := timeline.Mandate(resgraph.ActorID(n.ID)); m != nil {
			for _, p := range m.Periods {
				if p.Until != "" && p.Until < p.From {
					continue // an empty period (it ended before it began): no spell
				}
				n.Periods = append(n.Periods, Spell{p.From, p.Until})
			}
		}
		switch {
		case s != nil && s.open:
			n.End = ""
		default:
			n.End = b.last[id]
			if s != nil && s.end > n.End {
				n.End = s.end
			}
		}
	}
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

// Stance families of the stance views.
const (
	FamilyCondemns = "condemns"
	FamilyWelcomes = "welcomes"
)

var stanceFamilies = map[string]string{
	"condemns": FamilyCondemns, "deplores": FamilyCondemns, "denounces": FamilyCondemns, "regrets": FamilyCondemns,
	"rejects":  FamilyCondemns,
	"welcomes": FamilyWelcomes, "commends": FamilyWelcomes, "pays tribute": FamilyWelcomes, "appreciates": FamilyWelcomes,
	"praises": FamilyWelcomes, "applauds": FamilyWelcomes, "congratulates": FamilyWelcomes, "thanks": FamilyWelcomes,
	"takes note with appreciation": FamilyWelcomes, "salutes": FamilyWelcomes,
}

// StanceFamily returns the family of a stance: FamilyCondemns (condemns,
// deplores, denounces, regrets, rejects; "expresses outrage") or
// FamilyWelcomes (welcomes, commends, pays tribute, appreciates, praises,
// applauds, congratulates, thanks, salutes, takes note with appreciation;
// "expresses appreciation / gratitude"), or "" for the others (notes,
// stresses, recalls ...) and for actions that are not stances.
func StanceFamily(a *resgraph.Action) string {
	if a.Kind != resgraph.ActionStance {
		return ""
	}
	if f := stanceFamilies[a.Verb]; f != "" {
		return f
	}
	if a.Verb == "expresses" {
		p := strings.ToLower(a.VerbPhrase + " " + a.Action)
		switch {
		case strings.Contains(p, "appreciation") || strings.Contains(p, "gratitude"):
			return FamilyWelcomes
		case strings.Contains(p, "outrage") || strings.Contains(p, "indignation"):
			return FamilyCondemns
		}
	}
	return ""
}

// actor adds (or updates) the node of an actor seen in a document of the
// given date.
func (b *Builder) actor(id resgraph.ActorID, ref *resgraph.ActorRef, date string) *Node {
	key := string(id)
	n := b.nodes[key]
	if n == nil {
		key = strings.Clone(key)
		n = &Node{ID: key, Kind: KindActor, Bipartite: -1}
		if a := b.registry[id]; a != nil {
			n.Label, n.Type = a.Name, string(a.Type)
			n.Aliases = append([]string(nil), a.Aliases...)
			n.Sanctions, n.UNEntity = a.Sanctions, a.UNEntity
		} else if ref != nil {
			n.Label, n.Type = strings.Clone(ref.Name), b.s(string(ref.Type))
			n.Aliases = cloneAll(ref.Aliases)
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
		ms[b.s(strings.Join(strings.Fields(ref.Mention), " "))] = true
	}
	date = b.s(date)
	if date != "" && (n.Date == "" || date < n.Date) {
		n.Date = date
	}
	if date > b.last[key] {
		b.last[key] = date
	}
	return n
}

func cloneAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// document adds the node of an input document.
func (b *Builder) document(m *docMeta) *Node {
	if n := b.nodes[m.symbol]; n != nil {
		return n
	}
	n := &Node{ID: m.symbol, Kind: KindDocument, Label: m.symbol, Type: m.kind, Title: m.title,
		Date: m.date, Chapter7: m.chapter7, Bipartite: -1}
	if b.g.View == ViewBipartite {
		n.Bipartite = 1
	}
	b.nodes[m.symbol] = n
	return n
}

func (b *Builder) meta(d *resgraph.Document) *docMeta { return b.bySymbol[string(d.Symbol)] }

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

func (b *Builder) issuer() resgraph.ActorID { return CouncilID }

// obligation records that the edges at idx (and the node, in the full
// view) end when obligation a of d stops holding.
func (b *Builder) obligation(d *resgraph.Document, a *resgraph.Action, node string, idx ...int) {
	f := mandate.FactsOf(d, a)
	f.Symbol, f.Date = resgraph.Symbol(b.meta(d).symbol), b.meta(d).date
	f.Addressee = resgraph.ActorID(b.s(string(f.Addressee)))
	f.DeadlineDate, f.Recurrence, f.Until = b.s(f.DeadlineDate), b.s(f.Recurrence), b.s(f.Until)
	for i, r := range f.Renews {
		f.Renews[i] = resgraph.ActorID(b.s(string(r)))
	}
	b.ends = append(b.ends, pendingEnd{facts: f, edges: idx, node: node})
}

// obligations: issuer -> addressee per directive or task.
func (b *Builder) obligations(d *resgraph.Document) {
	ids := actionIDs(d)
	for i := range d.Actions {
		a := &d.Actions[i]
		if !isObligation(a) || !b.m.action(a, b.issuer()) {
			continue
		}
		if a.Addressee.ID == b.issuer() {
			continue // the Council obliging itself: a self-loop (the full view keeps it)
		}
		b.actor(b.issuer(), nil, d.Date)
		b.actor(a.Addressee.ID, a.Addressee, d.Date)
		b.edges = append(b.edges, Edge{
			ID: ids[i], Source: string(b.issuer()), Target: b.nodes[string(a.Addressee.ID)].ID, Kind: EdgeObligation,
			Verb: b.s(a.Verb), Class: b.s(string(a.Class)), Document: b.meta(d).symbol, Paragraph: b.s(paragraphOf(a)),
			Date: b.s(d.Date), Chapter7: a.ChapterVII || d.ChapterVII, Action: strings.Clone(a.Action), Weight: 1,
		})
		b.obligation(d, a, "", len(b.edges)-1)
	}
}

// bipartite: actor - document, weighted by the actions addressed.
func (b *Builder) bipartite(d *resgraph.Document) {
	for i := range d.Actions {
		a := &d.Actions[i]
		if a.Addressee == nil || a.Addressee.ID == "" || !b.m.action(a, b.issuer()) {
			continue
		}
		an := b.actor(a.Addressee.ID, a.Addressee, d.Date)
		dn := b.document(b.meta(d))
		b.edges = append(b.edges, Edge{
			ID: an.ID + "--" + dn.ID, Source: an.ID, Target: dn.ID, Kind: EdgeAddressed, Verb: b.s(a.Verb),
			Class: b.s(string(a.Class)), Document: dn.ID, Date: b.s(d.Date), Chapter7: a.ChapterVII || d.ChapterVII, Weight: 1,
			open: true,
		})
	}
}

// pairs adds, for each paragraph of d, an undirected edge of the given
// kind between every two distinct actors keep selects there, and a node
// for every actor kept (so actors with no partner in a paragraph are
// nodes too when alone is set).
func (b *Builder) pairs(d *resgraph.Document, kind string, alone bool, keep func(a *resgraph.Action) bool) {
	type para struct {
		ids   []resgraph.ActorID
		refs  []*resgraph.ActorRef
		class map[string]bool
		verbs map[string]bool
	}
	var order []string
	paras := make(map[string]*para)
	for i := range d.Actions {
		a := &d.Actions[i]
		if !keep(a) {
			continue
		}
		pid := b.s(paragraphOf(a))
		p := paras[pid]
		if p == nil {
			p = &para{class: map[string]bool{}, verbs: map[string]bool{}}
			paras[pid] = p
			order = append(order, pid)
		}
		p.class[b.s(string(a.Class))] = true
		p.verbs[b.s(a.Verb)] = true
		dup := false
		for _, id := range p.ids {
			dup = dup || id == a.Addressee.ID
		}
		if !dup {
			p.ids = append(p.ids, a.Addressee.ID)
			p.refs = append(p.refs, a.Addressee)
		}
	}
	sym := b.meta(d).symbol
	for _, pid := range order {
		p := paras[pid]
		if alone {
			for i, id := range p.ids {
				if b.m.actor(id) {
					b.actor(id, p.refs[i], d.Date)
				}
			}
		}
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
				nx, ny := b.actor(x, rx, d.Date), b.actor(y, ry, d.Date)
				b.edges = append(b.edges, Edge{
					ID: nx.ID + "--" + ny.ID, Source: nx.ID, Target: ny.ID, Kind: kind,
					Classes: sortedKeys(p.class), Verbs: sortedKeys(p.verbs), Document: sym, Paragraph: pid, Date: b.s(d.Date),
					End: b.s(d.Date), Chapter7: d.ChapterVII, Weight: 1, Paragraphs: 1,
				})
			}
		}
	}
}

// coaddressee: actor - actor, per paragraph obliging both.
func (b *Builder) coaddressee(d *resgraph.Document) {
	b.pairs(d, EdgeCoaddressed, false, func(a *resgraph.Action) bool {
		// The actor filter applies to pairs, not to actions.
		return isObligation(a) && (b.m.classes == nil || b.m.classes[strings.ToLower(string(a.Class))])
	})
}

// stances: actor - actor, per paragraph whose stances of the view's family
// are about both; every actor such a stance is about is a node, counted.
func (b *Builder) stances(d *resgraph.Document) {
	family := FamilyCondemns
	kind := EdgeCondemned
	if b.g.View == ViewWelcomes {
		family, kind = FamilyWelcomes, EdgeWelcomed
	}
	keep := func(a *resgraph.Action) bool {
		// The Council speaks every stance; a stance about itself is no tie.
		return StanceFamily(a) == family && a.Addressee != nil && a.Addressee.ID != "" &&
			a.Addressee.ID != CouncilID && (b.m.classes == nil || b.m.classes[strings.ToLower(string(a.Class))])
	}
	for i := range d.Actions {
		if a := &d.Actions[i]; keep(a) && b.m.actor(a.Addressee.ID) {
			b.actor(a.Addressee.ID, a.Addressee, d.Date).Targeted++
		}
	}
	b.pairs(d, kind, true, keep)
}

// partners: addressee -> partner, per obligation naming partners.
func (b *Builder) partners(d *resgraph.Document) {
	for i := range d.Actions {
		a := &d.Actions[i]
		if !isObligation(a) || len(a.Partners) == 0 || !b.m.action(a, b.issuer()) {
			continue
		}
		seen := map[resgraph.ActorID]bool{}
		for j := range a.Partners {
			p := &a.Partners[j]
			if p.ID == "" || p.ID == a.Addressee.ID || seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			src := b.actor(a.Addressee.ID, a.Addressee, d.Date)
			dst := b.actor(p.ID, p, d.Date)
			b.edges = append(b.edges, Edge{
				ID: src.ID + "->" + dst.ID, Source: src.ID, Target: dst.ID, Kind: EdgeWorksWith, Verb: b.s(a.Verb),
				Class: b.s(string(a.Class)), Document: b.meta(d).symbol, Paragraph: b.s(paragraphOf(a)), Date: b.s(d.Date),
				End: b.s(d.Date), Chapter7: a.ChapterVII || d.ChapterVII, Weight: 1,
			})
		}
	}
}

// citations: citing document -> cited symbol, per reference; the target
// is resolved in Graph. In the full view edge ids are those of the view's
// other edges.
func (b *Builder) citations(d *resgraph.Document, full bool) {
	if !full && b.m.filtersActions() {
		ok := false
		for i := range d.Actions {
			if b.m.action(&d.Actions[i], b.issuer()) {
				ok = true
				break
			}
		}
		if !ok {
			return
		}
	}
	dn := b.document(b.meta(d))
	for i, r := range d.References {
		if r.Symbol == "" || r.Target != "" {
			continue // a paragraph of the same document
		}
		b.edges = append(b.edges, Edge{
			ID: dn.ID + "#ref" + strconv.Itoa(i+1), Source: dn.ID, Target: strings.Clone(string(r.Symbol)),
			Kind: EdgeCites, Relation: b.s(r.Relation), Document: dn.ID, Paragraph: b.s(r.ParagraphID),
			Date: b.s(d.Date), Chapter7: d.ChapterVII, Weight: 1,
		})
	}
}

// resolveCitations points every citation at the input document holding
// the cited symbol, or at an external node, and drops self-loops.
func (b *Builder) resolveCitations() {
	out := b.edges[:0]
	for _, e := range b.edges {
		if e.Kind == EdgeCites {
			if m := b.bySymbol[e.Target]; m != nil {
				b.document(m)
				e.Target = m.symbol
			} else if b.nodes[e.Target] == nil {
				b.nodes[e.Target] = &Node{ID: e.Target, Kind: KindDocument, Label: e.Target, Type: kindOfSymbol(e.Target),
					External: true, Bipartite: -1}
			}
			if e.Target == e.Source {
				continue
			}
		}
		out = append(out, e)
	}
	// The pending ends index b.edges: they were applied before this.
	b.edges = out
}

// full: documents, actions and actors.
func (b *Builder) full(d *resgraph.Document) {
	add := func(kind, src, dst string, e Edge) int {
		e.Kind, e.Source, e.Target = kind, src, dst
		if e.ID == "" {
			e.ID = kind + ":" + src + ">" + dst
		}
		if e.Weight == 0 {
			e.Weight = 1
		}
		b.edges = append(b.edges, e)
		return len(b.edges) - 1
	}
	council := string(b.issuer())
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
		return
	}
	dn := b.document(b.meta(d))
	b.actor(b.issuer(), nil, d.Date)
	add(EdgeIssues, council, dn.ID, Edge{Class: b.s(string(d.Kind)), Document: dn.ID, Date: b.s(d.Date), Chapter7: d.ChapterVII})
	for _, i := range kept {
		a := &d.Actions[i]
		id := ids[i]
		n := &Node{ID: id, Kind: KindObligation, Type: b.s(string(a.Class)), Document: dn.ID,
			Date: b.s(d.Date), Chapter7: a.ChapterVII || d.ChapterVII, Bipartite: -1, iri: ActionIRI(dn.ID, i)}
		if a.Kind == resgraph.ActionStance {
			n.Kind = KindStance
		}
		n.Label = b.s(a.Verb)
		if a.Addressee != nil && a.Addressee.Name != "" {
			n.Label += " -> " + a.Addressee.Name
		} else if a.Target != "" {
			n.Label += " -> " + a.Target
		}
		b.nodes[id] = n
		common := Edge{Verb: b.s(a.Verb), Class: b.s(string(a.Class)), Document: dn.ID, Paragraph: b.s(paragraphOf(a)),
			Date: b.s(d.Date), Chapter7: n.Chapter7}
		var own []int // the edges that end with the obligation
		own = append(own, add(EdgeContains, dn.ID, id, common))
		if a.Addressee != nil && a.Addressee.ID != "" {
			an := b.actor(a.Addressee.ID, a.Addressee, d.Date)
			kind := EdgeAddressee
			if a.Kind == resgraph.ActionStance {
				kind = EdgeTarget
			}
			e := common
			e.Action = strings.Clone(a.Action)
			own = append(own, add(kind, id, an.ID, e))
		}
		seen := map[resgraph.ActorID]bool{}
		for j := range a.Partners {
			p := &a.Partners[j]
			if p.ID == "" || seen[p.ID] || (a.Addressee != nil && p.ID == a.Addressee.ID) {
				continue
			}
			seen[p.ID] = true
			pn := b.actor(p.ID, p, d.Date)
			own = append(own, add(EdgePartner, id, pn.ID, common))
		}
		if n.Kind == KindObligation {
			b.obligation(d, a, id, own...)
		}
	}
	b.citations(d, true)
}

// registryLinks adds the registry's part-of and led-by links among the
// actors present (full view).
func (b *Builder) registryLinks() {
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
			b.edges = append(b.edges, Edge{ID: EdgePartOf + ":" + id + ">" + string(a.PartOf), Kind: EdgePartOf,
				Source: id, Target: string(a.PartOf), Weight: 1})
		}
		if a.LedBy != "" && b.nodes[string(a.LedBy)] != nil {
			b.edges = append(b.edges, Edge{ID: EdgeLedBy + ":" + id + ">" + string(a.LedBy), Kind: EdgeLedBy,
				Source: id, Target: string(a.LedBy), Weight: 1})
		}
	}
}

// merge folds edges with the same key into one, summing weights, counting
// documents and paragraphs, keeping the earliest date as start and, as
// end, the latest end (open if any fact behind it is), and listing the
// distinct verbs, classes and relations. The merged edge's id is the key.
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
			a = &acc{e: Edge{ID: k, Source: e.Source, Target: e.Target, Kind: e.Kind, Date: e.Date, End: e.End},
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
		if e.End == "" || e.open {
			a.e.open = true
		} else if e.End > a.e.End {
			a.e.End = e.End
		}
		a.docs[e.Document] = true
		if e.Paragraph != "" {
			a.paras[e.Document+"#"+e.Paragraph] = true
		}
		for _, s := range []struct {
			m  map[string]bool
			v  string
			vs []string
		}{{a.verbs, e.Verb, e.Verbs}, {a.classes, e.Class, e.Classes}, {a.rels, e.Relation, e.Relations}} {
			if s.v != "" {
				s.m[s.v] = true
			}
			for _, v := range s.vs {
				s.m[v] = true
			}
		}
	}
	out := make([]Edge, 0, len(order))
	for _, k := range order {
		a := accs[k]
		if a.e.open {
			a.e.End, a.e.open = "", false
		}
		a.e.Documents = len(a.docs)
		if a.e.Kind == EdgeCoaddressed || a.e.Kind == EdgeCondemned || a.e.Kind == EdgeWelcomed {
			a.e.Paragraphs = len(a.paras)
		}
		a.e.Verbs, a.e.Classes, a.e.Relations = sortedKeys(a.verbs), sortedKeys(a.classes), sortedKeys(a.rels)
		if a.e.Documents == 1 {
			for d := range a.docs {
				a.e.Document = d
			}
		}
		out = append(out, a.e)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
