package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// networkCache keeps the measured views of the current snapshot: a view of
// the whole corpus takes about a second to build and measure, and clients
// page through the same view. It is reset when the snapshot changes and
// holds at most maxNetworks views. Package-level because the Resolver
// (resolver.go) is shared by every field and this cache concerns one.
var networkCache struct {
	sync.Mutex
	snap   *query.Snapshot
	graphs map[string]*export.Graph
}

const maxNetworks = 16

// measuredView returns view of s under opt, measured, from the cache when
// it is there.
func measuredView(s *query.Snapshot, view export.View, opt export.Options) (*export.Graph, error) {
	key := fmt.Sprintf("%s|%+v", view, opt)
	c := &networkCache
	c.Lock()
	if c.snap != s {
		c.snap, c.graphs = s, map[string]*export.Graph{}
	}
	g := c.graphs[key]
	c.Unlock()
	if g != nil {
		return g, nil
	}
	docs := make([]*resgraph.Document, 0, len(s.Documents()))
	for _, d := range s.Documents() {
		docs = append(docs, d.Copy())
	}
	actors := make([]resgraph.Actor, 0, len(s.Actors()))
	for _, a := range s.Actors() {
		actors = append(actors, a.Copy())
	}
	g, err := export.Build(view, docs, actors, opt)
	if err != nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "%v", err)
	}
	export.Measure(g, export.MeasureOptions{})
	c.Lock()
	if c.snap == s {
		if len(c.graphs) >= maxNetworks {
			c.graphs = map[string]*export.Graph{}
		}
		c.graphs[key] = g
	}
	c.Unlock()
	return g, nil
}

// networkMeasures answers Query.measures.
func (r *Resolver) networkMeasures(ctx context.Context, view model.NetworkView, filter *model.NetworkFilter, weighted *bool, orderBy *model.MeasureOrder, first *int) (*model.NetworkMeasures, error) {
	s, err := r.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	n := 20
	if first != nil {
		if *first < 1 || *first > 500 {
			return nil, resgraph.Errorf(resgraph.EINVALID, "first must be between 1 and 500, got %d", *first)
		}
		n = *first
	}
	if err := checkNetworkFilter(filter); err != nil {
		return nil, err
	}
	var opt export.Options
	if filter != nil {
		if filter.From != nil {
			opt.From = *filter.From
		}
		if filter.To != nil {
			opt.To = *filter.To
		}
		opt.Documents, opt.Actors, opt.Classes, opt.Subjects = filter.Documents, filter.Actors, filter.Classes, filter.Subjects
	}
	opt.Weighted = weighted != nil && *weighted
	if err := opt.Validate(); err != nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "%v", err)
	}
	v, err := export.ParseView(strings.ToLower(string(view)))
	if err != nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "%v", err)
	}
	g, err := measuredView(s, v, opt)
	if err != nil {
		return nil, err
	}
	order := model.MeasureOrderPagerank
	if orderBy != nil {
		order = *orderBy
	}
	idx := make([]int, len(g.Nodes))
	for i := range idx {
		idx[i] = i
	}
	key := func(x *export.Node) float64 {
		switch order {
		case model.MeasureOrderBetweenness:
			return x.Betweenness
		case model.MeasureOrderDegree:
			return float64(x.Degree)
		case model.MeasureOrderWeightedInDegree:
			if g.Directed {
				return x.WInDegree
			}
			return x.WDegree
		case model.MeasureOrderID:
			return 0
		}
		return x.PageRank
	}
	// Nodes are in id order already: a stable sort keeps ties in id order.
	sort.SliceStable(idx, func(i, j int) bool { return key(&g.Nodes[idx[i]]) > key(&g.Nodes[idx[j]]) })
	out := &model.NetworkMeasures{
		View: view, Directed: g.Directed, NodeCount: len(g.Nodes), EdgeCount: len(g.Edges),
		Pagerank: g.Attrs["pagerank"], Betweenness: g.Attrs["betweenness"], Communities: g.Attrs["communities"],
		Nodes: []*model.NodeMeasures{},
	}
	for _, i := range idx[:min(n, len(idx))] {
		x := &g.Nodes[i]
		m := &model.NodeMeasures{ID: x.ID, Kind: x.Kind, Label: x.Label, Type: x.Type, Degree: x.Degree,
			WeightedDegree: x.WDegree, Pagerank: x.PageRank, Betweenness: x.Betweenness, Community: x.Community}
		if g.Directed {
			in, outd, win, wout := x.InDegree, x.OutDegree, x.WInDegree, x.WOutDegree
			m.InDegree, m.OutDegree, m.WeightedInDegree, m.WeightedOutDegree = &in, &outd, &win, &wout
		}
		out.Nodes = append(out.Nodes, m)
	}
	return out, nil
}
