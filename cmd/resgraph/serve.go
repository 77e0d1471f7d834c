package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/export"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/web"
)

// serveConfig is the configuration of `resgraph serve`.
type serveConfig struct {
	addr     string
	db       string
	backend  string
	dsn      string
	cors     string
	readOnly bool
	token    string
	timeout  time.Duration
	poll     time.Duration
	memLimit int // MiB; 0 for none
	cache    int // response cache entries; 0 for none
}

func runServe(ctx context.Context, e *env, args []string) error {
	env := func(name, def string) string {
		if v := e.getenv(name); v != "" {
			return v
		}
		return def
	}
	envInt := func(name string, def int) int {
		if n, err := strconv.Atoi(e.getenv(name)); err == nil {
			return n
		}
		return def
	}
	envDur := func(name string, def time.Duration) time.Duration {
		if d, err := time.ParseDuration(e.getenv(name)); err == nil {
			return d
		}
		return def
	}
	var c serveConfig
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	fset.StringVar(&c.addr, "addr", env("RESGRAPH_ADDR", ":8080"), "listen address (env RESGRAPH_ADDR)")
	fset.StringVar(&c.db, "db", env("RESGRAPH_DB", "resgraph.db"), "bolt file of the store (env RESGRAPH_DB)")
	fset.StringVar(&c.backend, "backend", env("RESGRAPH_BACKEND", "bolt"), "store backend: bolt, memory or postgres (env RESGRAPH_BACKEND)")
	fset.StringVar(&c.dsn, "dsn", env("RESGRAPH_DSN", ""), "PostgreSQL URL for -backend postgres (env RESGRAPH_DSN)")
	fset.StringVar(&c.cors, "cors", env("RESGRAPH_CORS", ""), "origins allowed to call the API from a browser, comma-separated, or * (env RESGRAPH_CORS)")
	fset.BoolVar(&c.readOnly, "read-only", env("RESGRAPH_READ_ONLY", "") == "true", "serve without /admin/load and never write the store, not even the seed (env RESGRAPH_READ_ONLY=true)")
	fset.StringVar(&c.token, "token", env("RESGRAPH_TOKEN", ""), "bearer token for POST /admin/load; empty disables it (env RESGRAPH_TOKEN)")
	fset.DurationVar(&c.timeout, "timeout", envDur("RESGRAPH_TIMEOUT", graph.DefaultTimeout), "time limit of one API request (env RESGRAPH_TIMEOUT)")
	fset.DurationVar(&c.poll, "poll", envDur("RESGRAPH_POLL", 5*time.Second), "how often to check the store for changes made elsewhere; 0 never (env RESGRAPH_POLL)")
	fset.IntVar(&c.memLimit, "memory-limit", envInt("RESGRAPH_MEMORY_LIMIT", defaultMemoryLimit),
		"soft limit of the server's memory in MiB: the garbage collector works harder near it; 0 for none; GOMEMLIMIT wins when set (env RESGRAPH_MEMORY_LIMIT)")
	fset.IntVar(&c.cache, "cache", envInt("RESGRAPH_CACHE", graph.DefaultCacheEntries),
		"how many answers the response cache keeps (repeated questions are answered from it until the graph changes); 0 for no cache (env RESGRAPH_CACHE)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph serve [flags]")
		fmt.Fprintln(e.stderr, "\nServes GraphQL at /graphql (a query page for browsers at /graphql and /playground),")
		fmt.Fprintln(e.stderr, "the explorer at /, exports at /export/, /healthz and Prometheus /metrics.")
		fmt.Fprintln(e.stderr, "An empty store is first loaded with the built-in seed (data/).")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return fmt.Errorf("serve: unexpected arguments %q", fset.Args())
	}
	log := e.log.With("component", "serve")
	defer setMemoryLimit(e, c.memLimit, log)()

	scfg := store.Config{Backend: c.backend, Path: c.db, Extractor: loader.Version, Logger: e.log.With("component", "store")}
	switch c.backend {
	case "postgres":
		if c.dsn == "" {
			return errors.New("serve: -backend postgres needs -dsn")
		}
		scfg.Path = c.dsn
	case "memory":
		scfg.Path = ""
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()

	m := newServeMetrics()
	sn := &snapshotter{store: st, live: &query.Live{}, metrics: m, log: log}
	if err := sn.start(ctx, !c.readOnly); err != nil {
		return fmt.Errorf("serve: %w", err)
	}

	mux := http.NewServeMux()
	gql := graph.NewHandler(sn.live, graph.ServerConfig{Logger: e.log.With("component", "graphql"), Timeout: c.timeout, Observe: m.observe, CacheEntries: cmp.Or(c.cache, -1)})
	page := graph.Playground("/graphql")
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if graph.WantsHTML(r) {
			page.ServeHTTP(w, r)
			return
		}
		gql.ServeHTTP(w, r)
	}))
	mux.Handle("/playground", page)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		s := sn.live.Load()
		st := s.Stats()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"status": "ok", "generation": s.Generation, "built": s.Built.UTC().Format(time.RFC3339),
			"documents": st.Documents, "obligations": st.Obligations, "actors": st.Actors})
	})
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.Handle("/export/", export.NewHandler(func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		docs, actors := sn.live.Load().Source()
		return docs, actors, nil
	}, e.log.With("component", "export")))
	switch {
	case c.readOnly:
		log.Info("read-only: /admin/load disabled")
	case c.token == "":
		log.Info("no -token: /admin/load disabled")
	default:
		mountAdmin(ctx, mux, c.token, st, sn, e.log)
	}
	explorer, err := web.Handler(web.Options{GraphQL: "/graphql", Logger: e.log})
	if err != nil {
		log.Warn("explorer unavailable; / redirects to the query page", "err", err)
		mux.Handle("/{$}", http.RedirectHandler("/playground", http.StatusFound))
	} else {
		mux.Handle("/", explorer)
	}

	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           withCORS(c.cors, mux),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	if c.poll > 0 {
		go sn.poll(ctx, c.poll)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "graphql", "http://"+ln.Addr().String()+"/graphql",
		"backend", c.backend, "documents", sn.live.Load().Stats().Documents)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// defaultMemoryLimit is the default of -memory-limit, in MiB: under the
// 400 MB the issue allows for serving the whole corpus (docs/performance.md).
const defaultMemoryLimit = 380

// setMemoryLimit sets the Go runtime's soft memory limit to mib MiB unless
// GOMEMLIMIT is set, and returns a function restoring the previous limit.
// The corpus snapshot holds about 200 MB that every GC cycle marks; with
// the default GOGC the heap may grow to twice that, and further while a
// cycle runs under load, before it is collected. The limit makes the
// collector start earlier instead, at some CPU cost per request
// (BenchmarkCorpus -memlimit measures both).
func setMemoryLimit(e *env, mib int, log *slog.Logger) func() {
	if e.getenv("GOMEMLIMIT") != "" || mib <= 0 {
		return func() {}
	}
	prev := debug.SetMemoryLimit(int64(mib) << 20)
	log.Info("memory limit", "MiB", mib)
	return func() { debug.SetMemoryLimit(prev) }
}

// mountAdmin mounts POST /admin/load (load.go's handler, which checks the
// bearer token itself). After each load the snapshot is rebuilt, once the
// loads have paused for a moment: `resgraph load -server` posts 64
// documents at a time, and rebuilding after each batch would be wasted.
func mountAdmin(ctx context.Context, mux *http.ServeMux, token string, st *store.Store, sn *snapshotter, log *slog.Logger) {
	h := loadHandler(st, token, log)
	mux.Handle("POST /admin/load", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		sn.metrics.loads.WithLabelValues("admin", "done").Inc()
		sn.kick(ctx)
	}))
}

// withCORS answers browsers from the allowed origins ("*" for any).
func withCORS(origins string, h http.Handler) http.Handler {
	allowed := map[string]bool{}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			allowed[o] = true
		}
	}
	if len(allowed) == 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && (allowed["*"] || allowed[o]) {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Add("Vary", "Origin")
			if r.Method == http.MethodOptions {
				w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				w.Header().Set("Access-Control-Allow-Headers", "Content-Type, Authorization")
				w.Header().Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// snapshotter builds read-model snapshots from the store and swaps them in.
type snapshotter struct {
	store   *store.Store
	live    *query.Live
	metrics *serveMetrics
	log     *slog.Logger

	mu  sync.Mutex // one rebuild at a time
	gen int64      // generation of the live snapshot

	kickMu sync.Mutex
	timer  *time.Timer // pending rebuild after a load
}

// rebuildDelay is how long loads must pause before the snapshot is rebuilt.
const rebuildDelay = time.Second

// kick schedules a rebuild rebuildDelay from now, replacing one pending.
func (sn *snapshotter) kick(ctx context.Context) {
	sn.kickMu.Lock()
	defer sn.kickMu.Unlock()
	if sn.timer != nil {
		sn.timer.Stop()
	}
	sn.timer = time.AfterFunc(rebuildDelay, func() {
		if err := sn.refresh(ctx, false); err != nil && ctx.Err() == nil {
			sn.log.Warn("snapshot rebuild after load failed", "err", err)
		}
	})
}

// start seeds an empty store (when allowed) and builds the first snapshot.
func (sn *snapshotter) start(ctx context.Context, seed bool) error {
	gen, err := sn.store.Generation(ctx)
	if err != nil {
		return err
	}
	if gen == 0 && seed {
		if err := seedStore(ctx, sn.store, sn.log); err != nil {
			sn.metrics.loads.WithLabelValues("seed", "error").Inc()
			return err
		}
		sn.metrics.loads.WithLabelValues("seed", "ok").Inc()
	}
	return sn.refresh(ctx, true)
}

// refresh rebuilds the snapshot if the store's generation changed (always
// when force is set).
func (sn *snapshotter) refresh(ctx context.Context, force bool) error {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	gen, err := sn.store.Generation(ctx)
	if err != nil {
		return err
	}
	if !force && gen == sn.gen && sn.live.Load() != nil {
		return nil
	}
	start := time.Now()
	docs, err := sn.store.Documents(ctx)
	if err != nil {
		return err
	}
	actors, err := sn.store.Actors(ctx)
	if err != nil {
		return err
	}
	s := query.Build(docs, actors)
	s.Generation = gen
	sn.live.Store(s)
	sn.gen = gen
	st := s.Stats()
	sn.metrics.snapshot(s, time.Since(start))
	sn.log.Info("snapshot built", "generation", gen, "documents", st.Documents, "obligations", st.Obligations,
		"actors", st.Actors, "took", time.Since(start).Round(time.Millisecond))
	warnNearMemoryLimit(sn.log)
	return nil
}

// warnNearMemoryLimit logs a warning when the live heap, right after a
// snapshot was built, is over 70% of the runtime's memory limit: the
// collector would then run almost continuously under load, so the limit
// (-memory-limit, GOMEMLIMIT) should be raised for this graph. It runs a
// GC to measure, which snapshot builds (rare) can afford.
func warnNearMemoryLimit(log *slog.Logger) {
	limit := debug.SetMemoryLimit(-1) // reads the limit
	if limit <= 0 || limit == math.MaxInt64 {
		return
	}
	runtime.GC() // the live heap is measured by a GC: count the new snapshot, not the old one
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	if live*10 > limit*7 {
		log.Warn("the snapshot fills most of the memory limit: raise -memory-limit (or GOMEMLIMIT), or the garbage collector will take much of the CPU",
			"liveMiB", live>>20, "limitMiB", limit>>20)
	}
}

// poll refreshes the snapshot when another process changed the store.
func (sn *snapshotter) poll(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := sn.refresh(ctx, false); err != nil && ctx.Err() == nil {
				sn.log.Warn("snapshot refresh failed", "err", err)
			}
		}
	}
}

// seedStore loads the built-in registry and seed documents (data.FS).
func seedStore(ctx context.Context, st *store.Store, log *slog.Logger) error {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	x := loader.NewExtractor(reg)
	var docs []*resgraph.Document
	for _, name := range data.Documents() {
		b, err := data.FS.ReadFile(name)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		doc, err := readDocument(b, "data/"+name)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		x.Extract(doc)
		docs = append(docs, doc)
	}
	if err := st.PutActors(ctx, reg.Actors()); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := st.ReplaceDocuments(ctx, docs); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	log.Info("empty store: loaded the built-in seed", "documents", len(docs), "actors", len(reg.Actors()))
	return nil
}

// serveMetrics are the server's Prometheus metrics, in their own registry.
type serveMetrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	loads     *prometheus.CounterVec
	size      *prometheus.GaugeVec
	gen       prometheus.Gauge
	buildTime prometheus.Histogram

	mu  sync.Mutex
	ops map[string]bool // operation names seen, to bound label cardinality
}

func newServeMetrics() *serveMetrics {
	m := &serveMetrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "resgraph_graphql_requests_total",
			Help: "GraphQL operations served, by operation name, status (ok or error) and what answered (compiled, generated or cache)."}, []string{"operation", "status", "executor"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "resgraph_graphql_request_duration_seconds",
			Help:    "Time to execute a GraphQL operation, by operation name.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"operation"}),
		loads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "resgraph_load_events_total",
			Help: "Loads into the store and snapshot rebuilds, by kind (seed, admin, snapshot) and result."}, []string{"kind", "result"}),
		size: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "resgraph_snapshot_items",
			Help: "Items in the served snapshot, by kind (documents, paragraphs, obligations, stances, citations, actors, nodes, edges)."}, []string{"kind"}),
		gen: prometheus.NewGauge(prometheus.GaugeOpts{Name: "resgraph_snapshot_generation", Help: "Store generation of the served snapshot."}),
		buildTime: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "resgraph_snapshot_build_seconds",
			Help: "Time to read the store and build a snapshot.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 14)}),
		ops: map[string]bool{},
	}
	m.reg.MustRegister(m.requests, m.latency, m.loads, m.size, m.gen, m.buildTime,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

var opName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// maxOperations bounds the distinct operation labels; later names count as "other".
const maxOperations = 200

func (m *serveMetrics) observe(o graph.Observation) {
	op := o.Operation
	switch {
	case op == "":
		op = "anonymous"
	case !opName.MatchString(op):
		op = "other"
	default:
		m.mu.Lock()
		if !m.ops[op] {
			if len(m.ops) >= maxOperations {
				op = "other"
			} else {
				m.ops[op] = true
			}
		}
		m.mu.Unlock()
	}
	status := "ok"
	if o.Failed {
		status = "error"
	}
	m.requests.WithLabelValues(op, status, o.Executor).Inc()
	m.latency.WithLabelValues(op).Observe(o.Duration.Seconds())
}

func (m *serveMetrics) snapshot(s *query.Snapshot, took time.Duration) {
	st := s.Stats()
	for k, v := range map[string]int{"documents": st.Documents, "paragraphs": st.Paragraphs, "obligations": st.Obligations,
		"stances": st.Stances, "citations": st.Citations, "actors": st.Actors, "nodes": st.Nodes, "edges": st.Edges} {
		m.size.WithLabelValues(k).Set(float64(v))
	}
	m.gen.Set(float64(s.Generation))
	m.buildTime.Observe(took.Seconds())
	m.loads.WithLabelValues("snapshot", "ok").Inc()
}
