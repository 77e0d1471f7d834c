// Package cputime reads the CPU time the process has used, for benchmarks
// that report it beside wall time: on a shared machine wall time grows with
// other people's work, CPU time does not.
package cputime

import "time"

// Process returns the user plus system CPU time of this process, and false
// where the platform does not say (then the duration is 0).
func Process() (time.Duration, bool) { return process() }
