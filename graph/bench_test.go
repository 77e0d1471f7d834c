package graph_test

// Load benchmark over the whole shared corpus (issue 5): three analysts'
// questions asked by 50 concurrent clients through the real HTTP handler
// (http: without the response cache, every request executed, by the
// compiled executor; http-generated: the same with gqlgen's generated
// executor only; http-cached: the default server, the same question
// repeated, answered from the response cache), and the
// same questions asked of the snapshot directly (snapshot), to show what
// the GraphQL layer costs. Run with:
//
//	go test ./graph -run '^$' -bench Corpus -benchtime 1x
//
// Each row sends 10 warm-up and then 1,000 measured requests per client
// (-perclient N; the http-generated rows at most 200, store-bolt 20):
// 50,000 requests take a few seconds and include the GC cycles their
// garbage brings, as serving does. load_test.go says exactly what each
// reported figure measures.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/store"
)

// corpusDir returns the shared corpus root, or skips.
func corpusDir(tb testing.TB) string { return testcorpus.Dir(tb) }

var corpus struct {
	once  sync.Once
	snap  *query.Snapshot
	heap  float64 // MB held after building
	build time.Duration
	err   error
}

// readCorpus reads and extracts every corpus document with the loader.
func readCorpus(dir string) ([]*resgraph.Document, *loader.Registry, error) {
	reg, err := corpusdocs.Registry()
	if err != nil {
		return nil, nil, err
	}
	docs, _, err := corpusdocs.Walk(reg, dir, ".xml", ".txt")
	return docs, reg, err
}

// corpusSnapshot reads and extracts every corpus document with the loader
// and builds one snapshot, once per process.
func corpusSnapshot(tb testing.TB) *query.Snapshot {
	dir := corpusDir(tb)
	corpus.once.Do(func() {
		docs, reg, err := readCorpus(dir)
		if err != nil {
			corpus.err = err
			return
		}
		start := time.Now()
		corpus.snap = query.Build(docs, reg.Actors())
		corpus.build = time.Since(start)
		docs = nil
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		corpus.heap = float64(ms.HeapAlloc) / (1 << 20)
	})
	if corpus.err != nil {
		tb.Fatal(corpus.err)
	}
	return corpus.snap
}

var benchQueries = []struct{ name, query string }{
	{"who-must-do-what-SG-first-50", `{ obligations(filter: {actor: "Secretary-General"}, first: 50) { totalCount
		edges { node { verb class action paragraph { number item document { symbol } } addressee { name } } }
		pageInfo { hasNextPage endCursor } } }`},
	{"actor-page-AU", `{ actor(name: "African Union") { id name type aliases partOf { name } parts { name }
		obligations(first: 20) { totalCount edges { node { verb action document { symbol date } } } }
		stances(first: 10) { verb document { symbol } }
		documents(first: 20) { totalCount edges { node { symbol date title } } } } }`},
	{"neighbourhood-AU-depth-2", `{ neighbourhood(id: "African Union", depth: 2) { truncated
		nodes { id type label } edges { id source target kind class label count } } }`},
}

func BenchmarkCorpus(b *testing.B) {
	s := corpusSnapshot(b)
	defer gcSettings(b)()
	st := s.Stats()
	b.Logf("corpus snapshot: %d documents, %d paragraphs, %d obligations, %d actors, %d nodes, %d edges; built in %v; heap %.0f MB",
		st.Documents, st.Paragraphs, st.Obligations, st.Actors, st.Nodes, st.Edges, corpus.build.Round(time.Millisecond), corpus.heap)
	if g, err := s.Neighbourhood("African Union", 2, 0, nil); err == nil {
		b.Logf("neighbourhood of the African Union, depth 2: %d nodes, %d edges, truncated %v", len(g.Nodes), len(g.Edges), g.Truncated)
	}
	srv := httptest.NewServer(timed(graph.NewHandler(query.NewLive(s), graph.ServerConfig{CacheEntries: -1})))
	defer srv.Close()
	generated := httptest.NewServer(timed(graph.NewHandler(query.NewLive(s), graph.ServerConfig{CacheEntries: -1, GeneratedOnly: true})))
	defer generated.Close()
	cached := httptest.NewServer(timed(graph.NewHandler(query.NewLive(s), graph.ServerConfig{})))
	defer cached.Close()
	// gqlgen's generated executor takes milliseconds a request: its rows
	// send at most 200 per client.
	for _, run := range []struct {
		name, url string
		most      int
	}{{"http", srv.URL, 0}, {"http-generated", generated.URL, 200}, {"http-cached", cached.URL, 0}} {
		for _, q := range benchQueries {
			body, _ := json.Marshal(map[string]string{"query": q.query})
			b.Run(run.name+"/"+q.name, func(b *testing.B) {
				if run.most > 0 {
					defer func(n int) { *perClient = n }(*perClient)
					*perClient = min(*perClient, run.most)
				}
				conns := make([]*benchClient, clients)
				defer func() {
					for _, c := range conns {
						if c != nil {
							c.conn.Close()
						}
					}
				}()
				runLoad(b, overNetwork, func(i int) error {
					if conns[i] == nil {
						c, err := newBenchClient(run.url, body)
						if err != nil {
							return err
						}
						conns[i] = c
					}
					out, status, err := conns[i].do()
					if err != nil {
						return err
					}
					// An answer with errors starts with them; one without,
					// with its data.
					if status != 200 || !bytes.HasPrefix(out, []byte(`{"data":{`)) || len(out) < 100 {
						return &benchError{q.name, string(out)}
					}
					return nil
				})
			})
		}
	}

	direct := map[string]func(int) error{
		"who-must-do-what-SG-first-50": func(int) error {
			c, err := s.Obligations(query.ObligationFilter{Actor: "Secretary-General"}, query.Page{First: 50})
			if err == nil && len(c.Nodes) != 50 {
				return &benchError{"sg", "fewer than 50"}
			}
			return err
		},
		"actor-page-AU": func(int) error {
			a := s.ResolveActor("African Union")[0]
			if _, err := query.PageObligations(a.Obligations(), query.Page{First: 20}); err != nil {
				return err
			}
			_, err := query.PageDocuments(a.Documents(), 20, "")
			return err
		},
		"neighbourhood-AU-depth-2": func(int) error {
			_, err := s.Neighbourhood("African Union", 2, 0, nil)
			return err
		},
	}
	for _, q := range benchQueries {
		b.Run("snapshot/"+q.name, func(b *testing.B) { runLoad(b, inProcess, direct[q.name]) })
	}

	// The first question asked of the store itself, which is what serving
	// from the store rather than the snapshot would cost: a bolt store
	// bulk-loaded with the same documents, asked through its Cayley path
	// (store.ObligationsOf). 20 requests per client: each takes
	// milliseconds.
	b.Run("store-bolt/who-must-do-what-SG-first-50", func(b *testing.B) {
		ctx := context.Background()
		docs, reg, err := readCorpus(corpusDir(b))
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(ctx, store.Config{Backend: store.BackendBolt, Path: filepath.Join(b.TempDir(), "corpus.db"), NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		if err := st.PutActors(ctx, reg.Actors()); err != nil {
			b.Fatal(err)
		}
		// The same documents as the snapshot, which keeps the last of two
		// with one symbol (an early resolution as text and as XML).
		docs = corpusdocs.LastPerSymbol(docs)
		if err := st.BulkLoad(ctx, func() error { return st.ReplaceDocuments(ctx, docs) }); err != nil {
			b.Fatal(err)
		}
		docs = nil
		defer func(n int) { *perClient = n }(*perClient)
		*perClient = min(*perClient, 20)
		runLoad(b, inProcess, func(int) error {
			obs, err := st.ObligationsOf(ctx, "secretary-general", 50)
			if err == nil && len(obs) != 50 {
				return &benchError{"store", fmt.Sprintf("%d obligations, want 50", len(obs))}
			}
			return err
		})
	})
}

// timed records how long h takes with each request of a measured phase
// (handlerTimes), from net/http's call to its return: the server's own
// time, without the wait for a CPU before net/http reads the request, nor
// the client's.
func timed(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h.ServeHTTP(w, r)
		handlerTimes.add(time.Since(start))
	})
}

// handlerTimes collects the handler times of the measured phase of a row.
var handlerTimes durations

type durations struct {
	mu sync.Mutex
	on bool
	d  []time.Duration
}

func (t *durations) add(d time.Duration) {
	t.mu.Lock()
	if t.on {
		t.d = append(t.d, d)
	}
	t.mu.Unlock()
}

// start begins collecting, afresh; stop ends it and returns what it got.
func (t *durations) start() {
	t.mu.Lock()
	t.on, t.d = true, t.d[:0]
	t.mu.Unlock()
}

func (t *durations) stop() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.on = false
	return slices.Clone(t.d)
}

// benchClient is one client of the load benchmark: one keep-alive
// HTTP/1.1 connection, on which it sends one prepared request at a time
// and reads the answer by its Content-Length. The clients share the 2 CPUs
// with the server, so they are kept lean: Go's http.Client spends two
// goroutines per connection and hands each answer between them, which
// cost about as much CPU as the server's own answer to a repeated
// question, and took turns on the CPUs with the server.
type benchClient struct {
	conn net.Conn
	r    *bufio.Reader
	req  []byte
	body []byte
}

func newBenchClient(url string, body []byte) (*benchClient, error) {
	host := strings.TrimPrefix(url, "http://")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		return nil, err
	}
	req := fmt.Appendf(nil, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", host, len(body), body)
	return &benchClient{conn: conn, r: bufio.NewReaderSize(conn, 64<<10), req: req}, nil
}

// do sends the request and returns the answer's body (valid until the
// next call) and status.
func (c *benchClient) do() ([]byte, int, error) {
	if _, err := c.conn.Write(c.req); err != nil {
		return nil, 0, err
	}
	status, length := 0, -1
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return nil, 0, err
		}
		line = bytes.TrimRight(line, "\r\n")
		switch {
		case len(line) == 0:
			if length < 0 {
				return nil, status, fmt.Errorf("answer without Content-Length")
			}
			if cap(c.body) < length {
				c.body = make([]byte, length)
			}
			c.body = c.body[:length]
			_, err := io.ReadFull(c.r, c.body)
			return c.body, status, err
		case status == 0:
			// "HTTP/1.1 200 OK"
			if f := bytes.Fields(line); len(f) >= 2 {
				status, _ = strconv.Atoi(string(f[1]))
			}
		case bytes.HasPrefix(bytes.ToLower(line), []byte("content-length:")):
			length, _ = strconv.Atoi(string(bytes.TrimSpace(line[len("content-length:"):])))
		}
	}
}

type benchError struct{ name, body string }

func (e *benchError) Error() string {
	return e.name + ": bad answer: " + strings.TrimSpace(e.body[:min(len(e.body), 300)])
}
