package query_test

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/query"
)

// BenchmarkSnapshotGC builds the corpus snapshot and reports what it costs
// the garbage collector: the live heap and heap objects it holds, the
// scannable part of the heap, and the CPU and wall time of a forced
// collection with nothing but the snapshot live. Run with:
//
//	go test ./query -run '^$' -bench SnapshotGC -benchtime 1x
func BenchmarkSnapshotGC(b *testing.B) {
	dir := testcorpus.Dir(b)
	reg, err := corpusdocs.Registry()
	if err != nil {
		b.Fatal(err)
	}
	docs, _, err := corpusdocs.Walk(reg, dir, ".xml", ".txt")
	if err != nil {
		b.Fatal(err)
	}
	actors := reg.Actors()
	reg = nil
	for range b.N {
		runtime.GC()
		start := time.Now()
		s := query.Build(docs, actors)
		build := time.Since(start)
		// The heap objects a snapshot holds: those of a second one, built
		// from the first one's documents, once what the loader's
		// documents shared and cached (sync.Pool, unique) is gone.
		docs = nil
		again, _ := s.Source()
		settle()
		before := gcSample()
		s2 := query.Build(again, actors)
		settle()
		objects := int64(gcSample().objects) - int64(before.objects)
		runtime.KeepAlive(s2)
		runtime.KeepAlive(again)
		s2, again = nil, nil
		settle()
		held := gcSample()
		const cycles = 10
		cpu0, wall0 := held.markCPU, time.Now()
		for range cycles {
			runtime.GC()
		}
		wall := time.Since(wall0)
		after := gcSample()
		runtime.KeepAlive(s)
		st := s.Stats()
		b.Logf("%d documents, %d paragraphs, %d obligations, %d actors", st.Documents, st.Paragraphs, st.Obligations, st.Actors)
		b.ReportMetric(float64(build.Milliseconds()), "build-ms")
		b.ReportMetric(float64(held.live)/(1<<20), "live-MB")
		b.ReportMetric(float64(objects), "snapshot-objects")
		b.ReportMetric(float64(held.scan)/(1<<20), "scan-MB")
		b.ReportMetric((after.markCPU-cpu0)*1000/cycles, "gc-mark-cpu-ms/cycle")
		b.ReportMetric(float64(wall.Microseconds())/1000/cycles, "gc-wall-ms/cycle")
	}
}

// settle collects a few times, letting the cleanups after each cycle run.
func settle() {
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

type gcFigures struct {
	live, objects, scan uint64
	markCPU             float64 // seconds
}

// gcSample reads the runtime's figures as of the last collection.
func gcSample() gcFigures {
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/objects:objects"},
		{Name: "/gc/scan/heap:bytes"},
		{Name: "/cpu/classes/gc/mark/assist:cpu-seconds"},
		{Name: "/cpu/classes/gc/mark/dedicated:cpu-seconds"},
		{Name: "/cpu/classes/gc/mark/idle:cpu-seconds"},
	}
	metrics.Read(s)
	return gcFigures{live: s[0].Value.Uint64(), objects: s[1].Value.Uint64(), scan: s[2].Value.Uint64(),
		markCPU: s[3].Value.Float64() + s[4].Value.Float64() + s[5].Value.Float64()}
}
