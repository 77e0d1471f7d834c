package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/store"
)

// Bad input gets one line each, naming the file and a line:column, and
// changes nothing stored; files of other kinds in a folder (notes, data,
// hidden folders) are skipped, not failed (docs/reliability.md).
func TestLoadRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "g.db")
	if _, stderr, err := runT(t, "load", "-db", db, seed); err != nil {
		t.Fatalf("loading the seed: %v\n%s", err, stderr)
	}
	before := storeDump(t, db)

	seedText, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(seedText, []byte("Decides"))
	binary := make([]byte, 4096)
	for j := range binary {
		binary[j] = byte(j * 7)
	}
	bad := map[string][]byte{
		"empty.xml":        nil,
		"binary.txt":       binary,
		"truncated.xml":    []byte(`<?xml version="1.0" encoding="UTF-8"?><akomaNtoso><statement name="resolution"><meta><identification source="#un">`),
		"invalid-utf8.txt": append(append(append([]byte{}, seedText[:i]...), 0xff, 0xfe), seedText[i:]...),
		"not-council.txt":  []byte("Minutes of the cooking club\n\nWe made soup, and it was good.\n"),
		"not-akn.xml":      []byte(`<?xml version="1.0"?><html><body><p>Decides to remain seized of the matter.</p></body></html>`),
	}
	for name, b := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 200 MB, sparse: refused after reading the size limit, not held whole.
	huge := filepath.Join(dir, "huge.xml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bad["huge.xml"] = nil
	// Mixed folder: these are skipped.
	for name, text := range map[string]string{"README.md": "# notes", "data.json": "{}", "table.csv": "a,b", ".hidden/x.xml": "<x/>"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	_, stderr, err := runT(t, "load", "-db", db, dir)
	if err == nil {
		t.Fatalf("a load of bad files succeeded:\n%s", stderr)
	}
	line := regexp.MustCompile(`^(.+?):(\d+):(\d+): \S`)
	reported := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if strings.HasPrefix(l, "time=") || strings.HasPrefix(l, "load: ") {
			continue
		}
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line without file:line:column: %q", l)
			continue
		}
		reported[filepath.Base(m[1])]++
	}
	for name := range bad {
		if reported[name] != 1 {
			t.Errorf("%s reported on %d lines, want 1; stderr:\n%s", name, reported[name], stderr)
		}
	}
	if len(reported) != len(bad) {
		t.Errorf("reported %v, want exactly the %d bad files", reported, len(bad))
	}
	if !strings.Contains(stderr, "0 documents written, 7 failed") {
		t.Errorf("summary should count 7 failures:\n%s", stderr)
	}
	if after := storeDump(t, db); after != before {
		t.Errorf("bad input changed the store")
	}
}

// storeDump is the store's N-Quads and generation.
func storeDump(t *testing.T, db string) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if _, err := st.WriteNQuads(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	gen, err := st.Generation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%sgeneration %d", buf.String(), gen)
}
