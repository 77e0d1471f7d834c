package loader

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// Patterns are compiled once; FindReferences runs over every paragraph of the
// corpus.
var (
	// reResItem is one item of a resolution list, right after the trigger or
	// a separator: "2056 (2012)", "58/82", "293 (IV)", "1373", "S-17/1".
	reResItem = regexp.MustCompile(`^(?:[A-Z]{1,3}-\d{1,2}/\d{1,4}|\d{1,4}/\d{1,4}|\d{1,4})(?:\s*\((?:\d{4}|[IVXL]{1,6})\))?`)
	// reResSep separates items of a list: ", ", " and ", ", and ", " as well as ".
	reResSep = regexp.MustCompile(`^(?:\s*,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)`)
	// reResDate skips the date some lists give after an item: "242 (1967) of
	// 22 November 1967 and 338 (1973)".
	reResDate = regexp.MustCompile(`^\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}`)
	// reSymbol finds literal UN document symbols: S/2012/894, S/PRST/2012/7,
	// S/RES/2085 (2012), A/RES/58/82, A/67/775, S/5002, S/AC.26/1991/1,
	// S/2012/894/Add.1.
	reSymbol = regexp.MustCompile(`^[SAE](?:/[A-Z]{2,5}(?:\.\d+)?)*(?:/\d+)+(?:/(?:Add|Corr|Rev|Amend)\.\d+)*(?:\s?\(\d{4}\))?`)
	// reParaRef finds internal paragraph references:
	// "paragraph 23 below", "paragraphs 3 and 4 above", "paragraph 9 (b)".
	// It runs on the ASCII-lowered text, anchored where "paragraph" starts.
	reParaRef = regexp.MustCompile(`^paragraphs?\s+(\d{1,3}(?:\s?\([a-z]{1,4}\))*(?:(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+to\s+|\s+or\s+)(?:\d{1,3}(?:\s?\([a-z]{1,4}\))*|\([a-z]{1,4}\)))*)`)
	reParaNum = regexp.MustCompile(`\d{1,3}|\([a-z]{1,4}\)|\bto\b`)
	// reAcronym finds a bracketed acronym: "(AFISMA)", "(ECOWAS)", "(MUJWA)".
	reAcronym = regexp.MustCompile(`^\(([A-Z][A-Za-z0-9&'’.\-]*[A-Z0-9])\)`)
)

// relationPhrases maps citing phrases, lower case, to the Reference relation.
// The nearest one before a mention in its clause wins; otherwise the
// paragraph's Lead decides; otherwise "cites".
var relationPhrases = []struct{ phrase, relation string }{
	{"recalling", "recalls"}, {"recalls", "recalls"}, {"recall", "recalls"},
	{"reaffirming", "reaffirms"}, {"reaffirms", "reaffirms"},
	{"reiterating", "reaffirms"}, {"reiterates", "reaffirms"},
	{"pursuant to", "pursuant to"},
	{"taking note", "takes note of"}, {"takes note", "takes note of"}, {"take note", "takes note of"},
	{"noting", "notes"}, {"notes", "notes"},
	{"welcoming", "welcomes"}, {"welcomes", "welcomes"},
	{"acting under", "acting under"},
	{"in accordance with", "in accordance with"}, {"consistent with", "in accordance with"},
	{"in conformity with", "in accordance with"}, {"as set out in", "in accordance with"},
	{"as provided for in", "in accordance with"}, {"in line with", "in accordance with"},
	{"endorsing", "endorses"}, {"endorses", "endorses"},
	{"having considered", "considers"}, {"having examined", "considers"}, {"considering", "considers"},
	{"bearing in mind", "bears in mind"},
	{"contained in", "cites"}, {"referred to in", "cites"},
	{"in implementation of", "implements"}, {"implementation of", "implements"}, {"implement", "implements"},
	{"extends", "extends"}, {"renews", "extends"},
	{"re-affirming", "reaffirms"}, {"re-affirms", "reaffirms"},
	{"imposed by", "imposed by"}, {"imposed in", "imposed by"}, {"imposed under", "imposed by"},
	{"authorized by", "authorized by"}, {"authorized in", "authorized by"}, {"authorized under", "authorized by"},
	{"established by", "established by"}, {"established in", "established by"}, {"established under", "established by"},
	{"amended by", "amended by"}, {"modified by", "amended by"}, {"as required by", "in accordance with"},
	{"in violation of", "violates"}, {"in breach of", "violates"},
	{"deploring", "deplores"}, {"condemning", "condemns"}, {"condemns", "condemns"},
	{"approves", "approves"}, {"approving", "approves"},
}

// phrasesByFirstWord indexes relationPhrases by their first word, longest
// phrase first.
var phrasesByFirstWord = func() map[string][]struct{ phrase, relation string } {
	m := map[string][]struct{ phrase, relation string }{}
	for _, rp := range relationPhrases {
		// Keyed like the scan reads words: the leading run of letters ("re" of "re-affirming").
		j := 0
		for j < len(rp.phrase) && isASCIILetterRef(rp.phrase[j]) {
			j++
		}
		m[rp.phrase[:j]] = append(m[rp.phrase[:j]], rp)
	}
	for _, list := range m {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].phrase) > len(list[j].phrase) })
	}
	return m
}()

func isASCIILetterRef(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// FindReferences returns every document the paragraphs of doc cite, one
// Reference per cited symbol and mention, in paragraph order, and every
// internal paragraph reference ("paragraph 23 below": Relation "refers to",
// Target "op23", and as Symbol the document's own symbol, so a scorer that
// drops a document's own symbols — the gold score.py — does not count it as a
// citation; tell internal references by their non-empty Target). Citations of
// the document's own symbols are left out; a resolution cited by number
// without a year is left out.
func FindReferences(doc *resgraph.Document) []resgraph.Reference {
	own := map[string]bool{}
	for _, s := range doc.Symbols() {
		if s != "" {
			own[refSymKey(string(s))] = true
		}
	}
	ids := make(map[string]bool, len(doc.Paragraphs))
	for _, p := range doc.Paragraphs {
		ids[p.ID] = true
	}
	out := []resgraph.Reference{}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Kind == resgraph.ParaHeading || p.Text == "" {
			continue
		}
		f := refFinder{p: p, lower: refLower(p.Text), own: own, self: doc.Symbol}
		f.resolutions()
		f.symbols()
		f.internal(ids)
		sortRefsByStart(f.refs)
		out = append(out, f.refs...)
	}
	return out
}

type refFinder struct {
	p     *resgraph.Paragraph
	lower string
	own   map[string]bool
	self  resgraph.Symbol // the citing document: the Symbol of internal references
	refs  []resgraph.Reference
	spans [][2]int // spans already cited, so a literal symbol is not cited twice
}

func (f *refFinder) add(sym resgraph.Symbol, target, relation string, start, end int) {
	if sym != "" && f.own[refSymKey(string(sym))] {
		return
	}
	for _, s := range f.spans {
		if start < s[1] && end > s[0] {
			return
		}
	}
	f.spans = append(f.spans, [2]int{start, end})
	num := f.p.Number
	if f.p.Kind == resgraph.ParaPreambular {
		num = ""
	}
	f.refs = append(f.refs, resgraph.Reference{
		Symbol: sym, Relation: relation, Paragraph: num, ParagraphID: f.p.ID, Target: target,
		Mention: f.p.Text[start:end], Start: start, End: end,
	})
}

// resIssuer is the body whose resolutions a list cites.
type resIssuer int

const (
	bySC resIssuer = iota
	byGA
	byECOSOC
	byHRC
	byOther
)

// issuerBefore reads the words right before "resolution" at i.
func (f *refFinder) issuerBefore(i int) (resIssuer, int) {
	lo := max(0, i-60)
	before := strings.TrimRight(f.lower[lo:i], " ")
	start := i
	for _, c := range []struct {
		suffix string
		who    resIssuer
	}{
		{"general assembly", byGA}, {"general assembly's", byGA}, {"assembly", byGA},
		{"economic and social council", byECOSOC}, {"human rights council", byHRC},
		{"commission on human rights", byOther}, {"security council", bySC}, {"council", bySC},
		{"its", bySC}, {"the", bySC}, {"and", bySC}, {"of", bySC}, {"in", bySC}, {"to", bySC}, {"with", bySC},
		{"under", bySC}, {"by", bySC}, {"recalling", bySC}, {"recalls", bySC}, {"reaffirming", bySC},
		{"previous", bySC}, {"relevant", bySC}, {"pertinent", bySC}, {"subsequent", bySC}, {"all", bySC},
		{"on", bySC}, {"this", bySC}, {"these", bySC}, {"earlier", bySC}, {"related", bySC},
	} {
		if strings.HasSuffix(before, c.suffix) && (len(before) == len(c.suffix) || !isRefWordByte(before[len(before)-len(c.suffix)-1])) {
			if c.who != bySC {
				start = lo + len(before) - len(c.suffix)
				if c.suffix == "assembly" || c.suffix == "council" {
					start = i // "Assembly resolution" alone: mention from "resolution"
				}
			}
			return c.who, start
		}
	}
	// Another body's resolution ("OAU resolution", "IAEA resolution") when a
	// capitalized word stands right before.
	if j := strings.LastIndexByte(before, ' '); len(before) > 0 && isRefWordByte(before[len(before)-1]) {
		w := f.p.Text[lo+j+1 : lo+len(before)]
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			return byOther, start
		}
	}
	return bySC, start
}

// resolutions finds "resolution(s) N (YYYY)[, N (YYYY)] and N (YYYY)".
func (f *refFinder) resolutions() {
	t := f.p.Text
	for _, m := range wordIndexes(f.lower, "resolution") {
		if m[1] < len(t) && t[m[1]] == 's' {
			m[1]++
		}
		if m[1] < len(t) && isRefWordByte(t[m[1]]) {
			continue // "resolutional"
		}
		who, mstart := f.issuerBefore(m[0])
		pos := m[1]
		first := true
		for {
			rest := t[pos:]
			sp := 0
			if first {
				sp = len(rest) - len(strings.TrimLeft(rest, " "))
				if sp == 0 {
					break
				}
			} else {
				sep := reResSep.FindString(rest)
				if sep == "" {
					// "1894 (2009) on the protection of civilians in armed
					// conflict, and 1502 (2003) on ...": the list goes on after
					// a topic phrase
					k := topicSkip(rest)
					if k <= 0 {
						break
					}
					pos += k
					rest = t[pos:]
					sep = reResSep.FindString(rest)
				}
				sp = len(sep)
			}
			im := reResItem.FindStringIndex(rest[sp:])
			if im == nil {
				break
			}
			s, e := pos+sp, pos+sp+im[1]
			// Don't run into a number that is not a resolution: "resolution
			// 1267 (1999) and 10 other ..." has no year, so it is left out.
			sym := resolutionSymbol(t[s:e], who)
			start := s
			if first {
				start = mstart
			}
			if sym != "" {
				f.add(sym, "", f.relation(start), start, e)
			}
			first = false
			pos = e
			if d := reResDate.FindStringIndex(t[pos:]); d != nil {
				pos += d[1]
			}
		}
	}
}

// reResTopic is the start of a topic phrase after a cited resolution.
var reResTopic = regexp.MustCompile(`^\s+(?:on|concerning|regarding|relating to|related to)\s`)

// reResNext is a further dated resolution number after a topic phrase.
var reResNext = regexp.MustCompile(`(?:\s*,\s*(?:and\s+)?|\s+and\s+)\d{1,4}\s*\(\d{4}\)`)

// topicSkip returns how far to skip in rest (after a cited resolution) to
// reach the separator before the next dated number of the same list, or 0:
// the topic phrase must be short and hold no other citation or sentence end.
func topicSkip(rest string) int {
	if !reResTopic.MatchString(rest) {
		return 0
	}
	lim := rest
	if len(lim) > 200 {
		lim = lim[:200]
	}
	if k := strings.IndexAny(lim, ";.:("); k >= 0 {
		// the next item's "(YYYY)" is allowed: cut at the first "(" not
		// preceded by a number
		if lim[k] != '(' {
			lim = lim[:k]
		}
	}
	m := reResNext.FindStringIndex(lim)
	if m == nil || strings.Contains(strings.ToLower(lim[:m[0]]), "resolution") || strings.ContainsAny(lim[:m[0]], ";.:()") {
		return 0
	}
	return m[0]
}

// resolutionSymbol turns a list item into a symbol: "2056 (2012)" ->
// "S/RES/2056 (2012)", "58/82" -> "A/RES/58/82", "293 (IV)" -> "A/RES/293(IV)".
// An item without a year, or of an unknown body, gives "".
func resolutionSymbol(item string, who resIssuer) resgraph.Symbol {
	num, paren, _ := strings.Cut(item, "(")
	num = strings.TrimSpace(num)
	paren = strings.TrimSuffix(strings.TrimSpace(paren), ")")
	if j := strings.IndexByte(paren, ')'); j >= 0 {
		paren = paren[:j] // "1514 (XV) A" style suffixes go
	}
	isYear := len(paren) == 4 && paren[0] >= '1' && paren[0] <= '2'
	isRoman := paren != "" && strings.Trim(paren, "IVXL") == ""
	slash := strings.Contains(num, "/")
	if strings.ContainsAny(num, " ") {
		num = strings.Fields(num)[0]
	}
	switch who {
	case bySC:
		switch {
		case isYear && !slash:
			return resgraph.Symbol("S/RES/" + num + " (" + paren + ")")
		case isRoman && !slash:
			return resgraph.Symbol("A/RES/" + num + "(" + paren + ")") // early General Assembly style
		case slash:
			return resgraph.Symbol("A/RES/" + num)
		}
	case byGA:
		switch {
		case isRoman && !slash:
			return resgraph.Symbol("A/RES/" + num + "(" + paren + ")")
		case slash:
			return resgraph.Symbol("A/RES/" + num)
		}
	case byECOSOC:
		if slash {
			return resgraph.Symbol("E/RES/" + num)
		}
	case byHRC:
		if slash {
			return resgraph.Symbol("A/HRC/RES/" + num)
		}
	}
	return ""
}

// symbols finds literal document symbols.
func (f *refFinder) symbols() {
	t := f.p.Text
	for i := 0; i+2 < len(t); i++ {
		c := t[i]
		if t[i+1] != '/' || c != 'S' && c != 'A' && c != 'E' || i > 0 && isRefWordByte(t[i-1]) {
			continue
		}
		loc := reSymbol.FindStringIndex(t[i:])
		if loc == nil {
			continue
		}
		m := [2]int{i, i + loc[1]}
		i = m[1] - 1
		raw := t[m[0]:m[1]]
		sym := normalizeSymbol(raw)
		if sym == "" {
			continue
		}
		f.add(sym, "", f.relation(m[0]), m[0], m[1])
	}
}

// normalizeSymbol writes a literal symbol in its normal form: "S/RES/1373(2001)"
// -> "S/RES/1373 (2001)"; a bare "S/RES/1373" without year gives "".
func normalizeSymbol(raw string) resgraph.Symbol {
	raw = strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(raw, "S/RES/"); ok {
		num, year, ok := strings.Cut(rest, "(")
		if !ok {
			return ""
		}
		return resgraph.Symbol("S/RES/" + strings.TrimSpace(num) + " (" + strings.TrimSuffix(year, ")") + ")")
	}
	if i := strings.IndexByte(raw, '('); i >= 0 {
		raw = strings.TrimSpace(raw[:i]) // "A/RES/58/82 (2003)": the year is not part of the symbol
	}
	if strings.Count(raw, "/") < 1 {
		return ""
	}
	return resgraph.Symbol(raw)
}

// internal finds "paragraph 23 below", "paragraphs 3 and 4 above" and
// "paragraph 9 (b)" pointing into this document. A paragraph "of resolution
// 1267 (1999)", "of the report" or "of annex I" belongs to another text and
// is left out, as is a number this document has no paragraph for.
func (f *refFinder) internal(ids map[string]bool) {
	t := f.p.Text
	prefix := "op"
	if f.p.Kind == resgraph.ParaAnnex {
		prefix = "annex"
	}
	for _, at := range wordIndexes(f.lower, "paragraph") {
		start := at[0]
		if start >= 4 && f.lower[start-4:start] == "sub-" {
			start -= 4
		} else if start >= 3 && f.lower[start-3:start] == "sub" {
			start -= 3
		}
		loc := reParaRef.FindStringSubmatchIndex(f.lower[at[0]:])
		if loc == nil {
			continue
		}
		m := make([]int, len(loc))
		for k, v := range loc {
			m[k] = v + at[0]
		}
		m[0] = start
		after := strings.ToLower(strings.TrimLeft(t[m[1]:], " "))
		if strings.HasPrefix(after, "of ") && !strings.HasPrefix(after, "of this ") && !strings.HasPrefix(after, "of the present ") {
			continue
		}
		if strings.HasPrefix(after, "(") { // "paragraph 4 (2012)": not a sub-item
			continue
		}
		list := t[m[2]:m[3]]
		var targets []string
		last, lastNum := "", 0
		rangeNext := false
		for _, tok := range reParaNum.FindAllString(list, -1) {
			switch {
			case tok == "to":
				rangeNext = true
			case tok[0] == '(':
				if last != "" {
					base := last
					if i := strings.IndexByte(base, '('); i >= 0 {
						base = base[:i]
					}
					if len(targets) > 0 && targets[len(targets)-1] == base {
						targets = targets[:len(targets)-1] // "9 (b)" replaces "9"
					}
					targets = append(targets, base+tok)
					last = base + tok
				}
			default:
				n, _ := strconv.Atoi(tok)
				if rangeNext && lastNum > 0 && n > lastNum && n-lastNum <= 20 {
					for k := lastNum + 1; k < n; k++ {
						targets = append(targets, prefix+strconv.Itoa(k))
					}
				}
				rangeNext = false
				lastNum = n
				last = prefix + tok
				targets = append(targets, last)
			}
		}
		for _, target := range targets {
			if !ids[target] {
				if i := strings.IndexByte(target, '('); i >= 0 && ids[target[:i]] {
					target = target[:i]
				} else {
					continue
				}
			}
			// Each target is its own reference over the same mention.
			f.refs = append(f.refs, resgraph.Reference{
				Symbol: f.self, Relation: "refers to", Paragraph: refParaNumber(f.p), ParagraphID: f.p.ID, Target: target,
				Mention: t[m[0]:m[3]], Start: m[0], End: m[3],
			})
		}
	}
}

func refParaNumber(p *resgraph.Paragraph) string {
	if p.Kind == resgraph.ParaPreambular {
		return ""
	}
	return p.Number
}

// relation is the citing phrase nearest before offset at in its clause, or
// the paragraph's Lead, or "cites".
func (f *refFinder) relation(at int) string {
	lo := strings.LastIndexByte(f.lower[:at], ';') + 1
	lo = max(lo, at-400) // a citing phrase stands close to what it cites
	window := f.lower[lo:at]
	best := ""
	// Walk the words backwards; the first that starts a citing phrase wins.
	for i := len(window) - 1; i >= 0 && best == ""; i-- {
		if !isASCIILetterRef(window[i]) || i > 0 && isASCIILetterRef(window[i-1]) {
			continue
		}
		j := i
		for j < len(window) && isASCIILetterRef(window[j]) {
			j++
		}
		for _, rp := range phrasesByFirstWord[window[i:j]] {
			e := i + len(rp.phrase)
			if strings.HasPrefix(window[i:], rp.phrase) && (e == len(window) || !isRefWordByte(window[e])) {
				best = rp.relation
				break
			}
		}
	}
	if best != "" {
		return best
	}
	lead := strings.ToLower(f.p.Lead)
	for _, rp := range relationPhrases {
		if strings.HasPrefix(lead, rp.phrase) || strings.HasSuffix(lead, rp.phrase) {
			return rp.relation
		}
	}
	return "cites"
}

// sortRefsByStart orders a paragraph's references by position (insertion sort: a
// paragraph has few).
func sortRefsByStart(refs []resgraph.Reference) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].Start < refs[j-1].Start; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}

// refSymKey compares symbols ignoring spaces and case, as the scorer does.
func refSymKey(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// FindDefinitions returns the acronyms doc defines for itself, each once (the
// first definition wins): "African-led International Support Mission in Mali
// (AFISMA)" gives {AFISMA, African-led International Support Mission in
// Mali}. Actor is left empty; Registry.ResolveDefinitions fills it.
func FindDefinitions(doc *resgraph.Document) []resgraph.Definition {
	var out []resgraph.Definition
	seen := map[string]bool{}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		for i := 0; i < len(p.Text); {
			j := strings.IndexByte(p.Text[i:], '(')
			if j < 0 {
				break
			}
			at := i + j
			i = at + 1
			if short, end := quotedShortForm(p.Text[at:]); short != "" {
				if long := quotedLongForm(p.Text[:at], short); long != "" && !seen[short] {
					seen[short] = true
					out = append(out, resgraph.Definition{Acronym: short, Name: long, Paragraph: p.ID})
				}
				i = at + end
				continue
			}
			m := reAcronym.FindStringSubmatchIndex(p.Text[at:])
			if m == nil {
				continue
			}
			for k := range m {
				m[k] += at
			}
			acr := p.Text[m[2]:m[3]]
			if seen[acr] || !isRefAcronym(acr) {
				continue
			}
			name := acronymLongForm(p.Text[:m[0]], acr)
			name = strings.TrimSuffix(strings.TrimSuffix(name, "’s"), "'s") // "Caribbean Community’s (CARICOM)"
			if name == "" {
				continue
			}
			seen[acr] = true
			out = append(out, resgraph.Definition{Acronym: acr, Name: name, Paragraph: p.ID})
		}
	}
	return out
}

// quotedShortForm reads a quoted short form at the start of s: "(“the
// Committee”)", "(herein “the Committee”)", "(hereinafter referred to as
// "the Panel")". It returns the short form without quotes ("the Committee")
// and the length of the bracket, or "" when s holds none.
func quotedShortForm(s string) (string, int) {
	rest := strings.TrimPrefix(s, "(")
	for _, p := range []string{"hereinafter referred to as ", "hereinafter ", "hereafter ", "herein ", "the "} {
		rest = strings.TrimPrefix(rest, p)
	}
	var closeQ string
	switch {
	case strings.HasPrefix(rest, "“"):
		rest, closeQ = rest[len("“"):], "”"
	case strings.HasPrefix(rest, "\""):
		rest, closeQ = rest[1:], "\""
	default:
		return "", 0
	}
	j := strings.Index(rest, closeQ)
	if j <= 0 || j > 80 || !strings.HasPrefix(rest[j+len(closeQ):], ")") {
		return "", 0
	}
	short := strings.TrimSpace(rest[:j])
	if short == "" || !(short[0] >= 'A' && short[0] <= 'Z' || strings.HasPrefix(short, "the ")) {
		return "", 0
	}
	return short, len(s) - len(rest) + j + len(closeQ) + 1
}

// quotedLongForm finds what a quoted short form stands for in the text
// before it: from the last use of its head word ("Committee"), widened over
// the capitalized words before it ("Security Council Committee"), to the
// bracket.
func quotedLongForm(before, short string) string {
	// A quoted acronym ("the APPR") is defined like a bracketed one, or not at all.
	if acr := strings.TrimPrefix(short, "the "); !strings.Contains(acr, " ") && isRefAcronym(acr) {
		return acronymLongForm(before, acr)
	}
	// The head noun: "Panel" of "Panel of experts", "Committee" of "the Committee".
	np, _, _ := strings.Cut(short, " of ")
	words := strings.Fields(np)
	head := words[len(words)-1]
	before = strings.TrimRight(before, " ,")
	lo := max(0, len(before)-300)
	i := strings.LastIndex(before[lo:], head)
	if i < 0 {
		i = strings.LastIndex(refLower(before[lo:]), refLower(head))
	}
	if i < 0 {
		// Not named by its head: the noun phrase after the last article.
		w := refLower(before[max(0, len(before)-80):])
		j := max(strings.LastIndex(w, " a "), strings.LastIndex(w, " an "), strings.LastIndex(w, " the "))
		if j < 0 {
			return ""
		}
		_, np, _ := strings.Cut(strings.TrimSpace(before[len(before)-len(w)+j:]), " ")
		return strings.TrimSpace(np)
	}
	i += lo
	for i > 0 {
		j := strings.LastIndexByte(before[:i-1], ' ') + 1
		w := before[j : i-1]
		if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') || strings.ContainsAny(w, ",;:.") {
			break
		}
		i = j
	}
	long := strings.TrimSpace(before[i:])
	if long == "" || strings.EqualFold(long, strings.TrimPrefix(short, "the ")) {
		return ""
	}
	return long
}

// isRefAcronym: two or more capitals, not a roman numeral, not a symbol.
func isRefAcronym(s string) bool {
	caps := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			caps++
		}
	}
	return caps >= 2 && strings.Trim(s, "IVXLC") != ""
}

// acronymLongForm finds the name an acronym abbreviates in the text before its
// bracket (Schwartz and Hearst, 2003): the shortest stretch of the last
// words in which the acronym's letters occur in order, the first one
// starting a word.
func acronymLongForm(before, acr string) string {
	before = strings.TrimRight(before, " ")
	letters := make([]byte, 0, len(acr))
	for i := 0; i < len(acr); i++ {
		c := acr[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			letters = append(letters, lowerRefByte(c))
		}
	}
	if len(letters) < 2 {
		return ""
	}
	// Limit the window to min(|A|+5, 2|A|) words.
	maxWords := min(len(letters)+5, 2*len(letters))
	lo := len(before)
	for w := 0; w < maxWords && lo > 0; w++ {
		j := strings.LastIndexByte(before[:lo], ' ')
		lo = j
		if j < 0 {
			lo = 0
			break
		}
		// Stop at a clause boundary; commas may separate the words of a name
		// ("Disarmament, Demobilization and Reintegration (DDR)").
		if j > 0 && strings.ContainsAny(before[max(0, j-1):j], ";:") {
			break
		}
	}
	window := before[lo:]
	si := len(letters) - 1
	li := len(window) - 1
	first := acr[0]
	for ; si >= 0; si-- {
		c := letters[si]
		for li >= 0 {
			lc := lowerRefByte(window[li])
			// The first letter starts a word, in the acronym's case:
			// "Organization of Islamic Cooperation (OIC)", not "of ...".
			startOK := si != 0 || (li == 0 || !isRefWordByte(window[li-1])) && window[li] == first
			if lc == c && startOK {
				break
			}
			li--
		}
		if li < 0 {
			return ""
		}
		li--
	}
	name := strings.TrimSpace(window[li+1:])
	name = strings.TrimLeft(name, ",;:( ")
	// A long form starts with a capital: "the" and other lower-case words go.
	for name != "" && !(name[0] >= 'A' && name[0] <= 'Z') {
		_, rest, ok := strings.Cut(name, " ")
		if !ok {
			return ""
		}
		name = rest
	}
	if len(strings.Fields(name)) < 2 && !strings.Contains(name, "-") {
		return ""
	}
	return name
}

func lowerRefByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// ResolveDefinitions fills each definition's Actor from the registry, by its
// name first, then by its acronym. Definitions of actors the registry does
// not know keep an empty Actor.
func (r *Registry) ResolveDefinitions(defs []resgraph.Definition) {
	for i := range defs {
		if a, ok := r.Lookup(defs[i].Name); ok {
			defs[i].Actor = a.ID
		} else if a, ok := r.Lookup(defs[i].Acronym); ok {
			defs[i].Actor = a.ID
		}
	}
}

// refLower lowers ASCII letters only, so byte offsets stay those of s.
func refLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// wordIndexes returns the spans of word (lower case) in lower where it
// starts a word.
func wordIndexes(lower, word string) [][2]int {
	var out [][2]int
	for off := 0; ; {
		i := strings.Index(lower[off:], word)
		if i < 0 {
			return out
		}
		i += off
		if i == 0 || !isRefWordByte(lower[i-1]) {
			out = append(out, [2]int{i, i + len(word)})
		}
		off = i + len(word)
	}
}
