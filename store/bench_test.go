package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/internal/cputime"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

// Benchmarks over synthetic documents shaped like extracted resolutions
// (storetest.Synthetic). RESGRAPH_BENCH_DOCS sets the corpus size (default
// 3200, the AKN corpus). Run one backend at a time, e.g.
//
//	go test ./store -run '^$' -bench 'Load/bolt' -benchtime 1x
//	RESGRAPH_TEST_POSTGRES=... go test ./store -run '^$' -bench 'Obligations/postgres' -benchtime 200x

func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("RESGRAPH_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 3200
}

const benchActors = 2000

var corpus = sync.OnceValue(func() []*resgraph.Document { return storetest.Synthetic(benchDocs(), benchActors, 1) })

type backend struct {
	name string
	cfg  func(b testing.TB) store.Config
}

func backends(b testing.TB) []backend {
	out := []backend{
		{"memory", func(testing.TB) store.Config { return store.Config{Backend: store.BackendMemory} }},
		{"bolt", func(b testing.TB) store.Config {
			return store.Config{Backend: store.BackendBolt, Path: filepath.Join(b.TempDir(), "g.bolt"), NoSync: true}
		}},
	}
	if url := os.Getenv("RESGRAPH_TEST_POSTGRES"); url != "" {
		out = append(out, backend{"postgres", func(b testing.TB) store.Config {
			return store.Config{Backend: store.BackendPostgres, Path: freshDatabase(b, url)}
		}})
	}
	return out
}

// loadAll writes docs in batches of 64 documents, as `resgraph load` does.
func loadAll(b testing.TB, s *store.Store, docs []*resgraph.Document) {
	ctx := context.Background()
	if err := s.PutActors(ctx, storetest.SyntheticActors(benchActors)); err != nil {
		b.Fatal(err)
	}
	err := s.BulkLoad(ctx, func() error {
		for i := 0; i < len(docs); i += 64 {
			if err := s.ReplaceDocuments(ctx, docs[i:min(i+64, len(docs))]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func diskBytes(cfg store.Config) int64 {
	switch cfg.Backend {
	case store.BackendBolt:
		if st, err := os.Stat(cfg.Path); err == nil {
			return st.Size()
		}
	case store.BackendPostgres:
		// The benchmark's database holds only this store.
		db, err := sql.Open("postgres", cfg.Path)
		if err != nil {
			return 0
		}
		defer db.Close()
		var n int64
		if db.QueryRow(`SELECT pg_database_size(current_database())`).Scan(&n) == nil {
			return n
		}
	}
	return 0
}

// peakHeap samples the heap while fn runs.
func peakHeap(fn func()) uint64 {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkLoad loads the whole synthetic corpus into a new store.
func BenchmarkLoad(b *testing.B) {
	docs := corpus()
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				cfg := be.cfg(b)
				s, err := store.Open(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuSeconds()
				peak := peakHeap(func() { loadAll(b, s, docs) })
				if err := s.Close(); err != nil { // syncs a NoSync bolt file
					b.Fatal(err)
				}
				secs, cpu := time.Since(start).Seconds(), cpuSeconds()-cpu0
				b.StopTimer()
				b.ReportMetric(cpu, "s-cpu")
				s, err = store.Open(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				n, err := s.QuadCount(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				b.ReportMetric(float64(len(docs)), "docs")
				b.ReportMetric(float64(n), "quads")
				b.ReportMetric(float64(n)/secs, "quads/s")
				b.ReportMetric(float64(diskBytes(cfg))/(1<<20), "MiB-disk")
				b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
			}
		})
	}
}

// loaded caches one loaded store per backend for the query benchmarks.
var (
	loadedMu sync.Mutex
	loaded   = map[string]*store.Store{}
)

// processTB is a testing.TB whose cleanups and temporary directories last
// until TestMain ends, so one loaded store serves several benchmarks.
type processTB struct{ testing.TB }

var (
	processCleanups []func()
)

func (processTB) Cleanup(f func()) { processCleanups = append(processCleanups, f) }

func (p processTB) TempDir() string {
	d, err := os.MkdirTemp("", "storebench")
	if err != nil {
		p.Fatal(err)
	}
	processCleanups = append(processCleanups, func() { os.RemoveAll(d) })
	return d
}

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(processCleanups) - 1; i >= 0; i-- {
		processCleanups[i]()
	}
	os.Exit(code)
}

func loadedStore(b *testing.B, be backend) *store.Store {
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if s, ok := loaded[be.name]; ok {
		return s
	}
	b.StopTimer()
	defer b.StartTimer()
	s, err := store.Open(context.Background(), be.cfg(processTB{b}))
	if err != nil {
		b.Fatal(err)
	}
	loadAll(b, s, corpus())
	loaded[be.name] = s
	processCleanups = append(processCleanups, func() { s.Close() })
	return s
}

// BenchmarkAddOne adds one new resolution to a store holding the corpus.
func BenchmarkAddOne(b *testing.B) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			s := loadedStore(b, be)
			extra := storetest.Synthetic(b.N, benchActors, 99)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d := extra[i]
				d.Symbol = resgraph.Symbol(fmt.Sprintf("S/RES/%d (2030)", 90000+i+int(time.Now().UnixNano()%1000)*1000))
				if err := s.ReplaceDocument(context.Background(), d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkObligations asks who must do what for a hub actor (first 50),
// reporting the 99th percentile.
func BenchmarkObligations(b *testing.B) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			s := loadedStore(b, be)
			ctx := context.Background()
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				id := resgraph.ActorID(fmt.Sprintf("synthetic/actor-%d", i%5))
				t := time.Now()
				obs, err := s.ObligationsOf(ctx, id, 50)
				times = append(times, time.Since(t))
				if err != nil {
					b.Fatal(err)
				}
				if len(obs) != 50 {
					b.Fatalf("%s: %d obligations, want 50", id, len(obs))
				}
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "ms-p99")
		})
	}
}

// BenchmarkDocuments reads the whole graph back into documents.
func BenchmarkDocuments(b *testing.B) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			s := loadedStore(b, be)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				docs, err := s.Documents(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if len(docs) < len(corpus()) {
					b.Fatalf("%d documents, want %d", len(docs), len(corpus()))
				}
			}
		})
	}
}

// cpuSeconds is the CPU time this process has used (user + system), 0
// where the platform does not say: on a shared machine wall time is
// inflated by other jobs, CPU time is not.
func cpuSeconds() float64 {
	d, _ := cputime.Process()
	return d.Seconds()
}
