package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
)

// exportSource returns the documents and actors an export reads.
type exportSource func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error)

// exportHandler serves GET /export/{view}.{format}?from=&to=&doc=&actor=&class=&subject=&status=&weighted=&gexf-version=
// (only the last path element counts). gexf-version is 1.2draft (the
// default) or 1.3. The response is written as it is made (export.WriteWith
// streams), never held whole. The response has the format's
// Content-Type and a Content-Disposition naming the file,
// "resgraph-obligations.graphml". Measures are computed as in
// export.Measure with default options. Bad views, formats or filters get
// 400 with a one-line message.
func exportHandler(source exportSource, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		view, format, err := parseExportName(path.Base(r.URL.Path))
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		opt, err := export.FilterFromQuery(r.URL.Query())
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		gv, err := export.ParseGEXFVersion(r.URL.Query().Get("gexf-version"))
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		docs, actors, err := source(r.Context())
		if err != nil {
			writeError(w, r, log, fmt.Errorf("export source: %w", err))
			return
		}
		g, err := export.Build(view, docs, actors, opt)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		export.Measure(g, export.MeasureOptions{})
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"resgraph-%s%s\"", view, format.Ext()))
		if r.Method == http.MethodHead {
			return
		}
		if err := export.WriteWith(w, g, format, export.WriteOptions{GEXFVersion: gv}); err != nil && !errors.Is(r.Context().Err(), context.Canceled) {
			// the status line is gone: log only
			log.ErrorContext(r.Context(), "export write failed", "path", r.URL.Path, "err", err)
		}
	})
}

// parseExportName splits "obligations.graphml" into its view and format.
func parseExportName(name string) (export.View, export.Format, error) {
	i := strings.IndexByte(name, '.')
	if i < 0 {
		return "", "", resgraph.Errorf(resgraph.EINVALID, "want /export/{view}.{format}, got %q", name)
	}
	v, err := export.ParseView(name[:i])
	if err != nil {
		return "", "", err
	}
	f, err := export.ParseFormat(name[i+1:])
	if err != nil {
		return "", "", err
	}
	return v, f, nil
}
