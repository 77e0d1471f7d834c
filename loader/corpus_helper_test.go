package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns the shared corpus directory (shared/corpus), found by
// walking up from the package directory. It skips the test, with a message
// saying where it looked, when the corpus is absent (a clone outside the
// project's setup). CI always has it.
func corpusDir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("corpusDir: %v", err)
	}
	for dir := wd; ; {
		cand := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		// The repository sits beside shared/ (../shared/corpus from the module root).
		cand = filepath.Join(filepath.Dir(dir), "shared", "corpus")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	t.Skipf("shared corpus not found: no shared/corpus in %s or any parent directory (expected ../shared/corpus beside the repository)", wd)
	return ""
}
