// The graph view: a Cytoscape.js instance over the neighbourhood of the
// selected node(s), coloured by node kind and edge class, filtered on the
// client, laid out with fCoSE (cose when fCoSE is absent). Groups of a
// summarized neighbourhood are drawn as nodes with a dashed border, sized
// by their members; labels that would collide are left out (labels.js).

import { placeLabels, labelBox, PLACES } from './labels.js';

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

// groupType returns the key of NODE_TYPES a group is coloured as: its
// members' kind or type, or "document" for documents of a year.
export function groupType(d) {
  if (d.groupBy === 'year') return 'document';
  return NODE_TYPES[d.groupKey] ? d.groupKey : d.memberKind === 'actor' ? 'unknown' : 'document';
}

// nodeSize is a node's diameter: documents a little bigger than actors,
// the focus biggest; in a summary, nodes of more weight bigger, and groups
// by their members.
export function nodeSize(d) {
  if (d.focus) return 34;
  if (d.kind === 'group') return Math.min(60, Math.round(24 + 4 * Math.sqrt(d.members || 1)));
  const base = d.kind === 'document' ? 22 : 18;
  return d.weight ? Math.round(base + Math.min(12, 2.5 * Math.sqrt(d.weight))) : base;
}

// nodeLook and edgeLook are the data the style draws an element with.
export function nodeLook(d) {
  const ntype = d.kind === 'group' ? groupType(d) : nodeType(d);
  const shape = d.kind === 'group' ? (d.memberKind === 'actor' ? 'ellipse' : 'round-rectangle') : NODE_TYPES[ntype].shape;
  return { ntype, color: NODE_TYPES[ntype].color, shape, size: nodeSize(d) };
}

export function edgeLook(d) {
  const c = EDGE_CLASSES[d.class] || EDGE_CLASSES.other;
  const n = d.count || 1;
  return { color: c.color, lineStyle: c.dashed ? 'dashed' : c.dotted ? 'dotted' : 'solid', width: Math.round((1.6 + Math.min(6.4, 1.2 * Math.log2(n))) * 10) / 10 };
}

// LABEL is how labels are drawn (the style and labelBoxes use it): font
// size, the most width, the margin below the node and the text outline,
// for other nodes and for the focus, at a zoom of 1 or more. Below 1 the
// page scales them up (labelScale), so labels stay readable on screen.
export const LABEL = {
  font: 'Helvetica, Arial, sans-serif',
  size: 10, maxWidth: 120, focusSize: 13, focusMaxWidth: 260, margin: 3, outline: 2,
};

// labelScale is the factor labels are drawn at for zoom z: 1/z up to 4
// (below a zoom of 0.25 they shrink again); 1 for big graphs, whose
// restyling at each zoom would hold the page.
export function labelScale(z, n) {
  if (n > BIG) return 1;
  return Math.min(4, 1 / Math.min(1, Math.max(z, 0.01)));
}

function style(k = 1) {
  const L = LABEL;
  const s = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': L.font,
        'font-size': L.size * k,
        'text-wrap': 'ellipsis',
        'text-max-width': L.maxWidth * k,
        'text-valign': 'bottom',
        'text-margin-y': L.margin * k,
        color: '#1b1b1b',
        'text-outline-color': '#fff',
        'text-outline-width': L.outline * k,
        'min-zoomed-font-size': 7,
        width: 18,
        height: 18,
        'border-width': 1,
        'border-color': '#fff',
      },
    },
    { selector: 'node[size]', style: { width: 'data(size)', height: 'data(size)' } },
    { selector: 'node[kind = "group"]', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#1b1b1b', 'background-opacity': 0.7 } },
    { selector: 'node[?focus]', style: { 'font-size': L.focusSize * k, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#ff9f1c', 'text-max-width': L.focusMaxWidth * k } },
    { selector: 'node[?expanded]', style: { 'border-width': 3, 'border-color': '#1b1b1b' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#ff9f1c', 'overlay-opacity': 0 } },
    // A label left out so as not to collide shows while the pointer is on its node.
    // Labels right, left or above their node where below collides.
    { selector: 'node.lab-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': L.margin * k } },
    { selector: 'node.lab-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': -L.margin * k } },
    { selector: 'node.lab-top', style: { 'text-valign': 'top', 'text-margin-y': -L.margin * k } },
    { selector: 'node.nolabel', style: { label: '' } },
    { selector: 'node.nolabel.hover', style: { label: 'data(label)', 'z-index': 10 } },
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
    { selector: 'edge[width]', style: { width: 'data(width)' } },
    { selector: 'edge:selected', style: { width: 5, 'overlay-opacity': 0.15, 'overlay-color': '#ff9f1c' } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
  // Colours, shapes and line styles come from each element's data (set()
  // fills them in): one rule per property rather than one per type or class
  // keeps the style cheap to apply to a few thousand elements.
  s.splice(1, 0, { selector: 'node[color]', style: { 'background-color': 'data(color)', shape: 'data(shape)' } });
  s.push({ selector: 'edge[color]', style: { 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'line-style': 'data(lineStyle)' } });
  // Straight edges in a big graph: bezier edges bundle parallel edges
  // apart, which costs the drawing a good part of its time. A group's
  // edges, summed by class, are drawn on top of each other (haystack).
  s.push({ selector: 'edge[?straight]', style: { 'curve-style': 'straight' } });
  s.push({ selector: 'edge[group != ""]', style: { 'curve-style': 'haystack', 'haystack-radius': 0.4 } });
  return s;
}

// LABEL_CLASSES place a node's label (labels.js PLACES but the first) or
// leave it out.
const LABEL_CLASSES = ['nolabel', 'lab-right', 'lab-left', 'lab-top'];

// textWidth measures label text at LABEL.size (bold for the focus), as
// the canvas draws it; cached.
const widths = new Map();
let measure = null;
function textWidth(text, bold) {
  const key = (bold ? 'b:' : ':') + text;
  let w = widths.get(key);
  if (w === undefined) {
    if (!measure) measure = document.createElement('canvas').getContext('2d');
    measure.font = `${bold ? 'bold ' : ''}${LABEL.size}px ${LABEL.font}`;
    w = measure.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

// labelItems are the boxes placeLabels needs for the visible nodes, at
// label scale k: each node's body and its label's box, and its priority
// (the focus, expanded nodes, then weight).
function labelItems(nodes, k) {
  const L = LABEL;
  return nodes.map((n) => {
    const d = n.data();
    const p = n.position();
    const size = d.size || 18;
    const fs = (d.focus ? L.focusSize : L.size) * k;
    const w = Math.min((d.focus ? L.focusMaxWidth : L.maxWidth) * k, textWidth(d.label || '', !!d.focus) * (d.focus ? L.focusSize / L.size : 1) * k);
    return {
      id: n.id(),
      body: { x1: p.x - size / 2, y1: p.y - size / 2, x2: p.x + size / 2, y2: p.y + size / 2 },
      labels: d.label ? PLACES.map((place) => labelBox(p.x, p.y, size, w, fs, L.margin * k, (L.outline + 2) * k, place)) : [],
      priority: d.focus ? 1e9 : d.expanded ? 1e8 : (d.weight || 0) + (d.kind === 'group' ? 0.5 : 0),
    };
  });
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

// STRAIGHT_FROM is the edge count above which edges are drawn straight:
// bundling parallel bezier edges apart costs most of a drawing's time
// (the 292 edges of AFISMA's summary at depth 2: a first frame of 110-140
// ms of CPU with bezier edges).
const STRAIGHT_FROM = 150;

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
  cy.on('mouseover', 'node', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'node', (ev) => ev.target.removeClass('hover'));
  window.resgraphCy = cy; // for the end-to-end test and for debugging in the console

  // Labels: drawn at a scale that keeps them readable when zoomed out, and
  // only where they collide with no other label or node (labels.js);
  // placed again after each layout, filter and zoom.
  let scale = 1;
  let relabelTimer = 0;
  function relabel() {
    clearTimeout(relabelTimer);
    const vis = shown(cy.nodes());
    const k = labelScale(cy.zoom(), cy.nodes().length);
    if (Math.abs(k - scale) > 0.02 * scale) {
      scale = k;
      cy.style(style(k));
    }
    const e = cy.extent(); // the view, in model coordinates
    const m = 2 / cy.zoom();
    const kept = placeLabels(labelItems(vis, k), { x1: e.x1 + m, y1: e.y1 + m, x2: e.x2 - m, y2: e.y2 - m });
    cy.batch(() => {
      vis.forEach((n) => {
        const i = kept.get(n.id());
        const want = i === undefined ? 'nolabel' : i === 0 ? '' : 'lab-' + PLACES[i];
        for (const c of LABEL_CLASSES) {
          if ((c === want) !== n.hasClass(c)) {
            if (c === want) n.addClass(c);
            else n.removeClass(c);
          }
        }
      });
    });
    cy.scratch('resgraph-labels', { scale: k, kept: kept.size, nodes: vis.length });
  }
  cy.on('zoom', () => {
    clearTimeout(relabelTimer);
    relabelTimer = setTimeout(relabel, 150);
  });

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
      relabel();
      if (cy.nodes().length >= WORKER_FROM) onRefined(); // a fallback from the worker
      return false;
    }
    cy.elements().layout({ ...opts, quality: 'draft' }).run();
    onBusy(cy.nodes().length);
    setTimeout(() => {
      if (gen !== layoutGen) return; // the graph changed meanwhile
      cy.elements().layout({ ...opts, randomize: false }).run();
      cy.scratch('resgraph-layout', { where: 'page', nodes: cy.nodes().length });
      relabel();
      onBusy(0);
      onRefined();
    }, 50);
    return true;
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
        ...nodes.map((n) => {
          const d = { ...n, focus: n.id === focus, expanded: expanded.includes(n.id) };
          return { group: 'nodes', data: { ...d, ...nodeLook(d) } };
        }),
        ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ group: 'edges', data: { ...e, ...edgeLook(e), straight: big || edges.length > STRAIGHT_FROM } })),
      ];
      if (key === current) {
        cy.nodes().forEach((n) => {
          const d = { ...n.data(), focus: n.id() === focus, expanded: expanded.includes(n.id()) };
          n.data({ focus: d.focus, expanded: d.expanded, size: nodeSize(d) });
        });
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
      for (const pass of [['obligation', 'stance', 'paragraph'], ['actor', 'document', 'group', 'other']]) {
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
      relabel();
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
      relabel();
    },
    relabel,
    // layout places every element, hidden ones too, so that changing a
    // filter shows or hides nodes without moving the others. A graph of
    // WORKER_FROM nodes or more gets a first placement at once (the old
    // positions, or a spiral around the focus when randomize) and is laid
    // out by fCoSE in a Web Worker; its positions are applied when they come,
    // unless the graph changed meanwhile. onBusy(n) says a layout of n nodes
    // runs in the background (0: none); onRefined() is called once the
    // background layout is applied. Without a worker, or when it fails, the
    // layout runs on the page, a big graph in two passes (draft, then
    // refined a moment later). It returns whether the layout goes on in
    // the background (onRefined is called when it is applied).
    layout(randomize, { onRefined = () => {}, onBusy = () => {} } = {}) {
      const gen = ++layoutGen;
      const n = cy.nodes().length;
      touched = false;
      if (n < WORKER_FROM || !workerAvailable()) {
        stopWorkerLayout();
        onBusy(0);
        return layoutOnPage(gen, randomize, onRefined, onBusy);
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
        relabel();
        onBusy(0);
        onRefined();
      }, (err) => {
        if (gen !== layoutGen) return;
        console.warn(err, '; laying out on the page');
        loadFcose().catch(() => false).then(() => {
          if (gen !== layoutGen) return;
          layoutOnPage(gen, randomize, onRefined, onBusy); // calls onRefined: the graph has WORKER_FROM nodes or more
        });
      });
      return true;
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
