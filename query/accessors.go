package query

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// The handles' accessors. Texts are parts of the snapshot's arena, which
// costs no copy; lists of handles (a document's paragraphs, obligations
// ...) are parts of the snapshot's views, which the caller must not
// modify; lists of strings and domain values (sponsors, verbs, marks,
// votes) are made on each call, the caller's own.
//
// gqlgen calls methods without a context inline, where it would run a
// resolver on a goroutine of its own, so the fields of big lists
// (obligations, edges) are plain methods.

// Span locates text: bytes [Start, End), and for source-file spans the
// 1-based Line and Column of Start (0 otherwise).
type Span struct {
	Start, End, Line, Column int
}

// KeyValue is a small fact about a graph node.
type KeyValue struct {
	Key, Value string
}

func (d *Document) rec() *docRec { return &d.s.docRecs[d.i] }

// Symbol returns the document's symbol.
func (d *Document) Symbol() resgraph.Symbol { return resgraph.Symbol(d.s.str(d.rec().symbol)) }

// SymbolString returns the document's symbol.
func (d *Document) SymbolString() string { return d.s.str(d.rec().symbol) }

// Kind returns the document's kind.
func (d *Document) Kind() resgraph.DocKind { return resgraph.DocKind(d.s.str(d.rec().kind)) }

// KindName returns the document's kind.
func (d *Document) KindName() string { return d.s.str(d.rec().kind) }

// Status returns the document's status as read ("" from an older
// extractor: see resgraph.DefaultStatus).
func (d *Document) Status() resgraph.DocStatus { return resgraph.DocStatus(d.s.str(d.rec().status)) }

// DraftSymbol returns the draft's symbol, "" when unknown.
func (d *Document) DraftSymbol() resgraph.Symbol { return resgraph.Symbol(d.s.str(d.rec().draft)) }

// DraftSymbolString returns the draft's symbol, "" when unknown.
func (d *Document) DraftSymbolString() string { return d.s.str(d.rec().draft) }

// AdoptedSymbol returns the adopted resolution's symbol, "" when unknown.
func (d *Document) AdoptedSymbol() resgraph.Symbol { return resgraph.Symbol(d.s.str(d.rec().adopted)) }

// AdoptedSymbolString returns the adopted resolution's symbol, "" when unknown.
func (d *Document) AdoptedSymbolString() string { return d.s.str(d.rec().adopted) }

// Date returns the ISO day of adoption (of distribution for drafts).
func (d *Document) Date() string { return d.s.str(d.rec().date) }

// Meeting returns the meeting ("6898th meeting").
func (d *Document) Meeting() string { return d.s.str(d.rec().meeting) }

// Title returns the document's title.
func (d *Document) Title() string { return d.s.str(d.rec().title) }

// Language returns the ISO 639-1 language of the text.
func (d *Document) Language() string { return d.s.str(d.rec().language) }

// Sponsors returns the document's sponsors (a new slice).
func (d *Document) Sponsors() []string { return d.s.strings(d.rec().sponsors) }

// Warnings returns what the reader and extractor warned of (a new slice).
func (d *Document) Warnings() []string { return d.s.strings(d.rec().warnings) }

// ChapterVII reports whether the document acts under Chapter VII.
func (d *Document) ChapterVII() bool { return d.rec().chapterVII }

// Votes returns the recorded vote (a new value), nil when there is none.
func (d *Document) Votes() *resgraph.Votes {
	r := d.rec()
	if !r.hasVotes {
		return nil
	}
	v := &resgraph.Votes{For: int(r.votesFor), Against: int(r.votesAgainst), Abstaining: int(r.votesAbstaining)}
	if !r.members.isNil() {
		v.Members = make([]resgraph.MemberVote, r.members.n)
		for i, m := range of(d.s.members, r.members) {
			v.Members[i] = resgraph.MemberVote{Member: d.s.str(m.member), Vote: d.s.str(m.vote)}
		}
	}
	return v
}

// Subjects returns the document's subject links (a new slice).
func (d *Document) Subjects() []resgraph.Subject {
	r := d.rec()
	if r.subjects.isNil() {
		return nil
	}
	out := make([]resgraph.Subject, r.subjects.n)
	for i, x := range of(d.s.subjects, r.subjects) {
		out[i] = resgraph.Subject{Dictionary: d.s.str(x.dictionary), Label: d.s.str(x.label), IRI: d.s.str(x.iri)}
	}
	return out
}

// Defined returns the acronyms the text defines (a new slice).
func (d *Document) Defined() []resgraph.Definition {
	r := d.rec()
	if r.defined.isNil() {
		return nil
	}
	out := make([]resgraph.Definition, r.defined.n)
	for i, x := range of(d.s.defined, r.defined) {
		out[i] = resgraph.Definition{Acronym: d.s.str(x.acronym), Name: d.s.str(x.name),
			Actor: resgraph.ActorID(d.s.str(x.actor)), Paragraph: d.s.str(x.paragraph)}
	}
	return out
}

// Events returns what the text does to mandates (a new slice).
func (d *Document) Events() []resgraph.MandateEvent {
	r := d.rec()
	if r.events.isNil() {
		return nil
	}
	out := make([]resgraph.MandateEvent, r.events.n)
	for i, x := range of(d.s.events, r.events) {
		out[i] = resgraph.MandateEvent{
			Type: resgraph.EventType(d.s.str(x.typ)), Mandate: d.s.actorRefCopy(&d.s.actorRefs[x.mandate]),
			Paragraph: d.s.str(x.paragraph), ParagraphID: d.s.str(x.paragraphID), Until: d.s.str(x.until),
			Duration: d.s.str(x.duration), From: d.s.str(x.from), Changes: d.s.strings(x.changes),
			Text: d.s.str(x.text), Start: int(x.start), End: int(x.end),
		}
	}
	return out
}

// Source returns the file the document was read from.
func (d *Document) Source() resgraph.Source {
	r := d.rec()
	return resgraph.Source{File: d.s.str(r.file), Format: resgraph.Format(d.s.str(r.format)), SHA256: d.s.str(r.sha256)}
}

// Extractor returns the version of the extractor that found the
// document's actions and references ("" when not extracted).
func (d *Document) Extractor() string { return d.s.str(d.rec().extractor) }

// Symbols returns the document's own symbols: its symbol and, where known,
// its draft and adopted symbols.
func (d *Document) Symbols() []resgraph.Symbol {
	sym, draft, adopted := d.Symbol(), d.DraftSymbol(), d.AdoptedSymbol()
	out := []resgraph.Symbol{sym}
	if draft != "" && draft != sym {
		out = append(out, draft)
	}
	if adopted != "" && adopted != sym {
		out = append(out, adopted)
	}
	return out
}

// Order returns the document's position in the snapshot's order (date,
// symbol).
func (d *Document) Order() int { return int(d.i) }

// Year returns the year of Date, 0 when the date is unknown.
func (d *Document) Year() int { return int(d.rec().year) }

// Paras returns the document's paragraphs in document order.
func (d *Document) Paras() []*Paragraph { return of(d.s.paraList, d.rec().paras) }

// Obligations returns the directives and tasks of the document, in order.
func (d *Document) Obligations() []*Obligation { return of(d.s.obligations, d.rec().obligations) }

// Stances returns the stances of the document, in order.
func (d *Document) Stances() []*Obligation { return of(d.s.stances, d.rec().stances) }

// CitesOut returns the documents this one cites, in order.
func (d *Document) CitesOut() []*Citation { return of(d.s.citeOut, d.rec().citesOut) }

// CitesIn returns the citations of this document (by any of its symbols),
// in snapshot order.
func (d *Document) CitesIn() []*Citation { return of(d.s.citeIn, d.rec().citesIn) }

// Paragraph returns the paragraph of d with the given id (the last, should
// two share it), or nil.
func (d *Document) Paragraph(id string) *Paragraph {
	ps := d.Paras()
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].ID() == id {
			return ps[i]
		}
	}
	return nil
}

func (p *Paragraph) rec() *paraRec { return &p.s.paraRecs[p.i] }

// ID returns the paragraph's id, stable within its document: "pre3", "op9(a)".
func (p *Paragraph) ID() string { return p.s.str(p.rec().id) }

// Kind returns the paragraph's kind.
func (p *Paragraph) Kind() resgraph.ParaKind { return resgraph.ParaKind(p.s.str(p.rec().kind)) }

// KindName returns the paragraph's kind.
func (p *Paragraph) KindName() string { return p.s.str(p.rec().kind) }

// Number returns the paragraph's number as printed.
func (p *Paragraph) Number() string { return p.s.str(p.rec().number) }

// Item returns the sub-item ("(a)", "(a)(i)"), "" for none.
func (p *Paragraph) Item() string { return p.s.str(p.rec().item) }

// Section returns the heading the paragraph falls under.
func (p *Paragraph) Section() string { return p.s.str(p.rec().section) }

// Lead returns the leading phrase as printed ("Calls upon").
func (p *Paragraph) Lead() string { return p.s.str(p.rec().lead) }

// Text returns the paragraph's text.
func (p *Paragraph) Text() string { return p.s.str(p.rec().text) }

// Footnotes returns the footnote texts the paragraph references (a new slice).
func (p *Paragraph) Footnotes() []string { return p.s.strings(p.rec().footnotes) }

// Document returns the document holding the paragraph.
func (p *Paragraph) Document() *Document { return &p.s.docs[p.rec().doc] }

// Order returns the paragraph's position in its document.
func (p *Paragraph) Order() int { return p.s.paraOrder(p.i) }

// SourceSpan returns where the paragraph is in its source file.
func (p *Paragraph) SourceSpan() *Span {
	r := p.rec()
	return &Span{Start: int(r.start), End: int(r.end), Line: int(r.line), Column: int(r.column)}
}

// ObligationsHere returns the directives and tasks of the paragraph.
func (p *Paragraph) ObligationsHere() []*Obligation {
	var out []*Obligation
	for _, o := range p.Document().Obligations() {
		if o.rec().para == p.i {
			out = append(out, o)
		}
	}
	return out
}

func (o *Obligation) rec() *actRec { return &o.s.actRecs[o.i] }

// Document returns the document holding the action.
func (o *Obligation) Document() *Document { return &o.s.docs[o.rec().doc] }

// Paragraph returns the paragraph holding the action, nil when its
// paragraph id names none.
func (o *Obligation) Paragraph() *Paragraph { return o.s.paraAt(o.rec().para) }

// Clause returns the action's position among its document's actions.
func (o *Obligation) Clause() int { return int(o.rec().clause) }

// Addressee returns the actor the action addresses (for a stance: its
// target), nil when there is none or it is not an actor.
func (o *Obligation) Addressee() *Actor { return o.s.actorAt(o.rec().actor) }

// Partners returns the actors named as partners.
func (o *Obligation) Partners() []*Actor { return of(o.s.actorLists, o.rec().partnerActors) }

// Beneficiaries returns the actors named as beneficiaries.
func (o *Obligation) Beneficiaries() []*Actor { return of(o.s.actorLists, o.rec().beneficiaryActors) }

// ParagraphNumber returns the number of the action's paragraph as printed ("9").
func (o *Obligation) ParagraphNumber() string { return o.s.str(o.rec().paragraph) }

// ParagraphID returns the id of the action's paragraph ("op9(a)").
func (o *Obligation) ParagraphID() string { return o.s.str(o.rec().paragraphID) }

// Item returns the sub-item of the action's paragraph ("(a)").
func (o *Obligation) Item() string { return o.s.str(o.rec().item) }

// Kind returns the action's kind.
func (o *Obligation) Kind() resgraph.ActionKind { return resgraph.ActionKind(o.s.str(o.rec().kind)) }

// KindName returns "directive", "task" or "stance".
func (o *Obligation) KindName() string { return o.s.str(o.rec().kind) }

// Verb returns the lemma as printed, lower case: "calls upon".
func (o *Obligation) Verb() string { return o.s.str(o.rec().verb) }

// VerbPhrase returns the verb with its adverbs: "further requests".
func (o *Obligation) VerbPhrase() string { return o.s.str(o.rec().verbPhrase) }

// Verbs returns every directive verb for this addressee here (a new slice).
func (o *Obligation) Verbs() []string { return o.s.strings(o.rec().verbs) }

// Class returns the action's class.
func (o *Obligation) Class() resgraph.Class { return resgraph.Class(o.s.str(o.rec().class)) }

// ClassName returns the action's class.
func (o *Obligation) ClassName() string { return o.s.str(o.rec().class) }

// ActionText returns what the addressee must do.
func (o *Obligation) ActionText() string { return o.s.str(o.rec().action) }

// Target returns a stance's target when it is not an actor.
func (o *Obligation) Target() string { return o.s.str(o.rec().target) }

// Deadline returns the deadline as printed ("within 30 days").
func (o *Obligation) Deadline() string { return o.s.str(o.rec().deadline) }

// DeadlineDate returns the ISO day of the deadline, where computable.
func (o *Obligation) DeadlineDate() string { return o.s.str(o.rec().deadlineDate) }

// Recurrence returns the ISO 8601 duration of a recurring duty ("P90D").
func (o *Obligation) Recurrence() string { return o.s.str(o.rec().recurrence) }

// Duration returns the duration as printed ("for an initial period of one year").
func (o *Obligation) Duration() string { return o.s.str(o.rec().duration) }

// Until returns the ISO day an authorization or mandate runs to.
func (o *Obligation) Until() string { return o.s.str(o.rec().until) }

// Condition returns the action's condition.
func (o *Obligation) Condition() string { return o.s.str(o.rec().condition) }

// ChapterVII reports whether the clause itself acts under Chapter VII (see
// UnderChapterVII).
func (o *Obligation) ChapterVII() bool { return o.rec().chapterVII }

// Text returns the clause's text.
func (o *Obligation) Text() string { return o.s.str(o.rec().text) }

// Marks returns where the parts of the clause are in its paragraph's text
// (a new slice).
func (o *Obligation) Marks() []resgraph.Mark {
	r := o.rec()
	if r.marks.isNil() {
		return nil
	}
	out := make([]resgraph.Mark, r.marks.n)
	for i, m := range of(o.s.marks, r.marks) {
		out[i] = resgraph.Mark{Role: o.s.str(m.role), Start: int(m.start), End: int(m.end)}
	}
	return out
}

// IDString returns the action's stable id: "S/2012/946#op10/11" (document,
// paragraph id, clause number).
func (o *Obligation) IDString() string {
	return o.Document().SymbolString() + "#" + o.ParagraphID() + "/" + strconv.Itoa(o.Clause())
}

// AddresseeMention returns how the text names the addressee.
func (o *Obligation) AddresseeMention() string {
	r := o.rec()
	if r.addressee < 0 {
		return ""
	}
	return o.s.str(o.s.actorRefs[r.addressee].mention)
}

// TargetText returns a stance's target as written.
func (o *Obligation) TargetText() string {
	if t := o.Target(); t != "" {
		return t
	}
	return o.AddresseeMention()
}

// UnderChapterVII reports whether the clause or its document acts under
// Chapter VII.
func (o *Obligation) UnderChapterVII() bool { return o.rec().chapterVII || o.Document().ChapterVII() }

// ClauseSpan returns the clause's span in its paragraph's text.
func (o *Obligation) ClauseSpan() *Span {
	r := o.rec()
	return &Span{Start: int(r.start), End: int(r.end)}
}

// verbsFoundBy returns the distinct lower-case verbs an action is found
// by: its lemma, its verb phrase and every verb it lists.
func (o *Obligation) verbsFoundBy() []string {
	r := o.rec()
	out := make([]string, 0, 2+r.verbs.n)
	add := func(v string) {
		if v = lower(v); v != "" && !contains(out, v) {
			out = append(out, v)
		}
	}
	add(o.s.str(r.verb))
	add(o.s.str(r.verbPhrase))
	for _, v := range of(o.s.strs, r.verbs) {
		add(o.s.str(v))
	}
	return out
}

// foundByVerb reports whether the action is found by verb (lower case),
// as verbsFoundBy lists them, without making the list.
func (o *Obligation) foundByVerb(verb string) bool {
	r := o.rec()
	if lower(o.s.str(r.verb)) == verb || lower(o.s.str(r.verbPhrase)) == verb {
		return true
	}
	for _, v := range of(o.s.strs, r.verbs) {
		if lower(o.s.str(v)) == verb {
			return true
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func (c *Citation) rec() *citeRec { return &c.s.citeRecs[c.i] }

func (c *Citation) ref() *refRec { return &c.s.refRecs[c.rec().ref] }

// Symbol returns the cited symbol.
func (c *Citation) Symbol() resgraph.Symbol { return resgraph.Symbol(c.s.str(c.ref().symbol)) }

// SymbolString returns the cited symbol.
func (c *Citation) SymbolString() string { return c.s.str(c.ref().symbol) }

// Relation returns the citing phrase's lemma: "recalls", "pursuant to".
func (c *Citation) Relation() string { return c.s.str(c.ref().relation) }

// Mention returns the citation as written.
func (c *Citation) Mention() string { return c.s.str(c.ref().mention) }

// ParagraphNumber returns the number of the citing paragraph as printed
// ("" for preambular).
func (c *Citation) ParagraphNumber() string { return c.s.str(c.ref().paragraph) }

// ParagraphID returns the id of the citing paragraph.
func (c *Citation) ParagraphID() string { return c.s.str(c.ref().paragraphID) }

// From returns the citing document.
func (c *Citation) From() *Document { return &c.s.docs[c.rec().from] }

// Paragraph returns the citing paragraph, nil when unknown.
func (c *Citation) Paragraph() *Paragraph { return c.s.paraAt(c.rec().para) }

// To returns the cited document when it is in the snapshot, else nil.
func (c *Citation) To() *Document { return c.s.docAt(c.rec().to) }

// MentionSpan returns the span of the mention in the citing paragraph's text.
func (c *Citation) MentionSpan() *Span {
	r := c.ref()
	return &Span{Start: int(r.start), End: int(r.end)}
}

func (a *Actor) rec() *actorRec { return &a.s.actorRecs[a.i] }

// ID returns the actor's id.
func (a *Actor) ID() resgraph.ActorID { return resgraph.ActorID(a.s.str(a.rec().id)) }

// IDString returns the actor's id.
func (a *Actor) IDString() string { return a.s.str(a.rec().id) }

// Name returns the actor's canonical name.
func (a *Actor) Name() string { return a.s.str(a.rec().name) }

// Type returns the actor's type (ActorUnknown when the source gave none).
func (a *Actor) Type() resgraph.ActorType { return resgraph.ActorType(a.s.str(a.rec().typ)) }

// TypeName returns the actor's type.
func (a *Actor) TypeName() string { return a.s.str(a.rec().typ) }

// Aliases returns the actor's aliases (a new slice).
func (a *Actor) Aliases() []string { return a.s.strings(a.rec().aliases) }

// Sanctions returns the actor's UN sanctions list reference ("QDe.134").
func (a *Actor) Sanctions() string { return a.s.str(a.rec().sanctions) }

// UNEntity returns the actor's UN entity abbreviation.
func (a *Actor) UNEntity() string { return a.s.str(a.rec().unEntity) }

// PartOf returns the id of the actor this one is part of.
func (a *Actor) PartOf() resgraph.ActorID { return resgraph.ActorID(a.s.str(a.rec().partOf)) }

// LedBy returns the id of the actor leading this one.
func (a *Actor) LedBy() resgraph.ActorID { return resgraph.ActorID(a.s.str(a.rec().ledBy)) }

// Successor returns the id of the mandate that took over from this one.
func (a *Actor) Successor() resgraph.ActorID { return resgraph.ActorID(a.s.str(a.rec().successor)) }

// Note returns the registry's note on the actor.
func (a *Actor) Note() string { return a.s.str(a.rec().note) }

// Parent returns the actor PartOf names, nil when none is known.
func (a *Actor) Parent() *Actor { return a.s.actorAt(a.rec().parent) }

// Leader returns the actor LedBy names, nil when none is known.
func (a *Actor) Leader() *Actor { return a.s.actorAt(a.rec().leader) }

// Parts returns the actors whose PartOf is this one, in id order.
func (a *Actor) Parts() []*Actor { return of(a.s.actorLists, a.rec().parts) }

// Obligations returns the obligations addressed to the actor, in snapshot
// order.
func (a *Actor) Obligations() []*Obligation { return of(a.s.actorObligations, a.rec().obligations) }

// Stances returns the stances about the actor, in snapshot order.
func (a *Actor) Stances() []*Obligation { return of(a.s.actorStances, a.rec().stances) }

// Documents returns the documents naming the actor (as addressee, partner
// or beneficiary), in snapshot order.
func (a *Actor) Documents() []*Document { return of(a.s.actorDocs, a.rec().documents) }

// Copy returns the actor as a domain value of the caller's own (for an
// actor found only in texts, as the snapshot made it).
func (a *Actor) Copy() resgraph.Actor { return a.s.actorCopy(a.rec()) }

// InRegistry reports whether the actor is in the curated registry.
func (a *Actor) InRegistry() bool { return !strings.HasPrefix(a.IDString(), "x/") }

// SourceID returns the id of the edge's source node.
func (e *Edge) SourceID() string { return e.Source().ID() }

// TargetID returns the id of the edge's target node.
func (e *Edge) TargetID() string { return e.Target().ID() }

// KindEnum returns the edge kind as a GraphQL enum value: "PART_OF".
func (e *Edge) KindEnum() string {
	return edgeKindEnums[bits.TrailingZeros8(uint8(e.rec().kind))]
}

// edgeKindEnums holds KindEnum's answers by position in EdgeKinds, made
// once: a graph view asks for hundreds of edges.
var edgeKindEnums = func() []string {
	m := make([]string, len(EdgeKinds))
	for i, k := range EdgeKinds {
		m[i] = strings.ReplaceAll(strings.ToUpper(k), "-", "_")
	}
	return m
}()

// ClassOrNil returns the edge's class, nil when it has none.
func (e *Edge) ClassOrNil() *string {
	c := e.rec().class
	if c == 0 {
		return nil
	}
	return &e.s.graph.classes[c]
}

// TypeEnum returns the node type as a GraphQL enum value: "ACTOR".
func (n *Node) TypeEnum() string { return typeEnum(n.Type()) }

func typeEnum(t string) string {
	switch t {
	case NodeDocument:
		return "DOCUMENT"
	case NodeActor:
		return "ACTOR"
	}
	return strings.ToUpper(t)
}

// Data returns small facts about the node for a view.
func (n *Node) Data() []*KeyValue {
	kv := func(k, v string) *KeyValue { return &KeyValue{Key: k, Value: v} }
	if d := n.Document(); d != nil {
		return []*KeyValue{kv("symbol", d.SymbolString()), kv("kind", d.KindName()), kv("date", d.Date()), kv("title", d.Title())}
	}
	if a := n.Actor(); a != nil {
		return []*KeyValue{kv("id", a.IDString()), kv("name", a.Name()), kv("type", a.TypeName())}
	}
	return nil
}
