package graph

import (
	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph/model"
	"github.com/resgraph/resgraph/query"
)

// compiledType is what the compiled executor knows of one GraphQL object
// type: its implementors (as the generated code lists them, for fragment
// type conditions) and a writer per field it can answer.
type compiledType struct {
	implementors []string
	fields       map[string]fieldWriter
}

// compiledTypes are the types and fields the compiled executor answers
// (see compiledSchema); an operation selecting anything else goes to the
// generated executor. Each getter is the one gqlgen.yml binds the field
// to, as generated.go calls it; TestCompiledMatchesGenerated checks every
// entry against the generated executor, and TestCompiledTypesInSchema
// checks that every entry names a field of the schema with the writer of
// its kind.
var compiledTypes map[string]compiledType

// queryRoot stands for the Query object, which has no Go value.
type queryRoot struct{}

func init() {
	compiledTypes = map[string]compiledType{
		"Query": {queryImplementors, map[string]fieldWriter{
			"obligations": resolverField(false, (*executionContext).field_Query_obligations_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.ObligationConnection, error) {
					return x.res.Query().Obligations(x.ctx, a["filter"].(*model.ObligationFilter), a["first"].(*int), a["after"].(*string))
				}),
			"actor": resolverField(true, (*executionContext).field_Query_actor_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Actor, error) {
					return x.res.Query().Actor(x.ctx, a["id"].(*string), a["name"].(*string))
				}),
			"actors": resolverField(false, (*executionContext).field_Query_actors_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.ActorConnection, error) {
					return x.res.Query().Actors(x.ctx, a["search"].(*string), a["type"].(*string), a["first"].(*int), a["after"].(*string))
				}),
			"document": resolverField(true, (*executionContext).field_Query_document_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Document, error) {
					return x.res.Query().Document(x.ctx, a["symbol"].(string))
				}),
			"documents": resolverField(false, (*executionContext).field_Query_documents_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.DocumentConnection, error) {
					return x.res.Query().Documents(x.ctx, a["filter"].(*model.DocumentFilter), a["first"].(*int), a["after"].(*string), a["order"].(*model.DocumentOrder))
				}),
			"obligation": resolverField(true, (*executionContext).field_Query_obligation_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Obligation, error) {
					return x.res.Query().Obligation(x.ctx, a["id"].(string))
				}),
			"stance": resolverField(true, (*executionContext).field_Query_stance_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Obligation, error) {
					return x.res.Query().Stance(x.ctx, a["id"].(string))
				}),
			"suggest": resolverListField((*executionContext).field_Query_suggest_args,
				func(x *execution, _ *queryRoot, a map[string]any) ([]*query.Suggestion, error) {
					return x.res.Query().Suggest(x.ctx, a["text"].(string), a["first"].(*int))
				}),
			"neighbourhood": resolverField(false, (*executionContext).field_Query_neighbourhood_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Subgraph, error) {
					return x.res.Query().Neighbourhood(x.ctx, a["id"].(string), a["depth"].(*int), a["kinds"].([]string), a["limit"].(*int))
				}),
			"search": resolverListField((*executionContext).field_Query_search_args,
				func(x *execution, _ *queryRoot, a map[string]any) ([]*query.Hit, error) {
					return x.res.Query().Search(x.ctx, a["text"].(string), a["first"].(*int))
				}),
			"counts": resolverListField((*executionContext).field_Query_counts_args,
				func(x *execution, _ *queryRoot, a map[string]any) ([]*query.Bucket, error) {
					return x.res.Query().Counts(x.ctx, a["by"].(model.CountBy), a["filter"].(*model.ObligationFilter))
				}),
			"stats": resolverField(false, nil,
				func(x *execution, _ *queryRoot, _ map[string]any) (*model.Stats, error) {
					return x.res.Query().Stats(x.ctx)
				}),
			"shortestPath": resolverField(true, (*executionContext).field_Query_shortestPath_args,
				func(x *execution, _ *queryRoot, a map[string]any) (*query.Subgraph, error) {
					return x.res.Query().ShortestPath(x.ctx, a["from"].(string), a["to"].(string), a["kinds"].([]string))
				}),
		}},

		"ObligationConnection": {obligationConnectionImplementors, map[string]fieldWriter{
			"edges":      listField(func(c *query.ObligationConnection) []*query.Obligation { return c.Edges() }),
			"totalCount": intField(func(c *query.ObligationConnection) int { return c.TotalCount }),
			"pageInfo":   objectField(false, func(c *query.ObligationConnection) *query.PageInfo { return &c.PageInfo }),
		}},
		"ObligationEdge": {obligationEdgeImplementors, map[string]fieldWriter{
			"node":   objectField(false, (*query.Obligation).Node),
			"cursor": stringField((*query.Obligation).Cursor),
		}},
		"DocumentConnection": {documentConnectionImplementors, map[string]fieldWriter{
			"edges":      listField(func(c *query.DocumentConnection) []*query.Document { return c.Edges() }),
			"totalCount": intField(func(c *query.DocumentConnection) int { return c.TotalCount }),
			"pageInfo":   objectField(false, func(c *query.DocumentConnection) *query.PageInfo { return &c.PageInfo }),
		}},
		"DocumentEdge": {documentEdgeImplementors, map[string]fieldWriter{
			"node":   objectField(false, (*query.Document).Node),
			"cursor": stringField((*query.Document).Cursor),
		}},
		"ActorConnection": {actorConnectionImplementors, map[string]fieldWriter{
			"edges":      listField(func(c *query.ActorConnection) []*query.Actor { return c.Edges() }),
			"totalCount": intField(func(c *query.ActorConnection) int { return c.TotalCount }),
			"pageInfo":   objectField(false, func(c *query.ActorConnection) *query.PageInfo { return &c.PageInfo }),
		}},
		"ActorEdge": {actorEdgeImplementors, map[string]fieldWriter{
			"node":   objectField(false, (*query.Actor).Node),
			"cursor": stringField((*query.Actor).Cursor),
		}},
		"PageInfo": {pageInfoImplementors, map[string]fieldWriter{
			"hasNextPage": boolField(func(p *query.PageInfo) bool { return p.HasNextPage }),
			"endCursor":   optStringField(func(p *query.PageInfo) *string { return p.EndCursor }),
		}},

		"Obligation": {obligationImplementors, map[string]fieldWriter{
			"id":               stringField((*query.Obligation).IDString),
			"kind":             stringField((*query.Obligation).KindName),
			"verb":             stringField(func(o *query.Obligation) string { return o.Verb() }),
			"verbPhrase":       stringField(func(o *query.Obligation) string { return o.VerbPhrase() }),
			"verbs":            stringsField(func(o *query.Obligation) []string { return o.Verbs() }),
			"class":            stringField((*query.Obligation).ClassName),
			"addressee":        objectField(true, func(o *query.Obligation) *query.Actor { return o.Addressee() }),
			"addresseeMention": stringField((*query.Obligation).AddresseeMention),
			"action":           stringField((*query.Obligation).ActionText),
			"partners":         listField(func(o *query.Obligation) []*query.Actor { return o.Partners() }),
			"beneficiaries":    listField(func(o *query.Obligation) []*query.Actor { return o.Beneficiaries() }),
			"deadline":         stringField(func(o *query.Obligation) string { return o.Deadline() }),
			"deadlineDate":     stringField(func(o *query.Obligation) string { return o.DeadlineDate() }),
			"recurrence":       stringField(func(o *query.Obligation) string { return o.Recurrence() }),
			"duration":         stringField(func(o *query.Obligation) string { return o.Duration() }),
			"until":            stringField(func(o *query.Obligation) string { return o.Until() }),
			"condition":        stringField(func(o *query.Obligation) string { return o.Condition() }),
			"chapterVII":       boolField((*query.Obligation).UnderChapterVII),
			"paragraph":        objectField(true, func(o *query.Obligation) *query.Paragraph { return o.Paragraph() }),
			"document":         objectField(false, func(o *query.Obligation) *query.Document { return o.Document() }),
			"provenance": resolverField(false, nil, func(x *execution, o *query.Obligation, _ map[string]any) (*model.Provenance, error) {
				return x.res.Obligation().Provenance(x.ctx, o)
			}),
		}},
		"Stance": {stanceImplementors, map[string]fieldWriter{
			"id":         stringField((*query.Obligation).IDString),
			"verb":       stringField(func(o *query.Obligation) string { return o.Verb() }),
			"verbPhrase": stringField(func(o *query.Obligation) string { return o.VerbPhrase() }),
			"target":     objectField(true, func(o *query.Obligation) *query.Actor { return o.Addressee() }),
			"targetText": stringField((*query.Obligation).TargetText),
			"paragraph":  objectField(true, func(o *query.Obligation) *query.Paragraph { return o.Paragraph() }),
			"document":   objectField(false, func(o *query.Obligation) *query.Document { return o.Document() }),
			"provenance": resolverField(false, nil, func(x *execution, o *query.Obligation, _ map[string]any) (*model.Provenance, error) {
				return x.res.Stance().Provenance(x.ctx, o)
			}),
		}},
		"Provenance": {provenanceImplementors, map[string]fieldWriter{
			"paragraph": objectField(true, func(p *model.Provenance) *query.Paragraph { return p.Paragraph }),
			"text":      stringField(func(p *model.Provenance) string { return p.Text }),
			"clause":    objectField(false, func(p *model.Provenance) *query.Span { return p.Clause }),
			"marks":     listField(func(p *model.Provenance) []*resgraph.Mark { return p.Marks }),
			"source":    objectField(true, func(p *model.Provenance) *query.Span { return p.Source }),
			"file":      stringField(func(p *model.Provenance) string { return p.File }),
			"extractor": stringField(func(p *model.Provenance) string { return p.Extractor }),
		}},
		"Mark": {markImplementors, map[string]fieldWriter{
			"role":  stringField(func(m *resgraph.Mark) string { return m.Role }),
			"start": intField(func(m *resgraph.Mark) int { return m.Start }),
			"end":   intField(func(m *resgraph.Mark) int { return m.End }),
		}},

		"Actor": {actorImplementors, map[string]fieldWriter{
			"id":         stringField((*query.Actor).IDString),
			"name":       stringField(func(a *query.Actor) string { return a.Name() }),
			"type":       stringField((*query.Actor).TypeName),
			"aliases":    stringsField(func(a *query.Actor) []string { return a.Aliases() }),
			"sanctions":  stringField(func(a *query.Actor) string { return a.Sanctions() }),
			"unEntity":   stringField(func(a *query.Actor) string { return a.UNEntity() }),
			"partOf":     objectField(true, func(a *query.Actor) *query.Actor { return a.Parent() }),
			"ledBy":      objectField(true, func(a *query.Actor) *query.Actor { return a.Leader() }),
			"parts":      listField(func(a *query.Actor) []*query.Actor { return a.Parts() }),
			"inRegistry": boolField((*query.Actor).InRegistry),
			"obligations": resolverField(false, (*executionContext).field_Actor_obligations_args,
				func(x *execution, obj *query.Actor, a map[string]any) (*query.ObligationConnection, error) {
					return x.res.Actor().Obligations(x.ctx, obj, a["filter"].(*model.ObligationFilter), a["first"].(*int), a["after"].(*string))
				}),
			"stances": resolverListField((*executionContext).field_Actor_stances_args,
				func(x *execution, obj *query.Actor, a map[string]any) ([]*query.Obligation, error) {
					return x.res.Actor().Stances(x.ctx, obj, a["first"].(*int))
				}),
			"documents": resolverField(false, (*executionContext).field_Actor_documents_args,
				func(x *execution, obj *query.Actor, a map[string]any) (*query.DocumentConnection, error) {
					return x.res.Actor().Documents(x.ctx, obj, a["first"].(*int), a["after"].(*string))
				}),
		}},

		"Document": {documentImplementors, map[string]fieldWriter{
			"symbol":        stringField((*query.Document).SymbolString),
			"kind":          stringField((*query.Document).KindName),
			"draftSymbol":   stringField((*query.Document).DraftSymbolString),
			"adoptedSymbol": stringField((*query.Document).AdoptedSymbolString),
			"date":          stringField(func(d *query.Document) string { return d.Date() }),
			"meeting":       stringField(func(d *query.Document) string { return d.Meeting() }),
			"title":         stringField(func(d *query.Document) string { return d.Title() }),
			"sponsors":      stringsField(func(d *query.Document) []string { return d.Sponsors() }),
			"chapterVII":    boolField(func(d *query.Document) bool { return d.ChapterVII() }),
			"paragraphs": resolverListField((*executionContext).field_Document_paragraphs_args,
				func(x *execution, obj *query.Document, a map[string]any) ([]*query.Paragraph, error) {
					return x.res.Document().Paragraphs(x.ctx, obj, a["kind"].(*string))
				}),
			"paragraph": resolverField(true, (*executionContext).field_Document_paragraph_args,
				func(x *execution, obj *query.Document, a map[string]any) (*query.Paragraph, error) {
					return obj.Paragraph(a["id"].(string)), nil
				}),
			"obligations": listField(func(d *query.Document) []*query.Obligation { return d.Obligations() }),
			"stances":     listField(func(d *query.Document) []*query.Obligation { return d.Stances() }),
			"citations":   listField(func(d *query.Document) []*query.Citation { return d.CitesOut() }),
			"citedBy":     listField(func(d *query.Document) []*query.Citation { return d.CitesIn() }),
			"warnings":    stringsField(func(d *query.Document) []string { return d.Warnings() }),
			"votes":       objectField(true, func(d *query.Document) *resgraph.Votes { return d.Votes() }),
			"subjects":    valuesField(func(d *query.Document) []resgraph.Subject { return d.Subjects() }),
			"source":      objectField(false, func(d *query.Document) *resgraph.Source { src := d.Source(); return &src }),
		}},
		"Votes": {votesImplementors, map[string]fieldWriter{
			"for":        intField(func(v *resgraph.Votes) int { return v.For }),
			"against":    intField(func(v *resgraph.Votes) int { return v.Against }),
			"abstaining": intField(func(v *resgraph.Votes) int { return v.Abstaining }),
			"members":    valuesField(func(v *resgraph.Votes) []resgraph.MemberVote { return v.Members }),
		}},
		"MemberVote": {memberVoteImplementors, map[string]fieldWriter{
			"member": stringField(func(m *resgraph.MemberVote) string { return m.Member }),
			"vote":   stringField(func(m *resgraph.MemberVote) string { return m.Vote }),
		}},
		"Subject": {subjectImplementors, map[string]fieldWriter{
			"dictionary": stringField(func(s *resgraph.Subject) string { return s.Dictionary }),
			"label":      stringField(func(s *resgraph.Subject) string { return s.Label }),
			"iri":        stringField(func(s *resgraph.Subject) string { return s.IRI }),
		}},
		"Source": {sourceImplementors, map[string]fieldWriter{
			"file": stringField(func(s *resgraph.Source) string { return s.File }),
			"format": stringResolverField(func(x *execution, s *resgraph.Source) (string, error) {
				return x.res.Source().Format(x.ctx, s)
			}),
			"sha256": stringField(func(s *resgraph.Source) string { return s.SHA256 }),
		}},
		"Paragraph": {paragraphImplementors, map[string]fieldWriter{
			"id":          stringField(func(p *query.Paragraph) string { return p.ID() }),
			"kind":        stringField((*query.Paragraph).KindName),
			"number":      stringField(func(p *query.Paragraph) string { return p.Number() }),
			"item":        stringField(func(p *query.Paragraph) string { return p.Item() }),
			"section":     stringField(func(p *query.Paragraph) string { return p.Section() }),
			"lead":        stringField(func(p *query.Paragraph) string { return p.Lead() }),
			"text":        stringField(func(p *query.Paragraph) string { return p.Text() }),
			"span":        objectField(false, (*query.Paragraph).SourceSpan),
			"footnotes":   stringsField(func(p *query.Paragraph) []string { return p.Footnotes() }),
			"document":    objectField(false, func(p *query.Paragraph) *query.Document { return p.Document() }),
			"obligations": listField((*query.Paragraph).ObligationsHere),
		}},
		"Reference": {referenceImplementors, map[string]fieldWriter{
			"symbol":    stringField((*query.Citation).SymbolString),
			"relation":  stringField(func(c *query.Citation) string { return c.Relation() }),
			"mention":   stringField(func(c *query.Citation) string { return c.Mention() }),
			"paragraph": objectField(true, func(c *query.Citation) *query.Paragraph { return c.Paragraph() }),
			"from":      objectField(false, func(c *query.Citation) *query.Document { return c.From() }),
			"target":    objectField(true, func(c *query.Citation) *query.Document { return c.To() }),
			"span":      objectField(false, (*query.Citation).MentionSpan),
		}},
		"Span": {spanImplementors, map[string]fieldWriter{
			"start":  intField(func(s *query.Span) int { return s.Start }),
			"end":    intField(func(s *query.Span) int { return s.End }),
			"line":   intField(func(s *query.Span) int { return s.Line }),
			"column": intField(func(s *query.Span) int { return s.Column }),
		}},

		"Subgraph": {subgraphImplementors, map[string]fieldWriter{
			"nodes":     listField(func(g *query.Subgraph) []*query.Node { return g.Nodes }),
			"edges":     listField(func(g *query.Subgraph) []*query.Edge { return g.Edges }),
			"truncated": boolField(func(g *query.Subgraph) bool { return g.Truncated }),
		}},
		"Node": {nodeImplementors, map[string]fieldWriter{
			"id":       stringField(func(n *query.Node) string { return n.ID() }),
			"type":     stringField((*query.Node).TypeEnum),
			"label":    stringField(func(n *query.Node) string { return n.Label() }),
			"data":     listField((*query.Node).Data),
			"document": objectField(true, func(n *query.Node) *query.Document { return n.Document() }),
			"actor":    objectField(true, func(n *query.Node) *query.Actor { return n.Actor() }),
		}},
		"KeyValue": {keyValueImplementors, map[string]fieldWriter{
			"key":   stringField(func(kv *query.KeyValue) string { return kv.Key }),
			"value": stringField(func(kv *query.KeyValue) string { return kv.Value }),
		}},
		"Edge": {edgeImplementors, map[string]fieldWriter{
			"id":     stringField(func(e *query.Edge) string { return e.ID() }),
			"source": stringField((*query.Edge).SourceID),
			"target": stringField((*query.Edge).TargetID),
			"kind":   stringField((*query.Edge).KindEnum),
			"class":  optStringField((*query.Edge).ClassOrNil),
			"label":  stringField(func(e *query.Edge) string { return e.Label() }),
			"count":  intField(func(e *query.Edge) int { return e.Count() }),
		}},
		"SearchHit": {searchHitImplementors, map[string]fieldWriter{
			"paragraph": objectField(false, func(h *query.Hit) *query.Paragraph { return h.Paragraph }),
			"score":     floatField(func(h *query.Hit) float64 { return h.Score }),
		}},
		"CountBucket": {countBucketImplementors, map[string]fieldWriter{
			"key":   stringField(func(c *query.Bucket) string { return c.Key }),
			"label": stringField(func(c *query.Bucket) string { return c.Label }),
			"count": intField(func(c *query.Bucket) int { return c.Count }),
		}},
		"Stats": {statsImplementors, map[string]fieldWriter{
			"generation":  intField(func(s *model.Stats) int { return s.Generation }),
			"built":       stringField(func(s *model.Stats) string { return s.Built }),
			"documents":   intField(func(s *model.Stats) int { return s.Documents }),
			"paragraphs":  intField(func(s *model.Stats) int { return s.Paragraphs }),
			"obligations": intField(func(s *model.Stats) int { return s.Obligations }),
			"stances":     intField(func(s *model.Stats) int { return s.Stances }),
			"citations":   intField(func(s *model.Stats) int { return s.Citations }),
			"actors":      intField(func(s *model.Stats) int { return s.Actors }),
		}},
		"Suggestion": {suggestionImplementors, map[string]fieldWriter{
			"type":     stringField((*query.Suggestion).TypeEnum),
			"id":       stringField(func(s *query.Suggestion) string { return s.ID }),
			"label":    stringField(func(s *query.Suggestion) string { return s.Label }),
			"matched":  stringField(func(s *query.Suggestion) string { return s.Matched }),
			"score":    floatField(func(s *query.Suggestion) float64 { return s.Score }),
			"actor":    objectField(true, func(s *query.Suggestion) *query.Actor { return s.Actor }),
			"document": objectField(true, func(s *query.Suggestion) *query.Document { return s.Document }),
		}},
	}
}
