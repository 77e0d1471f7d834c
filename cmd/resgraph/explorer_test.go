package main

// End-to-end test of the explorer page (issue 7): the real `resgraph serve`
// started in-process over the seed, then driven in headless Chromium by
// webtest.Explore. Screenshots go to web/testdata/artifacts (ignored by git).
//
// RESGRAPH_EXPLORER_URL=http://host:port runs the browser part against a
// server that is already running instead.

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/graph"
	"github.com/resgraph/resgraph/internal/testcorpus"
	"github.com/resgraph/resgraph/internal/testcorpus/corpusdocs"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/query"
	"github.com/resgraph/resgraph/web"
	"github.com/resgraph/resgraph/web/webtest"
)

func TestExplorerEndToEnd(t *testing.T) {
	webtest.Chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	base, started, stop := startServe(t, ctx)
	defer stop()
	webtest.Explore(t, ctx, base, started)
}

// BenchmarkExplorerFirstView measures issue 7's "the first view of the seed
// graph appears within 2 seconds of the server's start" as serve-ms (from
// starting `resgraph serve`, memory store, seed loaded, until / answers)
// plus page-ms (from the start of the navigation to the drawn graph, as the
// page measures it), in a new tab on a new origin each time, so nothing is
// cached; first-view-ms is their sum. The browser is started once, and the
// opening of each tab is left out of the metrics (ns/op includes it).
//
//	go test ./cmd/resgraph -run '^$' -bench ExplorerFirstView -benchtime 5x
func BenchmarkExplorerFirstView(b *testing.B) {
	webtest.Chromium(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	bctx := webtest.StartBrowser(b, ctx)
	var serveTime, pageTime time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		base, _, stop := startServe(b, ctx)
		ready := time.Now()
		page, err := webtest.FirstView(bctx, base)
		if err != nil {
			b.Fatal(err)
		}
		serveTime += ready.Sub(start)
		pageTime += page
		b.StopTimer()
		stop()
		b.StartTimer()
	}
	b.ReportMetric(float64(serveTime.Milliseconds())/float64(b.N), "serve-ms")
	b.ReportMetric(float64(pageTime.Milliseconds())/float64(b.N), "page-ms")
	b.ReportMetric(float64((serveTime+pageTime).Milliseconds())/float64(b.N), "first-view-ms")
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServe runs `resgraph serve` in-process on a free port and returns its
// base URL once the explorer page answers 200, when serve started, and a
// func that stops it.
func startServe(t testing.TB, ctx context.Context) (string, time.Time, func()) {
	if u := os.Getenv("RESGRAPH_EXPLORER_URL"); u != "" {
		return strings.TrimRight(u, "/"), time.Now(), func() {}
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	logs := &lockedBuffer{}
	start := time.Now()
	go func() {
		done <- run(ctx, []string{"serve", "-addr", addr, "-db", "memory:", "-poll", "0"}, strings.NewReader(""), io.Discard, logs)
	}()
	stop := func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Log("serve did not stop within 10s")
		}
	}
	base := "http://" + addr
	deadline := time.Now().Add(3 * time.Minute) // the seed's extraction on a loaded machine
	for {
		select {
		case err := <-done:
			cancel()
			if err != nil && strings.Contains(err.Error(), "not implemented") {
				t.Skipf("explorer end-to-end test skipped: %v", err)
			}
			t.Fatalf("serve exited early: %v\n%s", err, logs.String())
		default:
		}
		resp, err := http.Get(base + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if _, ok := t.(*testing.T); ok {
					t.Logf("serve answered / after %v (seed loaded, page ready)", time.Since(start).Round(time.Millisecond))
				}
				return base, start, stop
			}
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("explorer at %s not ready after 3 minutes (last: %v)\n%s", base, err, logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// lockedBuffer collects serve's log for failure messages.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestExplorerBigGraphStaysResponsive opens a big neighbourhood (the
// Secretary-General over 350 copies of the seed, each under its own symbol:
// 352 nodes and 701 edges, which the page lays out with fCoSE), drawn node
// by node (group=none: no summary), and checks
// that, once the first drawing is painted and until the layout's positions
// arrive, no task of the page's main thread runs longer than 200 ms of CPU
// time (from Chromium's trace): the layout runs in a Web Worker, not on the
// page. With the layout on the page, its refinement is one task of
// seconds. CPU time rather than wall time: on a machine shared with other
// work a 100-ms task can wait half a second for a core; the wall-clock
// gaps of a heartbeat timer in the page are logged beside it. (Cytoscape's
// own drawing of the graph, first and once the positions are applied, is
// one task each; the test logs how long.) It also checks that the "laying
// out" indicator shows meanwhile and is gone after, that the nodes move
// when the positions arrive, and, in a second visit, that a filter ticked
// during the layout is applied at once and kept; that a graph of 82 nodes
// (sizes with labels) is laid out in the worker too; and that without Web
// Workers, or with a worker that fails, the page lays the graph out itself.
func TestExplorerBigGraphStaysResponsive(t *testing.T) {
	webtest.Chromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	base := snapshotServer(t, ctx, seedCopies(t, 350))
	bctx := webtest.StartBrowser(t, ctx)
	// Every node drawn (group=none): the summary would draw a dozen.
	url := base + "/?n=actor%3Asecretary-general&group=none"
	r, err := webtest.BigGraph(bctx, url, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d nodes, %d edges: data at %.0f ms, drawn at %.0f ms, refined at %.0f ms (fCoSE %.0f ms in the worker, %.0f ms of CPU, which started in %.0f ms); longest main-thread stalls: %.0f ms drawing, %.0f ms during the layout, %.0f ms applying it; nodes moved %.0f px on average",
		r.Nodes, r.Edges, r.Data, r.Drawn, r.Refined, r.WorkerMs, r.WorkerCPU, r.StartupMs, r.Stalls.Drawing, r.Stalls.Layout, r.Stalls.Apply, r.Moved)
	t.Logf("longest main-thread tasks (Chromium's trace), CPU/wall ms: drawing %.0f/%.0f, during the layout %.0f/%.0f, applying it %.0f/%.0f",
		r.Tasks.DrawingCPU, r.Tasks.DrawingWall, r.Tasks.LayoutCPU, r.Tasks.LayoutWall, r.Tasks.ApplyCPU, r.Tasks.ApplyWall)
	t.Logf("page marks and main-thread stalls over 100 ms (ms since navigation start): %s", r.Trace)
	if r.Nodes < 300 {
		t.Errorf("the Secretary-General's neighbourhood has %d nodes, want at least 300 for a big graph", r.Nodes)
	}
	if r.Tasks.LayoutCPU > 200 {
		t.Errorf("a task of the page's main thread ran %.0f ms of CPU time (%.0f ms on the wall clock) while the big graph was being laid out, want at most 200 ms",
			r.Tasks.LayoutCPU, r.Tasks.LayoutWall)
	}
	if r.WorkerMs <= 0 {
		t.Errorf("the big graph was not laid out in the worker")
	}
	if !r.BusyAtDrawn {
		t.Errorf("no visible \"laying out\" indicator (#graph-busy) when the big graph was first drawn")
	}
	if r.BusyAfter {
		t.Errorf("the \"laying out\" indicator still shows after the refined layout")
	}
	if r.Moved < 1 || !r.Finite {
		t.Errorf("nodes moved %.1f px on average when the refined layout arrived (all positions finite: %v): the worker's positions were not applied", r.Moved, r.Finite)
	}
	if _, err := webtest.BigGraphWalk(t, bctx, url, 3*time.Minute); err != nil {
		t.Fatal(err)
	}

	// A graph of fewer than 150 nodes goes to the worker with node sizes
	// that include the labels (measured on the page): 80 copies.
	mid, err := webtest.BigGraph(bctx, snapshotServer(t, ctx, seedCopies(t, 80))+"/?n=actor%3Asecretary-general&group=none", 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d nodes, %d edges: laid out in the %s, nodes moved %.0f px on average", mid.Nodes, mid.Edges, mid.Where, mid.Moved)
	if mid.Nodes >= 150 || mid.Where != "worker" || mid.Moved < 1 || !mid.Finite {
		t.Errorf("%d nodes laid out in the %q, moved %.1f px on average (all finite: %v); want fewer than 150 nodes laid out in the worker, moved, finite",
			mid.Nodes, mid.Where, mid.Moved, mid.Finite)
	}

	// Without Web Workers, and with a worker that fails to load, the page
	// lays the graph out itself.
	for _, c := range []struct{ name, setup string }{
		{"no Worker", `delete window.Worker`},
		{"a worker that fails to load", `(() => { const W = window.Worker; window.Worker = function () { return new W('/static/no-such-worker.js'); }; })()`},
	} {
		r, err := webtest.BigGraph(bctx, url, 3*time.Minute, c.setup)
		if err != nil {
			t.Fatalf("with %s: %v", c.name, err)
		}
		t.Logf("with %s: refined at %.0f ms, laid out on the %s", c.name, r.Refined, r.Where)
		if r.Where != "page" || r.Moved < 1 {
			t.Errorf("with %s, the refined layout ran on the %q and moved the nodes %.1f px on average, want it on the page, moving them", c.name, r.Where, r.Moved)
		}
		if r.BusyAfter {
			t.Errorf("with %s, the \"laying out\" indicator still shows after the refined layout", c.name)
		}
	}
}

// BenchmarkExplorerBigGraph measures big neighbourhoods of the AKN corpus
// (../shared/corpus/unxml-sc, extracted in-process and served from a
// snapshot, no store), each in a new tab: drawn-ms and refined-ms, from the
// start of the navigation to the first drawing and to the refined layout
// applied; worker-ms, fCoSE's time in the worker; layout-stall-ms, the
// longest time the page's main thread was held (wall clock, heartbeat)
// while the layout ran (after the first drawing was painted, until the
// worker's answer), and layout-task-ms the CPU time of its longest task
// then (Chromium's trace); draw-stall-ms and
// draw-task-ms, the same for Cytoscape's drawing (the first drawing, and
// applying the positions); stalls and tasks are the max over the runs.
//
//	go test ./cmd/resgraph -run '^$' -bench ExplorerBigGraph -benchtime 2x
func BenchmarkExplorerBigGraph(b *testing.B) {
	webtest.Chromium(b)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	base := snapshotServer(b, ctx, corpusDocs(b))
	bctx := webtest.StartBrowser(b, ctx)
	for _, c := range []struct{ name, query string }{
		{"secretary-general", "?n=actor%3Asecretary-general"},
		{"african-union-depth-2", "?n=actor%3Aafrican-union&depth=2"},
		// Every node drawn, as before the summaries.
		{"secretary-general-ungrouped", "?n=actor%3Asecretary-general&group=none"},
		{"african-union-depth-2-ungrouped", "?n=actor%3Aafrican-union&depth=2&group=none"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var drawn, refined, worker, layoutStall, drawStall, layoutTask, drawTask float64
			var last webtest.BigGraphTimes
			for range b.N {
				r, err := webtest.BigGraph(bctx, base+"/"+c.query, 5*time.Minute)
				if err != nil {
					b.Fatal(err)
				}
				drawn += r.Drawn
				refined += r.Refined
				worker += r.WorkerMs
				layoutStall = max(layoutStall, r.Stalls.Layout)
				drawStall = max(drawStall, r.Stalls.Drawing, r.Stalls.Apply)
				layoutTask = max(layoutTask, r.Tasks.LayoutCPU)
				drawTask = max(drawTask, r.Tasks.DrawingCPU, r.Tasks.ApplyCPU)
				last = r
			}
			b.Logf("%s: %d nodes, %d edges; last run: worker start-up %.0f ms, its layout task %.0f ms of CPU; %s", c.name, last.Nodes, last.Edges, last.StartupMs, last.WorkerCPU, last.Trace)
			n := float64(b.N)
			b.ReportMetric(float64(last.Nodes), "nodes")
			b.ReportMetric(float64(last.Edges), "edges")
			b.ReportMetric(drawn/n, "drawn-ms")
			b.ReportMetric(refined/n, "refined-ms")
			b.ReportMetric(worker/n, "worker-ms")
			b.ReportMetric(layoutStall, "layout-stall-ms")
			b.ReportMetric(drawStall, "draw-stall-ms")
			b.ReportMetric(layoutTask, "layout-task-ms")
			b.ReportMetric(drawTask, "draw-task-ms")
		})
	}
}

// snapshotServer serves the explorer and the GraphQL API over a snapshot of
// docs (with the registry's actors) built in-process, as serve does from
// its store, and returns the base URL.
func snapshotServer(tb testing.TB, ctx context.Context, docs []*resgraph.Document) string {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	live := query.NewLive(query.Build(docs, reg.Actors()))
	explorer, err := web.Handler(web.Options{GraphQL: "/graphql"})
	if err != nil {
		tb.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.NewHandler(live, graph.ServerConfig{}))
	mux.Handle("/", explorer)
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv.URL
}

// seedCopies returns n copies of the seed document S/2012/946, each under
// its own symbol (S/2012/10000 and on), read and extracted by the loader:
// a big graph without the corpus, where every copy addresses the
// Secretary-General.
func seedCopies(tb testing.TB, n int) []*resgraph.Document {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		tb.Fatal(err)
	}
	x := loader.NewExtractor(reg)
	seed, err := fs.ReadFile(data.FS, "S_2012_946.txt")
	if err != nil {
		tb.Fatal(err)
	}
	docs := make([]*resgraph.Document, 0, n)
	for i := range n {
		sym := fmt.Sprintf("S/2012/%d", 10000+i)
		b := []byte(strings.ReplaceAll(string(seed), "S/2012/946", sym))
		doc, err := loader.Read(b, sym+".txt")
		if err != nil {
			tb.Fatalf("copy %s of the seed: %v", sym, err)
		}
		x.Extract(doc)
		docs = append(docs, doc)
	}
	return docs
}

// corpusDocs reads and extracts the AKN corpus (shared/corpus/unxml-sc,
// found by walking up from here), skipping when it is absent. Files the
// loader rejects are left out (the loader's own tests account for them).
func corpusDocs(tb testing.TB) []*resgraph.Document {
	dir := corpusAKN(tb)
	reg, err := corpusdocs.Registry()
	if err != nil {
		tb.Fatal(err)
	}
	docs, _, err := corpusdocs.Walk(reg, dir, ".xml")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("corpus: %d AKN documents from %s", len(docs), dir)
	return docs
}

// corpusAKN returns shared/corpus/unxml-sc beside the checkout, or skips.
func corpusAKN(tb testing.TB) string { return testcorpus.AKN(tb) }
