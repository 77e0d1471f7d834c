package graph_test

import (
	"encoding/json"
	"strings"
	"testing"
)

type summaryAnswer struct {
	NeighbourhoodSummary struct {
		Neighbours, Shown, OmittedEdges int
		Truncated                       bool
		Nodes                           []struct {
			ID, Type, Label        string
			Depth, Weight, Members int
			Data                   []struct{ Key, Value string }
		}
		Edges []struct {
			ID, Source, Target, Kind, Label string
			Class                           *string
			Count                           int
		}
	}
}

const summaryQuery = `query($id: ID!, $depth: Int, $top: Int, $by: NeighbourGrouping, $open: [ID!]) {
  neighbourhoodSummary(id: $id, depth: $depth, top: $top, groupBy: $by, open: $open) {
    neighbours shown omittedEdges truncated
    nodes { id type label depth weight members data { key value } }
    edges { id source target kind class label count } } }`

func TestNeighbourhoodSummary(t *testing.T) {
	srv := server(t, nil)
	ask := func(vars map[string]any) (summaryAnswer, []gqlError) {
		r := post(t, srv, summaryQuery, vars)
		var d summaryAnswer
		if len(r.Errors) == 0 {
			if err := json.Unmarshal(r.Data, &d); err != nil {
				t.Fatal(err)
			}
		}
		return d, r.Errors
	}
	get := func(vars map[string]any) summaryAnswer {
		t.Helper()
		d, errs := ask(vars)
		if len(errs) > 0 {
			t.Fatalf("%v: %+v", vars, errs)
		}
		return d
	}
	// The whole neighbourhood, node by node: the same nodes and edges as
	// neighbourhood.
	all := get(map[string]any{"id": "S/2012/946", "top": 500}).NeighbourhoodSummary
	r := post(t, srv, `{ neighbourhood(id: "S/2012/946", limit: 2000) { nodes { id } edges { id count } } }`, nil)
	var hood struct {
		Neighbourhood struct {
			Nodes []struct{ ID string }
			Edges []struct {
				ID    string
				Count int
			}
		}
	}
	json.Unmarshal(r.Data, &hood)
	if len(all.Nodes) != len(hood.Neighbourhood.Nodes) || len(all.Edges) != len(hood.Neighbourhood.Edges) || all.Neighbours != len(all.Nodes)-1 || all.Shown != all.Neighbours {
		t.Fatalf("top 500: %d nodes, %d edges, %d neighbours, %d shown; neighbourhood has %d nodes, %d edges",
			len(all.Nodes), len(all.Edges), all.Neighbours, all.Shown, len(hood.Neighbourhood.Nodes), len(hood.Neighbourhood.Edges))
	}
	if all.Nodes[0].ID != "document:S/2012/946" || all.Nodes[0].Depth != 0 {
		t.Errorf("first node %+v, want the start", all.Nodes[0])
	}
	// Nearest first, then most weight.
	for i := 2; i < len(all.Nodes); i++ {
		a, b := all.Nodes[i-1], all.Nodes[i]
		if a.Depth > b.Depth || (a.Depth == b.Depth && a.Weight < b.Weight) {
			t.Errorf("node %d (%s, depth %d, weight %d) before %s (depth %d, weight %d)", i-1, a.ID, a.Depth, a.Weight, b.ID, b.Depth, b.Weight)
		}
	}
	// The Secretary-General is tied to the seed by its obligations there.
	var sgWeight int
	for _, n := range all.Nodes {
		if n.ID == "actor:secretary-general" {
			sgWeight = n.Weight
		}
	}
	if sgWeight < 5 {
		t.Errorf("the Secretary-General's weight %d, want its obligations in the seed (at least 5)", sgWeight)
	}

	// Three one by one, the rest grouped by actor type (the seed's
	// neighbours are its addressees and the documents it cites); the
	// members of groups of one shown one by one too.
	top := get(map[string]any{"id": "S/2012/946", "top": 3}).NeighbourhoodSummary
	members := 0
	groups := map[string]int{}
	for _, n := range top.Nodes[1:] {
		members += n.Members
		if n.Type == "GROUP" {
			groups[n.ID] = n.Members
			if n.Members < 2 || !strings.HasPrefix(n.ID, "group:document:S/2012/946|1|") {
				t.Errorf("group %+v", n)
			}
		}
	}
	if top.Shown < 3 || top.Shown+sum(groups) != all.Neighbours || members != all.Neighbours || len(groups) == 0 {
		t.Errorf("top 3: %d shown, %d members in all (want %d), groups %v", top.Shown, members, all.Neighbours, groups)
	}
	ids := map[string]bool{}
	for _, n := range top.Nodes {
		ids[n.ID] = true
	}
	for _, e := range top.Edges {
		if !ids[e.Source] || !ids[e.Target] || e.Count < 1 {
			t.Errorf("edge %+v between nodes not in the summary", e)
		}
		if (strings.HasPrefix(e.Source, "group:") || strings.HasPrefix(e.Target, "group:")) && e.Source != "document:S/2012/946" && e.Target != "document:S/2012/946" {
			t.Errorf("a group's edge %+v does not lead to the start", e)
		}
	}
	// Opening a group shows its members one by one.
	var open string
	for id, n := range groups {
		if n >= 3 {
			open = id
		}
	}
	if open != "" {
		opened := get(map[string]any{"id": "S/2012/946", "top": 3, "open": []string{open}}).NeighbourhoodSummary
		if opened.Shown <= top.Shown {
			t.Errorf("opening %s: %d shown, was %d", open, opened.Shown, top.Shown)
		}
	}
	// Actors' documents grouped by year and by kind.
	for by, key := range map[string]string{"YEAR": "year:2012", "KIND": "kind:"} {
		d := get(map[string]any{"id": "actor:secretary-general", "top": 0, "by": by}).NeighbourhoodSummary
		found := false
		for _, n := range d.Nodes {
			found = found || (n.Type == "GROUP" && strings.Contains(n.ID, "|"+key))
		}
		if !found {
			t.Errorf("grouped by %s: no group %s in %+v", by, key, d.Nodes)
		}
	}

	for _, bad := range []map[string]any{{"id": "S/2012/946", "top": -1}, {"id": "S/2012/946", "top": 501}, {"id": "S/2012/946", "depth": 0}, {"id": "nobody at all"}} {
		if _, errs := ask(bad); len(errs) == 0 {
			t.Errorf("%v: no error", bad)
		}
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
