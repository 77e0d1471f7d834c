package store

// WithCayleyQueries returns a view of s that answers ObligationsOf with
// Cayley's path API on every backend, for benchmarks comparing it with the
// SQL path. It shares s's connections but not its lock: use it only while
// nothing writes, and close only s.
func (s *Store) WithCayleyQueries() *Store {
	v := &Store{cfg: s.cfg, log: s.log, qs: s.qs, pg: s.pg, bdb: s.bdb, pgValues: s.pgValues}
	v.cfg.CayleyQueries = true
	return v
}
