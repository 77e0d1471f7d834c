package loader

import (
	"strings"

	"github.com/resgraph/resgraph"
)

// selfNouns follow "expresses its" / "reaffirms its" in what the Council
// says of itself: "expresses its readiness to consider".
var selfNouns = wordSet("intention intent readiness willingness determination resolve preparedness")

// baseDirective maps the base form after "decides to" to a directive lemma.
var baseDirective = map[string]string{
	"authorize": "authorizes", "authorise": "authorizes", "request": "requests", "urge": "urges",
	"call": "calls upon", "encourage": "encourages", "invite": "invites", "demand": "demands",
	"direct": "directs", "require": "requires", "entrust": "entrusts", "mandate": "decides", "task": "decides",
	"instruct": "instructs",
}

// establishVerbs: "decides to establish a Committee ... to undertake the
// following tasks" tasks what it creates.
var establishVerbs = wordSet("establish create set appoint constitute form convene")

// modalWords open the predicate of a that-clause without "that".
var modalWords = wordSet("shall should will must may")

// effortNouns name an activity whose agents, after "of", are the addressees:
// "encourages the efforts of IGAD and the United Nations to".
var effortNouns = wordSet("efforts effort endeavours endeavors initiatives initiative engagement work")

// mandateWords open a decision that renews or sets an actor's mandate.
var mandateVerbs = wordSet("extend extends renew renews prolong continue maintain adjust expand revise")

// clause turns one verb-led clause into actions.
func (s *exState) clause(p *resgraph.Paragraph, toks []ctok, c clause) []resgraph.Action {
	text := p.Text
	if c.vEnd > c.vStart {
		c.phrase = strings.ToLower(strings.Join(strings.Fields(text[c.vStart:c.vEnd]), " "))
	}
	v := c.verbs[0]
	for _, e := range c.verbs {
		if e.kind == vkDirective || e.kind == vkDecides {
			v = e
			break
		}
	}
	base := resgraph.Action{
		Paragraph: p.Number, ParagraphID: p.ID, Item: p.Item, Verb: v.lemma, VerbPhrase: c.phrase,
		ChapterVII: s.doc.ChapterVII, Start: c.start, End: c.end, Text: text[c.start:c.end],
		Marks: []resgraph.Mark{{Role: "verb", Start: c.vStart, End: c.vEnd}},
	}
	i := skipLeadingParen(toks, c.first, c.last)
	switch v.kind {
	case vkDirective:
		if v.lemma == "reminds" {
			break
		}
		lemmas := []string{}
		for _, e := range c.verbs {
			if e.kind == vkDirective {
				lemmas = append(lemmas, e.lemma)
			}
		}
		return s.directive(p, toks, c, base, i, lemmas, s.class(v.lemma))
	case vkDecides:
		return s.decides(p, toks, c, base, i)
	case vkReiterate:
		if acts, ok := s.reiterate(p, toks, c, base, i); ok {
			return acts
		}
	case vkSelf:
		base.Kind, base.Class = resgraph.ActionSelf, resgraph.ClassSelf
		return []resgraph.Action{base}
	}
	return s.stance(p, toks, c, base, i)
}

func (s *exState) class(lemma string) resgraph.Class {
	if c, ok := s.x.Classes[lemma]; ok {
		return c
	}
	if c, ok := DefaultClasses()[lemma]; ok && s.x.Classes == nil {
		return c
	}
	return resgraph.ClassStrongRecommend
}

// skipLeadingParen skips ", in this context," right after a verb.
func skipLeadingParen(toks []ctok, i, end int) int {
	if i < end && toks[i].text == "," {
		for j := i + 1; j < end && j < i+25; j++ {
			if toks[j].text == "," && toks[j].depth == toks[i].depth {
				return j + 1
			}
		}
	}
	return i
}

// directive parses "urges X to ...", "requests that X ...", "calls upon X".
func (s *exState) directive(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int, lemmas []string, class resgraph.Class) []resgraph.Action {
	base.Kind, base.Class, base.Verbs = resgraph.ActionDirective, class, lemmas
	if trimEnd(toks, i, c.last) <= i {
		return nil // "Demands:": the sub-items carry the addressees
	}
	if i < c.last && toks[i].lower == "that" {
		return s.thatClause(p, toks, c, base, i+1, false)
	}
	if base.Verb == "calls for" || base.Verb == "appeals" || base.Verb == "calls upon" && i < c.last && toks[i].lower == "for" {
		// "calls for X to ..." names an actor; "calls for the release of ..." a thing
		a, b, inf, _ := objectNP(toks, i, c.last)
		if inf < 0 || b <= a || !s.actorLike(toks, a, b) {
			if out := s.agentActions(p, toks, c, base, i); out != nil {
				return out
			}
			return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
		}
	}
	if base.Verb == "appeals to" && i < c.last && toks[i].lower == "to" {
		i++
	}
	if (base.Verb == "recommends" || base.Verb == "appeals") && i+1 < c.last && toks[i].lower == "to" && !infinitiveAt(toks, i, c.last) {
		// "recommends to the General Assembly that ...": the addressee follows "to"
		j := i + 1
		for j < c.last && toks[j].lower != "that" && toks[j].text != "," && toks[j].text != ";" && !infinitiveAt(toks, j, c.last) {
			j++
		}
		if j > i+1 && s.actorLike(toks, i+1, j) {
			if addrs := s.addressees(p.Text, toks, i+1, j); len(addrs) > 0 {
				act := -1
				if j < c.last && toks[j].lower == "that" {
					act = j
				} else if j < c.last && infinitiveAt(toks, j, c.last) {
					act = j
				}
				return s.emit(p, toks, c, base, addrs, act, nil)
			}
		}
	}
	a, b, inf, parens := objectNP(toks, i, c.last)
	if b <= a {
		return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
	}
	if inf < 0 {
		// "requests the Secretary-General fully implement ...": a that-clause without "that"
		if sa, sb, pred, sp := subjectNP(toks, i, c.last); pred >= 0 && sb > sa && (isAdverbLy(toks[pred].lower) || predicateStart[toks[pred].lower] && !functionWords[toks[pred].lower]) &&
			toks[pred].lower != "also" && toks[pred].lower != "further" && s.actorLike(toks, sa, sb) && !abstractHead(toks, sa, sb) {
			if addrs := s.addressees(p.Text, toks, sa, sb); len(addrs) > 0 {
				return s.emit(p, toks, c, base, addrs, pred, sp)
			}
		}
	}
	if inf < 0 && !s.actorLike(toks, a, b) || inf >= 0 && abstractHead(toks, a, b) {
		if out := s.agentActions(p, toks, c, base, i); out != nil {
			return out
		}
		return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
	}
	// "requests the Secretary-General's initial report to include": the
	// author of the report is asked
	if ad, ok := s.possessiveOf(p.Text, toks, a, b, reportNouns); ok {
		return s.emit(p, toks, c, base, []addr{ad}, inf, parens)
	}
	addrs := s.addressees(p.Text, toks, a, b)
	if len(addrs) == 0 {
		return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
	}
	// ", including the African Union and the European Union, to": addressees too
	lastFrom, lastN := -1, 0 // the last paren's addressees: its first token and how many
	for _, pr := range parens {
		k := pr[0]
		if toks[k].text == "," && lastFrom >= 0 && k+1 < pr[1] && !s.actorLike(toks, k+1, pr[1]) && !s.actorLike(toks, lastConjunct(toks, k+1, pr[1]), pr[1]) {
			// "including ... States of residence, nationality, location or
			// incorporation": not a resumed list but the phrase going on
			more := s.addressees(p.Text, toks, lastFrom, pr[1])
			addrs = append(addrs[:len(addrs)-lastN], more...)
			lastN = len(more)
			continue
		}
		lastFrom, lastN = -1, 0
		switch {
		case toks[k].lower == "and": // the list resumed after a parenthetical
			k++
		case toks[k].text == ",": // resumed after an "including" phrase
			k++
			if k < pr[1] && toks[k].lower == "and" {
				k++
			}
		case matchWords(toks, k, []string{"in", "particular"}):
			k += 2
		case toks[k].lower == "including" || toks[k].lower == "notably" || toks[k].lower == "especially" || toks[k].lower == "particularly":
			k++
		default:
			continue
		}
		if w := toks[k].lower; (w == "those" || w == "these") && pr[0] > 0 && toks[pr[0]-1].lower == "and" && toks[pr[0]].lower != "including" {
			// "all States, and in particular those with primary responsibility
			// ..., to": a subset of the antecedent is an entry of its own
			if ad, ok := s.subsetOf(p.Text, toks, a, b, k, pr[1]); ok {
				addrs = append(addrs, ad)
			}
			continue
		}
		if w := toks[k].lower; w == "those" || w == "these" || w == "its" || w == "their" || w == "his" || w == "her" {
			continue // a part of the addressee already named
		}
		if k < pr[1] && !parenStart[toks[k].lower] && (s.actorLike(toks, k, pr[1]) || s.actorLike(toks, lastConjunct(toks, k, pr[1]), pr[1])) {
			more := s.addressees(p.Text, toks, k, pr[1])
			addrs = append(addrs, more...)
			lastFrom, lastN = k, len(more)
		}
	}
	actStart := -1
	if inf >= 0 {
		actStart = inf
	}
	return s.emit(p, toks, c, base, addrs, actStart, parens)
}

// subsetOf reads "those with primary responsibility" (toks[k:e]) after
// ", and in particular" as a subset of the addressee toks[a:b], an entry of
// its own: the pronoun takes the antecedent's head ("States with primary
// responsibility"). Without "and" (", in particular those in the region,")
// the subset stays inside its antecedent's entry.
func (s *exState) subsetOf(text string, toks []ctok, a, b, k, e int) (addr, bool) {
	ms, me := k, trimEnd(toks, k, e)
	for j := ms + 1; j < me; j++ {
		if w := toks[j].lower; w == "who" || w == "which" || w == "that" || w == "whose" {
			me = j
			break
		}
	}
	if me-ms < 2 {
		return addr{}, false // a bare "those" names nothing new
	}
	h := headIndex(toks, a, b)
	if h < 0 || !toks[h].word {
		return addr{}, false
	}
	hs := h
	for hs > a && toks[hs-1].upper && toks[hs-1].word && toks[h].upper {
		hs-- // "Member States", not "States"
	}
	mention := text[toks[hs].start:toks[h].end] + " " + text[toks[ms+1].start:toks[me-1].end]
	return addr{ref: s.resolve(mention), start: toks[ms].start, end: toks[me-1].end}, true
}

// lastConjunct returns the start of the last coordinated part of toks[a:b]
// ("subregional organizations" of "international, regional and subregional
// organizations"), which carries the shared head.
func lastConjunct(toks []ctok, a, b int) int {
	k := a
	for j := a; j < b; j++ {
		if toks[j].depth == toks[a].depth && (toks[j].text == "," || toks[j].lower == "and" || toks[j].lower == "or") && j+1 < b {
			k = j + 1
		}
	}
	return k
}

// thatClause parses "that X shall ..." after a directive or decides.
func (s *exState) thatClause(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int, decides bool) []resgraph.Action {
	i = skipLeadingParen(toks, i, c.last) // "decides that, for an initial period ..., all States shall"
	a, b, pred, parens := subjectNP(toks, i, c.last)
	if pred < 0 || b <= a {
		if decides {
			return []resgraph.Action{s.self(p, toks, c, base, i)}
		}
		return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
	}
	// "the mandate of MINUSMA shall be": the mission is the addressee
	if k := mandateOf(toks, a, b); k > 0 {
		a = k
	}
	// "MINUSCA's strategic objective is", "UNAMID's mandate shall include":
	// the possessor
	if decides {
		if ad, ok := s.possessiveMandate(p.Text, toks, a, b); ok {
			return s.emit(p, toks, c, base, []addr{ad}, pred, parens)
		}
	}
	if !s.actorLike(toks, a, b) || councilItself(toks, a, b) {
		var first resgraph.Action
		if decides {
			first = s.self(p, toks, c, base, i)
		} else {
			first = s.withTarget(p, toks, c, base, i)
		}
		for j := pred + 1; j+1 < c.last; j++ {
			if toks[j].lower == "and" && toks[j+1].lower == "that" && toks[j].depth == toks[i].depth {
				sub := c
				sub.first = j + 2
				if more := s.thatClause(p, toks, sub, base, j+2, decides); len(more) > 0 && more[0].Addressee != nil {
					return append([]resgraph.Action{first}, more...)
				}
				break
			}
		}
		return []resgraph.Action{first}
	}
	addrs := s.addressees(p.Text, toks, a, b)
	if len(addrs) == 0 {
		return []resgraph.Action{s.withTarget(p, toks, c, base, i)}
	}
	out := s.emit(p, toks, c, base, addrs, pred, parens)
	// "demands that X cease ... and that armed groups lay down their arms"
	for j := pred + 1; j+1 < c.last; j++ {
		if toks[j].lower == "and" && toks[j+1].lower == "that" && toks[j].depth == toks[i].depth {
			sub := c
			sub.first = j + 2
			return append(out, s.thatClause(p, toks, sub, base, j+2, decides)...)
		}
	}
	return out
}

// authorizationHolder finds "the authorization (that) ... provided /
// given / granted / conferred to X" in toks[from:last] and returns X.
func (s *exState) authorizationHolder(text string, toks []ctok, from, last int) (addr, bool) {
	for j := from; j < last && j < from+16; j++ {
		if w := toks[j].lower; w != "authorization" && w != "authorisation" && w != "authorizations" && w != "authorisations" {
			continue
		}
		for k := j + 1; k+1 < last && k < j+10; k++ {
			switch toks[k].lower {
			case "provided", "given", "granted", "conferred", "extended":
			default:
				continue
			}
			if toks[k+1].lower != "to" {
				continue
			}
			a := k + 2
			b := a
			for b < last && toks[b].depth == toks[a].depth && toks[b].text != "," && toks[b].text != ";" &&
				toks[b].lower != "in" && toks[b].lower != "until" && toks[b].lower != "for" && !infinitiveAt(toks, b, last) {
				b++
			}
			if b > a && s.actorLike(toks, a, b) {
				if addrs := s.addressees(text, toks, a, b); len(addrs) == 1 {
					return addrs[0], true
				}
			}
			return addr{}, false
		}
		return addr{}, false
	}
	return addr{}, false
}

// mandateNouns name what a possessive mandate subject holds.
var mandateNouns = wordSet("mandate mandates objective objectives priorities priority tasks task functions responsibilities role")

// possessiveMandate reads toks[a:b] as "X's [adjectives] mandate /
// strategic objective / priorities": X is the addressee.
func (s *exState) possessiveMandate(text string, toks []ctok, a, b int) (addr, bool) {
	return s.possessiveOf(text, toks, a, b, mandateNouns)
}

// reportNouns name what a possessive addressee delivers: "the
// Secretary-General's next report".
var reportNouns = wordSet("report reports briefing briefings assessment review")

// possessiveOf reads toks[a:b] as "X's [adjectives] NOUN" with NOUN in
// nouns: X is the actor meant.
func (s *exState) possessiveOf(text string, toks []ctok, a, b int, nouns map[string]bool) (addr, bool) {
	for k := a; k < b && k < a+8; k++ {
		if !possessive(toks[k].text) {
			continue
		}
		for j := k + 1; j < b && j < k+6; j++ {
			if !nouns[toks[j].lower] {
				continue
			}
			ms := a
			if toks[ms].lower == "the" {
				ms++
			}
			end := toks[k].end - len("’s")
			if strings.HasSuffix(toks[k].text, "'s") {
				end = toks[k].end - 2
			}
			if ms > k || end <= toks[ms].start {
				return addr{}, false
			}
			ref := s.resolve(text[toks[ms].start:end])
			if ref.Type == resgraph.ActorUnknown && !s.actorLike(toks, ms, k+1) {
				return addr{}, false
			}
			return addr{ref: ref, start: toks[ms].start, end: end}, true
		}
		return addr{}, false
	}
	return addr{}, false
}

// mandateOf returns the token after "the mandate(s) of" / "the authorization
// of" at the start of toks[a:b], or 0.
func mandateOf(toks []ctok, a, b int) int {
	j := a
	if j < b && toks[j].lower == "the" {
		j++
	}
	for j < b && toks[j].word && !toks[j].upper && toks[j].lower != "of" && j < a+4 {
		switch toks[j].lower {
		case "mandate", "mandates", "authorization", "authorisation", "authorizations", "deployment", "presence", "tasks", "functions", "responsibilities", "role":
			if j+1 < b && toks[j+1].lower == "of" {
				return j + 2
			}
		}
		j++
	}
	return 0
}

func councilItself(toks []ctok, a, b int) bool {
	for j := a; j < b; j++ {
		if toks[j].lower == "council" && (j == a || toks[j-1].lower == "the" || toks[j-1].lower == "security") && (j+1 == b || toks[j+1].lower == "itself") {
			return true
		}
	}
	return false
}

// actorLike reports whether toks[a:b] names an actor: its head noun is
// capitalized or an actor noun ("parties", "authorities"), or the registry
// knows it.
func (s *exState) actorLike(toks []ctok, a, b int) bool {
	h := headIndex(toks, a, b)
	if h < 0 {
		return false
	}
	t := toks[h]
	if backRefs[t.lower] || t.lower == "those" || t.lower == "these" {
		return true
	}
	if actorHeads[t.lower] {
		return true
	}
	if t.upper && h > a || t.upper && toks[a].depth == 0 && strings.ToUpper(t.text) == t.text && len(t.text) > 1 {
		return true
	}
	if t.upper && h == a && !isDeterminer(t.lower) {
		return true
	}
	return false
}

// abstractHead reports whether the head of toks[a:b] is an abstract noun
// ("greater coordination between ...", "the establishment of ..."), which
// names no actor even before an infinitive.
func abstractHead(toks []ctok, a, b int) bool {
	h := headIndex(toks, a, b)
	if h < 0 || toks[h].upper {
		return false
	}
	w := toks[h].lower
	if actorHeads[w] {
		return false
	}
	switch w {
	case "efforts", "measures", "steps", "activities", "initiatives", "work", "progress", "support", "assistance", "action", "actions",
		"dialogue", "talks", "contacts", "exchanges", "exchange":
		return true
	}
	w = strings.TrimSuffix(w, "s")
	switch w {
	case "operation", "mission", "institution", "organization", "organisation", "administration", "commission",
		"delegation", "coalition", "federation", "population", "government", "movement", "nation", "authority",
		"presence", "agency", "entity", "community", "leadership":
		return false
	}
	for _, suf := range []string{"tion", "ment", "ance", "ence", "ity", "ness", "ing", "sion", "ure"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those", "its", "their", "any", "all", "each", "every", "such", "no":
		return true
	}
	return false
}

// headIndex returns the head word of a noun phrase: the last word before
// its first preposition or relative word.
func headIndex(toks []ctok, a, b int) int {
	h := -1
	for j := a; j < b; j++ {
		t := toks[j]
		if t.depth > toks[a].depth {
			continue
		}
		if !t.word {
			if t.text == "," {
				break
			}
			continue
		}
		switch t.lower {
		case "of", "in", "on", "for", "from", "to", "at", "with", "who", "which", "that", "whose", "by", "under", "and", "or", "as",
			"between", "among", "against", "over", "about", "into", "within", "through", "during", "without", "including",
			"regarding", "concerning", "towards", "toward", "across", "after", "before", "consisting", "composed":
			if h >= 0 {
				return h
			}
			continue
		}
		// a participle after the head: "Member States co-operating with ...",
		// "the Focal Point mechanism established in ..."
		if h >= 0 && (strings.HasSuffix(t.lower, "ing") && len(t.lower) > 5 || strings.HasSuffix(t.lower, "ed") && len(t.lower) > 5) &&
			!t.upper && (toks[h].upper || headOK(toks[h].lower) || actorHeads[toks[h].lower]) &&
			!(modifierING[t.lower] && j+1 < b && toks[j+1].word && (j+2 >= b || !toks[j+2].word || toks[j+2].lower == "to")) { // "police contributing countries"
			return h
		}
		h = j
	}
	return h
}

// addressees splits and resolves an addressee phrase.
func (s *exState) addressees(text string, toks []ctok, a, b int) []addr {
	var out []addr
	demonstrative := false // "those Member States and organizations": every conjunct refers back
	// "Member States receiving assistance as well as providers of assistance":
	// "as well as" joins whole phrases, each cut at its own participle
	var parts []npPart
	from := a
	for j := a + 1; j < b; j++ {
		if toks[j].depth == toks[a].depth && toks[j-1].text != "," && matchWords(toks, j, []string{"as", "well", "as"}) && j+3 < b {
			parts = append(parts, conjuncts(toks, text, from, preCut(toks, from, j))...)
			from = j + 3
			j += 2
		}
	}
	parts = append(parts, conjuncts(toks, text, from, preCut(toks, from, b))...)
	for pi, part := range parts {
		if pi == 0 && (toks[part.a].lower == "those" || toks[part.a].lower == "these") {
			demonstrative = true
		}
		if pi > 0 && demonstrative && part.head == "" {
			if refs, ok := s.byHead(toks, part.a, part.b); ok {
				out = append(out, refs...)
				continue
			}
		}
		ms, me, alias := cleanMention(toks, part.a, part.b)
		if me <= ms || me-ms == 1 && isDeterminer(toks[ms].lower) {
			continue
		}
		mention := text[toks[ms].start:toks[me-1].end]
		if part.pre != "" {
			mention = part.pre + mention
		}
		if part.head != "" && part.glue {
			mention += part.head
		} else if part.head != "" {
			mention += " " + part.head
		}
		if me-ms == 1 && (backRefs[toks[ms].lower] || toks[ms].lower == "those" || toks[ms].lower == "these") {
			refs, ok := s.backRef(toks, ms, me)
			if ok {
				for _, r := range refs {
					out = append(out, addr{ref: r.ref, start: toks[ms].start, end: toks[me-1].end})
				}
			}
			continue // a pronoun with nothing to refer to names no one
		}
		if refs, ok := s.backRef(toks, ms, me); ok {
			for _, r := range refs {
				out = append(out, addr{ref: r.ref, start: toks[ms].start, end: toks[me-1].end})
			}
			continue
		}
		ref := s.resolve(mention)
		if ref.Type == resgraph.ActorUnknown && me-ms >= 2 && !toks[me-1].upper && strings.HasSuffix(toks[me-1].lower, "ed") {
			// "all Member States involved", "the parties concerned": the registry may know the head
			if r2 := s.resolve(text[toks[ms].start:toks[me-2].end]); r2.Type != resgraph.ActorUnknown && r2.Type != "" {
				r2.Mention = mention
				ref = r2
			}
		}
		if h := hereinAlias(toks, part.a, part.b); h != "" && alias == "" {
			alias = h
		}
		if alias != "" && !containsFold(ref.Aliases, alias) && !strings.EqualFold(ref.Name, alias) {
			ref.Aliases = append(ref.Aliases, alias)
		}
		out = append(out, addr{ref: ref, start: toks[ms].start, end: toks[me-1].end})
	}
	return out
}

// hereinAlias returns X of '(herein "the X")' / '(hereinafter referred to as
// "X")' / '("the X")' inside toks[a:b].
func hereinAlias(toks []ctok, a, b int) string {
	for j := a; j+2 < b; j++ {
		if toks[j].text != "(" {
			continue
		}
		k := j + 1
		for k < b && (toks[k].lower == "herein" || toks[k].lower == "hereinafter" || toks[k].lower == "referred" || toks[k].lower == "to" || toks[k].lower == "as" || toks[k].lower == "the" || toks[k].text == "“" || toks[k].text == "\"" || toks[k].text == ",") {
			k++
		}
		var words []string
		for k < b && toks[k].word {
			words = append(words, toks[k].text)
			k++
		}
		if len(words) > 0 && len(words) <= 5 && k < b && (toks[k].text == "”" || toks[k].text == "\"") && toks[j+1].lower != "s" {
			return strings.Join(words, " ")
		}
	}
	return ""
}

// backRef resolves "them", "it", "those rebel groups" to the addressees of
// an earlier clause in this or the previous paragraph.
func (s *exState) backRef(toks []ctok, a, b int) ([]addr, bool) {
	w := toks[a].lower
	if b-a == 1 && backRefs[w] {
		if len(s.prev) == 0 && len(s.lastAll) > 0 && w != "him" && w != "her" {
			return append([]addr(nil), s.lastAll...), true
		}
		if len(s.prev) == 0 {
			if w == "him" || w == "her" { // in Council texts, the Secretary-General
				return []addr{{ref: s.resolve("Secretary-General"), start: toks[a].start, end: toks[a].end}}, true
			}
			return nil, false
		}
		switch w {
		case "him", "her":
			for k := len(s.prev) - 1; k >= 0; k-- {
				if s.prev[k].ref.Type == resgraph.ActorUNOfficial || s.prev[k].ref.Type == resgraph.ActorPerson {
					return s.prev[k : k+1], true
				}
			}
			return []addr{{ref: s.resolve("Secretary-General"), start: toks[a].start, end: toks[a].end}}, true
		case "it":
			return s.prev[len(s.prev)-1:], true
		}
		return append([]addr(nil), s.prev...), true
	}
	if (w == "those" || w == "these" || w == "such") && b-a >= 2 {
		return s.byHead(toks, a+1, b)
	}
	return nil, false
}

// byHead finds earlier addressees (this paragraph first, then the previous
// one) whose name has the head of toks[a:b]: "those rebel groups", and the
// "organizations" of "those Member States and organizations".
func (s *exState) byHead(toks []ctok, a, b int) ([]addr, bool) {
	h := headIndex(toks, a, b)
	if h < 0 {
		return nil, false
	}
	head := strings.TrimSuffix(Key(toks[h].text), "s")
	for _, pool := range [][]addr{s.prevAll, s.lastAll} {
		var out []addr
		seen := map[resgraph.ActorID]bool{}
		for k := len(pool) - 1; k >= 0; k-- {
			r := pool[k].ref
			if !seen[r.ID] && (strings.Contains(Key(r.Mention), head) || strings.Contains(Key(r.Name), head)) {
				seen[r.ID] = true
				out = append(out, pool[k])
			}
		}
		if len(out) > 0 {
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			if !strings.HasSuffix(toks[h].lower, "s") {
				out = out[len(out)-1:]
			}
			return out, true
		}
	}
	return nil, false
}

// cleanMention trims an addressee's tokens [a,b) to the actor's name:
// articles "a"/"an", quantifiers ("no member of the"), "the deployment of",
// relative clauses and trailing phrases ("for an initial period ...") go; a
// trailing "(AFISMA)" is returned as an alias.
func cleanMention(toks []ctok, a, b int) (int, int, string) {
	for a < b {
		t := toks[a].lower
		switch {
		case t == "a" || t == "an":
			a++
			continue
		case quantifierHeads[t] && t != "all" && t != "both" && a+1 < b && (toks[a+1].lower == "of" || quantifierNouns[toks[a+1].lower]):
			j := a + 1
			if quantifierNouns[toks[j].lower] {
				j++
			}
			if j < b && toks[j].lower == "of" {
				j++
				if j < b && toks[j].lower == "the" {
					j++
				}
				a = j
				continue
			}
		case t == "such" && a+1 < b && toks[a+1].word:
			a++
			continue
		case t == "no" || t == "any" || t == "each" || t == "every":
			a++
			continue
		case t == "the" && a+2 < b && toks[a+2].lower == "of":
			switch toks[a+1].lower {
			case "deployment", "establishment", "creation", "presence", "continuation", "members", "leaders", "leadership":
				if toks[a+1].lower == "members" || toks[a+1].lower == "leaders" || toks[a+1].lower == "leadership" {
					break
				}
				a += 3
				continue
			}
		case (t == "deployment" || t == "establishment") && a+1 < b && toks[a+1].lower == "of":
			a += 2
			continue
		case t == "the" && a+2 < b && (toks[a+1].lower == "current" || toks[a+1].lower == "present" || toks[a+1].lower == "existing"):
			a += 2 // "the current Panel of Experts": the Panel
			continue
		}
		// "New York-based Monitoring Team": the Monitoring Team
		if k := basedModifier(toks, a, b); k > a {
			a = k
			continue
		}
		break
	}
	// cut at a relative clause, participle or trailing prepositional phrase
	for j := a + 1; j < b; j++ {
		t := toks[j]
		if t.depth > toks[a].depth || !t.word || t.upper {
			continue
		}
		cut := false
		switch t.lower {
		case "for", "on", "against":
			cut = !(j+1 < b && (toks[j+1].upper || toks[j+1].lower == "the" && j+2 < b && toks[j+2].upper))
		case "established", "created", "mandated", "referred", "mentioned", "appointed", "deployed", "authorized", "authorised", "constituted", "set":
			cut = true
		case "who", "which", "that", "whose", "whom", "until", "within", "during", "with", "through", "by", "under",
			"at", "as", "consistent", "pursuant", "where", "when", "while", "without", "upon", "according", "whether":
			cut = true
		case "including", "concerning", "regarding", "notwithstanding":
			cut = true
		default:
			if strings.HasSuffix(t.lower, "ing") && len(t.lower) > 5 && !modifierING[t.lower] && t.lower != "neighbouring" && t.lower != "neighboring" &&
				t.lower != "peacekeeping" && t.lower != "peacebuilding" && t.lower != "building" && t.lower != "contributing" &&
				t.lower != "remaining" && t.lower != "following" && t.lower != "governing" && t.lower != "ruling" && t.lower != "fighting" && t.lower != "sanctioning" && t.lower != "bordering" && t.lower != "receiving" && t.lower != "sending" && t.lower != "warring" && t.lower != "monitoring" {
				cut = true
			}
		}
		if cut {
			b = j
			break
		}
	}
	for j := a + 1; j < b; j++ { // "in paragraph 11 above", "in the context of ...", "in accordance with"
		if toks[j].lower == "in" && j+1 < b && inPhrase[toks[j+1].lower] || toks[j].lower == "in" && j+2 < b && toks[j+1].lower == "the" && (toks[j+2].lower == "context" || toks[j+2].lower == "framework") {
			b = j
			break
		}
	}
	for b > a+1 && (isAdverbLy(toks[b-1].lower) && !toks[b-1].upper || toks[b-1].lower == "above" || toks[b-1].lower == "below" || toks[b-1].lower == "too" ||
		toks[b-1].lower == "themselves" || toks[b-1].lower == "itself") {
		b--
	}
	b = trimEnd(toks, a, b)
	for b > a+1 && functionWords[toks[b-1].lower] && !toks[b-1].upper && toks[b-1].lower != "concerned" && toks[b-1].lower != "involved" {
		b-- // "the United Nations mission in", "Member States of"
	}
	alias := ""
	// a trailing "(ACR)" defines an acronym
	if b-a >= 4 && toks[b-1].text == ")" && toks[b-3].text == "(" && toks[b-2].word && strings.ToUpper(toks[b-2].text) == toks[b-2].text {
		alias = toks[b-2].text
		b -= 3
	}
	for b > a && (toks[b-1].lower == "and" || toks[b-1].lower == "or" || toks[b-1].text == ",") {
		b--
	}
	return a, b, alias
}

// inPhrase are words after "in" that open an adverbial, not a place:
// "in accordance with", "in paragraph 11", "in line with".
var inPhrase = wordSet("paragraph paragraphs resolution resolutions annex accordance line cooperation coordination " +
	"consultation particular order support this that close full compliance conformity keeping view light respect " +
	"addition partnership collaboration conjunction such")

// basedModifier returns the token after a leading "X-based" modifier
// ("New York-based", "Geneva-based") at toks[a:], or a.
func basedModifier(toks []ctok, a, b int) int {
	for k := a; k < b && k < a+3; k++ {
		if strings.HasSuffix(toks[k].lower, "-based") {
			if k+1 < b {
				return k + 1
			}
			return a
		}
		if !toks[k].upper && toks[k].lower != "the" {
			return a
		}
	}
	return a
}

// emit builds one action per addressee. actStart is the token opening the
// action ("to finalize", "take"), or -1.
func (s *exState) emit(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, addrs []addr, actStart int, parens [][2]int) []resgraph.Action {
	text := p.Text
	if actStart < 0 && base.Kind == resgraph.ActionDirective {
		// no infinitive ("decides to extend the mandate of X until ...",
		// "encourages cooperation between A and B"): the action is the
		// clause's object as printed, never empty
		actStart = c.first
	}
	if actStart >= 0 && actStart < c.last {
		e := trimEnd(toks, actStart, c.last)
		if e > actStart {
			base.Action = text[toks[actStart].start:toks[e-1].end]
			base.Marks = append(base.Marks, resgraph.Mark{Role: "action", Start: toks[actStart].start, End: toks[e-1].end})
		}
	}
	// partners: in parentheticals around the addressee and in the action
	var partners []addr
	for _, pr := range parens {
		partners = append(partners, s.partners(text, toks, pr[0], pr[1])...)
	}
	if actStart >= 0 {
		partners = append(partners, s.partners(text, toks, actStart, c.last)...)
	}
	for _, pa := range partners {
		base.Partners = append(base.Partners, pa.ref)
		base.Marks = append(base.Marks, resgraph.Mark{Role: "partner", Start: pa.start, End: pa.end})
	}
	if actStart >= 0 {
		base.Beneficiaries = s.beneficiaries(text, toks, actStart, c.last)
	}
	if c.first < c.last {
		s.addDetails(&base, text, toks[c.first].start, c.end)
	}
	s.prev = s.prev[:0:0]
	var out []resgraph.Action
	for _, ad := range addrs {
		a := base
		ref := ad.ref
		a.Addressee = &ref
		a.Verbs = append([]string(nil), base.Verbs...)
		a.Partners = append([]resgraph.ActorRef(nil), base.Partners...)
		a.Marks = append(append([]resgraph.Mark(nil), base.Marks...), resgraph.Mark{Role: "addressee", Start: ad.start, End: ad.end})
		out = append(out, a)
		s.prev = append(s.prev, ad)
		s.prevAll = append(s.prevAll, ad)
	}
	return out
}

// partnerWith are nouns of "in close coordination with X".
var partnerWith = wordSet("coordination consultation cooperation collaboration partnership conjunction liaison consultations")

// partnerStart returns the token after a partner phrase opening at j ("in
// close coordination with", "together with", "with the support of"), or 0.
func partnerStart(toks []ctok, j, b int) int {
	t := toks[j]
	if t.lower != "with" || j+1 >= b {
		return 0
	}
	if j > 0 {
		p := toks[j-1].lower
		if partnerWith[p] || p == "together" || p == "jointly" {
			return j + 1
		}
	}
	if j+3 < b && toks[j+1].lower == "the" && (toks[j+2].lower == "support" || toks[j+2].lower == "assistance" || toks[j+2].lower == "help") && toks[j+3].lower == "of" {
		return j + 4
	}
	return 0
}

// partners finds "in close coordination with X, Y and Z" in toks[a:b].
func (s *exState) partners(text string, toks []ctok, a, b int) []addr {
	var out []addr
	for i := a; i < b; i++ {
		j := partnerStart(toks, i, b)
		if j == 0 {
			continue
		}
		k := j
		for k < b {
			t := toks[k]
			if t.depth == toks[j].depth {
				if t.text == ";" || t.text == ":" || infinitiveAt(toks, k, b) {
					break
				}
				if t.text == "," && k+1 < b && (infinitiveAt(toks, k+1, b) || parenStart[toks[k+1].lower] && toks[k+1].lower != "and" || isAdverbLy(toks[k+1].lower) ||
					toks[k+1].lower == "a" || toks[k+1].lower == "an") {
					break
				}
				if t.word && !t.upper && (predicateStart[t.lower] && t.lower != "support") && k > j {
					break
				}
			}
			k++
			if k-j > 60 {
				break
			}
		}
		for _, part := range conjuncts(toks, text, j, k) {
			ms, me, _ := cleanMention(toks, part.a, part.b)
			if me <= ms || me-ms == 1 && isDeterminer(toks[ms].lower) {
				continue
			}
			if !s.actorLike(toks, ms, me) {
				break // the partner list has ended: ", the holding of a donors conference"
			}
			mention := text[toks[ms].start:toks[me-1].end]
			if part.head != "" {
				mention += " " + part.head
			}
			out = append(out, addr{ref: s.resolve(mention), start: toks[ms].start, end: toks[me-1].end})
		}
		i = k
	}
	return out
}

// beneficiaryNouns are nouns of "support to X".
var beneficiaryNouns = wordSet("support assistance aid contribution contributions help training funding resources")

// beneficiaries finds "support to X" where X is an actor the registry knows.
func (s *exState) beneficiaries(text string, toks []ctok, a, b int) []resgraph.ActorRef {
	if s.x.Registry == nil {
		return nil
	}
	var out []resgraph.ActorRef
	for i := a; i+1 < b && len(out) < 4; i++ {
		if !beneficiaryNouns[toks[i].lower] || toks[i+1].lower != "to" {
			continue
		}
		j := i + 2
		if j < b && toks[j].lower == "the" {
			j++
		}
		k := j
		for k < b && k < j+10 && (toks[k].word || toks[k].text == "(" || toks[k].text == ")") && toks[k].lower != "and" && toks[k].lower != "in" && toks[k].lower != "to" && toks[k].lower != "including" {
			k++
		}
		if k <= j {
			continue
		}
		ms, me, _ := cleanMention(toks, j, k)
		if me <= ms {
			continue
		}
		ref := s.resolve(text[toks[ms].start:toks[me-1].end])
		if ref.Type != resgraph.ActorUnknown && ref.Type != "" {
			out = append(out, ref)
		}
	}
	return out
}

// addDetails fills deadline, recurrence, duration and condition from
// text[from:to] and marks them.
func (s *exState) addDetails(a *resgraph.Action, text string, from, to int) {
	if from >= to {
		return
	}
	d := findDetails(text[from:to], s.doc.Date)
	if d.deadline != "" {
		a.Deadline, a.DeadlineDate = d.deadline, d.deadlineDate
		a.Marks = append(a.Marks, resgraph.Mark{Role: "deadline", Start: from + d.deadlineSpan[0], End: from + d.deadlineSpan[1]})
	}
	if d.recurrence != "" {
		a.Recurrence = d.recurrence
		a.Marks = append(a.Marks, resgraph.Mark{Role: "recurrence", Start: from + d.recurrenceSpan[0], End: from + d.recurrenceSpan[1]})
	}
	if d.duration != "" {
		a.Duration, a.Until = d.duration, d.until
		a.Marks = append(a.Marks, resgraph.Mark{Role: "duration", Start: from + d.durationSpan[0], End: from + d.durationSpan[1]})
	}
	if d.condition != "" {
		a.Condition = d.condition
		a.Marks = append(a.Marks, resgraph.Mark{Role: "condition", Start: from + d.conditionSpan[0], End: from + d.conditionSpan[1]})
	}
}

// agentActions finds the actors of an abstract object: "encourages
// continued efforts by the Government to ...", "calls for joint operations
// by the FARDC and MONUSCO", "encourages cooperation between the United
// Nations and the AU". It returns nil when there is none.
func (s *exState) agentActions(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) []resgraph.Action {
	if base.Kind != resgraph.ActionDirective {
		return nil
	}
	if out := s.firstAgent(p, toks, c, base, i); out != nil {
		return out
	}
	// "calls for ... the immediate cessation by Hizbollah of all attacks and
	// the immediate cessation by Israel of all offensive military
	// operations": every agent of a nominalized act further on
	var addrs []addr
	for j := i + 1; j+1 < c.last; j++ {
		if toks[j].lower != "by" || toks[j].depth != toks[i].depth || !nominalAct(toks[j-1].lower) {
			continue
		}
		a := j + 1
		if a < c.last && toks[a].lower == "the" && a+1 < c.last && !toks[a+1].upper && !actorHeads[toks[a+1].lower] && !chunkOpeners[toks[a+1].lower] {
			continue
		}
		b := s.chunkEnd(toks, a, c.last, toks[a].depth)
		if b > a && s.actorLike(toks, a, b) && !abstractHead(toks, a, b) {
			for _, ad := range s.addressees(p.Text, toks, a, b) {
				if ad.ref.Type != resgraph.ActorUnknown || actorMention(ad.ref.Mention) {
					addrs = append(addrs, ad)
				}
			}
		}
	}
	if len(addrs) == 0 {
		return nil
	}
	out := s.emit(p, toks, c, base, addrs, -1, nil)
	for k := range out {
		out[k].Target = targetText(p.Text, toks, i, c.last)
	}
	return out
}

// nominalAct reports whether w names an act whose doer "by X" introduces:
// "cessation", "withdrawal", "implementation", "release".
func nominalAct(w string) bool {
	switch w {
	case "cessation", "withdrawal", "release", "respect", "compliance", "implementation", "end", "halt", "return",
		"disarmament", "demobilization", "demobilisation", "cooperation", "engagement", "participation", "commitment",
		"adherence", "action", "actions", "steps", "measures", "efforts", "progress":
		return true
	}
	return false
}

// firstAgent finds the agent of the clause's object noun in its first
// words: "the efforts of X", "cooperation between X and Y", "by X".
func (s *exState) firstAgent(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) []resgraph.Action {
	for j := i; j < c.last && j < i+12; j++ {
		t := toks[j]
		if t.depth != toks[i].depth {
			continue
		}
		if t.text == "," || t.text == ";" || infinitiveAt(toks, j, c.last) {
			return nil
		}
		if t.lower != "by" && t.lower != "between" && t.lower != "among" && !(t.lower == "of" && j > i && effortNouns[toks[j-1].lower]) {
			continue
		}
		a := j + 1
		b := a
		for b < c.last && toks[b].text != "," && toks[b].text != ";" && !infinitiveAt(toks, b, c.last) && toks[b].lower != "in" && toks[b].lower != "on" && toks[b].lower != "for" && toks[b].lower != "with" && toks[b].lower != "that" && toks[b].lower != "to" &&
			toks[b].lower != "towards" && toks[b].lower != "toward" && toks[b].lower != "aimed" && toks[b].lower != "at" && toks[b].lower != "through" &&
			!(toks[b].lower == "of" && b+1 < c.last && !toks[b+1].upper && (toks[b+1].lower != "the" || b+2 < c.last && !toks[b+2].upper)) {
			b++ // "by the Secretary-General to the Council", "by Member States of listing requests"
		}
		if t.lower == "between" || t.lower == "among" || t.lower == "by" && b < c.last && toks[b].text == "," {
			// "cooperation between the United Nations, its specialized agencies and all parties": every party;
			// "engagement by IGAD, the AU, the AUPSC and countries in the region": every agent
			if e := s.chunkEnd(toks, a, c.last, toks[a].depth); e > b {
				b = e
			}
		}
		if b > a && s.actorLike(toks, a, b) && !abstractHead(toks, a, b) {
			if addrs := s.addressees(p.Text, toks, a, b); len(addrs) > 0 {
				act := -1
				if b < c.last && infinitiveAt(toks, b, c.last) {
					act = b
				}
				out := s.emit(p, toks, c, base, addrs, act, nil)
				for k := range out {
					out[k].Target = targetText(p.Text, toks, i, c.last)
				}
				return out
			}
		}
		return nil
	}
	return nil
}

// withTarget is a directive with no actor: "demands the immediate release
// of ...". The object goes to Target.
func (s *exState) withTarget(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) resgraph.Action {
	base.Target = targetText(p.Text, toks, i, c.last)
	if e := trimEnd(toks, i, c.last); base.Kind == resgraph.ActionDirective && i < e {
		// what is demanded, called for, encouraged: "the immediate release of ..."
		base.Action = p.Text[toks[i].start:toks[e-1].end]
		base.Marks = append(base.Marks, resgraph.Mark{Role: "action", Start: toks[i].start, End: toks[e-1].end})
	}
	if c.first < c.last {
		s.addDetails(&base, p.Text, toks[c.first].start, c.end)
	}
	return base
}

func targetText(text string, toks []ctok, i, last int) string {
	e := trimEnd(toks, i, last)
	if e <= i {
		return ""
	}
	t := text[toks[i].start:toks[e-1].end]
	if len(t) > 240 {
		t = t[:240]
		if k := strings.LastIndexByte(t, ' '); k > 0 {
			t = t[:k]
		}
		t += " ..."
	}
	return t
}

// self is the Council about itself.
func (s *exState) self(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) resgraph.Action {
	base.Kind, base.Class, base.Verbs = resgraph.ActionSelf, resgraph.ClassSelf, nil
	base.Target = targetText(p.Text, toks, i, c.last)
	if c.first < c.last {
		s.addDetails(&base, p.Text, toks[c.first].start, c.end)
	}
	return base
}

// decides handles the verb that is a directive only when it binds an actor.
func (s *exState) decides(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) []resgraph.Action {
	base.Class = s.class("decides")
	base.Kind = resgraph.ActionDirective
	base.Verbs = []string{base.Verb}
	// "decides, acting under ..., that": skip to the first that/to at depth 0
	if i < c.last && toks[i].lower != "that" && toks[i].lower != "to" && (toks[i].text == "," || i > c.first) {
		for j := i; j < c.last && j < i+40; j++ {
			if toks[j].depth == 0 && (toks[j].lower == "that" || toks[j].lower == "to") && toks[j-1].text == "," {
				i = j
				break
			}
		}
	}
	if i >= c.last {
		return []resgraph.Action{s.self(p, toks, c, base, i)}
	}
	switch toks[i].lower {
	case "that":
		return s.thatClause(p, toks, c, base, i+1, true)
	default:
		// "decides the three Committees will continue": a that-clause without "that"
		if sa, sb, pred, _ := subjectNP(toks, i, c.last); pred >= 0 && sb > sa && modalWords[toks[pred].lower] && s.actorLike(toks, sa, sb) {
			return s.thatClause(p, toks, c, base, i, true)
		}
	case "to":
		if i+1 >= c.last {
			break
		}
		w := toks[i+1].lower
		if lemma, ok := baseDirective[w]; ok {
			j := i + 2
			if w == "call" && j < c.last && (toks[j].lower == "upon" || toks[j].lower == "on") {
				j++
			}
			if lemma != "decides" {
				base.Verbs = append(base.Verbs, lemma)
				base.Class = s.class(lemma) // "decides to authorize X" is an authorization
			}
			a, b, inf, parens := objectNP(toks, j, c.last)
			if b > a {
				if k := mandateOf(toks, a, b); k > 0 {
					a = k
				}
				if inf >= 0 || s.actorLike(toks, a, b) {
					addrs := s.addressees(p.Text, toks, a, b)
					if len(addrs) > 0 {
						return s.emit(p, toks, c, base, addrs, inf, parens)
					}
				}
			}
			break
		}
		if establishVerbs[w] {
			a, b, inf, parens := objectNP(toks, skipLeadingParen(toks, i+2, c.last), c.last)
			if inf >= 0 && b > a && s.actorLike(toks, a, b) {
				if addrs := s.addressees(p.Text, toks, a, b); len(addrs) > 0 {
					return s.emit(p, toks, c, base, addrs, inf, parens)
				}
			}
			break
		}
		if mandateVerbs[w] {
			// "to extend until 30 June 2014 the authorization that the
			// Security Council provided to the French Forces": the holder
			if ad, ok := s.authorizationHolder(p.Text, toks, i+2, c.last); ok {
				return s.emit(p, toks, c, base, []addr{ad}, -1, nil)
			}
			for j := i + 2; j < c.last && j < i+16; j++ {
				if k := mandateOf(toks, j, c.last); k > 0 && (toks[j].lower == "the" || j == i+2) {
					a, b := k, k
					for b < c.last && !(toks[b].depth == toks[k].depth && (toks[b].text == "," || toks[b].text == ";" || toks[b].lower == "until" || toks[b].lower == "for" || toks[b].lower == "as" || toks[b].lower == "and" && b+1 < c.last && !toks[b+1].upper || infinitiveAt(toks, b, c.last))) {
						b++
					}
					if b > a && s.actorLike(toks, a, b) {
						addrs := s.addressees(p.Text, toks, a, b)
						if len(addrs) > 0 {
							return s.emit(p, toks, c, base, addrs, -1, nil)
						}
					}
					break
				}
			}
		}
	}
	return []resgraph.Action{s.self(p, toks, c, base, i)}
}

// reiterate handles "reiterates its demand that X", "renews its call upon X
// to". ok is false when the verb is not followed by a directive noun.
func (s *exState) reiterate(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) ([]resgraph.Action, bool) {
	if i >= c.last || toks[i].lower != "its" && !(toks[i].lower == "it" && i+1 < c.last && innerNouns[toks[i+1].lower] != "") {
		return nil, false // "it request" is a typo for "its request"
	}
	j := i + 1
	for j < c.last && j < i+5 && toks[j].word && innerNouns[toks[j].lower] == "" {
		j++
	}
	if j >= c.last || innerNouns[toks[j].lower] == "" {
		return nil, false
	}
	inner := innerNouns[toks[j].lower]
	if c.vEnd > c.vStart {
		base.VerbPhrase = strings.ToLower(strings.Join(strings.Fields(p.Text[c.vStart:toks[j].end]), " "))
		base.Marks[0].End = toks[j].end
	}
	k := j + 1
	if k >= c.last {
		return nil, false
	}
	if inner == "decides" {
		if toks[k].lower != "that" {
			return nil, false
		}
		base.Class = s.class("decides")
		base.Kind = resgraph.ActionDirective
		base.Verbs = []string{base.Verb, "decides"}
		return s.thatClause(p, toks, c, base, k+1, true), true
	}
	lemmas := []string{base.Verb, inner}
	cls := s.class(inner)
	switch toks[k].lower {
	case "that":
		base.Kind, base.Class, base.Verbs = resgraph.ActionDirective, cls, lemmas
		return s.thatClause(p, toks, c, base, k+1, false), true
	case "to", "on", "upon", "for":
		if toks[k].lower == "to" && infinitiveAt(toks, k, c.last) {
			return nil, false
		}
		return s.directive(p, toks, c, base, k+1, lemmas, cls), true
	}
	return nil, false
}

// stance is what the Council says of something: condemns, welcomes, notes.
// Its object goes to Target; each actor it is about (stanceTargets) gives
// one action with that actor as Addressee, as a directive gives one per
// addressee. The Council's statements of its own intentions are kind self.
func (s *exState) stance(p *resgraph.Paragraph, toks []ctok, c clause, base resgraph.Action, i int) []resgraph.Action {
	base.Kind, base.Class = resgraph.ActionStance, resgraph.ClassStance
	if i+1 < c.last && toks[i].lower == "its" && selfNouns[toks[i+1].lower] {
		return []resgraph.Action{s.self(p, toks, c, base, i)}
	}
	if i+2 < c.last && toks[i].lower == "its" && selfNouns[toks[i+2].lower] {
		return []resgraph.Action{s.self(p, toks, c, base, i)}
	}
	if strings.HasPrefix(base.VerbPhrase, "remains") && strings.Contains(base.VerbPhrase, "seized") ||
		i < c.last && toks[i].lower == "seized" {
		return []resgraph.Action{s.self(p, toks, c, base, i)}
	}
	base.Target = targetText(p.Text, toks, i, c.last)
	targets := s.stanceTargets(p.Text, toks, i, c.last)
	if len(targets) == 0 {
		return []resgraph.Action{base}
	}
	out := make([]resgraph.Action, 0, len(targets))
	for _, t := range targets {
		a := base
		ref := t.ref
		a.Addressee = &ref
		a.Marks = append(append([]resgraph.Mark(nil), base.Marks...), resgraph.Mark{Role: "addressee", Start: t.start, End: t.end})
		out = append(out, a)
	}
	return out
}
