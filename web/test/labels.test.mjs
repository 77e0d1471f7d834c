// Run with `npm test` (node --test) in web/. Labels that do not collide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeLabels, labelBox, overlaps, countOverlaps, PLACES } from '../static/labels.js';

const node = (id, x, y, w, priority = 0, size = 20) => ({
  id,
  body: { x1: x - size / 2, y1: y - size / 2, x2: x + size / 2, y2: y + size / 2 },
  label: labelBox(x, y, size, w, 10, 3, 3),
  priority,
});

test('boxes overlap only when they share area', () => {
  assert.ok(overlaps({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 5, y1: 5, x2: 15, y2: 15 }));
  assert.ok(!overlaps({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 10, y1: 0, x2: 20, y2: 10 }), 'touching edges');
  assert.ok(!overlaps({ x1: 0, y1: 0, x2: 10, y2: 10 }, { x1: 0, y1: 20, x2: 10, y2: 30 }));
});

test('of two labels that collide, the heavier node keeps its own', () => {
  const kept = placeLabels([node('light', 0, 0, 80, 1), node('heavy', 30, 0, 80, 5)]);
  assert.deepEqual([...kept.keys()], ['heavy']);
});

test('labels far apart all stay; a label never covers another node', () => {
  const nodes = [node('a', 0, 0, 60), node('b', 200, 0, 60), node('c', 0, 200, 60)];
  assert.equal(placeLabels(nodes).size, 3);
  // d's label (below it) runs over e's disc, which sits just under d.
  const kept = placeLabels([node('d', 0, 0, 100, 9), node('e', 0, 30, 10, 1)]);
  assert.ok(!kept.has('d') && kept.has('e'), [...kept.keys()].join());
});

test('a crowd keeps no overlapping labels, and keeps some', () => {
  const nodes = [];
  for (let i = 0; i < 300; i++) nodes.push(node('n' + i, (i * 37) % 500, (i * 53) % 400, 40 + (i % 7) * 10, i % 11));
  const kept = placeLabels(nodes);
  const boxes = nodes.filter((n) => kept.has(n.id)).map((n) => n.label);
  assert.equal(countOverlaps(boxes), 0);
  assert.ok(kept.size >= 10, `only ${kept.size} labels kept`);
  for (const n of nodes.filter((m) => kept.has(m.id))) {
    for (const m of nodes) if (m.id !== n.id) assert.ok(!overlaps(n.label, m.body), `${n.id}'s label covers ${m.id}`);
  }
});

test('nodes without a label only stand in the way', () => {
  assert.equal(placeLabels([{ id: 'x', body: { x1: 0, y1: 0, x2: 1, y2: 1 }, label: null, priority: 1 }]).size, 0);
});

test('a label takes another place around its node when below is taken', () => {
  const at = (id, x, y, w, priority) => ({
    id, priority,
    body: { x1: x - 10, y1: y - 10, x2: x + 10, y2: y + 10 },
    labels: PLACES.map((p) => labelBox(x, y, 20, w, 10, 3, 2, p)),
  });
  // b sits just below a: a's label cannot go below, and goes right.
  const kept = placeLabels([at('a', 0, 0, 60, 2), at('b', 0, 30, 60, 1)]);
  assert.equal(PLACES[kept.get('a')], 'right');
  assert.equal(PLACES[kept.get('b')], 'bottom');
  const boxes = [...kept].map(([id, i]) => (id === 'a' ? at('a', 0, 0, 60, 2) : at('b', 0, 30, 60, 1)).labels[i]);
  assert.equal(countOverlaps(boxes), 0);
});

test('label boxes sit where the style draws them', () => {
  const b = labelBox(100, 100, 20, 50, 10, 3, 0, 'bottom');
  assert.deepEqual([b.x1, b.y1, b.x2], [75, 113, 125]);
  const r = labelBox(100, 100, 20, 50, 10, 3, 0, 'right');
  assert.deepEqual([r.x1, r.x2, (r.y1 + r.y2) / 2], [113, 163, 100]);
  const l = labelBox(100, 100, 20, 50, 10, 3, 0, 'left');
  assert.deepEqual([l.x1, l.x2], [37, 87]);
  const t = labelBox(100, 100, 20, 50, 10, 3, 0, 'top');
  assert.equal(t.y2, 87);
});

test('labels stay inside the view', () => {
  const n = { id: 'edge', priority: 1, body: { x1: 90, y1: 0, x2: 110, y2: 20 }, labels: PLACES.map((p) => labelBox(100, 10, 20, 60, 10, 3, 2, p)) };
  const kept = placeLabels([n], { x1: 0, y1: 0, x2: 120, y2: 200 });
  assert.equal(PLACES[kept.get('edge')], 'left', 'below and right run out of the view');
  assert.equal(placeLabels([n], { x1: 95, y1: 0, x2: 105, y2: 200 }).size, 0);
});
