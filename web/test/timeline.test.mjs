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

test('the year strip: a bar a year, stacked by class, the tallest full height', async () => {
  const { layoutYears } = await import('../static/timeline.js');
  const years = [
    { year: '2010', count: 4, byClass: { request: 3, decision: 1 } },
    { year: '2013', count: 8, byClass: { request: 8 } },
    { year: '2014', count: 0, byClass: {} },
  ];
  const t = layoutYears(years, 408, 76, ['decision', 'request']);
  assert.deepEqual(t.bars.map((b) => b.year), ['2010', '2013']);
  assert.equal(t.max, 8);
  const [a, b] = t.bars;
  assert.ok(a.x < b.x && a.x + a.w < b.x, 'bars in year order, apart');
  assert.ok(Math.abs(b.h - (76 - 14 - 2)) < 0.2 && Math.abs(a.h - b.h / 2) < 0.2, `heights ${a.h} ${b.h}`);
  assert.deepEqual(a.parts.map((p) => p.cls), ['decision', 'request']);
  assert.ok(Math.abs(a.parts[0].h * 3 - a.parts[1].h) < 0.3, 'parts in proportion');
  assert.ok(a.parts[0].y > a.parts[1].y, 'the first class at the bottom');
  assert.deepEqual(t.labels.map((l) => l.label), ['2010', '2011', '2012', '2013']);
  assert.deepEqual(layoutYears([], 400, 76, []), { bars: [], labels: [], max: 0 });
});
