package store

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/resgraph/resgraph"
)

// A store left by a crash of a Resgraph that replaced in two transactions
// can hold documents but no generation. Open says so, with the command
// that repairs it; a store with its generation opens quietly.
func TestOpenWarnsOfDocumentsWithoutGeneration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.bolt")
	s := openBoltT(t, path)
	doc := &resgraph.Document{Symbol: "S/RES/1 (2000)", Kind: resgraph.KindResolution,
		Paragraphs: []resgraph.Paragraph{{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Text: "Decides."}}}
	if err := s.ReplaceDocument(ctx, doc); err != nil {
		t.Fatal(err)
	}
	open := func() string {
		var buf bytes.Buffer
		s2, err := Open(ctx, Config{Path: path, Logger: slog.New(slog.NewTextHandler(&buf, nil))})
		if err != nil {
			t.Fatal(err)
		}
		s2.Close()
		return buf.String()
	}
	s.Close()
	if log := open(); strings.Contains(log, "no generation") {
		t.Errorf("a store with its generation got a warning:\n%s", log)
	}
	s = openBoltT(t, path)
	_, gq, err := s.generationQuad(ctx)
	if err != nil || gq == nil {
		t.Fatalf("generation quad = %v, %v", gq, err)
	}
	if err := s.apply([]cgraph.Delta{{Quad: *gq, Action: cgraph.Delete}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	log := open()
	if !strings.Contains(log, "holds documents but no generation") || !strings.Contains(log, "resgraph load") {
		t.Errorf("Open of a store without a generation should warn and name the command; log:\n%s", log)
	}
}
