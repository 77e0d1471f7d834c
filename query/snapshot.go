package query

import (
	"strings"
	"sync/atomic"
	"time"

	"github.com/resgraph/resgraph"
)

// Snapshot is an immutable read model of the graph. All methods are safe for
// concurrent use.
type Snapshot struct {
	// Generation is the store generation the snapshot was built from.
	Generation int64
	// Built is when the snapshot was built.
	Built time.Time

	// text is the arena: every text of the snapshot, which records refer
	// to as str.
	text string

	// The records (layout.go), pointer-free.
	docRecs   []docRec  // in snapshot order (date, symbol)
	paraRecs  []paraRec // by document, in document order
	actRecs   []actRec  // by document, in document order
	actorRefs []actorRefRec
	marks     []markRec
	refRecs   []refRec // by document, in document order
	citeRecs  []citeRec
	actorRecs []actorRec // in id order
	given     []actorRec // the actors Build was given, as given
	strs      []str      // the texts of lists of strings (sponsors, verbs, aliases ...)
	members   []memberRec
	subjects  []subjectRec
	defined   []definitionRec
	events    []eventRec

	// Indexes, pointer-free. A seq is an obligation's (or a stance's)
	// position in snapshot order (date, document, paragraph, clause).
	obligationActs []int32         // by seq: the action of each directive and task
	stanceActs     []int32         // by seq: the action of each stance
	actorSeqs      []int32         // runs of obligation seqs: actorRec.obligations
	postings       []int32         // runs of obligation seqs: byVerb, byClass, byYear
	docBySymbol    keyIndex[int32] // symbolKey of every symbol
	actorByID      keyIndex[int32]
	actorByName    keyIndex[list] // nameKey of id, name, aliases and mentions
	byVerb         keyIndex[list]
	byClass        keyIndex[list]
	byYear         map[int32]list

	// Handles: what the API hands out (*Document, *Paragraph ...), one per
	// record, each the snapshot and an index.
	docs   []Document
	paras  []Paragraph
	acts   []Obligation // by action
	cites  []Citation
	actors []Actor

	// Views: the lists of handles the API returns, each a run of one
	// array per element type, so that returning one allocates nothing.
	docList          []*Document   // snapshot order
	paraList         []*Paragraph  // snapshot order: a document's are contiguous
	obligations      []*Obligation // by seq: a document's are contiguous
	stances          []*Obligation // by seq
	actorList        []*Actor      // id order
	citeOut, citeIn  []*Citation   // docRec.citesOut, citesIn
	actorLists       []*Actor      // actorRec.parts, actRec.partnerActors, beneficiaryActors
	actorObligations []*Obligation // actorRec.obligations (the seqs of actorSeqs)
	actorStances     []*Obligation // actorRec.stances
	actorDocs        []*Document   // actorRec.documents
	nameActors       []*Actor      // actorByName

	words    textIndex
	suggest  suggestIndex
	graph    graphIndex
	mandates mandateIndex
}

// str returns a text of the snapshot: a part of its arena, which needs no
// copy.
func (s *Snapshot) str(t str) string { return s.text[t.off : t.off+t.n] }

// strings returns a list of texts as a new slice; nil for a nil list.
func (s *Snapshot) strings(l list) []string {
	if l.isNil() {
		return nil
	}
	out := make([]string, l.n)
	for i, t := range of(s.strs, l) {
		out[i] = s.str(t)
	}
	return out
}

// Document is a document of a snapshot with its paragraphs, actions and
// citations. It is a handle: the snapshot holds the document's data, which
// the methods read.
type Document struct {
	s *Snapshot
	i int32
}

// Paragraph is a paragraph of a snapshot document (a handle, as Document).
type Paragraph struct {
	s *Snapshot
	i int32
}

// Obligation is an action of a document (a directive, task, stance or
// self-reference) with its document, paragraph and actors resolved. The
// name is the analysts' word for directives and tasks; stances use the same
// type. It is a handle, as Document.
type Obligation struct {
	s *Snapshot
	i int32
}

// Citation is one reference from a paragraph to another document (a
// handle, as Document).
type Citation struct {
	s *Snapshot
	i int32
}

// Actor is an actor of the registry, or one found only in texts (ids
// prefixed "x/"), with what the snapshot knows of it (a handle, as
// Document).
type Actor struct {
	s *Snapshot
	i int32
}

func (s *Snapshot) docAt(i int32) *Document {
	if i < 0 {
		return nil
	}
	return &s.docs[i]
}

func (s *Snapshot) paraAt(i int32) *Paragraph {
	if i < 0 {
		return nil
	}
	return &s.paras[i]
}

func (s *Snapshot) actorAt(i int32) *Actor {
	if i < 0 {
		return nil
	}
	return &s.actors[i]
}

// Document returns the document with the given symbol (its own, draft or
// adopted symbol; spaces and case do not matter), or nil.
func (s *Snapshot) Document(symbol string) *Document {
	if i, ok := s.docBySymbol.get(s.text, symbolKey(symbol)); ok {
		return &s.docs[i]
	}
	return nil
}

// Actor returns the actor with the given id, or nil.
func (s *Snapshot) Actor(id resgraph.ActorID) *Actor {
	if i, ok := s.actorByID.get(s.text, string(id)); ok {
		return &s.actors[i]
	}
	return nil
}

// ResolveActor returns the actors an id, name or alias stands for
// (case-insensitive, ignoring a leading "the"), best first: an exact id wins.
// Callers must not modify the slice.
func (s *Snapshot) ResolveActor(name string) []*Actor {
	if i, ok := s.actorByID.get(s.text, strings.TrimSpace(name)); ok {
		return s.actorList[i : i+1 : i+1]
	}
	l, ok := s.actorByName.get(s.text, nameKey(name))
	if !ok {
		return nil
	}
	return of(s.nameActors, l)
}

// Stats counts what a snapshot holds.
type Stats struct {
	Documents, Paragraphs, Obligations, Stances, Citations, Actors, Nodes, Edges int
}

// Stats returns the snapshot's counts.
func (s *Snapshot) Stats() Stats {
	return Stats{Documents: len(s.docs), Paragraphs: len(s.paras), Obligations: len(s.obligations),
		Stances: len(s.stances), Citations: len(s.cites), Actors: len(s.actors),
		Nodes: len(s.graph.nodes), Edges: len(s.graph.edges)}
}

// Documents returns every document in snapshot order. Callers must not
// modify the slice.
func (s *Snapshot) Documents() []*Document { return s.docList }

// Actors returns every actor in id order. Callers must not modify the slice.
func (s *Snapshot) Actors() []*Actor { return s.actorList }

// Source returns the documents and actors the snapshot was built from (one
// document per symbol, in snapshot order), for exports. They are copies
// made on each call, the caller's to keep or change; their strings share
// the snapshot's memory (which is safe: a string is never written).
func (s *Snapshot) Source() ([]*resgraph.Document, []resgraph.Actor) {
	docs := make([]*resgraph.Document, len(s.docs))
	for i := range s.docs {
		docs[i] = s.docs[i].Copy()
	}
	actors := make([]resgraph.Actor, len(s.given))
	for i := range s.given {
		actors[i] = s.actorCopy(&s.given[i])
	}
	return docs, actors
}

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
