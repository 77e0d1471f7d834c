package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ctok is one token of a paragraph's text: a word (letters, digits,
// hyphens, apostrophes) or a single punctuation character. start and end
// are byte offsets in the text.
type ctok struct {
	start, end int
	text       string
	lower      string
	word       bool
	upper      bool // a word starting with an upper-case letter
	depth      int  // parenthesis/bracket depth at this token
}

// tokenize splits text into tokens in one pass.
func tokenize(text string) []ctok {
	toks := make([]ctok, 0, len(text)/5)
	depth := 0
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if isWordRune(r) {
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !isWordRune(r2) && !(r2 == '.' && j+s2 < len(text) && isDigitAt(text, j+s2) && j > i && isDigitAt(text, j-1)) {
					break
				}
				j += s2
			}
			w := text[i:j]
			toks = append(toks, ctok{start: i, end: j, text: w, lower: strings.ToLower(w), word: true, upper: unicode.IsUpper(r), depth: depth})
			i = j
			continue
		}
		switch r {
		case ')', ']':
			if depth > 0 {
				depth--
			}
		}
		toks = append(toks, ctok{start: i, end: i + size, text: text[i : i+size], lower: text[i : i+size], depth: depth})
		switch r {
		case '(', '[':
			depth++
		}
		i += size
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’' || r == '\u2011' || r == '/'
}

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

// clause is one verb-led clause of a paragraph.
type clause struct {
	start, end   int // byte offsets of the clause in the text (from its first adverb or verb)
	vStart, vEnd int // the verb phrase, adverbs included
	verbs        []verbEntry
	phrase       string // verb phrase as printed, lower case: "further requests"
	first, last  int    // tokens: first after the verb phrase, one past the clause's last
}

// nounAfterVerb lists words that, right after a verb form, show it is a
// noun ("requests from", "notes verbales", "calls made").
var nounAfterVerb = map[string]bool{
	"of": true, "from": true, "made": true, "received": true, "submitted": true, "verbales": true,
	"which": true, "were": true, "are": true, "is": true, "have": true, "has": true, "had": true,
	"contained": true, "set": true, "issued": true, "addressed": true, "expressed": true, "and": true,
	"or": true, "by": true, "to": true, "in": true, "for": true, "related": true, "regarding": true,
	"pending": true, "concerning": true, "under": true, "mentioned": true, "referred": true,
}

// takesInfinitive lists verbs that may be followed by "to" + infinitive.
var takesInfinitive = wordSet("decides resolves intends undertakes agrees continues appeals expresses")

// verbAt matches a verb phrase (adverbs, verb, second coordinated verb,
// adverbs) at toks[i]. secondary is true inside a paragraph, where the verb
// must be lower case and must not read as a noun. It returns the clause
// with first set, or ok false.
func verbAt(toks []ctok, i int, secondary bool) (c clause, ok bool) {
	j := i
	for n := 0; n < 4; n++ { // adverbs and connectives, possibly between commas
		if j+1 < len(toks) && toks[j].word && isAdverbLy(toks[j].lower) && lex.verbs[toks[j+1].lower] != nil {
			j++ // "particularly urges", "unreservedly condemns"
			continue
		}
		if k := lex.matchAdverb(lex.pre, toks, j); k > 0 {
			j += k
			if j < len(toks) && toks[j].text == "," {
				j++
			}
			continue
		}
		break
	}
	if j >= len(toks) || (secondary && toks[j].upper) {
		return c, false
	}
	e, found := lex.matchVerb(toks, j)
	if !found {
		return c, false
	}
	j += len(e.words)
	c.verbs = []verbEntry{e}
	for {
		if k := lex.matchAdverb(lex.post, toks, j); k > 0 && !(j+k < len(toks) && toks[j+k].lower == "to" && e.kind != vkDirective) {
			j += k
			continue
		}
		break
	}
	// "welcomes and encourages", "urges and requests": coordinated verbs with one object.
	if j+1 < len(toks) && toks[j].lower == "and" {
		k := j + 1
		if a := lex.matchAdverb(lex.pre, toks, k); a > 0 {
			k += a
		}
		if e2, ok2 := lex.matchVerb(toks, k); ok2 && !toks[k].upper {
			k2 := k + len(e2.words)
			if k2 < len(toks) && !nounAfterVerb[toks[k2].lower] && toks[k2].text != "," && toks[k2].text != ";" {
				c.verbs = append(c.verbs, e2)
				j = k2
			}
		}
	}
	if j >= len(toks) && secondary {
		return c, false
	}
	if secondary {
		n := toks[j]
		// only one-word verbs read as nouns ("requests from", "notes verbales");
		// "takes note of", "calls upon" never do
		last := c.verbs[len(c.verbs)-1]
		if len(last.words) == 1 && nounAfterVerb[n.lower] && !(n.lower == "to" && takesInfinitive[last.lemma]) && !(n.lower == "in" && last.kind != vkDirective) {
			return c, false
		}
		if n.text == ")" || n.text == "”" || n.text == "\"" {
			return c, false
		}
	}
	c.vStart = toks[i].start
	c.vEnd = toks[j-1].end
	c.start = c.vStart
	c.first = j
	return c, true
}

// councilSubject returns the number of tokens of a sentence subject naming
// the Council ("The Security Council", "The Council", "It") at toks[i].
func councilSubject(toks []ctok, i int) int {
	switch {
	case matchWords(toks, i, []string{"the", "security", "council"}):
		return 3
	case matchWords(toks, i, []string{"the", "council"}):
		return 2
	case matchWords(toks, i, []string{"it"}) && i+1 < len(toks) && toks[i+1].word:
		return 1
	}
	return 0
}

// openingVerb returns the index of the token where a paragraph's opening
// verb phrase may start: after an opening quote and "The Security Council".
func openingVerb(toks []ctok) int {
	start := 0
	for start < len(toks) && !toks[start].word && start < 2 { // an opening quote: “The Security Council ...
		start++
	}
	if n := councilSubject(toks, start); n > 0 {
		start += n
	}
	return start
}

// segment splits a paragraph's tokens into verb-led clauses. The first
// clause starts at the paragraph's opening (after a leading "The Security
// Council"); later ones start at a boundary (",", ";", "and", a sentence end)
// followed by a finite operative verb. Tokens inside parentheses never start
// a clause.
func segment(toks []ctok) []clause {
	var out []clause
	start := openingVerb(toks)
	if c, ok := verbAt(toks, start, false); ok {
		out = append(out, c)
	}
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if t.depth > 0 {
			continue
		}
		prev := toks[i-1]
		boundary := false
		j := i
		switch {
		case prev.text == "," || prev.text == ";":
			boundary = true
			if n := councilSubject(toks, i); n > 1 {
				j = i + n // "In this regard, the Security Council requests ..."
			}
		case (prev.text == "." || prev.text == "“" || prev.text == "\"") && t.upper:
			boundary = true // a new sentence: "... by the end of 2004. Further welcomes ..."
			if n := councilSubject(toks, i); n > 0 {
				j = i + n
			}
		case (prev.lower == "and" || prev.lower == "but") && prev.depth == 0:
			boundary = true
		case t.lower == "further" && prev.word && !prev.upper || t.lower == "further" && isNumber(prev.lower):
			// "... signed on 12 March 2012 further strongly urges the opposition
			// forces": a missing punctuation mark before a directive
			if c, ok := verbAt(toks, i, true); ok && c.verbs[0].kind == vkDirective && c.first < len(toks) &&
				(toks[c.first].upper || toks[c.first].lower == "the" || toks[c.first].lower == "all" || toks[c.first].lower == "that") {
				boundary = true
			}
		}
		if !boundary {
			continue
		}
		if t.lower == "and" { // ", and requests": the clause starts at the verb phrase
			continue
		}
		if len(out) > 0 && j < out[len(out)-1].first {
			continue
		}
		c, ok := verbAt(toks, j, j == i && prev.text != ".")
		if !ok {
			continue
		}
		out = append(out, c)
		i = c.first - 1
	}
	for k := range out {
		end := len(toks)
		if k+1 < len(out) {
			end = clauseCut(toks, out[k+1])
		}
		if e := sentenceEnd(toks, out[k].first, end); e < end {
			end = e // "... humanitarian personnel. It is gravely alarmed": the clause ends with its sentence
		}
		out[k].last = end
		if end > out[k].first {
			out[k].end = toks[end-1].end
		} else {
			out[k].end = out[k].vEnd
		}
	}
	return out
}

// sentenceEnd returns the index of the first full stop in toks[from:end]
// that ends a sentence (at depth 0, followed by a capitalized word, not
// after an abbreviation such as "No." or a single letter), or end.
func sentenceEnd(toks []ctok, from, end int) int {
	for i := from + 1; i+1 < end; i++ {
		t := toks[i]
		if t.text != "." || t.depth > 0 || !toks[i+1].word || !toks[i+1].upper {
			continue
		}
		if p := toks[i-1]; !p.word || len(p.text) <= 2 || sentenceAbbrev[p.lower] {
			continue
		}
		return i
	}
	return end
}

// sentenceAbbrev are words a full stop follows inside a sentence.
var sentenceAbbrev = wordSet("no nos mr mrs ms dr st art para paras vol op cit etc jan feb mar apr jun jul aug sep sept oct nov dec rev corr add")

// clauseCut returns the token index where the clause before next ends:
// the boundary punctuation and connective before next's first word are left
// out.
func clauseCut(toks []ctok, next clause) int {
	i := 0
	for i < len(toks) && toks[i].start < next.vStart {
		i++
	}
	for i > 0 {
		p := toks[i-1]
		if p.text == "," || p.text == ";" || p.text == "." || p.lower == "and" {
			i--
			continue
		}
		break
	}
	return i
}

// trimEnd drops trailing punctuation tokens (",", ";", ".", ":") from
// toks[a:b] and returns the new b.
func trimEnd(toks []ctok, a, b int) int {
	for b > a {
		switch toks[b-1].text {
		case ",", ";", ".", ":":
			b--
			continue
		}
		break
	}
	return b
}
