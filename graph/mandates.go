package graph

import (
	"context"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/mandate"
	"github.com/resgraph/resgraph/query"
)

// mandateChange names mandate.Change where a resolver's argument called
// mandate hides the package.
type mandateChange = mandate.Change

// actorOf returns the snapshot's actor id, or nil.
func (r *Resolver) actorOf(ctx context.Context, id resgraph.ActorID) (*query.Actor, error) {
	if id == "" {
		return nil, nil
	}
	s, err := r.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return s.Actor(id), nil
}

// documentOf returns the snapshot's document of symbol, or nil.
func (r *Resolver) documentOf(ctx context.Context, symbol resgraph.Symbol) (*query.Document, error) {
	s, err := r.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return s.Document(string(symbol)), nil
}

// mandateOf returns the snapshot's mandate of id, or nil.
func (r *Resolver) mandateOf(ctx context.Context, id resgraph.ActorID) (*mandate.Mandate, error) {
	if id == "" {
		return nil, nil
	}
	s, err := r.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return s.Timeline().Mandate(id), nil
}

// day returns *d checked as an ISO day, or the last day the corpus holds
// when d is nil.
func (r *Resolver) day(ctx context.Context, d *string) (string, error) {
	if d != nil {
		if !query.ValidDay(*d) {
			return "", resgraph.Errorf(resgraph.EINVALID, "day must be an ISO day (2014-04-10), got %q", *d)
		}
		return *d, nil
	}
	s, err := r.snapshot(ctx)
	if err != nil {
		return "", err
	}
	return s.Timeline().End, nil
}
