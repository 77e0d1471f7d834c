package graph

import (
	"strings"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// Helpers for the resolvers; kept out of *.resolvers.go, which gqlgen
// rewrites.

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// obligationFilter checks f (checkObligationFilter) and turns it into
// query's.
func obligationFilter(f *model.ObligationFilter) (query.ObligationFilter, error) {
	if f == nil {
		return query.ObligationFilter{}, nil
	}
	if err := checkObligationFilter(f); err != nil {
		return query.ObligationFilter{}, err
	}
	return query.ObligationFilter{
		Actor: str(f.Actor), ActorType: str(f.ActorType), Verb: str(f.Verb), Class: str(f.Class),
		Kind: str(f.Kind), Document: str(f.Document), From: str(f.From), To: str(f.To),
		ChapterVII: f.ChapterVii, Text: str(f.Text), Status: str(f.Status), InForceOn: str(f.InForceOn),
	}, nil
}

// documentFilter checks f (checkDocumentFilter) and turns it into query's.
func documentFilter(f *model.DocumentFilter) (query.DocumentFilter, error) {
	if f == nil {
		return query.DocumentFilter{}, nil
	}
	if err := checkDocumentFilter(f); err != nil {
		return query.DocumentFilter{}, err
	}
	return query.DocumentFilter{
		Kind: str(f.Kind), From: str(f.From), To: str(f.To), ChapterVII: f.ChapterVii,
		Actor: str(f.Actor), Text: str(f.Text), Cites: str(f.Cites),
	}, nil
}

func documentOrder(o *model.DocumentOrder) query.DocumentOrder {
	if o != nil && *o == model.DocumentOrderNewestFirst {
		return query.NewestFirst
	}
	return query.OldestFirst
}

func page(first *int, after *string) query.Page {
	return query.Page{First: num(first), After: str(after)}
}

// edgeKinds turns GraphQL edge kinds into query's.
func edgeKinds(ks []string) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = strings.ReplaceAll(strings.ToLower(k), "_", "-")
	}
	return out
}

func provenance(o *query.Obligation) *model.Provenance {
	marks := o.Marks()
	p := &model.Provenance{
		Paragraph: o.Paragraph(),
		Text:      o.Text(),
		Clause:    o.ClauseSpan(),
		Marks:     make([]*resgraph.Mark, len(marks)),
		File:      o.Document().Source().File,
		Extractor: o.Document().Extractor(),
	}
	for i := range marks {
		p.Marks[i] = &marks[i]
	}
	if p.Paragraph != nil {
		p.Source = p.Paragraph.SourceSpan()
	}
	return p
}
