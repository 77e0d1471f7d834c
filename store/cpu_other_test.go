//go:build !unix

package store_test

// cpuSeconds is 0 where getrusage is missing (Windows): the benchmarks'
// s-cpu figures then read 0 and only the wall times count.
func cpuSeconds() float64 { return 0 }
