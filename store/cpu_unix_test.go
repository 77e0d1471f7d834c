//go:build unix

package store_test

import "syscall"

// cpuSeconds is the CPU time this process has used (user + system). On
// the shared CI machine wall time is inflated by other jobs; CPU time is not.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
