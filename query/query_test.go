package query_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

func seed(t testing.TB) *query.Snapshot {
	t.Helper()
	return query.Build(querytest.Seed(), querytest.Actors())
}

func paraNumbers(os []*query.Obligation) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.ParagraphNumber()+o.Item())
	}
	return out
}

func TestWhoMustDoWhat(t *testing.T) {
	s := seed(t)
	for _, tc := range []struct {
		name string
		f    query.ObligationFilter
		want string
	}{
		{"what must the Secretary-General do in the seed", query.ObligationFilter{Actor: "Secretary-General", Document: "S/2012/946"}, "1 3 11 12 18 21 22 23 24"},
		{"the adopted symbol finds the draft", query.ObligationFilter{Actor: "secretary-general", Document: "S/RES/2085 (2012)"}, "1 3 11 12 18 21 22 23 24"},
		{"AU is the African Union", query.ObligationFilter{Actor: "AU"}, "10 22"},
		{"African Union by name, any case", query.ObligationFilter{Actor: "african union"}, "10 22"},
		{"every Secretary-General obligation in date order", query.ObligationFilter{Actor: "UN Secretary-General"}, "7 1 3 11 12 18 21 22 23 24 34"},
		{"demands", query.ObligationFilter{Verb: "demands"}, "2 4"},
		{"class and year", query.ObligationFilter{Class: "request", From: "2013", To: "2013"}, "34"},
		{"text", query.ObligationFilter{Text: "trust fund"}, "22 22 22"},
		{"unknown actor gives nothing", query.ObligationFilter{Actor: "Nobody"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.MatchObligations(tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(paraNumbers(got), " "); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

func TestPagesHaveNoGapsOrDuplicates(t *testing.T) {
	s := seed(t)
	all, _ := s.MatchObligations(query.ObligationFilter{})
	var got []*query.Obligation
	after := ""
	for range 100 {
		c, err := s.Obligations(query.ObligationFilter{}, query.Page{First: 4, After: after})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.Nodes...)
		if !c.PageInfo.HasNextPage {
			break
		}
		after = *c.PageInfo.EndCursor
	}
	if !slices.Equal(got, all) {
		t.Errorf("paged %d obligations, want the %d in order", len(got), len(all))
	}
}

func TestCitationsBothWays(t *testing.T) {
	s := seed(t)
	d := s.Document("S/RES/2085 (2012)")
	if d == nil || d.Symbol() != "S/2012/946" {
		t.Fatalf("adopted symbol finds %v, want the draft S/2012/946", d)
	}
	if len(d.CitesIn()) != 1 || d.CitesIn()[0].From().Symbol() != "S/RES/2100 (2013)" {
		t.Errorf("cited by %v, want S/RES/2100 (2013)", d.CitesIn())
	}
	if len(d.CitesOut()) != 5 || d.CitesOut()[1].To() == nil || d.CitesOut()[1].To().Symbol() != "S/RES/2071 (2012)" {
		t.Errorf("cites %d, second to %v; want 5, second S/RES/2071 (2012) in the graph", len(d.CitesOut()), d.CitesOut()[1].To())
	}
}

func TestSearchRanksTheParagraphAboutIt(t *testing.T) {
	s := seed(t)
	hits, err := s.Search("trust fund", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Paragraph.ID() != "op22" {
		t.Fatalf("top hit %v, want op22 of S/2012/946", hits)
	}
}

func TestNeighbourhoodAndPath(t *testing.T) {
	s := seed(t)
	g, err := s.Neighbourhood("AU", 1, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID())
	}
	want := []string{"actor:african-union", "document:S/RES/2071 (2012)", "document:S/2012/946", "actor:afisma"}
	if !slices.Equal(ids, want) {
		t.Errorf("nodes %q, want %q", ids, want)
	}
	if len(g.Edges) < 3 || !slices.IsSortedFunc(g.Edges, func(a, b *query.Edge) int { return strings.Compare(a.ID(), b.ID()) }) {
		t.Errorf("%d edges, not in order of id", len(g.Edges))
	}
	p, err := s.ShortestPath("x/malian-rebel-groups", "S/RES/2100 (2013)", nil)
	if err != nil || p == nil {
		t.Fatalf("path: %v, %v", p, err)
	}
	ids = ids[:0]
	for _, n := range p.Nodes {
		ids = append(ids, n.ID())
	}
	want = []string{"actor:x/malian-rebel-groups", "document:S/2012/946", "document:S/RES/2100 (2013)"}
	if !slices.Equal(ids, want) {
		t.Errorf("path %q, want %q", ids, want)
	}
}

// The fast path (one indexed condition) must page exactly as the scan does.
func TestIndexedPagesEqualScannedPages(t *testing.T) {
	s := seed(t)
	for _, f := range []query.ObligationFilter{{Actor: "AU"}, {Actor: "secretary-general"}, {Document: "S/RES/2085 (2012)"}, {Verb: "urges"}, {Class: "request"}} {
		want, _ := s.MatchObligations(f)
		var got []*query.Obligation
		after := ""
		for range 50 {
			c, err := s.Obligations(f, query.Page{First: 3, After: after})
			if err != nil {
				t.Fatal(err)
			}
			if c.TotalCount != len(want) {
				t.Errorf("%+v: totalCount %d, want %d", f, c.TotalCount, len(want))
			}
			got = append(got, c.Nodes...)
			if !c.PageInfo.HasNextPage {
				break
			}
			after = *c.PageInfo.EndCursor
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: paged %v, want %v", f, paraNumbers(got), paraNumbers(want))
		}
	}
}

// Paragraphs holding more of the words, and holding them more densely, rank
// first; scores never increase down the list.
func TestSearchRanksByRelevance(t *testing.T) {
	s := seed(t)
	hits, err := s.Search("Secretary-General report Council", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 5 {
		t.Fatalf("%d hits, want at least 5", len(hits))
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hit %d (%s) scores %.3f above hit %d (%.3f)", i, hits[i].Paragraph.ID(), hits[i].Score, i-1, hits[i-1].Score)
		}
	}
	words := func(p *query.Paragraph) int {
		n := 0
		for _, w := range []string{"secretary-general", "report", "council"} {
			if strings.Contains(strings.ToLower(p.Text()), w) {
				n++
			}
		}
		return n
	}
	if top, last := words(hits[0].Paragraph), words(hits[len(hits)-1].Paragraph); top != 3 || last > top {
		t.Errorf("top hit %s holds %d of the 3 words, last %s holds %d", hits[0].Paragraph.ID(), top, hits[len(hits)-1].Paragraph.ID(), last)
	}
	if _, err := s.Search("the of and", 5); err == nil {
		t.Errorf("a search of stop words only gave no error")
	}
}
