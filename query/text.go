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

// textIndex is an inverted index over paragraph texts.
type textIndex struct {
	terms  map[string][]posting // postings in paragraph order
	avgLen float64
	n      int
}

func buildTextIndex(paras []*Paragraph) textIndex {
	ix := textIndex{terms: map[string][]posting{}, n: len(paras)}
	total := 0
	counts := map[string]int{}
	for _, p := range paras {
		clear(counts)
		n := 0
		forTerms(p.Text, func(t string) {
			counts[t]++
			n++
		})
		p.len = n
		total += n
		for t, c := range counts {
			ix.terms[t] = append(ix.terms[t], posting{para: int32(p.seq), tf: uint16(min(c, math.MaxUint16))})
		}
	}
	if len(paras) > 0 {
		ix.avgLen = float64(total) / float64(len(paras))
	}
	return ix
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
func (ix *textIndex) containingAll(paras []*Paragraph, q string) map[*Paragraph]bool {
	ts := terms(q)
	out := map[*Paragraph]bool{}
	if len(ts) == 0 {
		return out
	}
	slices.SortFunc(ts, func(a, b string) int { return cmp.Compare(len(ix.terms[a]), len(ix.terms[b])) })
	for _, p := range ix.terms[ts[0]] {
		out[paras[p.para]] = true
	}
	for _, t := range ts[1:] {
		next := map[*Paragraph]bool{}
		for _, p := range ix.terms[t] {
			if out[paras[p.para]] {
				next[paras[p.para]] = true
			}
		}
		out = next
	}
	return out
}

// textHasAll reports whether text holds every term of q.
func (ix *textIndex) textHasAll(text, q string) bool {
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
	ix := &s.text
	scores := map[int32]float64{}
	for _, t := range ts {
		ps := ix.terms[t]
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + (float64(ix.n)-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			dl := float64(s.paras[p.para].len)
			scores[p.para] += idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/ix.avgLen))
		}
	}
	hits := make([]Hit, 0, len(scores))
	for p, sc := range scores {
		hits = append(hits, Hit{Paragraph: s.paras[p], Score: sc})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Paragraph.seq, b.Paragraph.seq))
	})
	return hits[:min(n, len(hits))], nil
}
