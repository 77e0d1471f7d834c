package query

import (
	"cmp"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
)

// Page limits.
const (
	DefaultPageSize = 20
	MaxPageSize     = 500
)

// Page asks for First items after the cursor After ("" for the start).
// First 0 means DefaultPageSize.
type Page struct {
	First int
	After string
}

// Size returns the page size First asks for, or an EINVALID error.
func (p Page) Size() (int, error) {
	switch {
	case p.First < 0:
		return 0, resgraph.Errorf(resgraph.EINVALID, "first must not be negative, got %d", p.First)
	case p.First > MaxPageSize:
		return 0, resgraph.Errorf(resgraph.EINVALID, "first must be at most %d, got %d", MaxPageSize, p.First)
	case p.First == 0:
		return DefaultPageSize, nil
	}
	return p.First, nil
}

// PageInfo tells whether more items follow a page.
type PageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// ObligationFilter selects obligations. Zero fields match everything; set
// fields must all match.
type ObligationFilter struct {
	Actor      string // id, name or alias of the addressee, case-insensitive
	ActorType  string // addressee's type: "un-official", "state" ...
	Verb       string // lemma, verb phrase or any listed verb: "requests", "calls upon"
	Class      string // "request", "decision", "strong recommendation" ...
	Kind       string // "directive" or "task"
	Document   string // any symbol of the document: own, draft or adopted
	From, To   string // ISO dates, inclusive; a prefix ("2012") works
	ChapterVII *bool
	Text       string // words that must all occur in the paragraph (or the action's text)
	// Status of the document: "" leaves out drafts that were not adopted
	// (unless Document names one); "any", or one status ("adopted",
	// "draft", "not adopted").
	Status string
	// InForceOn keeps the obligations that hold on that ISO day (see
	// mandate.Validity): adopted by then, and not yet ended by their own
	// deadline or end, by a renewal that restated the task list, or by the
	// end of their bearer's mandate.
	InForceOn string
}

// statusOK reports whether document d passes the status filter f.
func (f *ObligationFilter) statusOK(d *Document, named bool) bool {
	switch f.Status {
	case "":
		return named || d.Status() != resgraph.StatusNotAdopted
	case "any":
		return true
	}
	st := d.Status()
	if st == "" {
		st = resgraph.DefaultStatus(d.Kind())
	}
	return string(st) == f.Status
}

// ValidStatus reports whether s is a status ObligationFilter.Status takes.
func ValidStatus(s string) bool {
	switch resgraph.DocStatus(s) {
	case "", "any", resgraph.StatusAdopted, resgraph.StatusDraft, resgraph.StatusNotAdopted:
		return true
	}
	return false
}

// ObligationConnection is one page of obligations. The obligations are
// their own Relay edges (Edges, Obligation.Node and Obligation.Cursor), so
// a page allocates no edge objects and computes a cursor only when asked.
type ObligationConnection struct {
	Nodes      []*Obligation
	TotalCount int
	PageInfo   PageInfo
}

// Edges returns the page's obligations, each its own edge.
func (c *ObligationConnection) Edges() []*Obligation { return c.Nodes }

// Node returns o: an obligation is its own connection edge.
func (o *Obligation) Node() *Obligation { return o }

// Obligations returns the obligations matching f, in snapshot order (date,
// document, paragraph order, clause order), one page at a time.
func (s *Snapshot) Obligations(f ObligationFilter, p Page) (*ObligationConnection, error) {
	n, err := p.Size()
	if err != nil {
		return nil, err
	}
	if d, ok := s.onlyDocument(f); ok {
		return pageObligations(d.Obligations(), n, p.After)
	}
	if list, ok := s.exactList(f); ok {
		return s.pageSeqs(list, n, p.After)
	}
	all, err := s.MatchObligations(f)
	if err != nil {
		return nil, err
	}
	return pageObligations(all, n, p.After)
}

// onlyDocument returns the document f names when that is all f asks
// for, so that its obligations are the answer.
func (s *Snapshot) onlyDocument(f ObligationFilter) (*Document, bool) {
	if f.Document == "" || f != (ObligationFilter{Document: f.Document}) {
		return nil, false
	}
	d := s.Document(f.Document)
	return d, d != nil
}

// exactList returns the posting list that is exactly the answer to f, when
// f is one indexed condition alone (an actor naming one actor, a verb or a
// class), so a page needs no scan.
func (s *Snapshot) exactList(f ObligationFilter) ([]int32, bool) {
	rest := f
	rest.Actor, rest.Verb, rest.Class = "", "", ""
	if rest != (ObligationFilter{}) {
		return nil, false
	}
	set := 0
	var list []int32
	if f.Actor != "" {
		as := s.ResolveActor(f.Actor)
		if len(as) != 1 {
			return nil, false
		}
		set, list = set+1, of(s.actorSeqs, as[0].rec().obligations)
	}
	if f.Verb != "" {
		set, list = set+1, s.posting(&s.byVerb, lower(f.Verb))
	}
	if f.Class != "" {
		set, list = set+1, s.posting(&s.byClass, lower(f.Class))
	}
	return list, set == 1
}

// posting returns the seqs ix holds for key k; none when it has no k.
func (s *Snapshot) posting(ix *keyIndex[list], k string) []int32 {
	l, _ := ix.get(s.text, k)
	return of(s.postings, l)
}

// pageSeqs pages a posting list (obligation seqs in snapshot order).
func (s *Snapshot) pageSeqs(list []int32, n int, after string) (*ObligationConnection, error) {
	start := 0
	if after != "" {
		k, err := decodeObligationCursor(after)
		if err != nil {
			return nil, err
		}
		start, _ = slices.BinarySearchFunc(list, k, func(seq int32, k obligationKey) int {
			return compareKey(s.obligations[seq].key(), k)
		})
		if start < len(list) && compareKey(s.obligations[list[start]].key(), k) == 0 {
			start++
		}
	}
	end := min(start+n, len(list))
	c := &ObligationConnection{TotalCount: len(list), Nodes: make([]*Obligation, 0, end-start)}
	for _, seq := range list[start:end] {
		c.Nodes = append(c.Nodes, s.obligations[seq])
	}
	c.PageInfo = pageInfo(end < len(list), c.Nodes)
	return c, nil
}

// PageObligations pages a list of obligations in snapshot order.
func PageObligations(all []*Obligation, p Page) (*ObligationConnection, error) {
	n, err := p.Size()
	if err != nil {
		return nil, err
	}
	return pageObligations(all, n, p.After)
}

func pageObligations(all []*Obligation, n int, after string) (*ObligationConnection, error) {
	start := 0
	if after != "" {
		k, err := decodeObligationCursor(after)
		if err != nil {
			return nil, err
		}
		start, _ = slices.BinarySearchFunc(all, k, func(o *Obligation, k obligationKey) int {
			return compareKey(o.key(), k)
		})
		if start < len(all) && compareKey(all[start].key(), k) == 0 {
			start++
		}
	}
	end := min(start+n, len(all))
	c := &ObligationConnection{TotalCount: len(all), Nodes: all[start:end]}
	c.PageInfo = pageInfo(end < len(all), c.Nodes)
	return c, nil
}

// obligationKey is an obligation's place in the order, stable across
// snapshots as long as its document does not change.
type obligationKey struct {
	date, symbol string
	para, clause int
}

func (o *Obligation) key() obligationKey {
	r := o.rec()
	d := &o.s.docs[r.doc]
	return obligationKey{date: d.Date(), symbol: d.SymbolString(), para: o.s.paraOrder(r.para), clause: int(r.clause)}
}

func compareKey(a, b obligationKey) int {
	return cmp.Or(cmp.Compare(a.date, b.date), cmp.Compare(a.symbol, b.symbol),
		cmp.Compare(a.para, b.para), cmp.Compare(a.clause, b.clause))
}

// Cursor returns the obligation's opaque cursor.
func (o *Obligation) Cursor() string {
	k := o.key()
	raw := "o1\x00" + k.date + "\x00" + k.symbol + "\x00" + strconv.Itoa(k.para) + "\x00" + strconv.Itoa(k.clause)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeObligationCursor(c string) (obligationKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != 5 || parts[0] != "o1" {
		return obligationKey{}, resgraph.Errorf(resgraph.EINVALID, "invalid cursor %q", c)
	}
	para, err1 := strconv.Atoi(parts[3])
	clause, err2 := strconv.Atoi(parts[4])
	if err1 != nil || err2 != nil {
		return obligationKey{}, resgraph.Errorf(resgraph.EINVALID, "invalid cursor %q", c)
	}
	return obligationKey{date: parts[1], symbol: parts[2], para: para, clause: clause}, nil
}

// MatchObligations returns every obligation matching f, in snapshot order.
// An actor or document that names nothing known gives no match (not an
// error), so a typo shows as an empty result.
func (s *Snapshot) MatchObligations(f ObligationFilter) ([]*Obligation, error) {
	if f.Kind != "" && lower(f.Kind) != string(resgraph.ActionDirective) && lower(f.Kind) != string(resgraph.ActionTask) {
		return nil, resgraph.Errorf(resgraph.EINVALID, "kind must be %q or %q, got %q", resgraph.ActionDirective, resgraph.ActionTask, f.Kind)
	}
	if !ValidStatus(f.Status) {
		return nil, resgraph.Errorf(resgraph.EINVALID, "status must be adopted, draft, not adopted or any, got %q", f.Status)
	}
	if f.InForceOn != "" && !ValidDay(f.InForceOn) {
		return nil, resgraph.Errorf(resgraph.EINVALID, "inForceOn must be an ISO day (2014-04-10), got %q", f.InForceOn)
	}
	// Candidates: the smallest posting list among the indexed filters. The
	// indexes leave out drafts that were not adopted: a filter that asks for
	// them scans.
	indexed := f.Status == "" || f.Status == string(resgraph.StatusAdopted) || f.Status == string(resgraph.StatusDraft)
	var lists [][]int32
	var actors map[*Actor]bool
	if f.Actor != "" {
		found := s.ResolveActor(f.Actor)
		if len(found) == 0 {
			return nil, nil
		}
		actors = map[*Actor]bool{}
		var l []int32
		for _, a := range found {
			actors[a] = true
			l = append(l, of(s.actorSeqs, a.rec().obligations)...)
		}
		if len(found) > 1 {
			slices.Sort(l)
			l = slices.Compact(l)
		}
		if indexed {
			lists = append(lists, l)
		}
	}
	var doc *Document
	if f.Document != "" {
		if doc = s.Document(f.Document); doc == nil {
			return nil, nil
		}
		r := doc.rec().obligations
		seqs := make([]int32, r.n) // a document's seqs are a run
		for i := range seqs {
			seqs[i] = int32(r.off) + int32(i)
		}
		lists = append(lists, seqs)
	}
	verb := lower(f.Verb)
	if verb != "" && indexed {
		lists = append(lists, s.posting(&s.byVerb, verb))
	}
	class := lower(f.Class)
	if class != "" && indexed {
		lists = append(lists, s.posting(&s.byClass, class))
	}
	if y, ok := sameYear(f.From, f.To); ok && indexed {
		lists = append(lists, of(s.postings, s.byYear[int32(y)]))
	}
	var paras map[int32]bool
	if strings.TrimSpace(f.Text) != "" {
		paras = s.words.containingAll(s, f.Text)
	}

	var cands []int32
	all := len(lists) == 0
	if !all {
		cands = slices.MinFunc(lists, func(a, b []int32) int { return cmp.Compare(len(a), len(b)) })
	}
	n := len(cands)
	if all {
		n = len(s.obligations)
	}
	var out []*Obligation
	for i := range n {
		var o *Obligation
		if all {
			o = s.obligations[i]
		} else {
			o = s.obligations[cands[i]]
		}
		r := o.rec()
		ad := s.actorAt(r.actor)
		d := &s.docs[r.doc]
		if actors != nil && !actors[ad] {
			continue
		}
		if doc != nil && d != doc {
			continue
		}
		if !f.statusOK(d, doc != nil) {
			continue
		}
		if verb != "" && !o.foundByVerb(verb) {
			continue
		}
		if class != "" && lower(o.ClassName()) != class {
			continue
		}
		if f.Kind != "" && o.KindName() != lower(f.Kind) {
			continue
		}
		if f.ActorType != "" && (ad == nil || !strings.EqualFold(ad.TypeName(), f.ActorType)) {
			continue
		}
		if !inDateRange(d.Date(), f.From, f.To) {
			continue
		}
		if f.ChapterVII != nil && (r.chapterVII || d.ChapterVII()) != *f.ChapterVII {
			continue
		}
		if paras != nil && !paras[r.para] && !textHasAll(o.Text(), f.Text) {
			continue
		}
		if f.InForceOn != "" && !s.InForceOn(o, f.InForceOn) {
			continue
		}
		out = append(out, o)
	}
	return out, nil
}

// sameYear reports whether a date range lies within one year.
func sameYear(from, to string) (int, bool) {
	if len(from) < 4 || len(to) < 4 || from[:4] != to[:4] {
		return 0, false
	}
	y, err := strconv.Atoi(from[:4])
	return y, err == nil
}

// inDateRange reports whether the ISO date lies in [from, to]; a bound may
// be a prefix ("2012", "2012-12"), and to includes everything it prefixes.
func inDateRange(date, from, to string) bool {
	if from != "" && date < from {
		return false
	}
	if to != "" && date > to && !strings.HasPrefix(date, to) {
		return false
	}
	return true
}

// Stances returns the stances about an actor (id, name or alias; all when
// empty), in snapshot order.
func (s *Snapshot) Stances(actor string) []*Obligation {
	if actor == "" {
		return s.stances
	}
	var out []*Obligation
	for _, a := range s.ResolveActor(actor) {
		out = append(out, a.Stances()...)
	}
	slices.SortFunc(out, func(a, b *Obligation) int { return cmp.Compare(a.rec().seq, b.rec().seq) })
	return slices.Compact(out)
}
