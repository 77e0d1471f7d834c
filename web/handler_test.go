package web

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

// webDir returns this checkout's web folder, skipping when its
// node_modules is not installed (CI runs npm ci first).
func webDir(t *testing.T) string {
	t.Helper()
	dir, err := FindDir(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "cytoscape")); err != nil {
		t.Skipf("web/node_modules not installed (run npm ci in %s): %v", dir, err)
	}
	return dir
}

func TestFindDir(t *testing.T) {
	dir, err := FindDir(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "package-lock.json")); err != nil {
		t.Errorf("FindDir(.) = %s, which has no package-lock.json", dir)
	}
	again, err := FindDir(filepath.Join("static"))
	if err != nil || again != dir {
		t.Errorf("FindDir(static) = %s, %v; want %s", again, err, dir)
	}
}

func TestHandlerServesPageAndVendorFiles(t *testing.T) {
	h, err := Handler(context.Background(), Options{Dir: webDir(t), GraphQL: "/api/graphql"})
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
	code, body = get(t, h, "/vendor/cytoscape.min.js")
	if code != 200 || !strings.Contains(body, "cytoscape") {
		t.Errorf("GET /vendor/cytoscape.min.js = %d (%d bytes)", code, len(body))
	}
	for name := range vendorFiles {
		if code, _ := get(t, h, "/vendor/"+name); code != 200 {
			t.Errorf("GET /vendor/%s = %d, want 200", name, code)
		}
	}
	// Only the listed files: not the rest of node_modules, nor files around it.
	for _, path := range []string{"/vendor/package.json", "/vendor/cytoscape/package.json", "/vendor/../package.json", "/static/../handler.go", "/nothing"} {
		if code, _ := get(t, h, path); code != 404 {
			t.Errorf("GET %s = %d, want 404", path, code)
		}
	}
}

func TestHandlerWithoutNodeModulesSaysWhatToRun(t *testing.T) {
	dir := t.TempDir()
	h, err := Handler(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	code, body := get(t, h, "/")
	if want := "cd " + dir + " &amp;&amp; npm ci"; code != 503 || !strings.Contains(body, want) {
		t.Errorf("GET / without node_modules = %d, want 503 with %q:\n%s", code, want, body)
	}
	if code, _ := get(t, h, "/vendor/cytoscape.min.js"); code != 503 {
		t.Errorf("GET /vendor/cytoscape.min.js without node_modules = %d, want 503", code)
	}
	if h.Ready() {
		t.Error("Ready() = true without node_modules")
	}
	if err := h.WaitReady(context.Background()); err == nil {
		t.Error("WaitReady without node_modules and without Install returned nil")
	}
}

// TestHandlerInstallsWithNpmCI copies package.json and package-lock.json to
// an empty folder and lets the handler run `npm ci` there, as on a fresh
// clone.
func TestHandlerInstallsWithNpmCI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs npm ci")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm not on PATH")
	}
	src, err := FindDir(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"package.json", "package-lock.json"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	h, err := Handler(ctx, Options{Dir: dir, Install: true})
	if err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, h, "/"); code != 503 || !strings.Contains(body, "Installing") {
		t.Errorf("GET / while installing = %d, want 503 saying it is installing:\n%s", code, body)
	}
	if err := h.WaitReady(ctx); err != nil {
		t.Fatalf("npm ci: %v", err)
	}
	if code, _ := get(t, h, "/"); code != 200 {
		t.Errorf("GET / after npm ci = %d, want 200", code)
	}
	if code, _ := get(t, h, "/vendor/cytoscape-fcose.js"); code != 200 {
		t.Errorf("GET /vendor/cytoscape-fcose.js after npm ci = %d, want 200", code)
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
		if _, ok := vendorFiles[name]; !ok {
			t.Errorf("the layout worker loads /vendor/%s, which vendor.json does not list", name)
		}
		names = append(names, name)
	}
	if len(names) != len(vendorFiles) {
		t.Errorf("the layout worker loads %q, want all of vendor.json's %d files", names, len(vendorFiles))
	}
}
