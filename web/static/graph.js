// The graph view: a Cytoscape.js instance over the neighbourhood of the
// selected node(s), coloured by node kind and edge class, filtered on the
// client, laid out with fCoSE (cose when fCoSE is absent).

// NODE_TYPES colours nodes by type: documents by kind, actors by actor type
// (resgraph.ActorType). Shapes tell documents (squares) from actors (discs).
export const NODE_TYPES = {
  resolution: { label: 'Resolution', color: '#2d3748', shape: 'round-rectangle' },
  'draft resolution': { label: 'Draft resolution', color: '#718096', shape: 'round-rectangle' },
  'presidential statement': { label: 'Presidential statement', color: '#975a16', shape: 'round-rectangle' },
  document: { label: 'Document', color: '#4a5568', shape: 'round-rectangle' },
  'un-organ': { label: 'UN organ', color: '#1c4e80', shape: 'ellipse' },
  'un-official': { label: 'UN official', color: '#2b6cb0', shape: 'ellipse' },
  'un-mission': { label: 'UN mission or office', color: '#4299e1', shape: 'ellipse' },
  'regional-organization': { label: 'Regional organization', color: '#6b46c1', shape: 'ellipse' },
  'international-organization': { label: 'International organization', color: '#9f7aea', shape: 'ellipse' },
  state: { label: 'State', color: '#2f855a', shape: 'ellipse' },
  'group-of-states': { label: 'Group of states', color: '#68d391', shape: 'ellipse' },
  'national-institution': { label: 'National institution', color: '#81a83b', shape: 'ellipse' },
  'armed-group': { label: 'Armed group', color: '#c53030', shape: 'ellipse' },
  collective: { label: 'Collective', color: '#b7791f', shape: 'ellipse' },
  mission: { label: 'Mission or force', color: '#dd6b20', shape: 'ellipse' },
  person: { label: 'Person', color: '#d53f8c', shape: 'ellipse' },
  other: { label: 'Other actor', color: '#a0aec0', shape: 'ellipse' },
  unknown: { label: 'Actor not in the registry', color: '#cbd5e0', shape: 'ellipse' },
};

// nodeType returns the key of NODE_TYPES for a node.
export function nodeType(d) {
  if (d.kind === 'document') return NODE_TYPES[d.docKind] ? d.docKind : 'document';
  return NODE_TYPES[d.type] ? d.type : 'unknown';
}

// EDGE_CLASSES colours edges: obligations by class (Okabe-Ito palette,
// told apart by people with colour-blindness), other links by kind.
export const EDGE_CLASSES = {
  decision: { label: 'decision', color: '#d55e00' },
  demand: { label: 'demand', color: '#cc79a7' },
  request: { label: 'request', color: '#0072b2' },
  authorization: { label: 'authorization', color: '#009e73' },
  'strong recommendation': { label: 'strong recommendation', color: '#e69f00' },
  'weak recommendation': { label: 'weak recommendation', color: '#56b4e9' },
  stance: { label: 'stance', color: '#7b61a8', dashed: true },
  self: { label: 'self', color: '#4a5568' },
  cites: { label: 'citation', color: '#1a202c', dashed: true },
  partner: { label: 'partner', color: '#a0aec0', dotted: true },
  'part-of': { label: 'part of / led by', color: '#cbd5e0' },
  other: { label: 'other link', color: '#a0aec0' },
};

export function classColor(c) {
  return (EDGE_CLASSES[c] || EDGE_CLASSES.other).color;
}

// nodeLook and edgeLook are the data the style draws an element with.
export function nodeLook(d) {
  const ntype = nodeType(d);
  return { ntype, color: NODE_TYPES[ntype].color, shape: NODE_TYPES[ntype].shape };
}

export function edgeLook(d) {
  const c = EDGE_CLASSES[d.class] || EDGE_CLASSES.other;
  return { color: c.color, lineStyle: c.dashed ? 'dashed' : c.dotted ? 'dotted' : 'solid' };
}

function style() {
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 10,
        'text-wrap': 'ellipsis',
        'text-max-width': 120,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        color: '#1b1b1b',
        'text-outline-color': '#fff',
        'text-outline-width': 2,
        'min-zoomed-font-size': 7,
        width: 18,
        height: 18,
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    { selector: 'node[?focus]', style: { width: 34, height: 34, 'font-size': 13, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#ff9f1c', 'text-max-width': 260 } },
    { selector: 'node[?expanded]', style: { 'border-width': 3, 'border-color': '#1b1b1b' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ff9f1c', 'overlay-opacity': 0 } },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'line-color': '#a0aec0',
        'target-arrow-color': '#a0aec0',
        opacity: 0.85,
      },
    },
    { selector: 'edge[count > 1]', style: { width: 'mapData(count, 1, 12, 1.6, 6)' } },
    { selector: 'edge:selected', style: { width: 5, 'overlay-opacity': 0.15, 'overlay-color': '#ff9f1c' } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
  // Colours, shapes and line styles come from each element's data (set()
  // fills them in): one rule per property rather than one per type or class
  // keeps the style cheap to apply to a few thousand elements.
  s.push({ selector: 'node[color]', style: { 'background-color': 'data(color)', shape: 'data(shape)' } });
  s.push({ selector: 'node[kind = "document"]', style: { width: 22, height: 22 } });
  s.push({ selector: 'edge[color]', style: { 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'line-style': 'data(lineStyle)' } });
  // Straight edges in a big graph: bezier edges bundle parallel edges
  // apart, which costs the drawing a good part of its time.
  s.push({ selector: 'edge[?straight]', style: { 'curve-style': 'straight' } });
  return s;
}

// useFcose registers the fCoSE layout once its scripts have run.
function useFcose() {
  if (typeof cytoscape === 'undefined' || typeof cytoscapeFcose === 'undefined') return false;
  if (!cytoscape.__fcose) {
    cytoscape.use(cytoscapeFcose);
    cytoscape.__fcose = true;
  }
  return true;
}

// FCOSE_SCRIPTS load in this order: each needs the one before.
const FCOSE_SCRIPTS = ['/vendor/layout-base.js', '/vendor/cose-base.js', '/vendor/cytoscape-fcose.js'];
let fcoseLoading = null;

// loadFcose resolves when the fCoSE layout is usable, loading its scripts
// (once) if the page's deferred scripts did not (a failed request).
export function loadFcose() {
  if (useFcose()) return Promise.resolve(true);
  if (!fcoseLoading) {
    fcoseLoading = Promise.all(FCOSE_SCRIPTS.map((src) => new Promise((resolve, reject) => {
      const el = document.createElement('script');
      el.src = src;
      el.async = false; // run in list order
      el.onload = resolve;
      el.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(el);
    }))).then(useFcose);
  }
  return fcoseLoading;
}

// BIG is the node count above which a layout on the page is drawn in two
// passes (when the worker is not available).
const BIG = 150;

// FCOSE_FROM is the node count from which a layout waits for fCoSE.
export const FCOSE_FROM = 60;

// WORKER_FROM is the node count from which fCoSE runs in a Web Worker
// (layout-worker.js) instead of on the page. Below it the page lays the
// graph out before drawing it: drawn once, without the jump from a first
// placement to the laid-out graph, and the first view does not wait for the
// worker's scripts; but the page is held while fCoSE runs: 60-100 ms of CPU
// for up to 99 nodes once the JIT is warm, 270-350 ms the first time
// (scripts/bench-layout.mjs, docs/explorer.md).
export const WORKER_FROM = 60;

const WORKER_URL = '/static/layout-worker.js';

// fcoseParams are the fCoSE options for a graph of n nodes, as plain data
// (the worker receives them in a message).
export function fcoseParams(n, randomize) {
  return {
    // 'draft' (spectral only) is fast but piles a few hundred nodes into a
    // heap; fewer refinement iterations for big graphs keep it readable.
    quality: 'default',
    randomize,
    nodeRepulsion: 9000,
    idealEdgeLength: 70,
    nodeSeparation: 60,
    numIter: n > 250 ? 800 : n > 100 ? 1500 : 2500,
    padding: 30,
  };
}

// includeLabels tells whether node sizes include their labels: they do for
// small graphs, where labels would otherwise overlap.
const includeLabels = (n) => n < 150;

function layoutOptions(cy, randomize) {
  const n = cy.nodes().length;
  const p = fcoseParams(n, randomize);
  const base = {
    animate: false,
    fit: false, // app.js fits the visible part after filtering
    padding: p.padding,
    nodeDimensionsIncludeLabels: includeLabels(n),
  };
  if (useFcose()) {
    return { ...base, ...p, name: 'fcose', nodeRepulsion: () => p.nodeRepulsion, idealEdgeLength: () => p.idealEdgeLength };
  }
  return { ...base, name: 'cose', randomize, nodeRepulsion: () => p.nodeRepulsion, idealEdgeLength: () => p.idealEdgeLength };
}

// ---- the layout worker ---------------------------------------------------

// One worker serves the page; job is the layout it is running.
const lw = { worker: null, failed: false, job: null, startupMs: 0 };

function startWorker() {
  const w = new Worker(WORKER_URL);
  w.onmessage = (ev) => {
    const m = ev.data;
    if (m.ready) {
      lw.startupMs = Math.round(m.ms);
      return;
    }
    if (!lw.job || m.gen !== lw.job.gen) return;
    const job = lw.job;
    lw.job = null;
    if (m.error) job.reject(new Error(`layout worker: ${m.error}`));
    else job.resolve(m);
  };
  // A script that did not load (a vendor file missing) or an uncaught
  // error: no more layouts in a worker; the page lays out on its own.
  w.onerror = (ev) => {
    ev.preventDefault();
    lw.failed = true;
    w.terminate();
    if (lw.worker === w) lw.worker = null;
    const job = lw.job;
    lw.job = null;
    if (job) job.reject(new Error(`layout worker failed: ${ev.message || 'could not load ' + WORKER_URL}`));
  };
  return w;
}

// workerAvailable tells whether layouts can run in a worker.
export function workerAvailable() {
  return typeof Worker !== 'undefined' && !lw.failed;
}

// warmLayoutWorker starts the worker ahead of need, so that it has loaded
// its scripts by the time a big graph comes.
export function warmLayoutWorker() {
  if (!workerAvailable() || lw.worker) return;
  try {
    lw.worker = startWorker();
  } catch (err) {
    lw.failed = true;
    console.warn('layout worker unavailable:', err);
  }
}

// layoutInWorker posts msg to the worker and resolves with its answer. A
// layout still running there is stale: the worker is stopped and a fresh
// one started rather than waiting for it; its promise never settles.
function layoutInWorker(msg) {
  if (lw.job && lw.worker) {
    lw.worker.terminate();
    lw.worker = null;
    lw.job = null;
  }
  warmLayoutWorker();
  if (!lw.worker) return Promise.reject(new Error('layout worker unavailable'));
  return new Promise((resolve, reject) => {
    lw.job = { gen: msg.gen, resolve, reject };
    lw.worker.postMessage(msg);
  });
}

// stopWorkerLayout drops the layout running in the worker, if any.
function stopWorkerLayout() {
  if (lw.job && lw.worker) {
    lw.worker.terminate();
    lw.worker = null;
  }
  lw.job = null;
}

// spiral is the i-th point of a sunflower spiral: points spacing apart on
// average, filling a disc from its centre outward.
export function spiral(i, spacing = 45) {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const r = spacing * Math.sqrt(i);
  return { x: r * Math.cos(i * golden), y: r * Math.sin(i * golden) };
}

// placeAround gives every node a first position at once: breadth first
// from the focus, along the spiral (the focus in the middle, its
// neighbours around it, nodes further away further out), so a big graph is
// drawn while fCoSE runs in the worker.
function placeAround(cy, focus) {
  const order = [];
  const seen = new Set();
  const root = focus ? cy.getElementById(focus) : cy.collection();
  if (root.nonempty()) {
    cy.elements().bfs({ roots: root, visit: (v) => { order.push(v); seen.add(v.id()); } });
  }
  cy.nodes().forEach((n) => { if (!seen.has(n.id())) order.push(n); });
  cy.batch(() => order.forEach((n, i) => n.position(spiral(i))));
}

// shown keeps the elements the filters do not hide (cheaper than
// ':visible', which reads each element's style).
export const shown = (eles) => eles.filter((el) => !el.hasClass('hidden'));

// createGraph draws into container. onTap(node data) is called when a node is
// clicked or tapped.
export function createGraph(container, { onTap, onEdgeTap }) {
  if (typeof cytoscape === 'undefined') {
    throw new Error('Cytoscape.js did not load (/vendor/cytoscape.min.js)');
  }
  useFcose();
  const cy = cytoscape({
    container,
    style: style(),
    minZoom: 0.1,
    maxZoom: 4,
  });
  cy.on('tap', 'node', (ev) => onTap(ev.target.data()));
  cy.on('tap', 'edge', (ev) => onEdgeTap(ev.target.data()));
  window.resgraphCy = cy; // for the end-to-end test and for debugging in the console

  let current = ''; // key of the drawn node set, to skip needless redraws
  let layoutGen = 0; // counts layouts, so a stale refinement is skipped
  let focusId = ''; // the focus node of the drawn graph
  let touched = false; // panned or zoomed by hand since the last layout
  cy.on('dragpan pinchzoom scrollzoom', () => { touched = true; });

  // layoutOnPage runs the layout on the page: at once for a small graph; a
  // big one is drawn from fCoSE's fast draft pass, then refined from there.
  function layoutOnPage(gen, randomize, onRefined, onBusy) {
    const opts = layoutOptions(cy, randomize);
    if (opts.name !== 'fcose' || cy.nodes().length <= BIG) {
      cy.elements().layout(opts).run();
      onBusy(0);
      if (cy.nodes().length >= WORKER_FROM) onRefined(); // a fallback from the worker
      return;
    }
    cy.elements().layout({ ...opts, quality: 'draft' }).run();
    onBusy(cy.nodes().length);
    setTimeout(() => {
      if (gen !== layoutGen) return; // the graph changed meanwhile
      cy.elements().layout({ ...opts, randomize: false }).run();
      cy.scratch('resgraph-layout', { where: 'page', nodes: cy.nodes().length });
      onBusy(0);
      onRefined();
    }, 50);
  }

  return {
    cy,
    // set replaces the elements: nodes [{id, kind, label, ...}], edges
    // [{id, source, target, class, ...}]. focus is the id of the focus node,
    // expanded the ids of expanded nodes. It lays out only when the set of
    // elements changed.
    set(nodes, edges, focus, expanded) {
      const ids = new Set(nodes.map((n) => n.id));
      const big = nodes.length > BIG;
      // While panning or zooming a big graph, draw a snapshot without edges
      // (Cytoscape's hideEdgesOnViewport and textureOnViewport options, which
      // its canvas renderer reads from these fields at each frame).
      const r = cy.renderer();
      if (r) {
        r.hideEdgesOnViewport = big;
        r.textureOnViewport = big;
      }
      const key = [...ids].sort().join('|') + '#' + edges.length;
      const els = [
        ...nodes.map((n) => ({ group: 'nodes', data: { ...n, ...nodeLook(n), focus: n.id === focus, expanded: expanded.includes(n.id) } })),
        ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ group: 'edges', data: { ...e, ...edgeLook(e), straight: big } })),
      ];
      if (key === current) {
        cy.nodes().forEach((n) => n.data({ focus: n.id() === focus, expanded: expanded.includes(n.id()) }));
        return false;
      }
      const old = new Map(cy.nodes().map((n) => [n.id(), n.position()]));
      cy.batch(() => {
        cy.elements().remove();
        cy.add(els);
      });
      let placed = 0;
      cy.nodes().forEach((n) => {
        const p = old.get(n.id());
        if (p) { n.position({ ...p }); placed++; }
      });
      current = key;
      focusId = focus;
      if (placed > 0) {
        // Put new nodes near a placed neighbour so the layout refines rather than reshuffles.
        cy.nodes().forEach((n) => {
          if (old.has(n.id())) return;
          const nb = n.neighborhood('node').filter((m) => old.has(m.id()));
          const p = nb.length ? nb[0].position() : { x: 0, y: 0 };
          n.position({ x: p.x + (Math.random() - 0.5) * 80, y: p.y + (Math.random() - 0.5) * 80 });
        });
      }
      return true;
    },
    // filter hides elements for which keep(data) is false, then hides
    // nodes left with no visible edge (except the focus and expanded ones).
    filter(keep) {
      // Decide first, then change only the elements whose visibility
      // changes: each class change costs a style update.
      const hide = new Set();
      const hidden = (el) => hide.has(el.id());
      cy.nodes().forEach((n) => { if (!keep(n.data())) hide.add(n.id()); });
      cy.edges().forEach((e) => {
        if (!keep(e.data()) || hidden(e.source()) || hidden(e.target())) hide.add(e.id());
      });
      // obligations/stances without visible links, then actors/documents left alone
      for (const pass of [['obligation', 'stance', 'paragraph'], ['actor', 'document', 'other']]) {
        cy.nodes().forEach((n) => {
          const d = n.data();
          if (!pass.includes(d.kind) || d.focus || d.expanded || hidden(n)) return;
          if (!n.connectedEdges().some((e) => !hidden(e) && !hidden(e.source()) && !hidden(e.target()))) hide.add(n.id());
        });
        cy.edges().forEach((e) => {
          if (hidden(e.source()) || hidden(e.target())) hide.add(e.id());
        });
      }
      cy.batch(() => {
        cy.elements().forEach((el) => {
          const h = hidden(el);
          if (h !== el.hasClass('hidden')) {
            if (h) el.addClass('hidden');
            else el.removeClass('hidden');
          }
        });
      });
    },
    // fit frames the visible elements, without blowing a few nodes up.
    fit() {
      cy.resize(); // the legend below may have changed the pane's height
      const vis = shown(cy.nodes());
      if (vis.length === 0) return;
      // A big graph is framed by its nodes alone, with room for the labels
      // below the lowest ones: measuring hundreds of labels holds the page.
      const labels = vis.length < 150;
      const bb = vis.boundingBox({ includeLabels: labels, includeOverlays: false, includeEdges: labels });
      const box = labels ? bb : { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 + 14 };
      cy.fit(box, 30);
      if (cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.pan({ x: cy.width() / 2 - 1.3 * (box.x1 + box.x2) / 2, y: cy.height() / 2 - 1.3 * (box.y1 + box.y2) / 2 });
      }
    },
    // layout places every element, hidden ones too, so that changing a
    // filter shows or hides nodes without moving the others. A graph of
    // WORKER_FROM nodes or more gets a first placement at once (the old
    // positions, or a spiral around the focus when randomize) and is laid
    // out by fCoSE in a Web Worker; its positions are applied when they come,
    // unless the graph changed meanwhile. onBusy(n) says a layout of n nodes
    // runs in the background (0: none); onRefined() is called once the
    // background layout is applied. Without a worker, or when it fails, the
    // layout runs on the page, a big graph in two passes (draft, then
    // refined a moment later).
    layout(randomize, { onRefined = () => {}, onBusy = () => {} } = {}) {
      const gen = ++layoutGen;
      const n = cy.nodes().length;
      touched = false;
      if (n < WORKER_FROM || !workerAvailable()) {
        stopWorkerLayout();
        onBusy(0);
        layoutOnPage(gen, randomize, onRefined, onBusy);
        return;
      }
      if (randomize) placeAround(cy, focusId);
      const inc = includeLabels(n);
      const offsets = new Map(); // node centre - layout box centre, for labels
      const nodes = cy.nodes().map((node) => {
        const p = node.position();
        const d = node.layoutDimensions({ nodeDimensionsIncludeLabels: inc });
        let ox = 0;
        let oy = 0;
        if (inc) {
          const bb = node.boundingBox({ includeLabels: true, includeOverlays: false });
          ox = (bb.x1 + bb.x2) / 2 - p.x;
          oy = (bb.y1 + bb.y2) / 2 - p.y;
          offsets.set(node.id(), { ox, oy });
        }
        return { id: node.id(), w: d.w, h: d.h, x: p.x + ox, y: p.y + oy };
      });
      const edges = cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() }));
      onBusy(n);
      const start = performance.now();
      performance.mark('resgraph:layout-posted');
      layoutInWorker({ gen, nodes, edges, options: fcoseParams(n, randomize) }).then((m) => {
        if (gen !== layoutGen) return; // the graph changed meanwhile
        performance.mark('resgraph:layout-received');
        cy.batch(() => m.ids.forEach((id, i) => {
          const node = cy.getElementById(id);
          const o = offsets.get(id) || { ox: 0, oy: 0 };
          if (node.nonempty()) node.position({ x: m.xs[i] - o.ox, y: m.ys[i] - o.oy });
        }));
        cy.scratch('resgraph-layout', { where: 'worker', nodes: n, workerMs: Math.round(m.ms), totalMs: Math.round(performance.now() - start), startupMs: lw.startupMs });
        onBusy(0);
        onRefined();
      }, (err) => {
        if (gen !== layoutGen) return;
        console.warn(err, '; laying out on the page');
        loadFcose().catch(() => false).then(() => {
          if (gen !== layoutGen) return;
          layoutOnPage(gen, randomize, onRefined, onBusy);
        });
      });
    },
    // touched tells whether the analyst panned or zoomed since the last
    // layout started: then a refined layout does not reframe the view.
    touched() {
      return touched;
    },
    select(id) {
      cy.$(':selected').unselect();
      if (id) cy.getElementById(id).select();
    },
    visibleCounts() {
      return { nodes: shown(cy.nodes()).length, edges: shown(cy.edges()).length };
    },
    visibleNodes() {
      return shown(cy.nodes()).map((n) => n.data());
    },
  };
}
