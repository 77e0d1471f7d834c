package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"     // registers "bbolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"     // registers "memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres" and the lib/pq driver
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	"go.etcd.io/bbolt"
)

// Backends.
const (
	BackendBolt     = "bolt"
	BackendMemory   = "memory"
	BackendPostgres = "postgres"
)

// DefaultLockTimeout is how long Open waits for another process to release
// a bolt file.
const DefaultLockTimeout = 2 * time.Second

// ErrLocked is returned (wrapped) by Open when another process, usually a
// running `resgraph serve`, holds the bolt file. Callers say what to do
// instead (load or export through the server).
var ErrLocked = errors.New("bolt file is locked by another process (is a resgraph server running on it?)")

// Locate returns the Config of the store a -db flag or RESGRAPH_DB names,
// the same way in every subcommand: a postgres:// or postgresql:// URL is a
// PostgreSQL store, "memory:" a store in memory (tests, demonstrations),
// anything else the path of a bolt file.
func Locate(db string) Config {
	switch {
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		return Config{Backend: BackendPostgres, Path: db}
	case db == "memory:":
		return Config{Backend: BackendMemory}
	}
	return Config{Backend: BackendBolt, Path: db}
}

// Config says which store to open.
type Config struct {
	// Backend is "bolt" (the default), "memory" or "postgres".
	Backend string
	// Path is the bolt file, or the PostgreSQL connection URL
	// (postgres://user:pass@host:5432/db?sslmode=disable). Unused for memory.
	Path string
	// LockTimeout bounds the wait for a bolt file held by another process;
	// DefaultLockTimeout when zero.
	LockTimeout time.Duration
	// ReadOnly opens a bolt file for reading only, under a shared lock:
	// several read-only processes (a `serve -read-only` and an `export`)
	// may then hold one file at once, while a writer waits for them all.
	// Every write fails. Other backends ignore it (PostgreSQL serves
	// readers and writers at once).
	ReadOnly bool
	// NoSync skips the fsync of each bolt transaction (bulk loads); the
	// file is synced on Close. A power loss during the load can then lose
	// or corrupt the file: rerun the load. Ignored by other backends.
	NoSync bool
	// Logger receives the store's logs; slog.Default() when nil.
	Logger *slog.Logger
}

// Store is a graph of documents and actors in a Cayley quad store. It is
// safe for concurrent use: writes are serialized, and a reader sees each
// document either entirely before or entirely after a write.
type Store struct {
	cfg Config
	log *slog.Logger

	// mu serializes writes and keeps readers out while one commits: the
	// memory store is not safe for a write concurrent with reads, and a
	// bolt reopen swaps qs.
	mu sync.RWMutex
	qs cgraph.QuadStore
	// broken is set when a bolt write failed: Cayley's in-memory index
	// buffers may then be stale (the phantom-index bug), so the file is
	// reopened before the next operation.
	broken bool

	bdb *bbolt.DB // bolt: the file, for Sync and bulk loads
	pg  *sql.DB   // postgres: our own connection, for the bulk path and direct queries

	// stage, during a bolt bulk load, holds the writes to make when it
	// ends (see boltbulk.go).
	stage *bulkStage
	// autoBulk (tests) sends every write on a bolt store holding no
	// documents through the bulk writer.
	autoBulk bool

	// pgValues caches predicate and label values by node hash (postgres).
	pgValues *valueCache
}

// valueCache maps node hashes to values.
type valueCache struct {
	mu sync.Mutex
	m  map[string]quad.Value
}

// Open opens (creating if needed) the store described by cfg.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Backend == "" {
		cfg.Backend = BackendBolt
	}
	if cfg.LockTimeout <= 0 {
		cfg.LockTimeout = DefaultLockTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Store{cfg: cfg, log: cfg.Logger.With("component", "store", "backend", cfg.Backend)}
	var err error
	switch cfg.Backend {
	case BackendMemory:
		s.qs, err = cgraph.NewQuadStore("memstore", "", nil)
	case BackendBolt:
		if !cgraph.IsRegistered("bbolt") {
			return nil, errors.New("open store: Cayley's bbolt backend is not registered")
		}
		if cfg.Path == "" {
			return nil, errors.New("open store: bolt backend needs a file path")
		}
		if cfg.ReadOnly {
			s.qs, s.bdb, err = openBoltReadOnly(cfg.Path, cfg.LockTimeout)
		} else {
			s.qs, s.bdb, err = openBolt(cfg.Path, cfg.LockTimeout, cfg.NoSync)
		}
	case BackendPostgres:
		if cfg.Path == "" {
			return nil, errors.New("open store: postgres backend needs a connection URL")
		}
		err = s.openPostgres(ctx)
	default:
		return nil, fmt.Errorf("open store: unknown backend %q (want bolt, memory or postgres)", cfg.Backend)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s store %s: %w", cfg.Backend, redact(cfg), err)
	}
	return s, nil
}

// redact names the store in errors without a password.
func redact(cfg Config) string {
	if cfg.Backend != BackendPostgres {
		return cfg.Path
	}
	return redactURL(cfg.Path)
}

// kvOptions are the options of Cayley's KV backends: bloom filters cost
// ~150-350 MiB and most of a second on every open (see CAYLEY-NOTES.md).
var kvOptions = cgraph.Options{"no_bloom": true}

// openBolt opens a bbolt file with a lock timeout. Cayley's own bbolt
// opener waits forever for a file another process holds, so we open the
// file ourselves and hand it to Cayley's KV layer.
func openBolt(path string, timeout time.Duration, noSync bool) (cgraph.QuadStore, *bbolt.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
	}
	var db *bbolt.DB
	deadline := time.Now().Add(timeout)
	for {
		before, _ := os.Stat(path)
		var err error
		db, err = bbolt.Open(path, 0o644, &bbolt.Options{
			Timeout: max(time.Until(deadline), time.Millisecond),
			// Reserve address space up front: each growth of the mapping
			// otherwise remaps the file under the write lock.
			InitialMmapSize: 1 << 30,
			FreelistType:    bbolt.FreelistMapType,
			NoFreelistSync:  true,
			NoSync:          noSync,
			NoGrowSync:      noSync,
		})
		if errors.Is(err, bbolt.ErrTimeout) {
			return nil, nil, fmt.Errorf("waited %v: %w", timeout, ErrLocked)
		}
		if err != nil {
			return nil, nil, err
		}
		// A bulk load renames a new file over the path; one who waited
		// for the old file's lock meanwhile must open the new one.
		if after, err := os.Stat(path); before == nil || err != nil || os.SameFile(before, after) {
			break
		}
		db.Close()
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("waited %v: %w", timeout, ErrLocked)
		}
	}
	kv := hbolt.New(db)
	switch err := ckv.Init(kv, kvOptions); {
	case err == nil:
		if err := addLabelIndex(kv); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("initializing: %w", err)
		}
	case !errors.Is(err, cgraph.ErrDatabaseExists):
		db.Close()
		return nil, nil, fmt.Errorf("initializing: %w", err)
	}
	qs, err := ckv.New(kv, kvOptions)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return qs, db, nil
}

// openBoltReadOnly opens an existing bolt store for reading, under a shared
// lock.
func openBoltReadOnly(path string, timeout time.Duration) (cgraph.QuadStore, *bbolt.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, nil, err // a read-only store is never created
	}
	db, err := bbolt.Open(path, 0o644, &bbolt.Options{Timeout: timeout, ReadOnly: true, FreelistType: bbolt.FreelistMapType})
	if errors.Is(err, bbolt.ErrTimeout) {
		return nil, nil, fmt.Errorf("waited %v: %w", timeout, ErrLocked)
	}
	if err != nil {
		return nil, nil, err
	}
	qs, err := ckv.New(hbolt.New(db), kvOptions)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return qs, db, nil
}

// labelIndex is the KV index we add to Cayley's two defaults (subject,
// predicate; object, predicate, subject): without it Cayley finds the quads
// of a label by scanning the whole quad log, which made every document
// replace O(store size).
var labelIndex = ckv.QuadIndex{Dirs: []quad.Direction{quad.Label}}

// addLabelIndex declares labelIndex in a new KV store, the way Cayley's
// Init records its index list (JSON under meta/indexes), before Cayley
// opens the store and reads that list.
func addLabelIndex(db hkv.KV) error {
	ctx := context.Background()
	idx := append(append([]ckv.QuadIndex{}, ckv.DefaultQuadIndexes...), labelIndex)
	data, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	return hkv.Update(ctx, db, func(tx hkv.Tx) error {
		if err := hkv.CreateBucket(ctx, tx, hkv.Key{[]byte{quad.Label.Prefix()}}); err != nil {
			return fmt.Errorf("creating the label index: %w", err)
		}
		return tx.Put(ctx, hkv.Key{[]byte("meta"), []byte("indexes")}, data)
	})
}

// reopen replaces a bolt quad store whose in-memory state may be stale.
// Callers hold s.mu for writing.
func (s *Store) reopen() error {
	s.log.Warn("reopening bolt store after a failed write")
	_ = s.qs.Close()
	s.bdb = nil
	qs, db, err := openBolt(s.cfg.Path, s.cfg.LockTimeout, s.cfg.NoSync)
	if err != nil {
		return fmt.Errorf("reopening %s after a failed write: %w", s.cfg.Path, err)
	}
	s.qs, s.bdb = qs, db
	s.broken = false
	return nil
}

// Backend returns the store's backend name.
func (s *Store) Backend() string { return s.cfg.Backend }

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	if s.stage != nil {
		s.stage.stopMerger() // a bulk load still staging: what it staged is lost
	}
	if s.bdb != nil && s.cfg.NoSync && s.qs != nil {
		errs = append(errs, s.bdb.Sync())
	}
	s.bdb = nil
	if s.qs != nil {
		errs = append(errs, s.qs.Close())
		s.qs = nil
	}
	if s.pg != nil {
		errs = append(errs, s.pg.Close())
		s.pg = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// readLock takes the read lock, reopening a broken bolt store first.
func (s *Store) readLock() (func(), error) {
	s.mu.RLock()
	if !s.broken && s.qs != nil {
		return s.mu.RUnlock, nil
	}
	s.mu.RUnlock()
	s.mu.Lock()
	if s.qs == nil {
		s.mu.Unlock()
		return nil, errors.New("store is closed")
	}
	if s.broken {
		if err := s.reopen(); err != nil {
			s.mu.Unlock()
			return nil, err
		}
	}
	s.mu.Unlock()
	return s.readLock()
}

// writeLock takes the write lock, reopening a broken bolt store first.
func (s *Store) writeLock() (func(), error) {
	s.mu.Lock()
	if s.qs == nil {
		s.mu.Unlock()
		return nil, errors.New("store is closed")
	}
	if s.broken {
		if err := s.reopen(); err != nil {
			s.mu.Unlock()
			return nil, err
		}
	}
	return s.mu.Unlock, nil
}
