// Package storetest is the conformance suite of the store: one set of
// tests every backend (memory, bolt file, PostgreSQL) must pass, and the
// fixture documents they use.
package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
)

// Run runs the suite. open must return a new, empty store each time it is
// called (several are opened, for comparisons), closed by the caller's
// t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) *store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, func(*testing.T) *store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"ActorsShared", testActorsShared},
		{"IdempotentReload", testIdempotentReload},
		{"ReplacementLeavesNoStaleQuads", testReplacement},
		{"FailedWriteLeavesStoreUnchanged", testFailedWrite},
		{"NoPhantomAfterMissingDelete", testNoPhantom},
		{"ConcurrentReaders", testConcurrentReaders},
		{"NQuadsRoundTrip", testNQuadsRoundTrip},
		{"ObligationsOf", testObligationsOf},
		{"Generation", testGeneration},
		{"BulkLoad", testBulkLoad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open) })
	}
}

// normalize returns v through JSON, the model's contract: it equates nil
// and empty slices, which the store does not distinguish.
func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func assertSame(t *testing.T, what string, got, want any) {
	t.Helper()
	g, w := normalize(t, got), normalize(t, want)
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.MarshalIndent(got, "", " ")
		wb, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("%s differs:\n%s", what, firstDiff(string(gb), string(wb)))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, a, b)
		}
	}
	return "(equal text, different values)"
}

func load(t *testing.T, s *store.Store, docs ...*resgraph.Document) {
	t.Helper()
	ctx := context.Background()
	if err := s.PutActors(ctx, Actors()); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := s.ReplaceDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
}

func dump(t *testing.T, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.WriteNQuads(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		// The generation counts writes, not content.
		if !strings.HasSuffix(l, "<"+string(store.MetaLabel)+"> .") {
			lines = append(lines, l)
		}
	}
	sortStrings(lines)
	return strings.Join(lines, "\n")
}

func sortStrings(s []string) {
	// insertion sort is enough for fixture-sized dumps, and keeps this
	// package's imports small.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func quadCount(t *testing.T, s *store.Store) int64 {
	t.Helper()
	n, err := s.QuadCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func testRoundTrip(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	want := Documents()
	load(t, s, want...)
	got, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("Documents() returned %d documents, want %d", len(got), len(want))
	}
	for i := range want {
		assertSame(t, "Documents()["+string(want[i].Symbol)+"]", got[i], want[i])
		one, err := s.Document(ctx, want[i].Symbol)
		if err != nil {
			t.Fatal(err)
		}
		assertSame(t, "Document("+string(want[i].Symbol)+")", one, want[i])
	}
	actors, err := s.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, "Actors()", actors, Actors())
	self := "<" + string(store.DocumentIRI("S/RES/2085 (2012)")) + "> <" + string(store.PCites) + "> <" + string(store.DocumentIRI("S/RES/2085 (2012)")) + ">"
	if strings.Contains(dump(t, s), self) {
		t.Error("an internal reference made the document cite itself")
	}
	_, err = s.Document(ctx, "S/RES/1 (1946)")
	if resgraph.ErrorCode(err) != resgraph.ENOTFOUND {
		t.Fatalf("Document(missing) error = %v, want code %s", err, resgraph.ENOTFOUND)
	}
}

func testActorsShared(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	obs, err := s.ObligationsOf(ctx, "secretary-general", 0)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[resgraph.Symbol]bool{}
	for _, o := range obs {
		docs[o.Document] = true
	}
	if !docs["S/RES/2085 (2012)"] || !docs["S/RES/2100 (2013)"] || len(obs) != 2 {
		t.Fatalf("secretary-general obligations = %+v, want one in each of S/RES/2085 (2012) and S/RES/2100 (2013)", obs)
	}
	// Removing one document leaves the shared actor and the other's facts.
	if err := s.DeleteDocument(ctx, "S/RES/2100 (2013)"); err != nil {
		t.Fatal(err)
	}
	obs, err = s.ObligationsOf(ctx, "secretary-general", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 1 || obs[0].Document != "S/RES/2085 (2012)" {
		t.Fatalf("after deleting S/RES/2100 (2013): obligations = %+v, want the one of S/RES/2085 (2012)", obs)
	}
	actors, err := s.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, "Actors() after a delete", actors, Actors())
	// The store now holds exactly what a store given only 2085 holds.
	fresh := open(t)
	load(t, fresh, Resolution2085())
	if a, b := dump(t, s), dump(t, fresh); a != b {
		t.Fatalf("after a delete the store differs from a fresh load:\n%s", firstDiff(a, b))
	}
}

func testIdempotentReload(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	n1, d1 := quadCount(t, s), dump(t, s)
	g1, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	load(t, s, Documents()...)
	n2, d2 := quadCount(t, s), dump(t, s)
	if n1 != n2 {
		t.Fatalf("quad count after reload = %d, want %d", n2, n1)
	}
	if d1 != d2 {
		t.Fatalf("quads changed on reload:\n%s", firstDiff(d2, d1))
	}
	g2, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g2 != g1 {
		t.Fatalf("generation moved from %d to %d on a reload that changed nothing", g1, g2)
	}
}

func testReplacement(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	v2 := Resolution2085v2()
	if err := s.ReplaceDocument(ctx, v2); err != nil {
		t.Fatal(err)
	}
	got, err := s.Document(ctx, v2.Symbol)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, "replaced document", got, v2)
	fresh := open(t)
	load(t, fresh, v2, Resolution2100())
	if a, b := dump(t, s), dump(t, fresh); a != b {
		t.Fatalf("replacement left stale quads:\n%s", firstDiff(a, b))
	}
	if a, b := quadCount(t, s), quadCount(t, fresh); a != b {
		t.Fatalf("quad count after replacement = %d, fresh load of the new version = %d", a, b)
	}
	for _, stale := range []string{"op9(b)", "recovering the areas", "2056(2012)", "5f1c0e7d", "Russian Federation", "sub-item (c)", "2013-01-19"} {
		if strings.Contains(dump(t, s), stale) {
			t.Errorf("dump still mentions %q after replacement", stale)
		}
	}
}

func testFailedWrite(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	before := dump(t, s)
	gen, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bad := Resolution2085v2()
	bad.Actions[1].Kind = "order" // invalid: the whole document must be refused
	if err := s.ReplaceDocument(ctx, bad); err == nil {
		t.Fatal("ReplaceDocument(action of unknown kind) succeeded")
	}
	noID := Resolution2100()
	noID.Actions[0].Partners[1].ID = ""
	// A batch with one bad document writes nothing, the good one included.
	if err := s.ReplaceDocuments(ctx, []*resgraph.Document{Resolution2085v2(), noID}); err == nil {
		t.Fatal("ReplaceDocuments(batch with a partner without id) succeeded")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.ReplaceDocument(cancelled, Resolution2085v2()); !errors.Is(err, context.Canceled) {
		t.Fatalf("ReplaceDocument(cancelled context) = %v, want context.Canceled", err)
	}
	if after := dump(t, s); after != before {
		t.Fatalf("failed writes changed the store:\n%s", firstDiff(after, before))
	}
	if g, err := s.Generation(ctx); err != nil || g != gen {
		t.Fatalf("generation after failed writes = %d, %v; want %d", g, err, gen)
	}
	// The store still works.
	if err := s.ReplaceDocument(ctx, Resolution2085v2()); err != nil {
		t.Fatalf("write after failures: %v", err)
	}
}

// testNoPhantom pins the bbolt bug (CAYLEY-NOTES.md): deletes of facts that
// are not there must not fail a transaction nor leave phantom index entries
// that later show up as duplicate or empty results.
func testNoPhantom(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s)
	if err := s.DeleteDocument(ctx, "S/RES/9999 (2099)"); err != nil {
		t.Fatalf("deleting an absent document: %v", err)
	}
	load(t, s, Documents()...)
	if err := s.DeleteDocument(ctx, "S/RES/2100 (2013)"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteDocument(ctx, "S/RES/2100 (2013)"); err != nil {
		t.Fatalf("deleting a document twice: %v", err)
	}
	if err := s.ReplaceDocument(ctx, Resolution2100()); err != nil {
		t.Fatal(err)
	}
	d := dump(t, s)
	if strings.Contains(d, "<nil>") || strings.Contains(d, "\n\n") {
		t.Fatalf("dump has empty quads:\n%s", d)
	}
	fresh := open(t)
	load(t, fresh, Documents()...)
	if a, b := quadCount(t, s), quadCount(t, fresh); a != b {
		t.Fatalf("quad count %d, a fresh load has %d", a, b)
	}
	obs, err := s.ObligationsOf(ctx, "afisma", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 3 {
		t.Fatalf("afisma has %d obligations, want 3 (no duplicates): %+v", len(obs), obs)
	}
}

func testConcurrentReaders(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	v1, v2 := normalize(t, Resolution2085()), normalize(t, Resolution2085v2())
	const writes = 12
	var wg sync.WaitGroup
	errc := make(chan error, 16)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < writes; i++ {
			d := Resolution2085()
			if i%2 == 0 {
				d = Resolution2085v2()
			}
			if err := s.ReplaceDocument(ctx, d); err != nil {
				errc <- err
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for reads := 0; ; reads++ {
				select {
				case <-done:
					if reads > 0 {
						return
					}
				default:
				}
				var got *resgraph.Document
				var err error
				if reads%3 == 2 {
					var docs []*resgraph.Document
					docs, err = s.Documents(ctx)
					if err == nil && len(docs) != 2 {
						err = fmt.Errorf("Documents() returned %d documents during a load, want 2", len(docs))
					}
					if err == nil {
						got = docs[0]
					}
				} else {
					got, err = s.Document(ctx, "S/RES/2085 (2012)")
				}
				if err != nil {
					errc <- err
					return
				}
				b, _ := json.Marshal(got)
				var g any
				json.Unmarshal(b, &g)
				if !reflect.DeepEqual(g, v1) && !reflect.DeepEqual(g, v2) {
					errc <- fmt.Errorf("a reader saw a document that is neither version: %s", b)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
}

func testNQuadsRoundTrip(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	var b bytes.Buffer
	n, err := s.WriteNQuads(ctx, &b)
	if err != nil {
		t.Fatal(err)
	}
	if int64(n) != quadCount(t, s) {
		t.Fatalf("WriteNQuads wrote %d quads, store has %d", n, quadCount(t, s))
	}
	other := open(t)
	m, err := other.ReadNQuads(ctx, bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if m != n {
		t.Fatalf("ReadNQuads read %d quads, WriteNQuads wrote %d", m, n)
	}
	if a, b := dump(t, other), dump(t, s); a != b {
		t.Fatalf("N-Quads round trip changed the graph:\n%s", firstDiff(a, b))
	}
	docs, err := other.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, "documents after N-Quads round trip", docs, Documents())
	actors, err := other.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	assertSame(t, "actors after N-Quads round trip", actors, Actors())
	if _, err := other.ReadNQuads(ctx, strings.NewReader("<a> <b> <c> .\n")); err == nil {
		t.Fatal("ReadNQuads accepted a quad without a label")
	}
}

func testObligationsOf(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	load(t, s, Documents()...)
	obs, err := s.ObligationsOf(ctx, "afisma", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := Resolution2085()
	if len(obs) != 3 {
		t.Fatalf("afisma: %d obligations, want 3", len(obs))
	}
	for i, o := range obs {
		if o.Document != want.Symbol || o.Index != i+1 {
			t.Errorf("afisma obligation %d is %s action %d, want %s action %d", i, o.Document, o.Index, want.Symbol, i+1)
		}
		assertSame(t, fmt.Sprintf("afisma obligation %d", i), o.Action, want.Actions[i+1])
	}
	two, err := s.ObligationsOf(ctx, "afisma", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(two) != 2 || two[0].Index != 1 || two[1].Index != 2 {
		t.Fatalf("afisma limit 2: got %+v", two)
	}
	// Stances and the Council's own commitments are not obligations.
	for _, id := range []resgraph.ActorID{"x/armed-rebels", "nobody"} {
		obs, err := s.ObligationsOf(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(obs) != 0 {
			t.Errorf("%s has obligations %+v, want none", id, obs)
		}
	}
}

func testGeneration(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	g0, err := s.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g0 != 0 {
		t.Fatalf("new store generation = %d, want 0", g0)
	}
	last := g0
	for i, step := range []func() error{
		func() error { return s.PutActors(ctx, Actors()) },
		func() error { return s.ReplaceDocument(ctx, Resolution2085()) },
		func() error { return s.ReplaceDocument(ctx, Resolution2085v2()) },
		func() error { return s.DeleteDocument(ctx, "S/RES/2085 (2012)") },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
		g, err := s.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if g <= last {
			t.Fatalf("step %d: generation %d did not grow from %d", i, g, last)
		}
		last = g
	}
}

func testBulkLoad(t *testing.T, open func(*testing.T) *store.Store) {
	ctx := context.Background()
	s := open(t)
	err := s.BulkLoad(ctx, func() error {
		if err := s.PutActors(ctx, Actors()); err != nil {
			return err
		}
		return s.ReplaceDocuments(ctx, Documents())
	})
	if err != nil {
		t.Fatal(err)
	}
	fresh := open(t)
	load(t, fresh, Documents()...)
	if a, b := dump(t, s), dump(t, fresh); a != b {
		t.Fatalf("a bulk load differs from a plain one:\n%s", firstDiff(a, b))
	}
	// After the bulk load the store is back to normal: replace, query.
	if err := s.ReplaceDocument(ctx, Resolution2085v2()); err != nil {
		t.Fatal(err)
	}
	obs, err := s.ObligationsOf(ctx, "afisma", 0)
	if err != nil || len(obs) != 2 {
		t.Fatalf("afisma after bulk load and replace: %d obligations, %v; want 2", len(obs), err)
	}
	// A failing bulk load reports the error and leaves a usable store.
	boom := errors.New("boom")
	if err := s.BulkLoad(ctx, func() error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("BulkLoad returned %v, want the function's error", err)
	}
	if _, err := s.Document(ctx, "S/RES/2100 (2013)"); err != nil {
		t.Fatal(err)
	}
}
