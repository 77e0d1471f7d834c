package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

func TestGizmo(t *testing.T) {
	ctx := context.Background()
	s := openT(t, store.Config{Backend: store.BackendMemory})
	if err := s.PutActors(ctx, storetest.Actors()); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceDocuments(ctx, storetest.Documents()); err != nil {
		t.Fatal(err)
	}
	obligedBy := "<" + store.Base + "ns#obligedBy>"
	sg := "<" + string(store.ActorIRI("secretary-general")) + ">"
	q := fmt.Sprintf(`g.V(%q).out(%q).out("<%sns#verb>").all()`, sg, obligedBy, store.Base)
	res, err := s.Gizmo(ctx, q, store.DefaultGizmoLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) == 0 {
		t.Fatalf("%s: no results", q)
	}
	for _, r := range res {
		m, ok := r.(map[string]any)
		if !ok || m["id"] == nil {
			t.Fatalf("result %#v: want a map with id", r)
		}
	}
	// the result limit stops the query
	lim := store.DefaultGizmoLimits
	lim.Results = 1
	if res, err := s.Gizmo(ctx, q, lim); err != nil || len(res) != 1 {
		t.Errorf("limit 1: %d results, err %v", len(res), err)
	}
	// bad queries and depth limits are the client's errors
	for _, bad := range []string{
		"",
		"g.V(",
		`g.V("x").followRecursive("<p>").all()`,
		`g.V("x").followRecursive("<p>", 50).all()`,
	} {
		if _, err := s.Gizmo(ctx, bad, store.DefaultGizmoLimits); resgraph.ErrorCode(err) != resgraph.EINVALID {
			t.Errorf("Gizmo(%q): err %v, want EINVALID", bad, err)
		}
	}
	if _, err := s.Gizmo(ctx, `g.V("x").followRecursive("<p>", 3).all()`, store.DefaultGizmoLimits); err != nil {
		t.Errorf("depth 3: %v", err)
	}
	// a query that never ends stops at the deadline
	tctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.Gizmo(tctx, `while (true) {}`, store.DefaultGizmoLimits)
	if resgraph.ErrorCode(err) != resgraph.ETIMEOUT || time.Since(start) > 2*time.Second {
		t.Errorf("endless query: err %v after %v, want ETIMEOUT soon after 200ms", err, time.Since(start))
	}
}
