// Run with `npm test` (node --test) in web/. Pure helpers of graph.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spiral, fcoseParams, nodeLook, edgeLook, nodeSize, labelScale, WORKER_FROM, FCOSE_FROM } from '../static/graph.js';

test('the first placement spreads 400 nodes on a disc, nearest first', () => {
  const pts = Array.from({ length: 400 }, (_, i) => spiral(i));
  assert.deepEqual(pts[0], { x: 0, y: 0 });
  let min = Infinity;
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) min = Math.min(min, Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y));
  }
  assert.ok(min > 30, `two points only ${min.toFixed(1)} px apart`);
  const r = (p) => Math.hypot(p.x, p.y);
  assert.ok(r(pts[10]) < r(pts[100]) && r(pts[100]) < r(pts[399]), 'later points are further out');
  assert.ok(r(pts[399]) < 45 * 21, `the disc is ${r(pts[399]).toFixed(0)} px wide, more than needed`);
});

test('fCoSE options are plain data (they go to the worker) and fewer iterations for big graphs', () => {
  const small = fcoseParams(50, true);
  const big = fcoseParams(400, false);
  assert.deepEqual(JSON.parse(JSON.stringify(big)), big);
  assert.equal(big.randomize, false);
  assert.ok(big.numIter < small.numIter);
  assert.ok(FCOSE_FROM <= WORKER_FROM);
});

test('elements carry the colours and line styles the style draws', () => {
  assert.deepEqual(nodeLook({ kind: 'actor', type: 'state' }), { ntype: 'state', color: '#2f855a', shape: 'ellipse', size: 18 });
  assert.equal(nodeLook({ kind: 'actor', type: 'nonsense' }).ntype, 'unknown');
  assert.equal(nodeLook({ kind: 'document', docKind: 'resolution' }).shape, 'round-rectangle');
  assert.deepEqual(edgeLook({ class: 'stance' }), { color: '#7b61a8', lineStyle: 'dashed', width: 1.6 });
  assert.deepEqual(edgeLook({ class: 'partner' }).lineStyle, 'dotted');
  assert.deepEqual(edgeLook({ class: 'no such class' }), { color: '#a0aec0', lineStyle: 'solid', width: 1.6 });
});

test('groups look like their members, sized by how many; summed edges thicker by count', () => {
  const year = nodeLook({ kind: 'group', groupBy: 'year', groupKey: '2013', memberKind: 'document', members: 84 });
  assert.equal(year.ntype, 'document');
  assert.equal(year.shape, 'round-rectangle');
  const states = nodeLook({ kind: 'group', groupBy: 'type', groupKey: 'state', memberKind: 'actor', members: 4 });
  assert.deepEqual([states.ntype, states.shape], ['state', 'ellipse']);
  assert.ok(states.size < year.size && year.size <= 60, `sizes ${states.size}, ${year.size}`);
  assert.equal(nodeSize({ kind: 'group', members: 10000 }), 60);
  // The focus biggest; weight makes a neighbour bigger, up to a point.
  assert.equal(nodeSize({ kind: 'actor', focus: true, weight: 500 }), 34);
  assert.ok(nodeSize({ kind: 'document', weight: 30 }) > nodeSize({ kind: 'document', weight: 2 }));
  assert.ok(nodeSize({ kind: 'document', weight: 1e6 }) <= 34);
  const w = (n) => edgeLook({ class: 'request', count: n }).width;
  assert.ok(w(1) < w(10) && w(10) < w(200) && w(200) <= 8, `widths ${w(1)} ${w(10)} ${w(200)}`);
});

test('labels keep their size on screen when zoomed out, not in big graphs', () => {
  assert.equal(labelScale(1.3, 50), 1);
  assert.equal(labelScale(0.5, 50), 2);
  assert.equal(labelScale(0.05, 50), 4);
  assert.equal(labelScale(0.5, 400), 1);
});
