package loader

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/resgraph/resgraph"
)

// verbKind says how the clause grammar treats an operative verb.
type verbKind uint8

const (
	vkDirective verbKind = iota + 1 // asks, tells or authorizes an actor: urges, requests
	vkDecides                       // decides: a directive only when it binds an actor
	vkStance                        // condemns, welcomes, takes note
	vkSelf                          // the Council about itself: remains seized
	vkReiterate                     // "reiterates its demand/call/request": the inner noun gives the class
)

// verbEntry is one operative verb phrase of the lexicon: its words in lower
// case, the lemma reported as Action.Verb, and its kind.
type verbEntry struct {
	words []string
	lemma string
	kind  verbKind
}

// The lexicon, as "phrase=lemma" (lemma defaults to the phrase). British and
// American spellings are both listed; the lemma is kept as printed.
var (
	directivePhrases = []string{
		"urges", "requests", "demands", "calls upon", "calls on", "calls for", "encourages", "invites",
		"authorizes", "authorises", "directs", "instructs", "requires", "asks", "recommends",
		"appeals to", "appeals", "exhorts", "implores", "entrusts",
		"calls again upon=calls upon", "calls again on=calls on", "calls once again upon=calls upon",
		"calls once again on=calls on", "calls also upon=calls upon", "calls also on=calls on",
		"calls further upon=calls upon", "calls further on=calls on", "calls urgently upon=calls upon",
		"calls urgently on=calls on", "calls upon again=calls upon", "calls on again=calls on",
		"continues to urge=urges", "continues to encourage=encourages", "continues to call upon=calls upon",
		"continues to call on=calls on", "continues to request=requests", "continues to demand=demands",
		"encourages and requests=encourages", "urges and encourages=urges", "requests and encourages=requests",
	}
	decidePhrases = []string{"decides"}
	// Phrases whose inner noun carries the directive: "reiterates its demand that".
	reiteratePhrases = []string{"reiterates", "reaffirms", "renews", "repeats", "recalls"}
	stancePhrases    = []string{
		"condemns", "welcomes", "takes note", "takes positive note", "takes note with appreciation",
		"notes", "commends", "expresses", "emphasizes", "emphasises", "stresses", "underlines", "underscores",
		"reaffirms", "recognizes", "recognises", "determines", "recalls", "affirms", "acknowledges",
		"supports", "endorses", "regrets", "deplores", "highlights", "pays tribute", "looks forward",
		"confirms", "considers", "declares", "appreciates", "approves", "agrees", "rejects", "applauds",
		"salutes", "praises", "insists", "cautions", "warns", "reminds", "clarifies",
		"denounces", "deems", "believes", "reiterates", "remains", "expects", "concurs", "reconfirms",
		"re-emphasizes", "re-emphasises", "observes", "condones", "demonstrates", "thanks", "extends",
		"wishes", "hopes", "shares", "accepts", "adopts", "establishes", "renews", "extends", "reviews",
		"deeply regrets=regrets", "deeply deplores=deplores", "firmly rejects=rejects", "forwards",
		"appreciates", "underscores", "specifies", "reinforces", "resolves", "affirms", "elects", "announces",
		"appoints", "asserts", "concludes", "draws attention", "maintains", "indicates", "reemphasizes", "reemphasises",
		"revises", "signals", "understands", "calls",
	}
	// Adverbs and connectives that may precede a verb ("further requests",
	// "and, in this regard, urges") or follow it ("requests further").
	preAdverbs = []string{
		"further", "also", "strongly", "again", "once again", "urgently", "firmly", "earnestly", "repeatedly",
		"therefore", "accordingly", "moreover", "finally", "furthermore", "in addition", "in this regard",
		"in this context", "in that regard", "in that context", "to this end", "to that end", "in this respect",
		"in that respect", "in this connection", "in particular", "unequivocally", "deeply", "fully", "categorically",
		"vigorously", "resolutely", "most strongly", "specifically", "emphatically", "explicitly", "consequently",
		"at the same time", "similarly", "likewise", "thus", "hence", "however", "equally", "unanimously",
		"respectfully", "once more", "most", "in this vein", "for this purpose", "for that purpose", "thereby",
		"to this effect", "to that effect", "in this light", "in that light", "in light of this", "while", "nevertheless",
		"at the same time", "in the meantime", "meanwhile", "subsequently", "additionally", "but",
	}
	postAdverbs = []string{
		"further", "also", "again", "once again", "urgently", "strongly", "firmly", "in the strongest terms",
		"once more", "therefore", "in this regard", "in this context", "in that regard", "accordingly",
		"unequivocally", "fully", "in particular", "in addition", "moreover", "further still",
	}
	// Inner nouns of "reiterates its demand that", mapped to the directive
	// lemma they stand for.
	innerNouns = map[string]string{
		"demand": "demands", "demands": "demands", "call": "calls upon", "calls": "calls upon",
		"request": "requests", "requests": "requests", "appeal": "appeals to", "appeals": "appeals to",
		"encouragement": "encourages", "urging": "urges", "invitation": "invites", "plea": "appeals to", "insistence": "demands",
		// not "decision" / "authorization": "recalls its decision that X shall" restates an obligation (a stance)
	}
)

// DefaultClasses returns the built-in mapping from directive verb lemma to
// class. Extractor.Classes starts from a copy; data/classes.yaml holds the
// same table for users to edit.
func DefaultClasses() map[string]resgraph.Class {
	m := map[string]resgraph.Class{}
	set := func(c resgraph.Class, verbs ...string) {
		for _, v := range verbs {
			m[v] = c
		}
	}
	set(resgraph.ClassDecision, "decides", "directs", "instructs", "entrusts")
	set(resgraph.ClassDemand, "demands", "requires")
	set(resgraph.ClassRequest, "requests", "asks")
	set(resgraph.ClassAuthorization, "authorizes", "authorises")
	set(resgraph.ClassStrongRecommend, "urges", "calls upon", "calls on", "calls for", "appeals to", "appeals",
		"exhorts", "implores")
	set(resgraph.ClassWeakRecommend, "encourages", "invites", "recommends")
	return m
}

// LoadClasses reads a verb-to-class table (YAML: class name -> list of verb
// lemmas, as in data/classes.yaml) and returns it as a map. name is used in
// errors. Unknown class names are errors.
func LoadClasses(r io.Reader, name string) (map[string]resgraph.Class, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read classes %s: %w", name, err)
	}
	var raw map[string][]string
	if err := yaml.Unmarshal(b, &raw); err != nil {
		return nil, &ParseError{File: name, Msg: "classes: " + err.Error()}
	}
	known := map[resgraph.Class]bool{
		resgraph.ClassDecision: true, resgraph.ClassDemand: true, resgraph.ClassRequest: true,
		resgraph.ClassAuthorization: true, resgraph.ClassStrongRecommend: true, resgraph.ClassWeakRecommend: true,
	}
	out := map[string]resgraph.Class{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := resgraph.Class(k)
		if !known[c] {
			return nil, &ParseError{File: name, Msg: fmt.Sprintf("unknown class %q (want decision, demand, request, authorization, strong recommendation or weak recommendation)", k)}
		}
		for _, v := range raw[k] {
			v = strings.ToLower(strings.Join(strings.Fields(v), " "))
			if prev, ok := out[v]; ok && prev != c {
				return nil, &ParseError{File: name, Msg: fmt.Sprintf("verb %q in both %q and %q", v, prev, c)}
			}
			out[v] = c
		}
	}
	return out, nil
}

// lexicon indexes verb entries and adverbs by their first word.
type lexicon struct {
	verbs map[string][]verbEntry // by first word, longest first
	pre   map[string][][]string
	post  map[string][][]string
}

var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{verbs: map[string][]verbEntry{}, pre: map[string][][]string{}, post: map[string][][]string{}}
	seen := map[string]bool{}
	add := func(kind verbKind, phrases []string) {
		for _, p := range phrases {
			phrase, lemma, ok := strings.Cut(p, "=")
			if !ok {
				lemma = phrase
			}
			if seen[phrase] { // the first list a phrase appears in wins
				continue
			}
			seen[phrase] = true
			w := strings.Fields(phrase)
			l.verbs[w[0]] = append(l.verbs[w[0]], verbEntry{words: w, lemma: lemma, kind: kind})
		}
	}
	add(vkDirective, directivePhrases)
	add(vkDecides, decidePhrases)
	add(vkSelf, []string{"remains seized", "remains actively seized", "stands ready", "intends", "undertakes"})
	add(vkReiterate, reiteratePhrases)
	add(vkStance, stancePhrases)
	for k, es := range l.verbs {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].words) > len(es[j].words) })
		l.verbs[k] = es
	}
	for _, p := range preAdverbs {
		w := strings.Fields(p)
		l.pre[w[0]] = append(l.pre[w[0]], w)
	}
	for _, p := range postAdverbs {
		w := strings.Fields(p)
		l.post[w[0]] = append(l.post[w[0]], w)
	}
	for _, m := range []map[string][][]string{l.pre, l.post} {
		for k, ws := range m {
			sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
			m[k] = ws
		}
	}
	return l
}

// matchWords reports whether toks[i:] starts with words (lower case).
func matchWords(toks []ctok, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		t := toks[i+k]
		if !t.word || t.lower != w {
			return false
		}
	}
	return true
}

// matchAdverb returns the number of tokens of the longest adverb at toks[i].
func (l *lexicon) matchAdverb(m map[string][][]string, toks []ctok, i int) int {
	if i >= len(toks) || !toks[i].word {
		return 0
	}
	for _, w := range m[toks[i].lower] {
		if matchWords(toks, i, w) {
			return len(w)
		}
	}
	return 0
}

// matchVerb returns the longest verb entry at toks[i].
func (l *lexicon) matchVerb(toks []ctok, i int) (verbEntry, bool) {
	if i >= len(toks) || !toks[i].word {
		return verbEntry{}, false
	}
	for _, e := range l.verbs[toks[i].lower] {
		if matchWords(toks, i, e.words) {
			return e, true
		}
	}
	return verbEntry{}, false
}
