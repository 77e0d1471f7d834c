package graph_test

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resgraph/resgraph/internal/cputime"
)

// The load runner of BenchmarkCorpus. What it measures, exactly:
//
//   - clients (50) goroutines each send loadWarm requests first (opening
//     their keep-alive connections, filling caches), then wait until all
//     are warm; a GC runs; then every client sends its measured requests,
//     max(-perclient, ceil(b.N/clients)) of them, back to back, each
//     waiting for its answer (rows calling in the process also yield the
//     processor after each; see caller). Only these are timed and
//     counted.
//   - p50-ms, p99-ms, p99.9-ms: quantiles of the measured requests'
//     latencies (time from sending to having read the whole answer).
//     handler-p99-ms (http rows): the p99 of the server's own time, from
//     net/http's call of the handler to its return (bench_test.go, timed);
//     the rest of a request's latency is waiting: for a CPU, for the
//     network poller, for the client to read.
//   - ns/op: wall time of the measured phase per request (the inverse of
//     throughput); cpu-ms/op: CPU time of the whole process (user+system,
//     client and server together) per request; gc-cpu-ms/op: the part of
//     it the garbage collector took from requests (assists, dedicated
//     workers and pauses; not idle-time marking), as runtime/metrics
//     estimates it; gc-cycles and gc-pause-ms: GC cycles completed and
//     total stop-the-world pause during the phase.
//   - heap-KB/op, heap-objs/op: heap allocated per request (client and
//     server together).
//   - heap-MB: live heap after a GC, with the snapshot loaded; peak-heap-MB:
//     the most heap (live and garbage not yet collected) seen during the
//     phase, sampled every 5 ms: what serving takes with these settings.
//   - load1: the machine's 1-minute load average at the end (other work
//     on the machine inflates latencies, not CPU per request).
var (
	perClient   = flag.Int("perclient", 1000, "measured requests per client in BenchmarkCorpus (at least)")
	loadProfile = flag.String("loadprofile", "", "directory to write a CPU profile of each BenchmarkCorpus row's measured phase to")
	memLimit    = flag.Int64("memlimit", 0, "BenchmarkCorpus: soft memory limit in MiB (debug.SetMemoryLimit), as resgraph serve -memory-limit sets it; 0 for none")
	gcPercent   = flag.Int("gogc", 0, "BenchmarkCorpus: GOGC (debug.SetGCPercent); 0 leaves it")
)

// gcSettings applies -memlimit and -gogc for a benchmark and returns a
// function that restores the previous settings.
func gcSettings(b *testing.B) func() {
	limit, pct := debug.SetMemoryLimit(-1), -2
	if *memLimit > 0 {
		debug.SetMemoryLimit(*memLimit << 20)
	}
	if *gcPercent != 0 {
		pct = debug.SetGCPercent(*gcPercent)
	}
	b.Logf("GC: memory limit %d MiB (0: none), GOGC %d (0: default)", *memLimit, *gcPercent)
	return func() {
		debug.SetMemoryLimit(limit)
		if pct != -2 {
			debug.SetGCPercent(pct)
		}
	}
}

const (
	clients  = 50
	loadWarm = 10 // requests per client before measuring
)

var gcMetrics = []string{
	"/cpu/classes/gc/mark/assist:cpu-seconds",
	"/cpu/classes/gc/mark/dedicated:cpu-seconds",
	"/cpu/classes/gc/pause:cpu-seconds",
	"/gc/cycles/total:gc-cycles",
	"/gc/heap/allocs:bytes",
	"/gc/heap/allocs:objects",
}

type runStats struct {
	cpu       time.Duration
	gcCPU     float64 // seconds
	cycles    uint64
	pause     uint64 // ns
	allocs    uint64 // bytes
	allocObjs uint64
}

func readRunStats() runStats {
	s := make([]metrics.Sample, len(gcMetrics))
	for i, n := range gcMetrics {
		s[i].Name = n
	}
	metrics.Read(s)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	cpu, _ := cputime.Process()
	return runStats{
		cpu:       cpu,
		gcCPU:     s[0].Value.Float64() + s[1].Value.Float64() + s[2].Value.Float64(),
		cycles:    s[3].Value.Uint64(),
		pause:     ms.PauseTotalNs,
		allocs:    s[4].Value.Uint64(),
		allocObjs: s[5].Value.Uint64(),
	}
}

// loadAverage returns the 1-minute load average, or -1 where there is no
// /proc/loadavg.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f, err := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	if err != nil {
		return -1
	}
	return f
}

// peakHeap samples the heap until stop is closed and returns the most seen.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// How a row's fn reaches what it measures: over the network, where a
// client blocks until its answer comes, or by calling it in the process,
// where it never blocks and yields the processor after each call instead.
// An HTTP client sends its next request as soon as it has read an answer,
// like wrk: yielding there too would be a trip through the scheduler's
// global queue, about 0.2 ms, between requests, which no real client
// takes. It left 46 of the 50 requests in flight on average, and yet
// lengthened the tail (likely because the scheduler takes goroutines from
// that queue in batches, so the next requests came in bursts): in three
// interleaved pairs of runs (2026-11-27, 05:04 UTC) the p99 of the three
// questions was 9.0-10.8, 9.0-9.6 and 14.4-19.9 ms with the yield,
// 6.7-8.3, 6.7-8.4 and 13.7-19.6 ms without.
type caller int

const (
	overNetwork caller = iota
	inProcess
)

// runLoad sends fn from the concurrent clients as described above and
// reports the figures.
func runLoad(b *testing.B, calls caller, fn func(client int) error) {
	per := max(*perClient, (b.N+clients-1)/clients)
	total := clients * per
	var failed atomic.Bool
	fail := func(err error) {
		if failed.CompareAndSwap(false, true) {
			b.Error(err)
		}
	}
	var warm, done sync.WaitGroup
	start := make(chan struct{})
	lat := make([][]time.Duration, clients)
	warm.Add(clients)
	done.Add(clients)
	for c := range clients {
		go func() {
			defer done.Done()
			for range loadWarm {
				if err := fn(c); err != nil {
					fail(err)
				}
			}
			warm.Done()
			<-start
			d := make([]time.Duration, 0, per)
			for range per {
				t := time.Now()
				if err := fn(c); err != nil {
					fail(err)
				}
				d = append(d, time.Since(t))
				if calls == inProcess {
					// A caller that never blocks would run until
					// preempted, holding a core for 10 ms, and the
					// latencies would measure the scheduler's time
					// slice, not the read model.
					runtime.Gosched()
				}
			}
			lat[c] = d
		}()
	}
	warm.Wait()
	runtime.GC()
	if *loadProfile != "" {
		f, err := os.Create(fmt.Sprintf("%s/%s.cpu", *loadProfile, strings.NewReplacer("/", "_").Replace(b.Name())))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
	}
	stop := make(chan struct{})
	peak := peakHeap(stop)
	before := readRunStats()
	b.ResetTimer()
	handlerTimes.start()
	t0 := time.Now()
	close(start)
	done.Wait()
	wall := time.Since(t0)
	b.StopTimer()
	served := handlerTimes.stop()
	after := readRunStats()
	close(stop)
	if *loadProfile != "" {
		pprof.StopCPUProfile()
	}
	if failed.Load() {
		return
	}

	all := slices.Concat(lat...)
	slices.Sort(all)
	q := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	n := float64(total)
	b.ReportMetric(float64(wall.Nanoseconds())/n, "ns/op")
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(q(0.999), "p99.9-ms")
	if len(served) > 0 {
		slices.Sort(served)
		b.ReportMetric(float64(served[int(0.99*float64(len(served)-1))].Microseconds())/1000, "handler-p99-ms")
	}
	if after.cpu > 0 {
		b.ReportMetric(float64((after.cpu-before.cpu).Microseconds())/1000/n, "cpu-ms/op")
	}
	b.ReportMetric((after.gcCPU-before.gcCPU)*1000/n, "gc-cpu-ms/op")
	b.ReportMetric(float64(after.cycles-before.cycles), "gc-cycles")
	b.ReportMetric(float64(after.pause-before.pause)/1e6, "gc-pause-ms")
	b.ReportMetric(float64(after.allocs-before.allocs)/1024/n, "heap-KB/op")
	b.ReportMetric(float64(after.allocObjs-before.allocObjs)/n, "heap-objs/op")
	b.ReportMetric(corpus.heap, "heap-MB")
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MB")
	if la := loadAverage(); la >= 0 {
		b.ReportMetric(la, "load1")
	}
}
