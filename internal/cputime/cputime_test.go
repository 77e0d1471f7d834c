package cputime

import (
	"runtime"
	"testing"
)

func TestProcessGrows(t *testing.T) {
	before, ok := Process()
	if !ok {
		t.Skipf("no process CPU time on %s", runtime.GOOS)
	}
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i % 7
	}
	after, _ := Process()
	if after <= before {
		t.Fatalf("CPU time did not grow after a busy loop (%v -> %v, %d)", before, after, x)
	}
}
