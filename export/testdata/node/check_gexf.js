// Reads a Resgraph GEXF export (1.2draft or 1.3) with graphology-gexf, the
// GEXF reader of graphology (the graph library behind sigma.js and Gephi
// Lite), into a multigraph, and prints, as JSON, what it sees: counts, the
// graph's type, and each node's typed attributes (all of them, or only
// label, kind, date, aliases and pagerank with --light). Run by export's Go
// tests (TestGEXFGraphology, TestCorpusReaders).
//
// usage: node check_gexf.js FILE.gexf [--light]
'use strict';
const fs = require('fs');
const { MultiGraph } = require('graphology');
const gexf = require('graphology-gexf');

const light = process.argv[3] === '--light';
const g = gexf.parse(MultiGraph, fs.readFileSync(process.argv[2], 'utf8'));
const out = { order: g.order, size: g.size, type: g.type, nodeData: {}, edgeWeights: 0 };
g.forEachNode((id, a) => {
  if (light) {
    out.nodeData[id] = { label: a.label, kind: a.kind, date: a.date, aliases: a.aliases, pagerank: a.pagerank };
  } else {
    out.nodeData[id] = a;
  }
});
g.forEachEdge((e, a) => { out.edgeWeights += a.weight; });
process.stdout.write(JSON.stringify(out));
