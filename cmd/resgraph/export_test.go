package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
	for _, name := range []string{"nodes.csv", "edges.csv", "graph.csv"} {
		if b, err := os.ReadFile(filepath.Join(csvDir, name)); err != nil || len(b) == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}

	raw, stderr, err := runT(t, "export", "-db", db)
	if err != nil || !strings.Contains(stderr, "quads") || !strings.HasPrefix(raw, "<") {
		t.Errorf("raw N-Quads export: %v\n%s", err, stderr)
	}

	for _, args := range [][]string{
		{"export", "-view", "nope", "-format", "graphml", "-in", seed},
		{"export", "-view", "full", "-format", "pdf", "-in", seed},
		{"export", "-view", "full", "-format", "gexf", "-from", "2012-13", "-in", seed},
		{"export", "-format", "graphml", "-db", db},
		{"export", "-from", "2012", "-db", db},
	} {
		_, _, err := runT(t, args...)
		if err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line", args, err)
		}
	}
}
