package loader

import (
	"testing"

	"github.com/resgraph/resgraph/internal/testcorpus"
)

// corpusDir returns the shared corpus root (../shared/corpus, or
// RESGRAPH_CORPUS), or skips the test saying where it looked.
func corpusDir(t testing.TB) string { return testcorpus.Dir(t) }
