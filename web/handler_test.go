package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	modzip "golang.org/x/mod/zip"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

// readVendorJSON reads vendor.json: URL name under /vendor/ -> path under
// node_modules.
func readVendorJSON(t *testing.T) map[string]string {
	t.Helper()
	var v struct{ Files map[string]string }
	b, err := os.ReadFile("vendor.json")
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil || len(v.Files) == 0 {
		t.Fatalf("vendor.json: %v (%d files)", err, len(v.Files))
	}
	return v.Files
}

// TestHandlerServesPageAndVendorFiles runs the handler from an empty
// working directory, as an installed binary does: everything comes from the
// binary.
func TestHandlerServesPageAndVendorFiles(t *testing.T) {
	names := slices.Sorted(maps.Keys(readVendorJSON(t)))
	t.Chdir(t.TempDir())
	h, err := Handler(Options{GraphQL: "/api/graphql"})
	if err != nil {
		t.Fatal(err)
	}
	code, body := get(t, h, "/")
	if code != 200 || !strings.Contains(body, `data-graphql="/api/graphql"`) || !strings.Contains(body, "/vendor/cytoscape.min.js") {
		t.Errorf("GET / = %d, body without the GraphQL path or the Cytoscape script:\n%.400s", code, body)
	}
	for _, path := range []string{"/static/app.js", "/static/marks.js", "/static/style.css", "/static/layout-worker.js"} {
		if code, _ := get(t, h, path); code != 200 {
			t.Errorf("GET %s = %d, want 200", path, code)
		}
	}
	for _, name := range names {
		want, err := fs.ReadFile(thirdPartyFS, "third_party/"+name)
		if err != nil || len(want) == 0 {
			t.Errorf("third_party/%s is not embedded or empty (%d bytes, %v); run go generate ./web", name, len(want), err)
			continue
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/vendor/"+name, nil))
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("GET /vendor/%s = %d with %d bytes, want 200 with the embedded %d bytes", name, rec.Code, rec.Body.Len(), len(want))
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
			t.Errorf("GET /vendor/%s: Content-Type %q, want text/javascript; charset=utf-8", name, ct)
		}
		etag := rec.Header().Get("ETag")
		req := httptest.NewRequest("GET", "/vendor/"+name, nil)
		req.Header.Set("If-None-Match", etag)
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if etag == "" || rec.Code != http.StatusNotModified {
			t.Errorf("GET /vendor/%s with If-None-Match %q = %d, want 304", name, etag, rec.Code)
		}
	}
	// Only the listed files: not the manifest, the licences, nor files around them.
	for _, path := range []string{"/vendor/manifest.json", "/vendor/licenses/cytoscape/LICENSE", "/vendor/package.json",
		"/vendor/cytoscape/package.json", "/vendor/../package.json", "/static/../handler.go", "/nothing"} {
		if code, _ := get(t, h, path); code != 404 {
			t.Errorf("GET %s = %d, want 404", path, code)
		}
	}
}

// TestVendorFilesAreVendorJSONs checks that third_party holds exactly the
// files vendor.json names, the manifest and the licences: go generate ./web
// was run after the last change to vendor.json.
func TestVendorFilesAreVendorJSONs(t *testing.T) {
	files := readVendorJSON(t)
	want := map[string]bool{"third_party/manifest.json": true}
	for name, from := range files {
		f, ok := vendorManifest.Files[name]
		if !ok || f.From != from {
			t.Errorf("vendor.json names %s (%s), the manifest has %+v: run go generate ./web", name, from, f)
		}
		want["third_party/"+name] = true
	}
	for name := range vendorManifest.Files {
		if _, ok := files[name]; !ok {
			t.Errorf("the manifest lists %s, which vendor.json does not: run go generate ./web", name)
		}
	}
	for _, p := range vendorManifest.Packages {
		want["third_party/"+p.LicenseFile] = true
	}
	fs.WalkDir(thirdPartyFS, "third_party", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() && !want[p] {
			t.Errorf("%s is embedded but is neither a listed file, a licence nor the manifest: run go generate ./web", p)
		}
		return nil
	})
}

// TestVendorFilesMatchLockFile checks the embedded files against
// package-lock.json: each package's version and integrity, each file's
// SHA-256 as the generator recorded it, and the version a build carries
// inside it (Cytoscape's cytoscape.version).
func TestVendorFilesMatchLockFile(t *testing.T) {
	var lock struct {
		Packages map[string]struct{ Version, Integrity, License string }
	}
	b, err := os.ReadFile("package-lock.json")
	if err == nil {
		err = json.Unmarshal(b, &lock)
	}
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range vendorManifest.Packages {
		l, ok := lock.Packages["node_modules/"+name]
		if !ok {
			t.Errorf("third_party holds %s, which package-lock.json does not", name)
			continue
		}
		if p.Version != l.Version || p.Integrity != l.Integrity {
			t.Errorf("third_party holds %s %s (%s), package-lock.json says %s (%s): run go generate ./web", name, p.Version, p.Integrity, l.Version, l.Integrity)
		}
	}
	versionIn := regexp.MustCompile(`\.version\s*=\s*["']([0-9][^"']*)["']`)
	for name, f := range vendorManifest.Files {
		b, err := fs.ReadFile(thirdPartyFS, "third_party/"+name)
		if err != nil {
			t.Error(err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 || len(b) != f.Size {
			t.Errorf("third_party/%s: %d bytes, SHA-256 %s; the manifest says %d bytes, %s: edited by hand? run go generate ./web", name, len(b), got, f.Size, f.SHA256)
		}
		if _, ok := vendorManifest.Packages[f.Package]; !ok {
			t.Errorf("third_party/%s: package %q not in the manifest", name, f.Package)
			continue
		}
		if !strings.HasPrefix(f.From, f.Package+"/") {
			t.Errorf("third_party/%s comes from %s, not from package %s", name, f.From, f.Package)
		}
		m := versionIn.FindSubmatch(b)
		switch {
		case m != nil && string(m[1]) != lock.Packages["node_modules/"+f.Package].Version:
			t.Errorf("third_party/%s says version %s, package-lock.json has %s %s", name, m[1], f.Package, lock.Packages["node_modules/"+f.Package].Version)
		case m == nil && f.Package == "cytoscape":
			t.Errorf("third_party/%s carries no version (cytoscape.version = \"…\"), which this test reads", name)
		}
	}
}

// TestLicencePerPackage checks that a licence is committed for each npm
// package the page loads files from.
func TestLicencePerPackage(t *testing.T) {
	want := map[string]bool{}
	for _, from := range readVendorJSON(t) {
		pkg, _, _ := strings.Cut(from, "/")
		if strings.HasPrefix(from, "@") {
			parts := strings.SplitN(from, "/", 3)
			pkg = parts[0] + "/" + parts[1]
		}
		want[pkg] = true
	}
	if got := slices.Sorted(maps.Keys(vendorManifest.Packages)); !slices.Equal(got, slices.Sorted(maps.Keys(want))) {
		t.Errorf("the manifest has packages %q, vendor.json's files come from %q", got, slices.Sorted(maps.Keys(want)))
	}
	for pkg := range want {
		p := vendorManifest.Packages[pkg]
		if p.LicenseFile == "" || path.Dir(p.LicenseFile) != "licenses/"+pkg {
			t.Errorf("%s: licence file %q, want one under licenses/%s/", pkg, p.LicenseFile, pkg)
			continue
		}
		b, err := fs.ReadFile(thirdPartyFS, "third_party/"+p.LicenseFile)
		if err != nil || len(bytes.TrimSpace(b)) == 0 {
			t.Errorf("%s: licence third_party/%s missing or empty: %v", pkg, p.LicenseFile, err)
			continue
		}
		if p.License == "MIT" && !bytes.Contains(b, []byte("Permission is hereby granted")) {
			t.Errorf("%s: the lock file says MIT, but third_party/%s is not the MIT licence:\n%.300s", pkg, p.LicenseFile, b)
		}
	}
}

// TestModuleZipKeepsEmbeddedFiles checks that the go command puts every
// embedded file in the module zip, so that `go install …@version` builds a
// binary with them (a folder named vendor, for one, loses its subfolders).
func TestModuleZipKeepsEmbeddedFiles(t *testing.T) {
	var files []modzip.File
	gomod, err := filepath.Abs("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, diskFile{"go.mod", gomod})
	var embedded []string
	for _, root := range []fs.FS{thirdPartyFS, staticFS} {
		fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				embedded = append(embedded, p)
				files = append(files, diskFile{"web/" + p, p})
			}
			return err
		})
	}
	if len(embedded) < len(vendorManifest.Files) {
		t.Fatalf("only %d files embedded", len(embedded))
	}
	cf, err := modzip.CheckFiles(files)
	if err != nil || len(cf.Omitted) > 0 {
		t.Errorf("the module zip would leave out or reject embedded files: %v; omitted: %v", err, cf.Omitted)
	}
}

// diskFile is a modzip.File: a file on disk under its path in the module.
type diskFile struct{ path, disk string }

func (f diskFile) Path() string                 { return f.path }
func (f diskFile) Lstat() (os.FileInfo, error)  { return os.Lstat(f.disk) }
func (f diskFile) Open() (io.ReadCloser, error) { return os.Open(f.disk) }

func TestHandlerLive(t *testing.T) {
	if _, err := Handler(Options{Live: true}); err == nil {
		t.Error("Handler with Live and no Dir returned no error")
	}
	dir := t.TempDir()
	static := filepath.Join(dir, "static")
	if err := os.Mkdir(static, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(static, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", `<body data-graphql="{{GRAPHQL}}">first`)
	write("app.js", "// first")
	h, err := Handler(Options{Live: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	write("index.html", `<body data-graphql="{{GRAPHQL}}">edited`)
	write("app.js", "// edited")
	if code, body := get(t, h, "/"); code != 200 || body != `<body data-graphql="/graphql">edited` {
		t.Errorf("GET / after an edit = %d %q, want the edited page", code, body)
	}
	if code, body := get(t, h, "/static/app.js"); code != 200 || body != "// edited" {
		t.Errorf("GET /static/app.js after an edit = %d %q, want the edited file", code, body)
	}
	if code, _ := get(t, h, "/vendor/cytoscape.min.js"); code != 200 {
		t.Errorf("GET /vendor/cytoscape.min.js in live mode = %d, want 200 (embedded)", code)
	}
}

// TestPageLoadsVendorFiles checks that index.html loads every vendor file
// from /vendor/, and only files the manifest lists.
func TestPageLoadsVendorFiles(t *testing.T) {
	b, err := fs.ReadFile(staticFS, "static/index.html")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`<script src="([^"]*)"`).FindAllSubmatch(b, -1) {
		name, ok := strings.CutPrefix(string(m[1]), "/vendor/")
		if !ok {
			continue
		}
		if _, ok := vendorManifest.Files[name]; !ok {
			t.Errorf("index.html loads /vendor/%s, which third_party does not hold", name)
		}
		names = append(names, name)
	}
	if len(names) != len(vendorManifest.Files) {
		t.Errorf("index.html loads %q from /vendor/, want all %d vendor files", names, len(vendorManifest.Files))
	}
}

// TestLayoutWorkerLoadsVendorFiles checks that the layout worker loads
// Cytoscape and fCoSE from /vendor/ (files the handler serves), never from
// elsewhere: the page must work offline.
func TestLayoutWorkerLoadsVendorFiles(t *testing.T) {
	b, err := fs.ReadFile(staticFS, "static/layout-worker.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`importScripts\(([^)]*)\)`).FindSubmatch(b)
	if m == nil {
		t.Fatal("static/layout-worker.js has no importScripts call")
	}
	urls := regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(m[1], -1)
	var names []string
	for _, u := range urls {
		name, ok := strings.CutPrefix(string(u[1]), "../vendor/")
		if !ok {
			t.Errorf("the layout worker loads %s, want a file under ../vendor/ (relative to /static/)", u[1])
			continue
		}
		if _, ok := vendorManifest.Files[name]; !ok {
			t.Errorf("the layout worker loads /vendor/%s, which third_party does not hold", name)
		}
		names = append(names, name)
	}
	if len(names) != len(vendorManifest.Files) {
		t.Errorf("the layout worker loads %q, want all %d vendor files", names, len(vendorManifest.Files))
	}
}
