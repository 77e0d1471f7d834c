package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFindHonoursEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("RESGRAPH_CORPUS", dir)
	if got, why := Find(); got != dir {
		t.Fatalf("Find() = %q (%s), want %q", got, why, dir)
	}
	missing := filepath.Join(dir, "missing")
	t.Setenv("RESGRAPH_CORPUS", missing)
	if got, why := Find(); got != "" || why == "" {
		t.Fatalf("Find() with a missing RESGRAPH_CORPUS = %q, %q; want \"\" and a reason", got, why)
	}
}

func TestFindWalksUp(t *testing.T) {
	t.Setenv("RESGRAPH_CORPUS", "")
	root := t.TempDir()
	corpus := filepath.Join(root, "shared", "corpus")
	deep := filepath.Join(root, "repo", "pkg", "sub")
	for _, d := range []string{corpus, deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(deep)
	if got, why := Find(); got != corpus {
		t.Fatalf("Find() from %s = %q (%s), want %q", deep, got, why, corpus)
	}
}
