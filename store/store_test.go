package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

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
		return openT(t, store.Config{Backend: store.BackendMemory, Extractor: "test"})
	})
}

func TestBolt(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		return openT(t, store.Config{Backend: store.BackendBolt, Path: filepath.Join(t.TempDir(), "g.bolt"), Extractor: "test"})
	})
}

func TestPostgres(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping the PostgreSQL conformance run (.ci/run sets it)")
	}
	for _, cayley := range []bool{false, true} {
		name := "SQL"
		if cayley {
			name = "CayleyPaths"
		}
		t.Run(name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) *store.Store {
				return openT(t, store.Config{Backend: store.BackendPostgres, Path: freshDatabase(t, url), Extractor: "test", CayleyQueries: cayley})
			})
		})
	}
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
	for _, c := range []struct{ what, query string }{
		{"quads naming a missing node", `SELECT COUNT(*) FROM quads q WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.subject_hash)
			OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.predicate_hash) OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.object_hash)
			OR (q.label_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.hash = q.label_hash))`},
		{"nodes whose refs are wrong", `WITH r AS (
				SELECT h, COUNT(*) AS n FROM (SELECT subject_hash AS h FROM quads UNION ALL SELECT predicate_hash FROM quads
				UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL) x GROUP BY h)
			SELECT COUNT(*) FROM nodes LEFT JOIN r ON r.h = nodes.hash WHERE nodes.refs <> COALESCE(r.n, 0)`},
		{"duplicate quads", `SELECT COUNT(*) FROM (SELECT 1 FROM quads GROUP BY subject_hash, predicate_hash, object_hash, label_hash HAVING COUNT(*) > 1) d`},
		// The layout of pg_bulk.go (TestPostgresIndexLayout): in place of
		// Cayley's spo_index, ops_index, osp_index and pos_index, an
		// unconditional spol_unique and indexes on the object alone and
		// the predicate alone.
		{"missing quad indexes (of 6)", `SELECT 6 - COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'quads'
			AND indexname IN ('spo_unique', 'spol_unique', 'resgraph_object_index', 'resgraph_predicate_index', 'resgraph_label_index', 'quads_pkey')`},
	} {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n != 0 {
			t.Errorf("%s: %d", c.what, n)
		}
	}
}
