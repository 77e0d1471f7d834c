package graph_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/query"
)

// The seed as the extractor reads it, served through the real handler:
// an actor's page says what it is told (obligations) and what the Council
// says of it (stances), both ways.
func TestActorStancesBothWays(t *testing.T) {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := data.FS.ReadFile("S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := loader.Read(b, "data/S_2012_946.txt")
	if err != nil {
		t.Fatal(err)
	}
	loader.NewExtractor(reg).Extract(doc)
	live := query.NewLive(query.Build([]*resgraph.Document{doc}, reg.Actors()))
	srv := httptest.NewServer(bothWays(t, live, graph.ServerConfig{Logger: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))}))
	t.Cleanup(srv.Close)

	r := post(t, srv, `{ actor(name: "Secretary-General") { name obligations(first: 50) { totalCount } stances(first: 50) { verb paragraph { number } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	var got struct {
		Actor struct {
			Name        string
			Obligations struct{ TotalCount int }
			Stances     []struct {
				Verb      string
				Paragraph struct{ Number string }
			}
		}
	}
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Actor.Obligations.TotalCount == 0 {
		t.Error("the Secretary-General is told nothing")
	}
	// paragraph 21 "takes note of the letter of the Secretary-General
	// (S/2012/926)": a stance about its author
	found := false
	for _, s := range got.Actor.Stances {
		found = found || s.Paragraph.Number == "21" && s.Verb == "takes note"
	}
	if !found {
		t.Fatalf("paragraph 21's note of the Secretary-General's letter is not among its stances: %s", r.Data)
	}
}
