package query

import (
	"cmp"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// DocumentFilter selects documents. Zero fields match everything.
type DocumentFilter struct {
	Kind       string // "resolution", "draft resolution", "presidential statement"
	From, To   string // ISO dates, inclusive; prefixes work
	ChapterVII *bool
	Actor      string // documents naming this actor (id, name or alias)
	Text       string // words that must all occur in the title
	Cites      string // documents citing this symbol
}

// DocumentConnection is one page of documents; the documents are their
// own edges, as for ObligationConnection.
type DocumentConnection struct {
	Nodes      []*Document
	TotalCount int
	PageInfo   PageInfo
}

// Edges returns the page's documents, each its own edge.
func (c *DocumentConnection) Edges() []*Document { return c.Nodes }

// Node returns d: a document is its own connection edge.
func (d *Document) Node() *Document { return d }

// DocumentOrder orders DocumentsPage's answer.
type DocumentOrder int

// Document orders.
const (
	OldestFirst DocumentOrder = iota // snapshot order: date, then symbol
	NewestFirst                      // the reverse
)

// DocumentsPage returns the documents matching f in the given order, one
// page at a time.
func (s *Snapshot) DocumentsPage(f DocumentFilter, order DocumentOrder, p Page) (*DocumentConnection, error) {
	n, err := p.Size()
	if err != nil {
		return nil, err
	}
	pool := s.docList
	if f.Actor != "" {
		as := s.ResolveActor(f.Actor)
		pool = nil
		for _, a := range as {
			pool = append(pool, a.Documents()...)
		}
		slices.SortFunc(pool, func(a, b *Document) int { return cmp.Compare(a.i, b.i) })
		pool = slices.Compact(pool)
	}
	var cited *Document
	citedKey := ""
	if f.Cites != "" {
		cited = s.Document(f.Cites)
		citedKey = symbolKey(f.Cites)
	}
	words := terms(f.Text)
	var all []*Document
	for _, d := range pool {
		if f.Kind != "" && !strings.EqualFold(d.KindName(), strings.TrimSpace(f.Kind)) {
			continue
		}
		if !inDateRange(d.Date(), f.From, f.To) {
			continue
		}
		if f.ChapterVII != nil && d.ChapterVII() != *f.ChapterVII {
			continue
		}
		if len(words) > 0 && !textHasAll(d.Title(), f.Text) {
			continue
		}
		if f.Cites != "" && !cites(d, cited, citedKey) {
			continue
		}
		all = append(all, d)
	}
	if order == NewestFirst {
		slices.Reverse(all)
		return pageDocuments(all, n, p.After, -1)
	}
	return PageDocuments(all, n, p.After)
}

func cites(d, cited *Document, key string) bool {
	for _, c := range d.CitesOut() {
		if (cited != nil && c.To() == cited) || symbolKey(c.SymbolString()) == key {
			return true
		}
	}
	return false
}

// PageDocuments pages documents in snapshot order; n must be valid.
func PageDocuments(all []*Document, n int, after string) (*DocumentConnection, error) {
	return pageDocuments(all, n, after, 1)
}

// pageDocuments pages documents in snapshot order (dir 1) or its reverse
// (dir -1).
func pageDocuments(all []*Document, n int, after string, dir int) (*DocumentConnection, error) {
	start := 0
	if after != "" {
		date, sym, err := decodeDocCursor(after)
		if err != nil {
			return nil, err
		}
		start, _ = slices.BinarySearchFunc(all, [2]string{date, sym}, func(d *Document, k [2]string) int {
			return dir * cmp.Or(cmp.Compare(d.Date(), k[0]), cmp.Compare(d.SymbolString(), k[1]))
		})
		if start < len(all) && all[start].Date() == date && all[start].SymbolString() == sym {
			start++
		}
	}
	end := min(start+n, len(all))
	c := &DocumentConnection{TotalCount: len(all), Nodes: all[start:end]}
	c.PageInfo = pageInfo(end < len(all), c.Nodes)
	return c, nil
}

// Cursor returns the document's opaque cursor.
func (d *Document) Cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte("d1\x00" + d.Date() + "\x00" + d.SymbolString()))
}

func decodeDocCursor(c string) (date, sym string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != 3 || parts[0] != "d1" {
		return "", "", resgraph.Errorf(resgraph.EINVALID, "invalid cursor %q", c)
	}
	return parts[1], parts[2], nil
}

// ActorConnection is one page of actors; the actors are their own edges,
// as for ObligationConnection.
type ActorConnection struct {
	Nodes      []*Actor
	TotalCount int
	PageInfo   PageInfo
}

// Edges returns the page's actors, each its own edge.
func (c *ActorConnection) Edges() []*Actor { return c.Nodes }

// Node returns a: an actor is its own connection edge.
func (a *Actor) Node() *Actor { return a }

// Cursor returns the actor's opaque cursor.
func (a *Actor) Cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte("a1\x00" + a.IDString()))
}

// cursored is what has a cursor: obligations, documents, actors.
type cursored interface{ Cursor() string }

// pageInfo returns the page information of a page of nodes.
func pageInfo[T cursored](more bool, nodes []T) PageInfo {
	pi := PageInfo{HasNextPage: more}
	if len(nodes) > 0 {
		c := nodes[len(nodes)-1].Cursor()
		pi.EndCursor = &c
	}
	return pi
}

// ActorsPage returns the actors whose id, name or an alias contains search
// (case-insensitive; all when empty), of the given type (all when empty), in
// id order, one page at a time.
func (s *Snapshot) ActorsPage(search, typ string, p Page) (*ActorConnection, error) {
	n, err := p.Size()
	if err != nil {
		return nil, err
	}
	q := nameKey(search)
	var all []*Actor
	for _, a := range s.actorList {
		if typ != "" && !strings.EqualFold(a.TypeName(), strings.TrimSpace(typ)) {
			continue
		}
		if q != "" && !actorMatches(a, q) {
			continue
		}
		all = append(all, a)
	}
	start := 0
	if p.After != "" {
		b, err := base64.RawURLEncoding.DecodeString(p.After)
		id, ok := strings.CutPrefix(string(b), "a1\x00")
		if err != nil || !ok {
			return nil, resgraph.Errorf(resgraph.EINVALID, "invalid cursor %q", p.After)
		}
		start, _ = slices.BinarySearchFunc(all, id, func(a *Actor, id string) int { return cmp.Compare(a.IDString(), id) })
		if start < len(all) && all[start].IDString() == id {
			start++
		}
	}
	end := min(start+n, len(all))
	c := &ActorConnection{TotalCount: len(all), Nodes: all[start:end]}
	c.PageInfo = pageInfo(end < len(all), c.Nodes)
	return c, nil
}

func actorMatches(a *Actor, q string) bool {
	if strings.Contains(nameKey(a.IDString()), q) || strings.Contains(nameKey(a.Name()), q) {
		return true
	}
	for _, al := range of(a.s.strs, a.rec().aliases) {
		if strings.Contains(nameKey(a.s.str(al)), q) {
			return true
		}
	}
	return false
}

// Count dimensions.
const (
	ByActor = "actor"
	ByVerb  = "verb"
	ByClass = "class"
	ByYear  = "year"
)

// Bucket is one group of Counts.
type Bucket struct {
	Key   string // actor id, verb, class or year
	Label string // actor name; otherwise the key
	Count int
}

// Counts groups the obligations matching f by actor (addressee), verb
// (lemma), class or year. Years come in order; other buckets by count,
// largest first, then by key.
func (s *Snapshot) Counts(by string, f ObligationFilter) ([]Bucket, error) {
	all, err := s.MatchObligations(f)
	if err != nil {
		return nil, err
	}
	idx := map[string]int{}
	var out []Bucket
	for _, o := range all {
		var key, label string
		switch by {
		case ByActor:
			ad := o.Addressee()
			if ad == nil {
				continue
			}
			key, label = ad.IDString(), ad.Name()
		case ByVerb:
			key = lower(o.Verb())
		case ByClass:
			key = o.ClassName()
		case ByYear:
			key = strconv.Itoa(o.Document().Year())
		default:
			return nil, resgraph.Errorf(resgraph.EINVALID, "cannot count by %q", by)
		}
		if label == "" {
			label = key
		}
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, Bucket{Key: key, Label: label})
		}
		out[i].Count++
	}
	if by == ByYear {
		slices.SortFunc(out, func(a, b Bucket) int { return cmp.Compare(a.Key, b.Key) })
	} else {
		slices.SortFunc(out, func(a, b Bucket) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Key, b.Key)) })
	}
	return out, nil
}
