package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/server"
	"github.com/resgraph/resgraph/store"
)

const seed = "../../data/S_2012_946.txt"

func runT(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(""), &o, &e)
	return o.String(), e.String(), err
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Load the seed document into a bolt file, twice (idempotent), with a
// broken file beside it: the bad file is reported, the good one loads.
// Then export N-Quads and read them back: nothing is lost.
func TestLoadExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "g.db")
	bad := filepath.Join(dir, "bad.xml")
	if err := os.WriteFile(bad, []byte("<html>not a resolution</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runT(t, "load", "-db", db, seed, bad)
	if err == nil {
		t.Fatalf("load with a bad file succeeded; stderr:\n%s", stderr)
	}
	if !strings.Contains(stderr, "bad.xml") || !strings.Contains(stderr, "1 failed") {
		t.Errorf("stderr should name the bad file and count one failure:\n%s", stderr)
	}
	_, stderr, err = runT(t, "load", "-db", db, seed)
	if err != nil {
		t.Fatalf("reload: %v\n%s", err, stderr)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	actors, err := st.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	quads, err := st.QuadCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if len(docs) != 1 || docs[0].Symbol != "S/2012/946" {
		t.Fatalf("store holds %d documents, want S/2012/946", len(docs))
	}
	// What the store holds is what the loader extracts.
	want, err := readFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := openRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	loader.NewExtractor(reg).Extract(want)
	if jsonOf(t, docs[0]) != jsonOf(t, want) {
		t.Fatalf("stored document differs from the extraction")
	}
	if len(want.Actions) == 0 {
		t.Fatal("the seed document has no actions: the round trip proves little")
	}

	out := filepath.Join(dir, "g.nq")
	if _, stderr, err := runT(t, "export", "-format", "nquads", "-db", db, "-o", out); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	mem, err := store.Open(ctx, store.Config{Backend: store.BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := mem.ReadNQuads(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if int64(n) != quads {
		t.Fatalf("exported %d quads, the store has %d", n, quads)
	}
	docs2, err := mem.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	actors2, err := mem.Actors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(t, docs2) != jsonOf(t, docs) || !reflect.DeepEqual(jsonOf(t, actors2), jsonOf(t, actors)) {
		t.Fatal("N-Quads export and import changed the documents or actors")
	}
}

// A bolt file held by a server: load says so; with -server it goes through
// the server's /admin/load, which checks the token.
func TestLoadThroughServer(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "g.db")
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	_, stderr, err := runT(t, "load", "-db", db, seed)
	if err == nil || !strings.Contains(err.Error(), "-server") {
		t.Fatalf("load on a held file: err = %v, want a hint to use -server\n%s", err, stderr)
	}

	srv := httptest.NewServer(testServer(t, st, "s3cret").Handler())
	defer srv.Close()
	admin := srv.URL + "/admin/load"
	if _, stderr, err := runT(t, "load", "-server", srv.URL, "-token", "wrong", seed); err == nil {
		t.Fatalf("load with a wrong token succeeded:\n%s", stderr)
	}
	if _, stderr, err := runT(t, "load", "-server", srv.URL, "-token", "s3cret", seed); err != nil {
		t.Fatalf("load through the server: %v\n%s", err, stderr)
	}
	d, err := st.Document(ctx, "S/2012/946")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paragraphs) == 0 || len(d.Actions) == 0 {
		t.Fatalf("document loaded through the server is empty: %d paragraphs, %d actions", len(d.Paragraphs), len(d.Actions))
	}
	actors, err := st.Actors(ctx)
	if err != nil || len(actors) < 100 {
		t.Fatalf("actors loaded through the server: %d, %v", len(actors), err)
	}

	// The handler itself: method, token, body.
	for _, tc := range []struct {
		name, method, token, body string
		want                      int
	}{
		{"GET", http.MethodGet, "s3cret", "", http.StatusMethodNotAllowed},
		{"no token", http.MethodPost, "", `{"documents":[]}`, http.StatusUnauthorized},
		{"bad json", http.MethodPost, "s3cret", `{"documents":`, http.StatusBadRequest},
		{"null document", http.MethodPost, "s3cret", `{"documents":[null]}`, http.StatusBadRequest},
		{"empty", http.MethodPost, "s3cret", `{"documents":[]}`, http.StatusOK},
	} {
		req, _ := http.NewRequest(tc.method, admin, strings.NewReader(tc.body))
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}
	// An invalid document is reported, the valid one in the same request loads.
	body := `{"documents":[{"symbol":"","source":{"file":"x.txt"}},{"symbol":"S/RES/1 (1946)","kind":"resolution","source":{"file":"y.txt"}}]}`
	req, _ := http.NewRequest(http.MethodPost, admin, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var lr server.LoadResponse
	json.NewDecoder(resp.Body).Decode(&lr)
	resp.Body.Close()
	if lr.Loaded != 1 || len(lr.Failed) != 1 {
		t.Fatalf("mixed request: %+v, want 1 loaded and 1 failed", lr)
	}
	if _, err := st.Document(ctx, "S/RES/1 (1946)"); err != nil {
		t.Fatal(err)
	}
	// A server with no token refuses to load.
	closed := httptest.NewServer(testServer(t, st, "").Handler())
	defer closed.Close()
	if _, _, err := runT(t, "load", "-server", closed.URL, "-token", "", seed); err == nil {
		t.Fatal("load through a server without a token succeeded")
	}
}

// testServer is the server of `resgraph serve` over st, with no explorer.
func testServer(t *testing.T, st *store.Store, token string) *server.Server {
	t.Helper()
	srv, err := server.New(context.Background(), server.Config{Store: st, Logger: slog.New(slog.DiscardHandler), Token: token, Explorer: http.NotFoundHandler()})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}
