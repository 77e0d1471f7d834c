package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// The project's vocabulary, the same IRIs the store writes (store/vocab.go:
// Base, NS, DocumentIRI, ActorIRI, ActionIRI), so an exported view joins
// the store's own N-Quads. export does not import store, which would bring
// Cayley in; TestIRIsMatchStore pins the two together.
const (
	Base = "https://resgraph.org/"
	NS   = Base + "ns#"

	rdfType   = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
	xsd       = "http://www.w3.org/2001/XMLSchema#"
	xsdBool   = xsd + "boolean"
	xsdInt    = xsd + "integer"
	xsdDouble = xsd + "double"
	xsdDate   = xsd + "date"

	dctIdentifier = dctermsNS + "identifier"
	rdfsSeeAlso   = rdfsNS + "seeAlso"
)

// UNDocsBase is the address of the UN's official document system:
// UNDocsBase + symbol gives a document's page ("https://undocs.org/en/S/RES/2085(2012)").
const UNDocsBase = "https://undocs.org/en/"

// UNDocsIRI is the UN's address of the document with symbol sym.
func UNDocsIRI(sym string) string {
	return UNDocsBase + escapeIRI(strings.ReplaceAll(sym, " ", ""), true)
}

// DocumentIRI is the store's IRI of a document: https://resgraph.org/doc/S/RES/2085(2012).
func DocumentIRI(sym string) string {
	return Base + "doc/" + escapeIRI(strings.ReplaceAll(sym, " ", ""), true)
}

// ActorIRI is the store's IRI of an actor: https://resgraph.org/actor/state/mali.
func ActorIRI(id string) string { return Base + "actor/" + escapeIRI(id, true) }

// ActionIRI is the store's IRI of the i-th (0-based) action of a document.
func ActionIRI(sym string, i int) string { return DocumentIRI(sym) + "/action/" + strconv.Itoa(i) }

// ViewIRI names the graph (N-Quads label, JSON-LD @id) holding a view.
func ViewIRI(v View) string { return Base + "view/" + string(v) }

// EdgeIRI is the IRI of an edge of a view.
func EdgeIRI(v View, id string) string { return ViewIRI(v) + "/edge/" + escapeIRI(id, false) }

// escapeIRI percent-encodes everything but unreserved characters, '(' and
// ')', and '/' when slash is set: the store's escaping.
func escapeIRI(s string, slash bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '(' || c == ')' || slash && c == '/' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// nodeIRI is the IRI of a node: the store's IRI of the actor, document or
// action it stands for.
func nodeIRI(n *Node) string {
	switch n.Kind {
	case KindActor:
		return ActorIRI(n.ID)
	case KindDocument:
		return DocumentIRI(n.ID)
	}
	if n.iri != "" {
		return n.iri
	}
	return Base + "node/" + escapeIRI(n.ID, false)
}

// nodeIRIs returns the IRI of every node, by index.
func nodeIRIs(g *Graph) []string {
	out := make([]string, len(g.Nodes))
	for i := range g.Nodes {
		out[i] = nodeIRI(&g.Nodes[i])
	}
	return out
}

var kindClass = map[string]string{
	KindActor: "Actor", KindDocument: "Document", KindObligation: "Obligation", KindStance: "Stance",
}

// sharedClass is the class from a shared vocabulary each node kind also
// has: Dublin Core's BibliographicResource for documents, Agent for actors.
var sharedClass = map[string]string{
	KindActor: dctermsNS + "Agent", KindDocument: dctermsNS + "BibliographicResource",
}

// edgePredicate is the predicate of an edge's direct statement: Dublin
// Core's references for citations, NS + kind for the others.
func edgePredicate(kind string) string {
	if kind == EdgeCites {
		return dctermsNS + "references"
	}
	return NS + kind
}

// attrPredicate is the predicate of an attribute.
func attrPredicate[T any](a attr[T]) string {
	if a.RDF != "" {
		return a.RDF
	}
	return NS + a.Name
}

// Term is an RDF term: an IRI, or a literal with a datatype ("" for a plain
// string).
type Term struct {
	IRI      string
	Value    string
	Datatype string
}

// Quad is one statement; Graph "" is the default graph.
type Quad struct {
	S, P  string
	O     Term
	Graph string
}

// String renders q as one N-Quads line, without the newline.
func (q Quad) String() string { return string(q.append(nil)) }

// append appends q as one N-Quads line, without the newline, to b.
func (q Quad) append(b []byte) []byte {
	b = append(b, '<')
	b = append(b, q.S...)
	b = append(b, "> <"...)
	b = append(b, q.P...)
	b = append(b, "> "...)
	if q.O.IRI != "" {
		b = append(b, '<')
		b = append(b, q.O.IRI...)
		b = append(b, '>')
	} else {
		b = appendLiteral(b, q.O.Value)
		if q.O.Datatype != "" {
			b = append(b, "^^<"...)
			b = append(b, q.O.Datatype...)
			b = append(b, '>')
		}
	}
	if q.Graph != "" {
		b = append(b, " <"...)
		b = append(b, q.Graph...)
		b = append(b, '>')
	}
	return append(b, " ."...)
}

// appendLiteral appends s as an N-Quads string literal.
func appendLiteral(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func literal(typ string, v any) Term {
	s := formatValue(v)
	switch typ {
	case typeBool:
		return Term{Value: s, Datatype: xsdBool}
	case typeInt:
		return Term{Value: s, Datatype: xsdInt}
	case typeDouble:
		return Term{Value: s, Datatype: xsdDouble}
	case typeDate:
		return Term{Value: s, Datatype: xsdDate}
	}
	return Term{Value: s}
}

// attrTerms calls fn with the object of every statement of one attribute:
// one per element of a list; a document symbol as the document's IRI.
func attrTerms(name, typ string, v any, fn func(Term) error) error {
	if l, ok := v.([]string); ok {
		for _, x := range l {
			if err := fn(Term{Value: x}); err != nil {
				return err
			}
		}
		return nil
	}
	if name == "document" {
		return fn(Term{IRI: DocumentIRI(v.(string))})
	}
	return fn(literal(typ, v))
}

// Quads calls fn with every statement of g, in a deterministic order: the
// view's description in the default graph, then in the graph ViewIRI(view)
// every node (its classes, dcterms:identifier, attributes, one statement
// per list element; documents rdfs:seeAlso their UN address) and every
// edge, both as an edge resource (type Edge, source, target, attributes)
// and as a direct statement source -predicate-> target (dcterms:references
// for citations, ns#kind for the others). Attributes use a shared
// vocabulary where one fits (rdfs:label, skos:altLabel, dcterms:title,
// dcterms:date), NS otherwise; documents named by an attribute are IRIs;
// dates are xsd:date.
func Quads(g *Graph, fn func(Quad) error) error {
	view := ViewIRI(g.View)
	for _, a := range graphAttrs(g) {
		if err := fn(Quad{S: view, P: NS + "graph_" + a[0], O: Term{Value: a[1]}}); err != nil {
			return err
		}
	}
	emit := func(s, p string, o Term) error { return fn(Quad{S: s, P: p, O: o, Graph: view}) }
	iris := nodeIRIs(g)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		s := iris[i]
		if err := emit(s, rdfType, Term{IRI: NS + kindClass[n.Kind]}); err != nil {
			return err
		}
		if c := sharedClass[n.Kind]; c != "" {
			if err := emit(s, rdfType, Term{IRI: c}); err != nil {
				return err
			}
		}
		if err := emit(s, dctIdentifier, Term{Value: n.ID}); err != nil {
			return err
		}
		if n.Kind == KindDocument {
			if err := emit(s, rdfsSeeAlso, Term{IRI: UNDocsIRI(n.ID)}); err != nil {
				return err
			}
		}
		for _, a := range nodeAttrs {
			v, ok := a.Get(g, n)
			if !ok {
				continue
			}
			p := attrPredicate(a)
			if err := attrTerms(a.Name, a.Type, v, func(o Term) error { return emit(s, p, o) }); err != nil {
				return err
			}
		}
	}
	// A direct statement is made once for parallel edges: an RDF graph is a
	// set.
	direct := make(map[[3]int32]bool, len(g.Edges))
	kinds := map[string]int32{}
	for i := range g.Edges {
		e := &g.Edges[i]
		s := EdgeIRI(g.View, e.ID)
		src, dst := iris[g.index[e.Source]], iris[g.index[e.Target]]
		k, ok := kinds[e.Kind]
		if !ok {
			k = int32(len(kinds))
			kinds[e.Kind] = k
		}
		dkey := [3]int32{int32(g.index[e.Source]), k, int32(g.index[e.Target])}
		for _, q := range []struct {
			p string
			o Term
		}{
			{rdfType, Term{IRI: NS + "Edge"}},
			{dctIdentifier, Term{Value: e.ID}},
			{NS + "source", Term{IRI: src}},
			{NS + "target", Term{IRI: dst}},
		} {
			if err := emit(s, q.p, q.o); err != nil {
				return err
			}
		}
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				p := attrPredicate(a)
				if err := attrTerms(a.Name, a.Type, v, func(o Term) error { return emit(s, p, o) }); err != nil {
					return err
				}
			}
		}
		if direct[dkey] {
			continue
		}
		direct[dkey] = true
		if err := emit(src, edgePredicate(e.Kind), Term{IRI: dst}); err != nil {
			return err
		}
	}
	return nil
}

// WriteNQuads writes g as N-Quads (see Quads).
func WriteNQuads(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf []byte
	err := Quads(g, func(q Quad) error {
		buf = append(q.append(buf[:0]), '\n')
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// jsonldKey is the JSON-LD key of an attribute or edge kind, and the term
// definition the context gives it.
func jsonldTerm(name, typ, predicate string) any {
	def := map[string]any{"@id": predicate}
	switch {
	case typ == typeDouble:
		def["@type"] = xsdDouble // a string, so values round-trip exactly
	case typ == typeDate:
		def["@type"] = xsdDate
	case name == "document":
		def["@type"] = "@id"
	}
	return def
}

// JSONLDContext is the @context of the JSON-LD export: every key maps to
// the predicate the N-Quads use (shared vocabularies where one fits, the
// project's NS otherwise); source, target, seeAlso, documents and the edge
// kinds are IRIs; dates are typed xsd:date; double-valued measures are
// strings typed xsd:double, so values round-trip exactly.
func JSONLDContext() map[string]any {
	ctx := map[string]any{
		"@vocab":     NS,
		"rg":         NS,
		"xsd":        xsd,
		"dcterms":    dctermsNS,
		"rdfs":       rdfsNS,
		"skos":       skosNS,
		"identifier": map[string]any{"@id": dctIdentifier},
		"seeAlso":    map[string]any{"@id": rdfsSeeAlso, "@type": "@id"},
		"source":     map[string]any{"@type": "@id"},
		"target":     map[string]any{"@type": "@id"},
	}
	for _, k := range []string{EdgeObligation, EdgeAddressed, EdgeCoaddressed, EdgeWorksWith, EdgeCondemned, EdgeWelcomed,
		EdgeCites, EdgeContains, EdgeAddressee, EdgeTarget, EdgePartner, EdgeIssues, EdgePartOf, EdgeLedBy} {
		ctx[k] = map[string]any{"@id": edgePredicate(k), "@type": "@id"}
	}
	for _, a := range nodeAttrs {
		ctx[a.Name] = jsonldTerm(a.Name, a.Type, attrPredicate(a))
	}
	for _, a := range edgeAttrs {
		if _, ok := ctx[a.Name]; !ok {
			ctx[a.Name] = jsonldTerm(a.Name, a.Type, attrPredicate(a))
		}
	}
	return ctx
}

// WriteJSONLD writes g as JSON-LD 1.1: a named graph (@id ViewIRI) whose
// @graph holds a node object per node and edge, plus, for each edge, a
// small node object holding the direct statement source -kind-> target.
// It expands to the same statements as WriteNQuads.
func WriteJSONLD(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	ctx, err := json.Marshal(JSONLDContext())
	if err != nil {
		return err
	}
	b := append([]byte(`{"@context":`), ctx...)
	b = append(b, ",\n\"@id\":"...)
	b = appendJSONString(b, ViewIRI(g.View))
	for _, a := range graphAttrs(g) {
		b = append(b, ",\n"...)
		b = appendJSONString(b, "graph_"+a[0])
		b = append(b, ':')
		b = appendJSONString(b, a[1])
	}
	b = append(b, ",\n\"@graph\":["...)
	first := true
	sep := func() {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '\n')
	}
	prop := func(name, typ string, v any) {
		b = append(b, ',', '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		switch {
		case typ == typeDouble:
			b = appendJSONString(b, formatValue(v)) // typed by the context
		case name == "document":
			b = appendJSONString(b, DocumentIRI(v.(string)))
		default:
			b = appendJSON(b, v)
		}
	}
	flush := func() error {
		if len(b) > 32<<10 {
			if _, err := bw.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
		return nil
	}
	iris := nodeIRIs(g)
	direct := make(map[[3]int32]bool, len(g.Edges)) // as in Quads
	kinds := map[string]int32{}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		sep()
		b = append(b, `{"@id":`...)
		b = appendJSONString(b, iris[i])
		b = append(b, `,"@type":`...)
		if c := sharedClass[n.Kind]; c != "" {
			b = append(b, '[')
			b = appendJSONString(b, kindClass[n.Kind])
			b = append(b, ',')
			b = appendJSONString(b, c)
			b = append(b, ']')
		} else {
			b = appendJSONString(b, kindClass[n.Kind])
		}
		b = append(b, `,"identifier":`...)
		b = appendJSONString(b, n.ID)
		if n.Kind == KindDocument {
			b = append(b, `,"seeAlso":`...)
			b = appendJSONString(b, UNDocsIRI(n.ID))
		}
		for _, a := range nodeAttrs {
			if v, ok := a.Get(g, n); ok {
				prop(a.Name, a.Type, v)
			}
		}
		b = append(b, '}')
		if err := flush(); err != nil {
			return err
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		src, dst := iris[g.index[e.Source]], iris[g.index[e.Target]]
		sep()
		b = append(b, `{"@id":`...)
		b = appendJSONString(b, EdgeIRI(g.View, e.ID))
		b = append(b, `,"@type":"Edge","identifier":`...)
		b = appendJSONString(b, e.ID)
		b = append(b, `,"source":`...)
		b = appendJSONString(b, src)
		b = append(b, `,"target":`...)
		b = appendJSONString(b, dst)
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				prop(a.Name, a.Type, v)
			}
		}
		b = append(b, '}')
		k, ok := kinds[e.Kind]
		if !ok {
			k = int32(len(kinds))
			kinds[e.Kind] = k
		}
		dkey := [3]int32{int32(g.index[e.Source]), k, int32(g.index[e.Target])}
		if direct[dkey] {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		direct[dkey] = true
		sep()
		b = append(b, `{"@id":`...)
		b = appendJSONString(b, src)
		b = append(b, ',')
		b = appendJSONString(b, e.Kind)
		b = append(b, ':')
		b = appendJSONString(b, dst)
		b = append(b, '}')
		if err := flush(); err != nil {
			return err
		}
	}
	b = append(b, "]}\n"...)
	if _, err := bw.Write(b); err != nil {
		return err
	}
	return bw.Flush()
}
