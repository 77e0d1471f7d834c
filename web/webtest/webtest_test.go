package webtest

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestExploreURL runs Explore against a server already running at
// $RESGRAPH_EXPLORER_URL; the in-process run over `resgraph serve` is
// TestExplorerEndToEnd in cmd/resgraph.
func TestExploreURL(t *testing.T) {
	base := os.Getenv("RESGRAPH_EXPLORER_URL")
	if base == "" {
		t.Skip("set RESGRAPH_EXPLORER_URL to run the explorer walk against a running server (cmd/resgraph runs it over serve)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	Explore(t, ctx, base, time.Now())
}

// TestAtScaleURL runs AtScale against a server of the AKN corpus already
// running at $RESGRAPH_EXPLORER_CORPUS_URL; the in-process run is
// TestExplorerAtCorpusScale in cmd/resgraph.
func TestAtScaleURL(t *testing.T) {
	base := os.Getenv("RESGRAPH_EXPLORER_CORPUS_URL")
	if base == "" {
		t.Skip("set RESGRAPH_EXPLORER_CORPUS_URL to run the corpus walk against a running server of the corpus (cmd/resgraph runs it in-process)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	AtScale(t, ctx, base)
}
