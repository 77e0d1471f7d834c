package loader

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir returns the shared corpus directory (shared/corpus), found by
// walking up from the package directory (the repository sits beside
// shared/: ../shared/corpus from the module root), or named by the
// RESGRAPH_CORPUS environment variable. It skips the test, with a message
// saying where it looked, when the corpus is absent (a clone outside the
// project's setup). CI always has it.
func corpusDir(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv("RESGRAPH_CORPUS"); dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir
		}
		t.Skipf("shared corpus not found: RESGRAPH_CORPUS=%s is not a directory", dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatalf("corpusDir: %v", err)
	}
	for dir := wd; ; {
		cand := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	t.Skipf("shared corpus not found: no shared/corpus in %s or any parent directory (expected ../shared/corpus beside the repository; or set RESGRAPH_CORPUS)", wd)
	return ""
}
