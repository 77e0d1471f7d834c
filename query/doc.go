// Package query is Resgraph's read model: an immutable, in-memory Snapshot
// built from the documents and actors of the store, indexed to answer
// analysts' questions fast.
//
// A Snapshot indexes obligations (directives and tasks) by actor id and by
// every name and alias of the actor (so "AU" finds the African Union), by
// verb, class, document symbol (draft and adopted) and year; keeps
// paragraphs with an inverted index for ranked (BM25) text search; keeps
// citations both ways; keeps an adjacency list of documents and actors for
// neighbourhoods and shortest paths (breadth-first search in Go); and the
// mandates' timeline and reporting calendar (package mandate).
//
// # Layout
//
// A snapshot lives for many garbage collections, and every cycle marks
// what it holds, so it is laid out for the collector: pointer-free by
// construction, it is about 80 heap objects whatever its size, besides
// package mandate's timeline.
//
//   - Records. Documents, paragraphs, actions, actor references, marks,
//     references, citations, actors, graph nodes and edges, mandate
//     reports: each kind is one array of structs without pointers
//     (layout.go), which refer to each other by int32 index and to runs of
//     other arrays as a list (offset, length). The collector marks such an
//     array as one object and never scans it.
//   - Texts. Every string is a str (offset, length) into the snapshot's
//     arena, one string holding all its texts: short ones (ids, verbs,
//     names) once however often they occur, a clause or a mention as the
//     part of its paragraph's text it is. Accessors return parts of the
//     arena: no copy, no allocation.
//   - Lookups. Maps from names to values are keyIndex: sorted keys in the
//     arena, searched by halving.
//   - Handles. The API hands out *Document, *Paragraph, *Obligation,
//     *Citation, *Actor, *Node and *Edge: each points into one array of
//     handles per type, a handle being the snapshot and an index, whose
//     methods read the records. The lists the API returns (a document's
//     paragraphs, an actor's stances) are runs of a few arrays of pointers
//     to handles, so returning one allocates nothing; callers must not
//     modify them. These arrays hold the snapshot's only pointers besides
//     its arenas, its Built time and package mandate's timeline, and they
//     point at the snapshot itself (TestRecordsArePointerFree).
//   - Copies. Lists of strings and domain values (sponsors, verbs, marks,
//     votes) are made on each call, and so are whole documents: Source and
//     the Copy methods return resgraph values of the caller's own, to keep
//     or change. Their strings share the arena, which is safe (a string is
//     never written) and keeps it alive while they are held.
//
// The corpus snapshot (3,213 documents, 79,692 paragraphs, 40,045
// obligations) is a 39 MB arena and 75 MB of records, 121 MB of live heap
// with 12 MB to scan; it was 230 MB, 46 MB to scan and 179,000 objects
// when documents were copied into blocks the collector was kept from
// scanning (BenchmarkSnapshotGC; docs/performance.md).
//
// Build reads its arguments and keeps no pointer into them. Snapshots are
// never modified once built. Live holds the current one and swaps it
// atomically after a load, so a reader sees either the old graph or the
// new one, never half a document.
//
// The store is the store of record; this package imports neither the store
// nor Cayley, and takes plain domain values:
//
//	snap := query.Build(docs, actors)
//	conn, err := snap.Obligations(query.ObligationFilter{Actor: "AU"}, query.Page{First: 50})
package query
