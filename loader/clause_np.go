package loader

import "strings"

// Word classes the noun-phrase grammar uses to tell where an addressee ends.
var (
	// Words after "to" that show "to" is a preposition, not an infinitive marker.
	notInfinitive = wordSet("the a an all its their his her this that these those such any each every which whom what both " +
		"other international national regional relevant date peace security justice civilians women children " +
		"humanitarian human member states be-ing one two three four five six seven eight nine ten its own " +
		"non-state state local sub-regional subregional united african european paragraph paragraphs resolution resolutions " +
		"article articles annex annexes section chapter decision rule rules letter armed")
	// Words before "to" that make it a preposition: "pursuant to paragraph".
	afterToNotInfinitive = wordSet("pursuant according prior due contrary owing relating related subject " +
		"access contribution contributions support assistance regard respect addition reference response return threat " +
		"threats commitment commitments attention")
	// Words that open a parenthetical after a comma inside an addressee.
	parenStart = wordSet("in with through within under on at by for from as consistent acting including especially notably " +
		"particularly where when if upon while after before taking according pursuant without once given bearing " +
		"building drawing working inter also further still together jointly whenever subject respectively " +
		"individually collectively led supported assisted operating which who whose whom and or where as " +
		"following using based guided recalling noting mindful recognizing recognising cooperating coordinating " +
		"via via, among amongst alongside beyond across during until throughout inclusive notwithstanding " +
		"there therefore thereby that using irrespective regardless unless provided prior vis-à-vis to along per")
	// Modal and base verbs that start a that-clause's predicate ("that all
	// parties cease", "that the Committee shall").
	predicateStart = wordSet("shall should will must may can would could cannot not do does cease take ensure refrain " +
		"comply cooperate allow grant respect provide put end withdraw release implement abide facilitate cut halt stop " +
		"engage desist lay disarm enable permit guarantee observe agree abstain bring prevent protect pursue seek submit " +
		"make continue continues establish hold start resume commit redouble intensify accelerate adhere fulfil fulfill " +
		"meet report inform work support uphold undertake assist be become remain include consider promote adopt review " +
		"keep maintain return open exercise act avoid give honour honor lift freeze deny apply notify exert use play " +
		"address conduct complete create develop expand increase reduce strengthen settle resolve participate verify " +
		"monitor assume carry designate determine investigate prosecute publish share transmit enhance explore identify " +
		"mobilize mobilise launch organize organise reach reaffirm recognize reverse rescind retain revoke step treat " +
		"accept acknowledge proceed move demobilize dismantle hand surrender transfer vacate pay fund contribute finalize " +
		"finalise restore respond reconsider scale seize sign ratify accede join refer free consult coordinate update " +
		"improve render bear collaborate communicate expedite extend also further immediately urgently fully again " +
		"henceforth forthwith promptly swiftly now thereafter unconditionally jointly themselves itself no never " +
		"establishes terminate terminates expire expires apply applies authorize authorise request decide direct " +
		"immediately constitute include includes comprise consist has have is are was were receives encourage urge invite " +
		"notify circulate furnish convey assess examine study prepare present receive transmit reports submits informs " +
		"ensures provides takes keeps continues develops conducts impede obstruct hinder")
	// Head nouns of actors: a phrase ending in one of these names someone.
	actorHeads = wordSet("states state governments government parties party authorities forces force committee " +
		"committees panel group groups mission missions secretary-general council organizations organisations organization " +
		"organisation members member union community communities countries country office envoy " +
		"representative representatives movements movement factions militias leaders leadership actors entities agencies " +
		"agency donors partners court tribunal commission prosecutor registrar president presidents institutions institution " +
		"team teams personnel contingents contributors secretariat bodies body coalition army police government's " +
		"assembly members fund programme program sides side signatories individuals persons coordinator administration " +
		"experts expert monitors mechanism mechanisms peacekeepers troops ombudsperson facilitator mediator " +
		"mediators guarantors witnesses neighbours neighbors stakeholders societies society rebels combatants belligerents " +
		"regime regimes nations unit units brigade")
	// Leading words stripped from an addressee mention ("no member of the
	// Malian Armed Forces" names the Malian Armed Forces).
	quantifierHeads = wordSet("no any each every none all both either neither")
	quantifierNouns = wordSet("member members one ones elements part parts")
	// Mentions that refer back to an earlier addressee.
	backRefs = wordSet("them they it him her both")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// infinitiveAt reports whether toks[i] is "to" opening an infinitive
// ("to finalize", "to fully restore").
func infinitiveAt(toks []ctok, i, end int) bool {
	if i+1 >= end || toks[i].lower != "to" || toks[i].depth != toks[i+1].depth {
		return false
	}
	n := toks[i+1]
	if n.text == ":" || n.text == "," && i+2 < end && (toks[i+2].lower == "and" || toks[i+2].lower == "or") {
		return true // "urges the authorities to:" (a list follows); "to authorize X to, and ..."
	}
	if !n.word || n.upper || notInfinitive[n.lower] || isNumber(n.lower) {
		return false
	}
	if i > 0 && afterToNotInfinitive[toks[i-1].lower] && !(bareVerbs[n.lower] && !isAdverbLy(n.lower)) {
		return false
	}
	w := n.lower
	if strings.HasSuffix(w, "ing") && len(w) > 5 && w != "bring" {
		return false
	}
	for _, suf := range []string{"tion", "sion", "ity", "ness", "ians", "ies", "ments"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return false
		}
	}
	if strings.HasSuffix(w, "ment") && !strings.HasSuffix(w, "plement") && w != "comment" && w != "document" && w != "augment" {
		return false
	}
	return true
}

// bareVerbs are base forms that, right after an actor's head noun, start a
// subjunctive predicate ("the Secretary-General undertake"); words that are
// also common nouns (support, report, work) are left out.
var bareVerbs = wordSet("undertake allow ensure cease refrain comply cooperate provide facilitate implement abide " +
	"withdraw desist disarm guarantee abstain pursue redouble intensify accelerate adhere fulfil fulfill uphold " +
	"refrain grant permit halt immediately urgently fully expeditiously continue take")

// bareVerbAt reports whether toks[j] is a subjunctive verb right after an
// actor's head noun: "all parties allow", "the Secretary-General undertake".
func bareVerbAt(toks []ctok, j, end int) bool {
	t, prev := toks[j], toks[j-1]
	if !t.word || t.upper || !bareVerbs[t.lower] || j+1 >= end || !toks[j+1].word || prev.depth != t.depth {
		return false
	}
	if !prev.word || !(actorHeads[prev.lower] || prev.upper && len(prev.text) > 1) {
		return false
	}
	if isAdverbLy(t.lower) {
		n := toks[j+1]
		return !n.upper && (bareVerbs[n.lower] || predicateStart[n.lower] && !functionWords[n.lower])
	}
	return true
}

// doSoAt returns the tokens of "to do so" / "to that effect" at i, phrases
// of a relative clause inside an addressee ("States that have the capacity
// to do so").
func doSoAt(toks []ctok, i int) int {
	for _, w := range [][]string{{"to", "do", "so"}, {"to", "that", "effect"}, {"to", "this", "effect"}, {"to", "that", "end"}} {
		if matchWords(toks, i, w) {
			return len(w)
		}
	}
	return 0
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
			return false
		}
	}
	return true
}

// isAdverbLy reports whether w is an -ly adverb ("urgently", "fully").
func isAdverbLy(w string) bool {
	if len(w) < 5 || !strings.HasSuffix(w, "ly") {
		return false
	}
	switch w {
	case "assembly", "supply", "italy", "family", "july", "anomaly", "monopoly", "rally", "reply", "ally", "apply", "rely", "only":
		return false
	}
	return true
}

// objectNP reads an addressee phrase at toks[i:end] up to its infinitive:
// "the transitional authorities of Mali, consistent with ..., to finalize".
// It returns the phrase's token span [a,b), the index of the infinitive's
// "to" (or -1), and the spans of parentheticals it skipped (which may name
// partners).
func objectNP(toks []ctok, i, end int) (a, b, inf int, parens [][2]int) {
	a, b, inf = i, -1, -1
	inParen := false
	parenFrom := -1
	firstComma := -1
	rel := -1 // a relative clause or "such as" list inside the phrase: no more coordination after it
	for j := i; j < end; j++ {
		t := toks[j]
		if t.depth > toks[i].depth {
			continue
		}
		if !inParen && rel < 0 && j > i && (t.lower == "who" || t.lower == "which" || t.lower == "whose" || t.lower == "whom" ||
			matchWords(toks, j, []string{"such", "as"})) {
			rel = j
		}
		if n := doSoAt(toks, j); n > 0 {
			j += n - 1
			continue
		}
		if infinitiveAt(toks, j, end) {
			if inParen {
				parens = append(parens, [2]int{parenFrom, j})
			} else {
				b = j
			}
			inf = j
			break
		}
		if !inParen && rel < 0 && j > i+1 && bareVerbAt(toks, j, end) {
			// "requests the Secretary-General undertake a review", "demands all
			// parties allow access": a subjunctive after the addressee ends it
			b, inf = j, j
			break
		}
		if t.text == ";" || t.text == ":" {
			break
		}
		if t.text == "," {
			if firstComma < 0 {
				firstComma = j
			}
			k := j + 1
			if k < end && toks[k].lower == "and" && k+1 < end && (parenStart[toks[k+1].lower] || isAdverbLy(toks[k+1].lower)) {
				k++
			}
			if k >= end {
				break
			}
			if infinitiveAt(toks, k, end) {
				if inParen {
					parens = append(parens, [2]int{parenFrom, j})
				} else {
					b = j
				}
				inf = k
				break
			}
			if inParen && toks[k].lower == "and" && k+1 < end && toks[k+1].word && !parenStart[toks[k+1].lower] && !isAdverbLy(toks[k+1].lower) &&
				!hasWith(toks, parenFrom, j) {
				// ", including through ..., and relevant organizations to": the
				// list resumes; the segment is kept as a paren opening with "and"
				parens = append(parens, [2]int{parenFrom, j})
				parenFrom = k
				continue
			}
			if inParen && includingAt(toks, parenFrom) && pronounAfter(toks, parenFrom) && toks[k].word && !parenStart[toks[k].lower] && !isAdverbLy(toks[k].lower) {
				// "Member States, including those in the region, relevant
				// international organizations to": the list goes on after the
				// "including" phrase; the segment is kept as a paren opening with ","
				parens = append(parens, [2]int{parenFrom, j})
				parenFrom = j
				continue
			}
			if inParen || rel >= 0 {
				continue
			}
			if matchWords(toks, k, []string{"as", "well", "as"}) {
				continue // "X, as well as Y": one more addressee
			}
			if toks[k].lower == "and" && k+1 < end && toks[k+1].word && !parenStart[toks[k+1].lower] && !isAdverbLy(toks[k+1].lower) {
				continue // "Member States, regional, and international organizations"
			}
			if n := shortAdverbial(toks, k, end); n > 0 {
				j = k + n - 1 // ", as appropriate, the States concerned": skip, stay in the phrase
				continue
			}
			if parenStart[toks[k].lower] || isAdverbLy(toks[k].lower) || !toks[k].upper && strings.HasSuffix(toks[k].lower, "ing") && len(toks[k].lower) > 5 {
				inParen = true
				b = j
				parenFrom = k
				continue
			}
			// a further coordinated addressee: "Member States, regional and ..."
			continue
		}
	}
	if inf < 0 {
		// no infinitive: the phrase runs to its first comma
		b = end
		if firstComma >= 0 {
			b = firstComma
		}
		parens = nil
	}
	if b < 0 {
		b = end
	}
	if rel >= 0 && rel < b {
		b = rel
	}
	return a, b, inf, parens
}

// pronounAfter reports whether the "including" / "in particular" phrase at
// toks[k] names a part of the addressee by a pronoun ("including those in
// the region"): the list can resume after it. An explicit list ("in
// particular the United Nations organs, bodies, and agencies") is split by
// the addressee grammar itself.
func pronounAfter(toks []ctok, k int) bool {
	k++
	if toks[k-1].lower == "in" {
		k++
	}
	if k >= len(toks) {
		return false
	}
	switch toks[k].lower {
	case "those", "these", "its", "their", "his", "her":
		return true
	}
	return false
}

// includingAt reports whether toks[k] opens an "including" / "in
// particular" / "notably" phrase.
func includingAt(toks []ctok, k int) bool {
	switch toks[k].lower {
	case "including", "notably", "especially", "particularly":
		return true
	case "in":
		return k+1 < len(toks) && toks[k+1].lower == "particular"
	}
	return false
}

// shortAdverbial returns the length of a short comma-closed adverbial at
// toks[k] ("as appropriate,", "where relevant,", "in particular,"), or 0.
func shortAdverbial(toks []ctok, k, end int) int {
	if k >= end || !(parenStart[toks[k].lower] || isAdverbLy(toks[k].lower)) {
		return 0
	}
	for n := 1; n <= 3 && k+n < end; n++ {
		if toks[k+n].text == "," {
			switch toks[k].lower {
			case "as", "where", "if", "when", "in", "inter", "also", "further", "respectively", "individually", "collectively", "jointly":
				return n + 1
			}
			if isAdverbLy(toks[k].lower) {
				return n + 1
			}
			return 0
		}
		if !toks[k+n].word {
			return 0
		}
	}
	return 0
}

// subjectNP reads the subject of a that-clause at toks[i:end] ("that all
// parties in Mali take ..."): it returns the subject span [a,b), the start of
// the predicate (or -1), and skipped parentheticals.
func subjectNP(toks []ctok, i, end int) (a, b, pred int, parens [][2]int) {
	a, b, pred = i, -1, -1
	inParen := false
	parenFrom := -1
	for j := i; j < end; j++ {
		t := toks[j]
		if t.depth > toks[i].depth {
			continue
		}
		if j > i && t.word && !t.upper && (predicateStart[t.lower] || isAdverbLy(t.lower) && j+1 < end && toks[j+1].word || baseVerbAfterName(toks, j)) &&
			!(j > i && toks[j-1].lower == "to") && !(t.lower == "also" && j+1 < end && toks[j+1].upper) {
			if inParen {
				// a predicate word right after a comma ends the parenthetical
				if toks[j-1].text != "," {
					continue
				}
				parens = append(parens, [2]int{parenFrom, j - 1})
			} else if b < 0 {
				b = j
			}
			pred = j
			break
		}
		if t.text == ";" || t.text == ":" {
			break
		}
		if t.text == "," && !inParen {
			k := j + 1
			if k < end && (parenStart[toks[k].lower] || isAdverbLy(toks[k].lower)) {
				inParen = true
				b = j
				parenFrom = k
			}
		}
	}
	if pred < 0 {
		return a, a, -1, nil
	}
	if b < 0 {
		b = pred
	}
	return a, b, pred, parens
}

// fixedNames are names that contain "and" and must not be split.
var fixedNames = []string{
	"bosnia and herzegovina", "trinidad and tobago", "antigua and barbuda", "saint kitts and nevis",
	"saint vincent and the grenadines", "sao tome and principe", "são tome and principe", "heads of state and government",
	"peace and security", "defence and security", "defense and security", "armed and security", "funds and programmes",
	"funds and programs", "agencies, funds and programmes", "serbia and montenegro", "turks and caicos",
	"analytical support and sanctions monitoring team", "support and follow-up group", "office on drugs and crime",
	"disarmament, demobilization and reintegration", "truth and reconciliation", "economic and social",
	"monitoring and verification", "ceasefire and transitional security", "justice and equality",
	"liberation and justice", "security and stability", "cooperation and development", "peace and reconciliation",
	"armed forces and police", "democratic forces for the liberation", "law and order", "trade and development",
	"heads of state or government", "ministers and", "national unity and transition", "unity and transition", "human rights and fundamental", "mechanism for monitoring and verification",
}

// conjuncts splits the addressee phrase toks[a:b] into coordinated actors
// ("Member States, regional and international organizations" is three),
// returning token spans. A bare modifier borrows the head of the conjunct
// after it: "regional" becomes "regional organizations".
func conjuncts(toks []ctok, text string, a, b int) []npPart {
	if a >= b {
		return nil
	}
	lowerSpan := strings.ToLower(text[toks[a].start:toks[b-1].end])
	protect := func(j int) bool { // is toks[j] (a separator) inside a fixed name?
		for _, f := range fixedNames {
			idx := 0
			for {
				k := strings.Index(lowerSpan[idx:], f)
				if k < 0 {
					break
				}
				s := toks[a].start + idx + k
				if toks[j].start >= s && toks[j].end <= s+len(f) {
					return true
				}
				idx += k + len(f)
			}
		}
		return false
	}
	var parts [][2]int
	from := a
	for j := a; j < b; j++ {
		t := toks[j]
		if t.depth > toks[a].depth {
			continue
		}
		sep := 0
		switch {
		case t.text == "," && j+1 < b && toks[j+1].lower == "and":
			sep = 2
		case t.text == "," && j+1 < b && toks[j+1].lower == "as" && matchWords(toks, j+1, []string{"as", "well", "as"}):
			sep = 4
		case t.text == ",":
			sep = 1
		case t.lower == "and" || t.lower == "or":
			sep = 1
		case matchWords(toks, j, []string{"as", "well", "as"}):
			sep = 3
		}
		if sep == 0 || protect(j) {
			continue
		}
		if j > a && j+1 < b && isNumber(toks[j-1].lower) && isNumber(toks[j+1].lower) {
			continue // "paragraphs 10 and 11"
		}
		if t.lower == "and" && forComplement(toks, from, j, b) {
			// "the High Representative for Mali and the Sahel": one actor
			continue
		}
		if t.lower == "and" && j > a && j+1 < b && toks[j-1].upper && toks[j+1].upper && !headOK(toks[j-1].lower) && j-from == 1 && !isCountryish(toks[j-1]) {
			// "Peace and Security Council", "Defence and Security Forces": one name
			continue
		}
		if j > from {
			parts = append(parts, [2]int{from, j})
		}
		from = j + sep
		j += sep - 1
	}
	if from < b {
		parts = append(parts, [2]int{from, b})
	}
	// "States Members of the United Nations or of the specialized agencies": a
	// conjunct opening "of" continues the previous noun's complement
	// complement ("the mandate of UNOCI and of the French forces" names the
	// French forces; "the Governments of Iran and of the United States" the
	// Government of the United States)
	pre := make([]string, len(parts))
	for k := 1; k < len(parts); k++ {
		if toks[parts[k][0]].lower != "of" || parts[k][1]-parts[k][0] < 2 {
			continue
		}
		noun := -1 // the noun before the previous conjunct's "of"
		for j := parts[k-1][0]; j < parts[k-1][1]; j++ {
			if toks[j].lower == "of" && toks[j].depth == toks[parts[k-1][0]].depth {
				noun = j - 1
				break
			}
		}
		switch {
		case noun < parts[k-1][0]:
			parts[k][0]++ // no complement to continue: "of the French forces" is the French forces
		case distributive[toks[noun].lower] != "":
			pre[k] = distributive[toks[noun].lower] + " "
			if toks[noun].upper {
				pre[k] = strings.ToUpper(pre[k][:1]) + pre[k][1:]
			}
		default:
			parts[k-1][1] = parts[k][1]
			parts = append(parts[:k], parts[k+1:]...)
			pre = append(pre[:k], pre[k+1:]...)
			k--
		}
	}
	out := make([]npPart, 0, len(parts))
	for pi, p := range parts {
		if pre[pi] != "" {
			out = append(out, npPart{a: p[0], b: p[1], pre: pre[pi]})
			continue
		}
		if w := toks[p[0]].lower; (parenStart[w] && w != "as" || w == "as" && p[1]-p[0] <= 3 || isAdverbLy(w)) && !toks[p[0]].upper {
			continue // an adverbial left inside the phrase: "as appropriate"
		}
		out = append(out, npPart{a: p[0], b: p[1]})
	}
	// "States of residence and nationality", "international organizations and
	// bodies": a bare noun after such a phrase belongs to it
	for k := 1; k < len(out); k++ {
		p, q := out[k], out[k-1]
		if p.b-p.a != 1 || toks[p.a].upper || !toks[p.a].word {
			continue
		}
		w := toks[p.a].lower
		abstract := strings.HasSuffix(w, "ity") || strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "ence") || strings.HasSuffix(w, "ship")
		generic := (w == "bodies" || w == "entities" || w == "arrangements" || w == "agencies" || w == "institutions" || w == "mechanisms") &&
			q.b-q.a >= 2 && !toks[q.a].upper && !isDeterminer(toks[q.a].lower)
		if abstract && hasPreposition(toks, q.a, q.b) || generic {
			out[k-1].b = p.b
			out = append(out[:k], out[k+1:]...)
			k--
		}
	}
	// a bare modifier ("regional", "humanitarian") takes the next conjunct's head
	for k := len(out) - 2; k >= 0; k-- {
		p := out[k]
		l := toks[p.b-1]
		nextHead := strings.ToLower(toks[out[k+1].b-1].text)
		// "the presidential majority and the opposition": a conjunct before a
		// determined one is a whole noun phrase, not a bare modifier
		modifier := l.word && !l.upper && !headOK(l.lower) && !backRefs[l.lower] && !quantifierHeads[l.lower] && !isDeterminer(l.lower) && !hasPreposition(toks, p.a, p.b) &&
			!(p.b-p.a >= 2 && isDeterminer(toks[p.a].lower) && isDeterminer(toks[out[k+1].a].lower))
		placeName := p.b-p.a == 1 && l.upper && !isDeterminer(toks[out[k+1].a].lower) && (nextHead == "states" || nextHead == "countries" || nextHead == "governments" ||
			demonym(l.lower) && (demonym(toks[out[k+1].a].lower) || !toks[out[k+1].a].upper))
		if strings.HasSuffix(l.text, "-") && toks[out[k+1].a].word {
			// "troop- and police-contributing countries"
			nt := toks[out[k+1].a].text
			if h := strings.IndexByte(nt, '-'); h > 0 {
				out[k].head = nt[h+1:]
				if out[k+1].b-out[k+1].a > 1 {
					out[k].head += " " + toks[out[k+1].b-1].text
				}
				out[k].glue = true
			} else if n := out[k+1]; n.b-n.a > 1 {
				// "troop- and police contributing countries"
				out[k].head, out[k].glue = text[toks[n.a+1].start:toks[n.b-1].end], true
			}
			continue
		}
		if nt := toks[out[k+1].a]; modifier && p.b-p.a == 1 && nt.word && !nt.upper && strings.IndexByte(nt.text, '-') > 0 && strings.HasSuffix(nt.lower, "ing") {
			// "troop and police-contributing countries"
			h := strings.IndexByte(nt.text, '-')
			out[k].head = nt.text[h:]
			if out[k+1].b-out[k+1].a > 1 {
				out[k].head += " " + toks[out[k+1].b-1].text
			}
			out[k].glue = true
			continue
		}
		if modifier || placeName {
			next := out[k+1]
			if (next.b-next.a >= 2 || next.head != "") && toks[next.b-1].word {
				out[k].head = toks[next.b-1].text
				if h := headIndex(toks, next.a, next.b); h > next.a {
					// the next conjunct minus its own modifier: "troop and police
					// contributing countries" -> "troop contributing countries"
					out[k].head = text[toks[next.a+1].start:toks[h].end]
					if w := toks[next.a+1].lower; strings.HasSuffix(w, "ing") && modifierING[w] && !toks[next.a].upper {
						// "troop and police contributing countries": troop-contributing countries
						out[k].head, out[k].glue = "-"+out[k].head, true
					}
				}
				if next.head != "" {
					out[k].head = next.head
				}
			}
		}
	}
	return out
}

// distributive are plural heads whose "of" complements name one actor each:
// "the Governments of Iran and of the United States" are two Governments.
var distributive = map[string]string{"governments": "government", "presidents": "president", "leaders": "leaders", "authorities": "authorities",
	"peoples": "people", "parliaments": "parliament"}

// npPart is one conjunct of an addressee phrase: tokens [a,b), plus a head
// borrowed from the next conjunct ("regional" + "organizations").
type npPart struct {
	a, b int
	pre  string // a noun put before "of ...": "Government " + "of the United States"
	head string
	glue bool // head joins without a space ("troop-" + "contributing countries")
}

func headOK(w string) bool { return actorHeads[w] || strings.HasSuffix(w, "s") && len(w) > 3 }

func isCountryish(t ctok) bool { return t.upper && len(t.text) > 2 }

// forComplement reports whether the "and" at toks[j] joins two places after
// "for" ("Special Envoy for Mali and the Sahel"): the conjunct since from has
// a "for" and what follows is a short proper name.
func forComplement(toks []ctok, from, j, b int) bool {
	hasFor := false
	for k := from; k < j; k++ {
		if (toks[k].lower == "for" || toks[k].lower == "on" || toks[k].lower == "against" || toks[k].lower == "in") && k+1 < j && toks[k+1].upper {
			hasFor = true
		}
	}
	if !hasFor {
		return false
	}
	k := j + 1
	if k < b && toks[k].lower == "the" {
		k++
	}
	n := 0
	for k < b && toks[k].word && toks[k].upper {
		k++
		n++
	}
	if n > 0 && actorHeads[toks[k-1].lower] {
		return false // "the Jewish Agency for Palestine and the Arab Higher Committee": two actors
	}
	return n >= 1 && n <= 3 && (k == b || !toks[k].word || toks[k].lower == "and")
}

// hasPreposition reports whether toks[a:b] has a preposition: "countries of
// the region" is a whole phrase, not a modifier waiting for a head.
func hasPreposition(toks []ctok, a, b int) bool {
	for j := a; j < b; j++ {
		switch toks[j].lower {
		case "of", "in", "on", "for", "from", "with", "to", "at", "by":
			return true
		}
	}
	return false
}

// functionWords never start a predicate.
var functionWords = wordSet("of and or the a an in on at to for from with by as all any each every its their his her " +
	"this that these those such other which who whose whom both either neither nor but than including between among " +
	"concerned involved within without under over into upon across against through during until")

// baseVerbAfterName reports whether toks[j] reads as the base verb of a
// that-clause right after a name: "the Members of the United Nations
// furnish", "all parties in Mali take".
func baseVerbAfterName(toks []ctok, j int) bool {
	if j == 0 || !toks[j-1].upper || !toks[j-1].word {
		return false
	}
	// the name must close a complement ("of the United Nations", "in Mali")
	// or be an acronym; "Malian rebel groups" is a modifier and its noun
	acronym := strings.ToUpper(toks[j-1].text) == toks[j-1].text && len(toks[j-1].text) > 1
	complement := false
	for k := j - 1; k >= 0 && k > j-6; k-- {
		if toks[k].lower == "of" || toks[k].lower == "in" {
			complement = true
			break
		}
		if !toks[k].upper && toks[k].lower != "the" {
			break
		}
	}
	if !acronym && !complement {
		return false
	}
	w := toks[j].lower
	if functionWords[w] || actorHeads[w] || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") ||
		strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ive") || strings.HasSuffix(w, "ous") || isNumber(w) {
		return false
	}
	return true
}

// hasWith reports whether toks[a:b] has "with": a partner parenthetical
// ("in coordination with X, Y, and Z") whose list goes on after a comma.
func hasWith(toks []ctok, a, b int) bool {
	for j := a; j < b; j++ {
		if toks[j].lower == "with" {
			return true
		}
	}
	return false
}

// preCut ends an addressee phrase toks[a:b] at a relative clause or a
// participle phrase before it is split into conjuncts: in "parties to armed
// conflict listed in the annexes ... on children and armed conflict", the
// second "and" is not a coordination of addressees.
func preCut(toks []ctok, a, b int) int {
	for j := a + 1; j < b; j++ {
		t := toks[j]
		if t.depth > toks[a].depth || !t.word || t.upper {
			continue
		}
		content := false
		for k := a; k < j; k++ {
			if toks[k].word && !isDeterminer(toks[k].lower) && !quantifierHeads[toks[k].lower] {
				content = true
			}
		}
		if !content {
			continue // "all concerned": the participle is the addressee
		}
		if strings.HasSuffix(t.lower, "ing") && len(t.lower) > 5 {
			prev := toks[j-1]
			// a modifier is followed by the phrase's last noun: "police contributing countries (to|,)"
			modifier := modifierING[t.lower] && j+1 < b && toks[j+1].word && (j+2 >= b || !toks[j+2].word || toks[j+2].lower == "to")
			if !modifier && (!modifierING[t.lower] || prev.word && (prev.upper || headOK(prev.lower))) {
				return j // "the organisation delivering assistance", "countries contributing troops"
			}
		}
		switch t.lower {
		case "who", "which", "whose", "whom", "listed", "established", "created", "referred", "mentioned", "designated",
			"acting", "operating", "working", "mandated", "deployed", "authorized", "authorised",
			"extended", "renewed":
			return j
		case "that":
			if j+1 < b && !toks[j+1].upper {
				return j
			}
		}
	}
	return b
}

// modifierING are -ing words that modify a following noun rather than open
// a participle phrase: "neighbouring countries", "troop-contributing
// countries".
var modifierING = wordSet("neighbouring neighboring peacekeeping peacebuilding contributing remaining following governing " +
	"ruling fighting bordering receiving sending warring monitoring building existing emerging developing leading " +
	"transitioning implementing sanctioning coordinating reporting bordering participating negotiating hosting " +
	"troop-contributing police-contributing troop- police- including")

// demonym reports whether w (lower case) looks like a nationality
// adjective: "ugandan", "rwandan", "congolese", "israeli".
func demonym(w string) bool {
	for _, suf := range []string{"an", "ese", "ish"} {
		if strings.HasSuffix(w, suf) && len(w) > 4 {
			return true
		}
	}
	return false
}
