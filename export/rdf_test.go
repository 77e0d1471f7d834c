package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// parseNQuads reads the N-Quads subset the writer produces (IRIs, plain and
// datatyped literals with \" \\ \n \r escapes, optional graph label), one
// statement a line, and returns the statements in canonical form.
func parseNQuads(t *testing.T, data []byte) []string {
	t.Helper()
	term := `<([^<>"{}|^\x60\\ ]*)>`
	lit := `"((?:[^"\\]|\\.)*)"(?:\^\^<([^>]*)>)?`
	re := regexp.MustCompile(`^` + term + ` ` + term + ` (?:` + term + `|` + lit + `)(?: ` + term + `)? \.$`)
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		m := re.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("nquads:%d: not a statement: %s", line, sc.Text())
		}
		q := Quad{S: m[1], P: m[2], Graph: m[6]}
		if m[3] != "" {
			q.O = Term{IRI: m[3]}
		} else {
			v := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\r`, "\r").Replace(m[4])
			q.O = Term{Value: v, Datatype: m[5]}
		}
		out = append(out, q.String())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func wantQuads(t *testing.T, g *Graph) []string {
	var out []string
	if err := Quads(g, func(q Quad) error { out = append(out, q.String()); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d statements, want %d", what, len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			t.Errorf("%s: first difference:\n got %s\nwant %s", what, got[i], want[i])
			return
		}
	}
}

// TestRDFRoundTrip: N-Quads parsed back give the same statements as the
// graph, for every view (TestRDFParsers reads both RDF formats with real
// parsers).
func TestRDFRoundTrip(t *testing.T) {
	f := loadFixture(t)
	for _, v := range Views {
		t.Run(string(v), func(t *testing.T) {
			g := build(t, v, f, Options{})
			Measure(g, MeasureOptions{})
			want := wantQuads(t, g)
			if len(want) < len(g.Nodes)*3 {
				t.Fatalf("only %d statements", len(want))
			}
			sameLines(t, "nquads", parseNQuads(t, write(t, g, FormatNQuads)), want)
		})
	}
}

func TestRDFTerms(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewFull, f, Options{})
	Measure(g, MeasureOptions{})
	nq := string(write(t, g, FormatNQuads))
	for _, s := range []string{
		`<https://resgraph.org/actor/secretary-general> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://resgraph.org/ns#Actor> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946/action/12> <https://resgraph.org/ns#addressee> <https://resgraph.org/actor/afisma> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946> <http://purl.org/dc/terms/references> <https://resgraph.org/doc/S/RES/2071(2012)> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://undocs.org/en/S/2012/946> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946> <http://purl.org/dc/terms/date> "2012-12-20"^^<http://www.w3.org/2001/XMLSchema#date> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://purl.org/dc/terms/BibliographicResource> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/actor/african-union> <http://www.w3.org/2004/02/skos/core#altLabel> "AU" <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946/action/12> <https://resgraph.org/ns#document> <https://resgraph.org/doc/S/2012/946> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/doc/S/2012/946> <https://resgraph.org/ns#chapterVII> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> <https://resgraph.org/view/full> .`,
		`<https://resgraph.org/view/full> <https://resgraph.org/ns#graph_view> "full" .`,
	} {
		if !strings.Contains(nq, s+"\n") {
			t.Errorf("N-Quads lack\n%s", s)
		}
	}
}

// TestIRIsMatchStore: export's IRI functions give the store's IRIs (the
// store is not imported here; its vocabulary file is read instead).
func TestIRIsMatchStore(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "store", "vocab.go"))
	if err != nil {
		t.Skipf("store/vocab.go: %v", err)
	}
	src := string(b)
	for _, s := range []string{`Base = "` + Base + `"`, `NS   = Base + "ns#"`, `Base + "doc/" + escapePath(strings.ReplaceAll(string(sym), " ", ""))`,
		`Base + "actor/" + escapePath(string(id))`, `child(doc, "action", i)`} {
		if !strings.Contains(src, s) {
			t.Errorf("store/vocab.go no longer has %s: align rdf.go", s)
		}
	}
	if got := DocumentIRI("S/RES/2085 (2012)"); got != "https://resgraph.org/doc/S/RES/2085(2012)" {
		t.Errorf("DocumentIRI = %s", got)
	}
	if got := ActorIRI("state/mali"); got != "https://resgraph.org/actor/state/mali" {
		t.Errorf("ActorIRI = %s", got)
	}
}

func TestCSV(t *testing.T) {
	f := loadFixture(t)
	g := build(t, ViewObligations, f, Options{Weighted: true})
	Measure(g, MeasureOptions{})
	data := write(t, g, FormatCSV)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][][]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(rc).ReadAll()
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		tables[zf.Name] = rows
	}
	if n := len(tables["nodes.csv"]); n != len(g.Nodes)+1 {
		t.Errorf("nodes.csv has %d rows, want %d", n, len(g.Nodes)+1)
	}
	if n := len(tables["edges.csv"]); n != len(g.Edges)+1 {
		t.Errorf("edges.csv has %d rows, want %d", n, len(g.Edges)+1)
	}
	if h := strings.Join(tables["edges.csv"][0][:4], ","); h != "id,source,target,type" {
		t.Errorf("edges.csv header starts %s", h)
	}
	if r := tables["edges.csv"][1]; r[3] != "Directed" {
		t.Errorf("edge type %s", r[3])
	}
	found := false
	for _, r := range tables["graph.csv"] {
		found = found || r[0] == "betweenness" && strings.HasPrefix(r[1], "exact")
	}
	if !found {
		t.Errorf("graph.csv = %v", tables["graph.csv"])
	}
	dir := t.TempDir()
	if err := WriteCSVDir(dir, g); err != nil {
		t.Fatal(err)
	}
	fh, err := zr.Open("nodes.csv")
	if err != nil {
		t.Fatal(err)
	}
	inZip, _ := io.ReadAll(fh)
	onDisk, err := os.ReadFile(filepath.Join(dir, "nodes.csv"))
	if err != nil || !bytes.Equal(inZip, onDisk) {
		t.Errorf("nodes.csv in the directory differs from the zip's (%v)", err)
	}
}
