package store_test

import (
	"path/filepath"
	"testing"

	"github.com/resgraph/resgraph/store"
	"github.com/resgraph/resgraph/store/storetest"
)

// TestBoltBulk runs the conformance suite on bolt stores whose first
// writes (while they hold no documents) go through the bulk writer, and
// the later ones through Cayley on the bulk-made file.
func TestBoltBulk(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *store.Store {
		return store.AutoBulk(openT(t, store.Config{Backend: store.BackendBolt, Path: filepath.Join(t.TempDir(), "g.bolt")}))
	})
}
