package store

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/resgraph/resgraph"
)

// A crash between the deletes and the adds of a bolt replace (the two
// ApplyDeltas calls Cayley's mixed-delta bug needs) must leave the old
// document and the old generation: both calls are one bbolt transaction.
// The test copies the file at that instant, as a crash would leave it, and
// opens the copy. Before boltjoin.go the copy held only the quads the two
// versions share, and no generation (issue 17).
func TestBoltReplaceIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openBoltT(t, filepath.Join(dir, "g.bolt"))
	v1 := &resgraph.Document{Symbol: "S/RES/1 (2000)", Kind: resgraph.KindResolution, Title: "old",
		Paragraphs: []resgraph.Paragraph{
			{ID: "op1", Kind: resgraph.ParaOperative, Number: "1", Text: "Decides."},
			{ID: "op2", Kind: resgraph.ParaOperative, Number: "2", Text: "Requests."},
		}}
	if err := s.ReplaceDocument(ctx, v1); err != nil {
		t.Fatal(err)
	}
	before := sortedQuads(t, s)
	gen1, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v2 := *v1
	v2.Title = "new"
	v2.Paragraphs = v1.Paragraphs[:1]

	crash := filepath.Join(dir, "crash.bolt")
	calls := 0
	boltWriteHook = func() {
		calls++
		b, err := os.ReadFile(s.cfg.Path)
		if err != nil {
			t.Error(err)
			return
		}
		if err := os.WriteFile(crash, b, 0o644); err != nil {
			t.Error(err)
		}
	}
	err = s.ReplaceDocument(ctx, &v2)
	boltWriteHook = nil
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("the hook between deletes and adds ran %d times, want 1", calls)
	}
	c := openBoltT(t, crash)
	if got := sortedQuads(t, c); !reflect.DeepEqual(got, before) {
		t.Errorf("a crash between deletes and adds left %d quads, want the %d of the old version", len(got), len(before))
	}
	if gen, err := c.Generation(ctx); err != nil || gen != gen1 {
		t.Errorf("generation after the crash = %d, %v; want %d", gen, err, gen1)
	}
	if d, err := c.Document(ctx, v1.Symbol); err != nil || d.Title != "old" || len(d.Paragraphs) != 2 {
		t.Errorf("document after the crash = %+v, %v; want the old version", d, err)
	}
	if gen, err := s.Generation(ctx); err != nil || gen != gen1+1 {
		t.Errorf("generation after the replace = %d, %v; want %d", gen, err, gen1+1)
	}
	if d, err := s.Document(ctx, v1.Symbol); err != nil || d.Title != "new" || len(d.Paragraphs) != 1 {
		t.Errorf("document after the replace = %+v, %v; want the new version", d, err)
	}
}

func sortedQuads(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for _, q := range allQuads(t, s) {
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return out
}
