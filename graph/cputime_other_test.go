//go:build !unix

package graph_test

import "time"

// processCPU is not available here: BenchmarkCorpus leaves out cpu-ms/op.
func processCPU() (time.Duration, bool) { return 0, false }
