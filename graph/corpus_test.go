package graph_test

import (
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"

	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/query"
)

// maliServer serves the seed and the four Mali resolutions of
// graph.MaliFiles,
// read and extracted by the loader.
func maliServer(t *testing.T) *httptest.Server {
	dir := corpusDir(t)
	reg, err := corpusdocs.Registry()
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"../data/S_2012_946.txt"}
	for _, f := range graph.MaliFiles {
		paths = append(paths, filepath.Join(dir, "unxml-sc", f))
	}
	docs, err := corpusdocs.Files(reg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(bothWays(t, query.NewLive(query.Build(docs, reg.Actors())), graph.ServerConfig{}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRealMaliResolutions(t *testing.T) {
	srv := maliServer(t)
	symbols := func(t *testing.T, q string, pick func(json.RawMessage) []string) []string {
		t.Helper()
		r := post(t, srv, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		return pick(r.Data)
	}
	t.Run("which later resolutions cite 2085", func(t *testing.T) {
		got := symbols(t, `{ document(symbol: "S/RES/2085 (2012)") { citedBy { from { symbol } } } }`, func(d json.RawMessage) []string {
			var v struct {
				Document struct {
					CitedBy []struct{ From struct{ Symbol string } }
				}
			}
			json.Unmarshal(d, &v)
			var out []string
			for _, c := range v.Document.CitedBy {
				out = append(out, c.From.Symbol)
			}
			return out
		})
		if !slices.Contains(got, "S/RES/2100 (2013)") {
			t.Errorf("cited by %q, want S/RES/2100 (2013) among them", got)
		}
	})
	t.Run("2085 cites 2056 and 2071, both in the graph", func(t *testing.T) {
		got := symbols(t, `{ document(symbol: "S/RES/2085 (2012)") { citations { target { symbol } } } }`, func(d json.RawMessage) []string {
			var v struct {
				Document struct {
					Citations []struct{ Target *struct{ Symbol string } }
				}
			}
			json.Unmarshal(d, &v)
			var out []string
			for _, c := range v.Document.Citations {
				if c.Target != nil && !slices.Contains(out, c.Target.Symbol) {
					out = append(out, c.Target.Symbol)
				}
			}
			slices.Sort(out)
			return out
		})
		if want := []string{"S/RES/2056 (2012)", "S/RES/2071 (2012)"}; !slices.Equal(got, want) {
			t.Errorf("cited documents in the graph %q, want %q", got, want)
		}
	})
	t.Run("the adopted text asks the Secretary-General in the draft's paragraphs", func(t *testing.T) {
		paras := func(sym string) []string {
			return symbols(t, `{ obligations(filter: {actor: "Secretary-General", document: "`+sym+`"}, first: 100) { edges { node { paragraph { number } } } } }`,
				func(d json.RawMessage) []string {
					var v struct {
						Obligations struct {
							Edges []struct {
								Node struct{ Paragraph struct{ Number string } }
							}
						}
					}
					json.Unmarshal(d, &v)
					var out []string
					for _, e := range v.Obligations.Edges {
						if n := e.Node.Paragraph.Number; !slices.Contains(out, n) {
							out = append(out, n)
						}
					}
					return out
				})
		}
		draft, adopted := paras("S/2012/946"), paras("S/RES/2085 (2012)")
		if want := []string{"1", "3", "11", "12", "18", "21", "22", "23", "24"}; !slices.Equal(draft, want) || !slices.Equal(adopted, want) {
			t.Errorf("draft %q, adopted %q, want both %q", draft, adopted, want)
		}
	})
	t.Run("a path from the Secretary-General to resolution 2056", func(t *testing.T) {
		got := symbols(t, `{ shortestPath(from: "Secretary-General", to: "S/RES/2056 (2012)", kinds: [OBLIGATION, CITES]) { nodes { id } } }`, func(d json.RawMessage) []string {
			var v struct {
				ShortestPath *struct{ Nodes []struct{ ID string } }
			}
			json.Unmarshal(d, &v)
			if v.ShortestPath == nil {
				return nil
			}
			var out []string
			for _, n := range v.ShortestPath.Nodes {
				out = append(out, n.ID)
			}
			return out
		})
		if len(got) < 2 || got[0] != "actor:secretary-general" || got[len(got)-1] != "document:S/RES/2056 (2012)" {
			t.Errorf("path %q, want from actor:secretary-general to document:S/RES/2056 (2012)", got)
		}
	})
}
