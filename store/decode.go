package store

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/resgraph/resgraph"
)

// node is the properties of one subject, as read from quads.
type node struct {
	props map[quad.IRI][]quad.Value
}

// graphOf is the quads of one label, by subject.
type graphOf map[string]*node

func (g graphOf) add(q quad.Quad) {
	s, ok := q.Subject.(quad.IRI)
	if !ok {
		return // not ours: only IRIs are written as subjects
	}
	p, ok := q.Predicate.(quad.IRI)
	if !ok {
		return
	}
	n := g[string(s)]
	if n == nil {
		n = &node{props: make(map[quad.IRI][]quad.Value, 8)}
		g[string(s)] = n
	}
	n.props[p] = append(n.props[p], q.Object)
}

func (n *node) one(p quad.IRI) quad.Value {
	if n == nil {
		return nil
	}
	vs := n.props[p]
	if len(vs) == 0 {
		return nil
	}
	return vs[0]
}

func (n *node) str(p quad.IRI) string {
	switch v := n.one(p).(type) {
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case nil:
		return ""
	default:
		return quad.StringOf(v)
	}
}

func (n *node) num(p quad.IRI) int {
	switch v := n.one(p).(type) {
	case quad.Int:
		return int(v)
	case quad.Float:
		return int(v)
	case quad.TypedString:
		if x, err := v.ParseValue(); err == nil {
			if i, ok := x.(quad.Int); ok {
				return int(i)
			}
		}
	}
	return 0
}

func (n *node) has(p quad.IRI) bool { return n.one(p) != nil }

func (n *node) flag(p quad.IRI) bool {
	switch v := n.one(p).(type) {
	case quad.Bool:
		return bool(v)
	case quad.TypedString:
		return v.Value == "true"
	}
	return false
}

func (n *node) iri(p quad.IRI) string {
	if v, ok := n.one(p).(quad.IRI); ok {
		return string(v)
	}
	return ""
}

func (n *node) isA(t quad.IRI) bool {
	for _, v := range n.props[RDFType] {
		if v == t {
			return true
		}
	}
	return false
}

// list decodes a JSON list literal into dst.
func (n *node) list(p quad.IRI, dst any) error {
	s := n.str(p)
	if s == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s), dst); err != nil {
		return fmt.Errorf("decoding %s: %w", p, err)
	}
	return nil
}

func (n *node) strings(p quad.IRI) ([]string, error) {
	var out []string
	err := n.list(p, &out)
	return out, err
}

// actorIDOf inverts ActorIRI.
func actorIDOf(iri string) resgraph.ActorID {
	rest, ok := strings.CutPrefix(iri, Base+"actor/")
	if !ok {
		return ""
	}
	if s, err := url.PathUnescape(rest); err == nil {
		return resgraph.ActorID(s)
	}
	return resgraph.ActorID(rest)
}

// decodeDocument rebuilds the document labelled label from its quads.
func decodeDocument(label string, g graphOf) (*resgraph.Document, error) {
	d := g[label]
	if d == nil || !d.isA(TypeDocument) {
		return nil, fmt.Errorf("label %s has no document node", label)
	}
	doc := &resgraph.Document{
		Symbol:        resgraph.Symbol(d.str(PSymbol)),
		Kind:          resgraph.DocKind(d.str(PKind)),
		Status:        resgraph.DocStatus(d.str(PStatus)),
		DraftSymbol:   resgraph.Symbol(d.str(PDraftSymbol)),
		AdoptedSymbol: resgraph.Symbol(d.str(PAdoptedSymbol)),
		Date:          d.str(PDate),
		Meeting:       d.str(PMeeting),
		Title:         d.str(PTitle),
		ChapterVII:    d.flag(PChapterVII),
		Language:      d.str(PLanguage),
		Source: resgraph.Source{
			File:   d.str(PSourceFile),
			Format: resgraph.Format(d.str(PSourceFormat)),
			SHA256: d.str(PSHA256),
		},
		Extractor:  d.str(PExtractor),
		Sponsors:   []string{},
		Paragraphs: []resgraph.Paragraph{},
		Actions:    []resgraph.Action{},
		References: []resgraph.Reference{},
	}

	var err error
	if err = d.list(PSponsors, &doc.Sponsors); err != nil {
		return nil, err
	}
	if doc.Warnings, err = d.strings(PWarnings); err != nil {
		return nil, err
	}
	if d.has(PVotesFor) {
		doc.Votes = &resgraph.Votes{For: d.num(PVotesFor), Against: d.num(PVotesAgainst), Abstaining: d.num(PVotesAbstain)}
	}

	type indexed struct {
		i int
		n *node
		s string
	}
	var paras, actions, refs, defs, subjects, votes, events []indexed
	for s, n := range g {
		types := n.props[RDFType]
		if len(types) == 0 {
			continue
		}
		x := indexed{n.num(PIndex), n, s}
		switch types[0] {
		case TypeParagraph:
			paras = append(paras, x)
		case TypeObligation, TypeStance, TypeSelf:
			actions = append(actions, x)
		case TypeReference:
			refs = append(refs, x)
		case TypeDefinition:
			defs = append(defs, x)
		case TypeSubject:
			subjects = append(subjects, x)
		case TypeVote:
			votes = append(votes, x)
		case TypeEvent:
			events = append(events, x)
		}
	}
	for _, l := range [][]indexed{paras, actions, refs, defs, subjects, votes, events} {
		sort.Slice(l, func(i, j int) bool { return l[i].i < l[j].i })
	}

	for _, x := range subjects {
		doc.Subjects = append(doc.Subjects, resgraph.Subject{
			Dictionary: x.n.str(PDictionary), Label: x.n.str(PLabel), IRI: x.n.str(PIRI),
		})
	}
	if doc.Votes != nil {
		for _, x := range votes {
			doc.Votes.Members = append(doc.Votes.Members, resgraph.MemberVote{Member: x.n.str(PMember), Vote: x.n.str(PVote)})
		}
	}

	doc.Paragraphs = make([]resgraph.Paragraph, 0, len(paras))
	for _, x := range paras {
		n := x.n
		p := resgraph.Paragraph{
			ID:      n.str(PParagraphID),
			Kind:    resgraph.ParaKind(n.str(PKind)),
			Number:  n.str(PNumber),
			Item:    n.str(PItem),
			Section: n.str(PSection),
			Lead:    n.str(PLead),
			Text:    n.str(PText),
			Start:   n.num(PStart),
			End:     n.num(PEnd),
			Line:    n.num(PLine),
			Column:  n.num(PColumn),
		}
		if p.Footnotes, err = n.strings(PFootnotes); err != nil {
			return nil, err
		}
		doc.Paragraphs = append(doc.Paragraphs, p)
	}
	paraOf := func(n *node) string { return paragraphOf(g, n) }

	doc.Actions = make([]resgraph.Action, 0, len(actions))
	for _, x := range actions {
		a, err := decodeAction(g, x.n)
		if err != nil {
			return nil, err
		}
		doc.Actions = append(doc.Actions, a)
	}

	doc.References = make([]resgraph.Reference, 0, len(refs))
	for _, x := range refs {
		n := x.n
		doc.References = append(doc.References, resgraph.Reference{
			Symbol:      resgraph.Symbol(n.str(PSymbol)),
			Relation:    n.str(PRelation),
			Paragraph:   n.str(PParagraphNumber),
			ParagraphID: paraOf(n),
			Target:      n.str(PTarget),
			Mention:     n.str(PMention),
			Start:       n.num(PStart),
			End:         n.num(PEnd),
		})
	}
	for _, x := range defs {
		n := x.n
		doc.Defined = append(doc.Defined, resgraph.Definition{
			Acronym:   n.str(PAcronym),
			Name:      n.str(PName),
			Actor:     actorIDOf(n.iri(PActor)),
			Paragraph: paraOf(n),
		})
	}
	for _, x := range events {
		n := x.n
		e := resgraph.MandateEvent{
			Type:        resgraph.EventType(n.str(PEventType)),
			Paragraph:   n.str(PParagraphNumber),
			ParagraphID: paraOf(n),
			Until:       n.str(PUntil),
			Duration:    n.str(PDuration),
			From:        n.str(PFrom),
			Text:        n.str(PText),
			Start:       n.num(PStart),
			End:         n.num(PEnd),
		}
		if e.Mandate, err = decodeMention(g[n.iri(PMandateMention)]); err != nil {
			return nil, fmt.Errorf("mandate event %d: %w", x.i, err)
		}
		if e.Changes, err = n.strings(PChanges); err != nil {
			return nil, err
		}
		doc.Events = append(doc.Events, e)
	}
	return doc, nil
}

// paragraphOf returns the id of the paragraph n links to.
func paragraphOf(g graphOf, n *node) string {
	if p := n.iri(PParagraph); p != "" {
		return g[p].str(PParagraphID)
	}
	return n.str(PParagraphID)
}

// decodeAction rebuilds an action from its node; g must hold its mention
// and paragraph nodes.
func decodeAction(g graphOf, n *node) (resgraph.Action, error) {
	a := resgraph.Action{
		Paragraph:    n.str(PParagraphNumber),
		ParagraphID:  paragraphOf(g, n),
		Item:         n.str(PItem),
		Kind:         resgraph.ActionKind(n.str(PKind)),
		Verb:         n.str(PVerb),
		VerbPhrase:   n.str(PVerbPhrase),
		Class:        resgraph.Class(n.str(PClass)),
		Target:       n.str(PTarget),
		Action:       n.str(PAction),
		Deadline:     n.str(PDeadline),
		DeadlineDate: n.str(PDeadlineDate),
		Recurrence:   n.str(PRecurrence),
		Duration:     n.str(PDuration),
		Until:        n.str(PUntil),
		Condition:    n.str(PCondition),
		ChapterVII:   n.flag(PChapterVII),
		Text:         n.str(PText),
		Start:        n.num(PStart),
		End:          n.num(PEnd),
	}
	var err error
	if a.Verbs, err = n.strings(PVerbs); err != nil {
		return a, err
	}
	if err = n.list(PMarks, &a.Marks); err != nil {
		return a, err
	}
	if m := n.iri(PAddresseeMention); m != "" {
		r, err := decodeMention(g[m])
		if err != nil {
			return a, err
		}
		a.Addressee = &r
	}
	if a.Partners, err = decodeMentions(g, n.props[PPartnerMention]); err != nil {
		return a, err
	}
	if a.Beneficiaries, err = decodeMentions(g, n.props[PBeneficiaryMention]); err != nil {
		return a, err
	}
	return a, nil
}

func decodeMention(m *node) (resgraph.ActorRef, error) {
	if m == nil {
		return resgraph.ActorRef{}, fmt.Errorf("dangling actor mention")
	}
	r := resgraph.ActorRef{
		ID:      actorIDOf(m.iri(PActor)),
		Name:    m.str(PName),
		Mention: m.str(PMention),
		Type:    resgraph.ActorType(m.str(PActorType)),
	}
	var err error
	r.Aliases, err = m.strings(PAliases)
	return r, err
}

func decodeMentions(g graphOf, ms []quad.Value) ([]resgraph.ActorRef, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	type ref struct {
		i int
		r resgraph.ActorRef
	}
	out := make([]ref, 0, len(ms))
	for _, v := range ms {
		iri, _ := v.(quad.IRI)
		m := g[string(iri)]
		r, err := decodeMention(m)
		if err != nil {
			return nil, err
		}
		out = append(out, ref{m.num(PIndex), r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].i < out[j].i })
	refs := make([]resgraph.ActorRef, len(out))
	for i, x := range out {
		refs[i] = x.r
	}
	return refs, nil
}

// decodeActors rebuilds the registry from the registry label's quads.
func decodeActors(g graphOf) ([]resgraph.Actor, error) {
	type indexed struct {
		i int
		a resgraph.Actor
	}
	var out []indexed
	for _, n := range g {
		if !n.isA(TypeActor) {
			continue
		}
		a := resgraph.Actor{
			ID:        resgraph.ActorID(n.str(PActorID)),
			Name:      n.str(PName),
			Type:      resgraph.ActorType(n.str(PActorType)),
			Sanctions: n.str(PSanctions),
			UNEntity:  n.str(PUNEntity),
			PartOf:    actorIDOf(n.iri(PPartOf)),
			LedBy:     actorIDOf(n.iri(PLedBy)),
			Successor: actorIDOf(n.iri(PSuccessor)),
			Note:      n.str(PNote),
		}
		var err error
		if a.Aliases, err = n.strings(PAliases); err != nil {
			return nil, err
		}
		out = append(out, indexed{n.num(PIndex), a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].i < out[j].i })
	actors := make([]resgraph.Actor, len(out))
	for i, x := range out {
		actors[i] = x.a
	}
	return actors, nil
}
