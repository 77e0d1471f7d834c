// Run with `npm test` (node --test) in web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutTimeline, renewals } from '../static/timeline.js';

const m = {
  periods: [
    { from: '2003-09-19', until: '2004-09-19', symbol: 'S/RES/1509 (2003)', computed: true, endedBy: 'extend' },
    { from: '2004-09-20', until: '2005-09-19', symbol: 'S/RES/1561 (2004)', endedBy: 'extend' },
  ],
  events: [
    { type: 'establish', symbol: 'S/RES/1509 (2003)', date: '2003-09-19' },
    { type: 'extend', symbol: 'S/RES/1561 (2004)', date: '2004-09-17' },
    { type: 'modify', symbol: 'S/RES/1561 (2004)', date: '2004-09-17' },
  ],
};

test('periods span the width, in order, without overlap', () => {
  const t = layoutTimeline(m, 416, '2026-07-01');
  assert.equal(t.bars.length, 2);
  assert.equal(t.bars[0].x, 8);
  assert.ok(Math.abs(t.bars[1].x + t.bars[1].w - 408) < 0.2);
  assert.ok(t.bars[0].x + t.bars[0].w <= t.bars[1].x + 0.2);
  assert.equal(t.bars[0].computed, true);
});

test('ticks sit on their day; colours by type', () => {
  const t = layoutTimeline(m, 416, '2026-07-01');
  assert.equal(t.ticks[0].x, 8);
  assert.equal(t.ticks[1].x, t.ticks[2].x);
  assert.notEqual(t.ticks[1].color, t.ticks[2].color);
});

test('an open period runs to the corpus end', () => {
  const t = layoutTimeline({ periods: [{ from: '2020-01-01', until: '' }], events: [{ type: 'establish', date: '2020-01-01', symbol: 'X' }] }, 208, '2024-01-01');
  assert.equal(t.to, '2024-01-01');
  assert.equal(t.bars[0].open, true);
  assert.ok(Math.abs(t.bars[0].x + t.bars[0].w - 200) < 0.2);
  assert.deepEqual(t.years.map((y) => y.label), ['2020', '2022', '2024']); // 192 px: a label every 48 px at most
});

test('nothing to draw', () => {
  assert.deepEqual(layoutTimeline({ periods: [], events: [] }, 400), { bars: [], ticks: [], years: [], from: '', to: '' });
});

test('renewals: each resolution once, in order, no expiries', () => {
  assert.deepEqual(renewals([...m.events, { type: 'expire', symbol: 'S/RES/1561 (2004)', date: '2005-09-19' }]).map((r) => r.symbol),
    ['S/RES/1509 (2003)', 'S/RES/1561 (2004)']);
});
