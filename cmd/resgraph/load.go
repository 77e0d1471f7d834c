package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/server"
	"github.com/resgraph/resgraph/store"
)

// defaultDB is the bolt file used when neither -db nor RESGRAPH_DB is set.
const defaultDB = "resgraph.db"

// loadBatch is how many documents load writes per transaction: enough to
// amortize a transaction, small enough that readers of a PostgreSQL store
// and the progress bar move.
const loadBatch = 64

// envOr returns the environment variable key, or def when it is unset.
func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// dbUsage is the help of -db, the same in every subcommand.
const dbUsage = "graph store: a bolt file path, or a postgres:// URL (env RESGRAPH_DB)"

// storeFlags are the flags naming a graph store, shared by the
// subcommands that open one.
type storeFlags struct {
	db *string
}

func addStoreFlags(e *env, fset *flag.FlagSet) storeFlags {
	return storeFlags{db: fset.String("db", envOr(e, "RESGRAPH_DB", defaultDB), dbUsage)}
}

// openStore opens the store named by the flags, for reading only when
// readOnly (a bolt file then opens beside a `serve -read-only`).
func openStore(ctx context.Context, e *env, f storeFlags, readOnly bool) (*store.Store, error) {
	cfg := store.Locate(*f.db)
	cfg.ReadOnly, cfg.Logger = readOnly, e.log
	return store.Open(ctx, cfg)
}

func runLoad(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("load", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	sf := addStoreFlags(e, fset)
	server := fset.String("server", e.getenv("RESGRAPH_SERVER"),
		"load through the running resgraph server at this URL (POST /admin/load) instead of opening the store; needed when a server holds the bolt file (env RESGRAPH_SERVER)")
	token := fset.String("token", e.getenv("RESGRAPH_TOKEN"), "bearer token for -server (env RESGRAPH_TOKEN)")
	registry := fset.String("registry", "", "actor registry file (default: the built-in data/actors.yaml)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph load [-db PATH|postgres://...] [-server URL -token T] [-registry FILE] PATH...")
		fmt.Fprintln(e.stderr, "\nReads Council documents (files, or directories read recursively), extracts who must")
		fmt.Fprintln(e.stderr, "do what, and writes actors and documents into the graph store. Each document replaces")
		fmt.Fprintln(e.stderr, "its previous version atomically; a document that fails leaves the store as it was.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return flag.ErrHelp
	}
	reg, err := openRegistry(*registry)
	if err != nil {
		return err
	}
	files, err := expandPaths(fset.Args())
	if err != nil {
		return err
	}

	var sink loadSink
	if *server != "" {
		sink = &remoteSink{url: strings.TrimRight(*server, "/") + "/admin/load", token: *token, client: &http.Client{Timeout: 5 * time.Minute}}
	} else {
		st, err := openStore(ctx, e, sf, false)
		if errors.Is(err, store.ErrLocked) {
			return fmt.Errorf("%w\n  a server holds %s: load through it with -server URL -token T (or RESGRAPH_SERVER, RESGRAPH_TOKEN)", err, *sf.db)
		}
		if err != nil {
			return err
		}
		defer st.Close()
		sink = &localSink{st: st}
	}

	start := time.Now()
	if err := sink.putActors(ctx, reg.Actors()); err != nil {
		return fmt.Errorf("load: writing %d actors: %w", len(reg.Actors()), err)
	}
	prog := newProgress(e, len(files))
	failed := 0
	fail := func(file string, err error) {
		failed++
		prog.clear()
		fmt.Fprintf(e.stderr, "%s: %v\n", file, err)
	}
	var batch []*resgraph.Document
	inBatch := map[resgraph.Symbol]bool{}
	fileOf := map[resgraph.Symbol]string{}
	flush := func() {
		if len(batch) == 0 {
			return
		}
		for _, f := range sink.replace(ctx, batch) {
			fail(fileOf[f.symbol], f.err)
		}
		batch = batch[:0]
		clear(inBatch)
	}
	write := func() error {
		for r := range extractAll(ctx, reg, files) {
			prog.step()
			if r.err != nil {
				fail(r.file, r.err)
				continue
			}
			d := r.doc
			if prev, ok := fileOf[d.Symbol]; ok {
				prog.clear()
				fmt.Fprintf(e.stderr, "%s: warning: %s was also read from %s; this file replaces it\n", r.file, d.Symbol, prev)
			}
			if inBatch[d.Symbol] {
				flush() // one document per symbol per transaction
			}
			fileOf[d.Symbol] = r.file
			inBatch[d.Symbol] = true
			batch = append(batch, d)
			if len(batch) >= loadBatch {
				flush()
				prog.show(false)
			}
		}
		flush()
		return nil
	}
	if err := sink.bulk(ctx, write); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	prog.done()
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "load: %d files, %d documents written, %d failed in %.1fs (%s)\n",
		len(files), len(fileOf)-sink.failures(), failed, time.Since(start).Seconds(), sink.describe(ctx))
	if failed > 0 {
		return errReported
	}
	return nil
}

// extracted is one file read and extracted, or the error that stopped it.
type extracted struct {
	file string
	doc  *resgraph.Document
	err  error
}

// extractAll reads and extracts files on every core, in file order.
func extractAll(ctx context.Context, reg *loader.Registry, files []string) <-chan extracted {
	workers := max(1, runtime.GOMAXPROCS(0))
	type job struct {
		file string
		out  chan extracted
	}
	jobs := make(chan job, workers*2)
	ordered := make(chan chan extracted, workers*2)
	go func() {
		defer close(jobs)
		defer close(ordered)
		for _, f := range files {
			j := job{f, make(chan extracted, 1)}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
			select {
			case ordered <- j.out:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			x := loader.NewExtractor(reg)
			for j := range jobs {
				doc, err := readFile(j.file)
				if err == nil {
					x.Extract(doc)
				}
				j.out <- extracted{j.file, doc, err}
			}
		}()
	}
	out := make(chan extracted)
	go func() {
		defer close(out)
		for c := range ordered {
			select {
			case out <- <-c:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// failure is a document that could not be written.
type failure struct {
	symbol resgraph.Symbol
	err    error
}

// loadSink is where load writes: the store itself, or a server holding it.
type loadSink interface {
	putActors(ctx context.Context, actors []resgraph.Actor) error
	replace(ctx context.Context, docs []*resgraph.Document) []failure
	failures() int
	describe(ctx context.Context) string
	// bulk runs fn, which writes all the documents.
	bulk(ctx context.Context, fn func() error) error
}

type localSink struct {
	st     *store.Store
	failed int
}

func (s *localSink) putActors(ctx context.Context, actors []resgraph.Actor) error {
	return s.st.PutActors(ctx, actors)
}

func (s *localSink) replace(ctx context.Context, docs []*resgraph.Document) []failure {
	var out []failure
	for _, f := range s.st.ReplaceEach(ctx, docs) {
		out = append(out, failure{f.Symbol, f.Err})
	}
	s.failed += len(out)
	return out
}

func (s *localSink) failures() int { return s.failed }

func (s *localSink) bulk(ctx context.Context, fn func() error) error { return s.st.BulkLoad(ctx, fn) }

func (s *localSink) describe(ctx context.Context) string {
	n, err := s.st.QuadCount(ctx)
	if err != nil {
		return s.st.Backend() + " store"
	}
	return fmt.Sprintf("%s store, %d quads", s.st.Backend(), n)
}

type remoteSink struct {
	url, token string
	client     *http.Client
	failed     int
	generation int64
}

func (s *remoteSink) post(ctx context.Context, req server.LoadRequest) (*server.LoadResponse, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := s.client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("posting to %s: %w", s.url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the answer of %s: %w", s.url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s: %s", s.url, resp.Status, strings.TrimSpace(string(b)))
	}
	var out server.LoadResponse
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("decoding the answer of %s: %w", s.url, err)
	}
	s.generation = out.Generation
	return &out, nil
}

func (s *remoteSink) putActors(ctx context.Context, actors []resgraph.Actor) error {
	_, err := s.post(ctx, server.LoadRequest{Actors: actors, Documents: []*resgraph.Document{}})
	return err
}

func (s *remoteSink) replace(ctx context.Context, docs []*resgraph.Document) []failure {
	resp, err := s.post(ctx, server.LoadRequest{Documents: docs})
	if err != nil {
		s.failed += len(docs)
		out := make([]failure, len(docs))
		for i, d := range docs {
			out[i] = failure{d.Symbol, err}
		}
		return out
	}
	out := make([]failure, len(resp.Failed))
	for i, f := range resp.Failed {
		out[i] = failure{f.Symbol, errors.New(f.Error)}
	}
	s.failed += len(out)
	return out
}

func (s *remoteSink) failures() int { return s.failed }

func (s *remoteSink) bulk(_ context.Context, fn func() error) error { return fn() }

func (s *remoteSink) describe(context.Context) string {
	return fmt.Sprintf("through %s, generation %d", s.url, s.generation)
}

// progress reports load progress: a bar on a terminal, log lines
// otherwise.
type progress struct {
	e     *env
	tty   bool
	total int
	n     int
	start time.Time
	last  time.Time
	mu    sync.Mutex
}

func newProgress(e *env, total int) *progress {
	p := &progress{e: e, total: total, start: time.Now(), last: time.Now()}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.tty = true
	}
	return p
}

func (p *progress) step() {
	p.mu.Lock()
	p.n++
	p.mu.Unlock()
	p.show(false)
}

func (p *progress) show(final bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	every := 5 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if !final && now.Sub(p.last) < every {
		return
	}
	p.last = now
	rate := float64(p.n) / max(now.Sub(p.start).Seconds(), 1e-3)
	if !p.tty {
		if !final {
			p.e.log.Info("load progress", "files", p.n, "of", p.total, "perSecond", int(rate))
		}
		return
	}
	const width = 30
	filled := width
	if p.total > 0 {
		filled = width * p.n / p.total
	}
	fmt.Fprintf(p.e.stderr, "\r[%s%s] %d/%d files  %.0f/s ", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.n, p.total, rate)
	if final {
		fmt.Fprintln(p.e.stderr)
	}
}

// clear erases the bar before a message line.
func (p *progress) clear() {
	if p.tty {
		fmt.Fprint(p.e.stderr, "\r\033[K")
	}
}

func (p *progress) done() { p.show(true) }
