// Run with `npm test` (node --test) in web/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankActors, snippet } from '../static/rank.js';
import { csvField, toCSV } from '../static/table.js';

const sg = { id: 'secretary-general', name: 'Secretary-General', aliases: ['UNSG'] };
const dsg = { id: 'deputy-secretary-general', name: 'Deputy Secretary-General', aliases: [] };
const srsg = { id: 'srsg-west-africa', name: 'Special Representative of the Secretary-General for West Africa', aliases: [] };

test('the actor the text names comes first, whatever the id order', () => {
  const got = rankActors(sg, [dsg, sg, srsg], 'secretary-general').map((a) => a.id);
  assert.deepEqual(got, ['secretary-general', 'deputy-secretary-general', 'srsg-west-africa']);
});

test('an alias match ranks before a word inside a name', () => {
  const au = { id: 'african-union', name: 'African Union', aliases: ['AU'] };
  const other = { id: 'x/au-pair', name: 'Paul Auster', aliases: [] };
  assert.deepEqual(rankActors(null, [other, au], 'au').map((a) => a.id), ['african-union', 'x/au-pair']);
});

test('the exact actor is added when the search page missed it', () => {
  assert.deepEqual(rankActors(sg, [dsg], 'unsg').map((a) => a.id), ['secretary-general', 'deputy-secretary-general']);
});

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
