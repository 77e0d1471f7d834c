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
  for (const [k, v] of Object.entries(NODE_TYPES)) {
    s.push({ selector: `node[ntype = "${k}"]`, style: { 'background-color': v.color, shape: v.shape } });
  }
  s.push({ selector: 'node[kind = "document"]', style: { width: 22, height: 22 } });
  for (const [k, v] of Object.entries(EDGE_CLASSES)) {
    const st = { 'line-color': v.color, 'target-arrow-color': v.color };
    if (v.dashed) st['line-style'] = 'dashed';
    if (v.dotted) st['line-style'] = 'dotted';
    s.push({ selector: `edge[class = "${k}"]`, style: st });
  }
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

// BIG is the node count above which a layout is drawn in two passes.
const BIG = 150;

// FCOSE_FROM is the node count from which a layout waits for fCoSE.
export const FCOSE_FROM = 60;

function layoutOptions(cy, randomize) {
  const n = cy.nodes().length;
  const fcose = useFcose();
  const base = {
    animate: false,
    fit: false, // app.js fits the visible part after filtering
    padding: 30,
    nodeDimensionsIncludeLabels: n < 150,
  };
  if (fcose) {
    return {
      ...base,
      name: 'fcose',
      // 'draft' (spectral only) is fast but piles a few hundred nodes into a
      // heap; fewer refinement iterations for big graphs keep it readable.
      quality: 'default',
      randomize,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 70,
      nodeSeparation: 60,
      numIter: n > 250 ? 800 : n > 100 ? 1500 : 2500,
    };
  }
  return { ...base, name: 'cose', randomize, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 };
}

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

  return {
    cy,
    // set replaces the elements: nodes [{id, kind, label, ...}], edges
    // [{id, source, target, class, ...}]. focus is the id of the focus node,
    // expanded the ids of expanded nodes. It lays out only when the set of
    // elements changed.
    set(nodes, edges, focus, expanded) {
      const ids = new Set(nodes.map((n) => n.id));
      const key = [...ids].sort().join('|') + '#' + edges.length;
      const els = [
        ...nodes.map((n) => ({ group: 'nodes', data: { ...n, ntype: nodeType(n), focus: n.id === focus, expanded: expanded.includes(n.id) } })),
        ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ group: 'edges', data: e })),
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
      cy.batch(() => {
        cy.elements().removeClass('hidden');
        cy.nodes().forEach((n) => { if (!keep(n.data())) n.addClass('hidden'); });
        cy.edges().forEach((e) => {
          if (!keep(e.data()) || e.source().hasClass('hidden') || e.target().hasClass('hidden')) e.addClass('hidden');
        });
        // obligations/stances without visible links, then actors/documents left alone
        for (const pass of [['obligation', 'stance', 'paragraph'], ['actor', 'document', 'other']]) {
          cy.nodes().forEach((n) => {
            const d = n.data();
            if (!pass.includes(d.kind) || d.focus || d.expanded || n.hasClass('hidden')) return;
            const visible = n.connectedEdges().filter((e) => !e.hasClass('hidden') && !e.source().hasClass('hidden') && !e.target().hasClass('hidden'));
            if (visible.length === 0) n.addClass('hidden');
          });
          cy.edges().forEach((e) => {
            if (e.source().hasClass('hidden') || e.target().hasClass('hidden')) e.addClass('hidden');
          });
        }
      });
    },
    // fit frames the visible elements, without blowing a few nodes up.
    fit() {
      cy.resize(); // the legend below may have changed the pane's height
      const vis = cy.elements(':visible');
      if (vis.length === 0) return;
      cy.fit(vis, 30);
      if (cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.center(vis);
      }
    },
    // layout places every element, hidden ones too, so that changing a
    // filter shows or hides nodes without moving the others.
    // A big graph is first placed with fCoSE's fast draft (spectral) pass and
    // drawn, then refined from there a moment later, so the page shows
    // something at once and stays responsive.
    layout(randomize, onRefined) {
      const opts = layoutOptions(cy, randomize);
      if (opts.name !== 'fcose' || cy.nodes().length <= BIG) {
        cy.elements().layout(opts).run();
        return;
      }
      cy.elements().layout({ ...opts, quality: 'draft' }).run();
      const gen = ++layoutGen;
      setTimeout(() => {
        if (gen !== layoutGen) return; // the graph changed meanwhile
        cy.elements().layout({ ...opts, randomize: false }).run();
        if (onRefined) onRefined();
      }, 50);
    },
    select(id) {
      cy.$(':selected').unselect();
      if (id) cy.getElementById(id).select();
    },
    visibleCounts() {
      return { nodes: cy.nodes(':visible').length, edges: cy.edges(':visible').length };
    },
    visibleNodes() {
      return cy.nodes(':visible').map((n) => n.data());
    },
  };
}
