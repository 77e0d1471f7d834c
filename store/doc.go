// Package store keeps Resgraph's documents and actors in a Cayley quad store
// and reads them back. It is the only package that imports Cayley (aliased
// cgraph, because our graph package and Cayley's share a name).
//
// # Cayley version
//
// go.mod pins github.com/cayleygraph/cayley at
// v0.7.7-0.20240706181042-81dcd7d73e45 (HEAD of July 2024). We chose it on
// purpose: it is the only version the module proxy serves here, it has the
// context-aware iterator API (iterator.Shape, refs.Namer) that v0.7.7 (2019)
// lacks, and it has the bbolt and PostgreSQL backends we use. Moving to another
// commit means re-running the conformance suite (store/storetest) on every
// backend: the iterator and writer APIs changed between releases.
//
// # What Cayley is for in this design
//
// Cayley is the store's format and its graph engine, not the serving path.
// The server reads whole documents once per store generation and answers
// GraphQL and exports from an in-memory snapshot (package query); loads into
// an empty store write Cayley's formats directly (bulk paths below). Cayley
// earns its place where a graph engine is the right tool: the quad model
// (every fact labelled with its document, so a replace is one labelled
// delete and add), its write path for later loads, N-Quads in and out, and
// read-only graph queries in its own languages (Store.Gizmo, served at
// /query/gizmo with time, depth and result limits) for researchers who want
// paths the API does not offer. Store.ObligationsOf is Cayley's path API on
// every backend; the conformance suite uses it to check that our bulk
// writers leave stores Cayley's engine reads right.
//
// # Backends
//
//   - "bolt": a bbolt file, the default. Opened with a lock timeout, so a
//     second process gets a clear error (ErrLocked) instead of waiting forever
//     for the server that holds the file. Bloom filters are off (no_bloom):
//     they cost hundreds of MiB and most of a second on every open.
//   - "memory": Cayley's memstore, for tests and small demos.
//   - "postgres": Cayley's SQL backend on PostgreSQL. Writes of whole
//     documents go through a bulk path of our own (COPY into Cayley's nodes
//     and quads tables); everything else is Cayley's. The quads table keeps fewer,
//     narrower indexes than Cayley creates (pg.go says which and why).
//
// # Bulk loads
//
// Store.BulkLoad on a store that holds no documents stages the writes in
// memory and writes them in one go when the load ends: on bolt, a new
// bbolt file in Cayley's KV format, built page by page in key order
// (boltbulk.go, boltbulk_pages.go) and renamed over the old one; on
// PostgreSQL, COPY in one transaction, then the indexes built by sorting
// (pg_bulk.go). Both are all-or-nothing, readers see the store as it was
// until the end, and the results are checked against Cayley's own write
// path by tests (TestBoltBulkEquivalence, TestPostgresBulkLoad). A store that
// holds documents is written through Cayley's write path.
//
// # After a crash
//
// Open brings a store left by a killed process back into use and logs
// what it did (heal.go, pg_heal.go): it removes a bolt bulk load's partial
// <db>.bulk, ends the PostgreSQL index builds a dead bulk load left
// running and builds the indexes again, and warns, naming the command to
// run, of a bolt store holding documents but no generation (left by an
// older Resgraph). docs/reliability.md has the crash suite that checks it.
//
// # Model
//
// Every fact is a quad whose label is the IRI of the document it came from,
// so replacing a document is "delete the quads with that label, write the new
// ones" in one transaction, with the new generation: on bolt one bbolt
// transaction although Cayley's mixed-delta bug needs two ApplyDeltas calls
// (boltjoin.go), so that a crash leaves each document old or new. Registry actors live under the registry label;
// the store's generation counter under the meta label. docs/store.md lists the
// vocabulary.
//
// # The bbolt phantom-index bug
//
// After a failed write transaction, Cayley's KV backends keep stale
// in-memory index buffers, and the next successful write leaves a phantom
// <nil> <nil> <nil> entry. The store therefore never asks Cayley for a write
// that can fail on content (deletes are of quads just read, with
// IgnoreMissing and IgnoreDup set), and if a bolt write fails anyway (disk
// full, I/O error) it closes and reopens the bbolt file before the next
// operation. TestBoltPhantomAfterFailedWrite pins both.
package store
