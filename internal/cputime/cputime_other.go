//go:build !unix

package cputime

import "time"

// process has no portable source outside Unix (getrusage).
func process() (time.Duration, bool) { return 0, false }
