package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/resgraph/resgraph/internal/testcorpus"
)

// FuzzReadText checks that ReadText never panics, is deterministic, and
// keeps paragraph offsets inside the input with matching line:column. It is
// seeded from the seed document, the hand-made cases and a few early texts.
func FuzzReadText(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "data", "S_2012_946.txt")); err == nil {
		f.Add(b)
	}
	cases, _ := filepath.Glob(filepath.Join("testdata", "text", "*.txtar"))
	for _, c := range cases {
		if b, err := os.ReadFile(c); err == nil {
			f.Add(b)
		}
	}
	if dir, ok := findCorpus(); ok {
		for _, n := range []string{"S_RES_0001_1946", "S_RES_0082_1950", "S_RES_0242_1967", "S_RES_0687_1991", "S_RES_0781_1992", "S_RES_1445_2002"} {
			if b, err := os.ReadFile(filepath.Join(dir, "cr-unsc", "texts", n+"_EN_GOLD.txt")); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("The Security Council,\n\n1. Decides;\n\n(a) x\n\n(i)\n\n-\n"))
	f.Add([]byte("1.\n\n(a)\n\nll. Z. \f*1234*\n12-34567 2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d1, err1 := ReadText(data, "fuzz.txt")
		d2, err2 := ReadText(data, "fuzz.txt")
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("non-deterministic error: %v / %v", err1, err2)
		}
		if err1 != nil {
			if err1.Error() != err2.Error() {
				t.Fatalf("non-deterministic error: %v / %v", err1, err2)
			}
			return
		}
		j1, _ := json.Marshal(d1)
		j2, _ := json.Marshal(d2)
		if string(j1) != string(j2) {
			t.Fatal("non-deterministic output")
		}
		for _, p := range d1.Paragraphs {
			if p.Start < 0 || p.End > len(data) || p.Start > p.End {
				t.Fatalf("%s: offsets %d..%d outside 0..%d", p.ID, p.Start, p.End, len(data))
			}
			if line, col := Position(data, p.Start); line != p.Line || col != p.Column {
				t.Fatalf("%s: line:col %d:%d, Position says %d:%d", p.ID, p.Line, p.Column, line, col)
			}
		}
	})
}

// findCorpus is corpusDir without skipping: fuzz seeds are optional.
func findCorpus() (string, bool) {
	dir, _ := testcorpus.Find()
	return dir, dir != ""
}
