package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeWeb writes a web folder and a node_modules with one scoped and one
// plain package, and returns their paths.
func fakeWeb(t *testing.T, lockVersion string) (web, nodeModules string) {
	t.Helper()
	root := t.TempDir()
	web, nodeModules = filepath.Join(root, "web"), filepath.Join(root, "node_modules")
	files := map[string]string{
		"web/vendor.json":                `{"files": {"a.min.js": "a/dist/a.min.js", "b.js": "@s/b/b.js"}}`,
		"web/package-lock.json":          `{"packages": {"node_modules/a": {"version": "` + lockVersion + `", "integrity": "sha512-A", "license": "MIT"}, "node_modules/@s/b": {"version": "2.0.0", "integrity": "sha512-B", "license": "ISC"}}}`,
		"node_modules/a/package.json":    `{"name": "a", "version": "1.0.0"}`,
		"node_modules/a/dist/a.min.js":   "var a=1;",
		"node_modules/a/LICENSE":         "MIT License",
		"node_modules/a/README.md":       "not copied",
		"node_modules/@s/b/package.json": `{"name": "@s/b", "version": "2.0.0"}`,
		"node_modules/@s/b/b.js":         "var b=2;",
		"node_modules/@s/b/license.md":   "ISC License",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web, nodeModules
}

func TestGenerate(t *testing.T) {
	web, nm := fakeWeb(t, "1.0.0")
	out := filepath.Join(web, outDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "stale.js"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := generate(web, nm, out); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a.min.js":                 "var a=1;",
		"b.js":                     "var b=2;",
		"licenses/a/LICENSE":       "MIT License",
		"licenses/@s/b/license.md": "ISC License",
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "stale.js")); err == nil {
		t.Error("stale.js survived the refresh")
	}
	var m manifest
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Packages["@s/b"]; p.Version != "2.0.0" || p.Integrity != "sha512-B" || p.License != "ISC" || p.LicenseIn != "licenses/@s/b/license.md" {
		t.Errorf("manifest: @s/b = %+v", p)
	}
	if f := m.Files["a.min.js"]; f.Package != "a" || f.From != "a/dist/a.min.js" || f.Size != 8 || len(f.SHA256) != 64 {
		t.Errorf("manifest: a.min.js = %+v", f)
	}
	again, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := generate(web, nm, out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "manifest.json")); string(b) != string(again) {
		t.Error("a second run wrote a different manifest")
	}
}

func TestGenerateRefusesAnotherVersion(t *testing.T) {
	web, nm := fakeWeb(t, "1.0.1")
	out := filepath.Join(web, outDir)
	err := generate(web, nm, out)
	if err == nil || !strings.Contains(err.Error(), "package-lock.json says 1.0.1") {
		t.Fatalf("generate with node_modules at 1.0.0 and the lock at 1.0.1: %v, want an error naming both", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed run left an output folder")
	}
}

func TestGenerateNeedsALicence(t *testing.T) {
	web, nm := fakeWeb(t, "1.0.0")
	if err := os.Remove(filepath.Join(nm, "a", "LICENSE")); err != nil {
		t.Fatal(err)
	}
	if err := generate(web, nm, filepath.Join(web, outDir)); err == nil || !strings.Contains(err.Error(), "no licence") {
		t.Fatalf("generate without a licence: %v, want an error", err)
	}
}
