package export

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/resgraph/resgraph"
)

// Source returns the documents and actors a request exports.
type Source func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error)

// Handler serves GET /export/{view}.{format}?from=&to=&doc=&actor=&class=&subject=&status=&weighted=
// (only the last path element counts, so it works mounted at /export/ with
// or without http.StripPrefix). The response has the format's Content-Type
// and a Content-Disposition naming the file, "resgraph-obligations.graphml".
// Measures are computed as in Measure with default options. Bad views,
// formats or filters get 400 with a one-line message; a failing source 500.
func Handler(source Source) http.Handler { return NewHandler(source, nil) }

// NewHandler is Handler logging failures to log (nil: no logging).
func NewHandler(source Source, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := path.Base(r.URL.Path)
		view, format, err := parseName(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		opt, err := FilterFromQuery(r.URL.Query())
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		docs, actors, err := source(r.Context())
		if err != nil {
			log.ErrorContext(r.Context(), "export source failed", "path", r.URL.Path, "err", err)
			http.Error(w, "export: cannot read the graph", http.StatusInternalServerError)
			return
		}
		g, err := Build(view, docs, actors, opt)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		Measure(g, MeasureOptions{})
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"resgraph-%s%s\"", view, format.Ext()))
		if r.Method == http.MethodHead {
			return
		}
		if err := Write(w, g, format); err != nil && !errors.Is(r.Context().Err(), context.Canceled) {
			log.ErrorContext(r.Context(), "export write failed", "path", r.URL.Path, "err", err)
		}
	})
}

// parseName splits "obligations.graphml" into its view and format.
func parseName(name string) (View, Format, error) {
	i := strings.IndexByte(name, '.')
	if i < 0 {
		return "", "", fmt.Errorf("want /export/{view}.{format}, got %q", name)
	}
	v, err := ParseView(name[:i])
	if err != nil {
		return "", "", err
	}
	f, err := ParseFormat(name[i+1:])
	if err != nil {
		return "", "", err
	}
	return v, f, nil
}
