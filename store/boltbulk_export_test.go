package store

// AutoBulk makes s write through the bolt bulk writer whenever it holds no
// documents, so that the conformance suite runs on bulk-made stores.
func AutoBulk(s *Store) *Store {
	s.autoBulk = true
	return s
}
