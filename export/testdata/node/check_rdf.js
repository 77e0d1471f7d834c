// Reads a Resgraph N-Quads export with the n3 parser (strict N-Quads) and
// a JSON-LD export of the same graph with jsonld.js (the JSON-LD 1.1
// processor; toRDF in safe mode, so a key that maps to no IRI is an error),
// and prints, as JSON, the statements each gives and how they differ, and
// every literal datatype seen. Run by export's Go tests (TestRDFParsers).
//
// usage: node check_rdf.js FILE.nq FILE.jsonld
//        node check_rdf.js FILE.nq     (streams the N-Quads: count and datatypes only)
'use strict';
const fs = require('fs');
const N3 = require('n3');
const jsonld = require('jsonld');

const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

// key is a statement's identity. An xsd:double compares by value, to a
// relative 1e-15: jsonld.js writes every double in the canonical form with
// 16 digits ("8.362018302409598E-2"), the N-Quads in the shortest form
// that reads back exactly ("0.08362018302409598"); key leaves its value out
// and doubles() holds it.
function isDouble(o) {
  return o.termType === 'Literal' && o.datatype.value === XSD_DOUBLE;
}

function doubles(quads) {
  const m = new Map();
  for (const q of quads) {
    if (!isDouble(q.object)) continue;
    const k = key(q);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(Number(q.object.value));
  }
  for (const vs of m.values()) vs.sort((a, b) => a - b);
  return m;
}

function key(q) {
  const o = q.object;
  const v = isDouble(o) ? '(double)' : o.value;
  return JSON.stringify([q.subject.termType, q.subject.value, q.predicate.value, o.termType, v,
    o.termType === 'Literal' ? o.datatype.value : '', o.termType === 'Literal' ? o.language : '', q.graph.value]);
}

function parse(text) {
  return new N3.Parser({ format: 'N-Quads' }).parse(text);
}

function stream(path) {
  return new Promise((resolve, reject) => {
    const out = { nquads: 0, datatypes: {} };
    const parser = new N3.StreamParser({ format: 'N-Quads' });
    fs.createReadStream(path).pipe(parser);
    parser.on('data', (q) => {
      out.nquads++;
      if (q.object.termType === 'Literal') out.datatypes[q.object.datatype.value] = (out.datatypes[q.object.datatype.value] || 0) + 1;
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(out));
  });
}

(async () => {
  if (process.argv.length === 3) {
    process.stdout.write(JSON.stringify(await stream(process.argv[2])));
    return;
  }
  const nq = parse(fs.readFileSync(process.argv[2], 'utf8'));
  const doc = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  const fromLD = parse(await jsonld.toRDF(doc, { format: 'application/n-quads', safe: true }));
  const a = new Set(nq.map(key));
  const b = new Set(fromLD.map(key));
  const datatypes = {};
  for (const q of nq) {
    if (q.object.termType === 'Literal') datatypes[q.object.datatype.value] = (datatypes[q.object.datatype.value] || 0) + 1;
  }
  const onlyNQ = [...a].filter((k) => !b.has(k));
  const onlyLD = [...b].filter((k) => !a.has(k));
  const da = doubles(nq);
  const db = doubles(fromLD);
  for (const [k, vs] of da) {
    const ws = db.get(k) || [];
    const same = vs.length === ws.length && vs.every((v, i) => Math.abs(v - ws[i]) <= 1e-15 * Math.max(Math.abs(v), 1e-300));
    if (!same) {
      onlyNQ.push(k + ' ' + JSON.stringify(vs));
      onlyLD.push(k + ' ' + JSON.stringify(ws));
    }
  }
  process.stdout.write(JSON.stringify({
    nquads: nq.length, nquadsDistinct: a.size, jsonld: fromLD.length, jsonldDistinct: b.size,
    onlyNQuads: onlyNQ.slice(0, 5), onlyNQuadsCount: onlyNQ.length,
    onlyJSONLD: onlyLD.slice(0, 5), onlyJSONLDCount: onlyLD.length, datatypes,
  }));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
