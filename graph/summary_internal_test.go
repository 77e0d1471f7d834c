package graph

import (
	"testing"

	"github.com/resgraph/resgraph/graph/model"
)

func TestYearPeriods(t *testing.T) {
	years := func(from, to int) map[int]bool {
		m := map[int]bool{}
		for y := from; y <= to; y++ {
			m[y] = true
		}
		return m
	}
	for _, c := range []struct {
		from, to, want int
	}{
		{2012, 2013, 1},  // two groups
		{2005, 2012, 1},  // eight
		{2005, 2013, 2},  // nine years: by twos (five groups)
		{2000, 2026, 5},  // the Secretary-General's 27 years: six periods of five
		{1946, 2026, 25}, // 81 years: by 10 makes 9, by 25 four
	} {
		if got := yearSpan(years(c.from, c.to)); got != c.want {
			t.Errorf("years %d-%d: periods of %d, want %d", c.from, c.to, got, c.want)
		}
	}
	doc := func(date string) *summaryNode {
		return &summaryNode{data: map[string]string{"date": date, "kind": "resolution"}}
	}
	for _, c := range []struct {
		n                  *summaryNode
		by                 model.NeighbourGrouping
		span               int
		wantBy, key, holds string
	}{
		{doc("2013-06-24"), model.NeighbourGroupingYear, 1, "year", "2013", "DOCUMENT"},
		{doc("2013-06-24"), model.NeighbourGroupingYear, 5, "year", "2010-2014", "DOCUMENT"},
		{doc(""), model.NeighbourGroupingYear, 5, "year", "undated", "DOCUMENT"},
		{doc("2013-06-24"), model.NeighbourGroupingKind, 5, "kind", "resolution", "DOCUMENT"},
		{&summaryNode{actor: true, data: map[string]string{"type": "state"}}, model.NeighbourGroupingYear, 1, "type", "state", "ACTOR"},
		{&summaryNode{actor: true, data: map[string]string{}}, model.NeighbourGroupingKind, 1, "type", "unknown", "ACTOR"},
	} {
		by, key, holds := groupKey(c.n, c.by, c.span)
		if by != c.wantBy || key != c.key || holds != c.holds {
			t.Errorf("groupKey(%v, %s, %d) = %s, %s, %s; want %s, %s, %s", c.n.data, c.by, c.span, by, key, holds, c.wantBy, c.key, c.holds)
		}
	}
}
