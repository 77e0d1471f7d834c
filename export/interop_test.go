package export

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// nxResult is what testdata/check_networkx.py prints.
type nxResult struct {
	NetworkX    string                    `json:"networkx"`
	Problems    []string                  `json:"problems"`
	Directed    bool                      `json:"directed"`
	Multigraph  bool                      `json:"multigraph"`
	Graph       map[string]any            `json:"graph"`
	Nodes       int                       `json:"nodes"`
	Edges       int                       `json:"edges"`
	NodeData    map[string]map[string]any `json:"nodeData"`
	EdgeData    []nxEdge                  `json:"edgeData"`
	PageRank    map[string]float64        `json:"pagerank"`
	Betweenness map[string]float64        `json:"betweenness"`
}

type nxEdge struct {
	Source string         `json:"source"`
	Target string         `json:"target"`
	Key    any            `json:"key"`
	Data   map[string]any `json:"data"`
}

// runNetworkX writes g in format f and reads it back with NetworkX.
func runNetworkX(t *testing.T, g *Graph, f Format, pivots ...string) nxResult {
	t.Helper()
	py := python(t)
	path := filepath.Join(t.TempDir(), "g."+string(f))
	if err := os.WriteFile(path, write(t, g, f), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{filepath.Join("testdata", "check_networkx.py"), string(f), path}, pivots...)
	out, err := exec.Command(py, args...).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("check_networkx.py %s: %v\n%s", f, err, stderr)
	}
	var r nxResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("check_networkx.py output: %v", err)
	}
	return r
}

// sameValue compares an attribute value as Go wrote it with the value
// NetworkX read (through JSON).
func sameValue(typ string, want any, got any) bool {
	switch typ {
	case "boolean":
		b, ok := got.(bool)
		return ok && b == want.(bool)
	case "int":
		x, ok := got.(float64)
		return ok && x == float64(want.(int))
	case "double":
		x, ok := got.(float64)
		return ok && x == want.(float64)
	}
	s, ok := got.(string)
	return ok && s == formatValue(want) // dates are ISO strings, lists "|"-joined
}

// TestNetworkX reads every view, in GraphML and in GEXF, with NetworkX: the
// node and edge counts, every typed attribute, and NetworkX's own PageRank
// and betweenness on the file agree with ours (to 1e-9; the goal is 1e-6).
func TestNetworkX(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		for _, weighted := range []bool{false, true} {
			if weighted && v != ViewObligations && v != ViewCitations {
				continue
			}
			for _, format := range []Format{FormatGraphML, FormatGEXF} {
				t.Run(fmt.Sprintf("%s weighted=%t %s", v, weighted, format), func(t *testing.T) {
					g := build(t, v, f, Options{Weighted: weighted})
					Measure(g, MeasureOptions{})
					checkNetworkX(t, g, runNetworkX(t, g, format), format)
				})
			}
		}
	}
}

func checkNetworkX(t *testing.T, g *Graph, r nxResult, format Format) {
	t.Helper()
	if r.Nodes != len(g.Nodes) || r.Edges != len(g.Edges) {
		t.Errorf("NetworkX sees %d nodes and %d edges, want %d and %d", r.Nodes, r.Edges, len(g.Nodes), len(g.Edges))
	}
	for _, p := range r.Problems {
		t.Errorf("GEXF 1.2draft rules: %s", p)
	}
	if r.Directed != g.Directed {
		t.Errorf("NetworkX directed = %t, want %t", r.Directed, g.Directed)
	}
	if format == FormatGraphML && r.Graph["betweenness"] != g.Attrs["betweenness"] {
		t.Errorf("graph attribute betweenness = %v, want %q", r.Graph["betweenness"], g.Attrs["betweenness"])
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		data, ok := r.NodeData[n.ID]
		if !ok {
			t.Errorf("NetworkX has no node %q", n.ID)
			continue
		}
		for _, a := range nodeAttrs {
			want, ok := a.Get(g, n)
			if !ok {
				continue
			}
			if format == FormatGEXF && len(n.Periods) > 0 && (a.Name == "start" || a.Name == "end") {
				continue // spells instead
			}
			got := data[a.Name]
			if !sameValue(a.Type, want, got) {
				t.Errorf("node %s: %s = %#v, want %#v", n.ID, a.Name, got, want)
			}
		}
		if format == FormatGEXF && len(n.Periods) > 0 {
			spells, _ := data["spells"].([]any)
			if len(spells) != len(n.Periods) {
				t.Errorf("node %s: spells %v, want %v", n.ID, data["spells"], n.Periods)
			}
		}
		if d := math.Abs(r.PageRank[n.ID] - n.PageRank); d > 1e-9 {
			t.Errorf("PageRank(%s) = %v, NetworkX %v", n.ID, n.PageRank, r.PageRank[n.ID])
		}
		if d := math.Abs(r.Betweenness[n.ID] - n.Betweenness); d > 1e-9 {
			t.Errorf("betweenness(%s) = %v, NetworkX %v", n.ID, n.Betweenness, r.Betweenness[n.ID])
		}
	}
	// Edges as multisets of "source target attributes", endpoints ordered
	// for undirected graphs.
	key := func(s, d string, attrs []string) string {
		if !g.Directed && d < s {
			s, d = d, s
		}
		return s + " " + d + " " + strings.Join(attrs, " ")
	}
	var want, got []string
	for i := range g.Edges {
		e := &g.Edges[i]
		var attrs []string
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				attrs = append(attrs, a.Name+"="+formatValue(v))
			}
		}
		want = append(want, key(e.Source, e.Target, attrs))
	}
	for _, e := range r.EdgeData {
		var attrs []string
		for _, a := range edgeAttrs {
			v, ok := e.Data[a.Name]
			if !ok {
				continue
			}
			switch x := v.(type) {
			case float64:
				if a.Type == "int" {
					v = int(x)
				}
			}
			attrs = append(attrs, a.Name+"="+formatValue(v))
		}
		got = append(got, key(e.Source, e.Target, attrs))
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		for i := range want {
			if i >= len(got) || want[i] != got[i] {
				g := "(none)"
				if i < len(got) {
					g = got[i]
				}
				t.Errorf("edges differ; first difference:\n want %s\n  got %s", want[i], g)
				break
			}
		}
	}
}

// TestNetworkXSampledBetweenness: the sampled estimate equals NetworkX's
// from the same pivots (betweenness_centrality_subset rescaled as for k).
func TestNetworkXSampledBetweenness(t *testing.T) {
	f := loadFixture(t)
	for _, v := range []View{ViewFull, ViewCoaddressee} {
		t.Run(string(v), func(t *testing.T) {
			g := build(t, v, f, Options{})
			k := len(g.Nodes) / 3
			Measure(g, MeasureOptions{ExactLimit: 1, Pivots: k})
			var ids []string
			for _, i := range pivots(len(g.Nodes), k, 1) {
				ids = append(ids, g.Nodes[i].ID)
			}
			r := runNetworkX(t, g, FormatGraphML, ids...)
			if !strings.HasPrefix(fmt.Sprint(r.Graph["betweenness"]), fmt.Sprintf("sampled k=%d ", k)) {
				t.Errorf("graph attribute betweenness = %v", r.Graph["betweenness"])
			}
			for _, n := range g.Nodes {
				if d := math.Abs(r.Betweenness[n.ID] - n.Betweenness); d > 1e-9 {
					t.Errorf("sampled betweenness(%s) = %v, NetworkX %v", n.ID, n.Betweenness, r.Betweenness[n.ID])
				}
			}
		})
	}
}

// cyResult is what testdata/node/check.js prints.
type cyResult struct {
	Version  string                    `json:"version"`
	Nodes    int                       `json:"nodes"`
	Edges    int                       `json:"edges"`
	Degree   map[string]int            `json:"degree"`
	NodeData map[string]map[string]any `json:"nodeData"`
	EdgeData map[string]map[string]any `json:"edgeData"`
}

// TestCytoscapeLoads loads every view in Cytoscape.js (npm, headless, in
// Node) and checks what it reports.
func TestCytoscapeLoads(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		t.Run(string(v), func(t *testing.T) {
			g := build(t, v, f, Options{})
			Measure(g, MeasureOptions{})
			checkCytoscape(t, g)
		})
	}
}

// checkCytoscape loads g in Cytoscape.js (headless, in Node) and checks
// the counts, degrees and data it reports.
func checkCytoscape(t *testing.T, g *Graph) {
	t.Helper()
	node, script := nodeScript(t, "check.js", "cytoscape")
	path := writeFile(t, g, FormatCytoscape, WriteOptions{})
	var r cyResult
	runJSON(t, &r, node, script, path)
	if r.Nodes != len(g.Nodes) || r.Edges != len(g.Edges) {
		t.Errorf("Cytoscape.js %s sees %d nodes and %d edges, want %d and %d", r.Version, r.Nodes, r.Edges, len(g.Nodes), len(g.Edges))
	}
	bad := 0
	for _, n := range g.Nodes {
		if r.Degree[n.ID] != n.Degree || r.NodeData[n.ID]["pagerank"] != n.PageRank || r.NodeData[n.ID]["kind"] != n.Kind {
			if bad++; bad <= 5 {
				t.Errorf("Cytoscape node %s: degree %d (want %d), data %v", n.ID, r.Degree[n.ID], n.Degree, r.NodeData[n.ID])
			}
		}
	}
	for _, e := range g.Edges {
		d := r.EdgeData[e.ID]
		if d["source"] != e.Source || d["target"] != e.Target || d["kind"] != e.Kind || d["weight"] != e.Weight {
			if bad++; bad <= 5 {
				t.Errorf("Cytoscape edge %s = %v", e.ID, d)
			}
		}
	}
}
