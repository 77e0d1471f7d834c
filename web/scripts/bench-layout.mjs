// `node scripts/bench-layout.mjs`: the CPU time of the graph's fCoSE layout
// by graph size, run with the layout worker's own function on Node's
// headless Cytoscape (the committed files the page serves) and the page's
// fCoSE options. Each graph is documents linked to three actors each (one
// actor for five nodes), like an actor's neighbourhood. Every size is run
// twice; the first runs are cold (the JIT not warmed up yet), as a page's
// first layout is. The figures say which graphs can be laid out on the page
// (graph.js: WORKER_FROM).
import '../static/layout-worker.js';
import { fcoseParams } from '../static/graph.js';
import { loadVendor } from './vendor.mjs';

const cytoscape = loadVendor();

function graph(n) {
  const actors = Math.max(2, Math.round(n / 5));
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) nodes.push({ id: 'n' + i, w: i < actors ? 18 : 22, h: i < actors ? 18 : 22 });
  for (let i = actors; i < n; i++) {
    for (let k = 0; k < 3; k++) edges.push({ id: `e${i}-${k}`, source: 'n' + i, target: 'n' + ((i * 7 + k * 13) % actors) });
  }
  return { nodes, edges };
}

const sizes = [25, 50, 99, 150, 250, 400];
for (const pass of ['cold', 'warm']) {
  for (const n of sizes) {
    const g = graph(n);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    globalThis.resgraphFcose(cytoscape, { gen: 1, ...g, options: fcoseParams(n, true) });
    const used = process.cpuUsage(cpu);
    console.log(`${pass} ${n} nodes, ${g.edges.length} edges: ${Math.round((used.user + used.system) / 1000)} ms CPU, ${Math.round(performance.now() - wall)} ms wall`);
  }
}
