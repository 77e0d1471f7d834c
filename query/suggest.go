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
func (g *Suggestion) TypeEnum() string { return (&Node{Type: g.Type}).TypeEnum() }

// Match scores of Suggest.
const (
	matchExact      = 4
	matchPrefix     = 3
	matchWordPrefix = 2
	matchContains   = 1
)

// suggestIndex holds the normalized names Suggest compares, made once per
// snapshot.
type suggestIndex struct {
	actorNames [][]suggestName // by actor, in s.actors order
	docNames   [][]suggestName // by document, in s.docs order
}

type suggestName struct {
	key, shown string
}

func buildSuggestIndex(s *Snapshot) suggestIndex {
	ix := suggestIndex{actorNames: make([][]suggestName, len(s.actors)), docNames: make([][]suggestName, len(s.docs))}
	for i, a := range s.actors {
		names := []suggestName{{nameKey(a.Name), a.Name}, {nameKey(string(a.ID)), string(a.ID)}}
		for _, al := range a.Aliases {
			names = append(names, suggestName{nameKey(al), al})
		}
		ix.actorNames[i] = names
	}
	for i, d := range s.docs {
		var names []suggestName
		for _, sym := range d.Symbols() {
			names = append(names, suggestName{symbolKey(string(sym)), string(sym)})
		}
		if d.Title != "" {
			names = append(names, suggestName{"\x00" + strings.ToLower(d.Title), d.Title})
		}
		ix.docNames[i] = names
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
	for i, a := range s.actors {
		best, matched := 0, ""
		for _, nm := range s.suggest.actorNames[i] {
			if sc := matchScore(nm.key, q); sc > best {
				best, matched = sc, nm.shown
			}
		}
		if best > 0 {
			out = append(out, Suggestion{Type: NodeActor, ID: NodeActor + ":" + string(a.ID), Label: a.Name, Matched: matched,
				Score: float64(best), Actor: a, weight: len(a.Obligations) + len(a.Stances) + len(a.Documents)})
		}
	}
	for i, d := range s.docs {
		best, matched := 0, ""
		for _, nm := range s.suggest.docNames[i] {
			var sc int
			if title, ok := strings.CutPrefix(nm.key, "\x00"); ok {
				sc = min(matchScore(title, strings.ToLower(strings.TrimSpace(text))), matchWordPrefix)
			} else {
				sc = matchScore(nm.key, sq)
			}
			if sc > best {
				best, matched = sc, nm.shown
			}
		}
		if best > 0 {
			out = append(out, Suggestion{Type: NodeDocument, ID: NodeDocument + ":" + string(d.Symbol), Label: string(d.Symbol),
				Matched: matched, Score: float64(best), Document: d, weight: d.Order})
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
	want := string(d.Symbol) + id[hash:] // the id with the document's own symbol
	for _, list := range [][]*Obligation{d.Obligations, d.Stances} {
		for _, o := range list {
			if o.Clause == clause && o.IDString() == want {
				return o
			}
		}
	}
	return nil
}
