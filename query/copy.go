package query

import "github.com/resgraph/resgraph"

// Copies of the snapshot's records as domain values, for Source and the
// Copy methods: each call makes new slices and structs, the caller's to
// keep or change. Their strings are parts of the snapshot's arena (a
// string is never written, so sharing it is safe; it keeps the arena
// alive while held). TestSourceIsWhatWasBuilt holds these to the
// documents Build was given, field by field.

// Copy returns the document as a domain value of the caller's own.
func (d *Document) Copy() *resgraph.Document {
	s, r := d.s, d.rec()
	out := &resgraph.Document{
		Symbol: d.Symbol(), Kind: d.Kind(), Status: d.Status(), DraftSymbol: d.DraftSymbol(),
		AdoptedSymbol: d.AdoptedSymbol(), Date: d.Date(), Meeting: d.Meeting(), Title: d.Title(),
		Sponsors: d.Sponsors(), Votes: d.Votes(), ChapterVII: r.chapterVII, Subjects: d.Subjects(),
		Language: d.Language(), Source: d.Source(), Extractor: d.Extractor(), Defined: d.Defined(), Events: d.Events(), Warnings: d.Warnings(),
	}
	if !r.paras.isNil() {
		out.Paragraphs = make([]resgraph.Paragraph, r.paras.n)
		lo, _ := r.paras.bounds()
		for i := range out.Paragraphs {
			out.Paragraphs[i] = s.paras[lo+i].Copy()
		}
	}
	if !r.actions.isNil() {
		out.Actions = make([]resgraph.Action, r.actions.n)
		lo, _ := r.actions.bounds()
		for i := range out.Actions {
			out.Actions[i] = s.acts[lo+i].Copy()
		}
	}
	if !r.refs.isNil() {
		out.References = make([]resgraph.Reference, r.refs.n)
		for i, x := range of(s.refRecs, r.refs) {
			out.References[i] = resgraph.Reference{
				Symbol: resgraph.Symbol(s.str(x.symbol)), Relation: s.str(x.relation), Paragraph: s.str(x.paragraph),
				ParagraphID: s.str(x.paragraphID), Target: s.str(x.target), Mention: s.str(x.mention),
				Start: int(x.start), End: int(x.end),
			}
		}
	}
	return out
}

// Copy returns the paragraph as a domain value of the caller's own.
func (p *Paragraph) Copy() resgraph.Paragraph {
	r := p.rec()
	return resgraph.Paragraph{
		ID: p.ID(), Kind: p.Kind(), Number: p.Number(), Item: p.Item(), Section: p.Section(), Lead: p.Lead(),
		Text: p.Text(), Start: int(r.start), End: int(r.end), Line: int(r.line), Column: int(r.column),
		Footnotes: p.Footnotes(),
	}
}

// Copy returns the action as extracted, a domain value of the caller's own.
func (o *Obligation) Copy() resgraph.Action {
	s, r := o.s, o.rec()
	out := resgraph.Action{
		Paragraph: o.ParagraphNumber(), ParagraphID: o.ParagraphID(), Item: o.Item(), Kind: o.Kind(),
		Verb: o.Verb(), VerbPhrase: o.VerbPhrase(), Verbs: o.Verbs(), Class: o.Class(),
		Target: o.Target(), Action: o.ActionText(),
		Partners: s.actorRefsCopy(r.partners), Beneficiaries: s.actorRefsCopy(r.beneficiaries),
		Deadline: o.Deadline(), DeadlineDate: o.DeadlineDate(), Recurrence: o.Recurrence(), Duration: o.Duration(),
		Until: o.Until(), Condition: o.Condition(), ChapterVII: r.chapterVII, Text: o.Text(),
		Start: int(r.start), End: int(r.end), Marks: o.Marks(),
	}
	if r.addressee >= 0 {
		a := s.actorRefCopy(&s.actorRefs[r.addressee])
		out.Addressee = &a
	}
	return out
}

func (s *Snapshot) actorRefCopy(r *actorRefRec) resgraph.ActorRef {
	return resgraph.ActorRef{ID: resgraph.ActorID(s.str(r.id)), Name: s.str(r.name), Mention: s.str(r.mention),
		Type: resgraph.ActorType(s.str(r.typ)), Aliases: s.strings(r.aliases)}
}

func (s *Snapshot) actorRefsCopy(l list) []resgraph.ActorRef {
	if l.isNil() {
		return nil
	}
	out := make([]resgraph.ActorRef, l.n)
	for i := range out {
		out[i] = s.actorRefCopy(&s.actorRefs[int(l.off)+i])
	}
	return out
}

func (s *Snapshot) actorCopy(r *actorRec) resgraph.Actor {
	return resgraph.Actor{
		ID: resgraph.ActorID(s.str(r.id)), Name: s.str(r.name), Type: resgraph.ActorType(s.str(r.typ)),
		Aliases: s.strings(r.aliases), Sanctions: s.str(r.sanctions), UNEntity: s.str(r.unEntity),
		PartOf: resgraph.ActorID(s.str(r.partOf)), LedBy: resgraph.ActorID(s.str(r.ledBy)),
		Successor: resgraph.ActorID(s.str(r.successor)), Note: s.str(r.note),
	}
}
