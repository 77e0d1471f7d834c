package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/export"
)

// exportFixture is export's test fixture: a few documents and actors.
func exportFixture(t *testing.T) (docs []*resgraph.Document, actors []resgraph.Actor) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "export", "testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Documents []*resgraph.Document
		Actors    []resgraph.Actor
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("export/testdata/fixture.json: %v", err)
	}
	return f.Documents, f.Actors
}

func TestExportHandler(t *testing.T) {
	docs, actors := exportFixture(t)
	src := func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		return docs, actors, nil
	}
	log := slog.New(slog.DiscardHandler)
	mux := http.NewServeMux()
	mux.Handle("/export/", exportHandler(src, log))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	cases := []struct {
		path, ctype, file string
	}{
		{"/export/obligations.graphml", "application/graphml+xml; charset=utf-8", "resgraph-obligations.graphml"},
		{"/export/citations.gexf?from=2012-11", "application/gexf+xml; charset=utf-8", "resgraph-citations.gexf"},
		{"/export/bipartite.csv", "application/zip", "resgraph-bipartite.zip"},
		{"/export/coaddressee.cytoscape?actor=AU", "application/json; charset=utf-8", "resgraph-coaddressee.cyjs.json"},
		{"/export/full.jsonld?class=request", "application/ld+json; charset=utf-8", "resgraph-full.jsonld"},
		{"/export/full.nquads", "application/n-quads; charset=utf-8", "resgraph-full.nq"},
		{"/export/condemns.gexf?gexf-version=1.3", "application/gexf+xml; charset=utf-8", "resgraph-condemns.gexf"},
		{"/export/partners.csv", "application/zip", "resgraph-partners.zip"},
	}
	for _, c := range cases {
		resp, body := get(c.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s %s", c.path, resp.Status, body)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="`+c.file+`"` {
			t.Errorf("GET %s: Content-Disposition %q", c.path, got)
		}
		if len(body) < 100 {
			t.Errorf("GET %s: %d bytes", c.path, len(body))
		}
	}
	// The download is the CLI's bytes: same filter, same output.
	_, body := get("/export/obligations.graphml?to=2012-10&weighted=true")
	g, err := export.Build(export.ViewObligations, docs, actors, export.Options{Filter: export.Filter{To: "2012-10"}, Weighted: true})
	if err != nil {
		t.Fatal(err)
	}
	export.Measure(g, export.MeasureOptions{})
	var want bytes.Buffer
	if err := export.Write(&want, g, export.FormatGraphML); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, want.Bytes()) {
		t.Error("download differs from Build+Measure+Write with the same filter")
	}
	for path, ns := range map[string]string{"/export/welcomes.gexf": "http://www.gexf.net/1.2draft", "/export/welcomes.gexf?gexf-version=1.3": "http://gexf.net/1.3"} {
		if _, body := get(path); !bytes.Contains(body, []byte(`<gexf xmlns="`+ns+`"`)) {
			t.Errorf("GET %s: not GEXF in %s", path, ns)
		}
	}
	for _, bad := range []string{"/export/nope.graphml", "/export/obligations.pdf", "/export/obligations", "/export/full.gexf?gexf-version=2",
		"/export/full.gexf?from=yesterday", "/export/full.gexf?weighted=maybe"} {
		resp, body := get(bad)
		if resp.StatusCode != http.StatusBadRequest || strings.Count(strings.TrimSpace(string(body)), "\n") > 0 {
			t.Errorf("GET %s: %s %q, want 400 and one line", bad, resp.Status, body)
		}
	}
	failing := httptest.NewServer(exportHandler(func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		return nil, nil, errors.New("store closed: /var/lib/secret.db")
	}, log))
	defer failing.Close()
	resp, err := http.Get(failing.URL + "/export/full.graphml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || strings.TrimSpace(string(b)) != "internal error" {
		t.Errorf("failing source: %s %q, want 500 and no internal detail", resp.Status, b)
	}
}
