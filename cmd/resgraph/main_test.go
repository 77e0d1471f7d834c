package main

import (
	"os"
	"testing"
)

// TestMain lets this test binary stand in for resgraph itself: as the crash
// suite's helper (crash_test.go) or as an export benchmark's child
// (export_bench_test.go); otherwise it runs the tests.
func TestMain(m *testing.M) {
	crashHelperMain()
	childMain()
	os.Exit(m.Run())
}
