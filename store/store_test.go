package store_test

import (
	"context"
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
