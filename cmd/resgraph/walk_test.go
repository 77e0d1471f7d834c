package main

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// Directory walks follow symbolic links, to directories too ("load DIR"
// used to fail with "read DIR/Pre-2020: is a directory" on a linked
// folder), and read a directory reached twice once: a link loop ends, and
// two links to one folder do not load its files twice.
func TestExpandPathsFollowsLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root, outside := t.TempDir(), t.TempDir()
	write := func(p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "a", "x.xml"))
	write(filepath.Join(root, ".hidden", "h.xml"))
	write(filepath.Join(root, "notes.md"))
	write(filepath.Join(outside, "y.txt"))
	if err := os.MkdirAll(filepath.Join(root, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("..", filepath.Join(root, "b", "loop"))             // a loop back to root
	link(outside, filepath.Join(root, "c"))                  // a folder elsewhere
	link(filepath.Join(root, "a"), filepath.Join(root, "d")) // a second way into a/
	link("nowhere.xml", filepath.Join(root, "broken.xml"))   // kept: reading it reports it

	got, err := expandPaths([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range got {
		got[i] = strings.TrimPrefix(p, root+string(filepath.Separator))
	}
	want := []string{filepath.Join("a", "x.xml"), "broken.xml", filepath.Join("c", "y.txt")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("expandPaths = %q, want %q", got, want)
	}

	// load through a linked folder.
	seedDir := t.TempDir()
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(seedDir, "S_2012_946.txt"))
	if err := os.WriteFile(filepath.Join(seedDir, "S_2012_946.txt"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	top := t.TempDir()
	link(seedDir, filepath.Join(top, "Pre-2020"))
	_, stderr, err := runT(t, "load", "-db", filepath.Join(t.TempDir(), "g.db"), top)
	if err != nil || !strings.Contains(stderr, "1 documents written, 0 failed") {
		t.Errorf("load through a linked folder: %v\n%s", err, stderr)
	}
}
