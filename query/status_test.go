package query_test

import (
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/query/querytest"
)

// A draft that was not adopted keeps its obligations on its own page, but
// no question about actors, verbs or classes counts them unless asked.
func TestNotAdoptedDraftsAreLeftOutByDefault(t *testing.T) {
	docs := querytest.Seed()
	failed := *docs[0]
	failed.Symbol, failed.DraftSymbol, failed.AdoptedSymbol = "S/2099/1", "", ""
	failed.Kind, failed.Status = resgraph.KindDraftResolution, resgraph.StatusNotAdopted
	s := query.Build(append(docs, &failed), querytest.Actors())

	count := func(f query.ObligationFilter) int {
		t.Helper()
		c, err := s.Obligations(f, query.Page{First: 500})
		if err != nil {
			t.Fatal(err)
		}
		return c.TotalCount
	}
	sg := count(query.ObligationFilter{Actor: "Secretary-General", Status: "adopted"}) +
		count(query.ObligationFilter{Actor: "Secretary-General", Status: "draft"})
	if sg == 0 {
		t.Fatal("the seed has no obligations of the Secretary-General")
	}
	if got := count(query.ObligationFilter{Actor: "Secretary-General"}); got != sg {
		t.Errorf("default: %d obligations of the Secretary-General, want %d (the failed draft's left out)", got, sg)
	}
	if got := count(query.ObligationFilter{Actor: "Secretary-General", Status: "not adopted"}); got == 0 {
		t.Error(`status "not adopted" finds none of the failed draft's obligations`)
	}
	if got := count(query.ObligationFilter{Actor: "Secretary-General", Status: "any"}); got <= sg {
		t.Errorf(`status "any": %d, want more than %d`, got, sg)
	}
	if got := count(query.ObligationFilter{Document: "S/2099/1"}); got == 0 {
		t.Error("the failed draft named by its symbol shows no obligations")
	}
	if _, err := s.Obligations(query.ObligationFilter{Status: "adoptedx"}, query.Page{First: 10}); resgraph.ErrorCode(err) != resgraph.EINVALID {
		t.Errorf("status adoptedx: err %v, want EINVALID", err)
	}
}
