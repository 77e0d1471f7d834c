package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/server"
	"github.com/resgraph/resgraph/store"
)

// serveConfig is the configuration of `resgraph serve`.
type serveConfig struct {
	addr     string
	db       string
	cors     string
	readOnly bool
	token    string
	timeout  time.Duration
	poll     time.Duration
	memLimit int // MiB; 0 for none
	cache    int // response cache entries; 0 for none
}

func runServe(ctx context.Context, e *env, args []string) error {
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
	fset.StringVar(&c.addr, "addr", envOr(e, "RESGRAPH_ADDR", defaultAddr),
		"listen address; the default answers this machine only, :8080 answers every network it is on (env RESGRAPH_ADDR)")
	fset.StringVar(&c.db, "db", envOr(e, "RESGRAPH_DB", defaultDB), dbUsage)
	fset.StringVar(&c.cors, "cors", envOr(e, "RESGRAPH_CORS", ""), "origins allowed to call the API from a browser, comma-separated, or * (env RESGRAPH_CORS)")
	fset.BoolVar(&c.readOnly, "read-only", envOr(e, "RESGRAPH_READ_ONLY", "") == "true",
		"never write the store (no seed, no /admin/load); a bolt file is opened under a shared lock, so resgraph export can read it meanwhile (env RESGRAPH_READ_ONLY=true)")
	fset.StringVar(&c.token, "token", envOr(e, "RESGRAPH_TOKEN", ""), "bearer token for POST /admin/load; empty disables it (env RESGRAPH_TOKEN)")
	fset.DurationVar(&c.timeout, "timeout", envDur("RESGRAPH_TIMEOUT", graph.DefaultTimeout), "time limit of one API request or graph query (env RESGRAPH_TIMEOUT)")
	fset.DurationVar(&c.poll, "poll", envDur("RESGRAPH_POLL", 5*time.Second), "how often to check the store for changes made elsewhere; 0 never (env RESGRAPH_POLL)")
	fset.IntVar(&c.memLimit, "memory-limit", envInt("RESGRAPH_MEMORY_LIMIT", defaultMemoryLimit),
		"soft limit of the server's memory in MiB: the garbage collector works harder near it; 0 for none; GOMEMLIMIT wins when set (env RESGRAPH_MEMORY_LIMIT)")
	fset.IntVar(&c.cache, "cache", envInt("RESGRAPH_CACHE", graph.DefaultCacheEntries),
		"how many answers the response cache keeps (repeated questions are answered from it until the graph changes); 0 for no cache (env RESGRAPH_CACHE)")
	fset.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: resgraph serve [flags]")
		fmt.Fprintln(e.stderr, "\nServes GraphQL at /graphql (a query page for browsers at /graphql and /playground),")
		fmt.Fprintln(e.stderr, "the explorer at /, exports at /export/, Gizmo graph queries at /query/gizmo,")
		fmt.Fprintln(e.stderr, "/healthz and Prometheus /metrics. An empty store is first loaded with the built-in seed.")
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

	scfg := store.Locate(c.db)
	scfg.ReadOnly, scfg.Logger = c.readOnly, e.log.With("component", "store")
	st, err := store.Open(ctx, scfg)
	if errors.Is(err, store.ErrLocked) {
		return fmt.Errorf("serve: %w\n  another process holds %s: stop it, or give this server another -db", err, c.db)
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()

	srv, err := server.New(ctx, server.Config{Store: st, Logger: e.log, ReadOnly: c.readOnly, Token: c.token,
		CORS: c.cors, Timeout: c.timeout, CacheEntries: c.cache})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := srv.Serve(ctx, ln, c.poll); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// defaultAddr is the default of -addr: loopback, so that a first `resgraph
// serve` on a laptop does not publish its API, Gizmo queries and metrics
// to the network it is on (the README says how to expose a server).
const defaultAddr = "127.0.0.1:8080"

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
