package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/resgraph/resgraph"
)

// fixture is export/testdata/fixture.json: two hand-made documents shaped
// like the extractor's output (the seed's directives from the gold file, and
// a small resolution citing it and itself) and a registry excerpt.
type fixture struct {
	Documents []*resgraph.Document `json:"documents"`
	Actors    []resgraph.Actor     `json:"actors"`
}

func loadFixture(t testing.TB) fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("testdata/fixture.json: %v", err)
	}
	return f
}

func build(t testing.TB, view View, f fixture, opt Options) *Graph {
	t.Helper()
	g, err := Build(view, f.Documents, f.Actors, opt)
	if err != nil {
		t.Fatalf("Build(%s): %v", view, err)
	}
	return g
}

func write(t testing.TB, g *Graph, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, g, f); err != nil {
		t.Fatalf("Write(%s, %s): %v", g.View, f, err)
	}
	return buf.Bytes()
}

// python returns Debian's python3 when it has networkx, or skips.
func python(t testing.TB) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import networkx").Run(); err != nil {
		t.Skipf("%s cannot import networkx (%v): apt-get install -y python3-networkx", py, err)
	}
	return py
}

// sharedDir returns shared/NAME (corpus, gold) found by walking up from the
// package directory, or skips the test saying where it looked.
func sharedDir(t testing.TB, name string) string {
	t.Helper()
	if name == "corpus" {
		if d := os.Getenv("RESGRAPH_CORPUS"); d != "" {
			if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
				t.Skipf("RESGRAPH_CORPUS=%s is not a directory (%v): the corpus tests skip", d, err)
			}
			return d
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", name)
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skipf("shared/%s not found in %s or any parent directory (expected ../shared/%s beside the repository)", name, wd, name)
	return ""
}

// repoRoot returns the module root (the directory holding go.mod).
func repoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("no go.mod above %s", wd)
		}
	}
}
