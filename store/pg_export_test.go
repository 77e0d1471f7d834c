package store

import "context"

// PGDropIndexes drops the quads indexes as a bulk load does before it
// writes, recording them to rebuild: a bulk load interrupted there.
func (s *Store) PGDropIndexes(ctx context.Context) error { return s.pgDropIndexes(ctx) }
