// The graph's fCoSE layout in a Web Worker, so that laying out a big
// neighbourhood never holds the page. A classic worker script (served from
// /static/ like the page's modules): it loads the same third-party files as
// the page, from /vendor/ (never a CDN, so it works offline), builds a
// headless Cytoscape from plain data and posts the positions back.
//
// The page (graph.js) sends {gen, nodes: [{id, w, h, x, y}], edges: [{id,
// source, target}], options}: node sizes are measured on the page (labels
// cannot be measured here, there is no canvas), options are fCoSE's with
// numbers for nodeRepulsion and idealEdgeLength. The worker answers {gen,
// ids, xs, ys, ms} (positions in the order of ids, xs and ys transferred as
// Float64Arrays) or {gen, error}. gen is the page's layout counter: the page
// drops an answer whose gen is not its latest. Once its scripts have run, the
// worker posts {ready: true, ms} (ms: its start-up time).
//
// The same file, imported in Node (web/test), defines resgraphFcose only.

// resgraphFcose lays out job (the message above) with fCoSE on a headless
// instance of cytoscape (with the fCoSE extension registered) and returns
// {ids, xs, ys}.
function resgraphFcose(cytoscape, job) {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true, // sizes come from the style: data(w), data(h)
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', padding: 0 } }],
  });
  cy.add([
    ...job.nodes.map((n) => ({ group: 'nodes', data: { id: n.id, w: n.w, h: n.h }, position: { x: n.x || 0, y: n.y || 0 } })),
    ...job.edges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })),
  ]);
  const o = job.options || {};
  const repulsion = o.nodeRepulsion ?? 9000;
  const edgeLength = o.idealEdgeLength ?? 70;
  cy.layout({
    ...o,
    name: 'fcose',
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false, // the page's sizes include the labels already
    nodeRepulsion: () => repulsion,
    idealEdgeLength: () => edgeLength,
  }).run();
  const ids = job.nodes.map((n) => n.id);
  const xs = new Float64Array(ids.length);
  const ys = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const p = cy.getElementById(id).position();
    xs[i] = p.x;
    ys[i] = p.y;
  });
  cy.destroy();
  return { ids, xs, ys };
}

globalThis.resgraphFcose = resgraphFcose;

if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  // Relative to this script (/static/), as the page loads them.
  importScripts('../vendor/cytoscape.min.js', '../vendor/layout-base.js', '../vendor/cose-base.js', '../vendor/cytoscape-fcose.js');
  cytoscape.use(cytoscapeFcose);
  self.onmessage = (ev) => {
    const job = ev.data;
    const start = performance.now();
    try {
      const r = resgraphFcose(cytoscape, job);
      self.postMessage({ gen: job.gen, ids: r.ids, xs: r.xs, ys: r.ys, ms: performance.now() - start }, [r.xs.buffer, r.ys.buffer]);
    } catch (err) {
      self.postMessage({ gen: job.gen, error: String((err && err.stack) || err) });
    }
  };
  // ms: how long the worker took to load and run its scripts.
  self.postMessage({ ready: true, ms: performance.now() });
}
