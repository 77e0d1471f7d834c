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

test('sorting by a header: the other direction on the same key, dates newest first', async () => {
  const { nextSort, sortLabel, pageRange } = await import('../static/table.js');
  assert.equal(nextSort('', 'date'), 'date'); // the default is newest first: a click gives oldest first
  assert.equal(nextSort('date', 'date'), '-date');
  assert.equal(nextSort('', 'verb'), 'verb');
  assert.equal(nextSort('verb', 'verb'), '-verb');
  assert.equal(nextSort('-verb', 'verb'), 'verb');
  assert.equal(nextSort('verb', 'date'), '-date');
  assert.equal(sortLabel('', {}), 'newest first');
  assert.equal(sortLabel('-verb', { verb: 'Verb' }), 'by verb, descending');
  assert.equal(pageRange(2, 50, 50, 4703), 'Rows 51–100 of 4,703');
  assert.equal(pageRange(1, 50, 0, 0), 'No rows');
});

test('the table asks the server for its sort and filters', async () => {
  globalThis.document = { body: { dataset: {} } }; // api.js reads the endpoint from the page
  const { obligationOrder, tableFilter } = await import('../static/api.js');
  assert.deepEqual(obligationOrder(''), { by: 'DATE', descending: true });
  assert.deepEqual(obligationOrder('verb'), { by: 'VERB', descending: false });
  assert.deepEqual(obligationOrder('-ch7'), { by: 'CHAPTER_VII', descending: true });
  assert.equal(tableFilter({}), null);
  assert.deepEqual(tableFilter({ q: ' report ', year: '2013', cls: 'request' }), { text: 'report', from: '2013', to: '2013', class: 'request' });
});
