package loader

import (
	"fmt"
	"strings"

	"github.com/resgraph/resgraph"
)

// Extractor finds a document's actions, references and definitions.
//
// Classes maps a directive verb lemma ("urges", "calls upon") to its class;
// NewExtractor fills it with DefaultClasses, and a caller may replace or edit
// it (LoadClasses reads data/classes.yaml or a user's file). A directive verb
// missing from the map gets ClassStrongRecommend.
type Extractor struct {
	Registry *Registry
	Classes  map[string]resgraph.Class
	// Debug, when set, is called for every operative paragraph led by a
	// directive verb that yields no directive, with the reason.
	Debug func(doc *resgraph.Document, p *resgraph.Paragraph, reason string)
}

// NewExtractor returns an Extractor resolving actors against reg, with the
// default verb classes.
func NewExtractor(reg *Registry) *Extractor {
	return &Extractor{Registry: reg, Classes: DefaultClasses()}
}

// Extract fills doc.Actions, doc.Events, doc.References and doc.Defined,
// and records the extractor's Version in doc.Extractor.
func (x *Extractor) Extract(doc *resgraph.Document) {
	doc.Extractor = Version
	defs := FindDefinitions(doc)
	if x.Registry != nil {
		x.Registry.ResolveDefinitions(defs)
	}
	doc.Defined = defs
	doc.References = FindReferences(doc)
	if doc.References == nil {
		doc.References = []resgraph.Reference{}
	}
	st := &exState{x: x, doc: doc, defs: defs}
	doc.Actions = st.run()
	if doc.Actions == nil {
		doc.Actions = []resgraph.Action{}
	}
	doc.Events = st.mandateEvents()
}

// addr is one resolved addressee with its span in the paragraph text.
type addr struct {
	ref        resgraph.ActorRef
	start, end int
}

// listCtx is what a paragraph's sub-items inherit from it.
type listCtx struct {
	task      bool // items are tasks of addrs
	strong    bool // the intro says so ("the following tasks", "mandate", "shall:"): noun-phrase items are tasks too
	addrs     []addr
	verb      string
	phrase    string
	verbs     []string
	class     resgraph.Class
	cont      []verbEntry // items continue a verb with no object ("Demands:")
	contPhase string
}

// exState is the state of one document's extraction.
type exState struct {
	x       *Extractor
	doc     *resgraph.Document
	defs    []resgraph.Definition
	lists   map[string]*listCtx // by paragraph id
	parents map[string]bool     // ids of paragraphs that have sub-items
	prev    []addr              // addressees of the last directive (for "them")
	prevAll []addr              // every addressee of this paragraph
	lastAll []addr              // every addressee of the previous paragraph
	sibling *listCtx            // a numbered intro whose tasks follow as sibling paragraphs
	out     []resgraph.Action
	ctx     map[string]*resgraph.ActorRef // generic mentions resolved in the document's context, by kind

	state     string // the State the document is about (docState), once stateDone
	stateDone bool

	mandate     *resgraph.ActorRef // the mandate holder the document is about (docMandate), once mandateDone
	mandateDone bool
	mission     *resgraph.ActorRef // docMission's fallback, once missionDone
	missionDone bool
}

func (s *exState) run() []resgraph.Action {
	s.lists = map[string]*listCtx{}
	s.parents = map[string]bool{}
	for i := range s.doc.Paragraphs {
		if id := parentID(s.doc.Paragraphs[i].ID); id != "" {
			s.parents[id] = true
		}
	}
	for i := range s.doc.Paragraphs {
		p := &s.doc.Paragraphs[i]
		if p.Kind != resgraph.ParaOperative {
			continue
		}
		before := len(s.out)
		s.safeParagraph(p)
		s.unify(before)
	}
	return s.out
}

// safeParagraph extracts one paragraph; a bug in the grammar costs that
// paragraph's actions and a warning, never the document.
func (s *exState) safeParagraph(p *resgraph.Paragraph) {
	n := len(s.out)
	defer func() {
		if r := recover(); r != nil {
			s.out = s.out[:n]
			s.warn("extract: internal error in paragraph %s (please report): %v", p.ID, r)
			s.debug(p, fmt.Sprintf("internal error: %v", r))
		}
	}()
	s.paragraph(p)
}

// parentID returns the id of a sub-item's parent: "op9(a)(i)" -> "op9(a)".
func parentID(id string) string {
	if !strings.HasSuffix(id, ")") {
		return ""
	}
	if k := strings.LastIndexByte(id, '('); k > 0 {
		return id[:k]
	}
	return ""
}

func (s *exState) paragraph(p *resgraph.Paragraph) {
	text := p.Text
	toks := tokenize(text)
	if len(toks) == 0 {
		return
	}
	clauses := segment(toks)
	ownVerb := len(clauses) > 0 && (clauses[0].vStart == toks[0].start || openingVerb(toks) < len(toks) && clauses[0].vStart == toks[openingVerb(toks)].start)
	if p.Item != "" {
		if ctx := s.lists[parentID(p.ID)]; ctx != nil && !ownVerb {
			switch {
			case ctx.task:
				s.item(p, toks, ctx)
			case ctx.cont != nil:
				s.contItem(p, toks, ctx)
			}
			return
		}
		if !ownVerb {
			return
		}
	} else {
		if !ownVerb && p.Lead == "" && s.sibling != nil && startsTask(toks) {
			s.item(p, toks, s.sibling)
			return
		}
		if !ownVerb && p.Lead == "" && s.sibling != nil && len(toks) < 40 && !strings.HasSuffix(strings.TrimSpace(text), ";") {
			return // a heading inside a list of tasks numbered as paragraphs
		}
		s.sibling = nil
	}
	if !ownVerb && p.Item == "" {
		if c, subj, ok := passiveAt(toks, clauses); ok && s.passive(p, toks, c, 0, subj) {
			var later []clause // the clauses after the passive one
			for _, k := range clauses {
				if k.vStart > c.vEnd {
					later = append(later, k)
				}
			}
			clauses = later
			if len(clauses) == 0 {
				return
			}
		}
	}
	if len(clauses) == 0 {
		if p.Lead != "" {
			s.debug(p, "no operative verb recognized: lead "+p.Lead)
		}
		return
	}
	if p.Item == "" && len(s.prevAll) > 0 {
		s.lastAll, s.prevAll = s.prevAll, nil
	}
	directives := 0
	var last []resgraph.Action
	for ci, c := range clauses {
		acts := s.clause(p, toks, c)
		for _, a := range acts {
			if a.Kind == resgraph.ActionDirective && a.Addressee != nil {
				directives++
			}
		}
		s.out = append(s.out, acts...)
		if ci == len(clauses)-1 {
			last = acts
		}
	}
	// "... of the region. In particular, States are encouraged to ...": a
	// passive sentence inside the paragraph
	for k := 1; k+3 < len(toks); k++ {
		if toks[k-1].text != "." || toks[k].depth > 0 || !toks[k].upper || councilSubject(toks, k) > 0 {
			continue
		}
		from := k
		if n := shortAdverbial(toks, k, len(toks)); n > 0 && n <= 4 {
			from = k + n // "In particular, States are ..."
		}
		if c, subj, ok := passiveFrom(toks, from, clauses); ok && s.actorLike(toks, from, subj) {
			if s.passive(p, toks, c, from, subj) {
				directives++
			}
		}
	}
	if directives == 0 && isDirectiveLead(clauses[0]) {
		s.debug(p, "directive verb with no addressee: "+strings.ToLower(text[clauses[0].vStart:clauses[0].vEnd]))
	}
	// a list after the last clause: tasks of its addressee, or items continuing its verb
	trimmed := strings.TrimSpace(text)
	if strings.HasSuffix(trimmed, ":") || strings.HasSuffix(trimmed, "—") || s.hasItems(p) {
		c := clauses[len(clauses)-1]
		if lc := s.listContext(toks, text, c, last); lc != nil {
			s.lists[p.ID] = lc
			if p.Item == "" && lc.task && strings.HasSuffix(trimmed, ":") {
				s.sibling = lc
			}
		}
	}
}

// passive emits the directive of a passive clause c whose subject is
// toks[from:subj] ("Member States are urged to contribute"); it reports
// whether the subject named an actor.
func (s *exState) passive(p *resgraph.Paragraph, toks []ctok, c clause, from, subj int) bool {
	for from < subj && !toks[from].word {
		from++ // an opening quote
	}
	if !s.actorLike(toks, from, subj) {
		return false
	}
	addrs := s.addressees(p.Text, toks, from, subj)
	if len(addrs) == 0 {
		return false
	}
	if from == 0 && len(s.prevAll) > 0 {
		s.lastAll, s.prevAll = s.prevAll, nil
	}
	base := resgraph.Action{
		Paragraph: p.Number, ParagraphID: p.ID, Verb: c.verbs[0].lemma, VerbPhrase: c.phrase, Verbs: []string{c.verbs[0].lemma},
		Kind: resgraph.ActionDirective, Class: s.class(c.verbs[0].lemma),
		ChapterVII: s.doc.ChapterVII, Start: c.start, End: c.end, Text: p.Text[c.start:c.end],
		Marks: []resgraph.Mark{{Role: "verb", Start: c.vStart, End: c.vEnd}},
	}
	s.out = append(s.out, s.emit(p, toks, c, base, addrs, c.first, nil)...)
	return true
}

// passiveVerbs map a passive participle to its directive lemma: "are
// urged to" is "urges".
var passiveVerbs = map[string]string{
	"urged": "urges", "requested": "requests", "called": "calls upon", "encouraged": "encourages", "invited": "invites",
	"authorized": "authorizes", "authorised": "authorises", "directed": "directs", "required": "requires",
}

// passiveAt finds "X is/are [adverbs] urged/requested/called upon ... to"
// in a paragraph's first sentence: the clause from the participle, and the
// end of the subject X.
func passiveAt(toks []ctok, clauses []clause) (c clause, subj int, ok bool) {
	return passiveFrom(toks, 0, clauses)
}

// passiveFrom is passiveAt for a sentence starting at toks[from].
func passiveFrom(toks []ctok, from int, clauses []clause) (c clause, subj int, ok bool) {
	for j := from + 1; j < len(toks) && j < from+30; j++ {
		t := toks[j]
		if t.text == ";" || t.text == "." || t.text == ":" {
			return c, 0, false
		}
		if t.depth > 0 || t.lower != "are" && t.lower != "is" {
			continue
		}
		k := j + 1
		for k < len(toks) && (isAdverbLy(toks[k].lower) || toks[k].lower == "also" || toks[k].lower == "further" || toks[k].lower == "again" || toks[k].lower == "hereby") {
			k++
		}
		if k >= len(toks) {
			return c, 0, false
		}
		lemma, found := passiveVerbs[toks[k].lower]
		if !found {
			return c, 0, false
		}
		e := k + 1
		if toks[k].lower == "called" {
			if e >= len(toks) || toks[e].lower != "upon" && toks[e].lower != "on" {
				return c, 0, false
			}
			e++
		}
		if !infinitiveAt(toks, e, len(toks)) {
			return c, 0, false
		}
		c = clause{start: toks[j+1].start, vStart: toks[j+1].start, vEnd: toks[e-1].end, first: e, last: len(toks), end: toks[len(toks)-1].end,
			verbs: []verbEntry{{words: []string{toks[k].lower}, lemma: lemma, kind: vkDirective}}}
		for _, n := range clauses {
			if n.vStart > c.vEnd { // a later clause ends this one
				c.last = clauseCut(toks, n)
				c.end = toks[c.last-1].end
				break
			}
		}
		c.phrase = strings.ToLower(toks[k].text)
		return c, j, true
	}
	return c, 0, false
}

// contItem parses a sub-item that continues its parent's bare verb:
// "Demands: (a) That all parties ...", "Calls upon: (a) The Government to".
func (s *exState) contItem(p *resgraph.Paragraph, toks []ctok, ctx *listCtx) {
	c := clause{verbs: ctx.cont, phrase: ctx.contPhase, first: 0, last: len(toks), end: toks[len(toks)-1].end}
	acts := s.clause(p, toks, c)
	for i := range acts {
		acts[i].Marks = acts[i].Marks[1:] // the verb is in the parent
	}
	s.out = append(s.out, acts...)
}

// hasItems reports whether the paragraph has sub-items in the document.
func (s *exState) hasItems(p *resgraph.Paragraph) bool { return s.parents[p.ID] }

func isDirectiveLead(c clause) bool {
	for _, v := range c.verbs {
		if v.kind == vkDirective {
			return true
		}
	}
	return false
}

func (s *exState) debug(p *resgraph.Paragraph, reason string) {
	if s.x.Debug != nil {
		s.x.Debug(s.doc, p, reason)
	}
}

// startsTask reports whether a paragraph opens like a task: "To support
// ...", "In support of the authorities, to contribute ...".
func startsTask(toks []ctok) bool {
	for i := 0; i < len(toks) && i < 30; i++ {
		if toks[i].lower == "to" && (i == 0 || toks[i-1].text == ",") && i+1 < len(toks) &&
			infinitiveAt([]ctok{{lower: "to", word: true}, lowerCopy(toks[i+1])}, 0, 2) {
			return true
		}
		if toks[i].text == ";" || toks[i].text == ":" {
			break
		}
	}
	return false
}

func lowerCopy(t ctok) ctok { t.upper = false; return t }

// reportish marks list intros whose items are topics, not tasks.
var reportish = []string{"report on", "reports on", "report to the council on", "reporting on", "inform the council on",
	"information on", "brief the council on", "update the council on", "benchmarks", "criteria", "elements", "indicators",
	"topics", "aspects", "information", "recommendations on", "focus on", "include, inter alia", "in particular on",
	"report", "reports", "including on", "on the following", "as follows on", "about"}

// listContext decides what a paragraph's sub-items are, from its last clause.
func (s *exState) listContext(toks []ctok, text string, c clause, acts []resgraph.Action) *listCtx {
	tail := strings.ToLower(strings.TrimRight(strings.TrimSpace(text[c.start:c.end]), ":—- "))
	var dir []resgraph.Action
	for _, a := range acts {
		if (a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask) && a.Addressee != nil {
			dir = append(dir, a)
		}
	}
	if len(dir) == 0 {
		// "Demands:" / "Calls upon:" — items carry the addressee
		if c.first >= c.last-1 && (isDirectiveLead(c) || c.verbs[0].kind == vkDecides) {
			return &listCtx{cont: c.verbs, contPhase: strings.ToLower(text[c.vStart:c.vEnd])}
		}
		return nil
	}
	for _, r := range reportish {
		if strings.HasSuffix(tail, " "+r) || strings.HasSuffix(tail, r) && len(tail) == len(r) {
			return nil
		}
	}
	last := tail
	if k := strings.LastIndex(last, " "); k >= 0 {
		last = last[k+1:]
	}
	a := dir[0]
	lc := &listCtx{task: true, verb: a.Verb, phrase: a.VerbPhrase, verbs: a.Verbs, class: a.Class}
	for _, w := range []string{"task", "mandate", "shall", "priorities", "objective", "following measures", "functions", "responsibilities", "following steps", "following actions", "to:"} {
		if strings.Contains(tail, w) || strings.HasSuffix(tail, " to") {
			lc.strong = true
		}
	}
	for _, d := range dir {
		lc.addrs = append(lc.addrs, addr{ref: *d.Addressee})
	}
	return lc
}

// item handles a sub-item (or a task numbered as its own paragraph).
func (s *exState) item(p *resgraph.Paragraph, toks []ctok, ctx *listCtx) {
	if !ctx.task {
		return
	}
	b := trimEnd(toks, 0, len(toks))
	if b == 0 {
		return
	}
	if !ctx.strong && !actionItem(toks) {
		return // "(d) measures taken to protect civilians": a topic, not a task
	}
	seen := map[resgraph.ActorID]bool{}
	if s.hasItems(p) && b <= 24 && toks[0].lower != "to" && !strings.ContainsAny(strings.TrimSpace(p.Text)[len(strings.TrimSpace(p.Text))-1:], ".;") &&
		(!actionItem(toks) || len(toks) > 1 && (toks[1].lower == "of" || toks[1].lower == "for" || toks[1].lower == "and" || toks[1].lower == "on") ||
			!strings.HasSuffix(strings.TrimSpace(p.Text), ":") && headingItem(p.Text)) {
		// "(a) Protection of civilians:" (with or without the colon) over
		// (i), (ii): a heading; its sub-items are the tasks
		nc := *ctx
		s.lists[p.ID] = &nc
		return
	}
	for _, ad := range ctx.addrs {
		if seen[ad.ref.ID] {
			continue
		}
		seen[ad.ref.ID] = true
		ref := ad.ref
		a := resgraph.Action{
			Paragraph: p.Number, ParagraphID: p.ID, Item: p.Item, Kind: resgraph.ActionTask,
			Verb: ctx.verb, VerbPhrase: ctx.phrase, Verbs: append([]string(nil), ctx.verbs...), Class: ctx.class,
			Addressee: &ref, ChapterVII: s.doc.ChapterVII,
			Text: p.Text[toks[0].start:toks[b-1].end], Start: toks[0].start, End: toks[b-1].end,
			Action: p.Text[toks[0].start:toks[b-1].end],
		}
		a.Marks = append(a.Marks, resgraph.Mark{Role: "action", Start: a.Start, End: a.End})
		s.addDetails(&a, p.Text, a.Start, a.End)
		s.out = append(s.out, a)
	}
	// nested items are tasks of the same bearer
	nc := *ctx
	s.lists[p.ID] = &nc
	// clauses inside the item: "(a) Receive requests ..., and directs the Committee to ..."
	for _, c := range segment(toks) {
		if c.vStart == toks[0].start {
			continue
		}
		for _, a := range s.clause(p, toks, c) {
			if a.Kind == resgraph.ActionDirective && a.Addressee != nil && !sameBearer(a.Addressee, ctx.addrs) {
				s.out = append(s.out, a)
			}
		}
	}
}

// sameBearer reports whether ref names one of addrs, possibly shorter ("the
// Focal Point" for "the Focal Point mechanism").
func sameBearer(ref *resgraph.ActorRef, addrs []addr) bool {
	k := Key(ref.Name)
	for _, a := range addrs {
		if a.ref.ID == ref.ID {
			return true
		}
		if o := Key(a.ref.Name); k != "" && o != "" && (strings.HasPrefix(o, k) || strings.HasPrefix(k, o)) {
			return true
		}
	}
	return false
}

// actionItem reports whether a list item reads as something to do: "To
// support ...", "Provide ...", "Securing ...", "That all parties ...".
func actionItem(toks []ctok) bool {
	i := 0
	for i < len(toks) && !toks[i].word {
		i++
	}
	if i >= len(toks) {
		return false
	}
	w := toks[i].lower
	switch {
	case w == "to" || w == "that":
		return true
	case predicateStart[w] && !functionWords[w] || baseDirective[w] != "":
		return true
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return true
	}
	return false
}

// unify gives every action of one paragraph (or item) and one addressee the
// same ActorRef (the first mention) and the union of their directive verbs,
// so (paragraph, addressee) is one unit with all its verbs.
func (s *exState) unify(from int) {
	type key struct {
		para string
		id   resgraph.ActorID
	}
	first := map[key]int{}
	verbs := map[key][]string{}
	for i := from; i < len(s.out); i++ {
		a := &s.out[i]
		if a.Addressee == nil || (a.Kind != resgraph.ActionDirective && a.Kind != resgraph.ActionTask) {
			continue
		}
		k := key{a.ParagraphID, a.Addressee.ID}
		if j, ok := first[k]; ok {
			// one actor, one name in a paragraph; but coordinated collectives
			// the registry folds into one actor stay apart ("bilateral and
			// multilateral partners" are two addressees, GUIDE)
			if b := s.out[j]; !(b.Start == a.Start && a.Addressee.Type == resgraph.ActorCollective && Key(b.Addressee.Mention) != Key(a.Addressee.Mention)) {
				ref := *b.Addressee
				a.Addressee = &ref
			}
		} else {
			first[k] = i
		}
		for _, v := range a.Verbs {
			if !containsStr(verbs[k], v) {
				verbs[k] = append(verbs[k], v)
			}
		}
	}
	for i := from; i < len(s.out); i++ {
		a := &s.out[i]
		if a.Addressee == nil || (a.Kind != resgraph.ActionDirective && a.Kind != resgraph.ActionTask) {
			continue
		}
		a.Verbs = append([]string(nil), verbs[key{a.ParagraphID, a.Addressee.ID}]...)
	}
}

func containsStr(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// resolve resolves an addressee mention against the registry and the
// document's definitions.
func (s *exState) resolve(mention string) resgraph.ActorRef {
	if s.x.Registry != nil {
		ref := s.x.Registry.Resolve(mention, s.defs)
		if ref.Type == resgraph.ActorUnknown || ref.Type == "" {
			// "the Government", "the Committee": the body the document names
			if r, ok := s.inContext(mention); ok {
				return r
			}
		}
		return ref
	}
	return resgraph.ActorRef{ID: resgraph.ActorID("x/" + slug(Key(mention))), Name: cleanName(mention), Mention: mention, Type: resgraph.ActorUnknown}
}

func (s *exState) warn(format string, args ...any) {
	s.doc.Warnings = append(s.doc.Warnings, fmt.Sprintf(format, args...))
}
