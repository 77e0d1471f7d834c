package export

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/resgraph/resgraph"
)

// expectedObligations counts, straight from the documents, the obligation
// edges and the distinct addressees a view must have.
func expectedObligations(docs []*resgraph.Document) (edges int, pairs int, addressees map[resgraph.ActorID]bool) {
	addressees = map[resgraph.ActorID]bool{}
	seen := map[resgraph.ActorID]bool{}
	for _, d := range docs {
		for _, a := range d.Actions {
			if (a.Kind == resgraph.ActionDirective || a.Kind == resgraph.ActionTask) && a.Addressee != nil && a.Addressee.ID != "" {
				edges++
				addressees[a.Addressee.ID] = true
				if !seen[a.Addressee.ID] {
					seen[a.Addressee.ID] = true
					pairs++
				}
			}
		}
	}
	return edges, pairs, addressees
}

func TestObligationsView(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewObligations, f, Options{})
	wantEdges, wantPairs, addressees := expectedObligations(f.Documents)
	if len(g.Edges) != wantEdges {
		t.Errorf("edges = %d, want %d (one per directive or task)", len(g.Edges), wantEdges)
	}
	// Pinned from the fixture: 39 obligations of the seed (the gold file's
	// directives) and 4 of S/RES/2071 (2012).
	if len(g.Edges) != 43 {
		t.Errorf("edges = %d, want 43", len(g.Edges))
	}
	if len(g.Nodes) != len(addressees)+1 {
		t.Errorf("nodes = %d, want %d addressees + the Council", len(g.Nodes), len(addressees))
	}
	for _, id := range []string{"security-council", "secretary-general", "african-union", "afisma", "state/mali/transitional-authorities", "member-states"} {
		if g.Node(id) == nil {
			t.Errorf("no node %q", id)
		}
	}
	if n := g.Node("security-council"); n == nil || n.Label != "Security Council" || n.Type != "un-organ" {
		t.Errorf("council node = %+v", n)
	}
	if n := g.Node("african-union"); n == nil || !contains(n.Aliases, "AU") {
		t.Errorf("african-union aliases = %v, want AU among them", n.Aliases)
	}
	var task *Edge
	for i := range g.Edges {
		e := &g.Edges[i]
		if e.Source != "security-council" {
			t.Errorf("edge %s from %s, want the Council", e.ID, e.Source)
		}
		if e.ID == "S/2012/946#op9(a)/1" {
			task = e
		}
	}
	if task == nil {
		t.Fatal("no edge S/2012/946#op9(a)/1")
	}
	want := Edge{ID: "S/2012/946#op9(a)/1", Source: "security-council", Target: "afisma", Kind: EdgeObligation,
		Verb: "decides", Class: "authorization", Document: "S/2012/946", Paragraph: "op9(a)", Date: "2012-12-20",
		Chapter7: true, Weight: 1, End: task.End}
	if !reflect.DeepEqual(*task, want) {
		t.Errorf("op9(a) edge =\n %+v, want\n %+v", *task, want)
	}

	w := build(t, ViewObligations, f, Options{Weighted: true})
	if len(w.Edges) != wantPairs {
		t.Errorf("weighted edges = %d, want %d pairs", len(w.Edges), wantPairs)
	}
	var total float64
	for _, e := range w.Edges {
		total += e.Weight
		if e.Target == "secretary-general" && (e.Weight != 11 || e.Documents != 2 || e.Date != "2012-10-12") {
			t.Errorf("council->secretary-general = weight %v, %d documents, from %s; want 11, 2, 2012-10-12",
				e.Weight, e.Documents, e.Date)
		}
	}
	if int(total) != wantEdges {
		t.Errorf("weights sum to %v, want %d", total, wantEdges)
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestBipartiteView(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewBipartite, f, Options{})
	want := map[string]float64{}
	for _, d := range f.Documents {
		for _, a := range d.Actions {
			if a.Addressee != nil {
				want[string(a.Addressee.ID)+"|"+string(d.Symbol)]++
			}
		}
	}
	if len(g.Edges) != len(want) {
		t.Errorf("edges = %d, want %d", len(g.Edges), len(want))
	}
	for _, e := range g.Edges {
		if w := want[e.Source+"|"+e.Target]; w != e.Weight {
			t.Errorf("%s - %s weight %v, want %v", e.Source, e.Target, e.Weight, w)
		}
		if s, d := g.Node(e.Source), g.Node(e.Target); s.Bipartite != 0 || d.Bipartite != 1 || d.Kind != KindDocument {
			t.Errorf("edge %s joins %s (bipartite %d) and %s (bipartite %d)", e.ID, s.Kind, s.Bipartite, d.Kind, d.Bipartite)
		}
	}
	if g.Directed {
		t.Error("bipartite view is directed")
	}
}

func TestCoaddresseeView(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewCoaddressee, f, Options{})
	// Seed paragraphs with several addressees: 1, 3 (transitional
	// authorities + SG), 7, 14 (Member States + regional + international
	// organizations: 3 pairs each), 15 (3 actors: 3 pairs), 20 (MS +
	// international), 22 (SG, MS, AU: 3 pairs); S/RES/2071 op4 (SG + AU).
	byPair := map[string]*Edge{}
	for i := range g.Edges {
		e := &g.Edges[i]
		if e.Source >= e.Target {
			t.Errorf("edge %s not ordered", e.ID)
		}
		byPair[e.ID] = e
	}
	for id, w := range map[string]float64{
		"secretary-general--state/mali/transitional-authorities": 2,
		"member-states--x/regional-organizations":                2,
		"member-states--x/international-organizations":           3,
		"african-union--secretary-general":                       2,
		"african-union--member-states":                           1,
	} {
		e := byPair[id]
		if e == nil {
			t.Errorf("no edge %s", id)
			continue
		}
		if e.Weight != w || e.Paragraphs != int(w) {
			t.Errorf("%s weight %v paragraphs %d, want %v", id, e.Weight, e.Paragraphs, w)
		}
	}
	if len(g.Edges) != 10 {
		t.Errorf("edges = %d, want 10", len(g.Edges))
	}
	// Actor filter keeps pairs with at least one matching actor.
	a := build(t, ViewCoaddressee, f, Options{Filter: Filter{Actors: []string{"AU"}}})
	if len(a.Edges) != 2 {
		t.Errorf("edges of the African Union = %d, want 2: %v", len(a.Edges), edgeIDs(a))
	}
}

func edgeIDs(g *Graph) []string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, e.ID)
	}
	return out
}

func TestCitationsView(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewCitations, f, Options{})
	// The seed cites 20 documents (and one paragraph of itself, not an
	// edge); S/RES/2071 (2012) cites 2 others and itself (dropped).
	if len(g.Edges) != 22 {
		t.Errorf("edges = %d, want 22", len(g.Edges))
	}
	// Nodes: the 2 documents and 19 external ones (S/RES/2056 (2012) and
	// S/PRST/2012/7 are cited by both; S/RES/2071 (2012) is in the input).
	if len(g.Nodes) != 21 {
		t.Errorf("nodes = %d, want 21", len(g.Nodes))
	}
	if n := g.Node("S/RES/2071 (2012)"); n == nil || n.External || n.Date != "2012-10-12" {
		t.Errorf("S/RES/2071 (2012) = %+v, want an input document", n)
	}
	if n := g.Node("S/RES/1325 (2000)"); n == nil || !n.External || n.Type != "resolution" {
		t.Errorf("S/RES/1325 (2000) = %+v, want an external resolution", n)
	}
	rel := map[string]int{}
	for _, e := range g.Edges {
		rel[e.Relation]++
		if e.Source == e.Target {
			t.Errorf("self-loop %s", e.ID)
		}
	}
	if rel["recalls"] != 6 || rel["takes note of"] != 2 || rel["reaffirms"] != 14 {
		t.Errorf("relations = %v", rel)
	}
	w := build(t, ViewCitations, f, Options{Weighted: true})
	if len(w.Edges) != 22 {
		t.Errorf("weighted edges = %d, want 22 (no pair repeats)", len(w.Edges))
	}
}

func TestFullView(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewFull, f, Options{})
	kinds := map[string]int{}
	for _, n := range g.Nodes {
		kinds[n.Kind]++
	}
	edges := map[string]int{}
	for _, e := range g.Edges {
		edges[e.Kind]++
		if g.Node(e.Source) == nil || g.Node(e.Target) == nil {
			t.Errorf("edge %s has a dangling end", e.ID)
		}
	}
	if kinds[KindObligation] != 43 || kinds[KindStance] != 7 || kinds[KindDocument] != 21 {
		t.Errorf("node kinds = %v", kinds)
	}
	want := map[string]int{EdgeIssues: 2, EdgeContains: 50, EdgeAddressee: 43, EdgeTarget: 7, EdgePartner: 2,
		EdgeCites: 22, EdgeLedBy: 1}
	for k, n := range want {
		if edges[k] != n {
			t.Errorf("%s edges = %d, want %d (all: %v)", k, edges[k], n, edges)
		}
	}
	if n := g.Node("S/2012/946#op9(a)/1"); n == nil || n.iri != "https://resgraph.org/doc/S/2012/946/action/12" {
		t.Errorf("op9(a) action node = %+v", n)
	}
}

func TestFilters(t *testing.T) {
	f := loadFixture(t)
	cases := []struct {
		name  string
		f     Filter
		edges int
	}{
		{"none", Filter{}, 43},
		{"from December 2012", Filter{From: "2012-12"}, 39},
		{"to October 2012", Filter{To: "2012-10-31"}, 4},
		{"year", Filter{From: "2012", To: "2012"}, 43},
		{"document by adopted symbol", Filter{Documents: []string{"s/res/2085  (2012)"}}, 39},
		{"actor by alias", Filter{Actors: []string{"AU"}}, 3},
		{"actor by id and name", Filter{Actors: []string{"afisma", "Secretary-General"}}, 8 + 12},
		{"issuer", Filter{Actors: []string{"security-council"}}, 43},
		{"class", Filter{Classes: []string{"request", "demand"}}, 11 + 3 + 2},
		{"subject", Filter{Subjects: []string{"terrorism"}}, 4},
		{"subject IRI", Filter{Subjects: []string{"http://metadata.un.org/thesaurus/1004869"}}, 39},
		{"class and date", Filter{Classes: []string{"request"}, To: "2012-11"}, 2},
		{"nothing", Filter{From: "2013"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := build(t, ViewObligations, f, Options{Filter: c.f})
			if len(g.Edges) != c.edges {
				t.Errorf("edges = %d, want %d", len(g.Edges), c.edges)
			}
		})
	}
	for _, bad := range []string{"20-12", "2013-99", "2013-02-30", "2013-1", "yesterday"} {
		if _, err := Build(ViewObligations, f.Documents, f.Actors, Options{Filter: Filter{From: bad}}); err == nil {
			t.Errorf("bad date %q accepted", bad)
		}
	}
	if _, err := Build(ViewObligations, f.Documents, f.Actors, Options{Filter: Filter{From: "2013", To: "2012"}}); err == nil {
		t.Error("from after to accepted")
	}
	// The citation view keeps citing documents with a matching action.
	g := build(t, ViewCitations, f, Options{Filter: Filter{Actors: []string{"afisma"}}})
	if len(g.Edges) != 20 {
		t.Errorf("citations of documents addressing AFISMA = %d, want 20", len(g.Edges))
	}
}

// TestDeterministic: the same input gives the same bytes in every format,
// whatever the order of documents.
func TestDeterministic(t *testing.T) {
	f := loadFixture(t)
	rev := fixture{Documents: []*resgraph.Document{f.Documents[1], f.Documents[0]}, Actors: f.Actors}
	for _, v := range Views {
		for _, format := range Formats {
			t.Run(fmt.Sprint(v, ".", format), func(t *testing.T) {
				g1 := build(t, v, f, Options{})
				Measure(g1, MeasureOptions{})
				g2 := build(t, v, rev, Options{})
				Measure(g2, MeasureOptions{})
				if a, b := write(t, g1, format), write(t, g2, format); !bytes.Equal(a, b) {
					t.Errorf("two builds differ (%d and %d bytes)", len(a), len(b))
				}
			})
		}
	}
}
