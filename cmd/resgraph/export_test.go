package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func firstLineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// Export views of the seed, from files (-in) and from a bolt store loaded
// with it: both give the same bytes; CSV to a directory gives three files;
// the raw N-Quads path still works; bad flags fail with one line.
func TestExportViews(t *testing.T) {
	dir := t.TempDir()
	fromFiles, stderr, err := runT(t, "export", "-view", "obligations", "-format", "cytoscape", "-in", seed)
	if err != nil {
		t.Fatalf("export -in: %v\n%s", err, stderr)
	}
	var cy struct {
		Data     map[string]string `json:"data"`
		Elements struct {
			Nodes []struct{ Data map[string]any } `json:"nodes"`
			Edges []struct{ Data map[string]any } `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(fromFiles), &cy); err != nil {
		t.Fatalf("cytoscape output: %v", err)
	}
	if len(cy.Elements.Edges) < 39 || cy.Data["view"] != "obligations" {
		t.Errorf("obligations of the seed: %d edges, view %q", len(cy.Elements.Edges), cy.Data["view"])
	}

	db := filepath.Join(dir, "g.db")
	if _, stderr, err := runT(t, "load", "-db", db, seed); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr)
	}
	fromStore, stderr, err := runT(t, "export", "-db", db, "-view", "obligations", "-format", "cytoscape")
	if err != nil {
		t.Fatalf("export from the store: %v\n%s", err, stderr)
	}
	if fromStore != fromFiles {
		t.Errorf("export from the store differs from export of the files (%d and %d bytes)", len(fromStore), len(fromFiles))
	}

	csvDir := filepath.Join(dir, "csv")
	if _, stderr, err := runT(t, "export", "-db", db, "-view", "coaddressee", "-format", "csv", "-o", csvDir, "-actor", "AU"); err != nil {
		t.Fatalf("export csv: %v\n%s", err, stderr)
	}
	for _, name := range []string{"nodes.csv", "edges.csv", "aliases.csv", "graph.csv", "texts.jsonl"} {
		if b, err := os.ReadFile(filepath.Join(csvDir, name)); err != nil || (len(b) == 0 && name != "texts.jsonl") {
			t.Errorf("%s: %v", name, err)
		}
	}

	raw, stderr, err := runT(t, "export", "-db", db)
	if err != nil || !strings.Contains(stderr, "quads") || !strings.HasPrefix(raw, "<") {
		t.Errorf("raw N-Quads export: %v\n%s", err, stderr)
	}
	// Datatypes are XML Schema's IRIs, not "xsd:integer" (an IRI of a
	// scheme "xsd:").
	if strings.Contains(raw, "<xsd:") || !strings.Contains(raw, `"^^<http://www.w3.org/2001/XMLSchema#integer>`) {
		t.Errorf("raw N-Quads datatypes are not XML Schema's: %s", firstLineWith(raw, "^^<"))
	}
	if rapper, err := exec.LookPath("rapper"); err == nil {
		path := filepath.Join(dir, "raw.nq")
		if err := os.WriteFile(path, []byte(raw), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(rapper, "-i", "nquads", "-c", path).CombinedOutput()
		want := fmt.Sprintf("returned %d triples", strings.Count(raw, "\n"))
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("rapper on the raw N-Quads: %v, want %q\n%s", err, want, out)
		}
	} else {
		t.Log("rapper not found (apt-get install -y raptor2-utils): raw N-Quads not parsed")
	}

	// GEXF: 1.2draft by default, 1.3 on request.
	for v, ns := range map[string]string{"": "http://www.gexf.net/1.2draft", "1.3": "http://gexf.net/1.3"} {
		args := []string{"export", "-view", "condemns", "-format", "gexf", "-in", seed}
		if v != "" {
			args = append(args, "-gexf-version", v)
		}
		out, stderr, err := runT(t, args...)
		if err != nil || !strings.Contains(out, `<gexf xmlns="`+ns+`"`) {
			t.Errorf("%v: %v, want namespace %s\n%s", args, err, ns, stderr)
		}
	}

	// The progress line: on a terminal (here forced), rewritten in place,
	// and gone before the summary.
	_, stderr, err = runT(t, "export", "-view", "full", "-format", "nquads", "-in", seed, "-progress", "always", "-o", filepath.Join(dir, "full.nq"))
	if err != nil || !strings.Contains(stderr, "\r\033[Kexport: reading 1/1 files") || !strings.Contains(stderr, "\r\033[Kexport: full view") {
		t.Errorf("progress line: %v\n%q", err, stderr)
	}
	if _, stderr, _ := runT(t, "export", "-view", "full", "-format", "nquads", "-in", seed, "-o", filepath.Join(dir, "full.nq")); strings.Contains(stderr, "\r") {
		t.Errorf("progress line when standard error is not a terminal: %q", stderr)
	}

	for _, args := range [][]string{
		{"export", "-view", "nope", "-format", "graphml", "-in", seed},
		{"export", "-view", "full", "-format", "pdf", "-in", seed},
		{"export", "-view", "full", "-format", "gexf", "-from", "2012-13", "-in", seed},
		{"export", "-format", "graphml", "-db", db},
		{"export", "-from", "2012", "-db", db},
		{"export", "-view", "full", "-format", "gexf", "-gexf-version", "2.0", "-in", seed},
		{"export", "-view", "full", "-format", "gexf", "-progress", "sometimes", "-in", seed},
	} {
		_, _, err := runT(t, args...)
		if err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line", args, err)
		}
	}
}
