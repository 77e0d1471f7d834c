package graph

import (
	"cmp"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// Obligations in an order other than the snapshot's (ObligationOrder), so
// that the explorer's tables sort and page on the server. The matching
// obligations come from query in snapshot order; they are sorted here by
// the key, stably, so ties keep the snapshot order, and a descending order
// is the ascending one reversed. Obligations with no value for the key
// come last either way. A page of 4,703 (the Secretary-General's) sorts in
// about a millisecond, so nothing is kept between requests (the response
// cache keeps the answers).
//
// The endCursor of an ordered page is "o2" with the order and the
// obligation's own (snapshot) cursor; an edge's cursor is the obligation's
// own, which after also takes. Either way the next page starts after that
// obligation, found in the list (a linear scan, which costs less than the
// sort).

// sortValue returns o's value for the key (compared by compareSortValues),
// and false when o has none. The obligation's fields are read here only.
func sortValue(by model.ObligationSortKey, o *query.Obligation) (string, bool) {
	switch by {
	case model.ObligationSortKeyDocument:
		return o.Document().SymbolString(), true
	case model.ObligationSortKeyVerb:
		v := o.VerbPhrase()
		if v == "" {
			v = o.Verb()
		}
		return strings.ToLower(v), v != ""
	case model.ObligationSortKeyClass:
		i := slices.Index(obligationClasses, o.ClassName())
		if i < 0 {
			return "", false
		}
		return strconv.Itoa(i), true
	case model.ObligationSortKeyAction:
		a := o.ActionText()
		return strings.ToLower(a), a != ""
	case model.ObligationSortKeyDeadline:
		// A computed day first, then deadlines as printed.
		if d := o.DeadlineDate(); d != "" {
			return "0" + d, true
		}
		d := o.Deadline()
		return "1" + strings.ToLower(d), d != ""
	case model.ObligationSortKeyChapterVii:
		if o.UnderChapterVII() {
			return "1", true
		}
		return "0", true
	}
	return "", true // DATE: the snapshot order itself
}

// compareSortValues compares two values of the key.
func compareSortValues(by model.ObligationSortKey, a, b string) int {
	switch by {
	case model.ObligationSortKeyDocument:
		return naturalCompare(a, b)
	case model.ObligationSortKeyClass:
		x, _ := strconv.Atoi(a)
		y, _ := strconv.Atoi(b)
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}

// naturalCompare compares strings with runs of digits as numbers:
// "S/RES/999 (1995)" before "S/RES/2085 (2012)".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			x, y := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(x), len(y)), strings.Compare(x, y)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// sorted is one obligation with its sort value.
type sorted struct {
	o     *query.Obligation
	value string
}

// orderObligations returns all (in snapshot order) in the order o.
func orderObligations(all []*query.Obligation, o model.ObligationOrder) []sorted {
	list := make([]sorted, 0, len(all))
	var none []sorted
	for _, ob := range all {
		v, ok := sortValue(o.By, ob)
		if !ok {
			none = append(none, sorted{o: ob})
			continue
		}
		list = append(list, sorted{o: ob, value: v})
	}
	slices.SortStableFunc(list, func(a, b sorted) int { return compareSortValues(o.By, a.value, b.value) })
	if o.Descending != nil && *o.Descending {
		slices.Reverse(list)
		slices.Reverse(none)
	}
	return append(list, none...)
}

// orderedCursor is the cursor of o's place in the order.
func orderedCursor(order model.ObligationOrder, o *query.Obligation) string {
	raw := "o2\x00" + string(order.By) + "\x00" + descFlag(order) + "\x00" + o.Cursor()
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func descFlag(o model.ObligationOrder) string {
	if o.Descending != nil && *o.Descending {
		return "1"
	}
	return "0"
}

// startAfter returns where the page after cursor c starts in list: after
// the obligation c names (an ordered cursor of the same order, or the
// obligation's own cursor).
func startAfter(list []sorted, o model.ObligationOrder, c string) (int, error) {
	own := c
	if b, err := base64.RawURLEncoding.DecodeString(c); err == nil && strings.HasPrefix(string(b), "o2\x00") {
		parts := strings.Split(string(b), "\x00")
		if len(parts) != 4 || parts[1] != string(o.By) || parts[2] != descFlag(o) {
			return 0, resgraph.Errorf(resgraph.EINVALID, "cursor %q is of another order than %s", c, o.By)
		}
		own = parts[3]
	}
	for i, s := range list {
		if s.o.Cursor() == own {
			return i + 1, nil
		}
	}
	// Unlike the snapshot order's, an ordered page cannot start from a
	// place alone: the obligation must be there.
	return 0, resgraph.Errorf(resgraph.EINVALID, "cursor %q: its obligation is not in the list (any more); start again without after", c)
}

// orderedPage returns the page p of the obligations matching f in the
// order o.
func orderedPage(s *query.Snapshot, f query.ObligationFilter, o model.ObligationOrder, p query.Page) (*query.ObligationConnection, error) {
	n, err := p.Size()
	if err != nil {
		return nil, err
	}
	if !o.By.IsValid() {
		return nil, resgraph.Errorf(resgraph.EINVALID, "order.by: %q is not a sort key", o.By)
	}
	all, err := s.MatchObligations(f)
	if err != nil {
		return nil, err
	}
	list := orderObligations(all, o)
	start := 0
	if p.After != "" {
		if start, err = startAfter(list, o, p.After); err != nil {
			return nil, err
		}
	}
	end := min(start+n, len(list))
	c := &query.ObligationConnection{TotalCount: len(list), Nodes: make([]*query.Obligation, 0, end-start)}
	for _, x := range list[start:end] {
		c.Nodes = append(c.Nodes, x.o)
	}
	c.PageInfo.HasNextPage = end < len(list)
	if end > start {
		cur := orderedCursor(o, list[end-1].o)
		c.PageInfo.EndCursor = &cur
	}
	return c, nil
}

// obligationsPage returns the page p of the obligations matching f, in
// the snapshot's order or in order.
func obligationsPage(s *query.Snapshot, f query.ObligationFilter, order *model.ObligationOrder, p query.Page) (*query.ObligationConnection, error) {
	if order == nil || (order.By == model.ObligationSortKeyDate && descFlag(*order) == "0") {
		return s.Obligations(f, p) // the snapshot order, with its own cursors
	}
	return orderedPage(s, f, *order, p)
}
