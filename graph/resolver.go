package graph

import (
	"context"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/query"
)

// Snapshots is what the resolvers read from: the current read model. A
// *query.Live is one.
type Snapshots interface {
	Load() *query.Snapshot
}

// Resolver is the root resolver. It holds the dependencies resolvers call;
// gqlgen never regenerates this file.
type Resolver struct {
	Snapshots Snapshots
}

type snapshotKey struct{}

// WithSnapshot returns ctx carrying s, so every field of one operation reads
// the same snapshot even if a load swaps it meanwhile.
func WithSnapshot(ctx context.Context, s *query.Snapshot) context.Context {
	return context.WithValue(ctx, snapshotKey{}, s)
}

// snapshot returns the operation's snapshot.
func (r *Resolver) snapshot(ctx context.Context) (*query.Snapshot, error) {
	if s, ok := ctx.Value(snapshotKey{}).(*query.Snapshot); ok && s != nil {
		return s, nil
	}
	if s := r.Snapshots.Load(); s != nil {
		return s, nil
	}
	return nil, resgraph.Errorf(resgraph.EINTERNAL, "no snapshot loaded yet")
}
