package store

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// One bbolt transaction per replace.
//
// Cayley's KV backends lose a direction of an added quad when one of its
// nodes has a net negative or zero reference change in the same
// ApplyDeltas (graph/kv applyAddDeltas only resolves the nodes of IncNode;
// TestKVMixedDeltasBug pins it), so a replace on bolt is two ApplyDeltas
// calls: the deletes, then the adds. They used to be two bbolt
// transactions, and a crash between them left documents with only the
// quads their old and new versions share, and no generation.
//
// joinKV works around the bug below Cayley's API instead: it is the
// hidalgo KV that Cayley's quad store writes through, and while the store
// holds a write transaction of its own (begin), every write transaction
// Cayley asks for joins it, with a Commit and a Close that do nothing. The
// store commits once, after both calls: the deletes, the adds and the new
// generation reach the file together or not at all. Read transactions
// pass through.
type joinKV struct {
	hkv.KV
	joined hkv.Tx // the store's write transaction, while it holds one
}

// Tx returns a read transaction, or a write transaction joining the
// store's when it holds one.
func (k *joinKV) Tx(ctx context.Context, rw bool) (hkv.Tx, error) {
	if rw && k.joined != nil {
		return joinedTx{k.joined}, nil
	}
	return k.KV.Tx(ctx, rw)
}

// View and Update go through Tx (hidalgo's bbolt driver calls its own Tx
// otherwise).
func (k *joinKV) View(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.View(ctx, k, fn)
}

func (k *joinKV) Update(ctx context.Context, fn func(tx hkv.Tx) error) error {
	return hkv.Update(ctx, k, fn)
}

// joinedTx is a write transaction Cayley got while the store holds one:
// the store commits or rolls it back.
type joinedTx struct{ hkv.Tx }

func (joinedTx) Commit(context.Context) error { return nil }
func (joinedTx) Close() error                 { return nil }

// boltWriteHook, when set by a test, runs between the deletes and the adds
// of a bolt replace (inside its transaction).
var boltWriteHook func()

// boltApply writes deltas to the bolt file in one bbolt transaction: the
// deletes, then the adds, as two ApplyDeltas calls that join it. A failure
// rolls everything back and marks the store broken, since Cayley's
// in-memory caches may then hold ids of the rolled-back transaction (see
// the phantom-index bug in doc.go). Callers hold s.mu for writing.
func (s *Store) boltApply(ctx context.Context, deltas []cgraph.Delta) (err error) {
	if s.jkv == nil {
		return errors.New("bolt store opened without its transaction layer")
	}
	var dels, adds []cgraph.Delta
	for _, d := range deltas {
		if d.Action == cgraph.Delete {
			dels = append(dels, d)
		} else {
			adds = append(adds, d)
		}
	}
	tx, err := s.jkv.KV.Tx(ctx, true)
	if err != nil {
		return fmt.Errorf("beginning a write: %w", err)
	}
	s.jkv.joined = tx
	defer func() {
		s.jkv.joined = nil
		if err != nil {
			tx.Close()
			s.broken = true // reopen before the next operation
		}
	}()
	if len(dels) > 0 {
		if err := s.apply(dels); err != nil {
			return err
		}
	}
	if boltWriteHook != nil {
		boltWriteHook()
	}
	if len(adds) > 0 {
		if err := s.apply(adds); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("committing %d changes: %w", len(deltas), err)
	}
	return nil
}
