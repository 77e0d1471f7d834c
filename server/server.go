package server

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/web"
)

// Config configures a Server.
type Config struct {
	// Store is the graph store served. The Server does not close it.
	Store *store.Store
	// Logger receives the server's logs; required.
	Logger *slog.Logger
	// ReadOnly never writes the store: no seed for an empty store and no
	// /admin/load.
	ReadOnly bool
	// Token is the bearer token of POST /admin/load; empty disables it.
	Token string
	// CORS lists the origins allowed to call the API from a browser,
	// comma-separated, or "*".
	CORS string
	// Timeout bounds one GraphQL request (graph.DefaultTimeout when zero)
	// and one Gizmo query (QueryTimeout when zero).
	Timeout time.Duration
	// CacheEntries is the size of the GraphQL response cache; 0 for none.
	CacheEntries int
	// Explorer serves the explorer at /; nil builds the embedded one.
	Explorer http.Handler
}

// MaxGraphQLBody bounds the body of a GraphQL request: the explorer's
// largest query is under 4 KB, and without a bound a body was read whole
// (10 MB took 0.2 s to parse; more, the memory it holds).
const MaxGraphQLBody = 1 << 20

// Server serves the graph of a store over HTTP.
type Server struct {
	cfg     Config
	log     *slog.Logger
	snap    *snapshotter
	metrics *serveMetrics
	handler http.Handler
}

// New seeds an empty store (unless cfg.ReadOnly), builds the first
// snapshot and the handlers. It reads the whole store: it takes seconds on
// the corpus.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Logger == nil {
		return nil, resgraph.Errorf(resgraph.EINVALID, "server: Config needs a Store and a Logger")
	}
	s := &Server{cfg: cfg, log: cfg.Logger.With("component", "serve"), metrics: newServeMetrics()}
	s.snap = &snapshotter{store: cfg.Store, live: &query.Live{}, metrics: s.metrics, log: s.log}
	if err := s.snap.start(ctx, !cfg.ReadOnly); err != nil {
		return nil, err
	}
	h, err := s.routes(ctx)
	if err != nil {
		return nil, err
	}
	s.handler = withCORS(cfg.CORS, h)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Live returns the snapshots the server answers from.
func (s *Server) Live() *query.Live { return s.snap.live }

// Refresh rebuilds the snapshot if the store changed since the last one.
func (s *Server) Refresh(ctx context.Context) error { return s.snap.refresh(ctx, false) }

func (s *Server) routes(ctx context.Context) (http.Handler, error) {
	mux := http.NewServeMux()
	gql := graph.NewHandler(s.snap.live, graph.ServerConfig{
		Logger:       s.cfg.Logger.With("component", "graphql"),
		Timeout:      cmp.Or(s.cfg.Timeout, graph.DefaultTimeout),
		Observe:      s.metrics.observe,
		CacheEntries: cmp.Or(s.cfg.CacheEntries, -1),
	})
	s.metrics.reg.MustRegister(gql.Collector())
	page := graph.Playground("/graphql")
	mux.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if graph.WantsHTML(r) {
			page.ServeHTTP(w, r)
			return
		}
		if r.ContentLength > MaxGraphQLBody {
			http.Error(w, fmt.Sprintf("a GraphQL request may have at most %d bytes", MaxGraphQLBody), http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxGraphQLBody)
		gql.ServeHTTP(w, r)
	}))
	mux.Handle("/playground", page)
	mux.HandleFunc("/healthz", s.healthz)
	mux.Handle("/metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
	elog := s.cfg.Logger.With("component", "export")
	mux.Handle("/export/", exportHandler(func(ctx context.Context) ([]*resgraph.Document, []resgraph.Actor, error) {
		docs, actors := s.snap.live.Load().Source()
		return docs, actors, nil
	}, elog))
	mlog := s.cfg.Logger.With("component", "mandates")
	mux.Handle("/calendar.ics", calendarHandler(s.snap.live.Load, mlog))
	mux.Handle("/mandates.csv", mandatesHandler(s.snap.live.Load, mlog))
	mux.Handle("/mandate-events.csv", mandatesHandler(s.snap.live.Load, mlog))
	mux.Handle("/query/gizmo", gizmoHandler(s.cfg.Store, cmp.Or(s.cfg.Timeout, QueryTimeout), s.cfg.Logger.With("component", "gizmo")))
	switch {
	case s.cfg.ReadOnly:
		s.log.Info("read-only: /admin/load disabled")
	case s.cfg.Token == "":
		s.log.Info("no token: /admin/load disabled")
	default:
		// After each load the snapshot is rebuilt once the loads have paused
		// for a moment: `resgraph load -server` posts 64 documents at a time.
		mux.Handle("/admin/load", loadHandler(s.cfg.Store, s.cfg.Token, s.cfg.Logger, func() {
			s.metrics.loads.WithLabelValues("admin", "done").Inc()
			s.snap.kick(ctx)
		}))
	}
	explorer := s.cfg.Explorer
	if explorer == nil {
		var err error
		explorer, err = web.Handler(web.Options{GraphQL: "/graphql", Logger: s.cfg.Logger})
		if err != nil {
			return nil, fmt.Errorf("explorer: %w", err)
		}
	}
	mux.Handle("/", explorer)
	return mux, nil
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.live.Load()
	st := snap.Stats()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"status": "ok", "generation": snap.Generation, "built": snap.Built.UTC().Format(time.RFC3339),
		"documents": st.Documents, "obligations": st.Obligations, "actors": st.Actors})
}

// Serve answers on ln until ctx is done, checking the store for changes
// made by other processes every poll (never when 0), then shuts down
// gracefully.
func (s *Server) Serve(ctx context.Context, ln net.Listener, poll time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	if poll > 0 {
		go s.snap.poll(ctx, poll)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", ln.Addr().String(), "graphql", "http://"+ln.Addr().String()+"/graphql",
		"backend", s.cfg.Store.Backend(), "documents", s.snap.live.Load().Stats().Documents)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
