package query

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The snapshot's data is held in records: flat arrays of structs with no
// pointers, which refer to each other by index (int32) and to their texts
// as str, a part of the snapshot's one text arena. The garbage collector
// marks each array as one object and never scans it. See the package
// comment, and TestRecordsArePointerFree.

// str is a text of the snapshot: bytes [off, off+n) of its arena
// (Snapshot.text).
type str struct{ off, n uint32 }

// list is a run of elements [off, off+n) of one of the snapshot's arrays.
// A nil slice of the domain is a list with off nilOff, so that a document
// copied back out (Snapshot.Source) is the one put in, nil and empty
// slices alike.
type list struct{ off, n uint32 }

const nilOff = math.MaxUint32

var nilList = list{off: nilOff}

func (l list) isNil() bool { return l.off == nilOff }

// bounds returns the list's run as indexes, [0, 0) for a nil list.
func (l list) bounds() (int, int) {
	if l.off == nilOff {
		return 0, 0
	}
	return int(l.off), int(l.off + l.n)
}

// of returns the list's part of arr; nil for a nil list.
func of[T any](arr []T, l list) []T {
	if l.off == nilOff {
		return nil
	}
	return arr[l.off : l.off+l.n : l.off+l.n]
}

// listOf returns the list of the elements [from, len(arr)) of an array
// just appended to, or nilList when isNil.
func listOf[T any](arr []T, from int, isNil bool) list {
	if isNil {
		return nilList
	}
	return list{off: u32(from), n: u32(len(arr) - from)}
}

// u32 and i32 narrow lengths, offsets and counts into the records' 32-bit
// fields. Values that do not fit (a text arena over 4 GiB, a source file
// over 2 GiB) are beyond what a snapshot is made for: Build panics.
func u32(n int) uint32 {
	if n < 0 || n > math.MaxUint32-1 {
		panic(fmt.Sprintf("query: %d does not fit a snapshot's 32-bit field", n))
	}
	return uint32(n)
}

func i32(n int) int32 {
	if n < math.MinInt32 || n > math.MaxInt32 {
		panic(fmt.Sprintf("query: %d does not fit a snapshot's 32-bit field", n))
	}
	return int32(n)
}

// arena collects the texts of a snapshot being built into one string.
// Short texts (ids, verbs, kinds, names, dates) are stored once however
// often they occur; a text that is part of another one already stored
// (a clause of its paragraph) can be stored as that part.
type arena struct {
	b     strings.Builder
	short map[string]str
}

// shortText is the longest text the arena looks up before storing it.
const shortText = 64

func newArena() *arena { return &arena{short: map[string]str{}} }

// text returns what the arena holds so far. Parts of it stay valid as
// the arena grows.
func (a *arena) text() string { return a.b.String() }

func (a *arena) put(s string) str {
	if s == "" {
		return str{}
	}
	if len(s) <= shortText {
		if t, ok := a.short[s]; ok {
			return t
		}
	}
	t := str{off: u32(a.b.Len()), n: u32(len(s))}
	u32(a.b.Len() + len(s)) // the arena's end must fit too
	a.b.WriteString(s)
	if len(s) <= shortText {
		a.short[s] = t
	}
	return t
}

// putIn stores s as the part of the stored text in that it is, looked for
// at byte at first (the offset the domain gives, -1 when none); it stores
// s as put does when it is no part of in.
func (a *arena) putIn(s string, in str, at int) str {
	if len(s) <= shortText || in.n == 0 {
		return a.put(s)
	}
	whole := a.text()[in.off : in.off+in.n]
	if at >= 0 && at+len(s) <= len(whole) && whole[at:at+len(s)] == s {
		return str{off: in.off + uint32(at), n: uint32(len(s))}
	}
	if i := strings.Index(whole, s); i >= 0 {
		return str{off: in.off + uint32(i), n: uint32(len(s))}
	}
	return a.put(s)
}

// done returns the arena's text, copied when the builder's buffer holds
// much more room than text, and forgets it.
func (a *arena) done() string {
	s := a.b.String()
	if a.b.Cap()-len(s) > len(s)/8 {
		s = strings.Clone(s)
	}
	a.b, a.short = strings.Builder{}, nil
	return s
}

// keyIndex finds values by a string key without a map: its keys are
// texts of the snapshot's arena, sorted, searched by halving. A lookup
// costs a few dozen string comparisons, and the index no pointers.
type keyIndex[V any] struct {
	keys []str
	vals []V
}

// newKeyIndex returns an index of m, whose keys must be stored in a.
func newKeyIndex[V any](a *arena, m map[string]V) keyIndex[V] {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ix := keyIndex[V]{keys: make([]str, len(keys)), vals: make([]V, len(keys))}
	for i, k := range keys {
		ix.keys[i], ix.vals[i] = a.put(k), m[k]
	}
	return ix
}

// get returns the value of key k; text is the snapshot's arena.
func (ix *keyIndex[V]) get(text, k string) (V, bool) {
	i, ok := slices.BinarySearchFunc(ix.keys, k, func(e str, k string) int {
		return cmp.Compare(text[e.off:e.off+e.n], k)
	})
	if !ok {
		var zero V
		return zero, false
	}
	return ix.vals[i], true
}

// The records. Field names follow the domain types (resgraph.Document
// and the rest), whose every field each record keeps so that Source can
// copy documents back out exactly (TestSourceIsWhatWasBuilt).

// docRec is a document.
type docRec struct {
	symbol, kind, status, draft, adopted, date, meeting, title, language str
	file, format, sha256, extractor                                      str
	chapterVII, hasVotes                                                 bool
	votesFor, votesAgainst, votesAbstaining                              int32
	year                                                                 int32
	sponsors, warnings                                                   list // into Snapshot.strs
	members                                                              list // into Snapshot.members
	subjects                                                             list // into Snapshot.subjects
	defined                                                              list // into Snapshot.defined
	events                                                               list // into Snapshot.events
	paras                                                                list // into Snapshot.paraRecs
	actions                                                              list // into Snapshot.actRecs, in the document's order
	refs                                                                 list // into Snapshot.refRecs, every reference as extracted

	// Derived: the document's directives and tasks and its stances, runs
	// of the snapshot's lists of them (a document's are contiguous in
	// snapshot order); its citations both ways, into Snapshot.citeOut
	// and citeIn.
	obligations, stances list
	citesOut, citesIn    list
}

type memberRec struct{ member, vote str }

type subjectRec struct{ dictionary, label, iri str }

type definitionRec struct{ acronym, name, actor, paragraph str }

// eventRec is what a paragraph does to a mandate.
type eventRec struct {
	typ, paragraph, paragraphID, until, duration, from, text str
	mandate                                                  int32 // into Snapshot.actorRefs
	changes                                                  list  // into Snapshot.strs
	start, end                                               int32
}

// paraRec is a paragraph.
type paraRec struct {
	id, kind, number, item, section, lead, text str
	start, end, line, column                    int32
	footnotes                                   list // into Snapshot.strs

	doc   int32 // the document holding it
	terms int32 // number of indexed terms, for ranking
}

// actRec is an action (directive, task, stance or self-reference).
type actRec struct {
	paragraph, paragraphID, item, kind, verb, verbPhrase, class str
	target, action, deadline, deadlineDate, recurrence          str
	duration, until, condition, text                            str
	start, end                                                  int32
	chapterVII                                                  bool
	verbs                                                       list  // into Snapshot.strs
	addressee                                                   int32 // into Snapshot.actorRefs, -1 for none
	partners, beneficiaries                                     list  // into Snapshot.actorRefs
	marks                                                       list  // into Snapshot.marks

	// Derived: where the action is, and its actors resolved.
	doc, para, clause int32 // para -1 when the id names no paragraph
	actor             int32 // the addressee's actor, -1 for none
	partnerActors     list  // into Snapshot.actorLists: the partners', beneficiaries' actors
	beneficiaryActors list
	seq               int32 // position in Snapshot.obligations or stances
}

// actorRefRec is an actor as a text mentions it.
type actorRefRec struct {
	id, name, mention, typ str
	aliases                list // into Snapshot.strs
	actor                  int32
}

type markRec struct {
	role       str
	start, end int32
}

// refRec is a reference as extracted (to a document or, with a target, to
// a paragraph of the same document).
type refRec struct {
	symbol, relation, paragraph, paragraphID, target, mention str
	start, end                                                int32
}

// citeRec is a reference to another document: a citation.
type citeRec struct {
	ref        int32 // into Snapshot.refRecs
	from, para int32 // the citing document and paragraph (-1 when unknown)
	to         int32 // the cited document, -1 when not in the snapshot
}

// actorRec is an actor: of the registry, or found only in texts.
type actorRec struct {
	id, name, typ, sanctions, unEntity, partOf, ledBy, successor, note str
	aliases                                                            list // into Snapshot.strs

	// Derived.
	parent, leader int32 // -1 for none
	parts          list  // into Snapshot.actorLists
	obligations    list  // into Snapshot.actorSeqs (and actorObligations): seqs of obligations addressed to it
	stances        list  // into Snapshot.actorStances
	documents      list  // into Snapshot.actorDocs
}
