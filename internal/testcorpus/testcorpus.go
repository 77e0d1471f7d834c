// Package testcorpus finds the shared document corpus for tests and
// benchmarks. The corpus is read in place, never copied into the
// repository: it is ../shared/corpus beside the checkout (found by walking
// up from the working directory, so it works from any package), or the
// directory RESGRAPH_CORPUS names. Tests that need it skip with a message
// saying where it was looked for; CI always has it.
package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Find returns the corpus root (holding unxml-sc/ and cr-unsc/), or "" and
// why it was not found.
func Find() (string, string) {
	if dir := os.Getenv("RESGRAPH_CORPUS"); dir != "" {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir, ""
		}
		return "", fmt.Sprintf("RESGRAPH_CORPUS=%s is not a directory", dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err.Error()
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand, ""
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return "", fmt.Sprintf("no shared/corpus in %s or any parent directory (expected ../shared/corpus beside the repository; or set RESGRAPH_CORPUS)", wd)
}

// Dir returns the corpus root, or skips tb.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, why := Find()
	if dir == "" {
		tb.Skipf("shared corpus not found: %s", why)
	}
	return dir
}

// AKN returns the Akoma Ntoso part of the corpus (unxml-sc), or skips tb.
func AKN(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(Dir(tb), "unxml-sc")
}
