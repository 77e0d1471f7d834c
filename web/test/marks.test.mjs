// Run with `npm test` (node --test) in web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteToUnit, segments } from '../static/marks.js';

test('ascii offsets are unchanged', () => {
  const f = byteToUnit('abc');
  assert.deepEqual([0, 1, 2, 3].map(f), [0, 1, 2, 3]);
});

test('multi-byte characters: é is 2 bytes, 1 unit; 𝄞 is 4 bytes, 2 units', () => {
  const s = 'Côte d’Ivoire 𝄞 x';
  const f = byteToUnit(s);
  const bytes = new TextEncoder().encode(s);
  // byte offset of "d" is 6 (C=1, ô=2, t, e, space) -> unit 5
  assert.equal(f(6), 5);
  // after ’ (3 bytes) at byte 7..9, "I" is byte 10 -> unit 7
  assert.equal(f(10), 7);
  // end
  assert.equal(f(bytes.length), s.length);
  // "x" is the last char
  assert.equal(s[f(bytes.length - 1)], 'x');
});

test('segments mark the right words across non-ASCII text', () => {
  const text = 'Requests the Secretary‑General to report';
  const enc = new TextEncoder();
  const byteIndex = (sub) => enc.encode(text.slice(0, text.indexOf(sub))).length;
  const sg = 'Secretary‑General';
  const marks = [
    { role: 'verb', start: 0, end: 8 },
    { role: 'addressee', start: byteIndex(sg), end: byteIndex(sg) + enc.encode(sg).length },
    { role: 'action', start: byteIndex('to report'), end: enc.encode(text).length },
  ];
  const segs = segments(text, marks);
  assert.deepEqual(segs.filter((s) => s.roles.length).map((s) => [s.text, s.roles.join()]), [
    ['Requests', 'verb'],
    [sg, 'addressee'],
    ['to report', 'action'],
  ]);
  assert.equal(segs.map((s) => s.text).join(''), text);
});

test('overlapping marks give both roles', () => {
  const segs = segments('abcdef', [{ role: 'action', start: 0, end: 6 }, { role: 'deadline', start: 2, end: 4 }]);
  assert.deepEqual(segs.map((s) => [s.text, s.roles.join()]), [['ab', 'action'], ['cd', 'action,deadline'], ['ef', 'action']]);
});
