package webtest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The explorer at the scale of the corpus (issue 18, item 5): the
// Secretary-General's page (1,609 neighbours, 4,703 obligations) and
// AFISMA at depth 2, checked for what a reader sees (nodes in view,
// labels that do not collide, a table that fits its panel and pages,
// sorts and filters on the server, the obligations by year) and for
// responsiveness (the longest task of the page's main thread).

// Readability is what the graph shows, measured in the page as a
// screenshot is taken.
type Readability struct {
	Nodes, Edges int // drawn (not hidden by a filter)
	InView       int // nodes whose centre is inside the graph's box
	Groups       int // group nodes drawn
	Labels       int // nodes with their label drawn
	// LabelOverlaps counts pairs of drawn labels whose boxes (as
	// Cytoscape measures them, in screen pixels) overlap by more than a
	// pixel; LabelOnNode, labels that cover another node.
	LabelOverlaps, LabelOnNode int
	// LabelOut counts labels cut by the edge of the graph's box.
	LabelOut int
	// SmallestFont is the smallest label font on screen (px).
	SmallestFont float64
	// Ink is the share of the graph's pixels in the screenshot that are
	// not background: 0 is a blank graph.
	Ink float64
	// Shot is the screenshot's file.
	Shot string
}

// readabilityJS measures the drawn graph: boxes of labels and nodes from
// Cytoscape, in rendered (screen) pixels.
const readabilityJS = `(() => {
  const cy = resgraphCy;
  const vis = cy.nodes().filter((n) => !n.hasClass('hidden'));
  const ext = { w: cy.width(), h: cy.height() };
  const inView = vis.filter((n) => { const p = n.renderedPosition(); return p.x >= 0 && p.y >= 0 && p.x <= ext.w && p.y <= ext.h; });
  const z = cy.zoom(), pan = cy.pan();
  const r = (b) => ({ x1: b.x1 * z + pan.x, y1: b.y1 * z + pan.y, x2: b.x2 * z + pan.x, y2: b.y2 * z + pan.y });
  const labelled = inView.filter((n) => !n.hasClass('nolabel') && n.data('label'));
  const labels = labelled.map((n) => ({ id: n.id(), b: r(n.boundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false, includeEdges: false })) }));
  const bodies = inView.map((n) => ({ id: n.id(), b: r(n.boundingBox({ includeNodes: true, includeLabels: false, includeOverlays: false, includeEdges: false })) }));
  const over = (a, b) => Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1;
  let pairs = 0, onNode = 0;
  const bad = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) if (over(labels[i].b, labels[j].b)) { pairs++; bad.push(labels[i].id + ' / ' + labels[j].id + ' ' + JSON.stringify([labels[i].b, labels[j].b].map((b) => [b.x1, b.y1, b.x2, b.y2].map(Math.round)))); }
    // A node's border may touch a label: 2 px of slack.
    for (const n of bodies) {
      if (n.id === labels[i].id) continue;
      const s = { x1: n.b.x1 + 2, y1: n.b.y1 + 2, x2: n.b.x2 - 2, y2: n.b.y2 - 2 };
      if (over(labels[i].b, s)) { onNode++; bad.push(labels[i].id + ' on ' + n.id); }
    }
  }
  const out = labels.filter((l) => l.b.x1 < -1 || l.b.y1 < -1 || l.b.x2 > ext.w + 1 || l.b.y2 > ext.h + 1).map((l) => l.id);
  const fonts = labelled.map((n) => parseFloat(n.style('font-size')) * z);
  const box = document.getElementById('cy').getBoundingClientRect();
  return { Nodes: vis.length, Edges: cy.edges().filter((e) => !e.hasClass('hidden')).length, InView: inView.length,
    Groups: vis.filter((n) => n.data('kind') === 'group').length, Labels: labelled.length, LabelOverlaps: pairs, LabelOnNode: onNode, LabelOut: out.length,
    SmallestFont: fonts.length ? Math.min(...fonts) : 0, Bad: [...bad.slice(0, 10), ...out.map((id) => id + ' out of view')],
    Box: { X: box.left, Y: box.top, W: box.width, H: box.height } };
})()`

// readability takes a screenshot of the page into dir/name.png and
// measures the graph in it.
func readability(ctx context.Context, dir, name string) (Readability, []string, error) {
	var r Readability
	v, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Readability
		Bad []string
		Box struct{ X, Y, W, H float64 }
	}](readabilityJS))
	if err != nil {
		return r, nil, fmt.Errorf("measuring the graph: %w", err)
	}
	r = v.Readability
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return r, nil, fmt.Errorf("screenshot: %w", err)
	}
	r.Shot = filepath.Join(dir, name+".png")
	if err := os.WriteFile(r.Shot, buf, 0o644); err != nil {
		return r, nil, err
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		return r, nil, fmt.Errorf("decoding the screenshot: %w", err)
	}
	r.Ink = ink(img, image.Rect(int(v.Box.X), int(v.Box.Y), int(v.Box.X+v.Box.W), int(v.Box.Y+v.Box.H)))
	return r, v.Bad, nil
}

// ink returns the share of pixels of img within rect that are not near
// white.
func ink(img image.Image, rect image.Rectangle) float64 {
	rect = rect.Intersect(img.Bounds())
	if rect.Empty() {
		return 0
	}
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y += 2 {
		for x := rect.Min.X; x < rect.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || b < 0xf000 {
				n++
			}
		}
	}
	return float64(n) / float64((rect.Dx()+1)/2*((rect.Dy()+1)/2))
}

// Visit is what a visit measured: the longest tasks of the page's main
// thread from the start of the navigation until the page settled
// (Chromium's trace), CPU and wall time (ms), and the marks' times.
type Visit struct {
	LongestCPU, LongestWall float64
	// Top lists the five longest tasks (CPU ms, wall ms, start ms after
	// the navigation started).
	Top   string
	Marks map[string]float64 // ms after the navigation started
}

// visit opens url in the tab ctx with Chromium's trace running, waits for
// ready (a JavaScript condition) and then for the page to be quiet
// (nothing but the heartbeat for quiet), and measures its main thread.
func visit(ctx context.Context, url, ready string, quiet time.Duration) (Visit, error) {
	var v Visit
	var tr *tracer
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: `performance.mark('resgraph:navigation')`}); err != nil {
			return err
		}
		var err error
		tr, err = startTrace(ctx, "devtools.timeline")
		return err
	}), chromedp.Navigate(url))
	if err != nil {
		return v, fmt.Errorf("opening %s: %w", url, err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(3*time.Minute), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil || !ok {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('error')||{}).textContent + ' | ' + location.href + ' | ' + document.getElementById('graph-summary').textContent`))
		return v, fmt.Errorf("waiting for %s: %v (%s)", ready, err, state)
	}
	time.Sleep(quiet)
	if err := tr.stop(ctx); err != nil {
		return v, err
	}
	tasks, marks := tr.mainTasks()
	start, ok := marks["navigation"]
	if !ok {
		return v, fmt.Errorf("no navigation mark in the trace (marks %v)", marks)
	}
	v.Marks = map[string]float64{}
	for k, t := range marks {
		v.Marks[k] = (t - start) / 1000
	}
	// Tasks from the page's first script on (the navigation mark is set
	// before the page's own scripts run, in the document's first task).
	var kept []traceEvent
	for _, t := range tasks {
		if t.Ts+t.Dur >= start {
			kept = append(kept, t)
		}
	}
	slices.SortFunc(kept, func(a, b traceEvent) int { return int(b.Tdur - a.Tdur) })
	var top []string
	for i, t := range kept {
		if i == 0 {
			v.LongestCPU, v.LongestWall = t.Tdur/1000, t.Dur/1000
		}
		v.LongestWall = max(v.LongestWall, t.Dur/1000)
		if i < 5 {
			what := tr.inside(t, 5000)
			top = append(top, fmt.Sprintf("%.0f/%.0f ms at %.0f (%s)", t.Tdur/1000, t.Dur/1000, (t.Ts-start)/1000, strings.Join(what[:min(3, len(what))], ", ")))
		}
	}
	v.Top = strings.Join(top, "; ")
	return v, nil
}

// AtScale walks the explorer at base, a server of the AKN corpus, and
// fails t where a reader would not manage: screenshots go to the
// artifacts folder (scale-*.png). It returns what it measured
// of the Secretary-General's page and of AFISMA at depth 2.
func AtScale(t *testing.T, ctx context.Context, base string) (sg, afisma Readability, visit0 Visit) {
	Chromium(t)
	dir := artifacts(t)
	old, _ := filepath.Glob(filepath.Join(dir, "scale-*.png"))
	for _, f := range old {
		os.Remove(f)
	}
	bctx := startBrowser(t, ctx)
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	p := &page{t: t, ctx: tab, dir: dir, prefix: "scale", console: &console{}}
	p.console.listen(t, tab)
	shot := func(name string) string { // numbered as p.screenshot numbers
		p.shot++
		return fmt.Sprintf("scale-%02d-%s", p.shot, name)
	}
	defer func() {
		p.console.mu.Lock()
		defer p.console.mu.Unlock()
		for _, e := range p.console.exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	}()
	settled := `document.body.dataset.ready === 'true' && document.body.dataset.graph === 'settled'
		&& document.querySelector('#ob-table tbody tr') !== null && document.querySelector('#actor-table').dataset.loading === '' && document.querySelector('#years svg') !== null`

	// The Secretary-General's page, opened by link.
	v, err := visit(tab, base+"/?n=actor%3Asecretary-general&v=actor&id=secretary-general", settled, 1500*time.Millisecond)
	if err != nil {
		p.screenshot("failed")
		t.Fatalf("the Secretary-General's page: %v\nconsole:\n%s", err, p.console)
	}
	visit0 = v
	t.Logf("Secretary-General: longest main-thread task %.0f ms of CPU (%.0f ms wall); top: %s; marks (ms): graph-data %.0f, graph-drawn %.0f, graph-refined %.0f, table-drawn %.0f",
		v.LongestCPU, v.LongestWall, v.Top, v.Marks["graph-data"], v.Marks["graph-drawn"], v.Marks["graph-refined"], v.Marks["table-drawn"])
	if v.LongestCPU > 200 {
		t.Errorf("the Secretary-General's page: a main-thread task ran %.0f ms of CPU, want at most 200 ms (top: %s)", v.LongestCPU, v.Top)
	}
	sg, bad, err := readability(tab, dir, shot("secretary-general"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s: %d nodes (%d in view, %d groups), %d edges, %d labels, %d overlapping pairs, %d on a node, smallest label %.1f px, ink %.3f",
		sg.Shot, sg.Nodes, sg.InView, sg.Groups, sg.Edges, sg.Labels, sg.LabelOverlaps, sg.LabelOnNode, sg.SmallestFont, sg.Ink)
	checkReadable(t, "the Secretary-General's page", sg, bad)
	summary := eval[struct{ Neighbours, Shown, Groups int }](p, `(({ neighbours, shown, groups }) => ({ Neighbours: Number(neighbours), Shown: Number(shown), Groups: Number(groups) }))(document.getElementById('graph-summary').dataset)`)
	if summary.Neighbours < 1000 || summary.Shown > 100 || sg.Groups == 0 {
		t.Errorf("the Secretary-General's graph is not summarized: %+v, %d groups", summary, sg.Groups)
	}

	// The table: newest first, 50 rows of all, fitting its panel.
	checkTable(t, p, "newest first", func(rows []tableRow) error {
		for i := 1; i < len(rows); i++ {
			if rows[i].Date > rows[i-1].Date {
				return fmt.Errorf("row %d (%s) is newer than row %d (%s)", i+1, rows[i].Date, i, rows[i-1].Date)
			}
		}
		return nil
	})
	first := eval[[]tableRow](p, tableRowsJS)
	total := eval[int](p, `Number(document.getElementById('table-count').dataset.total)`)
	if len(first) != 50 || total < 1000 {
		t.Errorf("the first page has %d rows of %d, want 50 of thousands", len(first), total)
	}
	fit := eval[struct {
		Scroll, Client int
		Cut            []string
	}](p, `(() => {
		const panel = document.getElementById('detail').getBoundingClientRect();
		const t = document.getElementById('ob-table');
		const cut = [...t.querySelectorAll('thead th')].filter((th) => { const r = th.getBoundingClientRect(); return r.right > panel.right + 1 || r.left < panel.left - 1 || r.width < 30; }).map((th) => th.textContent);
		return { Scroll: document.getElementById('detail').scrollWidth, Client: document.getElementById('detail').clientWidth, Cut: cut };
	})()`)
	if fit.Scroll > fit.Client || len(fit.Cut) > 0 {
		t.Errorf("the table does not fit its panel: %d px wide in %d; columns cut: %q", fit.Scroll, fit.Client, fit.Cut)
	}
	p.screenshot("table")

	// Next page: rows 51-100, still newest first, after the first page.
	p.run("next page", chromedp.Click(chromedp.ID("page-next")))
	p.waitFor("page 2", `/[?&]tp=2(&|$)/.test(location.search) && document.querySelector('#actor-table').dataset.page === '2' && document.querySelector('#actor-table').dataset.loading === ''`)
	second := eval[[]tableRow](p, tableRowsJS)
	if len(second) != 50 || second[0].Date > first[49].Date || second[0].ID == first[0].ID {
		t.Errorf("page 2: %d rows, first %+v after page 1's last %+v", len(second), second[0], first[49])
	}
	if got := eval[string](p, `document.getElementById('table-count').textContent`); !strings.HasPrefix(got, "Rows 51–100 of ") {
		t.Errorf("page 2 says %q", got)
	}
	// Sort by verb on the server: the first page is the verbs from "a".
	p.run("sorting by verb", chromedp.Click(chromedp.CSS(`#ob-table th button[data-col=verb]`)))
	p.waitFor("sorted by verb", `/[?&]ts=verb(&|$)/.test(location.search) && !/tp=/.test(location.search) && document.querySelector('#ob-table th button.sorted.asc[data-col=verb]') !== null && document.querySelector('#actor-table').dataset.loading === ''`)
	verbs := eval[[]tableRow](p, tableRowsJS)
	for i := 1; i < len(verbs); i++ {
		if strings.ToLower(verbs[i].Verb) < strings.ToLower(verbs[i-1].Verb) {
			t.Errorf("sorted by verb: %q after %q", verbs[i].Verb, verbs[i-1].Verb)
			break
		}
	}
	// Words filter on the server, then a year of the strip.
	p.run("filtering", chromedp.SendKeys(chromedp.ID("table-filter"), "sexual violence"))
	p.waitFor("the words filter", `/[?&]tq=sexual(\+|%20)violence(&|$)/.test(location.search) && document.querySelector('#actor-table').dataset.loading === '' && Number(document.getElementById('table-count').dataset.total) > 0`)
	filtered := eval[int](p, `Number(document.getElementById('table-count').dataset.total)`)
	p.run("picking a year", chromedp.Click(chromedp.CSS(`#years g.year[data-year="2013"]`)))
	p.waitFor("the year filter", `/[?&]ty=2013(&|$)/.test(location.search) && document.querySelector('#actor-table').dataset.loading === '' && document.querySelector('#years g.year.selected[data-year="2013"]') !== null`)
	years := eval[[]tableRow](p, tableRowsJS)
	for _, r := range years {
		if !strings.HasPrefix(r.Date, "2013") {
			t.Errorf("filtered to 2013, a row of %s", r.Date)
		}
	}
	t.Logf("the table: %d rows, page 2 from %s, \"sexual violence\" %d rows, in 2013 %d of them", total, second[0].Date, filtered, len(years))
	p.screenshot("table-filtered")

	// Show more: 30 more neighbours one by one; open a group.
	before := eval[int](p, `resgraphCy.nodes().length`)
	p.run("show more", chromedp.Click(chromedp.ID("show-more")))
	p.waitFor("more neighbours", `/[?&]top=60(&|$)/.test(location.search) && resgraphCy.nodes().length > `+fmt.Sprint(before)+` && document.body.dataset.graph === 'settled'`)
	group := eval[string](p, `(resgraphCy.nodes('[kind = "group"]').max((n) => n.data('members')).ele || { id: () => '' }).id()`)
	if group == "" {
		t.Fatalf("no group to open")
	}
	members := eval[int](p, `resgraphCy.getElementById(`+jsString(group)+`).data('members')`)
	eval[bool](p, `(document.querySelector('#node-list button[data-node="`+group+`"]').click(), true)`) // the keyboard list's button
	p.waitFor("the group opened", `/[?&]g=/.test(location.search) && (resgraphCy.getElementById(`+jsString(group)+`).empty() || resgraphCy.getElementById(`+jsString(group)+`).data('members') < `+fmt.Sprint(members)+`)`)
	p.waitFor("the layout after opening", `document.body.dataset.ready === 'true' && document.body.dataset.graph === 'settled'`)
	opened, bad, err := readability(tab, dir, shot("secretary-general-more"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("shown 60 and opened %s: %d nodes (%d in view), %d labels, %d overlapping, %d on a node", group, opened.Nodes, opened.InView, opened.Labels, opened.LabelOverlaps, opened.LabelOnNode)
	checkReadable(t, "the Secretary-General's page with more", opened, bad)

	// AFISMA at depth 2, in a new tab, the first one closed: tabs of one
	// site can share a renderer's main thread, whose tasks the trace
	// counts.
	cancel()
	tab2, cancel2 := chromedp.NewContext(bctx)
	defer cancel2()
	p.console.listen(t, tab2)
	p.ctx = tab2
	v2, err := visit(tab2, base+"/?n=actor%3Aafisma&depth=2&v=actor&id=afisma", settled, 1500*time.Millisecond)
	if err != nil {
		p.screenshot("failed")
		t.Fatalf("AFISMA at depth 2: %v\nconsole:\n%s", err, p.console)
	}
	t.Logf("AFISMA at depth 2: longest main-thread task %.0f ms of CPU (%.0f ms wall); top: %s", v2.LongestCPU, v2.LongestWall, v2.Top)
	if v2.LongestCPU > 200 {
		t.Errorf("AFISMA at depth 2: a main-thread task ran %.0f ms of CPU, want at most 200 ms (top: %s)", v2.LongestCPU, v2.Top)
	}
	afisma, bad, err = readability(tab2, dir, shot("afisma-depth-2"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s: %d nodes (%d in view, %d groups), %d edges, %d labels, %d overlapping pairs, %d on a node, smallest label %.1f px",
		afisma.Shot, afisma.Nodes, afisma.InView, afisma.Groups, afisma.Edges, afisma.Labels, afisma.LabelOverlaps, afisma.LabelOnNode, afisma.SmallestFont)
	checkReadable(t, "AFISMA at depth 2", afisma, bad)
	return sg, afisma, visit0
}

// checkReadable fails t when the graph of r is not readable: too many
// nodes in view, labels that collide or cover nodes, too few labels, a
// font too small, a blank screenshot.
func checkReadable(t *testing.T, what string, r Readability, bad []string) {
	t.Helper()
	if r.InView > 150 || r.InView < 10 {
		t.Errorf("%s: %d nodes in view, want 10 to 150", what, r.InView)
	}
	if r.LabelOverlaps > 0 || r.LabelOnNode > 0 || r.LabelOut > 0 {
		t.Errorf("%s: %d pairs of labels overlap, %d labels cover a node, %d are cut by the edge (%q); see %s", what, r.LabelOverlaps, r.LabelOnNode, r.LabelOut, bad, r.Shot)
	}
	if r.Labels < 15 {
		t.Errorf("%s: only %d labels drawn, want at least 15", what, r.Labels)
	}
	if r.SmallestFont < 9 {
		t.Errorf("%s: a label drawn at %.1f px, want at least 9", what, r.SmallestFont)
	}
	if r.Ink < 0.01 {
		t.Errorf("%s: the graph in the screenshot is blank (%.3f of its pixels drawn); see %s", what, r.Ink, r.Shot)
	}
}

// tableRow is a row of the table as the page shows it.
type tableRow struct{ ID, Symbol, Date, Verb string }

const tableRowsJS = `[...document.querySelectorAll('#ob-table tbody tr')].map((tr) => ({
  ID: tr.dataset.row, Symbol: tr.querySelector('[data-doc]').textContent, Date: tr.querySelector('[data-col=date]').textContent,
  Verb: tr.querySelector('td[data-col=verb] button').textContent }))`

// checkTable fails t when the table's rows are not in order.
func checkTable(t *testing.T, p *page, what string, ordered func([]tableRow) error) {
	t.Helper()
	rows := eval[[]tableRow](p, tableRowsJS)
	if len(rows) == 0 {
		t.Errorf("the table (%s) has no rows", what)
		return
	}
	if err := ordered(rows); err != nil {
		t.Errorf("the table, %s: %v", what, err)
	}
}

func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
