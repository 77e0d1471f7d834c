package store_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/store"
)

// TestRealDocumentsRoundTrip writes the loader's real output (the seed text
// and a sample of the AKN corpus) and reads it back: every field the
// extractor fills must survive the graph. A field added to resgraph.go and
// not to the store fails here.
func TestRealDocumentsRoundTrip(t *testing.T) {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	x := loader.NewExtractor(reg)
	read := func(path string) *resgraph.Document {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		d, err := loader.Read(b, path)
		if err != nil {
			t.Fatal(err)
		}
		x.Extract(d)
		return d
	}
	docs := []*resgraph.Document{read("../data/S_2012_946.txt")}
	if dir := corpusDirOrEmpty(); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "2021", "English", "*.xml"))
		prst, _ := filepath.Glob(filepath.Join(dir, "PRST", "2012", "*.xml"))
		if len(files) > 15 {
			files = files[:15]
		}
		if len(prst) > 5 {
			prst = prst[:5]
		}
		files = append(files, prst...)
		if len(files) < 10 {
			t.Fatalf("found only %d corpus files under %s", len(files), dir)
		}
		for _, f := range files {
			docs = append(docs, read(f))
		}
	} else {
		t.Log("corpus not found: only the seed document")
	}
	seen := map[resgraph.Symbol]bool{}
	uniq := docs[:0]
	for _, d := range docs {
		if !seen[d.Symbol] {
			seen[d.Symbol] = true
			uniq = append(uniq, d)
		}
	}
	docs = uniq
	t.Logf("%d documents", len(docs))
	for _, cfg := range []store.Config{
		{Backend: store.BackendMemory},
		{Backend: store.BackendBolt, Path: filepath.Join(t.TempDir(), "g.bolt")},
	} {
		t.Run(cfg.Backend, func(t *testing.T) {
			ctx := context.Background()
			s := openT(t, cfg)
			if err := s.ReplaceDocuments(ctx, docs); err != nil {
				t.Fatal(err)
			}
			for _, want := range docs {
				got, err := s.Document(ctx, want.Symbol)
				if err != nil {
					t.Fatal(err)
				}
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				var gv, wv any
				json.Unmarshal(g, &gv)
				json.Unmarshal(w, &wv)
				if string(mustJSON(gv)) != string(mustJSON(wv)) {
					t.Fatalf("%s (%s) does not survive the store", want.Symbol, want.Source.File)
				}
			}
		})
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// corpusDirOrEmpty returns the AKN corpus, or "" when it is absent.
func corpusDirOrEmpty() string {
	if dir, _ := testcorpus.Find(); dir != "" {
		return filepath.Join(dir, "unxml-sc")
	}
	return ""
}
