// Run with `npm test` (node --test) in web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snippet } from '../static/rank.js';
import { csvField, toCSV } from '../static/table.js';

test('snippet cuts around the word searched', () => {
  const text = 'a '.repeat(200) + 'AFISMA ' + 'b '.repeat(200);
  const s = snippet(text, 'afisma');
  assert.ok(s.includes('AFISMA'), s);
  assert.ok(s.startsWith('…') && s.endsWith('…'));
  assert.equal(snippet('short text', 'x'), 'short text');
});

test('CSV fields are quoted per RFC 4180', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(undefined), '');
  const cols = [{ label: 'Paragraph', text: (r) => r.p }, { label: 'Action', text: (r) => r.a }];
  assert.equal(toCSV(cols, [{ p: '9', a: 'to carry out, "swiftly"' }]), 'Paragraph,Action\r\n9,"to carry out, ""swiftly"""\r\n');
});
