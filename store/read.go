package store

import (
	"context"
	"fmt"
	"io"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/resgraph/resgraph"
)

// scanAll calls fn for every quad of the store, in one pass (one SQL
// statement on PostgreSQL). Callers hold s.mu.
func (s *Store) scanAll(ctx context.Context, fn func(quad.Quad) error) error {
	if s.pg != nil {
		return s.pgScan(ctx, "", nil, fn)
	}
	if s.bdb != nil {
		return s.boltScan(ctx, fn)
	}
	r := cgraph.NewResultReader(s.qs, s.qs.QuadsAllIterator().Iterate())
	defer r.Close()
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		q, err := r.ReadQuad()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading quads: %w", err)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
}

// quadsOf returns the quads labelled l. Callers hold s.mu.
func (s *Store) quadsOf(ctx context.Context, l quad.IRI) ([]quad.Quad, error) {
	if s.pg != nil {
		var out []quad.Quad
		err := s.pgScan(ctx, "q.label_hash = $1", []any{hashOf(l)}, func(q quad.Quad) error {
			out = append(out, q)
			return nil
		})
		return out, err
	}
	return s.labelQuads(ctx, l)
}

// Documents reads every document back, in symbol order, from one scan of
// the whole graph.
func (s *Store) Documents(ctx context.Context) ([]*resgraph.Document, error) {
	unlock, err := s.readLock()
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	graphs := make(map[string]graphOf, 1024)
	err = s.scanAll(ctx, func(q quad.Quad) error {
		l, ok := q.Label.(quad.IRI)
		if !ok || l == RegistryLabel || l == MetaLabel {
			return nil
		}
		g := graphs[string(l)]
		if g == nil {
			g = make(graphOf, 64)
			graphs[string(l)] = g
		}
		g.add(q)
		return nil
	})
	unlock()
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	docs := make([]*resgraph.Document, 0, len(graphs))
	for l, g := range graphs {
		d, err := decodeDocument(l, g)
		if err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Symbol < docs[j].Symbol })
	return docs, nil
}

// Document reads one document back. It returns a resgraph.ENOTFOUND error
// when the store does not hold it.
func (s *Store) Document(ctx context.Context, sym resgraph.Symbol) (*resgraph.Document, error) {
	unlock, err := s.readLock()
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", sym, err)
	}
	l := DocumentIRI(sym)
	qs, err := s.quadsOf(ctx, l)
	unlock()
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", sym, err)
	}
	if len(qs) == 0 {
		return nil, resgraph.Errorf(resgraph.ENOTFOUND, "document %s is not in the store", sym)
	}
	g := make(graphOf, 64)
	for _, q := range qs {
		g.add(q)
	}
	d, err := decodeDocument(string(l), g)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", sym, err)
	}
	return d, nil
}

// Actors reads the actor registry back, in the order it was written.
func (s *Store) Actors(ctx context.Context) ([]resgraph.Actor, error) {
	unlock, err := s.readLock()
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	qs, err := s.quadsOf(ctx, RegistryLabel)
	unlock()
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	g := make(graphOf, len(qs)/6+1)
	for _, q := range qs {
		g.add(q)
	}
	actors, err := decodeActors(g)
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}
	return actors, nil
}

// Generation returns a counter bumped by every write that changed the
// store; 0 for a new store. Servers sharing a PostgreSQL store poll it to
// notice changes made by others.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	unlock, err := s.readLock()
	if err != nil {
		return 0, fmt.Errorf("generation: %w", err)
	}
	defer unlock()
	var gen int64
	if s.pg != nil {
		gen, err = s.pgGeneration(ctx, false, nil)
	} else {
		gen, _, err = s.generationQuad(ctx)
	}
	if err != nil {
		return 0, fmt.Errorf("generation: %w", err)
	}
	return gen, nil
}

// QuadCount returns the number of quads in the store.
func (s *Store) QuadCount(ctx context.Context) (int64, error) {
	unlock, err := s.readLock()
	if err != nil {
		return 0, fmt.Errorf("quad count: %w", err)
	}
	defer unlock()
	if s.pg != nil {
		var n int64
		if err := s.pg.QueryRowContext(ctx, `SELECT COUNT(*) FROM quads`).Scan(&n); err != nil {
			return 0, fmt.Errorf("quad count: %w", err)
		}
		return n, nil
	}
	// Not exact: the quad count is exact either way (Cayley's KV store
	// keeps it in its metadata), and exact=true only adds a walk over
	// every node (about 9 CPU-seconds on the corpus).
	st, err := s.qs.Stats(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("quad count: %w", err)
	}
	if !st.Quads.Exact {
		return 0, fmt.Errorf("quad count: the %s backend gave an estimate", s.cfg.Backend)
	}
	return st.Quads.Value, nil
}

// WriteNQuads writes the whole graph as N-Quads.
func (s *Store) WriteNQuads(ctx context.Context, w io.Writer) (int, error) {
	unlock, err := s.readLock()
	if err != nil {
		return 0, fmt.Errorf("write n-quads: %w", err)
	}
	defer unlock()
	enc := nquads.NewWriter(w)
	n := 0
	err = s.scanAll(ctx, func(q quad.Quad) error {
		n++
		return enc.WriteQuad(q)
	})
	if err == nil {
		err = enc.Close()
	}
	if err != nil {
		return n, fmt.Errorf("write n-quads: %w", err)
	}
	return n, nil
}

// ReadNQuads reads N-Quads (as WriteNQuads writes them) and makes each label
// found hold exactly the quads read for it, in one transaction. Quads
// without a label are rejected.
func (s *Store) ReadNQuads(ctx context.Context, r io.Reader) (int, error) {
	dec := nquads.NewReader(r, false)
	byLabel := make(map[quad.IRI][]quad.Quad)
	var order []quad.IRI
	n := 0
	for {
		q, err := dec.ReadQuad()
		if err == io.EOF {
			break
		}
		n++
		if err != nil {
			return 0, fmt.Errorf("read n-quads: quad %d: %w", n, err)
		}
		l, ok := q.Label.(quad.IRI)
		if !ok {
			return 0, fmt.Errorf("read n-quads: quad %d (%s): %w", n, q, resgraph.Errorf(resgraph.EINVALID, "quad has no IRI label"))
		}
		if _, ok := byLabel[l]; !ok {
			order = append(order, l)
		}
		byLabel[l] = append(byLabel[l], q)
	}
	// The generation is the store's own: keep counting from ours.
	sets := make([]labelSet, 0, len(order))
	for _, l := range order {
		if l == MetaLabel {
			continue
		}
		sets = append(sets, labelSet{l, byLabel[l]})
	}
	if err := s.replaceLabels(ctx, sets); err != nil {
		return 0, fmt.Errorf("read n-quads: %w", err)
	}
	return n, nil
}

// Obligation is one directive or task addressed to an actor.
type Obligation struct {
	Document resgraph.Symbol
	Index    int // position in the document's Actions
	Action   resgraph.Action
}

// ObligationsOf returns what actor id must do: the directives and tasks
// addressed to it, ordered by document and position, at most limit of them
// (all when limit <= 0).
//
// It is a Cayley path (actor -obligedBy-> obligation) on every backend:
// the server answers this question from its snapshot, so this is the
// graph-engine route, kept for programs that read a store directly and as
// a check, in the conformance suite, that the bulk writers leave a store
// Cayley's own engine reads right.
func (s *Store) ObligationsOf(ctx context.Context, id resgraph.ActorID, limit int) ([]Obligation, error) {
	unlock, err := s.readLock()
	if err != nil {
		return nil, fmt.Errorf("obligations of %s: %w", id, err)
	}
	defer unlock()
	out, err := s.pathObligations(ctx, id, limit)
	if err != nil {
		return nil, fmt.Errorf("obligations of %s: %w", id, err)
	}
	return out, nil
}

// obligationsPath is the path from an actor to its obligations. The
// predicate is named: an unnamed Out() would also walk rdf:type and every
// other edge of the actor.
func obligationsPath(qs cgraph.QuadStore, id resgraph.ActorID) *path.Path {
	return path.StartPath(qs, ActorIRI(id)).Out(PObligedBy)
}

func (s *Store) pathObligations(ctx context.Context, id resgraph.ActorID, limit int) ([]Obligation, error) {
	p := obligationsPath(s.qs, id)
	var iris []string
	err := p.Iterate(ctx).EachValue(s.qs, func(v quad.Value) error {
		if iri, ok := v.(quad.IRI); ok {
			iris = append(iris, string(iri))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortActions(iris)
	if limit > 0 && len(iris) > limit {
		iris = iris[:limit]
	}
	docs := make(map[string]resgraph.Symbol)
	result := make([]Obligation, 0, len(iris))
	for _, iri := range iris {
		n, err := s.subjectNode(ctx, quad.IRI(iri))
		if err != nil {
			return nil, err
		}
		d := n.iri(PDocument)
		sym, ok := docs[d]
		if !ok {
			dn, err := s.subjectNode(ctx, quad.IRI(d))
			if err != nil {
				return nil, err
			}
			sym = resgraph.Symbol(dn.str(PSymbol))
			docs[d] = sym
		}
		g := graphOf{iri: n}
		for _, via := range []quad.IRI{PAddresseeMention, PPartnerMention, PBeneficiaryMention, PParagraph} {
			for _, m := range n.props[via] {
				mi, _ := m.(quad.IRI)
				mn, err := s.subjectNode(ctx, mi)
				if err != nil {
					return nil, err
				}
				g[string(mi)] = mn
			}
		}
		a, err := decodeAction(g, n)
		if err != nil {
			return nil, err
		}
		result = append(result, Obligation{Document: sym, Index: n.num(PIndex), Action: a})
	}
	return result, nil
}

// subjectNode reads the properties of one subject with a one-hop lookup.
func (s *Store) subjectNode(ctx context.Context, iri quad.IRI) (*node, error) {
	ref, err := s.qs.ValueOf(iri)
	if err != nil {
		return nil, err
	}
	n := &node{props: make(map[quad.IRI][]quad.Value, 16)}
	if ref == nil {
		return n, nil
	}
	qs, err := s.readQuads(ctx, s.qs.QuadIterator(quad.Subject, ref).Iterate())
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		if p, ok := q.Predicate.(quad.IRI); ok {
			n.props[p] = append(n.props[p], q.Object)
		}
	}
	return n, nil
}
