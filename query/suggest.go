package query

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// Suggestion is an actor or a document offered for what a user typed.
type Suggestion struct {
	Type     string // NodeActor or NodeDocument
	ID       string // node id: "actor:african-union", "document:S/2012/946"
	Label    string // actor name, document symbol
	Matched  string // the name, alias, symbol or title that matched
	Score    float64
	Actor    *Actor
	Document *Document

	weight int // tie-break: more obligations, stances and documents first; newer documents first
}

// TypeEnum returns the suggestion's type as a GraphQL enum value.
func (g *Suggestion) TypeEnum() string { return typeEnum(g.Type) }

// Match scores of Suggest.
const (
	matchExact      = 4
	matchPrefix     = 3
	matchWordPrefix = 2
	matchContains   = 1
)

// suggestIndex holds the normalized names Suggest compares, made once per
// snapshot: each actor's and document's names are a run of names.
type suggestIndex struct {
	names      []suggestName
	actorNames []list // by actor
	docNames   []list // by document
}

// suggestName is a name as compared (key) and as shown. A key starting
// with a NUL byte is a title.
type suggestName struct {
	key, shown str
}

func buildSuggestIndex(s *Snapshot, a *arena) suggestIndex {
	ix := suggestIndex{actorNames: make([]list, len(s.actors)), docNames: make([]list, len(s.docs))}
	add := func(key string, shown str) {
		ix.names = append(ix.names, suggestName{a.put(key), shown})
	}
	for i := range s.actors {
		r := &s.actorRecs[i]
		from := len(ix.names)
		add(nameKey(s.str(r.name)), r.name)
		add(nameKey(s.str(r.id)), r.id)
		for _, al := range of(s.strs, r.aliases) {
			add(nameKey(s.str(al)), al)
		}
		ix.actorNames[i] = listOf(ix.names, from, false)
	}
	for i := range s.docs {
		r := &s.docRecs[i]
		from := len(ix.names)
		add(symbolKey(s.str(r.symbol)), r.symbol)
		if d := s.str(r.draft); d != "" && d != s.str(r.symbol) {
			add(symbolKey(d), r.draft)
		}
		if ad := s.str(r.adopted); ad != "" && ad != s.str(r.symbol) {
			add(symbolKey(ad), r.adopted)
		}
		if r.title.n > 0 {
			add("\x00"+strings.ToLower(s.str(r.title)), r.title)
		}
		ix.docNames[i] = listOf(ix.names, from, false)
	}
	return ix
}

// Suggest returns the actors and documents best matching text, at most n
// (DefaultPageSize when 0): actors by id, name or alias, documents by any
// of their symbols or by title, case-insensitively. The best match comes
// first: exact, then prefix, then the start of a word, then anywhere; among
// equals, actors with more obligations, stances and documents and newer
// documents first, then by label.
func (s *Snapshot) Suggest(text string, n int) ([]Suggestion, error) {
	size, err := (Page{First: n}).Size()
	if err != nil {
		return nil, err
	}
	q, sq := nameKey(text), symbolKey(text)
	if q == "" {
		return nil, resgraph.Errorf(resgraph.EINVALID, "suggest needs some text to match")
	}
	var out []Suggestion
	ix := &s.suggest
	for i := range s.actors {
		best, matched := 0, ""
		for _, nm := range of(ix.names, ix.actorNames[i]) {
			if sc := matchScore(s.str(nm.key), q); sc > best {
				best, matched = sc, s.str(nm.shown)
			}
		}
		if best > 0 {
			a := &s.actors[i]
			r := a.rec()
			out = append(out, Suggestion{Type: NodeActor, ID: NodeActor + ":" + a.IDString(), Label: a.Name(), Matched: matched,
				Score: float64(best), Actor: a, weight: int(r.obligations.n + r.stances.n + r.documents.n)})
		}
	}
	title := strings.ToLower(strings.TrimSpace(text))
	for i := range s.docs {
		best, matched := 0, ""
		for _, nm := range of(ix.names, ix.docNames[i]) {
			var sc int
			if key := s.str(nm.key); strings.HasPrefix(key, "\x00") {
				sc = min(matchScore(key[1:], title), matchWordPrefix)
			} else {
				sc = matchScore(key, sq)
			}
			if sc > best {
				best, matched = sc, s.str(nm.shown)
			}
		}
		if best > 0 {
			d := &s.docs[i]
			out = append(out, Suggestion{Type: NodeDocument, ID: NodeDocument + ":" + d.SymbolString(), Label: d.SymbolString(),
				Matched: matched, Score: float64(best), Document: d, weight: d.Order()})
		}
	}
	slices.SortFunc(out, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.weight, a.weight), cmp.Compare(a.Label, b.Label))
	})
	return out[:min(size, len(out))], nil
}

// matchScore scores how name (normalized) matches q (normalized the same
// way); 0 when it does not.
func matchScore(name, q string) int {
	switch i := strings.Index(name, q); {
	case q == "" || i < 0:
		return 0
	case name == q:
		return matchExact
	case i == 0:
		return matchPrefix
	}
	for i := strings.Index(name, q); i >= 0; {
		if c := name[i-1]; c == ' ' || c == '-' || c == '/' || c == '(' || c == '.' {
			return matchWordPrefix
		}
		j := strings.Index(name[i+1:], q)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return matchContains
}

// Action returns the directive, task or stance with the given id
// ("S/2012/946#op12/14": document symbol, paragraph id, clause number), or
// nil.
func (s *Snapshot) Action(id string) *Obligation {
	hash := strings.LastIndexByte(id, '#')
	slash := strings.LastIndexByte(id, '/')
	if hash < 0 || slash < hash {
		return nil
	}
	clause, err := strconv.Atoi(id[slash+1:])
	d := s.Document(id[:hash])
	if err != nil || d == nil {
		return nil
	}
	para := id[hash+1 : slash]
	for _, list := range [][]*Obligation{d.Obligations(), d.Stances()} {
		for _, o := range list {
			if o.Clause() == clause && o.ParagraphID() == para && strconv.Itoa(clause) == id[slash+1:] {
				return o
			}
		}
	}
	return nil
}
