package query

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/resgraph/resgraph"
)

// Document is a document of the snapshot with its paragraphs, actions and
// citations resolved to pointers.
type Document struct {
	*resgraph.Document

	// Order is the document's position in the snapshot's order (date, symbol).
	Order int
	// Year is the year of Date, 0 when the date is unknown.
	Year int
	// Paras are the document's paragraphs in document order.
	Paras []*Paragraph
	// Obligations are the directives and tasks of the document, in order.
	Obligations []*Obligation
	// Stances are the stances of the document, in order.
	Stances []*Obligation
	// CitesOut are the documents this one cites; CitesIn the documents that
	// cite this one (by any of its symbols), in snapshot order.
	CitesOut []*Citation
	CitesIn  []*Citation

	paraByID map[string]*Paragraph
}

// Paragraph is a paragraph of a snapshot document.
type Paragraph struct {
	*resgraph.Paragraph
	// Document is the document holding the paragraph.
	Document *Document
	// Order is the paragraph's position in its document.
	Order int

	seq int // position among all paragraphs of the snapshot
	len int // number of indexed terms
}

// Obligation is an action of a document (a directive, task, stance or
// self-reference) with its document, paragraph and actors resolved. The
// name is the analysts' word for directives and tasks; stances use the same
// type.
type Obligation struct {
	// Action is the action as extracted. Its Addressee, Partners,
	// Beneficiaries and Paragraph are shadowed by the resolved fields below.
	*resgraph.Action
	// Document and Paragraph locate the action.
	Document  *Document
	Paragraph *Paragraph
	// Clause is the action's position among its document's actions.
	Clause int
	// Addressee is the actor the action addresses (for a stance: its
	// target), nil when there is none or it is not an actor.
	Addressee     *Actor
	Partners      []*Actor
	Beneficiaries []*Actor

	seq int // position among the snapshot's obligations or stances
}

// Citation is one reference from a paragraph to another document.
type Citation struct {
	// Reference is the reference as extracted; its Paragraph is shadowed.
	*resgraph.Reference
	// From and Paragraph are the citing document and paragraph.
	From      *Document
	Paragraph *Paragraph
	// To is the cited document when it is in the snapshot, else nil.
	To *Document
}

// Actor is an actor of the registry, or one found only in texts (ids
// prefixed "x/"), with what the snapshot knows of it.
type Actor struct {
	resgraph.Actor

	// Parts are the actors whose PartOf is this one; Parent and Leader the
	// actors named by PartOf and LedBy, when known.
	Parts          []*Actor
	Parent, Leader *Actor
	// Obligations addressed to the actor, Stances about it, and the
	// Documents naming it (as addressee, partner or beneficiary), in
	// snapshot order.
	Obligations []*Obligation
	Stances     []*Obligation
	Documents   []*Document

	order int
}

// Snapshot is an immutable read model of the graph. All methods are safe for
// concurrent use.
type Snapshot struct {
	// Generation is the store generation the snapshot was built from.
	Generation int64
	// Built is when the snapshot was built.
	Built time.Time

	rawDocs   []*resgraph.Document
	rawActors []resgraph.Actor

	docs        []*Document
	paras       []*Paragraph
	obligations []*Obligation // directives and tasks, in snapshot order
	stances     []*Obligation
	actors      []*Actor // by id

	docBySymbol map[string]*Document // symbolKey of every symbol
	actorByID   map[resgraph.ActorID]*Actor
	actorByName map[string][]*Actor // nameKey of id, name, aliases and mentions

	byActor map[resgraph.ActorID][]int32 // obligation seqs
	byVerb  map[string][]int32
	byClass map[string][]int32
	byDoc   map[*Document][]int32
	byYear  map[int][]int32

	// The arrays of the obligations and citations, sized by Build for
	// all (an append past that would start a new array; the elements
	// already pointed to stay where they are).
	obligationSlab []Obligation
	citationSlab   []Citation

	text     textIndex
	suggest  suggestIndex
	graph    graphIndex
	mandates mandateIndex
}

// Build indexes docs and actors into a new Snapshot. It does not modify its
// arguments. It keeps copies of the documents (see compactor), so the
// caller's documents and whatever they share (source files) can be freed;
// it keeps pointers into actors: they must not change afterwards.
// Documents with the same symbol: the last one wins.
func Build(docs []*resgraph.Document, actors []resgraph.Actor) *Snapshot {
	s := &Snapshot{
		Built:       time.Now(),
		docBySymbol: map[string]*Document{},
		actorByID:   map[resgraph.ActorID]*Actor{},
		actorByName: map[string][]*Actor{},
		byActor:     map[resgraph.ActorID][]int32{},
		byVerb:      map[string][]int32{},
		byClass:     map[string][]int32{},
		byDoc:       map[*Document][]int32{},
		byYear:      map[int][]int32{},
	}
	s.rawActors = actors
	for i := range actors {
		s.addActor(actors[i])
	}

	seen := map[resgraph.Symbol]int{}
	var kept []*resgraph.Document
	for _, d := range docs {
		if d == nil {
			continue
		}
		if i, ok := seen[d.Symbol]; ok {
			kept[i] = d
			continue
		}
		seen[d.Symbol] = len(kept)
		kept = append(kept, d)
	}
	slices.SortStableFunc(kept, func(a, b *resgraph.Document) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Symbol, b.Symbol))
	})
	if compactable {
		c := newCompactor()
		for i, d := range kept {
			kept[i] = c.document(d)
		}
	}
	s.rawDocs = kept

	// The snapshot's documents, paragraphs, obligations and citations are
	// each one array, and its list of paragraphs holds every document's:
	// one object each for the collector to mark on every cycle rather than
	// one per element (the corpus has 77,000 paragraphs).
	var nParas, nActions, nRefs int
	for _, rd := range kept {
		nParas += len(rd.Paragraphs)
		nActions += len(rd.Actions)
		nRefs += len(rd.References)
	}
	docArr, paraArr := make([]Document, len(kept)), make([]Paragraph, nParas)
	s.docs, s.paras = make([]*Document, len(kept)), make([]*Paragraph, 0, nParas)
	s.obligationSlab, s.citationSlab = make([]Obligation, 0, nActions), make([]Citation, 0, nRefs)
	for i, rd := range kept {
		d := &docArr[i]
		*d = Document{Document: rd, Order: i, paraByID: make(map[string]*Paragraph, len(rd.Paragraphs))}
		if len(rd.Date) >= 4 {
			d.Year, _ = strconv.Atoi(rd.Date[:4])
		}
		from := len(s.paras)
		for j := range rd.Paragraphs {
			p := &paraArr[len(s.paras)]
			*p = Paragraph{Paragraph: &rd.Paragraphs[j], Document: d, Order: j, seq: len(s.paras)}
			d.paraByID[p.ID] = p
			s.paras = append(s.paras, p)
		}
		d.Paras = s.paras[from:len(s.paras):len(s.paras)]
		s.docs[i] = d
	}
	// Symbols: a document's own symbol wins over another's draft or adopted
	// symbol (a draft and its resolution may both be loaded).
	for _, d := range s.docs {
		for _, sym := range d.Symbols()[1:] {
			if k := symbolKey(string(sym)); s.docBySymbol[k] == nil {
				s.docBySymbol[k] = d
			}
		}
	}
	for _, d := range s.docs {
		s.docBySymbol[symbolKey(string(d.Symbol))] = d
	}

	for _, d := range s.docs {
		s.addActions(d)
	}
	s.indexActions()
	for _, d := range s.docs {
		s.addCitations(d)
	}
	// Parts, and the final actor order.
	s.actors = s.actors[:0]
	for _, a := range s.actorByID {
		s.actors = append(s.actors, a)
	}
	slices.SortFunc(s.actors, func(a, b *Actor) int { return cmp.Compare(a.ID, b.ID) })
	for i, a := range s.actors {
		a.order = i
		if p := s.actorByID[a.PartOf]; p != nil && a.PartOf != "" {
			p.Parts = append(p.Parts, a)
			a.Parent = p
		}
		if a.LedBy != "" {
			a.Leader = s.actorByID[a.LedBy]
		}
	}
	s.text = buildTextIndex(s.paras)
	s.graph = buildGraph(s)
	s.suggest = buildSuggestIndex(s)
	s.buildMandates(kept, actors)
	return s
}

// addActor registers a (registry) actor and its names.
func (s *Snapshot) addActor(ra resgraph.Actor) *Actor {
	if a := s.actorByID[ra.ID]; a != nil {
		return a
	}
	a := &Actor{Actor: ra}
	if a.Type == "" {
		a.Type = resgraph.ActorUnknown
	}
	s.actorByID[a.ID] = a
	s.actors = append(s.actors, a)
	s.addName(string(a.ID), a)
	s.addName(a.Name, a)
	for _, al := range a.Aliases {
		s.addName(al, a)
	}
	return a
}

func (s *Snapshot) addName(name string, a *Actor) {
	k := nameKey(name)
	if k == "" || slices.Contains(s.actorByName[k], a) {
		return
	}
	s.actorByName[k] = append(s.actorByName[k], a)
}

// actorOf returns the actor a reference resolves to, adding one not in the
// registry. It returns nil for a nil or id-less reference.
func (s *Snapshot) actorOf(r *resgraph.ActorRef) *Actor {
	if r == nil || r.ID == "" {
		return nil
	}
	a := s.actorByID[r.ID]
	if a == nil {
		name := r.Name
		if name == "" {
			name = r.Mention
		}
		typ := r.Type
		if typ == "" {
			typ = resgraph.ActorUnknown
		}
		a = s.addActor(resgraph.Actor{ID: r.ID, Name: name, Type: typ, Aliases: r.Aliases})
	}
	s.addName(r.Mention, a)
	return a
}

func (s *Snapshot) addActions(d *Document) {
	named := map[*Actor]bool{}
	for i := range d.Actions {
		ra := &d.Actions[i]
		s.obligationSlab = append(s.obligationSlab, Obligation{Action: ra, Document: d, Clause: i, Paragraph: d.paraByID[ra.ParagraphID]})
		o := &s.obligationSlab[len(s.obligationSlab)-1]
		o.Addressee = s.actorOf(ra.Addressee)
		for j := range ra.Partners {
			if a := s.actorOf(&ra.Partners[j]); a != nil {
				o.Partners = append(o.Partners, a)
			}
		}
		for j := range ra.Beneficiaries {
			if a := s.actorOf(&ra.Beneficiaries[j]); a != nil {
				o.Beneficiaries = append(o.Beneficiaries, a)
			}
		}
		for _, a := range append(append([]*Actor{o.Addressee}, o.Partners...), o.Beneficiaries...) {
			if a != nil && !named[a] {
				named[a] = true
				a.Documents = append(a.Documents, d)
			}
		}
		switch ra.Kind {
		case resgraph.ActionDirective, resgraph.ActionTask:
			s.obligations = append(s.obligations, o)
		case resgraph.ActionStance:
			s.stances = append(s.stances, o)
		}
	}
}

// indexActions puts obligations and stances in snapshot order (date,
// document, paragraph, clause) and builds their indexes.
func (s *Snapshot) indexActions() {
	byKey := func(a, b *Obligation) int { return compareKey(a.key(), b.key()) }
	slices.SortStableFunc(s.obligations, byKey)
	slices.SortStableFunc(s.stances, byKey)
	for i, o := range s.obligations {
		o.seq = i
		seq := int32(i)
		d, ra := o.Document, o.Action
		d.Obligations = append(d.Obligations, o)
		s.byDoc[d] = append(s.byDoc[d], seq)
		if d.Status == resgraph.StatusNotAdopted {
			// A draft that failed: its document lists its obligations, no
			// index or actor does (ObligationFilter.Status asks for them).
			continue
		}
		if o.Addressee != nil {
			o.Addressee.Obligations = append(o.Addressee.Obligations, o)
			s.byActor[o.Addressee.ID] = append(s.byActor[o.Addressee.ID], seq)
		}
		for _, v := range obligationVerbs(ra) {
			s.byVerb[v] = append(s.byVerb[v], seq)
		}
		c := lower(string(ra.Class))
		s.byClass[c] = append(s.byClass[c], seq)
		s.byYear[d.Year] = append(s.byYear[d.Year], seq)
	}
	for i, o := range s.stances {
		o.seq = i
		o.Document.Stances = append(o.Document.Stances, o)
		if o.Addressee != nil && o.Document.Status != resgraph.StatusNotAdopted {
			o.Addressee.Stances = append(o.Addressee.Stances, o)
		}
	}
}

func (s *Snapshot) addCitations(d *Document) {
	for i := range d.References {
		r := &d.References[i]
		if r.Symbol == "" || r.Target != "" {
			continue // a reference to a paragraph of the same document
		}
		to := s.docBySymbol[symbolKey(string(r.Symbol))]
		if to == d {
			continue
		}
		s.citationSlab = append(s.citationSlab, Citation{Reference: r, From: d, Paragraph: d.paraByID[r.ParagraphID], To: to})
		c := &s.citationSlab[len(s.citationSlab)-1]
		d.CitesOut = append(d.CitesOut, c)
		if c.To != nil {
			c.To.CitesIn = append(c.To.CitesIn, c)
		}
	}
}

// obligationVerbs returns the distinct lower-case verbs an action is found
// by: its lemma, its verb phrase and every verb it lists.
func obligationVerbs(a *resgraph.Action) []string {
	out := make([]string, 0, 2+len(a.Verbs))
	for _, v := range append([]string{a.Verb, a.VerbPhrase}, a.Verbs...) {
		if v = lower(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// Document returns the document with the given symbol (its own, draft or
// adopted symbol; spaces and case do not matter), or nil.
func (s *Snapshot) Document(symbol string) *Document {
	return s.docBySymbol[symbolKey(symbol)]
}

// Actor returns the actor with the given id, or nil.
func (s *Snapshot) Actor(id resgraph.ActorID) *Actor { return s.actorByID[id] }

// ResolveActor returns the actors an id, name or alias stands for
// (case-insensitive, ignoring a leading "the"), best first: an exact id wins.
func (s *Snapshot) ResolveActor(name string) []*Actor {
	if a := s.actorByID[resgraph.ActorID(strings.TrimSpace(name))]; a != nil {
		return []*Actor{a}
	}
	return s.actorByName[nameKey(name)]
}

// Stats counts what a snapshot holds.
type Stats struct {
	Documents, Paragraphs, Obligations, Stances, Citations, Actors, Nodes, Edges int
}

// Stats returns the snapshot's counts.
func (s *Snapshot) Stats() Stats {
	st := Stats{Documents: len(s.docs), Paragraphs: len(s.paras), Obligations: len(s.obligations),
		Stances: len(s.stances), Actors: len(s.actors), Nodes: len(s.graph.nodes), Edges: len(s.graph.edges)}
	for _, d := range s.docs {
		st.Citations += len(d.CitesOut)
	}
	return st
}

// Documents returns every document in snapshot order. Callers must not
// modify the slice.
func (s *Snapshot) Documents() []*Document { return s.docs }

// Actors returns every actor in id order. Callers must not modify the slice.
func (s *Snapshot) Actors() []*Actor { return s.actors }

// Source returns the documents and actors the snapshot was built from (one
// document per symbol, in snapshot order), for exports. Callers must not
// modify them: besides being shared, a compacted document lives in a block
// the garbage collector does not scan (compact.go), so a pointer stored
// into it (a string or slice made afterwards) would not keep what it
// points to alive.
func (s *Snapshot) Source() ([]*resgraph.Document, []resgraph.Actor) { return s.rawDocs, s.rawActors }

// Live holds the current snapshot and swaps it atomically.
type Live struct {
	p atomic.Pointer[Snapshot]
}

// NewLive returns a Live holding s.
func NewLive(s *Snapshot) *Live {
	l := &Live{}
	l.p.Store(s)
	return l
}

// Load returns the current snapshot; never nil once one is stored.
func (l *Live) Load() *Snapshot { return l.p.Load() }

// Store makes s the current snapshot.
func (l *Live) Store(s *Snapshot) { l.p.Store(s) }

// symbolKey normalizes a symbol for lookup: upper case, no spaces.
func symbolKey(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// nameKey normalizes an actor name for lookup: lower case, single spaces,
// no leading "the ", curly apostrophes straightened.
func nameKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimPrefix(s, "the ")
	return s
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
