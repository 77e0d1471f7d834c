package export

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The readers analysts use, run on the exports: Debian's rapper (raptor2)
// for N-Quads, n3 and jsonld.js (npm) for N-Quads and JSON-LD,
// graphology-gexf (npm) for GEXF, Python's csv module and pandas for CSV.
// Each test skips, saying what to install, when its reader is absent; CI
// installs them all (.ci/run).

// nodeScript returns node and the path of a script in testdata/node, or
// skips when node or the npm packages are absent.
func nodeScript(t testing.TB, script string, pkgs ...string) (string, string) {
	t.Helper()
	dir := filepath.Join("testdata", "node")
	for _, p := range pkgs {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", p)); err != nil {
			t.Skipf("%s not installed (%v): run npm ci in export/testdata/node", p, err)
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skipf("node not found: %v", err)
	}
	return node, filepath.Join(dir, script)
}

// runJSON runs a command and decodes its standard output as JSON into v.
func runJSON(t testing.TB, v any, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("%s: output is not JSON: %v", name, err)
	}
}

// writeFile writes g in format f (with o) into a temporary file.
func writeFile(t testing.TB, g *Graph, f Format, o WriteOptions) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "g"+f.Ext())
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteWith(fh, g, f, o); err != nil {
		t.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

var rapperCount = regexp.MustCompile(`Parsing returned (\d+) (?:triples|statements)`)

// rapper parses path as N-Quads with Debian's rapper and returns the
// statement count, or skips when rapper is absent.
func rapper(t testing.TB, path string) int {
	t.Helper()
	bin, err := exec.LookPath("rapper")
	if err != nil {
		t.Skipf("rapper not found (%v): apt-get install -y raptor2-utils", err)
	}
	out, err := exec.Command(bin, "-i", "nquads", "-c", path).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper -i nquads: %v\n%s", err, out)
	}
	m := rapperCount.FindSubmatch(out)
	if m == nil {
		t.Fatalf("rapper: no count in %s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

type rdfResult struct {
	NQuads          int            `json:"nquads"`
	NQuadsDistinct  int            `json:"nquadsDistinct"`
	JSONLD          int            `json:"jsonld"`
	JSONLDDistinct  int            `json:"jsonldDistinct"`
	OnlyNQuads      []string       `json:"onlyNQuads"`
	OnlyNQuadsCount int            `json:"onlyNQuadsCount"`
	OnlyJSONLD      []string       `json:"onlyJSONLD"`
	OnlyJSONLDCount int            `json:"onlyJSONLDCount"`
	Datatypes       map[string]int `json:"datatypes"`
}

// checkRDF reads g's N-Quads with rapper and n3 and its JSON-LD with
// jsonld.js: the same statements as the graph, every datatype XML
// Schema's.
func checkRDF(t *testing.T, g *Graph) {
	t.Helper()
	var lines int
	if err := Quads(g, func(Quad) error { lines++; return nil }); err != nil {
		t.Fatal(err)
	}
	nq := writeFile(t, g, FormatNQuads, WriteOptions{})
	if n := rapper(t, nq); n != lines {
		t.Errorf("rapper read %d statements, the writer wrote %d", n, lines)
	}
	node, script := nodeScript(t, "check_rdf.js", "n3", "jsonld")
	ld := writeFile(t, g, FormatJSONLD, WriteOptions{})
	var r rdfResult
	runJSON(t, &r, node, script, nq, ld)
	if r.NQuads != lines {
		t.Errorf("n3 read %d statements, the writer wrote %d", r.NQuads, lines)
	}
	if r.OnlyNQuadsCount > 0 || r.OnlyJSONLDCount > 0 {
		t.Errorf("N-Quads (%d distinct) and JSON-LD through jsonld.js (%d distinct) differ: %d only in N-Quads %v, %d only in JSON-LD %v",
			r.NQuadsDistinct, r.JSONLDDistinct, r.OnlyNQuadsCount, r.OnlyNQuads, r.OnlyJSONLDCount, r.OnlyJSONLD)
	}
	for dt := range r.Datatypes {
		if !strings.HasPrefix(dt, xsd) {
			t.Errorf("datatype %s is not XML Schema's", dt)
		}
	}
}

// checkNQuadsOnly reads g's N-Quads with rapper and n3 (streaming): the
// statement count, and XML Schema's datatypes.
func checkNQuadsOnly(t *testing.T, g *Graph) {
	t.Helper()
	var lines int
	if err := Quads(g, func(Quad) error { lines++; return nil }); err != nil {
		t.Fatal(err)
	}
	nq := writeFile(t, g, FormatNQuads, WriteOptions{})
	if n := rapper(t, nq); n != lines {
		t.Errorf("rapper read %d statements, the writer wrote %d", n, lines)
	}
	node, script := nodeScript(t, "check_rdf.js", "n3", "jsonld")
	var r rdfResult
	runJSON(t, &r, node, script, nq)
	if r.NQuads != lines {
		t.Errorf("n3 read %d statements, the writer wrote %d", r.NQuads, lines)
	}
	for dt := range r.Datatypes {
		if !strings.HasPrefix(dt, xsd) {
			t.Errorf("datatype %s is not XML Schema's", dt)
		}
	}
}

// TestRDFParsers: every view's N-Quads read by rapper and n3, its JSON-LD
// by jsonld.js, give the same statements.
func TestRDFParsers(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		t.Run(string(v), func(t *testing.T) {
			g := build(t, v, f, Options{})
			Measure(g, MeasureOptions{})
			checkRDF(t, g)
		})
	}
}

type gexfResult struct {
	Order       int                       `json:"order"`
	Size        int                       `json:"size"`
	Type        string                    `json:"type"`
	NodeData    map[string]map[string]any `json:"nodeData"`
	EdgeWeights float64                   `json:"edgeWeights"`
	Problems    []string                  `json:"problems"`
}

// checkGEXF reads g as GEXF of the given version with graphology-gexf and
// checks it against GEXF's rules (testdata/check_networkx.py gexf-rules).
func checkGEXF(t *testing.T, g *Graph, version string, light, graphology bool) {
	t.Helper()
	path := writeFile(t, g, FormatGEXF, WriteOptions{GEXFVersion: version})
	var rules gexfResult
	runJSON(t, &rules, python(t), filepath.Join("testdata", "check_networkx.py"), "gexf-rules", path, version)
	for _, p := range rules.Problems {
		t.Errorf("GEXF %s rules: %s", version, p)
	}
	if !graphology {
		return
	}
	node, script := nodeScript(t, "check_gexf.js", "graphology-gexf", "@xmldom/xmldom")
	args := []string{script, path}
	if light {
		args = append(args, "--light")
	}
	var r gexfResult
	runJSON(t, &r, node, args...)
	if r.Order != len(g.Nodes) || r.Size != len(g.Edges) {
		t.Errorf("graphology-gexf sees %d nodes and %d edges, want %d and %d", r.Order, r.Size, len(g.Nodes), len(g.Edges))
	}
	var w float64
	for _, e := range g.Edges {
		w += e.Weight
	}
	if math.Abs(w-r.EdgeWeights) > 1e-6*max(1, w) {
		t.Errorf("graphology-gexf edge weights sum to %v, want %v", r.EdgeWeights, w)
	}
	bad := 0
	for i := range g.Nodes {
		n := &g.Nodes[i]
		d := r.NodeData[n.ID]
		ok := d != nil && d["label"] == n.Label && d["kind"] == n.Kind && d["pagerank"] == n.PageRank
		if n.Date != "" {
			ok = ok && d["date"] == n.Date
		}
		if len(n.Aliases) > 0 {
			ok = ok && fmt.Sprint(d["aliases"]) == fmt.Sprint(toAny(n.Aliases))
		}
		if !ok && bad < 5 {
			bad++
			t.Errorf("graphology-gexf node %s = %v; want label %q, kind %s, date %s, aliases %q, pagerank %v",
				n.ID, d, n.Label, n.Kind, n.Date, n.Aliases, n.PageRank)
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestGEXFReaders: every view in GEXF 1.2draft and 1.3, read by
// graphology-gexf and checked against GEXF's rules (NetworkX reads
// 1.2draft in TestNetworkX).
func TestGEXFReaders(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		for _, version := range []string{GEXF12, GEXF13} {
			t.Run(string(v)+" "+version, func(t *testing.T) {
				g := build(t, v, f, Options{})
				Measure(g, MeasureOptions{})
				checkGEXF(t, g, version, false, true)
			})
		}
	}
}

type tabularResult struct {
	FieldSizeLimit int `json:"field_size_limit"`
	CSV            map[string]struct {
		Rows    int      `json:"rows"`
		Lists   int      `json:"lists"`
		Dates   int      `json:"dates"`
		Longest int      `json:"longest"`
		Header  []string `json:"header"`
	} `json:"csv"`
	Texts struct {
		Rows    int      `json:"rows"`
		Longest int      `json:"longest"`
		Keys    []string `json:"keys"`
	} `json:"texts"`
	Pandas map[string]json.RawMessage `json:"pandas"`
}

// checkTabular writes g's CSV files and reads them with Python's csv
// module and pandas, with their defaults; it returns what they saw.
func checkTabular(t *testing.T, g *Graph) tabularResult {
	t.Helper()
	dir := t.TempDir()
	if err := WriteCSVDir(dir, g); err != nil {
		t.Fatal(err)
	}
	var r tabularResult
	runJSON(t, &r, python(t), filepath.Join("testdata", "check_tabular.py"), dir)
	if r.FieldSizeLimit != 131072 {
		t.Errorf("csv.field_size_limit() = %d: not the default", r.FieldSizeLimit)
	}
	aliases := 0
	for _, n := range g.Nodes {
		aliases += len(n.Aliases)
	}
	for name, want := range map[string]int{"nodes.csv": len(g.Nodes), "edges.csv": len(g.Edges), "aliases.csv": aliases} {
		if got := r.CSV[name].Rows; got != want {
			t.Errorf("Python csv: %s has %d rows, want %d", name, got, want)
		}
		if r.CSV[name].Longest > CSVTextLimit {
			t.Errorf("Python csv: %s has a cell of %d characters", name, r.CSV[name].Longest)
		}
	}
	if r.Pandas == nil {
		t.Log("pandas not installed (apt-get install -y python3-pandas): read with Python's csv only")
	} else {
		for name, want := range map[string]int{"nodes.csv": len(g.Nodes), "edges.csv": len(g.Edges), "aliases.csv": aliases} {
			var p struct {
				Rows int `json:"rows"`
			}
			_ = json.Unmarshal(r.Pandas[name], &p)
			if p.Rows != want {
				t.Errorf("pandas: %s has %d rows, want %d", name, p.Rows, want)
			}
		}
	}
	return r
}

// TestTabularReaders: every view's CSV read by Python's csv module and
// pandas with their defaults; an action of 206,668 characters (the
// length of the quoted template text that broke them) is cut in
// edges.csv and whole in texts.jsonl.
func TestTabularReaders(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		t.Run(string(v), func(t *testing.T) {
			g := build(t, v, f, Options{})
			Measure(g, MeasureOptions{})
			r := checkTabular(t, g)
			if len(g.Nodes) > 0 && r.CSV["nodes.csv"].Dates == 0 {
				t.Errorf("no date read in nodes.csv")
			}
		})
	}
	t.Run("long action", func(t *testing.T) {
		g := build(t, ViewObligations, f, Options{})
		long := strings.Repeat("Government of [the affected country] ", 206668/37+1)[:206668]
		g.Edges[0].Action = long
		r := checkTabular(t, g)
		if r.Texts.Rows != 1 || r.Texts.Longest != len(long) {
			t.Errorf("texts.jsonl: %d rows, longest %d; want 1 of %d", r.Texts.Rows, r.Texts.Longest, len(long))
		}
		if r.CSV["edges.csv"].Longest != CSVTextLimit {
			t.Errorf("edges.csv: longest cell %d, want %d (cut)", r.CSV["edges.csv"].Longest, CSVTextLimit)
		}
	})
}
