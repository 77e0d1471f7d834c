package data

import (
	"bufio"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

func TestAdoptedSymbol(t *testing.T) {
	tests := []struct{ draft, want resgraph.Symbol }{
		{"S/2012/946", "S/RES/2085 (2012)"}, // the seed
		{"S/2000/10", "S/RES/1285 (2000)"},
		{"S/2017/153", ""}, // the metadata gives it to two resolutions
		{"S/1999/1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := AdoptedSymbol(tt.draft); got != tt.want {
			t.Errorf("AdoptedSymbol(%q) = %q, want %q", tt.draft, got, tt.want)
		}
	}
}

// TestDraftsTable checks the embedded table is sorted, well formed and
// large (one line per adopted resolution of the AKN corpus, about 1,500).
func TestDraftsTable(t *testing.T) {
	b, err := FS.ReadFile(DraftsFile)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	n := 0
	seen := map[string]bool{}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		draft, adopted, ok := strings.Cut(line, "\t")
		if !ok || !strings.HasPrefix(draft, "S/") || !strings.HasPrefix(adopted, "S/RES/") {
			t.Errorf("line %q: want draft<TAB>S/RES/...", line)
		}
		if seen[draft] {
			t.Errorf("draft %s twice", draft)
		}
		seen[draft] = true
		n++
	}
	if n < 1400 {
		t.Errorf("%d drafts, want about 1,500", n)
	}
}
