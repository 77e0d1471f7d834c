// Reads a Resgraph N-Quads export with the n3 parser (strict N-Quads) and
// a JSON-LD export of the same graph with jsonld.js (the JSON-LD 1.1
// processor; toRDF in safe mode, so a key that maps to no IRI is an error),
// and prints, as JSON, the statements each gives and how they differ, and
// every literal datatype seen. Run by export's Go tests (TestRDFParsers).
//
// usage: node check_rdf.js FILE.nq FILE.jsonld
'use strict';
const fs = require('fs');
const N3 = require('n3');
const jsonld = require('jsonld');

function key(q) {
  const o = q.object;
  return JSON.stringify([q.subject.termType, q.subject.value, q.predicate.value, o.termType, o.value,
    o.termType === 'Literal' ? o.datatype.value : '', o.termType === 'Literal' ? o.language : '', q.graph.value]);
}

function parse(text) {
  return new N3.Parser({ format: 'N-Quads' }).parse(text);
}

(async () => {
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
  process.stdout.write(JSON.stringify({
    nquads: nq.length, nquadsDistinct: a.size, jsonld: fromLD.length, jsonldDistinct: b.size,
    onlyNQuads: onlyNQ.slice(0, 5), onlyNQuadsCount: onlyNQ.length,
    onlyJSONLD: onlyLD.slice(0, 5), onlyJSONLDCount: onlyLD.length, datatypes,
  }));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
