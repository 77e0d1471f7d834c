package query

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/resgraph/resgraph/query/querytest"
)

func TestCompactCopiesDocumentsExactly(t *testing.T) {
	if !compactable {
		t.Fatal("resgraph.Document has a field the compactor cannot copy: Build keeps documents uncompacted")
	}
	c := newCompactor()
	for _, d := range querytest.Seed() {
		cp := c.document(d)
		if !reflect.DeepEqual(cp, d) {
			t.Fatalf("%s: the copy differs from the original", d.Symbol)
		}
		if len(d.Paragraphs) > 0 && unsafe.StringData(cp.Paragraphs[0].Text) == unsafe.StringData(d.Paragraphs[0].Text) {
			t.Errorf("%s: the copy shares the original's text", d.Symbol)
		}
		if len(d.Paragraphs) > 0 && &cp.Paragraphs[0] == &d.Paragraphs[0] {
			t.Errorf("%s: the copy shares the original's paragraphs", d.Symbol)
		}
		// Slices share one array per type: none may grow into the next.
		for i, a := range cp.Actions {
			if cap(a.Marks) != len(a.Marks) || cap(a.Verbs) != len(a.Verbs) || cap(a.Partners) != len(a.Partners) {
				t.Errorf("%s: action %d has room to grow into its neighbours", d.Symbol, i)
			}
		}
	}
}
