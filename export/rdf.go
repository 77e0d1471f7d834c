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
)

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

var kindClass = map[string]string{
	KindActor: "Actor", KindDocument: "Document", KindObligation: "Obligation", KindStance: "Stance",
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
func (q Quad) String() string {
	var b strings.Builder
	b.WriteString("<" + q.S + "> <" + q.P + "> ")
	if q.O.IRI != "" {
		b.WriteString("<" + q.O.IRI + ">")
	} else {
		b.WriteString(quoteLiteral(q.O.Value))
		if q.O.Datatype != "" {
			b.WriteString("^^<" + q.O.Datatype + ">")
		}
	}
	if q.Graph != "" {
		b.WriteString(" <" + q.Graph + ">")
	}
	b.WriteString(" .")
	return b.String()
}

func quoteLiteral(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func literal(typ string, v any) Term {
	s := formatValue(v)
	switch typ {
	case "boolean":
		return Term{Value: s, Datatype: xsdBool}
	case "int":
		return Term{Value: s, Datatype: xsdInt}
	case "double":
		return Term{Value: s, Datatype: xsdDouble}
	}
	return Term{Value: s}
}

// Quads calls fn with every statement of g, in a deterministic order: the
// view's description in the default graph, then in the graph ViewIRI(view)
// every node (type, id, attributes, one alias statement per alias) and every
// edge, both as an edge resource (type Edge, source, target, attributes) and
// as a direct statement source -ns#kind-> target.
func Quads(g *Graph, fn func(Quad) error) error {
	view := ViewIRI(g.View)
	for _, a := range graphAttrs(g) {
		if err := fn(Quad{S: view, P: NS + "graph_" + a[0], O: Term{Value: a[1]}}); err != nil {
			return err
		}
	}
	emit := func(s, p string, o Term) error { return fn(Quad{S: s, P: p, O: o, Graph: view}) }
	for i := range g.Nodes {
		n := &g.Nodes[i]
		s := nodeIRI(n)
		if err := emit(s, rdfType, Term{IRI: NS + kindClass[n.Kind]}); err != nil {
			return err
		}
		if err := emit(s, NS+"id", Term{Value: n.ID}); err != nil {
			return err
		}
		for _, a := range nodeAttrs {
			v, ok := a.Get(g, n)
			if !ok {
				continue
			}
			if a.Name == "aliases" {
				for _, al := range n.Aliases {
					if err := emit(s, NS+"alias", Term{Value: al}); err != nil {
						return err
					}
				}
				continue
			}
			if err := emit(s, NS+a.Name, literal(a.Type, v)); err != nil {
				return err
			}
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		s := EdgeIRI(g.View, e.ID)
		src, dst := nodeIRI(g.Node(e.Source)), nodeIRI(g.Node(e.Target))
		for _, q := range []struct {
			p string
			o Term
		}{
			{rdfType, Term{IRI: NS + "Edge"}},
			{NS + "id", Term{Value: e.ID}},
			{NS + "source", Term{IRI: src}},
			{NS + "target", Term{IRI: dst}},
		} {
			if err := emit(s, q.p, q.o); err != nil {
				return err
			}
		}
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				if err := emit(s, NS+a.Name, literal(a.Type, v)); err != nil {
					return err
				}
			}
		}
		if err := emit(src, NS+e.Kind, Term{IRI: dst}); err != nil {
			return err
		}
	}
	return nil
}

// WriteNQuads writes g as N-Quads (see Quads).
func WriteNQuads(w io.Writer, g *Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := Quads(g, func(q Quad) error {
		_, err := bw.WriteString(q.String() + "\n")
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// JSONLDContext is the @context of the JSON-LD export: every key maps into
// the project's vocabulary (NS); source, target and the edge kinds are IRIs;
// double-valued measures are strings typed xsd:double, so values round-trip
// exactly.
func JSONLDContext() map[string]any {
	ctx := map[string]any{
		"@vocab": NS,
		"rg":     NS,
		"xsd":    xsd,
		"source": map[string]any{"@type": "@id"},
		"target": map[string]any{"@type": "@id"},
	}
	for _, k := range []string{EdgeObligation, EdgeAddressed, EdgeCoaddressed, EdgeCites, EdgeContains,
		EdgeAddressee, EdgeTarget, EdgePartner, EdgeIssues, EdgePartOf, EdgeLedBy} {
		ctx[k] = map[string]any{"@type": "@id"}
	}
	for _, a := range nodeAttrs {
		if a.Type == "double" {
			ctx[a.Name] = map[string]any{"@type": "xsd:double"}
		}
	}
	for _, a := range edgeAttrs {
		if a.Type == "double" {
			ctx[a.Name] = map[string]any{"@type": "xsd:double"}
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
	ew := &errWriter{w: bw}
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil && ew.err == nil {
			ew.err = err
		}
		return string(b)
	}
	ew.WriteString("{\"@context\":" + enc(JSONLDContext()) + ",\n\"@id\":" + enc(ViewIRI(g.View)))
	for _, a := range graphAttrs(g) {
		ew.WriteString(",\n" + enc("graph_"+a[0]) + ":" + enc(a[1]))
	}
	ew.WriteString(",\n\"@graph\":[")
	first := true
	obj := func(s string) {
		if !first {
			ew.WriteString(",")
		}
		first = false
		ew.WriteString("\n" + s)
	}
	value := func(typ string, v any) string {
		if typ == "double" {
			return enc(formatValue(v)) // typed by the context
		}
		return enc(v)
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		var b strings.Builder
		b.WriteString("{\"@id\":" + enc(nodeIRI(n)) + ",\"@type\":" + enc(kindClass[n.Kind]) + ",\"id\":" + enc(n.ID))
		for _, a := range nodeAttrs {
			v, ok := a.Get(g, n)
			if !ok {
				continue
			}
			if a.Name == "aliases" {
				b.WriteString(",\"alias\":" + enc(n.Aliases))
				continue
			}
			b.WriteString("," + enc(a.Name) + ":" + value(a.Type, v))
		}
		b.WriteString("}")
		obj(b.String())
		if ew.err != nil {
			return ew.err
		}
	}
	for i := range g.Edges {
		e := &g.Edges[i]
		src, dst := nodeIRI(g.Node(e.Source)), nodeIRI(g.Node(e.Target))
		var b strings.Builder
		b.WriteString("{\"@id\":" + enc(EdgeIRI(g.View, e.ID)) + ",\"@type\":\"Edge\",\"id\":" + enc(e.ID) +
			",\"source\":" + enc(src) + ",\"target\":" + enc(dst))
		for _, a := range edgeAttrs {
			if v, ok := a.Get(g, e); ok {
				b.WriteString("," + enc(a.Name) + ":" + value(a.Type, v))
			}
		}
		b.WriteString("}")
		obj(b.String())
		obj("{\"@id\":" + enc(src) + "," + enc(e.Kind) + ":" + enc(dst) + "}")
		if ew.err != nil {
			return ew.err
		}
	}
	ew.WriteString("]}\n")
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}
