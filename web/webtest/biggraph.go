package webtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// heartbeatJS runs in the page before its own scripts: a 10 ms timer that
// records every gap longer than 50 ms between two of its runs. A long gap is
// a time the page's main thread was held (a layout, a long render), when
// the page could not answer a click, a pan or a key.
const heartbeatJS = `(() => {
  const hb = window.__resgraphHeartbeat = { gaps: [] };
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    if (now - last > 50) hb.gaps.push([Math.round(last), Math.round(now)]);
    last = now;
    setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
})()`

// markJS returns the time of the first performance mark resgraph:<name>, or
// -1 when the page has not set it.
func markJS(name string) string {
	return `((performance.getEntriesByName('resgraph:` + name + `')[0] || {}).startTime ?? -1)`
}

// stallsJS measures the longest heartbeat gaps (ms) over the steps of a
// big graph's drawing: Drawing, from the data's arrival to the first
// drawing painted; Layout, gaps from that paint to the worker's answer
// (a gap that ends after the answer is the applying's), or, when the layout
// ran on the page, gaps that start from the first drawing until the
// refined layout is applied; Apply, from the answer to the refined
// layout painted; All, the whole. A page without those marks (the layout
// on the page) is measured from its first drawing to its refined layout.
const stallsJS = `(() => {
  const m = (n) => (performance.getEntriesByName('resgraph:' + n)[0] || {}).startTime;
  const data = m('graph-data'), painted = m('graph-painted') ?? m('graph-drawn');
  const received = m('layout-received') ?? m('graph-refined'), end = m('graph-refined-painted') ?? m('graph-refined');
  const gaps = window.__resgraphHeartbeat.gaps;
  const longest = (keep) => Math.max(0, ...gaps.filter(keep).map(([a, b]) => b - a));
  return {
    Drawing: longest(([a, b]) => b > data && a < painted),
    Layout: m('layout-received') !== undefined ? longest(([a, b]) => a >= painted && b <= received + 1)
      : longest(([a]) => a >= m('graph-drawn') && a < received),
    Apply: longest(([a, b]) => b > received && a < end),
    All: longest(([a, b]) => b > data && a < end),
  };
})()`

// Stalls are the longest times (ms) the page's main thread was held during
// the steps of a big graph's drawing (see stallsJS).
type Stalls struct{ Drawing, Layout, Apply, All float64 }

// Tasks are the longest tasks of the page's main thread during the same
// steps, from Chromium's trace: CPU time and wall time (ms). A task's CPU
// time does not grow when the machine is busy; its wall time does.
type Tasks struct {
	DrawingCPU, LayoutCPU, ApplyCPU    float64
	DrawingWall, LayoutWall, ApplyWall float64
}

// positionsJS is every node's position, by id.
const positionsJS = `Object.fromEntries(resgraphCy.nodes().map((n) => [n.id(), { x: n.position('x'), y: n.position('y') }]))`

// BigGraphTimes is what BigGraph measured, in ms since the start of the
// navigation (the page's clock).
type BigGraphTimes struct {
	Nodes, Edges int     // drawn in the graph
	Data         float64 // the graph's data arrived (resgraph:graph-data)
	Drawn        float64 // first drawing (resgraph:graph-drawn)
	Refined      float64 // refined layout applied (resgraph:graph-refined)
	Stalls       Stalls  // longest main-thread gaps
	Tasks        Tasks   // longest main-thread tasks
	WorkerMs     float64 // fCoSE's time in the worker (0: laid out on the page)
	StartupMs    float64 // the worker's start-up: loading and running its scripts
	WorkerCPU    float64 // CPU time of the worker's longest task (the layout), from the trace
	Where        string  // where the refined layout ran: "worker" or "page"
	Moved        float64 // mean distance (px) nodes moved from Drawn to Refined
	BusyAtDrawn  bool    // the "laying out" indicator showed at the first drawing
	BusyAfter    bool    // the indicator still showed after Refined
	Finite       bool    // every node has a finite position after Refined
	// Trace lists the page's marks and the heartbeat's gaps over 100 ms,
	// in time order, for the test's log.
	Trace string
}

// BigGraph opens url (a view of a big neighbourhood) in a new tab of the
// browser bctx with the heartbeat installed, waits for the refined layout,
// and returns what it measured; it closes the tab. setup, when given, runs
// in the page before its own scripts (to take Web Workers away, say).
func BigGraph(bctx context.Context, url string, timeout time.Duration, setup ...string) (BigGraphTimes, error) {
	var r BigGraphTimes
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, timeout)
	defer cancelT()
	var tr *tracer
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, js := range append([]string{heartbeatJS}, setup...) {
			if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
				return err
			}
		}
		var err error
		tr, err = startTrace(ctx)
		return err
	}), chromedp.Navigate(url))
	if err != nil {
		return r, fmt.Errorf("opening %s: %w", url, err)
	}
	if err := bigGraphDrawn(ctx, &r); err != nil {
		return r, err
	}
	if err := bigGraphRefined(ctx, &r); err != nil {
		return r, err
	}
	if err := tr.stop(ctx); err != nil {
		return r, err
	}
	tasks, marks := tr.mainTasks()
	r.WorkerCPU = tr.workerTaskCPU()
	if len(tasks) == 0 {
		return r, fmt.Errorf("the trace has no task of the page's main thread (marks: %v)", marks)
	}
	first := func(names ...string) float64 {
		for _, n := range names {
			if t, ok := marks[n]; ok {
				return t
			}
		}
		return 0
	}
	data := first("graph-data")
	drawn := first("graph-drawn")
	painted := first("graph-painted", "graph-drawn")
	received, worker := marks["layout-received"]
	if !worker {
		received = first("graph-refined")
	}
	end := first("graph-refined-painted", "graph-refined")
	for _, t := range tasks {
		cpu, wall := t.Tdur/1000, t.Dur/1000
		switch {
		case t.Ts < painted && t.Ts+t.Dur > data:
			r.Tasks.DrawingCPU, r.Tasks.DrawingWall = max(r.Tasks.DrawingCPU, cpu), max(r.Tasks.DrawingWall, wall)
		case worker && t.Ts >= painted && t.Ts+t.Dur < received, !worker && t.Ts >= drawn && t.Ts < received:
			r.Tasks.LayoutCPU, r.Tasks.LayoutWall = max(r.Tasks.LayoutCPU, cpu), max(r.Tasks.LayoutWall, wall)
		case t.Ts < end && t.Ts+t.Dur > received:
			r.Tasks.ApplyCPU, r.Tasks.ApplyWall = max(r.Tasks.ApplyCPU, cpu), max(r.Tasks.ApplyWall, wall)
		}
	}
	return r, nil
}

// bigGraphDrawn waits for the first drawing and keeps the positions then.
func bigGraphDrawn(ctx context.Context, r *BigGraphTimes) error {
	// Polled on each animation frame: the first frame after the drawing
	// keeps the positions then (in the page, so nothing moves meanwhile).
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		if (`+markJS("graph-drawn")+` < 0 || !window.resgraphCy) return false;
		if (!window.__drawnAt) window.__drawnAt = { pos: `+positionsJS+`, refined: `+markJS("graph-refined")+` >= 0, busy: !!document.querySelector('#graph-busy:not([hidden])') };
		return true;
	})()`))
	if err != nil {
		return fmt.Errorf("waiting for the first drawing: %w", err)
	}
	r.Drawn, err = chromedp.Run(ctx, chromedp.Evaluate[float64](markJS("graph-drawn")))
	if err != nil {
		return err
	}
	r.BusyAtDrawn, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__drawnAt.busy`))
	return err
}

// bigGraphRefined waits for the refined layout and measures the rest.
func bigGraphRefined(ctx context.Context, r *BigGraphTimes) error {
	// A graph laid out on the page at once (fewer than WORKER_FROM nodes, a
	// summary) has no refined layout: it is settled when first drawn.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](markJS("graph-refined-painted")+` >= 0 || (`+markJS("graph-refined")+` >= 0 && performance.now() - `+markJS("graph-refined")+` > 1000) || (`+markJS("graph-settled")+` >= 0 && document.body.dataset.graph === 'settled')`,
		chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		return fmt.Errorf("waiting for the refined layout: %w", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Nodes, Edges            int
		Data, Refined, WorkerMs float64
		StartupMs               float64
		Where                   string
		Stalls                  Stalls
		Moved                   float64
		BusyAfter               bool
		Finite                  bool
		Trace                   string
	}](`(() => {
		const before = window.__drawnAt.refined ? {} : window.__drawnAt.pos;
		const now = `+positionsJS+`;
		let sum = 0, n = 0;
		for (const [id, p] of Object.entries(now)) {
			const q = before[id];
			if (q) { sum += Math.hypot(p.x - q.x, p.y - q.y); n++; }
		}
		return { Nodes: resgraphCy.nodes().length, Edges: resgraphCy.edges().length, Data: `+markJS("graph-data")+`, Refined: `+markJS("graph-refined")+` >= 0 ? `+markJS("graph-refined")+` : `+markJS("graph-settled")+`,
			WorkerMs: (resgraphCy.scratch('resgraph-layout') || {}).workerMs || 0, Where: (resgraphCy.scratch('resgraph-layout') || {}).where || '',
			StartupMs: (resgraphCy.scratch('resgraph-layout') || {}).startupMs || 0,
			Stalls: `+stallsJS+`,
			Moved: n ? sum / n : 0, BusyAfter: !!document.querySelector('#graph-busy:not([hidden])'),
			Finite: Object.values(now).every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)),
			Trace: [...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('resgraph:')).map((m) => [m.startTime, m.name.slice(9)]),
				...window.__resgraphHeartbeat.gaps.filter(([a, b]) => b - a > 100).map(([a, b]) => [a, 'stall ' + (b - a) + ' ms'])]
				.sort((x, y) => x[0] - y[0]).map(([t, what]) => Math.round(t) + ' ' + what).join('; ') +
				(window.__drawnAt.refined ? ' (already refined at the first drawing)' : '') };
	})()`))
	if err != nil {
		return fmt.Errorf("reading the page's timings: %w", err)
	}
	r.Nodes, r.Edges, r.Data, r.Refined, r.WorkerMs, r.StartupMs, r.Where, r.Stalls = v.Nodes, v.Edges, v.Data, v.Refined, v.WorkerMs, v.StartupMs, v.Where, v.Stalls
	r.Moved, r.BusyAfter, r.Finite, r.Trace = v.Moved, v.BusyAfter, v.Finite, v.Trace
	return nil
}

// BigGraphWalk is BigGraph with an analyst at work: while the layout runs
// (the "laying out" indicator shows), it drags the graph (it must pan),
// ticks the "request" class filter
// and checks that the page applies it at once; then (the layout most likely
// still running) it expands a document and checks that the bigger graph is
// laid out, its positions applied, and the filter kept; it fails t on an
// uncaught exception in the page. It returns the times of the first drawing.
func BigGraphWalk(t *testing.T, bctx context.Context, url string, timeout time.Duration) (BigGraphTimes, error) {
	var r BigGraphTimes
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, timeout)
	defer cancelT()
	c := &console{}
	c.listen(t, ctx)
	defer func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, e := range c.exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	}()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: heartbeatJS})
		return err
	}), chromedp.Navigate(url))
	if err != nil {
		return r, fmt.Errorf("opening %s: %w", url, err)
	}
	if err := bigGraphDrawn(ctx, &r); err != nil {
		return r, fmt.Errorf("%w\nconsole:\n%s", err, c)
	}
	if r.BusyAtDrawn {
		// Pan: drag the graph by an empty corner.
		corner, err := chromedp.Run(ctx, chromedp.Evaluate[struct{ X, Y, PanX, PanY float64 }](`(() => {
			const r = document.getElementById('cy').getBoundingClientRect();
			return { X: r.left + 12, Y: r.bottom - 12, PanX: resgraphCy.pan().x, PanY: resgraphCy.pan().y };
		})()`))
		if err != nil {
			return r, err
		}
		held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
		drag := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, corner.X, corner.Y, held)}
		for i := 1; i <= 6; i++ {
			drag = append(drag, chromedp.MouseEvent(chromedp.MouseMoved, corner.X+float64(20*i), corner.Y-float64(10*i), held))
		}
		drag = append(drag, chromedp.MouseEvent(chromedp.MouseReleased, corner.X+120, corner.Y-60, held))
		if err := chromedp.Do(ctx, drag...); err != nil {
			return r, fmt.Errorf("dragging the graph during the layout: %w", err)
		}
		pan, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			X, Y float64
			Busy bool
		}](`({ X: resgraphCy.pan().x, Y: resgraphCy.pan().y, Busy: !!document.querySelector('#graph-busy:not([hidden])') })`))
		if err != nil {
			return r, err
		}
		if dx, dy := pan.X-corner.PanX, pan.Y-corner.PanY; dx < 60 || dy > -30 {
			t.Errorf("dragging the graph by (120, -60) px during the layout panned it by (%.0f, %.0f)", dx, dy)
		}
		t.Logf("graph panned while the layout was running: %v", pan.Busy)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("class-request"))); err != nil {
			return r, fmt.Errorf("ticking the request class during the layout: %w", err)
		}
		ok, err := chromedp.Run(ctx, chromedp.Poll[bool](`/[?&]class=request(&|$)/.test(location.search) &&
			resgraphCy.edges(':visible').length > 0 &&
			resgraphCy.edges(':visible').every(e => ['request', 'cites'].includes(e.data('class')) || e.data('kind') !== 'obligation')`,
			chromedp.WithPollingTimeout(30*time.Second)))
		if err != nil || !ok {
			return r, fmt.Errorf("the request filter, ticked during the layout, was not applied: %v", err)
		}
		still, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector('#graph-busy:not([hidden])')`))
		if err != nil {
			return r, err
		}
		t.Logf("request filter applied while the layout was running: %v (the layout may end first on a fast machine)", still)
		// Expanding a document while the graph is being laid out: the
		// layout under way is dropped, the bigger graph is laid out and its
		// positions applied.
		v, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			Nodes int
			Busy  bool
		}](`(() => {
			const busy = !!document.querySelector('#graph-busy:not([hidden])');
			const n = resgraphCy.nodes().length;
			document.querySelector('#node-list button[data-node^="document:"]').click();
			return { Nodes: n, Busy: busy };
		})()`))
		if err != nil {
			return r, fmt.Errorf("expanding a document: %w", err)
		}
		t.Logf("document expanded while the layout was running: %v", v.Busy)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`resgraphCy.nodes().length > `+fmt.Sprint(v.Nodes)+` && !!document.querySelector('#graph-busy[hidden]') &&
			(resgraphCy.scratch('resgraph-layout') || {}).nodes === resgraphCy.nodes().length`, chromedp.WithPollingTimeout(2*time.Minute))); err != nil {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({ nodes: resgraphCy.nodes().length, layout: resgraphCy.scratch('resgraph-layout'), busy: !document.querySelector('#graph-busy').hidden })`))
			return r, fmt.Errorf("after expanding a document of the %d-node graph, the bigger graph's layout was not applied: %v (%s)\nconsole:\n%s", v.Nodes, err, state, c)
		}
		// The filter still holds once the worker's positions are applied.
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`resgraphCy.edges(':visible').every(e => ['request', 'cites'].includes(e.data('class')) || e.data('kind') !== 'obligation')`))
		if err != nil {
			return r, err
		}
		if !ok {
			t.Errorf("after the bigger graph's layout, obligation edges of classes other than request are drawn again")
		}
	}
	return r, nil
}
