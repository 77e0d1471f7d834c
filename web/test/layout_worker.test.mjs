// Run with `npm test` (node --test) in web/. The worker's layout function,
// run here on Node's headless Cytoscape with the same committed files the
// page serves (third_party/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../static/layout-worker.js';
import { loadVendor } from '../scripts/vendor.mjs';

const cytoscape = loadVendor();
const layout = globalThis.resgraphFcose;

// twoStars is two stars of n leaves whose hubs are linked.
function twoStars(n, size) {
  const nodes = [{ id: 'a', w: size, h: size }, { id: 'b', w: size, h: size }];
  const edges = [{ id: 'ab', source: 'a', target: 'b' }];
  for (const hub of ['a', 'b']) {
    for (let i = 0; i < n; i++) {
      nodes.push({ id: `${hub}${i}`, w: size, h: size });
      edges.push({ id: `${hub}-${i}`, source: hub, target: `${hub}${i}` });
    }
  }
  return { nodes, edges };
}

const dist = (r, i, j) => Math.hypot(r.xs[i] - r.xs[j], r.ys[i] - r.ys[j]);

test('positions for every node, in the order sent, spread out and finite', () => {
  const g = twoStars(30, 18);
  const r = layout(cytoscape, { gen: 1, ...g, options: { randomize: true, quality: 'default', numIter: 1500 } });
  assert.deepEqual(r.ids, g.nodes.map((n) => n.id));
  assert.equal(r.xs.length, g.nodes.length);
  assert.ok([...r.xs, ...r.ys].every(Number.isFinite));
  const keys = new Set(r.ids.map((_, i) => `${Math.round(r.xs[i])},${Math.round(r.ys[i])}`));
  assert.ok(keys.size > g.nodes.length * 0.9, `only ${keys.size} distinct positions for ${g.nodes.length} nodes`);
  // Leaves are laid out around their own hub: on average nearer it than
  // the other hub.
  let own = 0;
  let other = 0;
  for (const [hub, far] of [['a', 'b'], ['b', 'a']]) {
    for (let i = 0; i < 30; i++) {
      const leaf = r.ids.indexOf(`${hub}${i}`);
      own += dist(r, leaf, r.ids.indexOf(hub));
      other += dist(r, leaf, r.ids.indexOf(far));
    }
  }
  assert.ok(own < 0.8 * other, `leaves are ${(own / 60).toFixed(0)} px from their hub, ${(other / 60).toFixed(0)} px from the other`);
});

test('node sizes measured on the page keep big nodes apart', () => {
  const small = layout(cytoscape, { gen: 1, ...twoStars(12, 10), options: { randomize: true } });
  const big = layout(cytoscape, { gen: 1, ...twoStars(12, 200), options: { randomize: true } });
  const minGap = (r) => {
    let m = Infinity;
    for (let i = 0; i < r.ids.length; i++) for (let j = i + 1; j < r.ids.length; j++) m = Math.min(m, dist(r, i, j));
    return m;
  };
  assert.ok(minGap(big) > 150, `200-px nodes only ${minGap(big).toFixed(0)} px apart`);
  assert.ok(minGap(big) > 3 * minGap(small), `200-px nodes ${minGap(big).toFixed(0)} px apart, 10-px nodes ${minGap(small).toFixed(0)}`);
});

test('without randomize the layout refines the positions it is given', () => {
  const g = twoStars(20, 18);
  // a far to the left, b far to the right, leaves around their hub
  g.nodes.forEach((n) => {
    const left = n.id.startsWith('a');
    n.x = (left ? -2000 : 2000) + (n.id.length > 1 ? Math.cos(Number(n.id.slice(1))) * 60 : 0);
    n.y = n.id.length > 1 ? Math.sin(Number(n.id.slice(1))) * 60 : 0;
  });
  const r = layout(cytoscape, { gen: 2, ...g, options: { randomize: false } });
  const a = r.ids.indexOf('a');
  const b = r.ids.indexOf('b');
  assert.ok(r.xs[a] < r.xs[b], `a at x=${r.xs[a].toFixed(0)} is no longer left of b at x=${r.xs[b].toFixed(0)}`);
  assert.ok(dist(r, a, b) < 3000, `the linked hubs stayed ${dist(r, a, b).toFixed(0)} px apart`);
});
