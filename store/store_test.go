package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

func openT(t *testing.T, cfg store.Config) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		return openT(t, store.Config{Backend: store.BackendMemory})
	})
}

func TestBolt(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		return openT(t, store.Config{Backend: store.BackendBolt, Path: filepath.Join(t.TempDir(), "g.bolt")})
	})
}

func TestPostgres(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping the PostgreSQL conformance run (.ci/run sets it)")
	}
	storetest.Run(t, func(t *testing.T) *store.Store {
		return openT(t, store.Config{Backend: store.BackendPostgres, Path: freshDatabase(t, url)})
	})
}

// TestPostgresInvariants checks what Cayley's foreign keys used to (we drop
// them for speed) and its reference counts, after writes of every kind.
func TestPostgresInvariants(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	ctx := context.Background()
	dsn := freshDatabase(t, url)
	s := openT(t, store.Config{Backend: store.BackendPostgres, Path: dsn})
	if err := s.BulkLoad(ctx, func() error {
		if err := s.PutActors(ctx, storetest.Actors()); err != nil {
			return err
		}
		return s.ReplaceDocuments(ctx, storetest.Documents())
	}); err != nil {
		t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { return s.ReplaceDocument(ctx, storetest.Resolution2085v2()) },
		func() error { return s.DeleteDocument(ctx, "S/RES/2100 (2013)") },
		func() error { return s.ReplaceDocument(ctx, storetest.Resolution2100()) },
		func() error { return s.PutActors(ctx, storetest.Actors()[:4]) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Cayley's invariants (what its foreign keys would check, reference
	// counts, no duplicates) and the index layout of pg_bulk.go.
	checkPostgresInvariants(t, db, "after the writes")
	checkIndexLayout(t, db, "after the writes")
}

// TestExtractorIsStoredPerDocument writes two documents extracted by
// different extractor versions and reads each back with its own, on every
// write path (one document at a time, and a bulk load).
func TestExtractorIsStoredPerDocument(t *testing.T) {
	ctx := context.Background()
	for name, open := range map[string]func(t *testing.T) *store.Store{
		"memory": func(t *testing.T) *store.Store { return openT(t, store.Config{Backend: store.BackendMemory}) },
		"bolt": func(t *testing.T) *store.Store {
			return openT(t, store.Config{Path: filepath.Join(t.TempDir(), "g.bolt")})
		},
	} {
		for _, bulk := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/bulk=%v", name, bulk), func(t *testing.T) {
				s := open(t)
				old, cur := storetest.Resolution2085(), storetest.Resolution2100()
				old.Extractor, cur.Extractor = "0.0.9", "0.1.0"
				write := func() error { return s.ReplaceDocuments(ctx, []*resgraph.Document{old, cur}) }
				if bulk {
					write = func() error {
						return s.BulkLoad(ctx, func() error { return s.ReplaceDocuments(ctx, []*resgraph.Document{old, cur}) })
					}
				}
				if err := write(); err != nil {
					t.Fatal(err)
				}
				docs, err := s.Documents(ctx)
				if err != nil {
					t.Fatal(err)
				}
				got := map[resgraph.Symbol]string{}
				for _, d := range docs {
					got[d.Symbol] = d.Extractor
				}
				if got[old.Symbol] != "0.0.9" || got[cur.Symbol] != "0.1.0" {
					t.Errorf("extractors read back %v, want %s 0.0.9 and %s 0.1.0", got, old.Symbol, cur.Symbol)
				}
				one, err := s.Document(ctx, old.Symbol)
				if err != nil || one.Extractor != "0.0.9" {
					t.Errorf("Document(%s).Extractor = %q (%v), want 0.0.9", old.Symbol, one.Extractor, err)
				}
			})
		}
	}
}
