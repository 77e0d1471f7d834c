// Package export turns Resgraph documents and actors into networks for
// visualization tools and network studies, and writes them as GraphML, GEXF
// (1.2draft by default, 1.3 on request; dynamic, with start and end on
// every node and edge), CSV, Cytoscape.js JSON, JSON-LD and N-Quads.
//
// A View picks one well-defined graph out of the documents: the obligation
// network (the Council to the actors it obliges), the actor x document
// bipartite graph, the actor-to-actor views (co-addressed, addressee to
// partner, condemned together, welcomed together), the citation network,
// or the full knowledge graph. A Builder makes the view under a Filter
// (dates, documents, actors, classes, subjects, statuses) from documents
// added one at a time, keeping none of them (Build does it for a slice);
// Measure adds degree, PageRank, betweenness (exact on small graphs,
// sampled with a fixed seed on large ones) and Louvain communities;
// WriteWith streams one format in a deterministic order. The server's
// /export/ endpoint serves the same as HTTP downloads.
//
// The package is pure: it reads no files and opens no store. See
// docs/exports.md for every view, attribute, measure and the readers that
// check them.
package export
