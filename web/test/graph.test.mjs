// Run with `npm test` (node --test) in web/. Pure helpers of graph.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spiral, fcoseParams, nodeLook, edgeLook, WORKER_FROM, FCOSE_FROM } from '../static/graph.js';

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
  assert.deepEqual(nodeLook({ kind: 'actor', type: 'state' }), { ntype: 'state', color: '#2f855a', shape: 'ellipse' });
  assert.equal(nodeLook({ kind: 'actor', type: 'nonsense' }).ntype, 'unknown');
  assert.equal(nodeLook({ kind: 'document', docKind: 'resolution' }).shape, 'round-rectangle');
  assert.deepEqual(edgeLook({ class: 'stance' }), { color: '#7b61a8', lineStyle: 'dashed' });
  assert.deepEqual(edgeLook({ class: 'partner' }).lineStyle, 'dotted');
  assert.deepEqual(edgeLook({ class: 'no such class' }), { color: '#a0aec0', lineStyle: 'solid' });
});
