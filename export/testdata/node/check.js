// Loads a Resgraph Cytoscape.js export (the file named on the command line)
// into headless Cytoscape and prints, as JSON, what Cytoscape sees: counts,
// each node's degree, and the data of every element. Run by export's Go
// tests (TestCytoscapeLoads).
'use strict';
const fs = require('fs');
const cytoscape = require('cytoscape');

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({ headless: true, styleEnabled: false, elements: doc.elements });
const out = {
  version: cytoscape.version,
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  degree: {},
  nodeData: {},
  edgeData: {},
};
cy.nodes().forEach((n) => {
  out.degree[n.id()] = n.degree(false);
  out.nodeData[n.id()] = n.data();
});
cy.edges().forEach((e) => {
  out.edgeData[e.id()] = e.data();
});
process.stdout.write(JSON.stringify(out));
