package export

import (
	"io"
	"testing"
	"time"

	"github.com/resgraph/resgraph/internal/cputime"
)

// cpuTime is the CPU time (user + system) this process has used: on a
// shared machine it tells the export's cost apart from waiting for a core.
func cpuTime() time.Duration {
	d, _ := cputime.Process() // 0 where the platform does not say
	return d
}

// BenchmarkExport times one export of the whole corpus: Build, Measure and
// Write, per view and format. Reading and extracting the corpus (loader) is
// setup and not timed. cpu-ms/op is the process's CPU time per export
// (GC included), steadier than ns/op when other jobs share the cores.
// Run: go test -bench Export -benchtime 3x -run '^$' ./export
func BenchmarkExport(b *testing.B) {
	docs, actors := corpus(b)
	for _, v := range Views {
		for _, f := range Formats {
			b.Run(string(v)+"/"+string(f), func(b *testing.B) {
				var nodes, edges int
				cpu0 := cpuTime()
				for i := 0; i < b.N; i++ {
					g, err := Build(v, docs, actors, Options{})
					if err != nil {
						b.Fatal(err)
					}
					Measure(g, MeasureOptions{})
					if err := Write(io.Discard, g, f); err != nil {
						b.Fatal(err)
					}
					nodes, edges = len(g.Nodes), len(g.Edges)
				}
				b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
				b.ReportMetric(float64(nodes), "nodes")
				b.ReportMetric(float64(edges), "edges")
			})
		}
	}
}

// BenchmarkMeasure times the measures alone on the full view of the corpus.
func BenchmarkMeasure(b *testing.B) {
	docs, actors := corpus(b)
	g, err := Build(ViewFull, docs, actors, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Measure(g, MeasureOptions{})
	}
}
