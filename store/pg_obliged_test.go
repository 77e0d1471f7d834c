package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

// TestPostgresObligationsIndex checks the SQL ObligationsOf, which reads
// the first obligations in order from resgraph_obliged, against the memory
// store after writes of every kind (bulk load, replacement by other
// versions, deletion, registry and N-Quads writes), for busy actors (a few
// hundred obligations, indexes past 9 so that order is numeric) and several
// limits; then again after the table is dropped and rebuilt from the quads
// on Open, as for a store written before the table existed.
func TestPostgresObligationsIndex(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	ctx := context.Background()
	dsn := freshDatabase(t, url)
	pg := openT(t, store.Config{Backend: store.BackendPostgres, Path: dsn})
	mem := openT(t, store.Config{Backend: store.BackendMemory})
	const actors = 12
	docs := storetest.Synthetic(60, actors, 1)
	others := storetest.Synthetic(20, actors, 2) // same symbols as docs[:20], other content
	for _, s := range []*store.Store{pg, mem} {
		if err := s.BulkLoad(ctx, func() error {
			if err := s.PutActors(ctx, storetest.SyntheticActors(actors)); err != nil {
				return err
			}
			if err := s.ReplaceDocuments(ctx, storetest.Documents()); err != nil {
				return err
			}
			return s.ReplaceDocuments(ctx, docs)
		}); err != nil {
			t.Fatal(err)
		}
		for _, step := range []func() error{
			func() error { return s.ReplaceDocuments(ctx, others[:10]) },
			func() error { return s.DeleteDocument(ctx, docs[15].Symbol) },
			func() error { return s.ReplaceDocument(ctx, docs[3]) }, // back to the first version
			func() error { return s.ReplaceDocument(ctx, storetest.Resolution2085v2()) },
			func() error { return s.PutActors(ctx, storetest.SyntheticActors(actors)[:5]) },
		} {
			if err := step(); err != nil {
				t.Fatal(err)
			}
		}
	}
	ids := []resgraph.ActorID{"afisma", "secretary-general", "nobody"}
	for i := 0; i < actors; i++ {
		ids = append(ids, resgraph.ActorID(fmt.Sprintf("synthetic/actor-%d", i)))
	}
	compare := func(when string) {
		t.Helper()
		busiest := 0
		for _, id := range ids {
			for _, limit := range []int{0, 1, 7, 50} {
				want, err := mem.ObligationsOf(ctx, id, limit)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pg.ObligationsOf(ctx, id, limit)
				if err != nil {
					t.Fatal(err)
				}
				if limit == 0 {
					busiest = max(busiest, len(want))
				}
				if (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
					t.Errorf("%s: ObligationsOf(%s, %d): PostgreSQL gives %d obligations, memory %d, or they differ", when, id, limit, len(got), len(want))
				}
			}
		}
		if busiest < 100 {
			t.Fatalf("%s: the busiest actor has %d obligations: too few to test the order", when, busiest)
		}
	}
	compare("after writes")

	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DROP TABLE resgraph_obliged`); err != nil {
		t.Fatal(err)
	}
	if err := pg.Close(); err != nil {
		t.Fatal(err)
	}
	pg, err = store.Open(ctx, store.Config{Backend: store.BackendPostgres, Path: dsn})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	compare("after rebuilding the index on Open")
}
