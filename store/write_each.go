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

// ReplaceEach writes docs, each atomically, so that one bad document keeps
// none of the others out, and returns the documents that were not written.
// It writes them in one transaction or, when that fails, one at a time;
// except on a bolt store holding documents, where each document is its own
// transaction (encoded on every core first): a bbolt write transaction
// holds every page it changes in memory until it commits, and 64 documents
// touched so many that a load peaked at 0.9 GB of heap, against 0.3 GB one
// at a time, for the same time (docs/reliability.md).
func (s *Store) ReplaceEach(ctx context.Context, docs []*resgraph.Document) []Failure {
	if s.cfg.Backend == BackendBolt && len(docs) > 1 {
		if enc, err := s.encode(docs); err == nil && enc.locals == nil {
			var out []Failure
			for i, d := range docs {
				if err := ctx.Err(); err != nil {
					return append(out, Failure{"", err})
				}
				if err := s.write(ctx, docs[i:i+1], enc.sets[i:i+1], nil); err != nil {
					out = append(out, Failure{d.Symbol, err})
				}
			}
			return out
		}
	}
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
