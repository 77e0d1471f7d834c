package store

import (
	"context"

	"github.com/resgraph/resgraph"
)

// Failure is a document a write could not store.
type Failure struct {
	Symbol resgraph.Symbol // "" when the whole batch failed (cancelled)
	Err    error
}

// ReplaceEach writes docs in one transaction or, when that fails, one at a
// time, so that one bad document keeps none of the others out. It returns
// the documents that were not written.
func (s *Store) ReplaceEach(ctx context.Context, docs []*resgraph.Document) []Failure {
	if err := s.ReplaceDocuments(ctx, docs); err == nil || ctx.Err() != nil {
		if err != nil {
			return []Failure{{"", err}}
		}
		return nil
	}
	var out []Failure
	for _, d := range docs {
		if err := s.ReplaceDocument(ctx, d); err != nil {
			out = append(out, Failure{d.Symbol, err})
		}
	}
	return out
}
