package query

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/resgraph/resgraph"
)

// builder holds what Build needs only while it builds.
type builder struct {
	s *Snapshot
	a *arena

	actorIdx map[resgraph.ActorID]int32 // final actor indexes (id order)
}

// Build indexes docs and actors into a new Snapshot. It neither modifies
// its arguments nor keeps any pointer into them: it copies what it keeps
// into its records, so the caller's documents and whatever they share
// (source files) can be changed or freed. Documents with the same symbol:
// the last one wins.
func Build(docs []*resgraph.Document, actors []resgraph.Actor) *Snapshot {
	s := &Snapshot{Built: time.Now()}
	b := &builder{s: s, a: newArena()}

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

	s.given = make([]actorRec, len(actors))
	for i := range actors {
		s.given[i] = b.actor(&actors[i])
	}
	b.collectActors(actors, kept)

	var nParas, nActions, nRefs, textBytes int
	for _, d := range kept {
		nParas += len(d.Paragraphs)
		nActions += len(d.Actions)
		nRefs += len(d.References)
		for i := range d.Paragraphs {
			textBytes += len(d.Paragraphs[i].Text)
		}
	}
	// The arena holds about half as much again as the paragraphs' texts
	// (the corpus: 39 MB for 26 MB).
	b.a.b.Grow(textBytes * 3 / 2)
	s.docRecs = make([]docRec, 0, len(kept))
	s.paraRecs = make([]paraRec, 0, nParas)
	s.actRecs = make([]actRec, 0, nActions)
	s.refRecs = make([]refRec, 0, nRefs)
	for _, d := range kept {
		b.document(d)
	}
	// Each step reads texts stored by the steps before it: s.text is
	// what the arena holds so far, then all of it.
	for _, step := range []func(){b.handles, b.symbols, b.orderActions, b.citations, b.actorLists,
		func() { s.words = buildTextIndex(s, b.a) },
		func() { s.graph = buildGraph(s, b.a) },
		func() { s.suggest = buildSuggestIndex(s, b.a) },
	} {
		s.text = b.a.text()
		step()
	}
	s.text = b.a.done()
	// From the snapshot's own copies, whose texts are parts of its arena
	// (not of the caller's documents), and once the arena is final.
	s.buildMandates(s.Source())
	return s
}

// strs stores a list of strings.
func (b *builder) strs(ss []string) list {
	from := len(b.s.strs)
	for _, x := range ss {
		b.s.strs = append(b.s.strs, b.a.put(x))
	}
	return listOf(b.s.strs, from, ss == nil)
}

// actor returns the record of a domain actor, its derived fields unset.
func (b *builder) actor(a *resgraph.Actor) actorRec {
	return actorRec{
		id: b.a.put(string(a.ID)), name: b.a.put(a.Name), typ: b.a.put(string(a.Type)),
		sanctions: b.a.put(a.Sanctions), unEntity: b.a.put(a.UNEntity), partOf: b.a.put(string(a.PartOf)),
		ledBy: b.a.put(string(a.LedBy)), successor: b.a.put(string(a.Successor)), note: b.a.put(a.Note), aliases: b.strs(a.Aliases),
		parent: -1, leader: -1,
	}
}

// collectActors makes the snapshot's actors: the registry's, then those
// only texts name, each from the first reference to it; and the names
// they are found by, each name's actors in the order first named.
func (b *builder) collectActors(registry []resgraph.Actor, docs []*resgraph.Document) {
	var all []resgraph.Actor
	byID := map[resgraph.ActorID]int32{}
	names := map[string][]int32{}
	var keys []string // in the order first added, for a stable build
	addName := func(name string, a int32) {
		k := nameKey(name)
		if k == "" || slices.Contains(names[k], a) {
			return
		}
		if names[k] == nil {
			keys = append(keys, k)
		}
		names[k] = append(names[k], a)
	}
	add := func(ra resgraph.Actor) int32 {
		if i, ok := byID[ra.ID]; ok {
			return i
		}
		if ra.Type == "" {
			ra.Type = resgraph.ActorUnknown
		}
		i := int32(len(all))
		all = append(all, ra)
		byID[ra.ID] = i
		addName(string(ra.ID), i)
		addName(ra.Name, i)
		for _, al := range ra.Aliases {
			addName(al, i)
		}
		return i
	}
	for _, ra := range registry {
		add(ra)
	}
	ref := func(r *resgraph.ActorRef) {
		if r == nil || r.ID == "" {
			return
		}
		i, ok := byID[r.ID]
		if !ok {
			name := cmp.Or(r.Name, r.Mention)
			i = add(resgraph.Actor{ID: r.ID, Name: name, Type: cmp.Or(r.Type, resgraph.ActorUnknown), Aliases: r.Aliases})
		}
		addName(r.Mention, i)
	}
	for _, d := range docs {
		for j := range d.Actions {
			ra := &d.Actions[j]
			ref(ra.Addressee)
			for k := range ra.Partners {
				ref(&ra.Partners[k])
			}
			for k := range ra.Beneficiaries {
				ref(&ra.Beneficiaries[k])
			}
		}
	}

	// Id order.
	order := make([]int32, len(all))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return cmp.Compare(all[x].ID, all[y].ID) })
	rank := make([]int32, len(all))
	s := b.s
	s.actorRecs = make([]actorRec, len(all))
	b.actorIdx = make(map[resgraph.ActorID]int32, len(all))
	ids := map[string]int32{}
	for r, i := range order {
		rank[i] = int32(r)
		s.actorRecs[r] = b.actor(&all[i])
		b.actorIdx[all[i].ID] = int32(r)
		ids[string(all[i].ID)] = int32(r)
	}
	s.actorByID = newKeyIndex(b.a, ids)
	s.actors = make([]Actor, len(all))
	s.actorList = make([]*Actor, len(all))
	for i := range s.actors {
		s.actors[i] = Actor{s: s, i: int32(i)}
		s.actorList[i] = &s.actors[i]
	}
	byName := make(map[string]list, len(names))
	for _, k := range keys {
		from := len(s.nameActors)
		for _, i := range names[k] {
			s.nameActors = append(s.nameActors, &s.actors[rank[i]])
		}
		byName[k] = listOf(s.nameActors, from, false)
	}
	s.actorByName = newKeyIndex(b.a, byName)
}

// document stores a document's records.
func (b *builder) document(d *resgraph.Document) {
	s, a := b.s, b.a
	di := int32(len(s.docRecs))
	r := docRec{
		symbol: a.put(string(d.Symbol)), kind: a.put(string(d.Kind)), status: a.put(string(d.Status)),
		draft: a.put(string(d.DraftSymbol)), adopted: a.put(string(d.AdoptedSymbol)), date: a.put(d.Date),
		meeting: a.put(d.Meeting), title: a.put(d.Title), language: a.put(d.Language),
		file: a.put(d.Source.File), format: a.put(string(d.Source.Format)), sha256: a.put(d.Source.SHA256), extractor: a.put(d.Extractor),
		chapterVII: d.ChapterVII, sponsors: b.strs(d.Sponsors), warnings: b.strs(d.Warnings),
		members: nilList,
	}
	if len(d.Date) >= 4 {
		y, _ := strconv.Atoi(d.Date[:4])
		r.year = i32(y)
	}
	if v := d.Votes; v != nil {
		r.hasVotes = true
		r.votesFor, r.votesAgainst, r.votesAbstaining = i32(v.For), i32(v.Against), i32(v.Abstaining)
		from := len(s.members)
		for _, m := range v.Members {
			s.members = append(s.members, memberRec{member: a.put(m.Member), vote: a.put(m.Vote)})
		}
		r.members = listOf(s.members, from, v.Members == nil)
	}
	from := len(s.subjects)
	for _, x := range d.Subjects {
		s.subjects = append(s.subjects, subjectRec{dictionary: a.put(x.Dictionary), label: a.put(x.Label), iri: a.put(x.IRI)})
	}
	r.subjects = listOf(s.subjects, from, d.Subjects == nil)
	from = len(s.defined)
	for _, x := range d.Defined {
		s.defined = append(s.defined, definitionRec{acronym: a.put(x.Acronym), name: a.put(x.Name), actor: a.put(string(x.Actor)), paragraph: a.put(x.Paragraph)})
	}
	r.defined = listOf(s.defined, from, d.Defined == nil)
	from = len(s.events)
	for i := range d.Events {
		x := &d.Events[i]
		s.events = append(s.events, eventRec{
			typ: a.put(string(x.Type)), paragraph: a.put(x.Paragraph), paragraphID: a.put(x.ParagraphID),
			until: a.put(x.Until), duration: a.put(x.Duration), from: a.put(x.From), changes: b.strs(x.Changes),
			start: i32(x.Start), end: i32(x.End),
		})
	}
	r.events = listOf(s.events, from, d.Events == nil)

	from = len(s.paraRecs)
	paraByID := make(map[string]int32, len(d.Paragraphs)) // the last of an id wins
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		paraByID[p.ID] = int32(len(s.paraRecs))
		s.paraRecs = append(s.paraRecs, paraRec{
			id: a.put(p.ID), kind: a.put(string(p.Kind)), number: a.put(p.Number), item: a.put(p.Item),
			section: a.put(p.Section), lead: a.put(p.Lead), text: a.put(p.Text),
			start: i32(p.Start), end: i32(p.End), line: i32(p.Line), column: i32(p.Column),
			footnotes: b.strs(p.Footnotes), doc: di,
		})
	}
	r.paras = listOf(s.paraRecs, from, d.Paragraphs == nil)
	paraOf := func(id string) int32 {
		if i, ok := paraByID[id]; ok {
			return i
		}
		return -1
	}
	textOf := func(para int32) str {
		if para < 0 {
			return str{}
		}
		return s.paraRecs[para].text
	}
	for i, j := 0, r.events.off; i < len(d.Events); i, j = i+1, j+1 {
		x, e := &d.Events[i], &s.events[j]
		e.text = a.putIn(x.Text, textOf(paraOf(x.ParagraphID)), x.Start)
		e.mandate = b.actorRef(&x.Mandate)
	}

	from = len(s.actRecs)
	for i := range d.Actions {
		x := &d.Actions[i]
		para := paraOf(x.ParagraphID)
		in := textOf(para)
		ar := actRec{
			paragraph: a.put(x.Paragraph), paragraphID: a.put(x.ParagraphID), item: a.put(x.Item),
			kind: a.put(string(x.Kind)), verb: a.put(x.Verb), verbPhrase: a.put(x.VerbPhrase), class: a.put(string(x.Class)),
			target: a.putIn(x.Target, in, -1), action: a.putIn(x.Action, in, -1), deadline: a.putIn(x.Deadline, in, -1),
			deadlineDate: a.put(x.DeadlineDate), recurrence: a.put(x.Recurrence), duration: a.putIn(x.Duration, in, -1),
			until: a.put(x.Until), condition: a.putIn(x.Condition, in, -1), text: a.putIn(x.Text, in, x.Start),
			start: i32(x.Start), end: i32(x.End), chapterVII: x.ChapterVII, verbs: b.strs(x.Verbs),
			addressee: -1, actor: -1, doc: di, para: para, clause: i32(i),
		}
		if x.Addressee != nil {
			ar.addressee = b.actorRef(x.Addressee)
			ar.actor = s.actorRefs[ar.addressee].actor
		}
		ar.partners = b.actorRefs(x.Partners)
		ar.beneficiaries = b.actorRefs(x.Beneficiaries)
		mfrom := len(s.marks)
		for _, m := range x.Marks {
			s.marks = append(s.marks, markRec{role: a.put(m.Role), start: i32(m.Start), end: i32(m.End)})
		}
		ar.marks = listOf(s.marks, mfrom, x.Marks == nil)
		s.actRecs = append(s.actRecs, ar)
	}
	r.actions = listOf(s.actRecs, from, d.Actions == nil)

	from = len(s.refRecs)
	for i := range d.References {
		x := &d.References[i]
		in := textOf(paraOf(x.ParagraphID))
		s.refRecs = append(s.refRecs, refRec{
			symbol: a.put(string(x.Symbol)), relation: a.put(x.Relation), paragraph: a.put(x.Paragraph),
			paragraphID: a.put(x.ParagraphID), target: a.put(x.Target), mention: a.putIn(x.Mention, in, x.Start),
			start: i32(x.Start), end: i32(x.End),
		})
	}
	r.refs = listOf(s.refRecs, from, d.References == nil)
	s.docRecs = append(s.docRecs, r)
}

// actorRef stores a reference to an actor and returns its index.
func (b *builder) actorRef(r *resgraph.ActorRef) int32 {
	rec := actorRefRec{
		id: b.a.put(string(r.ID)), name: b.a.put(r.Name), mention: b.a.put(r.Mention), typ: b.a.put(string(r.Type)),
		aliases: b.strs(r.Aliases), actor: -1,
	}
	if i, ok := b.actorIdx[r.ID]; ok && r.ID != "" {
		rec.actor = i // every action's reference has one (collectActors); a mandate's may not
	}
	b.s.actorRefs = append(b.s.actorRefs, rec)
	return int32(len(b.s.actorRefs) - 1)
}

// actorRefs stores references to actors (handles resolves their actors).
func (b *builder) actorRefs(rs []resgraph.ActorRef) list {
	from := len(b.s.actorRefs)
	for i := range rs {
		b.actorRef(&rs[i])
	}
	return listOf(b.s.actorRefs, from, rs == nil)
}

// handles makes the handles and the snapshot-order views.
func (b *builder) handles() {
	s := b.s
	s.docs = make([]Document, len(s.docRecs))
	s.docList = make([]*Document, len(s.docRecs))
	for i := range s.docs {
		s.docs[i] = Document{s: s, i: int32(i)}
		s.docList[i] = &s.docs[i]
	}
	s.paras = make([]Paragraph, len(s.paraRecs))
	s.paraList = make([]*Paragraph, len(s.paraRecs))
	for i := range s.paras {
		s.paras[i] = Paragraph{s: s, i: int32(i)}
		s.paraList[i] = &s.paras[i]
	}
	s.acts = make([]Obligation, len(s.actRecs))
	for i := range s.acts {
		s.acts[i] = Obligation{s: s, i: int32(i)}
	}
	// Each action's partners' and beneficiaries' actors, from their
	// references (a reference without an id names no actor).
	resolve := func(refs list) list {
		from := len(s.actorLists)
		for _, r := range of(s.actorRefs, refs) {
			if r.actor >= 0 {
				s.actorLists = append(s.actorLists, &s.actors[r.actor])
			}
		}
		return listOf(s.actorLists, from, false)
	}
	for i := range s.actRecs {
		ar := &s.actRecs[i]
		ar.partnerActors = resolve(ar.partners)
		ar.beneficiaryActors = resolve(ar.beneficiaries)
	}
}

// symbols indexes the documents by symbol: a document's own symbol wins
// over another's draft or adopted symbol (a draft and its resolution may
// both be loaded).
func (b *builder) symbols() {
	s := b.s
	m := make(map[string]int32, 2*len(s.docs))
	for i := range s.docs {
		for _, sym := range s.docs[i].Symbols()[1:] {
			if k := symbolKey(string(sym)); !has(m, k) {
				m[k] = int32(i)
			}
		}
	}
	for i := range s.docs {
		m[symbolKey(s.docs[i].SymbolString())] = int32(i)
	}
	s.docBySymbol = newKeyIndex(b.a, m)
}

func has[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// orderActions puts directives, tasks and stances in snapshot order
// (date, document, paragraph, clause) and builds their indexes.
func (b *builder) orderActions() {
	s := b.s
	for i := range s.actRecs {
		switch resgraph.ActionKind(s.str(s.actRecs[i].kind)) {
		case resgraph.ActionDirective, resgraph.ActionTask:
			s.obligationActs = append(s.obligationActs, int32(i))
		case resgraph.ActionStance:
			s.stanceActs = append(s.stanceActs, int32(i))
		}
	}
	// Documents are in snapshot order already, and so are their actions
	// in the arrays: a document's actions stay together.
	byKey := func(x, y int32) int {
		p, q := &s.actRecs[x], &s.actRecs[y]
		return cmp.Or(cmp.Compare(p.doc, q.doc), cmp.Compare(s.paraOrder(p.para), s.paraOrder(q.para)), cmp.Compare(p.clause, q.clause))
	}
	slices.SortStableFunc(s.obligationActs, byKey)
	slices.SortStableFunc(s.stanceActs, byKey)

	s.obligations = make([]*Obligation, len(s.obligationActs))
	s.stances = make([]*Obligation, len(s.stanceActs))
	byActor := make([][]int32, len(s.actors))
	stancesOf := make([][]int32, len(s.actors))
	verbs, classes, years := map[string][]int32{}, map[string][]int32{}, map[int32][]int32{}
	notAdopted := func(ar *actRec) bool {
		return resgraph.DocStatus(s.str(s.docRecs[ar.doc].status)) == resgraph.StatusNotAdopted
	}
	for seq, ai := range s.obligationActs {
		ar := &s.actRecs[ai]
		ar.seq = int32(seq)
		s.obligations[seq] = &s.acts[ai]
		if notAdopted(ar) {
			// A draft that failed: its document lists its obligations, no
			// index or actor does (ObligationFilter.Status asks for them).
			continue
		}
		if ar.actor >= 0 {
			byActor[ar.actor] = append(byActor[ar.actor], int32(seq))
		}
		for _, v := range s.acts[ai].verbsFoundBy() {
			verbs[v] = append(verbs[v], int32(seq))
		}
		c := lower(s.str(ar.class))
		classes[c] = append(classes[c], int32(seq))
		y := s.docRecs[ar.doc].year
		years[y] = append(years[y], int32(seq))
	}
	for seq, ai := range s.stanceActs {
		ar := &s.actRecs[ai]
		ar.seq = int32(seq)
		s.stances[seq] = &s.acts[ai]
		if ar.actor >= 0 && !notAdopted(ar) {
			stancesOf[ar.actor] = append(stancesOf[ar.actor], int32(seq))
		}
	}
	// A document's obligations and stances are runs of the lists.
	runs := func(acts []int32, set func(*docRec, list)) {
		for lo := 0; lo < len(acts); {
			d := s.actRecs[acts[lo]].doc
			hi := lo + 1
			for hi < len(acts) && s.actRecs[acts[hi]].doc == d {
				hi++
			}
			set(&s.docRecs[d], list{off: uint32(lo), n: uint32(hi - lo)})
			lo = hi
		}
	}
	for i := range s.docRecs {
		s.docRecs[i].obligations, s.docRecs[i].stances = list{}, list{}
	}
	runs(s.obligationActs, func(d *docRec, l list) { d.obligations = l })
	runs(s.stanceActs, func(d *docRec, l list) { d.stances = l })

	for i := range s.actorRecs {
		ar := &s.actorRecs[i]
		from := len(s.actorSeqs)
		for _, seq := range byActor[i] {
			s.actorSeqs = append(s.actorSeqs, seq)
			s.actorObligations = append(s.actorObligations, s.obligations[seq])
		}
		ar.obligations = listOf(s.actorSeqs, from, false)
		from = len(s.actorStances)
		for _, seq := range stancesOf[i] {
			s.actorStances = append(s.actorStances, s.stances[seq])
		}
		ar.stances = listOf(s.actorStances, from, false)
	}
	postings := func(m map[string][]int32) map[string]list {
		out := make(map[string]list, len(m))
		for k, seqs := range m {
			from := len(s.postings)
			s.postings = append(s.postings, seqs...)
			out[k] = listOf(s.postings, from, false)
		}
		return out
	}
	s.byVerb = newKeyIndex(b.a, postings(verbs))
	s.byClass = newKeyIndex(b.a, postings(classes))
	s.byYear = make(map[int32]list, len(years))
	for y, seqs := range years {
		from := len(s.postings)
		s.postings = append(s.postings, seqs...)
		s.byYear[y] = listOf(s.postings, from, false)
	}
}

// paraOrder returns a paragraph's position in its document, -1 for none.
func (s *Snapshot) paraOrder(p int32) int {
	if p < 0 {
		return -1
	}
	return int(p - int32(s.docRecs[s.paraRecs[p].doc].paras.off))
}

// citations resolves the references to other documents, and lists them
// by citing and by cited document (each in snapshot order).
func (b *builder) citations() {
	s := b.s
	for di := range s.docRecs {
		d := &s.docRecs[di]
		from := len(s.citeRecs)
		lo, hi := d.refs.bounds()
		paraByID := map[string]int32{}
		plo, phi := d.paras.bounds()
		for p := plo; p < phi; p++ {
			paraByID[s.str(s.paraRecs[p].id)] = int32(p)
		}
		for ri := lo; ri < hi; ri++ {
			r := &s.refRecs[ri]
			if r.symbol.n == 0 || r.target.n != 0 {
				continue // a reference to a paragraph of the same document
			}
			to, ok := s.docBySymbol.get(s.text, symbolKey(s.str(r.symbol)))
			if !ok {
				to = -1
			}
			if to == int32(di) {
				continue
			}
			para, ok := paraByID[s.str(r.paragraphID)]
			if !ok {
				para = -1
			}
			s.citeRecs = append(s.citeRecs, citeRec{ref: int32(ri), from: int32(di), para: para, to: to})
		}
		d.citesOut = listOf(s.citeRecs, from, false)
	}
	s.cites = make([]Citation, len(s.citeRecs))
	s.citeOut = make([]*Citation, len(s.citeRecs))
	for i := range s.cites {
		s.cites[i] = Citation{s: s, i: int32(i)}
		s.citeOut[i] = &s.cites[i]
	}
	// Cited-by lists: grouped by the cited document, each in the order
	// of the citations.
	count := make([]int, len(s.docRecs)+1)
	for _, c := range s.citeRecs {
		if c.to >= 0 {
			count[c.to+1]++
		}
	}
	for i := range s.docRecs {
		count[i+1] += count[i]
	}
	s.citeIn = make([]*Citation, count[len(s.docRecs)])
	for i := range s.docRecs {
		s.docRecs[i].citesIn = list{off: uint32(count[i]), n: uint32(count[i+1] - count[i])}
	}
	next := slices.Clone(count[:len(s.docRecs)])
	for i, c := range s.citeRecs {
		if c.to >= 0 {
			s.citeIn[next[c.to]] = &s.cites[i]
			next[c.to]++
		}
	}
}

// actorLists makes each actor's parts, parent, leader and documents.
func (b *builder) actorLists() {
	s := b.s
	actorOf := func(id str) int32 {
		if id.n == 0 {
			return -1
		}
		if i, ok := b.actorIdx[resgraph.ActorID(s.str(id))]; ok {
			return i
		}
		return -1
	}
	parts := make([][]int32, len(s.actorRecs))
	for i := range s.actorRecs {
		a := &s.actorRecs[i]
		if p := actorOf(a.partOf); p >= 0 {
			parts[p] = append(parts[p], int32(i))
			a.parent = p
		}
		a.leader = actorOf(a.ledBy)
	}
	// The documents naming each actor (as addressee, partner or
	// beneficiary), in snapshot order.
	docs := make([][]int32, len(s.actorRecs))
	for di := range s.docRecs {
		lo, hi := s.docRecs[di].actions.bounds()
		for ai := lo; ai < hi; ai++ {
			ar := &s.actRecs[ai]
			name := func(a int32) {
				if a >= 0 && (len(docs[a]) == 0 || docs[a][len(docs[a])-1] != int32(di)) {
					docs[a] = append(docs[a], int32(di))
				}
			}
			name(ar.actor)
			for _, a := range of(s.actorLists, ar.partnerActors) {
				name(a.i)
			}
			for _, a := range of(s.actorLists, ar.beneficiaryActors) {
				name(a.i)
			}
		}
	}
	for i := range s.actorRecs {
		a := &s.actorRecs[i]
		from := len(s.actorLists)
		for _, p := range parts[i] {
			s.actorLists = append(s.actorLists, &s.actors[p])
		}
		a.parts = listOf(s.actorLists, from, false)
		from = len(s.actorDocs)
		for _, d := range docs[i] {
			s.actorDocs = append(s.actorDocs, &s.docs[d])
		}
		a.documents = listOf(s.actorDocs, from, false)
	}
}
