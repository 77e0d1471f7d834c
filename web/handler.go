package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// manifest is third_party/manifest.json, written by internal/vendorgen.
type manifest struct {
	Packages map[string]struct {
		Version, Integrity, License string
		LicenseFile                 string `json:"licenseFile"`
	}
	Files map[string]struct { // by URL name under /vendor/
		Package, From string
		Size          int
		SHA256        string
	}
}

// vendorManifest describes the embedded third-party files. Only the files it
// lists are served.
var vendorManifest = func() manifest {
	var m manifest
	b, err := fs.ReadFile(thirdPartyFS, "third_party/manifest.json")
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil || len(m.Files) == 0 {
		panic(fmt.Sprintf("web: third_party/manifest.json embedded in the binary is invalid: %v", err)) // a build defect, caught by the package's tests
	}
	return m
}()

// Options configures Handler.
type Options struct {
	// GraphQL is the URL path of the GraphQL endpoint the page queries;
	// empty means "/graphql".
	GraphQL string
	// Logger receives start-up messages; nil discards them.
	Logger *slog.Logger
	// Live serves the page's own files from Dir/static on disk instead of
	// the copy embedded in the binary, so edits show on reload. For
	// working on the page; the third-party files are always the embedded
	// ones.
	Live bool
	// Dir is the web/ folder of a Resgraph checkout, read only with Live
	// (which needs it).
	Dir string
}

// Server serves the explorer. Its zero value is not usable: call Handler.
type Server struct {
	opts   Options
	log    *slog.Logger
	files  fs.FS // the page's own files
	static http.Handler
	index  []byte // index.html with the GraphQL path filled in
}

// Handler returns the explorer's handler, to be mounted at /. It serves the
// page at /, its modules under /static/, and the third-party files under
// /vendor/, all from the binary (but see Options.Live).
func Handler(opts Options) (*Server, error) {
	if opts.GraphQL == "" {
		opts.GraphQL = "/graphql"
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "web")
	var sub fs.FS
	switch {
	case opts.Live && opts.Dir == "":
		return nil, fmt.Errorf("web: Options.Live needs Options.Dir, the web/ folder of a checkout")
	case opts.Live:
		sub = os.DirFS(filepath.Join(opts.Dir, "static"))
	default:
		var err error
		if sub, err = fs.Sub(staticFS, "static"); err != nil {
			return nil, fmt.Errorf("web: static files: %w", err)
		}
	}
	s := &Server{
		opts:   opts,
		log:    log,
		files:  sub,
		static: http.StripPrefix("/static/", http.FileServerFS(sub)),
	}
	var err error
	if s.index, err = s.readIndex(); err != nil {
		return nil, err
	}
	if opts.Live {
		log.Info("explorer: ready, the page's own files live from disk", "dir", filepath.Join(opts.Dir, "static"))
	} else {
		log.Info("explorer: ready")
	}
	return s, nil
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

// serveVendor serves a file the manifest lists, from the binary.
func (s *Server) serveVendor(w http.ResponseWriter, r *http.Request) {
	name := path.Base(r.URL.Path)
	f, ok := vendorManifest.Files[name]
	if !ok || path.Dir(r.URL.Path) != "/vendor" {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(thirdPartyFS, "third_party/"+name)
	if err != nil { // listed but not embedded: a build defect, caught by the package's tests
		s.log.Error("explorer: vendor file missing from the binary", "file", name, "err", err)
		http.Error(w, "explorer: "+name+" missing from the binary", http.StatusInternalServerError)
		return
	}
	// Set here, not from the extension: the system's mime tables may say
	// application/javascript.
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("ETag", `"`+f.SHA256[:min(16, len(f.SHA256))]+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}
