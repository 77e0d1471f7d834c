package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

//go:embed static
var staticFS embed.FS

//go:embed vendor.json
var vendorJSON []byte

// vendorFiles maps the URL names under /vendor/ to files under node_modules
// (vendor.json). Only these are served: node_modules is never exposed as a
// whole.
var vendorFiles = func() map[string]string {
	var v struct{ Files map[string]string }
	if err := json.Unmarshal(vendorJSON, &v); err != nil || len(v.Files) == 0 {
		panic(fmt.Sprintf("web: vendor.json embedded in the binary is invalid: %v", err)) // a build defect, caught by the package's tests
	}
	return v.Files
}()

// Options configures Handler.
type Options struct {
	// Dir is the web/ folder of a Resgraph checkout: it holds package.json,
	// package-lock.json and, once installed, node_modules. Empty means
	// FindDir(".").
	Dir string
	// Install runs `npm ci` in Dir, once, in the background, when
	// node_modules lacks a file the page needs.
	Install bool
	// GraphQL is the URL path of the GraphQL endpoint the page queries;
	// empty means "/graphql".
	GraphQL string
	// Logger receives start-up and install messages; nil discards them.
	Logger *slog.Logger
	// Live serves the page's own files from Dir/static on disk instead of
	// the copy embedded in the binary, so edits show on reload. For
	// working on the page; the binary never needs it.
	Live bool
}

// vendor states.
const (
	vendorReady      = "ready"
	vendorInstalling = "installing"
	vendorMissing    = "missing"
)

// Server serves the explorer. Its zero value is not usable: call Handler.
type Server struct {
	opts   Options
	log    *slog.Logger
	files  fs.FS // the page's own files
	static http.Handler
	index  []byte // index.html with the GraphQL path filled in

	mu     sync.Mutex
	state  string // vendorReady, vendorInstalling or vendorMissing
	reason string // why vendor files are missing, for the status page
}

// Handler returns the explorer's handler, to be mounted at /. It serves the
// page at /, its modules under /static/, and the third-party files under
// /vendor/. ctx bounds a background `npm ci` (see Options.Install).
func Handler(ctx context.Context, opts Options) (*Server, error) {
	if opts.GraphQL == "" {
		opts.GraphQL = "/graphql"
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "web")
	var err error
	if opts.Dir == "" {
		var d string
		d, err = FindDir(".")
		if err != nil {
			log.Warn("explorer: web folder not found; the page will say what to do", "err", err)
		}
		opts.Dir = d
	}
	var sub fs.FS
	if opts.Live && opts.Dir != "" {
		sub = os.DirFS(filepath.Join(opts.Dir, "static"))
	} else if sub, err = fs.Sub(staticFS, "static"); err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	s := &Server{
		opts:   opts,
		log:    log,
		files:  sub,
		static: http.StripPrefix("/static/", http.FileServerFS(sub)),
	}
	if s.index, err = s.readIndex(); err != nil {
		return nil, err
	}
	s.checkVendor()
	if s.state == vendorMissing && opts.Install && opts.Dir != "" {
		if _, err := exec.LookPath("npm"); err != nil {
			s.reason = "npm is not on PATH"
			log.Warn("explorer: third-party files missing and npm not found", "dir", opts.Dir)
		} else {
			s.state = vendorInstalling
			go s.install(ctx)
		}
	}
	if s.state == vendorReady {
		log.Info("explorer: ready", "dir", opts.Dir)
	}
	return s, nil
}

// FindDir returns the web/ folder of the Resgraph checkout holding start:
// the first folder upward from start with a web/package.json beside a go.mod.
func FindDir(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("web: finding the web folder from %s: %w", start, err)
	}
	for {
		if fileExists(filepath.Join(dir, "go.mod")) && fileExists(filepath.Join(dir, "web", "package.json")) {
			return filepath.Join(dir, "web"), nil
		}
		if fileExists(filepath.Join(dir, "package.json")) && fileExists(filepath.Join(dir, "handler.go")) && filepath.Base(dir) == "web" {
			return dir, nil // started inside web/ itself (its tests)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("web: no web/package.json in %s or above", start)
		}
		dir = parent
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// checkVendor sets the state from what is on disk.
func (s *Server) checkVendor() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.Dir == "" {
		s.state, s.reason = vendorMissing, "the web/ folder of the Resgraph checkout was not found (run resgraph serve from the checkout)"
		return
	}
	for _, rel := range vendorFiles {
		p := filepath.Join(s.opts.Dir, "node_modules", filepath.FromSlash(rel))
		if !fileExists(p) {
			s.state, s.reason = vendorMissing, p+" is missing"
			return
		}
	}
	s.state, s.reason = vendorReady, ""
}

// install runs `npm ci` in the web folder and records the outcome.
func (s *Server) install(ctx context.Context) {
	start := time.Now()
	s.log.Info("explorer: web/node_modules missing; running npm ci (once)", "dir", s.opts.Dir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = s.opts.Dir
	out, err := cmd.CombinedOutput()
	s.checkVendor()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil || s.state != vendorReady {
		msg := strings.TrimSpace(string(out))
		if len(msg) > 2000 {
			msg = msg[len(msg)-2000:]
		}
		if err != nil {
			s.reason = fmt.Sprintf("npm ci failed: %v\n%s", err, msg)
		}
		s.state = vendorMissing
		s.log.Error("explorer: npm ci failed", "dir", s.opts.Dir, "err", err, "took", time.Since(start).Round(time.Millisecond))
		return
	}
	s.log.Info("explorer: npm ci done", "took", time.Since(start).Round(time.Millisecond))
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/" || r.URL.Path == "/index.html":
		s.serveIndex(w, r)
	case strings.HasPrefix(r.URL.Path, "/static/"):
		w.Header().Set("Cache-Control", "no-cache")
		s.static.ServeHTTP(w, r)
	case strings.HasPrefix(r.URL.Path, "/vendor/"):
		s.serveVendor(w, r)
	default:
		http.NotFound(w, r)
	}
}

// readIndex reads index.html and fills in the GraphQL endpoint.
func (s *Server) readIndex() ([]byte, error) {
	raw, err := fs.ReadFile(s.files, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: reading the page: %w", err)
	}
	return bytes.ReplaceAll(raw, []byte("{{GRAPHQL}}"), []byte(template.HTMLEscapeString(s.opts.GraphQL))), nil
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	state, reason := s.state, s.reason
	s.mu.Unlock()
	if state != vendorReady {
		s.serveStatus(w, state, reason)
		return
	}
	index := s.index
	if s.opts.Live {
		b, err := s.readIndex()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		index = b
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(index)
}

func (s *Server) serveVendor(w http.ResponseWriter, r *http.Request) {
	rel, ok := vendorFiles[path.Base(r.URL.Path)]
	if !ok || path.Dir(r.URL.Path) != "/vendor" {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	ready := s.state == vendorReady
	s.mu.Unlock()
	if !ready {
		http.Error(w, "explorer: third-party files not installed yet; see /", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeFile(w, r, filepath.Join(s.opts.Dir, "node_modules", filepath.FromSlash(rel)))
}

var statusPage = template.Must(template.New("status").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Resgraph explorer: setting up</title>
{{if .Installing}}<meta http-equiv="refresh" content="2">{{end}}
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
pre{background:#f2f2f2;padding:.75rem;overflow:auto}</style></head>
<body><main>
<h1>Resgraph explorer</h1>
{{if .Installing}}
<p role="status">Installing the explorer's third-party files (<code>npm ci</code> in <code>{{.Dir}}</code>). This page reloads by itself.</p>
{{else}}
<p role="alert">The explorer's third-party files (Cytoscape.js, from npm) are not installed: {{.Reason}}</p>
<p>Run this, then reload the page:</p>
<pre>{{.Command}}</pre>
{{end}}
<p>The GraphQL API is available meanwhile at <a href="{{.GraphQL}}">{{.GraphQL}}</a>.</p>
</main></body></html>
`))

func (s *Server) serveStatus(w http.ResponseWriter, state, reason string) {
	dir := s.opts.Dir
	if dir == "" {
		dir = "web"
	}
	data := struct {
		Installing                    bool
		Dir, Reason, Command, GraphQL string
	}{state == vendorInstalling, dir, reason, "cd " + dir + " && npm ci", s.opts.GraphQL}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	if err := statusPage.Execute(w, data); err != nil {
		s.log.Error("explorer: status page", "err", err)
	}
}

// Ready reports whether the page can be served: its third-party files are
// on disk. A test or a caller may poll it after starting an install.
func (s *Server) Ready() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state == vendorReady
}

// ErrNotReady is returned by WaitReady when the third-party files are not
// installed and no install is running.
var ErrNotReady = errors.New("web: third-party files not installed")

// WaitReady waits until the page can be served, an install fails, or ctx ends.
func (s *Server) WaitReady(ctx context.Context) error {
	for {
		s.mu.Lock()
		state, reason := s.state, s.reason
		s.mu.Unlock()
		switch state {
		case vendorReady:
			return nil
		case vendorMissing:
			return fmt.Errorf("%w: %s", ErrNotReady, reason)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
