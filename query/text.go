package query

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/resgraph/resgraph"
)

// BM25 parameters (the usual defaults).
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// posting is one paragraph holding a term, with the term's frequency there.
type posting struct {
	para int32
	tf   uint16
}

// textIndex is an inverted index over paragraph texts: each term's
// postings are a run of one array, in paragraph order.
type textIndex struct {
	terms    keyIndex[list] // into postings
	postings []posting
	avgLen   float64
	n        int
}

func buildTextIndex(s *Snapshot, a *arena) textIndex {
	ix := textIndex{n: len(s.paraRecs)}
	ids := map[string]int32{} // term: its index in byTerm
	var byTerm [][]posting
	var here []int32 // the terms of a paragraph, as met
	total := 0
	for i := range s.paraRecs {
		p := &s.paraRecs[i]
		here = here[:0]
		forTerms(s.str(p.text), func(t string) {
			id, ok := ids[t]
			if !ok {
				id = int32(len(byTerm))
				ids[t] = id
				byTerm = append(byTerm, nil)
			}
			here = append(here, id)
		})
		p.terms = i32(len(here))
		total += len(here)
		slices.Sort(here)
		for j := 0; j < len(here); {
			k := j + 1
			for k < len(here) && here[k] == here[j] {
				k++
			}
			byTerm[here[j]] = append(byTerm[here[j]], posting{para: int32(i), tf: uint16(min(k-j, math.MaxUint16))})
			j = k
		}
	}
	if len(s.paraRecs) > 0 {
		ix.avgLen = float64(total) / float64(len(s.paraRecs))
	}
	size := 0
	for _, ps := range byTerm {
		size += len(ps)
	}
	ix.postings = make([]posting, 0, size)
	runs := make(map[string]list, len(ids))
	for t, id := range ids {
		from := len(ix.postings)
		ix.postings = append(ix.postings, byTerm[id]...)
		runs[t] = listOf(ix.postings, from, false)
	}
	ix.terms = newKeyIndex(a, runs)
	return ix
}

// postingsOf returns the postings of term t.
func (ix *textIndex) postingsOf(s *Snapshot, t string) []posting {
	l, _ := ix.terms.get(s.text, t)
	return of(ix.postings, l)
}

// stopWords are left out of the index: they carry no meaning for search.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "to": true, "in": true, "on": true,
	"for": true, "by": true, "with": true, "as": true, "at": true, "its": true, "it": true, "or": true,
	"be": true, "is": true, "are": true, "that": true, "this": true, "from": true, "which": true,
}

// forTerms calls fn for every indexed term of text: lower-case runs of
// letters and digits (hyphens and slashes join: "secretary-general",
// "s/2012/946"), stop words left out.
func forTerms(text string, fn func(string)) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		t := strings.Trim(text[start:end], "-/")
		start = -1
		if t == "" {
			return
		}
		t = strings.ToLower(t)
		if !stopWords[t] {
			fn(t)
		}
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '-' || r == '/') && start >= 0) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
}

// terms returns the distinct terms of a query.
func terms(q string) []string {
	var out []string
	forTerms(q, func(t string) {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	})
	return out
}

// containingAll returns the paragraphs holding every term of q.
func (ix *textIndex) containingAll(s *Snapshot, q string) map[int32]bool {
	ts := terms(q)
	out := map[int32]bool{}
	if len(ts) == 0 {
		return out
	}
	slices.SortFunc(ts, func(a, b string) int { return cmp.Compare(len(ix.postingsOf(s, a)), len(ix.postingsOf(s, b))) })
	for _, p := range ix.postingsOf(s, ts[0]) {
		out[p.para] = true
	}
	for _, t := range ts[1:] {
		next := map[int32]bool{}
		for _, p := range ix.postingsOf(s, t) {
			if out[p.para] {
				next[p.para] = true
			}
		}
		out = next
	}
	return out
}

// textHasAll reports whether text holds every term of q.
func textHasAll(text, q string) bool {
	ts := terms(q)
	if len(ts) == 0 {
		return false
	}
	have := map[string]bool{}
	forTerms(text, func(t string) { have[t] = true })
	for _, t := range ts {
		if !have[t] {
			return false
		}
	}
	return true
}

// Hit is a paragraph found by Search, with its BM25 score.
type Hit struct {
	Paragraph *Paragraph
	Score     float64
}

// Search ranks paragraphs by BM25 against the words of q and returns the
// first n (at most MaxPageSize). Ties keep snapshot order.
func (s *Snapshot) Search(q string, n int) ([]Hit, error) {
	switch {
	case n < 0 || n > MaxPageSize:
		return nil, resgraph.Errorf(resgraph.EINVALID, "first must be between 0 and %d, got %d", MaxPageSize, n)
	case n == 0:
		n = DefaultPageSize
	}
	ts := terms(q)
	if len(ts) == 0 {
		return nil, resgraph.Errorf(resgraph.EINVALID, "search text %q has no words to search for", q)
	}
	ix := &s.words
	scores := map[int32]float64{}
	for _, t := range ts {
		ps := ix.postingsOf(s, t)
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + (float64(ix.n)-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			dl := float64(s.paraRecs[p.para].terms)
			scores[p.para] += idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/ix.avgLen))
		}
	}
	hits := make([]Hit, 0, len(scores))
	for p, sc := range scores {
		hits = append(hits, Hit{Paragraph: &s.paras[p], Score: sc})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Paragraph.i, b.Paragraph.i))
	})
	return hits[:min(n, len(hits))], nil
}
