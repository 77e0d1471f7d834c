// Package query is Resgraph's read model: an immutable, in-memory Snapshot
// built from the documents and actors of the store, indexed to answer
// analysts' questions fast.
//
// A Snapshot indexes obligations (directives and tasks) by actor id and by
// every name and alias of the actor (so "AU" finds the African Union), by
// verb, class, document symbol (draft and adopted) and year; keeps
// paragraphs with an inverted index for ranked (BM25) text search; keeps
// citations both ways; and keeps an adjacency list of documents and actors
// for neighbourhoods and shortest paths (breadth-first search in Go).
//
// A snapshot lives for many garbage collections, so it is laid out for the
// collector: each document it keeps is a deep copy in one pointer-free
// block (compact.go), which the collector marks as one object and never
// scans, and its many small objects (paragraphs, obligations, citations,
// graph nodes and edges) are parts of a few arrays.
//
// Snapshots are never modified once built. Live holds the current one and
// swaps it atomically after a load, so a reader sees either the old graph or
// the new one, never half a document.
//
// The store is the store of record; this package imports neither the store
// nor Cayley, and takes plain domain values:
//
//	snap := query.Build(docs, actors)
//	conn, err := snap.Obligations(query.ObligationFilter{Actor: "AU"}, query.Page{First: 50})
package query
