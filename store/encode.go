package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cayleygraph/quad"

	"github.com/resgraph/resgraph"
)

// builder collects the quads of one label, without duplicates, in a
// deterministic order.
type builder struct {
	label quad.Value
	quads []quad.Quad
	seen  map[quad.Quad]struct{}
}

func newBuilder(label quad.Value, n int) *builder {
	return &builder{label: label, quads: make([]quad.Quad, 0, n), seen: make(map[quad.Quad]struct{}, n)}
}

func (b *builder) add(s quad.IRI, p quad.IRI, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if _, ok := b.seen[q]; ok {
		return
	}
	b.seen[q] = struct{}{}
	b.quads = append(b.quads, q)
}

// str adds a string literal, skipping empty ones (they read back as "").
func (b *builder) str(s, p quad.IRI, v string) {
	if v != "" {
		b.add(s, p, quad.String(v))
	}
}

// num adds an integer literal, skipping zero (it reads back as 0).
func (b *builder) num(s, p quad.IRI, v int) {
	if v != 0 {
		b.add(s, p, quad.Int(v))
	}
}

func (b *builder) flag(s, p quad.IRI, v bool) {
	if v {
		b.add(s, p, quad.Bool(true))
	}
}

// list adds an ordered list as one JSON literal, skipping empty lists.
func (b *builder) list(s, p quad.IRI, v any, n int) {
	if n == 0 {
		return
	}
	js, err := json.Marshal(v)
	if err != nil {
		panic(err) // []string and []Mark always marshal
	}
	b.add(s, p, quad.TypedString{Value: quad.String(js), Type: JSONList})
}

// documentQuads returns the quads of doc, all labelled with its IRI.
func documentQuads(doc *resgraph.Document) ([]quad.Quad, error) {
	if doc == nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "nil document")
	}
	if doc.Symbol == "" {
		return nil, resgraph.Errorf(resgraph.EINVALID, "document from %q has no symbol", doc.Source.File)
	}
	d := DocumentIRI(doc.Symbol)
	b := newBuilder(d, 16+14*len(doc.Paragraphs)+22*len(doc.Actions)+12*len(doc.References))

	b.add(d, RDFType, TypeDocument)
	b.str(d, PSymbol, string(doc.Symbol))
	b.str(d, PKind, string(doc.Kind))
	b.str(d, PStatus, string(doc.Status))
	if doc.DraftSymbol != "" {
		b.str(d, PDraftSymbol, string(doc.DraftSymbol))
		b.add(d, PDraft, DocumentIRI(doc.DraftSymbol))
	}
	if doc.AdoptedSymbol != "" {
		b.str(d, PAdoptedSymbol, string(doc.AdoptedSymbol))
		b.add(d, PAdoptedAs, DocumentIRI(doc.AdoptedSymbol))
	}
	b.str(d, PDate, doc.Date)
	b.str(d, PMeeting, doc.Meeting)
	b.str(d, PTitle, doc.Title)
	b.list(d, PSponsors, doc.Sponsors, len(doc.Sponsors))
	if v := doc.Votes; v != nil {
		// Written even when zero: their presence says the document has Votes.
		b.add(d, PVotesFor, quad.Int(v.For))
		b.add(d, PVotesAgainst, quad.Int(v.Against))
		b.add(d, PVotesAbstain, quad.Int(v.Abstaining))
		for i, m := range v.Members {
			n := child(d, "vote", i)
			b.add(d, PVote, n)
			b.add(n, RDFType, TypeVote)
			b.add(n, PIndex, quad.Int(i))
			b.str(n, PMember, m.Member)
			b.str(n, PVote, m.Vote)
		}
	}
	b.flag(d, PChapterVII, doc.ChapterVII)
	for i, s := range doc.Subjects {
		n := child(d, "subject", i)
		b.add(d, PSubject, n)
		b.add(n, RDFType, TypeSubject)
		b.add(n, PIndex, quad.Int(i))
		b.str(n, PDictionary, s.Dictionary)
		b.str(n, PLabel, s.Label)
		b.str(n, PIRI, s.IRI)
	}
	b.str(d, PLanguage, doc.Language)
	b.str(d, PSourceFile, doc.Source.File)
	b.str(d, PSourceFormat, string(doc.Source.Format))
	b.str(d, PSHA256, doc.Source.SHA256)
	b.list(d, PWarnings, doc.Warnings, len(doc.Warnings))
	b.str(d, PExtractor, doc.Extractor)

	// Paragraphs. Ids are unique within a document; a repeated id (a
	// reader bug) gets a suffix rather than merging two paragraphs.
	paras := make(map[string]quad.IRI, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		n := ParagraphIRI(d, p.ID)
		if _, dup := paras[p.ID]; dup {
			n = quad.IRI(string(n) + "~" + strconv.Itoa(i))
		} else {
			paras[p.ID] = n
		}
		b.add(n, RDFType, TypeParagraph)
		b.add(n, PDocument, d)
		b.add(n, PIndex, quad.Int(i))
		b.add(n, PParagraphID, quad.String(p.ID))
		b.str(n, PKind, string(p.Kind))
		b.str(n, PNumber, p.Number)
		b.str(n, PItem, p.Item)
		b.str(n, PSection, p.Section)
		b.str(n, PLead, p.Lead)
		b.str(n, PText, p.Text)
		b.num(n, PStart, p.Start)
		b.num(n, PEnd, p.End)
		b.num(n, PLine, p.Line)
		b.num(n, PColumn, p.Column)
		b.list(n, PFootnotes, p.Footnotes, len(p.Footnotes))
	}
	// paraLink links n to its paragraph: an edge when the id is one of the
	// document's paragraphs, else the id as a literal.
	paraLink := func(n quad.IRI, id string) {
		if p, ok := paras[id]; ok {
			b.add(n, PParagraph, p)
		} else {
			b.str(n, PParagraphID, id)
		}
	}

	council := ActorIRI(CouncilID)
	for i, a := range doc.Actions {
		n := ActionIRI(d, i)
		switch a.Kind {
		case resgraph.ActionDirective, resgraph.ActionTask:
			b.add(n, RDFType, TypeObligation)
		case resgraph.ActionStance:
			b.add(n, RDFType, TypeStance)
		case resgraph.ActionSelf:
			b.add(n, RDFType, TypeSelf)
		default:
			return nil, resgraph.Errorf(resgraph.EINVALID, "%s: action %d has unknown kind %q", doc.Symbol, i, a.Kind)
		}
		b.add(n, PDocument, d)
		b.add(n, PIndex, quad.Int(i))
		b.str(n, PExtractor, doc.Extractor)
		paraLink(n, a.ParagraphID)
		b.str(n, PParagraphNumber, a.Paragraph)
		b.str(n, PItem, a.Item)
		b.str(n, PKind, string(a.Kind))
		b.str(n, PVerb, a.Verb)
		b.str(n, PVerbPhrase, a.VerbPhrase)
		b.list(n, PVerbs, a.Verbs, len(a.Verbs))
		b.str(n, PClass, string(a.Class))
		obligation := a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask
		if obligation {
			b.add(council, PImposes, n)
		}
		if r := a.Addressee; r != nil {
			if err := mention(b, n, "addressee", -1, PAddressee, PAddresseeMention, r); err != nil {
				return nil, fmt.Errorf("%s: action %d: %w", doc.Symbol, i, err)
			}
			if obligation {
				b.add(ActorIRI(r.ID), PObligedBy, n)
			}
		}
		b.str(n, PTarget, a.Target)
		b.str(n, PAction, a.Action)
		for j := range a.Partners {
			if err := mention(b, n, "partner", j, PPartner, PPartnerMention, &a.Partners[j]); err != nil {
				return nil, fmt.Errorf("%s: action %d: %w", doc.Symbol, i, err)
			}
		}
		for j := range a.Beneficiaries {
			if err := mention(b, n, "beneficiary", j, PBeneficiary, PBeneficiaryMention, &a.Beneficiaries[j]); err != nil {
				return nil, fmt.Errorf("%s: action %d: %w", doc.Symbol, i, err)
			}
		}
		b.str(n, PDeadline, a.Deadline)
		b.str(n, PDeadlineDate, a.DeadlineDate)
		b.str(n, PRecurrence, a.Recurrence)
		b.str(n, PDuration, a.Duration)
		b.str(n, PUntil, a.Until)
		b.str(n, PCondition, a.Condition)
		b.flag(n, PChapterVII, a.ChapterVII)
		b.str(n, PText, a.Text)
		b.num(n, PStart, a.Start)
		b.num(n, PEnd, a.End)
		b.list(n, PMarks, a.Marks, len(a.Marks))
	}

	for i, r := range doc.References {
		n := child(d, "ref", i)
		b.add(n, RDFType, TypeReference)
		b.add(n, PDocument, d)
		b.add(n, PIndex, quad.Int(i))
		b.str(n, PSymbol, string(r.Symbol))
		if r.Symbol != "" && r.Target == "" {
			// An internal reference (Target set) names its own document:
			// no citation edge.
			cited := DocumentIRI(r.Symbol)
			b.add(n, PCites, cited)
			b.add(d, PCites, cited)
		}
		b.str(n, PRelation, r.Relation)
		b.str(n, PParagraphNumber, r.Paragraph)
		paraLink(n, r.ParagraphID)
		b.str(n, PTarget, r.Target)
		b.str(n, PMention, r.Mention)
		b.num(n, PStart, r.Start)
		b.num(n, PEnd, r.End)
	}

	for i, df := range doc.Defined {
		n := child(d, "def", i)
		b.add(n, RDFType, TypeDefinition)
		b.add(n, PDocument, d)
		b.add(n, PIndex, quad.Int(i))
		b.str(n, PAcronym, df.Acronym)
		b.str(n, PName, df.Name)
		if df.Actor != "" {
			b.add(n, PActor, ActorIRI(df.Actor))
		}
		paraLink(n, df.Paragraph)
	}
	for i, e := range doc.Events {
		n := child(d, "event", i)
		b.add(n, RDFType, TypeEvent)
		b.add(n, PDocument, d)
		b.add(n, PIndex, quad.Int(i))
		b.str(n, PExtractor, doc.Extractor)
		b.str(n, PEventType, string(e.Type))
		if e.Mandate.ID == "" {
			return nil, resgraph.Errorf(resgraph.EINVALID, "%s: mandate event %d has no actor id", doc.Symbol, i)
		}
		if err := mention(b, n, "mandate", -1, PMandate, PMandateMention, &e.Mandate); err != nil {
			return nil, fmt.Errorf("%s: mandate event %d: %w", doc.Symbol, i, err)
		}
		b.str(n, PParagraphNumber, e.Paragraph)
		paraLink(n, e.ParagraphID)
		b.str(n, PUntil, e.Until)
		b.str(n, PDuration, e.Duration)
		b.str(n, PFrom, e.From)
		b.list(n, PChanges, e.Changes, len(e.Changes))
		b.str(n, PText, e.Text)
		b.num(n, PStart, e.Start)
		b.num(n, PEnd, e.End)
	}
	return b.quads, nil
}

// mention writes an actor mention: a plain edge from the action to the
// actor for traversals, and a mention node keeping what the text said and
// the registry's view of the actor at extraction time.
func mention(b *builder, action quad.IRI, role string, j int, edge, via quad.IRI, r *resgraph.ActorRef) error {
	if r.ID == "" {
		return resgraph.Errorf(resgraph.EINVALID, "%s %q has no actor id", role, r.Mention)
	}
	m := quad.IRI(string(action) + "/" + role)
	if j >= 0 {
		m = child(action, role, j)
	}
	a := ActorIRI(r.ID)
	b.add(action, edge, a)
	b.add(action, via, m)
	b.add(m, PActor, a)
	if j >= 0 {
		b.add(m, PIndex, quad.Int(j))
	}
	b.str(m, PName, r.Name)
	b.str(m, PMention, r.Mention)
	b.str(m, PActorType, string(r.Type))
	b.list(m, PAliases, r.Aliases, len(r.Aliases))
	return nil
}

// actorQuads returns the quads of the registry, labelled RegistryLabel.
func actorQuads(actors []resgraph.Actor) ([]quad.Quad, error) {
	b := newBuilder(RegistryLabel, 8*len(actors))
	seen := make(map[resgraph.ActorID]bool, len(actors))
	for i, a := range actors {
		if a.ID == "" {
			return nil, resgraph.Errorf(resgraph.EINVALID, "actor %d (%q) has no id", i, a.Name)
		}
		if seen[a.ID] {
			return nil, resgraph.Errorf(resgraph.EINVALID, "actor id %q is repeated", a.ID)
		}
		seen[a.ID] = true
		n := ActorIRI(a.ID)
		b.add(n, RDFType, TypeActor)
		b.add(n, PIndex, quad.Int(i))
		b.add(n, PActorID, quad.String(a.ID))
		b.str(n, PName, a.Name)
		b.str(n, PActorType, string(a.Type))
		b.list(n, PAliases, a.Aliases, len(a.Aliases))
		b.str(n, PSanctions, a.Sanctions)
		b.str(n, PUNEntity, a.UNEntity)
		if a.PartOf != "" {
			b.add(n, PPartOf, ActorIRI(a.PartOf))
		}
		if a.Successor != "" {
			b.add(n, PSuccessor, ActorIRI(a.Successor))
		}
		if a.LedBy != "" {
			b.add(n, PLedBy, ActorIRI(a.LedBy))
		}
		b.str(n, PNote, a.Note)
	}
	return b.quads, nil
}
