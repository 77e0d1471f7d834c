package store

import (
	"context"
	"fmt"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"go.etcd.io/bbolt"
	"google.golang.org/protobuf/proto"
)

// boltScan calls fn for every quad of a bolt store in one sequential pass
// over Cayley's primitive log, inside one bbolt read transaction (a
// consistent snapshot). Cayley's own QuadsAllIterator resolves the four
// values of every quad with random lookups, which made Documents() on the
// corpus take minutes; here each node is decoded once. Callers hold s.mu.
func (s *Store) boltScan(ctx context.Context, fn func(quad.Quad) error) error {
	return s.bdb.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket([]byte("log"))
		if b == nil {
			return nil
		}
		vals := make(map[uint64]quad.Value, 1<<16)
		var links [][4]uint64
		var p cproto.Primitive
		c := b.Cursor()
		n := 0
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if n++; n%65536 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			p.Reset()
			if err := proto.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decoding log entry %x: %w", k, err)
			}
			if p.Deleted {
				continue
			}
			if p.IsNode() {
				val, err := pquads.UnmarshalValue(p.Value)
				if err != nil {
					return fmt.Errorf("decoding node %d: %w", p.ID, err)
				}
				vals[p.ID] = val
				continue
			}
			links = append(links, [4]uint64{p.Subject, p.Predicate, p.Object, p.Label})
		}
		for _, l := range links {
			var q quad.Quad
			for i, id := range l {
				if id == 0 {
					continue
				}
				v, ok := vals[id]
				if !ok {
					return fmt.Errorf("quad names node %d, which is not in the log", id)
				}
				q.Set(quad.Directions[i], v)
			}
			if err := fn(q); err != nil {
				return err
			}
		}
		return nil
	})
}
