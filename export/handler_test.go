package export

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/resgraph/resgraph"
)

func TestHandler(t *testing.T) {
	f := loadFixture(t)
	src := func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		return f.Documents, f.Actors, nil
	}
	mux := http.NewServeMux()
	mux.Handle("/export/", Handler(src))
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
	g := build(t, ViewObligations, f, Options{Filter: Filter{To: "2012-10"}, Weighted: true})
	Measure(g, MeasureOptions{})
	if !bytes.Equal(body, write(t, g, FormatGraphML)) {
		t.Error("download differs from Build+Measure+Write with the same filter")
	}
	for _, bad := range []string{"/export/nope.graphml", "/export/obligations.pdf", "/export/obligations",
		"/export/full.gexf?from=yesterday", "/export/full.gexf?weighted=maybe"} {
		resp, body := get(bad)
		if resp.StatusCode != http.StatusBadRequest || strings.Count(strings.TrimSpace(string(body)), "\n") > 0 {
			t.Errorf("GET %s: %s %q, want 400 and one line", bad, resp.Status, body)
		}
	}
	failing := httptest.NewServer(Handler(func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		return nil, nil, errors.New("store closed")
	}))
	defer failing.Close()
	resp, err := http.Get(failing.URL + "/export/full.graphml")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("failing source: %s", resp.Status)
	}
}
