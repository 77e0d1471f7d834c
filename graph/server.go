package graph

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// Default limits of the API.
const (
	DefaultMaxDepth      = 12
	DefaultMaxComplexity = 50000
	DefaultTimeout       = 10 * time.Second
)

// ServerConfig configures NewHandler. Zero values take the defaults.
type ServerConfig struct {
	Logger        *slog.Logger
	MaxDepth      int           // deepest selection nesting allowed
	MaxComplexity int           // gqlgen complexity limit; lists count as their page size times their items
	Timeout       time.Duration // per request
	// CacheEntries bounds the response cache (0: DefaultCacheEntries;
	// negative: no cache). See responseCache.
	CacheEntries int
	// Observe, when set, is called after every operation.
	Observe func(Observation)
	// GeneratedOnly answers every operation with gqlgen's generated
	// executor, without the compiled plans of compiledSchema (for tests
	// and benchmarks that compare the two).
	GeneratedOnly bool
}

// withDefaults returns cfg with its zero values replaced by the defaults.
func (cfg ServerConfig) withDefaults() ServerConfig {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxDepth == 0 {
		cfg.MaxDepth = DefaultMaxDepth
	}
	if cfg.MaxComplexity == 0 {
		cfg.MaxComplexity = DefaultMaxComplexity
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	return cfg
}

// Handler is the GraphQL HTTP handler over the snapshots.
type Handler struct {
	h        http.Handler
	compiled *compiledSchema // nil with GeneratedOnly
	metrics  handlerMetrics
}

// handlerMetrics are the handler's own Prometheus metrics (Collector).
type handlerMetrics struct {
	fallbacks *prometheus.CounterVec
	enabled   prometheus.Gauge
}

func (m handlerMetrics) Describe(ch chan<- *prometheus.Desc) {
	m.fallbacks.Describe(ch)
	m.enabled.Describe(ch)
}

func (m handlerMetrics) Collect(ch chan<- prometheus.Metric) {
	m.fallbacks.Collect(ch)
	m.enabled.Collect(ch)
}

// NewHandler returns the GraphQL HTTP handler over the snapshots: POST and
// GET transports, introspection, automatic persisted queries, depth and
// complexity limits, a per-request timeout and the error presenter.
func NewHandler(snaps Snapshots, cfg ServerConfig) *Handler {
	cfg = cfg.withDefaults()
	h := &Handler{metrics: handlerMetrics{
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "resgraph_graphql_compiled_fallbacks_total",
			Help: "GraphQL operations the compiled executor handed to gqlgen's generated executor, by reason."}, []string{"reason"}),
		enabled: prometheus.NewGauge(prometheus.GaugeOpts{Name: "resgraph_graphql_compiled_executor_enabled",
			Help: "1 when the compiled executor answers the queries it can, 0 when gqlgen's generated executor answers all."}),
	}}
	res := &Resolver{Snapshots: snaps}
	var es graphql.ExecutableSchema = NewExecutableSchema(Config{Resolvers: res, Complexity: complexity()})
	if !cfg.GeneratedOnly {
		h.compiled = newCompiledSchema(es, res, cfg.Logger, h.metrics.fallbacks)
		es = h.compiled
		h.metrics.enabled.Set(1)
	}
	h.h = newGraphQLServer(es, snaps, cfg, postTransport{})
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.h.ServeHTTP(w, r) }

// Collector returns the handler's metrics, for a Prometheus registry:
// resgraph_graphql_compiled_fallbacks_total (operations the compiled
// executor handed to gqlgen's, by reason) and
// resgraph_graphql_compiled_executor_enabled.
func (h *Handler) Collector() prometheus.Collector { return h.metrics }

// Observation describes one operation served, for metrics.
type Observation struct {
	Operation string // its name; "" for anonymous operations
	Executor  string // what answered: ExecutorCompiled, ExecutorGenerated or ExecutorCache
	Duration  time.Duration
	Failed    bool // whether the answer has errors
}

// What answered an operation (Observation.Executor).
const (
	ExecutorCompiled  = "compiled"  // the compiled executor (compiled.go)
	ExecutorGenerated = "generated" // gqlgen's generated executor
	ExecutorCache     = "cache"     // the response cache, with an earlier answer
)

// executedBy is where the compiled executor notes that it answered.
type executedBy struct{ name string }

type executedByKey struct{}

// newGraphQLServer serves es with gqlgen's handler, the given POST
// transport and the rest of NewHandler's configuration.
func newGraphQLServer(es graphql.ExecutableSchema, snaps Snapshots, cfg ServerConfig, post graphql.Transport) http.Handler {
	srv := handler.New(es)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(getTransport{})
	srv.AddTransport(post)
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(newOperationLimits(cfg.MaxComplexity, cfg.MaxDepth))
	srv.SetErrorPresenter(ErrorPresenter(cfg.Logger))
	srv.SetRecoverFunc(RecoverFunc(cfg.Logger))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// One snapshot for the whole operation (the response cache may
		// have chosen it already).
		if _, ok := ctx.Value(snapshotKey{}).(*query.Snapshot); !ok {
			ctx = WithSnapshot(ctx, snaps.Load())
		}
		start := time.Now()
		name := graphql.GetOperationContext(ctx).OperationName
		by := &executedBy{ExecutorGenerated}
		h := next(context.WithValue(ctx, executedByKey{}, by))
		return func(ctx context.Context) *graphql.Response {
			resp := h(ctx)
			if cfg.Observe != nil && resp != nil {
				cfg.Observe(Observation{Operation: name, Executor: by.name, Duration: time.Since(start), Failed: len(resp.Errors) > 0})
			}
			return resp
		}
	})
	// A context deadline rather than http.TimeoutHandler, which buffers
	// every response and costs a goroutine per request: resolvers are
	// bounded in-memory work that checks the context at each top-level field.
	// The response cache sits in front: a hit is a bounded copy and needs
	// no deadline (nor its timer).
	h := withTimeout(srv, cfg.Timeout)
	if cfg.CacheEntries >= 0 {
		h = newResponseCache(snaps, h, cmp.Or(cfg.CacheEntries, DefaultCacheEntries), cfg.Observe)
	}
	return h
}

// withTimeout gives each request a context that ends after d; resolvers
// stop at their next check.
func withTimeout(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// complexity makes lists cost their page size times their items, so a
// nested query over big pages is refused before it runs.
func complexity() ComplexityRoot {
	var c ComplexityRoot
	size := func(first *int, def int) int {
		if first == nil || *first <= 0 {
			return def
		}
		return *first
	}
	c.Query.Obligations = func(child int, _ *model.ObligationFilter, first *int, _ *string, _ *model.ObligationOrder) int {
		return 1 + child*size(first, query.DefaultPageSize)
	}
	c.Query.Documents = func(child int, _ *model.DocumentFilter, first *int, _ *string, _ *model.DocumentOrder) int {
		return 1 + child*size(first, query.DefaultPageSize)
	}
	c.Query.Actors = func(child int, _, _ *string, first *int, _ *string) int {
		return 1 + child*size(first, query.DefaultPageSize)
	}
	c.Query.Suggest = func(child int, _ string, first *int) int { return 1 + child*size(first, query.DefaultPageSize) }
	c.Query.Search = func(child int, _ string, first *int) int { return 1 + child*size(first, query.DefaultPageSize) }
	c.Query.Neighbourhood = func(child int, _ string, _ *int, _ []string, limit *int) int {
		return 1 + child*size(limit, query.DefaultMaxNodes)/4
	}
	// A summary draws its top neighbours, as many again for each open
	// group, and a few dozen groups.
	c.Query.NeighbourhoodSummary = func(child int, _ string, _ *int, _ []string, top *int, _ *model.NeighbourGrouping, open []string) int {
		return 1 + child*(size(top, defaultSummaryTop)*(1+len(open))+40)/4
	}
	c.Actor.Obligations = func(child int, _ *model.ObligationFilter, first *int, _ *string, _ *model.ObligationOrder) int {
		return 1 + child*size(first, query.DefaultPageSize)
	}
	c.Actor.Documents = func(child int, first *int, _ *string) int { return 1 + child*size(first, query.DefaultPageSize) }
	c.Actor.Stances = func(child int, first *int) int { return 1 + child*size(first, query.DefaultPageSize) }
	// Lists without paging: a typical size.
	c.Document.Paragraphs = func(child int, _ *string) int { return 1 + child*40 }
	c.Document.Obligations = func(child int) int { return 1 + child*30 }
	c.Document.Stances = func(child int) int { return 1 + child*10 }
	c.Document.CitesOut = func(child int) int { return 1 + child*10 }
	c.Document.CitesIn = func(child int) int { return 1 + child*10 }
	return c
}
