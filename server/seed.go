package server

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/data"
	"github.com/resgraph/resgraph/loader"
	"github.com/resgraph/resgraph/store"
)

// Seed loads the built-in registry and seed documents (data.FS) into st.
func Seed(ctx context.Context, st *store.Store, log *slog.Logger) error {
	reg, err := loader.LoadRegistry(data.FS)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	x := loader.NewExtractor(reg)
	var docs []*resgraph.Document
	for _, name := range data.Documents() {
		b, err := data.FS.ReadFile(name)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		doc, err := loader.Read(b, "data/"+name)
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		data.FillAdopted(doc)
		x.Extract(doc)
		docs = append(docs, doc)
	}
	if err := st.PutActors(ctx, reg.Actors()); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := st.ReplaceDocuments(ctx, docs); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	log.Info("empty store: loaded the built-in seed", "documents", len(docs), "actors", len(reg.Actors()))
	return nil
}
