// Package export turns Resgraph documents and actors into networks for
// visualization tools and network studies, and writes them as GraphML, GEXF
// 1.3 (dynamic, with adoption dates), CSV, Cytoscape.js JSON, JSON-LD and
// N-Quads.
//
// A View picks one well-defined graph out of the documents: the obligation
// network (the Council to the actors it obliges), the actor x document
// bipartite graph, the co-addressee projection, the citation network, or the
// full knowledge graph. Build makes the view under a Filter (dates,
// documents, actors, classes, subjects); Measure adds degree, PageRank,
// betweenness (exact on small graphs, sampled with a fixed seed on large
// ones) and Louvain communities; Write streams one format in a deterministic
// order. Handler serves the same as HTTP downloads.
//
// The package is pure: it reads no files and opens no store. See
// docs/exports.md for every view, attribute and measure.
package export
