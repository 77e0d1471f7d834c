package server

import (
	"regexp"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/query"
)

// metrics are the server's Prometheus metrics, in their own registry.
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
