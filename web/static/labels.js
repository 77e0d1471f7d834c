// Labels that do not collide: which nodes of the graph keep their label,
// and where (below, right, left or above the node), so that no two labels
// overlap and no label covers another node. Greedy, by priority (the focus
// first, then the nodes of most weight): each label takes the first place
// whose box overlaps neither a label kept before it nor any other node,
// or is left out. No DOM, so `npm test` runs it in Node; graph.js measures the
// boxes and applies the answer.

// overlaps tells whether two boxes {x1, y1, x2, y2} share more than a
// hair (eps) of area.
export function overlaps(a, b, eps = 0.5) {
  return Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > eps && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > eps;
}

// Grid is a uniform grid of boxes for overlap queries.
class Grid {
  constructor(cell) {
    this.cell = cell;
    this.cells = new Map();
  }

  *keys(b) {
    const c = this.cell;
    for (let i = Math.floor(b.x1 / c); i <= Math.floor(b.x2 / c); i++) {
      for (let j = Math.floor(b.y1 / c); j <= Math.floor(b.y2 / c); j++) yield i + ',' + j;
    }
  }

  add(box, owner) {
    for (const k of this.keys(box)) {
      if (!this.cells.has(k)) this.cells.set(k, []);
      this.cells.get(k).push({ box, owner });
    }
  }

  // hits tells whether box overlaps a box of the grid not owned by owner.
  hits(box, owner) {
    for (const k of this.keys(box)) {
      for (const e of this.cells.get(k) || []) {
        if (e.owner !== owner && overlaps(box, e.box)) return true;
      }
    }
    return false;
  }
}

// placeLabels returns the nodes that keep a label, each with the place
// it is drawn at: a Map from id to the index of the box kept among the
// node's candidates. nodes: [{id, body: box, labels: [box, ...] (the
// places a label may take, best first; none when no label), priority}]
// (label: box stands for labels: [box]), boxes in one coordinate space;
// a higher priority is placed first (ties: the order given). bounds,
// when given, is the box labels must stay inside (the view).
export function placeLabels(nodes, bounds = null) {
  const inside = (b) => !bounds || (b.x1 >= bounds.x1 && b.y1 >= bounds.y1 && b.x2 <= bounds.x2 && b.y2 <= bounds.y2);
  const cands = (n) => n.labels || (n.label ? [n.label] : []);
  const withLabel = nodes.filter((n) => cands(n).length);
  const kept = new Map();
  if (!withLabel.length) return kept;
  const size = Math.max(1, ...withLabel.map((n) => Math.max(...cands(n).map((b) => Math.max(b.x2 - b.x1, b.y2 - b.y1)))));
  const bodies = new Grid(size);
  for (const n of nodes) bodies.add(n.body, n.id);
  const labels = new Grid(size);
  const order = withLabel.map((n, i) => [n, i]).sort((a, b) => b[0].priority - a[0].priority || a[1] - b[1]);
  for (const [n] of order) {
    const i = cands(n).findIndex((b) => inside(b) && !bodies.hits(b, n.id) && !labels.hits(b, null));
    if (i < 0) continue;
    labels.add(cands(n)[i], n.id);
    kept.set(n.id, i);
  }
  return kept;
}

// PLACES are where a label may sit around its node, best first.
export const PLACES = ['bottom', 'right', 'left', 'top'];

// labelBox is the box of a label of width w (text) and font size fs drawn
// at place (PLACES; below when none) of a node of size h centred at (x,
// y), with a margin m between them and pad around the text, as the
// graph's style draws it.
export function labelBox(x, y, h, w, fs, m, pad, place = 'bottom') {
  const th = fs * 1.25;
  switch (place) {
    case 'top': {
      const bottom = y - h / 2 - m;
      return { x1: x - w / 2 - pad, y1: bottom - th - pad, x2: x + w / 2 + pad, y2: bottom + pad };
    }
    case 'right': {
      const left = x + h / 2 + m;
      return { x1: left - pad, y1: y - th / 2 - pad, x2: left + w + pad, y2: y + th / 2 + pad };
    }
    case 'left': {
      const right = x - h / 2 - m;
      return { x1: right - w - pad, y1: y - th / 2 - pad, x2: right + pad, y2: y + th / 2 + pad };
    }
  }
  const top = y + h / 2 + m;
  return { x1: x - w / 2 - pad, y1: top - pad, x2: x + w / 2 + pad, y2: top + th + pad };
}

// countOverlaps counts the pairs of boxes that overlap (a check for
// tests: the labels drawn, measured in the page).
export function countOverlaps(boxes) {
  let n = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i], boxes[j], 1)) n++;
  }
  return n;
}
