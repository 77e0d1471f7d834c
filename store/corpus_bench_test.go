package store_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/store"
)

// corpusDir returns the AKN corpus (shared/corpus/unxml-sc), or skips.
func corpusDir(tb testing.TB) string { return testcorpus.AKN(tb) }

// readCorpus reads and extracts every AKN file on all cores, and keeps one
// document per symbol, as `resgraph load` does.
func readCorpus(tb testing.TB, reg *loader.Registry) []*resgraph.Document {
	docs, _, err := corpusdocs.Walk(reg, corpusDir(tb), ".xml")
	if err != nil {
		tb.Fatal(err)
	}
	return corpusdocs.LastPerSymbol(docs)
}

// BenchmarkCorpus loads the real AKN corpus from XML into a new store: read,
// extract, write, close. Run one backend at a time:
//
//	go test ./store -run '^$' -bench 'Corpus/bolt' -benchtime 1x
func BenchmarkCorpus(b *testing.B) {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				cfg := be.cfg(b)
				runtime.GC()
				b.StartTimer()
				start, cpu0 := time.Now(), cpuSeconds()
				var docs []*resgraph.Document
				var readSecs, readCPU float64
				peak := peakHeap(func() {
					s, err := store.Open(context.Background(), cfg)
					if err != nil {
						b.Fatal(err)
					}
					docs = readCorpus(b, reg)
					readSecs = time.Since(start).Seconds()
					readCPU = cpuSeconds() - cpu0
					ctx := context.Background()
					if err := s.PutActors(ctx, reg.Actors()); err != nil {
						b.Fatal(err)
					}
					err = s.BulkLoad(ctx, func() error {
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
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
				})
				secs, cpu := time.Since(start).Seconds(), cpuSeconds()-cpu0
				b.StopTimer()
				b.ReportMetric(readCPU, "s-cpu-read+extract")
				b.ReportMetric(cpu, "s-cpu-total")
				s, err := store.Open(context.Background(), cfg)
				if err != nil {
					b.Fatal(err)
				}
				n, err := s.QuadCount(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				back, err := s.Documents(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				docsSecs := time.Since(t0).Seconds()
				s.Close()
				if len(back) != len(docs) {
					b.Fatalf("Documents() returned %d documents, %d were loaded", len(back), len(docs))
				}
				b.ReportMetric(float64(len(docs)), "docs")
				b.ReportMetric(float64(n), "quads")
				b.ReportMetric(readSecs, "s-read+extract")
				b.ReportMetric(secs, "s-total")
				b.ReportMetric(docsSecs, "s-Documents()")
				b.ReportMetric(float64(diskBytes(cfg))/(1<<20), "MiB-disk")
				b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
			}
		})
	}
}
