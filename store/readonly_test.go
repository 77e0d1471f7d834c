package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

func TestLocate(t *testing.T) {
	for _, c := range []struct{ db, backend, path string }{
		{"resgraph.db", store.BackendBolt, "resgraph.db"},
		{"/var/lib/resgraph/g.bolt", store.BackendBolt, "/var/lib/resgraph/g.bolt"},
		{"postgres://u:p@h:5432/db?sslmode=disable", store.BackendPostgres, "postgres://u:p@h:5432/db?sslmode=disable"},
		{"postgresql://h/db", store.BackendPostgres, "postgresql://h/db"},
		{"memory:", store.BackendMemory, ""},
	} {
		got := store.Locate(c.db)
		if got.Backend != c.backend || got.Path != c.path {
			t.Errorf("Locate(%q) = %q %q, want %q %q", c.db, got.Backend, got.Path, c.backend, c.path)
		}
	}
}

// TestBoltReadOnly: two read-only opens share a bolt file and read what a
// writer stored; a writer cannot open it meanwhile, and a read-only store
// refuses writes and is never created.
func TestBoltReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.bolt")
	w, err := store.Open(ctx, store.Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.PutActors(ctx, storetest.Actors()); err != nil {
		t.Fatal(err)
	}
	if err := w.ReplaceDocuments(ctx, storetest.Documents()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	ro := store.Config{Path: path, ReadOnly: true, LockTimeout: 200 * time.Millisecond}
	a := openT(t, ro)
	b := openT(t, ro)
	for _, s := range []*store.Store{a, b} {
		docs, err := s.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != len(storetest.Documents()) {
			t.Fatalf("read-only store reads %d documents, want %d", len(docs), len(storetest.Documents()))
		}
	}
	changed := storetest.Documents()[0]
	changed.Title += " (changed)" // a write of what is stored already writes nothing
	if err := a.ReplaceDocuments(ctx, []*resgraph.Document{changed}); err == nil {
		t.Error("a write into a read-only store succeeded")
	}
	if _, err := store.Open(ctx, store.Config{Path: path, LockTimeout: 200 * time.Millisecond}); !errors.Is(err, store.ErrLocked) {
		t.Errorf("a writer opened a file two readers hold: err %v, want ErrLocked", err)
	}
	if _, err := store.Open(ctx, store.Config{Path: filepath.Join(t.TempDir(), "none.bolt"), ReadOnly: true}); err == nil {
		t.Error("a read-only open created a missing store")
	}
}
