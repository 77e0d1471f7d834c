package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

// logBuffer is an io.Writer safe for the store's goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logger() *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }

// A bulk load killed while writing leaves <db>.bulk beside the store (up
// to ~600 MB for the corpus). The next writer's Open removes it and says
// so; a read-only Open leaves it.
func TestOpenRemovesStaleBulkFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "g.bolt")
	s := openT(t, store.Config{Path: path})
	if err := s.PutActors(ctx, storetest.Actors()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	stale := path + ".bulk"
	if err := os.WriteFile(stale, bytes.Repeat([]byte{0xAB}, 1<<16), 0o644); err != nil {
		t.Fatal(err)
	}
	var log logBuffer
	ro := openT(t, store.Config{Path: path, ReadOnly: true, Logger: log.logger()})
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("a read-only Open removed %s: %v", stale, err)
	}
	ro.Close()
	openT(t, store.Config{Path: path, Logger: log.logger()})
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("after Open, %s is still there (%v)", stale, err)
	}
	if !strings.Contains(log.String(), "removed the file of an interrupted bulk load") || !strings.Contains(log.String(), stale) {
		t.Errorf("Open did not say it removed %s; log:\n%s", stale, log.String())
	}
}

// A bulk load killed while its indexes build leaves backends building them
// (PostgreSQL notices a dead client only when it next talks to it); the
// next Open used to fail on the same index names ("duplicate key value
// violates unique constraint pg_class_relname_nsp_index"). Open now ends
// those builds under the writer lock, says so, and builds the indexes. The
// orphan here is a slow build of the same index name on another
// connection, which holds no writer lock, as a dead load's does not.
func TestPostgresOpenEndsOrphanIndexBuilds(t *testing.T) {
	url := os.Getenv("RESGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("RESGRAPH_TEST_POSTGRES is not set: skipping (.ci/run sets it)")
	}
	ctx := context.Background()
	dsn := freshDatabase(t, url)
	pg := openT(t, store.Config{Backend: store.BackendPostgres, Path: dsn})
	if err := pg.PutActors(ctx, storetest.Actors()); err != nil {
		t.Fatal(err)
	}
	if err := pg.ReplaceDocuments(ctx, storetest.Documents()); err != nil {
		t.Fatal(err)
	}
	if err := pg.PGDropIndexes(ctx); err != nil { // a bulk load about to write
		t.Fatal(err)
	}
	if err := pg.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE FUNCTION resgraph_test_slow(b bytea) RETURNS bytea IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN b; END $$`); err != nil {
		t.Fatal(err)
	}
	orphan, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer orphan.Close()
	built := make(chan error, 1)
	go func() {
		_, err := orphan.ExecContext(ctx, `CREATE INDEX resgraph_predicate_index ON quads (resgraph_test_slow(predicate_hash))`)
		built <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM pg_stat_progress_create_index WHERE relid = to_regclass('quads')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the orphan index build never showed in pg_stat_progress_create_index")
		}
		time.Sleep(20 * time.Millisecond)
	}

	var log logBuffer
	start := time.Now()
	s, err := store.Open(ctx, store.Config{Backend: store.BackendPostgres, Path: dsn, Logger: log.logger()})
	if err != nil {
		t.Fatalf("Open during an orphan index build: %v\nlog:\n%s", err, log.String())
	}
	defer s.Close()
	t.Logf("Open took %v", time.Since(start).Round(time.Millisecond))
	if err := <-built; err == nil {
		t.Error("the orphan build was not ended")
	}
	if !strings.Contains(log.String(), "terminating index builds left running by a load that died") {
		t.Errorf("Open did not say it ended the orphan build; log:\n%s", log.String())
	}
	var def string
	if err := db.QueryRow(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'resgraph_predicate_index'`).Scan(&def); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(def, "resgraph_test_slow") || !strings.Contains(def, "(predicate_hash)") {
		t.Errorf("resgraph_predicate_index is %q, want Resgraph's own", def)
	}
	checkIndexLayout(t, db, "after ending an orphan build")
	if docs, err := s.Documents(ctx); err != nil || len(docs) != len(storetest.Documents()) {
		t.Errorf("Documents = %d, %v; want %d", len(docs), err, len(storetest.Documents()))
	}
}
