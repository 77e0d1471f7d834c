package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	citer "github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"

	"github.com/resgraph/resgraph"
)

// labelSet is the complete new content of one label.
type labelSet struct {
	label quad.IRI
	quads []quad.Quad
}

// ReplaceDocument writes doc, replacing every fact of a previous version of
// the same document (same symbol) in one transaction: readers see the old
// version or the new one, a failure leaves the store as it was, and
// writing the same document twice leaves the same quads.
func (s *Store) ReplaceDocument(ctx context.Context, doc *resgraph.Document) error {
	if err := s.ReplaceDocuments(ctx, []*resgraph.Document{doc}); err != nil {
		return err
	}
	return nil
}

// ReplaceDocuments is ReplaceDocument for several documents in one
// transaction: all are written or none. Loaders batch documents this way
// and fall back to one at a time when a batch fails.
func (s *Store) ReplaceDocuments(ctx context.Context, docs []*resgraph.Document) error {
	// Encode on every core; during a bulk load (bolt or PostgreSQL), also
	// intern each document's values, so that staging it is one lookup per
	// value.
	s.mu.RLock()
	staging := s.stage != nil
	s.mu.RUnlock()
	sets := make([]labelSet, len(docs))
	errs := make([]error, len(docs))
	var locals []*localSet
	if staging {
		locals = make([]*localSet, len(docs))
	}
	eachParallel(len(docs), func(i int) {
		qs, err := documentQuads(docs[i])
		if err != nil {
			errs[i] = err
			return
		}
		sets[i] = labelSet{DocumentIRI(docs[i].Symbol), qs}
		if staging {
			locals[i] = internLocal(qs)
		}
	})
	seen := make(map[quad.IRI]resgraph.Symbol, len(docs))
	for i, d := range docs {
		if errs[i] != nil {
			return fmt.Errorf("replace document: %w", errs[i])
		}
		l := sets[i].label
		if prev, dup := seen[l]; dup {
			return fmt.Errorf("replace documents: %w", resgraph.Errorf(resgraph.EINVALID, "%s and %s are the same document in one batch", prev, d.Symbol))
		}
		seen[l] = d.Symbol
	}
	var err error
	staged := false
	if staging {
		staged, err = s.stageLocal(ctx, sets, locals)
	}
	if !staged {
		err = s.replaceLabels(ctx, sets)
	}
	if err != nil {
		if len(docs) == 1 {
			return fmt.Errorf("replace document %s: %w", docs[0].Symbol, err)
		}
		return fmt.Errorf("replace %d documents: %w", len(docs), err)
	}
	return nil
}

// eachParallel calls fn(0..n-1) on every core.
func eachParallel(n int, fn func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// BulkLoad runs fn, which writes many documents, with the store prepared
// for a large load.
//
// On bolt, when the store holds no documents yet, the writes fn makes
// (ReplaceDocuments, PutActors, DeleteDocument) are checked as usual but
// staged in memory, and written when fn returns, together with what the
// store already held, as a new bbolt file in Cayley's KV format that
// replaces the old one at once (see boltbulk.go): an order of magnitude
// faster than Cayley's write path. Readers see the store as it was until
// then. Staged writes are written
// even when fn fails (each was accepted); if that write fails, the store is
// left as it was and the error is returned. On a bolt store that holds
// documents, fn writes through Cayley as usual.
//
// On PostgreSQL, when the store holds no documents yet, the writes are
// staged the same way (see pg_bulk.go); when fn returns, the quads table's
// secondary indexes are dropped, nodes, quads and the obligations table are
// written with COPY in one transaction, and the indexes are rebuilt by
// sorting, an order of magnitude faster than maintaining them row by row.
// Readers see the store as it was until the commit, and are slow while the
// indexes build; no other process should write meanwhile. An interrupted
// bulk load gets its indexes back on the next Open. The memory store just
// runs fn.
func (s *Store) BulkLoad(ctx context.Context, fn func() error) error {
	var begin func() (bool, error)
	var end func(context.Context) error
	switch {
	case s.pg != nil:
		begin = func() (bool, error) { return s.pgBulkBegin(ctx) }
		end = s.pgBulkEnd
	case s.cfg.Backend == BackendBolt:
		begin, end = s.bulkBegin, s.bulkEnd
	default:
		return fn()
	}
	staging, err := begin()
	if err != nil {
		return fmt.Errorf("bulk load: preparing: %w", err)
	}
	if !staging {
		return fn()
	}
	ended := false
	defer func() {
		if !ended { // fn panicked: nothing was written, drop the stage
			s.bulkAbort()
		}
	}()
	ferr := fn()
	ended = true
	// Write even when fn failed or ctx ended: what was staged was accepted
	// (and on PostgreSQL the indexes must come back).
	return errors.Join(ferr, end(context.WithoutCancel(ctx)))
}

// PutActors replaces the actor registry.
func (s *Store) PutActors(ctx context.Context, actors []resgraph.Actor) error {
	qs, err := actorQuads(actors)
	if err != nil {
		return fmt.Errorf("put actors: %w", err)
	}
	if err := s.replaceLabels(ctx, []labelSet{{RegistryLabel, qs}}); err != nil {
		return fmt.Errorf("put %d actors: %w", len(actors), err)
	}
	return nil
}

// DeleteDocument removes every fact of the document sym. Deleting a
// document that is not there is not an error.
func (s *Store) DeleteDocument(ctx context.Context, sym resgraph.Symbol) error {
	if err := s.replaceLabels(ctx, []labelSet{{DocumentIRI(sym), nil}}); err != nil {
		return fmt.Errorf("delete document %s: %w", sym, err)
	}
	return nil
}

// replaceLabels makes each label hold exactly its quads, and bumps the
// generation, in one transaction.
func (s *Store) replaceLabels(ctx context.Context, sets []labelSet) error {
	unlock, err := s.writeLock()
	if err != nil {
		return err
	}
	defer unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.pg != nil {
		return s.pgReplace(ctx, sets)
	}
	if s.stage != nil {
		s.stage.flush()   // after the documents queued before
		s.stage.add(sets) // a bolt bulk load: written when it ends
		return nil
	}
	if s.autoBulk && s.bdb != nil && documentLabels(sets) {
		has, err := s.boltHoldsDocuments()
		if err != nil {
			return err
		}
		if !has {
			st := newBulkStage()
			st.add(sets)
			return s.bulkWrite(ctx, st)
		}
	}

	// Only the difference is written: a reload of an unchanged document
	// writes nothing, and deletes are of quads just read, so the
	// transaction cannot fail on content (see the bbolt bug in doc.go).
	var deltas []cgraph.Delta
	for _, set := range sets {
		old, err := s.labelQuads(ctx, set.label)
		if err != nil {
			return err
		}
		oldSet := make(map[quad.Quad]struct{}, len(old))
		for _, q := range old {
			oldSet[q] = struct{}{}
		}
		newSet := make(map[quad.Quad]struct{}, len(set.quads))
		for _, q := range set.quads {
			newSet[q] = struct{}{}
			if _, ok := oldSet[q]; !ok {
				deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			}
		}
		for _, q := range old {
			if _, ok := newSet[q]; !ok {
				deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
			}
		}
	}
	if len(deltas) == 0 {
		return nil // nothing changed: no write, no new generation
	}
	gen, genQuad, err := s.generationQuad(ctx)
	if err != nil {
		return err
	}
	if genQuad != nil {
		deltas = append(deltas, cgraph.Delta{Quad: *genQuad, Action: cgraph.Delete})
	}
	deltas = append(deltas, cgraph.Delta{Quad: generationQuad(gen + 1), Action: cgraph.Add})
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.cfg.Backend != BackendBolt {
		return s.apply(deltas)
	}
	// Cayley's KV backends lose a direction of an added quad when one of
	// its nodes has a net negative or zero reference change in the same
	// transaction (graph/kv applyAddDeltas only resolves nodes of IncNode;
	// TestKVMixedDeltasBug pins it). So on bolt deletes and adds are two
	// transactions. Readers of this process never see the gap (we hold
	// s.mu); if the adds fail, the deleted quads are put back.
	var dels, adds []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	if len(dels) > 0 {
		if err := s.apply(dels); err != nil {
			return err
		}
	}
	if err := s.apply(adds); err != nil {
		if len(dels) == 0 {
			return err
		}
		undo := make([]cgraph.Delta, len(dels))
		for i, d := range dels {
			undo[i] = cgraph.Delta{Quad: d.Quad, Action: cgraph.Add}
		}
		if s.broken {
			if rerr := s.reopen(); rerr != nil {
				return errors.Join(err, rerr)
			}
		}
		if uerr := s.apply(undo); uerr != nil {
			return errors.Join(err, fmt.Errorf("restoring %d deleted quads: %w", len(undo), uerr))
		}
		return err
	}
	return nil
}

// applyHook, when set by a test, replaces the write of a transaction.
var applyHook func(qs cgraph.QuadStore, deltas []cgraph.Delta) error

// apply writes deltas in one transaction. Missing deletes and duplicate
// adds are ignored rather than failing the transaction.
func (s *Store) apply(deltas []cgraph.Delta) error {
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	var err error
	if applyHook != nil {
		err = applyHook(s.qs, deltas)
	} else {
		err = s.qs.ApplyDeltas(deltas, opts)
	}
	if err != nil {
		if s.cfg.Backend == BackendBolt {
			s.broken = true // reopen before the next operation
		}
		return fmt.Errorf("writing %d changes: %w", len(deltas), err)
	}
	return nil
}

func generationQuad(n int64) quad.Quad {
	return quad.Quad{Subject: storeNode, Predicate: PGeneration, Object: quad.Int(n), Label: MetaLabel}
}

// generationQuad returns the current generation and the quad holding it
// (nil for a new store).
func (s *Store) generationQuad(ctx context.Context) (int64, *quad.Quad, error) {
	qs, err := s.labelQuads(ctx, MetaLabel)
	if err != nil {
		return 0, nil, err
	}
	var best *quad.Quad
	var gen int64
	for i, q := range qs {
		if q.Subject != storeNode || q.Predicate != PGeneration {
			continue
		}
		if n, ok := q.Object.(quad.Int); ok && (best == nil || int64(n) > gen) {
			gen, best = int64(n), &qs[i]
		}
	}
	return gen, best, nil
}

// labelQuads returns the quads labelled l (Cayley's path for memory and
// bolt; callers hold s.mu).
func (s *Store) labelQuads(ctx context.Context, l quad.IRI) ([]quad.Quad, error) {
	ref, err := s.qs.ValueOf(l)
	if err != nil {
		return nil, fmt.Errorf("looking up %s: %w", l, err)
	}
	if ref == nil {
		return nil, nil
	}
	return s.readQuads(ctx, s.qs.QuadIterator(quad.Label, ref).Iterate())
}

// readQuads drains an iterator of quads.
func (s *Store) readQuads(ctx context.Context, it citer.Scanner) ([]quad.Quad, error) {
	r := cgraph.NewResultReader(s.qs, it)
	defer r.Close()
	var out []quad.Quad
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		q, err := r.ReadQuad()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading quads: %w", err)
		}
		out = append(out, q)
	}
}
